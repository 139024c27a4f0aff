package table

import (
	"testing"

	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

func TestCastVector(t *testing.T) {
	tests := []struct {
		name     string
		from, to types.DataType
		in, want any
	}{
		{"int-bigint", types.NewInt(), types.NewBigInt(), int32(-7), int64(-7)},
		{"bigint-int-wraps", types.NewBigInt(), types.NewInt(), int64(1 << 33), int32(0)},
		{"int-string", types.NewInt(), types.NewString(), int32(42), "42"},
		{"string-int", types.NewString(), types.NewInt(), " 42", int32(42)},
		{"double-int-truncates", types.NewDouble(), types.NewInt(), -2.9, int32(-2)},
		{"int-double", types.NewInt(), types.NewDouble(), int32(3), 3.0},
		{"decimal-rescale-half-up", types.NewDecimal(10, 3), types.NewDecimal(10, 1), int64(1250), int64(13)},
		{"decimal-rescale-no-double-rounding", types.NewDecimal(10, 4), types.NewDecimal(10, 1), int64(495), int64(0)},
		{"decimal-widen-to-big", types.NewDecimal(10, 2), types.NewDecimal(30, 2), int64(-12345), types.DecimalFromInt64(-12345)},
		{"decimal-string", types.NewDecimal(10, 2), types.NewString(), int64(-5), "-0.05"},
		{"ts9-ts3", types.NewTimestamp(9), types.NewTimestamp(3), types.Timestamp{Millis: 5, NanoOfMilli: 999}, types.Timestamp{Millis: 5}},
		{"date-ts", types.NewDate(), types.NewTimestamp(3), int32(1), types.Timestamp{Millis: 86400000}},
		{"ts-date-pre-epoch", types.NewTimestamp(3), types.NewDate(), types.Timestamp{Millis: -1}, int32(-1)},
		{"string-date", types.NewString(), types.NewDate(), "2023-02-27", int32(19415)},
		{"varchar-shorter", types.NewVarChar(10), types.NewVarChar(3), "abcdef", "abc"},
		{"bool-string", types.NewBoolean(), types.NewString(), true, "true"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v := vec.MustNew(tc.from, 2)
			if err := v.Append(tc.in); err != nil {
				t.Fatal(err)
			}
			v.AppendNull()
			out, err := castVector(v, tc.to, "c")
			if err != nil {
				t.Fatal(err)
			}
			got := out.Value(0)
			if w, ok := tc.want.(int64); ok && tc.to.Root == types.DecimalRoot && tc.to.IsCompactDecimal() {
				if out.I64[0] != w {
					t.Fatalf("got %v want %v", out.I64[0], w)
				}
			} else if got != tc.want {
				t.Fatalf("got %#v want %#v", got, tc.want)
			}
			if !out.IsNull(1) {
				t.Fatal("null lost")
			}
		})
	}
	v := vec.MustNew(types.NewString(), 1)
	v.AppendString("x1")
	if _, err := castVector(v, types.NewInt(), "col_a"); err == nil {
		t.Fatal("bad string cast accepted")
	}
}
