package table

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/klauspost/compress/zstd"

	"github.com/weir-data/weir/fileio"
	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

func spillTypes() []types.DataType {
	return []types.DataType{types.NewBoolean(), types.NewTinyInt(), types.NewSmallInt(), types.NewInt(), types.NewBigInt(),
		types.NewFloat(), types.NewDouble(), types.NewDecimal(30, 4), types.NewTimestamp(9), types.NewString()}
}

func spillSample(t testing.TB, n int) (*vec.Batch, []int64, []types.RowKind) {
	b, err := vec.NewBatch(spillTypes(), n)
	if err != nil {
		t.Fatal(err)
	}
	var seqs []int64
	var kinds []types.RowKind
	for i := 0; i < n; i++ {
		k := types.RowKind(i % 4)
		if i%7 == 3 {
			_ = b.AppendRow(k, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil)
		} else {
			_ = b.AppendRow(k, i%2 == 0, int8(i), int16(-i), int32(i*3), int64(i)<<40, float32(i)/3, float64(i)/7,
				types.Decimal{Hi: int64(-i), Lo: uint64(i)}, types.Timestamp{Millis: int64(i) * 1000, NanoOfMilli: int32(i % 1000000)},
				strings.Repeat("x", i%5))
		}
		seqs, kinds = append(seqs, int64(100+i)), append(kinds, k)
	}
	return b, seqs, kinds
}

func writeSpillBytes(t testing.TB, compress bool, blocks ...*vec.Batch) []byte {
	t.Helper()
	f, err := os.CreateTemp(t.TempDir(), "s")
	if err != nil {
		t.Fatal(err)
	}
	var enc *zstd.Encoder
	if compress {
		enc, _ = zstd.NewWriter(nil)
	}
	sw := newSpillWriter(f, enc)
	for _, b := range blocks {
		seqs := make([]int64, b.Len)
		kinds := make([]types.RowKind, b.Len)
		for i := range seqs {
			seqs[i], kinds[i] = int64(100+i), b.Kind(i)
		}
		sw.writeBlock(b, seqs, kinds)
	}
	if err := sw.finish(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	data, err := os.ReadFile(f.Name())
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func readSpillBytes(data []byte) ([]string, error) {
	dec, _ := zstd.NewReader(nil)
	defer dec.Close()
	sr, err := newSpillReader("test", bytes.NewReader(data), nil, spillTypes(), dec)
	if err != nil {
		return nil, err
	}
	var rows []string
	for {
		err := sr.next()
		if errors.Is(err, io.EOF) {
			return rows, nil
		}
		if err != nil {
			return rows, err
		}
		b, seqs, kinds := sr.block()
		for r := 0; r < b.Len; r++ {
			rows = append(rows, fmt.Sprintf("%s %d %v", kinds[r], seqs[r], b.Row(r)))
		}
	}
}

func TestSpillFileRoundTrip(t *testing.T) {
	b, _, _ := spillSample(t, 300)
	var want []string
	for r := 0; r < b.Len; r++ {
		want = append(want, fmt.Sprintf("%s %d %v", b.Kind(r), 100+r, b.Row(r)))
	}
	// A block that starts mid-vector (offsets not from 0) after slicing.
	tail := b.Slice(250, 300)
	for _, compress := range []bool{false, true} {
		data := writeSpillBytes(t, compress, b.Slice(0, 0), b, tail)
		got, err := readSpillBytes(data)
		if err != nil {
			t.Fatalf("compress=%v: %v", compress, err)
		}
		var wantAll []string
		wantAll = append(wantAll, want...)
		for r := 0; r < tail.Len; r++ {
			wantAll = append(wantAll, fmt.Sprintf("%s %d %v", tail.Kind(r), 100+r, tail.Row(r)))
		}
		if strings.Join(got, "\n") != strings.Join(wantAll, "\n") {
			t.Fatalf("compress=%v: round trip differs (%d rows, want %d)", compress, len(got), len(wantAll))
		}
	}
}

func TestSpillFileCorruption(t *testing.T) {
	b, _, _ := spillSample(t, 50)
	good := writeSpillBytes(t, true, b)
	for _, tc := range []struct {
		name string
		mut  func([]byte) []byte
	}{
		{"flipped payload byte", func(d []byte) []byte { d[len(spillMagic)+20] ^= 0x40; return d }},
		{"truncated", func(d []byte) []byte { return d[:len(d)-9] }},
		{"no trailer", func(d []byte) []byte { return d[:len(d)-16] }},
		{"bad magic", func(d []byte) []byte { d[0] = 'X'; return d }},
		{"huge block", func(d []byte) []byte { copy(d[len(spillMagic):], []byte{0xfe, 0xff, 0xff, 0x7f}); return d }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := readSpillBytes(tc.mut(bytes.Clone(good)))
			if !errors.Is(err, errSpillCorrupt) {
				t.Fatalf("err = %v, want errSpillCorrupt", err)
			}
		})
	}
}

func FuzzDecodeSpillBlock(f *testing.F) {
	b, seqs, kinds := spillSample(f, 20)
	p := binaryAppendBlock(b, seqs, kinds)
	f.Add(p)
	f.Add([]byte{0})
	f.Fuzz(func(t *testing.T, data []byte) {
		out, _ := vec.NewBatch(spillTypes(), 0)
		var s []int64
		var k []types.RowKind
		n, err := decodeSpillBlock(data, out, &s, &k)
		if err != nil {
			return
		}
		if out.Len != n || len(s) != n || len(k) != n {
			t.Fatalf("decoded %d rows, batch %d, seqs %d, kinds %d", n, out.Len, len(s), len(k))
		}
		for r := 0; r < n; r++ {
			_ = out.Row(r) // every value readable
		}
		if again := binaryAppendBlock(out, s, k); !bytes.Equal(again, data) {
			t.Fatal("decode/encode is not the identity")
		}
	})
}

// binaryAppendBlock is the block payload writeBlock compresses.
func binaryAppendBlock(b *vec.Batch, seqs []int64, kinds []types.RowKind) []byte {
	return appendBlockPayload(nil, b, seqs, kinds)
}

// spillOrders writes the same random upserts to two tables, one spilling
// and one not, with a buffer that fills many times per commit.
func TestSpillSameContentFewerFiles(t *testing.T) {
	for _, engine := range []map[string]string{
		{},
		{"merge-engine": "partial-update", "ignore-delete": "true"},
		{"merge-engine": "aggregation", "fields.amount.aggregate-function": "sum"},
	} {
		t.Run(fmt.Sprint(engine), func(t *testing.T) {
			ctx := context.Background()
			tables := map[string]*Table{}
			for _, spill := range []string{"true", "false"} {
				o := map[string]string{"bucket": "2", "write-buffer-size": "8 kb", "write-buffer-spillable": spill,
					"write-only": "true", "local-sort.max-num-file-handles": "6"}
				for k, v := range engine {
					o[k] = v
				}
				tables[spill] = createTable(t, fileio.NewMemory(), "t", ordersFields(), []string{"region"}, []string{"region", "id"}, o)
			}
			rng := rand.New(rand.NewPCG(5, 6))
			for c := int64(1); c <= 3; c++ {
				var batches [][]orderRow
				for i := 0; i < 20; i++ {
					var rows []orderRow
					for j := 0; j < 40; j++ {
						kind := types.Insert
						if rng.IntN(6) == 0 {
							kind = types.Delete
						}
						var note any = fmt.Sprintf("n%d", rng.IntN(100))
						if rng.IntN(4) == 0 {
							note = nil
						}
						rows = append(rows, orderRow{kind, []string{"eu", "us"}[rng.IntN(2)], int64(rng.IntN(150)), int64(rng.IntN(1000)), note})
					}
					batches = append(batches, rows)
				}
				for _, tbl := range tables {
					var bs []*vec.Batch
					for _, rows := range batches {
						bs = append(bs, ordersBatch(t, tbl, rows))
					}
					writeCommit(t, tbl, "u", c, bs...)
				}
			}
			on, off := tables["true"], tables["false"]
			checkRows(t, "spilled vs in-memory", readAll(t, on, ScanOptions{}, nil), readAll(t, off, ScanOptions{}, nil))
			count := func(tbl *Table) int {
				plan, err := tbl.PlanFiles(ctx, ScanOptions{})
				if err != nil {
					t.Fatal(err)
				}
				n := 0
				for _, s := range plan.Splits {
					n += len(s.Files)
				}
				return n
			}
			nOn, nOff := count(on), count(off)
			if nOn*3 > nOff {
				t.Fatalf("level-0 files: %d with spill, %d without; want far fewer with spill", nOn, nOff)
			}
			t.Logf("level-0 files: %d with spill, %d without", nOn, nOff)
			if err := CheckTable(ctx, on); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func TestSpillCorruptRunAndCleanup(t *testing.T) {
	ctx := context.Background()
	tbl := createTable(t, fileio.NewMemory(), "t", ordersFields(), nil, []string{"region", "id"},
		map[string]string{"bucket": "1", "write-buffer-size": "4 kb", "write-buffer-spillable": "true", "write-only": "true"})
	w, err := tbl.NewWriter(ctx, WriterOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 10; i++ {
		var rows []orderRow
		for j := 0; j < 50; j++ {
			rows = append(rows, orderRow{types.Insert, "eu", int64(i*50 + j), 1, "note"})
		}
		if err := w.Write(ctx, ordersBatch(t, tbl, rows)); err != nil {
			t.Fatal(err)
		}
	}
	dir := w.spill.dir
	runs, _ := filepath.Glob(filepath.Join(dir, "*.spill"))
	if dir == "" || len(runs) == 0 {
		t.Fatalf("nothing spilled (dir %q)", dir)
	}
	data, _ := os.ReadFile(runs[0])
	data[len(data)/2] ^= 0xff
	if err := os.WriteFile(runs[0], data, 0o600); err != nil {
		t.Fatal(err)
	}
	_, err = w.Prepare(ctx)
	if !errors.Is(err, errSpillCorrupt) || !strings.Contains(err.Error(), runs[0]) || !strings.Contains(err.Error(), "default.t") {
		t.Fatalf("Prepare over a corrupt spill run: %v", err)
	}
	if err := w.Close(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Fatalf("spill directory %s left after Close: %v", dir, err)
	}
}

func TestSpillDefault(t *testing.T) {
	for _, tc := range []struct {
		opts      map[string]string
		pk        []string
		streaming bool
		want      bool
	}{
		{nil, []string{"id"}, false, true}, // batch writes spill (Java's default)
		{nil, []string{"id"}, true, false}, // streaming to a local/memory store does not
		{map[string]string{"write-buffer-spillable": "true"}, []string{"id"}, true, true},
		{map[string]string{"write-buffer-spillable": "false"}, []string{"id"}, false, false},
		{nil, nil, false, false}, // append tables never sort, so never spill
	} {
		o := map[string]string{"bucket": "1"}
		for k, v := range tc.opts {
			o[k] = v
		}
		if tc.pk == nil {
			o["bucket-key"] = "id"
		}
		tbl := createTable(t, fileio.NewMemory(), "t", ordersFields(), nil, tc.pk, o)
		if got := tbl.spillEnabled(tc.streaming); got != tc.want {
			t.Errorf("%v pk=%v streaming=%v: spill %v, want %v", tc.opts, tc.pk, tc.streaming, got, tc.want)
		}
	}
}
