package expr

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/weir-data/weir/sql/fn"
	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

var ctx = &fn.Context{Location: time.UTC}

// testBatch has columns x INT, y INT, s STRING, d DECIMAL(10, 2), b BOOLEAN:
//
//	x    y     s      d       b
//	0    10    'ab'   1.50    true
//	5    NULL  'ba'   NULL    false
//	NULL 3     NULL   -2.25   NULL
//	-2   -2    'abc'  0.00    true
func testBatch(t testing.TB) (*vec.Batch, map[string]*Column) {
	ts := []types.DataType{types.NewInt(), types.NewInt(), types.NewString(), types.NewDecimal(10, 2), types.NewBoolean()}
	b, err := vec.NewBatch(ts, 4)
	if err != nil {
		t.Fatal(err)
	}
	dec := func(s string) types.Decimal { v, _ := types.ParseDecimal(s, 10, 2); return v }
	rows := [][]any{
		{int32(0), int32(10), "ab", dec("1.50"), true},
		{int32(5), nil, "ba", nil, false},
		{nil, int32(3), nil, dec("-2.25"), nil},
		{int32(-2), int32(-2), "abc", dec("0.00"), true},
	}
	for _, r := range rows {
		if err := b.AppendRow(types.Insert, r...); err != nil {
			t.Fatal(err)
		}
	}
	cols := map[string]*Column{}
	for i, n := range []string{"x", "y", "s", "d", "b"} {
		cols[n] = NewColumn(i, n, ts[i])
	}
	return b, cols
}

// must unwraps a constructor's result in tests, where an error is a bug in
// the test itself.
func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func lit(t testing.TB, v any, typ types.DataType) *Literal {
	return must(NewLiteral(v, typ))
}

// eval evaluates e over b (rows sel, or all) and renders the computed rows.
func eval(t testing.TB, e Expr, b *vec.Batch, sel []int32) (string, error) {
	out := vec.MustNew(e.Type(), 0)
	if err := e.Eval(ctx, b, sel, out); err != nil {
		return "", err
	}
	if out.Len != b.Len {
		t.Fatalf("%s: %d rows out, want %d", e, out.Len, b.Len)
	}
	rows := sel
	if rows == nil {
		for i := 0; i < b.Len; i++ {
			rows = append(rows, int32(i))
		}
	}
	parts := make([]string, len(rows))
	for k, i := range rows {
		v := out.Value(int(i))
		if v == nil {
			parts[k] = "NULL"
			continue
		}
		parts[k], _ = types.FormatValue(e.Type(), v, time.UTC)
	}
	return strings.Join(parts, " "), nil
}

func TestNodes(t *testing.T) {
	b, c := testBatch(t)
	i32 := types.NewInt()
	x, y, s, d, bc := c["x"], c["y"], c["s"], c["d"], c["b"]
	f := func(name string, args ...Expr) Expr { return must(NewFunc(name, args...)) }
	cases := []struct {
		e    Expr
		sel  []int32
		want string
	}{
		{x, nil, "0 5 NULL -2"},
		{lit(t, int32(7), i32), nil, "7 7 7 7"},
		{lit(t, "q", types.NewString()), nil, "q q q q"},
		{NewNull(i32), nil, "NULL NULL NULL NULL"},
		{&Literal{Value: "hand", T: types.NewString()}, nil, "hand hand hand hand"},
		{f("+", x, y), nil, "10 NULL NULL -4"},
		{f("+", x, y), []int32{0, 3}, "10 -4"},
		{f("*", x, d), nil, "0.00 NULL NULL 0.00"},
		{f("+", x, lit(t, 1.5, types.NewDouble())), nil, "1.5 6.5 NULL -0.5"},
		{f("||", s, s), nil, "abab baba NULL abcabc"},
		{f("-", x), nil, "0 -5 NULL 2"},
		{f(">", x, y), nil, "false NULL NULL false"},
		{f("=", d, lit(t, int32(0), i32)), nil, "false NULL false true"},
		{must(NewCast(x, types.NewString(), false)), nil, "0 5 NULL -2"},
		{must(NewCast(s, i32, true)), nil, "NULL NULL NULL NULL"},
		{must(NewCast(d, types.NewBigInt(), false)), nil, "1 NULL -2 0"},
		{must(NewNot(bc)), nil, "false true NULL false"},
		{must(NewIsNull(x)), nil, "false false true false"},
		{must(NewIsNotNull(s)), nil, "true true false true"},
		{must(NewIs(fn.TestNotTrue, bc)), nil, "false true true false"},
		{must(NewCoalesce(y, x, lit(t, int32(-1), i32))), nil, "10 5 3 -2"},
		{must(NewCoalesce(x, y)), nil, "0 5 3 -2"},
		{must(NewCoalesce(s, lit(t, "?", types.NewString()))), nil, "ab ba ? abc"},
		{must(NewNullIf(x, y)), nil, "0 5 NULL NULL"},
		{must(NewIf(bc, x, y)), nil, "0 NULL 3 -2"},
		{must(NewIf(bc, s, lit(t, "no", types.NewString()))), nil, "ab no no abc"},
		{must(NewCase([]When{
			{Cond: f("<", x, lit(t, int32(0), i32)), Then: lit(t, "neg", types.NewString())},
			{Cond: f("=", x, lit(t, int32(0), i32)), Then: lit(t, "zero", types.NewString())},
		}, nil)), nil, "zero NULL NULL neg"},
		{must(NewCase([]When{{Cond: bc, Then: d}}, x)), nil, "1.50 5.00 NULL 0.00"},
		{must(NewCase([]When{{Cond: bc, Then: d}}, x)), []int32{1, 2}, "5.00 NULL"},
		{must(NewBetween(x, lit(t, int32(-2), i32), lit(t, int32(0), i32))), nil, "true false NULL true"},
		{must(NewIn(x, lit(t, int32(5), i32), lit(t, int64(-2), types.NewBigInt()))), nil, "false true NULL true"},
		{must(NewIn(x, lit(t, int32(5), i32), NewNull(i32))), nil, "NULL true NULL NULL"},
		{must(NewIn(s, lit(t, "ab", types.NewString()), lit(t, "zz", types.NewString()))), nil, "true false NULL false"},
		{must(NewIn(x, y, lit(t, int32(5), i32))), nil, "false true NULL true"},
		{must(NewIn(x, y, lit(t, int32(99), i32))), nil, "false NULL NULL true"},
		{must(NewLike(s, lit(t, "a%", types.NewString()), 0)), nil, "true false NULL true"},
		{must(NewLike(s, lit(t, "_b%", types.NewString()), 0)), nil, "true false NULL true"},
		{must(NewLike(s, s, 0)), nil, "true true NULL true"},
		{must(NewDatetimeInterval(lit(t, int32(19723), types.NewDate()), lit(t, int32(2), i32), fn.IntervalYearMonth, false)), nil,
			"2024-03-01 2024-03-01 2024-03-01 2024-03-01"},
	}
	for _, c := range cases {
		got, err := eval(t, c.e, b, c.sel)
		if err != nil {
			t.Errorf("%s: %v", c.e, err)
			continue
		}
		if got != c.want {
			t.Errorf("%s (sel %v) = %s, want %s", c.e, c.sel, got, c.want)
		}
	}
}

// TestThreeValuedLogicLazy checks AND and OR against the full truth tables,
// with and without selections.
func TestThreeValuedLogicLazy(t *testing.T) {
	bt := types.NewBoolean()
	bb, err := vec.NewBatch([]types.DataType{bt, bt}, 9)
	if err != nil {
		t.Fatal(err)
	}
	vals := []any{true, false, nil}
	for _, a := range vals {
		for _, b := range vals {
			if err := bb.AppendRow(types.Insert, a, b); err != nil {
				t.Fatal(err)
			}
		}
	}
	l, r := NewColumn(0, "l", bt), NewColumn(1, "r", bt)
	and := must(NewAnd(l, r))
	or := must(NewOr(l, r))
	// Rows: TT TF TN FT FF FN NT NF NN.
	for _, c := range []struct {
		e    Expr
		sel  []int32
		want string
	}{
		{and, nil, "true false NULL false false false NULL false NULL"},
		{or, nil, "true true true true false NULL true NULL NULL"},
		{and, []int32{2, 6, 7}, "NULL NULL false"},
		{or, []int32{0, 5, 8}, "true NULL NULL"},
	} {
		got, err := eval(t, c.e, bb, c.sel)
		if err != nil || got != c.want {
			t.Errorf("%s sel %v = %s, %v; want %s", c.e, c.sel, got, err, c.want)
		}
	}
	got, err := Filter(ctx, or, bb, nil, nil)
	if err != nil || fmt.Sprint(got) != "[0 1 2 3 6]" {
		t.Errorf("Filter(%s) = %v, %v", or, got, err)
	}
}

// TestLazyEvaluation: branches run only on the rows that reach them, so the
// guarded divisions below never divide by zero (x is 0 in row 0).
func TestLazyEvaluation(t *testing.T) {
	b, c := testBatch(t)
	i32 := types.NewInt()
	x := c["x"]
	zero, ten := lit(t, int32(0), i32), lit(t, int32(10), i32)
	div := must(NewFunc("/", ten, x))
	ne := must(NewFunc("<>", x, zero))
	if _, err := eval(t, div, b, nil); err == nil || !strings.Contains(err.Error(), "division by zero") {
		t.Fatalf("unguarded 10 / x: %v", err)
	}
	caseE := must(NewCase([]When{{Cond: ne, Then: div}}, nil))
	if got, err := eval(t, caseE, b, nil); err != nil || got != "NULL 2 NULL -5" {
		t.Errorf("%s = %s, %v", caseE, got, err)
	}
	andE := must(NewAnd(ne, must(NewFunc(">", div, lit(t, int32(1), i32)))))
	if got, err := eval(t, andE, b, nil); err != nil || got != "false true NULL false" {
		t.Errorf("%s = %s, %v", andE, got, err)
	}
	eq := must(NewFunc("=", x, zero))
	orE := must(NewOr(eq, must(NewFunc(">", div, lit(t, int32(1), i32)))))
	if got, err := eval(t, orE, b, nil); err != nil || got != "true true NULL false" {
		t.Errorf("%s = %s, %v", orE, got, err)
	}
	coal := must(NewCoalesce(must(NewNullIf(x, zero)), div))
	if _, err := eval(t, coal, b, nil); err == nil {
		t.Errorf("%s: the second argument runs on row 0 (x = 0) and must fail", coal)
	}
	coal = must(NewCoalesce(x, div))
	if got, err := eval(t, coal, b, []int32{0, 1, 3}); err != nil || got != "0 5 -2" {
		t.Errorf("%s = %s, %v", coal, got, err)
	}
	rows, err := Filter(ctx, andE, b, nil, nil)
	if err != nil || fmt.Sprint(rows) != "[1]" {
		t.Errorf("Filter(%s) = %v, %v", andE, rows, err)
	}
}

func TestFilter(t *testing.T) {
	b, c := testBatch(t)
	gt := must(NewFunc(">", c["x"], lit(t, int32(-1), types.NewInt())))
	rows, err := Filter(ctx, gt, b, nil, nil)
	if err != nil || fmt.Sprint(rows) != "[0 1]" {
		t.Errorf("Filter(%s) = %v, %v", gt, rows, err)
	}
	sel := []int32{1, 2, 3}
	rows, err = Filter(ctx, c["b"], b, sel, sel) // in place
	if err != nil || fmt.Sprint(rows) != "[3]" {
		t.Errorf("Filter(b) on [1 2 3] = %v, %v", rows, err)
	}
	rows, err = Filter(ctx, lit(t, true, types.NewBoolean()), b, nil, nil)
	if err != nil || len(rows) != 4 {
		t.Errorf("Filter(TRUE) = %v, %v", rows, err)
	}
	if _, err := Filter(ctx, c["x"], b, nil, nil); err == nil {
		t.Error("Filter on an INT expression succeeded")
	}
}

func TestFold(t *testing.T) {
	b, c := testBatch(t)
	i32 := types.NewInt()
	one, two, zero := lit(t, int32(1), i32), lit(t, int32(2), i32), lit(t, int32(0), i32)
	sum := must(NewFunc("+", one, two))
	e := must(NewFunc("*", c["x"], sum))
	folded, err := Fold(ctx, e)
	if err != nil || folded.String() != "(x * 3)" {
		t.Fatalf("Fold(%s) = %v, %v", e, folded, err)
	}
	if got, _ := eval(t, folded, b, nil); got != "0 15 NULL -6" {
		t.Errorf("folded %s = %s", folded, got)
	}
	if _, err := Fold(ctx, must(NewFunc("/", one, zero))); err == nil || !strings.Contains(err.Error(), "division by zero") {
		t.Errorf("Fold(1 / 0) = %v", err)
	}
	// A failing constant in a THEN is left for the rows that reach it.
	guarded := must(NewCase([]When{{Cond: must(NewFunc("<>", c["x"], c["x"])), Then: must(NewFunc("/", one, zero))}}, nil))
	if f, err := Fold(ctx, guarded); err != nil || !strings.Contains(f.String(), "(1 / 0)") {
		t.Errorf("Fold(%s) = %v, %v", guarded, f, err)
	}
	cast := must(NewCast(lit(t, "2024-01-02", types.NewString()), types.NewDate(), false))
	if f, err := Fold(ctx, cast); err != nil || f.String() != "DATE '2024-01-02'" {
		t.Errorf("Fold(%s) = %v, %v", cast, f, err)
	}
	if f, _ := Fold(ctx, must(NewCoalesce(NewNull(i32), two))); f.String() != "2" {
		t.Errorf("Fold(COALESCE(NULL, 2)) = %v", f)
	}
}

func TestColumnsAndRemap(t *testing.T) {
	_, c := testBatch(t)
	e := must(NewCase([]When{{Cond: c["b"], Then: must(NewFunc("+", c["y"], c["x"]))}}, c["y"]))
	if got := fmt.Sprint(Columns(e)); got != "[0 1 4]" {
		t.Errorf("Columns(%s) = %s", e, got)
	}
	r := Remap(e, func(i int) int { return map[int]int{0: 2, 1: 0, 4: 1}[i] })
	if got := fmt.Sprint(Columns(r)); got != "[0 1 2]" {
		t.Errorf("Columns(Remap) = %s", got)
	}
	// The remapped expression evaluates over the projected input.
	b, _ := testBatch(t)
	proj := &vec.Batch{Cols: []*vec.Vector{b.Cols[1], b.Cols[4], b.Cols[0]}, Len: b.Len}
	want, _ := eval(t, e, b, nil)
	if got, err := eval(t, r, proj, nil); err != nil || got != want {
		t.Errorf("remapped = %s, %v; want %s", got, err, want)
	}
	if fmt.Sprint(Columns(e)) != "[0 1 4]" {
		t.Error("Remap changed its input")
	}
}

// TestConcurrentEval evaluates one tree from several goroutines.
func TestConcurrentEval(t *testing.T) {
	b, c := testBatch(t)
	e := must(NewCase([]When{{Cond: c["b"], Then: must(NewFunc("||", c["s"], lit(t, "!", types.NewString())))}},
		must(NewCast(c["x"], types.NewString(), false))))
	want, _ := eval(t, e, b, nil)
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := 0; k < 200; k++ {
				if got, err := eval(t, e, b, nil); err != nil || got != want {
					errs <- fmt.Sprintf("%s, %v", got, err)
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

func TestProgram(t *testing.T) {
	b, c := testBatch(t)
	p := must(NewProgram(c["s"], must(NewFunc("+", c["x"], c["y"]))))
	outs, err := p.Eval(ctx, b, nil)
	if err != nil {
		t.Fatal(err)
	}
	if outs[0] != b.Cols[2] {
		t.Error("a column reference was copied")
	}
	if outs[1].Value(0) != int32(10) {
		t.Errorf("x + y = %v", outs[1].Value(0))
	}
}

func TestConstructorErrors(t *testing.T) {
	_, c := testBatch(t)
	for name, err := range map[string]error{
		"AND on INT":     func() error { _, err := NewAnd(c["x"], c["b"]); return err }(),
		"CASE mix":       func() error { _, err := NewCase([]When{{Cond: c["b"], Then: c["x"]}}, c["s"]); return err }(),
		"LIKE on INT":    func() error { _, err := NewLike(c["x"], c["s"], 0); return err }(),
		"bad escape":     func() error { _, err := NewLike(c["s"], lit(t, "a\\", types.NewString()), '\\'); return err }(),
		"literal type":   func() error { _, err := NewLiteral("x", types.NewInt()); return err }(),
		"decimal fit":    func() error { _, err := NewLiteral(types.DecimalFromInt64(100000), types.NewDecimal(5, 2)); return err }(),
		"unknown func":   func() error { _, err := NewFunc("NO_SUCH_FN", c["x"]); return err }(),
		"bad cast":       func() error { _, err := NewCast(c["b"], types.NewDate(), false); return err }(),
		"IN clash":       func() error { _, err := NewIn(c["x"], c["s"]); return err }(),
		"COALESCE clash": func() error { _, err := NewCoalesce(c["x"], c["b"]); return err }(),
	} {
		if err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}
