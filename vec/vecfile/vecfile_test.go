package vecfile

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"testing"

	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

var allTypes = []types.DataType{types.NewBoolean(), types.NewTinyInt(), types.NewSmallInt(), types.NewInt(), types.NewBigInt(),
	types.NewFloat(), types.NewDouble(), types.NewDecimal(10, 2), types.NewDecimal(30, 4), types.NewTimestamp(9), types.NewString(), types.NewDate()}

func randomBatch(r *rand.Rand, n int, kinds bool) *vec.Batch {
	b, _ := vec.NewBatch(allTypes, n)
	for i := 0; i < n; i++ {
		row := []any{r.IntN(2) == 0, int8(r.IntN(256) - 128), int16(r.IntN(1000)), int32(r.IntN(1 << 30)), r.Int64(),
			float32(r.Float64()), r.NormFloat64(), types.DecimalFromInt64(r.Int64N(1e9)), types.DecimalFromInt64(-r.Int64()),
			types.TimestampFromEpochNanos(r.Int64N(1e18)), fmt.Sprintf("s%d-日本", r.IntN(1000)), int32(r.IntN(30000))}
		for c := range row {
			if r.IntN(7) == 0 {
				row[c] = nil
			}
		}
		kind := types.Insert
		if kinds {
			kind = types.RowKind(r.IntN(4))
		}
		b.AppendRow(kind, row...)
	}
	if !kinds {
		b.Kinds = nil
	}
	return b
}

func TestRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	var buf bytes.Buffer
	w := NewWriter(&buf)
	var want []string
	for i := 0; i < 20; i++ {
		b := randomBatch(r, 1+r.IntN(300), i%2 == 0)
		// A slice of a batch: offsets not starting at 0.
		if i%5 == 4 {
			b = b.Slice(3, b.Len)
		}
		for j := 0; j < b.Len; j++ {
			want = append(want, fmt.Sprint(b.Kind(j), b.Row(j)))
		}
		if err := w.Write(b); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	rd, err := NewReader(bytes.NewReader(buf.Bytes()), "test", allTypes)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for {
		b, err := rd.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		for j := 0; j < b.Len; j++ {
			got = append(got, fmt.Sprint(b.Kind(j), b.Row(j)))
		}
	}
	if len(got) != len(want) {
		t.Fatalf("%d rows, want %d", len(got), len(want))
	}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("row %d: %s, want %s", i, got[i], want[i])
		}
	}
}

func TestCorruption(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	var buf bytes.Buffer
	w := NewWriter(&buf)
	w.Write(randomBatch(r, 100, true))
	w.Close()
	data := buf.Bytes()
	for _, tc := range []struct {
		name string
		data []byte
	}{
		{"truncated", data[:len(data)-5]},
		{"no trailer", data[:len(data)-12]},
		{"flipped", func() []byte { d := bytes.Clone(data); d[20] ^= 0xff; return d }()},
		{"bad magic", append([]byte("XXXXXXXX"), data[8:]...)},
	} {
		err := readAll(tc.data)
		if !errors.Is(err, ErrCorrupt) {
			t.Errorf("%s: %v", tc.name, err)
		}
	}
}

func readAll(data []byte) error {
	rd, err := NewReader(bytes.NewReader(data), "f", allTypes)
	if err != nil {
		return err
	}
	for {
		if _, err := rd.Next(); err != nil {
			if err == io.EOF {
				return nil
			}
			return err
		}
	}
}

func FuzzReader(f *testing.F) {
	r := rand.New(rand.NewPCG(5, 6))
	var buf bytes.Buffer
	w := NewWriter(&buf)
	w.Write(randomBatch(r, 10, true))
	w.Close()
	f.Add(buf.Bytes())
	f.Fuzz(func(t *testing.T, data []byte) {
		_ = readAll(data) // must not panic
	})
}
