package deletionvector

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"math"
	"os"
	"slices"
	"testing"

	"github.com/weir-data/weir/internal/fixture"
)

// Ranges as recorded in the fixtures' index manifests
// (_DELETIONS_VECTORS_RANGES), with the positions each vector deletes.
var fixtureVectors = []struct {
	table, file    string
	offset, length int32
	deleted        []int64
}{
	// pk_09, bucket 0: data-0f3a001e-...-1 and -0 each lose row 0.
	{"pk_09", "index-ff7801ad-df90-49b2-9619-586eab9c68e3-0", 1, 22, []int64{0}},
	{"pk_09", "index-ff7801ad-df90-49b2-9619-586eab9c68e3-0", 31, 22, []int64{0}},
	// pk_09, bucket 1: data-6d416200-...-0 loses row 4.
	{"pk_09", "index-ff7801ad-df90-49b2-9619-586eab9c68e3-1", 1, 22, []int64{4}},
	// pk_table_with_alter_table (Paimon 1.x, with _CARDINALITY 1, 2, 3).
	{"pk_table_with_alter_table", "index-84326ea4-5d74-40a2-8a08-9d43d29f657a-0", 1, 22, []int64{1}},
	{"pk_table_with_alter_table", "index-84326ea4-5d74-40a2-8a08-9d43d29f657a-1", 1, 24, []int64{2, 6}},
	{"pk_table_with_alter_table", "index-c93829f3-1a72-4d88-8401-70663ce46426-1", 1, 26, []int64{2, 3, 6}},
}

func readIndexFile(t testing.TB, table, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(fixture.Path(t, "parquet", table+".db", table, "index", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestReadVectorFixtures(t *testing.T) {
	for _, tt := range fixtureVectors {
		t.Run(tt.file, func(t *testing.T) {
			data := readIndexFile(t, tt.table, tt.file)
			v, err := ReadVector(data, tt.offset, tt.length)
			if err != nil {
				t.Fatal(err)
			}
			if got := v.Positions(); !slices.Equal(got, tt.deleted) {
				t.Fatalf("deleted = %v, want %v", got, tt.deleted)
			}
			for p := int64(0); p < 10; p++ {
				if v.IsDeleted(p) != slices.Contains(tt.deleted, p) {
					t.Errorf("IsDeleted(%d) = %v", p, v.IsDeleted(p))
				}
			}
			ranged := data[tt.offset:min(len(data), int(tt.offset+tt.length+8))]
			if pv, err := ParseVector(ranged, tt.length); err != nil || !pv.Equal(v) {
				t.Errorf("ParseVector of the ranged read = %v, %v", pv, err)
			}
			if _, err := ReadVector(data, tt.offset, tt.length+1); err == nil {
				t.Error("wrong recorded length accepted")
			}
		})
	}
}

// Re-encoding every fixture index file's vectors reproduces Java's bytes.
func TestEncodeFileMatchesJava(t *testing.T) {
	files := []struct{ table, file string }{
		{"pk_09", "index-ff7801ad-df90-49b2-9619-586eab9c68e3-0"},
		{"pk_09", "index-ff7801ad-df90-49b2-9619-586eab9c68e3-1"},
		{"pk_09", "index-ff7801ad-df90-49b2-9619-586eab9c68e3-2"}, // no vectors: just the version byte
		{"pk_table_with_alter_table", "index-84326ea4-5d74-40a2-8a08-9d43d29f657a-0"},
		{"pk_table_with_alter_table", "index-84326ea4-5d74-40a2-8a08-9d43d29f657a-1"},
		{"pk_table_with_alter_table", "index-c93829f3-1a72-4d88-8401-70663ce46426-0"},
		{"pk_table_with_alter_table", "index-c93829f3-1a72-4d88-8401-70663ce46426-1"},
	}
	for _, f := range files {
		t.Run(f.file, func(t *testing.T) {
			data := readIndexFile(t, f.table, f.file)
			vectors, ranges, err := ReadAll(data)
			if err != nil {
				t.Fatal(err)
			}
			out, outRanges, err := EncodeFile(vectors)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(out, data) {
				t.Fatalf("encoded\n %x\nwant\n %x", out, data)
			}
			if !slices.Equal(outRanges, ranges) {
				t.Fatalf("ranges = %v, want %v", outRanges, ranges)
			}
		})
	}
	// The two-vector pk_09 file: ranges at offsets 1 and 31, length 22.
	_, ranges, err := ReadAll(readIndexFile(t, "pk_09", "index-ff7801ad-df90-49b2-9619-586eab9c68e3-0"))
	if err != nil {
		t.Fatal(err)
	}
	want := []Range{{Offset: 1, Length: 22, Cardinality: 1}, {Offset: 31, Length: 22, Cardinality: 1}}
	if !slices.Equal(ranges, want) {
		t.Fatalf("ranges = %v, want %v", ranges, want)
	}
}

func TestRoundTrip(t *testing.T) {
	sets := map[string][]int64{
		"empty":          nil,
		"single":         {7},
		"run":            seq(0, 10000, 1),
		"bitmap":         seq(0, 100000, 2),
		"many":           seq(0, 1<<22, 977),
		"max32":          {0, math.MaxInt32},
		"array+run+bits": append(append(seq(0, 50, 3), seq(70000, 80000, 1)...), seq(200000, 260000, 2)...),
	}
	for name, positions := range sets {
		t.Run(name, func(t *testing.T) {
			v, err := Of(positions...)
			if err != nil {
				t.Fatal(err)
			}
			for _, enc := range []struct {
				name string
				fn   func([]*Vector) ([]byte, []Range, error)
			}{{"32", EncodeFile}, {"64", EncodeFile64}} {
				data, ranges, err := enc.fn([]*Vector{v, v})
				if err != nil {
					t.Fatalf("%s: %v", enc.name, err)
				}
				if data[0] != FileVersion || len(ranges) != 2 || ranges[0].Offset != 1 {
					t.Fatalf("%s: bad layout: ranges %v", enc.name, ranges)
				}
				for _, r := range ranges {
					got, err := ReadVector(data, r.Offset, r.Length)
					if err != nil {
						t.Fatalf("%s: %v", enc.name, err)
					}
					if !got.Equal(v) || r.Cardinality != v.Cardinality() {
						t.Fatalf("%s: round trip changed the vector", enc.name)
					}
				}
				all, allRanges, err := ReadAll(data)
				if err != nil || len(all) != 2 || !slices.Equal(allRanges, ranges) {
					t.Fatalf("%s: ReadAll = %d vectors, %v, %v", enc.name, len(all), allRanges, err)
				}
			}
		})
	}
}

func TestBitmap64(t *testing.T) {
	v, _ := Of(1, 1<<32+5, 3<<32)
	if _, _, err := EncodeFile([]*Vector{v}); !errors.Is(err, ErrPosition) {
		t.Fatalf("32-bit encoding of a position above MaxInt32: err = %v", err)
	}
	data, ranges, err := EncodeFile64([]*Vector{v})
	if err != nil {
		t.Fatal(err)
	}
	r := ranges[0]
	size := binary.BigEndian.Uint32(data[1:])
	if int64(r.Length) != int64(size)+8 {
		t.Errorf("64-bit range length %d, want size %d + 8", r.Length, size)
	}
	if got := int32(binary.LittleEndian.Uint32(data[5:])); got != Magic64 {
		t.Errorf("magic = %d, want %d little-endian", got, Magic64)
	}
	// Java writes one bitmap per high key up to the largest (0..3).
	if n := binary.LittleEndian.Uint64(data[9:]); n != 4 {
		t.Errorf("bitmap count = %d, want 4", n)
	}
	got, err := ReadVector(data, r.Offset, r.Length)
	if err != nil {
		t.Fatal(err)
	}
	if !got.Equal(v) {
		t.Fatalf("got %v, want %v", got.Positions(), v.Positions())
	}
}

func TestReadVectorErrors(t *testing.T) {
	good := readIndexFile(t, "pk_09", "index-ff7801ad-df90-49b2-9619-586eab9c68e3-1")
	mutate := func(f func(b []byte) []byte) []byte { return f(slices.Clone(good)) }
	tests := []struct {
		name           string
		data           []byte
		offset, length int32
	}{
		{"empty file", nil, 1, 22},
		{"bad version", mutate(func(b []byte) []byte { b[0] = 2; return b }), 1, 22},
		{"offset zero", good, 0, 22},
		{"offset past end", good, 100, 22},
		{"truncated", good[:20], 1, 22},
		{"bad crc", mutate(func(b []byte) []byte { b[len(b)-1] ^= 1; return b }), 1, 22},
		{"flipped bitmap bit", mutate(func(b []byte) []byte { b[20] ^= 1; return b }), 1, 22},
		{"bad magic", mutate(func(b []byte) []byte { b[5] = 0; return b }), 1, 22},
		{"huge size", mutate(func(b []byte) []byte { binary.BigEndian.PutUint32(b[1:], math.MaxInt32); return b }), 1, 22},
		{"negative size", mutate(func(b []byte) []byte { binary.BigEndian.PutUint32(b[1:], 0xffffffff); return b }), 1, 22},
		{"length mismatch", good, 1, 30},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := ReadVector(tt.data, tt.offset, tt.length); err == nil {
				t.Fatal("expected an error")
			}
		})
	}
}

func FuzzReadAll(f *testing.F) {
	for _, tt := range fixtureVectors {
		f.Add(readIndexFile(f, tt.table, tt.file))
	}
	v, _ := Of(append(seq(0, 20000, 1), seq(70000, 140000, 3)...)...)
	d32, _, _ := EncodeFile([]*Vector{v})
	v64, _ := Of(5, 1<<33)
	d64, _, _ := EncodeFile64([]*Vector{v64})
	f.Add(d32)
	f.Add(d64)
	f.Fuzz(func(t *testing.T, data []byte) {
		vectors, ranges, err := ReadAll(data)
		if err != nil {
			return
		}
		for i, r := range ranges {
			got, err := ReadVector(data, r.Offset, r.Length)
			if err != nil {
				t.Fatalf("ReadAll accepted vector %d but ReadVector fails: %v", i, err)
			}
			if !got.Equal(vectors[i]) {
				t.Fatalf("vector %d differs between ReadAll and ReadVector", i)
			}
		}
	})
}

// withCRC wraps magic+bitmap bytes as one serialized vector of an index file
// with a correct size and CRC, so that only the bitmap itself is at fault.
func withCRC(body []byte) []byte {
	out := []byte{FileVersion}
	out = binary.BigEndian.AppendUint32(out, uint32(len(body)))
	out = append(out, body...)
	return binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE(body))
}

func TestReadVectorCorruptBitmap(t *testing.T) {
	magic := binary.BigEndian.AppendUint32(nil, uint32(Magic32))
	le := binary.LittleEndian
	// One array container (key 0) of two values.
	array := func(a, b uint16) []byte {
		bm := le.AppendUint32(slices.Clone(magic), 12346)
		bm = le.AppendUint32(bm, 1)
		bm = le.AppendUint16(bm, 0)
		bm = le.AppendUint16(bm, 1) // cardinality - 1
		bm = le.AppendUint32(bm, 16)
		bm = le.AppendUint16(bm, a)
		return le.AppendUint16(bm, b)
	}
	if v, err := ReadVector(withCRC(array(3, 5)), 1, 4+20); err != nil || !slices.Equal(v.Positions(), []int64{3, 5}) {
		t.Fatalf("valid hand-made vector: %v, %v", v, err)
	}
	tests := map[string][]byte{
		"unsorted array":   array(5, 3),
		"duplicate values": array(3, 3),
		"bad cookie":       append(slices.Clone(magic), 1, 2, 3, 4),
		"trailing bytes":   append(array(3, 5), 0),
		"truncated":        array(3, 5)[:20],
	}
	for name, body := range tests {
		t.Run(name, func(t *testing.T) {
			if _, err := ReadVector(withCRC(body), 1, int32(len(body))); err == nil {
				t.Fatal("expected an error")
			}
		})
	}
}

// 64-bit vectors with gaps between keys write (and read back) empty bitmaps.
func TestBitmap64Gaps(t *testing.T) {
	v, _ := Of(7<<32 + 1)
	data, ranges, err := EncodeFile64([]*Vector{v, New()})
	if err != nil {
		t.Fatal(err)
	}
	if n := binary.LittleEndian.Uint64(data[9:]); n != 8 {
		t.Errorf("bitmap count = %d, want 8", n)
	}
	all, _, err := ReadAll(data)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 2 || !all[0].Equal(v) || !all[1].IsEmpty() || ranges[1].Cardinality != 0 {
		t.Fatalf("read back %v", all)
	}
	huge, _ := Of(math.MaxInt64)
	if _, _, err := EncodeFile64([]*Vector{huge}); !errors.Is(err, ErrPosition) {
		t.Fatalf("EncodeFile64 of MaxInt64: err = %v", err)
	}
}
