package bucket

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"testing"

	"github.com/weir-data/weir/internal/fixture"
	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// The bucket-id vectors (from paimon-cpp's test data) are JSON-like lines
// `[v0, ..., vN, bucket],`, one per row, with the bucket Java's
// FixedBucketRowKeyExtractor computed for 12345 buckets. Timestamps are epoch
// nanoseconds (TIMESTAMP(9)), decimals strings, binaries JSON strings.
var (
	recordTypes = []types.DataType{
		types.NewBoolean(), types.NewTinyInt(), types.NewSmallInt(), types.NewInt(), types.NewBigInt(),
		types.NewFloat(), types.NewDouble(), types.NewDate(), types.NewTimestamp(9), types.NewDecimal(30, 20),
		types.NewString(), types.NewBytes(),
	}
	recordWithNullTypes = []types.DataType{
		types.NewBoolean(), types.NewTinyInt(), types.NewSmallInt(), types.NewInt(), types.NewBigInt(),
		types.NewFloat(), types.NewDouble(), types.NewDate(), types.NewTimestamp(9), types.NewDecimal(5, 2),
		types.NewDecimal(30, 2), types.NewString(), types.NewBytes(),
	}
)

const fixtureBuckets = 12345

func TestJavaBucketVectors(t *testing.T) {
	for _, tc := range []struct {
		file  string
		types []types.DataType
	}{
		{"record_for_bucket_id.data", recordTypes},
		{"record_with_null_for_bucket_id.data", recordWithNullTypes},
	} {
		t.Run(tc.file, func(t *testing.T) {
			raw, err := os.ReadFile(fixture.Path(t, tc.file))
			if err != nil {
				t.Fatal(err)
			}
			b, want := loadVectors(t, raw, tc.types)
			if b.Len != 5000 {
				t.Fatalf("read %d rows, want 5000", b.Len)
			}
			cols := make([]int, len(tc.types))
			for i := range cols {
				cols[i] = i
			}
			h, err := NewKeyHasher(tc.types, cols)
			if err != nil {
				t.Fatal(err)
			}
			got, err := h.Buckets(nil, b, fixtureBuckets)
			if err != nil {
				t.Fatal(err)
			}
			bad := 0
			for i := range got {
				if got[i] != want[i] {
					if bad++; bad <= 5 {
						t.Errorf("row %d %v: bucket %d, Java %d", i, b.Row(i), got[i], want[i])
					}
				}
			}
			if bad > 0 {
				t.Fatalf("%d of %d buckets differ from Java", bad, len(got))
			}
		})
	}
}

// Extra rows with Java-computed buckets from paimon-cpp's TestVariantType
// (extreme values: MIN/MAX integers, float limits, subnormals, the widest
// timestamps and decimals, multi-byte UTF-8).
func TestJavaBucketEdgeValues(t *testing.T) {
	const poem = "olá mundo，你好世界。Two roads diverged in a wood, and I took the one less traveled by, And that has made all the difference."
	raw := []byte(`[true, 10, 200, 65536, 123456789, 0.0, 0.0, 2000, -86399999999500, "2134.48690000000000000009", "` + poem + `", "Alice", 11275],
[false, -128, -32768, -2147483648, -9223372036854775808, -3.4028235E38, -1.7976931348623157E308, -719528, -9223372036854775808, "-999999999999999999.99999999999999999999", "Alice", "` + poem + `", 12272],
[true, 127, 32767, 2147483647, 9223372036854775807, 3.4028235E38, 1.7976931348623157E308, 2932896, 9223372036854775807, "999999999999999999.99999999999999999999", "Alice", "` + poem + `", 6549],
[true, 0, 0, 0, 0, 1.4E-45, 4.9E-324, 0, 0, "0.00000000000000000000", "Alice", "` + poem + `", 11795],
`)
	b, want := loadVectors(t, raw, recordTypes)
	h, err := NewKeyHasher(recordTypes, []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11})
	if err != nil {
		t.Fatal(err)
	}
	got, err := h.Buckets(nil, b, fixtureBuckets)
	if err != nil {
		t.Fatal(err)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("row %d: bucket %d, want %d", i, got[i], want[i])
		}
	}
}

// loadVectors parses the rows into a batch and returns the expected buckets.
func loadVectors(t *testing.T, raw []byte, ts []types.DataType) (*vec.Batch, []int) {
	t.Helper()
	raw = bytes.TrimRight(raw, ",\n\r ")
	dec := json.NewDecoder(bytes.NewReader(append(append([]byte("["), raw...), ']')))
	dec.UseNumber()
	var rows [][]any
	if err := dec.Decode(&rows); err != nil {
		t.Fatalf("parse vectors: %v", err)
	}
	b, err := vec.NewBatch(ts, len(rows))
	if err != nil {
		t.Fatal(err)
	}
	want := make([]int, len(rows))
	for r, row := range rows {
		if len(row) != len(ts)+1 {
			t.Fatalf("row %d has %d values, want %d", r, len(row), len(ts)+1)
		}
		vals := make([]any, len(ts))
		for i, typ := range ts {
			v, err := convert(typ, row[i])
			if err != nil {
				t.Fatalf("row %d field %d: %v", r, i, err)
			}
			vals[i] = v
		}
		if err := b.AppendRow(types.Insert, vals...); err != nil {
			t.Fatal(err)
		}
		n, err := row[len(ts)].(json.Number).Int64()
		if err != nil {
			t.Fatalf("row %d bucket: %v", r, err)
		}
		want[r] = int(n)
	}
	return b, want
}

func convert(t types.DataType, v any) (any, error) {
	if v == nil {
		return nil, nil
	}
	num := func() string { s, _ := v.(json.Number); return string(s) }
	str := func() string { s, _ := v.(string); return s }
	switch t.Root {
	case types.Boolean:
		x, ok := v.(bool)
		if !ok {
			return nil, fmt.Errorf("want bool, got %T", v)
		}
		return x, nil
	case types.TinyInt:
		n, err := strconv.ParseInt(num(), 10, 8)
		return int8(n), err
	case types.SmallInt:
		n, err := strconv.ParseInt(num(), 10, 16)
		return int16(n), err
	case types.Int, types.Date:
		n, err := strconv.ParseInt(num(), 10, 32)
		return int32(n), err
	case types.BigInt:
		return strconv.ParseInt(num(), 10, 64)
	case types.Float:
		f, err := strconv.ParseFloat(num(), 32)
		return float32(f), err
	case types.Double:
		return strconv.ParseFloat(num(), 64)
	case types.TimestampRoot:
		n, err := strconv.ParseInt(num(), 10, 64)
		return types.TimestampFromEpochNanos(n), err
	case types.DecimalRoot:
		// Arrow's JSON reader (which fed these rows to the C++ side) does not
		// enforce the precision; the edge rows hold 38-digit values.
		return types.ParseDecimal(str(), types.MaxDecimalPrecision, t.Scale)
	case types.VarChar:
		return str(), nil
	case types.VarBinary:
		return []byte(str()), nil
	}
	return nil, fmt.Errorf("unexpected type %s", t)
}
