package expr

import (
	"math"
	"testing"

	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// TestInSemantics: the hash-set path and the general path agree, floats
// compare as Java's == and a NULL in the list turns misses into NULL.
func TestInSemantics(t *testing.T) {
	dt, dect := types.NewDouble(), types.NewDecimal(20, 2)
	b, err := vec.NewBatch([]types.DataType{dt, dect, types.NewTimestamp(3)}, 4)
	if err != nil {
		t.Fatal(err)
	}
	decv := func(s string) types.Decimal { v, _ := types.ParseDecimal(s, 20, 2); return v }
	rows := [][]any{
		{-0.0, decv("1.50"), types.Timestamp{Millis: 1}},
		{math.NaN(), decv("123456789012345678.99"), types.Timestamp{Millis: 2}},
		{2.5, nil, nil},
		{nil, decv("-1.00"), types.Timestamp{Millis: 1, NanoOfMilli: 1}},
	}
	for _, r := range rows {
		if err := b.AppendRow(types.Insert, r...); err != nil {
			t.Fatal(err)
		}
	}
	x, d, ts := NewColumn(0, "x", dt), NewColumn(1, "d", dect), NewColumn(2, "ts", types.NewTimestamp(3))
	cases := []struct {
		e    Expr
		want string
	}{
		{must(NewIn(x, lit(t, 0.0, dt), lit(t, math.NaN(), dt))), "true false false NULL"},
		{must(NewIn(x, lit(t, 2.5, dt), NewNull(dt))), "NULL NULL true NULL"},
		{must(NewIn(d, lit(t, decv("123456789012345678.99"), dect), lit(t, int32(-1), types.NewInt()))), "false true NULL true"},
		{must(NewIn(ts, lit(t, types.Timestamp{Millis: 1}, types.NewTimestamp(3)))), "true false NULL false"},
	}
	for _, c := range cases {
		got, err := eval(t, c.e, b, nil)
		if err != nil || got != c.want {
			t.Errorf("%s = %s, %v; want %s", c.e, got, err, c.want)
		}
		// The general path (a non-literal item) must agree.
		in := c.e.(*In)
		general := must(NewIn(in.Value, append([]Expr{must(NewCoalesce(NewNull(in.Value.Type()), in.List[0]))}, in.List[1:]...)...))
		if general.set != nil {
			t.Fatal("COALESCE item took the hash path")
		}
		if g, err := eval(t, general, b, nil); err != nil || g != c.want {
			t.Errorf("general %s = %s, %v; want %s", general, g, err, c.want)
		}
	}
}
