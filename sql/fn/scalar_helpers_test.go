package fn

import (
	"reflect"
	"testing"
	"time"

	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// fntEval resolves name over args, builds the argument vectors (in the
// types the resolver asked for) from rows, runs the kernel with sel and
// returns out's values for all n rows.
func fntEval(t testing.TB, ctx *Context, name string, args []Arg, rows [][]any, sel []int32) []any {
	t.Helper()
	s, err := ResolveScalar(name, args)
	if err != nil {
		t.Fatalf("resolve %s(%s): %v", name, rowsArgTypes(args), err)
	}
	if len(s.Args) != len(args) {
		t.Fatalf("%s: resolver gave %d argument types for %d arguments", name, len(s.Args), len(args))
	}
	cols := make([]*vec.Vector, len(s.Args))
	for k, ty := range s.Args {
		cols[k] = vec.MustNew(ty, len(rows))
		for _, r := range rows {
			if err := cols[k].Append(r[k]); err != nil {
				t.Fatalf("%s: argument %d: append %#v to %s: %v", name, k+1, r[k], ty, err)
			}
		}
	}
	out := vec.MustNew(s.Result, len(rows))
	if err := s.Kernel(ctx, cols, sel, len(rows), out); err != nil {
		t.Fatalf("%s(%v): %v", name, rows, err)
	}
	if out.Len != len(rows) {
		t.Fatalf("%s: out has %d rows, want %d", name, out.Len, len(rows))
	}
	if out.Kind == vec.KindBytes && len(out.Offsets) != len(rows)+1 {
		t.Fatalf("%s: out has %d offsets for %d rows", name, len(out.Offsets), len(rows))
	}
	res := make([]any, len(rows))
	for i := range res {
		res[i] = out.Value(i)
	}
	for _, i := range rowsOf(sel, len(rows)) {
		if res[i] == nil && !s.Result.Nullable {
			t.Fatalf("%s: row %d is NULL but the result type is %s", name, i, s.Result)
		}
	}
	return res
}

// fntRow is one row of a table-driven scalar test.
type fntRow struct {
	args []any
	want any
}

// fntCheckRows runs every case as one batch with non-constant arguments
// of the given types, then again with sel listing every other row, and
// compares.
func fntCheckRows(t *testing.T, ctx *Context, name string, argTypes []types.DataType, cases []fntRow) {
	t.Helper()
	args := make([]Arg, len(argTypes))
	for k, ty := range argTypes {
		args[k] = Arg{Type: ty}
	}
	rows := make([][]any, len(cases))
	for i, c := range cases {
		rows[i] = c.args
	}
	got := fntEval(t, ctx, name, args, rows, nil)
	for i, c := range cases {
		if !reflect.DeepEqual(got[i], c.want) {
			t.Errorf("%s%v = %#v, want %#v", name, c.args, got[i], c.want)
		}
	}
	var sel []int32
	for i := 1; i < len(cases); i += 2 {
		sel = append(sel, int32(i))
	}
	got = fntEval(t, ctx, name, args, rows, sel)
	for _, i := range sel {
		if !reflect.DeepEqual(got[i], cases[i].want) {
			t.Errorf("with sel: %s%v = %#v, want %#v", name, cases[i].args, got[i], cases[i].want)
		}
	}
}

// fntConstArgs returns args where the listed positions are constants taken
// from values.
func fntConstArgs(argTypes []types.DataType, values []any, consts ...int) []Arg {
	args := make([]Arg, len(argTypes))
	for k, ty := range argTypes {
		args[k] = Arg{Type: ty}
	}
	for _, k := range consts {
		args[k].IsConst, args[k].Const = true, values[k]
	}
	return args
}

func fntZone(t testing.TB, name string) *time.Location {
	t.Helper()
	l, err := time.LoadLocation(name)
	if err != nil {
		t.Skipf("zone %s not available: %v", name, err)
	}
	return l
}

// ts builds a TIMESTAMP from wall-clock text.
func fntTS(t testing.TB, s string) types.Timestamp {
	t.Helper()
	p, ok := dfParseDefault([]byte(s))
	if !ok {
		t.Fatalf("bad timestamp %q", s)
	}
	return types.Timestamp{Millis: p.wall, NanoOfMilli: p.nano}
}

func fntDate(t testing.TB, s string) int32 {
	return int32(fntTS(t, s).Millis / civilMsDay)
}

func fntOut(s *Scalar) *vec.Vector { return vec.MustNew(s.Result, 1) }
