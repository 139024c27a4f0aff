package fn

import (
	"math"
	"testing"

	"github.com/weir-data/weir/types"
)

func TestCompare(t *testing.T) {
	nan := math.NaN()
	cases := []struct {
		op   string
		typ  types.DataType
		a, b []any
		want string
	}{
		{"=", tInt, []any{int32(1), int32(1), nil, int32(2)}, []any{int32(1), int32(2), int32(1), nil}, "true false NULL NULL"},
		{"<>", tBig, []any{int64(1), int64(2)}, []any{int64(1), int64(1)}, "false true"},
		{"!=", tBig, []any{int64(1)}, []any{int64(2)}, "true"},
		{"<", tDouble, []any{1.0, nan, -0.0, nan}, []any{2.0, 1.0, 0.0, nan}, "true false false false"},
		{"=", tDouble, []any{-0.0, nan}, []any{0.0, nan}, "true false"},
		{">=", tFloat, []any{float32(1), float32(0.5)}, []any{float32(1), float32(1)}, "true false"},
		{"<", tString, []any{"a", "B", "é", "ab", ""}, []any{"b", "a", "z", "a", "a"}, "true true false false true"},
		{"=", tString, []any{"a ", "x"}, []any{"a", "x"}, "false true"},
		{"<=", tBool, []any{false, true, true}, []any{true, false, true}, "true false true"},
		{">", dec(30, 2), []any{d("1.10", 30, 2), d("-5.00", 30, 2)}, []any{d("1.09", 30, 2), d("5.00", 30, 2)}, "true false"},
		{"<", tTS6, []any{types.Timestamp{Millis: 1, NanoOfMilli: 5}}, []any{types.Timestamp{Millis: 1, NanoOfMilli: 6}}, "true"},
		{"=", tBytes, []any{[]byte{0xff}, []byte{1}}, []any{[]byte{0xff}, []byte{1, 0}}, "true false"},
		{"<", tBytes, []any{[]byte{0x7f}}, []any{[]byte{0x80}}, "true"}, // unsigned bytes
		{"IS DISTINCT FROM", tInt, []any{nil, nil, int32(1), int32(1)}, []any{nil, int32(1), int32(1), int32(2)}, "false true false true"},
		{"IS NOT DISTINCT FROM", tInt, []any{nil, nil, int32(1), int32(1)}, []any{nil, int32(1), int32(1), int32(2)}, "true false true false"},
	}
	for _, c := range cases {
		s := resolve(t, c.op, c.typ, c.typ)
		got, err := run(t, s, nil, column(t, c.typ, c.a...), column(t, c.typ, c.b...))
		if err != nil {
			t.Fatalf("%s %s: %v", c.typ, c.op, err)
		}
		if r := render(tBool, got); r != c.want {
			t.Errorf("%s %s: %s, want %s", c.typ, c.op, r, c.want)
		}
	}
}

func TestCompareResolvesCommonType(t *testing.T) {
	s := resolve(t, "=", tInt.NotNull(), dec(10, 2).NotNull())
	if s.Args[0].String() != "DECIMAL(12, 2) NOT NULL" || s.Result.String() != "BOOLEAN NOT NULL" {
		t.Errorf("INT = DECIMAL(10,2): args %v result %s", s.Args, s.Result)
	}
	s = resolve(t, "<", tDate, tTS3)
	if s.Args[0].String() != "TIMESTAMP(3)" {
		t.Errorf("DATE < TIMESTAMP compares as %s", s.Args[0])
	}
	s = resolve(t, "IS DISTINCT FROM", tInt, tInt)
	if s.Result.Nullable {
		t.Error("IS DISTINCT FROM is nullable")
	}
	if _, err := ResolveScalar("=", []Arg{{Type: tInt}, {Type: tBool}}); err == nil {
		t.Error("INT = BOOLEAN resolved")
	}
}

// TestThreeValuedLogic checks the full truth tables of AND, OR, NOT and the
// truth tests over TRUE, FALSE and NULL.
func TestThreeValuedLogic(t *testing.T) {
	vals := []any{true, false, nil}
	var as, bs []any
	for _, a := range vals {
		for _, b := range vals {
			as, bs = append(as, a), append(bs, b)
		}
	}
	a, b := column(t, tBool, as...), column(t, tBool, bs...)
	check := func(name string, got []any, want string) {
		t.Helper()
		if r := render(tBool, got); r != want {
			t.Errorf("%s = %s\nwant %s", name, r, want)
		}
	}
	// Rows: TT TF TN FT FF FN NT NF NN.
	got, _ := run(t, resolve(t, "AND", tBool, tBool), nil, a, b)
	check("AND", got, "true false NULL false false false NULL false NULL")
	got, _ = run(t, resolve(t, "OR", tBool, tBool), nil, a, b)
	check("OR", got, "true true true true false NULL true NULL NULL")
	got, _ = run(t, resolve(t, "NOT", tBool), nil, a)
	check("NOT", got, "false false false true true true NULL NULL NULL")
	for name, want := range map[string]string{
		"IS NULL":      "false false false false false false true true true",
		"IS NOT NULL":  "true true true true true true false false false",
		"IS TRUE":      "true true true false false false false false false",
		"IS NOT TRUE":  "false false false true true true true true true",
		"IS FALSE":     "false false false true true true false false false",
		"IS NOT FALSE": "true true true false false false true true true",
	} {
		s := resolve(t, name, tBool)
		if s.Result.Nullable {
			t.Errorf("%s is nullable", name)
		}
		got, _ = run(t, s, nil, a)
		check(name, got, want)
	}
	// AND with no NULLs takes the fast path.
	x, y := column(t, tBool, true, true, false), column(t, tBool, true, false, false)
	got, _ = run(t, resolve(t, "AND", tBool, tBool), nil, x, y)
	check("AND (no nulls)", got, "true false false")
	if _, err := ResolveScalar("AND", []Arg{{Type: tInt}, {Type: tBool}}); err == nil {
		t.Error("INT AND BOOLEAN resolved")
	}
}
