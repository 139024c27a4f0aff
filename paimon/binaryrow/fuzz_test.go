package binaryrow

import (
	"testing"

	"github.com/weir-data/weir/types"
)

// fuzzSchemas are the field lists FuzzDecode reads arbitrary bytes with.
var fuzzSchemas = [][]types.DataType{
	{types.NewInt(), types.NewString()},
	{types.NewDecimal(38, 4), types.NewTimestamp(9), types.NewBytes()},
	{types.NewBoolean(), types.NewTinyInt(), types.NewSmallInt(), types.NewBigInt(), types.NewFloat(), types.NewDouble(),
		types.NewDecimal(10, 2), types.NewTimestamp(3), types.NewDate(), types.NewChar(3)},
}

// FuzzDecode checks that decoding arbitrary bytes never panics and that a row
// that decodes re-encodes to a row that decodes to the same values.
func FuzzDecode(f *testing.F) {
	seeds := [][]any{
		{int32(1), "short"},
		{types.DecimalFromInt64(-1), types.Timestamp{Millis: -5, NanoOfMilli: 7}, []byte("some longer binary value")},
		{true, int8(1), int16(2), int64(3), float32(4), float64(5), types.DecimalFromInt64(6), types.Timestamp{Millis: 7}, int32(8), "abc"},
	}
	for i, s := range seeds {
		b, err := Encode(fuzzSchemas[i], s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(uint8(i), b)
		f.Add(uint8(i), b[:len(b)-1])
	}
	f.Fuzz(func(t *testing.T, schema uint8, data []byte) {
		ts := fuzzSchemas[int(schema)%len(fuzzSchemas)]
		vals, err := Decode(ts, data)
		if r, err := NewRow(ts, data); err == nil {
			_, _ = Compare(r, r)
			_, _ = r.Kind()
		}
		_, _, _ = Deserialize(data)
		_ = Hash(data)
		if err != nil {
			return
		}
		enc, err := Encode(ts, vals)
		if err != nil {
			t.Fatalf("re-encode %v: %v", vals, err)
		}
		again, err := Decode(ts, enc)
		if err != nil {
			t.Fatalf("decode re-encoded: %v", err)
		}
		for i := range vals {
			if !equalValue(again[i], vals[i], ts[i]) {
				t.Fatalf("field %d: %#v != %#v", i, again[i], vals[i])
			}
		}
	})
}
