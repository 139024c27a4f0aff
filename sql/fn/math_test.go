package fn

import (
	"math"
	"testing"

	"github.com/weir-data/weir/types"
)

func TestAbsSign(t *testing.T) {
	fntCheckRows(t, nil, "ABS", []types.DataType{fntInt}, []fntRow{
		{[]any{int32(-5)}, int32(5)}, {[]any{int32(math.MinInt32)}, int32(math.MinInt32)}, {[]any{nil}, nil},
	})
	fntCheckRows(t, nil, "ABS", []types.DataType{types.NewDecimal(30, 2)}, []fntRow{
		{[]any{types.DecimalFromInt64(-123)}, types.DecimalFromInt64(123)},
	})
	fntCheckRows(t, nil, "SIGN", []types.DataType{types.NewDouble()}, []fntRow{
		{[]any{-2.5}, -1.0}, {[]any{0.0}, 0.0}, {[]any{3.0}, 1.0},
	})
	fntCheckRows(t, nil, "SIGN", []types.DataType{types.NewDecimal(5, 2)}, []fntRow{
		{[]any{types.DecimalFromInt64(-7)}, types.DecimalFromInt64(-100)},
	})
}

func TestRounding(t *testing.T) {
	dbl := types.NewDouble()
	round := func(name string, ty types.DataType, d int32, x, want any) {
		t.Helper()
		args := fntConstArgs([]types.DataType{ty, fntInt}, []any{nil, d}, 1)
		got := fntEval(t, nil, name, args, [][]any{{x, d}}, nil)
		if got[0] != want {
			t.Errorf("%s(%v, %d) = %#v, want %#v", name, x, d, got[0], want)
		}
	}
	round("ROUND", dbl, 2, 2.675, 2.68) // BigDecimal.valueOf(2.675) is exactly 2.675
	round("ROUND", dbl, 0, -2.5, -3.0)  // HALF_UP rounds away from zero
	round("ROUND", dbl, -2, 1250.0, 1300.0)
	round("ROUND", dbl, 3, 1.0, 1.0)
	round("TRUNCATE", dbl, 1, -2.79, -2.7)
	round("ROUND", fntInt, -1, int32(15), int32(20))
	round("ROUND", fntInt, -1, int32(-15), int32(-20))
	round("TRUNCATE", fntInt, -1, int32(-19), int32(-10))
	round("ROUND", fntInt, 2, int32(7), int32(7))
	dec := types.NewDecimal(10, 3)
	round("ROUND", dec, 1, types.DecimalFromInt64(12345), types.DecimalFromInt64(123))  // 12.345 → 12.3
	round("ROUND", dec, 2, types.DecimalFromInt64(12345), types.DecimalFromInt64(1235)) // 12.345 → 12.35
	round("ROUND", dec, -1, types.DecimalFromInt64(15000), types.DecimalFromInt64(20))  // 15.000 → 20
	round("TRUNCATE", dec, 1, types.DecimalFromInt64(-12399), types.DecimalFromInt64(-123))
	s, err := ResolveScalar("ROUND", fntConstArgs([]types.DataType{dec, fntInt}, []any{nil, int32(1)}, 1))
	if err != nil || s.Result.String() != "DECIMAL(9, 1)" {
		t.Errorf("ROUND(DECIMAL(10, 3), 1) type = %v, %v; want DECIMAL(9, 1)", s.Result, err)
	}
	if _, err := ResolveScalar("ROUND", []Arg{{Type: dbl}, {Type: fntInt}}); err == nil {
		t.Error("ROUND with non-constant digits: want an error")
	}
	fntCheckRows(t, nil, "FLOOR", []types.DataType{dbl}, []fntRow{{[]any{-1.5}, -2.0}, {[]any{1.5}, 1.0}})
	fntCheckRows(t, nil, "CEIL", []types.DataType{dbl}, []fntRow{{[]any{-1.5}, -1.0}, {[]any{1.2}, 2.0}})
	fntCheckRows(t, nil, "FLOOR", []types.DataType{types.NewDecimal(5, 2)}, []fntRow{
		{[]any{types.DecimalFromInt64(-150)}, types.DecimalFromInt64(-2)},
		{[]any{types.DecimalFromInt64(150)}, types.DecimalFromInt64(1)},
	})
	fntCheckRows(t, nil, "CEIL", []types.DataType{types.NewDecimal(30, 2)}, []fntRow{
		{[]any{types.DecimalFromInt64(-150)}, types.DecimalFromInt64(-1)},
		{[]any{types.DecimalFromInt64(101)}, types.DecimalFromInt64(2)},
	})
}

func TestTranscendental(t *testing.T) {
	dbl := types.NewDouble()
	fntCheckRows(t, nil, "POWER", []types.DataType{dbl, dbl}, []fntRow{{[]any{2.0, 10.0}, 1024.0}, {[]any{nil, 1.0}, nil}})
	fntCheckRows(t, nil, "SQRT", []types.DataType{dbl}, []fntRow{{[]any{16.0}, 4.0}})
	fntCheckRows(t, nil, "LOG", []types.DataType{dbl, dbl}, []fntRow{{[]any{2.0, 8.0}, 3.0}})
	fntCheckRows(t, nil, "LOG2", []types.DataType{dbl}, []fntRow{{[]any{8.0}, 3.0}})
	fntCheckRows(t, nil, "LOG10", []types.DataType{dbl}, []fntRow{{[]any{1000.0}, 3.0}})
	fntCheckRows(t, nil, "EXP", []types.DataType{dbl}, []fntRow{{[]any{0.0}, 1.0}})
	got := fntEval(t, nil, "LN", []Arg{{Type: dbl}}, [][]any{{-1.0}}, nil)
	if f, _ := got[0].(float64); !math.IsNaN(f) {
		t.Errorf("LN(-1) = %v, want NaN", got[0])
	}
	if got := fntEval(t, nil, "PI", nil, [][]any{{}}, nil); got[0] != math.Pi {
		t.Errorf("PI() = %v", got[0])
	}
}
