package binaryrow

import (
	"encoding/binary"
	"math"
	"testing"

	"github.com/weir-data/weir/types"
)

func TestDecodeCorrupt(t *testing.T) {
	str := []types.DataType{types.NewString()}
	dec := []types.DataType{types.NewDecimal(30, 2)}
	ts := []types.DataType{types.NewTimestamp(9)}
	slot := func(v uint64) []byte {
		b := make([]byte, 16)
		binary.LittleEndian.PutUint64(b[8:], v)
		return b
	}
	tests := []struct {
		name  string
		types []types.DataType
		data  []byte
	}{
		{"short fixed part", str, make([]byte, 15)},
		{"offset past end", str, slot(100<<32 | 8)},
		{"length past end", str, append(slot(16<<32|9), make([]byte, 8)...)},
		{"offset into fixed part", str, slot(0<<32 | 8)},
		{"huge length", str, append(slot(16<<32|0xffffffff), make([]byte, 8)...)},
		{"inline length 8", str, slot(0x88 << 56)},
		{"decimal 0 bytes", dec, append(slot(16<<32), make([]byte, 16)...)},
		{"decimal 17 bytes", dec, append(slot(16<<32|17), make([]byte, 24)...)},
		{"decimal past end", dec, slot(16<<32 | 4)},
		{"timestamp nanos too big", ts, append(slot(16<<32|1_000_000), make([]byte, 8)...)},
		{"timestamp past end", ts, slot(16 << 32)},
		{"unsupported type", []types.DataType{{Root: types.Map}}, make([]byte, 16)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := Decode(tc.types, tc.data); err == nil {
				t.Errorf("Decode(%x) succeeded", tc.data)
			}
		})
	}
	r, err := NewRow(str, make([]byte, 16))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.Value(1); err == nil {
		t.Error("Value out of range succeeded")
	}
}

func TestCompare(t *testing.T) {
	ts := []types.DataType{types.NewInt(), types.NewString(), types.NewDouble(), types.NewDecimal(30, 2), types.NewTimestamp(9), types.NewBoolean()}
	row := func(vals ...any) Row {
		b, err := Encode(ts, vals)
		if err != nil {
			t.Fatal(err)
		}
		r, err := NewRow(ts, b)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	base := []any{int32(1), "b", 1.0, types.DecimalFromInt64(5), types.Timestamp{Millis: 1, NanoOfMilli: 2}, true}
	with := func(i int, v any) Row {
		vals := append([]any(nil), base...)
		vals[i] = v
		return row(vals...)
	}
	tests := []struct {
		name string
		a, b Row
		want int
	}{
		{"equal", row(base...), row(base...), 0},
		{"null first", with(0, nil), row(base...), -1},
		{"both null", with(0, nil), with(0, nil), 0},
		{"int", with(0, int32(-5)), row(base...), -1},
		{"string bytes unsigned", with(1, "é"), with(1, "z"), 1},
		{"long strings", with(1, "a long string number one"), with(1, "a long string number two"), -1},
		{"prefix shorter first", with(1, "b"), with(1, "ba"), -1},
		{"negative zero", with(2, math.Copysign(0, -1)), with(2, 0.0), -1},
		{"NaN last", with(2, math.NaN()), with(2, math.Inf(1)), 1},
		{"decimal negative", with(3, types.DecimalFromInt64(-7)), row(base...), -1},
		{"timestamp nanos", with(4, types.Timestamp{Millis: 1, NanoOfMilli: 3}), row(base...), 1},
		{"bool", with(5, false), row(base...), -1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Compare(tc.a, tc.b)
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("Compare = %d, want %d", got, tc.want)
			}
			if back, _ := Compare(tc.b, tc.a); back != -tc.want {
				t.Errorf("reverse Compare = %d, want %d", back, -tc.want)
			}
		})
	}
	short, _ := NewRow(ts[:1], make([]byte, 16))
	if _, err := Compare(short, row(base...)); err == nil {
		t.Error("arity mismatch accepted")
	}
}
