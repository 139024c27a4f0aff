package fn

import (
	"testing"

	"github.com/weir-data/weir/types"
)

func TestGreatestLeastIfNull(t *testing.T) {
	fntCheckRows(t, nil, "GREATEST", []types.DataType{fntInt, fntInt, fntInt}, []fntRow{
		{[]any{int32(1), int32(5), int32(3)}, int32(5)},
		{[]any{int32(1), nil, int32(3)}, nil},
	})
	fntCheckRows(t, nil, "LEAST", []types.DataType{fntStr, fntStr}, []fntRow{
		{[]any{"b", "ab"}, "ab"}, {[]any{"日", "z"}, "z"},
	})
	s, err := ResolveScalar("GREATEST", []Arg{{Type: fntInt}, {Type: types.NewDecimal(10, 2)}})
	if err != nil || s.Result.String() != "DECIMAL(12, 2)" {
		t.Errorf("GREATEST(INT, DECIMAL(10, 2)) type = %v, %v", s.Result, err)
	}
	s, err = ResolveScalar("LEAST", []Arg{{Type: fntInt}, {Type: types.NewDouble()}})
	if err != nil || s.Result.Root != types.Double {
		t.Errorf("LEAST(INT, DOUBLE) type = %v, %v", s.Result, err)
	}
	if _, err := ResolveScalar("GREATEST", []Arg{{Type: fntInt}, {Type: fntStr}}); err == nil {
		t.Error("GREATEST(INT, STRING): want an error")
	}
	fntCheckRows(t, nil, "IFNULL", []types.DataType{fntStr, fntStr.NotNull()}, []fntRow{
		{[]any{nil, "x"}, "x"}, {[]any{"a", "x"}, "a"},
	})
	if s, _ := ResolveScalar("IFNULL", []Arg{{Type: fntStr}, {Type: fntStr.NotNull()}}); s.Result.Nullable {
		t.Error("IFNULL(STRING, STRING NOT NULL) must be NOT NULL")
	}
}
