package batch

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/weir-data/weir/sql/fn"
	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// col is a test column reference.
type col struct {
	i int
	t types.DataType
}

func (c col) Type() types.DataType { return c.t }
func (c col) ColumnIndex() int     { return c.i }
func (c col) String() string       { return fmt.Sprintf("$%d", c.i) }
func (c col) Eval(_ *fn.Context, in *vec.Batch, _ []int32, out *vec.Vector) error {
	out.AppendVector(in.Cols[c.i])
	return nil
}

// gt is `$i > k` over BIGINT (NULL when the column is NULL).
type gt struct {
	i int
	k int64
}

func (g gt) Type() types.DataType { return types.NewBoolean() }
func (g gt) String() string       { return fmt.Sprintf("$%d > %d", g.i, g.k) }
func (g gt) Eval(_ *fn.Context, in *vec.Batch, _ []int32, out *vec.Vector) error {
	v := in.Cols[g.i]
	for r := 0; r < in.Len; r++ {
		if v.IsNull(r) {
			out.AppendNull()
		} else {
			out.Append(v.I64[r] > g.k)
		}
	}
	return nil
}

// sumAcc is a test SUM(BIGINT) with COUNT-like null handling.
type sumAcc struct {
	sums []int64
	seen []bool
}

func (a *sumAcc) Grow(n int) {
	for len(a.sums) < n {
		a.sums = append(a.sums, 0)
		a.seen = append(a.seen, false)
	}
}
func (a *sumAcc) Len() int { return len(a.sums) }
func (a *sumAcc) Update(_ *fn.Context, g []uint32, args []*vec.Vector, sel []int32) error {
	do := func(i int) {
		if !args[0].IsNull(i) {
			a.sums[g[i]] += args[0].I64[i]
			a.seen[g[i]] = true
		}
	}
	if sel == nil {
		for i := range g {
			do(i)
		}
	} else {
		for _, i := range sel {
			do(int(i))
		}
	}
	return nil
}
func (a *sumAcc) Merge(fn.Accumulators, []uint32) error { return nil }
func (a *sumAcc) Result(_ *fn.Context, lo, hi int, out *vec.Vector) error {
	for g := lo; g < hi; g++ {
		if a.seen[g] {
			out.Append(a.sums[g])
		} else {
			out.AppendNull()
		}
	}
	return nil
}
func (a *sumAcc) MemoryBytes() int64 { return int64(len(a.sums) * 9) }

var testSum = &fn.Aggregate{Name: "SUM", Args: []types.DataType{types.NewBigInt()}, Result: types.NewBigInt(), New: func() fn.Accumulators { return &sumAcc{} }}

func testEnv() *Env {
	return &Env{Fn: &fn.Context{Location: time.UTC}, Memory: NewBudget(0)}
}

// randomInput returns batches of (k STRING, v BIGINT) with NULLs.
func randomInput(t *testing.T, r *rand.Rand, rows, keys int) *Values {
	ts := []types.DataType{types.NewString(), types.NewBigInt()}
	var bs []*vec.Batch
	for rows > 0 {
		n := min(rows, 1+r.IntN(700))
		rows -= n
		b, _ := vec.NewBatch(ts, n)
		for i := 0; i < n; i++ {
			var k, v any
			if r.IntN(12) != 0 {
				k = fmt.Sprintf("k%03d", r.IntN(keys))
			}
			if r.IntN(9) != 0 {
				v = int64(r.IntN(1000) - 300)
			}
			b.AppendRow(types.Insert, k, v)
		}
		bs = append(bs, b)
	}
	op, err := NewValues(ts, bs...)
	if err != nil {
		t.Fatal(err)
	}
	return op
}

func rowsOf(t *testing.T, op Operator) []string {
	t.Helper()
	bs, err := Collect(context.Background(), op)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, b := range bs {
		for i := 0; i < b.Len; i++ {
			out = append(out, fmt.Sprint(b.Row(i)))
		}
	}
	return out
}

func allRows(t *testing.T, v *Values) [][]any {
	var out [][]any
	for _, b := range v.batches {
		for i := 0; i < b.Len; i++ {
			out = append(out, b.Row(i))
		}
	}
	return out
}

func TestFilterProjectLimit(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	in := randomInput(t, r, 3000, 50)
	want := []string{}
	for _, row := range allRows(t, in) {
		if row[1] != nil && row[1].(int64) > 100 {
			want = append(want, fmt.Sprint([]any{row[1], row[0]}))
		}
	}
	env := testEnv()
	f, err := NewFilter(env, in, gt{1, 100})
	if err != nil {
		t.Fatal(err)
	}
	p, err := NewProject(env, f, []Expr{col{1, types.NewBigInt()}, col{0, types.NewString()}})
	if err != nil {
		t.Fatal(err)
	}
	got := rowsOf(t, p)
	if !slices.Equal(got, want) {
		t.Fatalf("filter+project: %d rows, want %d", len(got), len(want))
	}
	for _, c := range []struct{ off, lim int64 }{{0, 10}, {5, 7}, {990, 5000}, {0, 0}, {3, -1}} {
		in.i = 0
		f, _ := NewFilter(env, in, gt{1, 100})
		p, _ := NewProject(env, f, []Expr{col{1, types.NewBigInt()}, col{0, types.NewString()}})
		got := rowsOf(t, NewLimit(p, c.off, c.lim))
		lo := min(int(c.off), len(want))
		hi := len(want)
		if c.lim >= 0 {
			hi = min(hi, lo+int(c.lim))
		}
		if !slices.Equal(got, want[lo:hi]) {
			t.Errorf("limit %d offset %d: got %d rows, want %d", c.lim, c.off, len(got), hi-lo)
		}
	}
}

func TestHashAggregate(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	in := randomInput(t, r, 20000, 3000)
	type acc struct {
		sum  int64
		seen bool
		n    int
	}
	model := map[string]*acc{}
	for _, row := range allRows(t, in) {
		k := fmt.Sprint(row[0])
		a := model[k]
		if a == nil {
			a = &acc{}
			model[k] = a
		}
		if row[1] != nil {
			a.sum += row[1].(int64)
			a.seen = true
			if row[1].(int64) > 0 {
				a.n++
			}
		}
	}
	var want []string
	for k, a := range model {
		var s any = a.sum
		if !a.seen {
			s = nil
		}
		want = append(want, fmt.Sprint([]any{k, s}))
	}
	env := testEnv()
	h, err := NewHashAggregate(env, in, []Expr{col{0, types.NewString()}}, []AggCall{{Fn: testSum, Args: []Expr{col{1, types.NewBigInt()}}}})
	if err != nil {
		t.Fatal(err)
	}
	got := rowsOf(t, h)
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Fatalf("aggregate: %d groups, want %d; first got %v want %v", len(got), len(want), got[:3], want[:3])
	}
	if env.Memory.Used() != 0 {
		t.Errorf("memory not released: %d", env.Memory.Used())
	}
	// A global aggregate over no rows yields one row; FILTER applies.
	empty, _ := NewValues(in.ts)
	g, _ := NewHashAggregate(env, empty, nil, []AggCall{{Fn: testSum, Args: []Expr{col{1, types.NewBigInt()}}}})
	if got := rowsOf(t, g); !slices.Equal(got, []string{"[<nil>]"}) {
		t.Errorf("global aggregate of no rows = %v", got)
	}
	// Over the budget: rows of new keys spill to partition files and are
	// aggregated afterwards; the result is the same and nothing is left.
	for _, budget := range []int64{24 << 10, 4 << 10} {
		in.i = 0
		env.Memory = NewBudget(budget)
		env.TempDir = t.TempDir()
		h, _ = NewHashAggregate(env, in, []Expr{col{0, types.NewString()}}, []AggCall{{Fn: testSum, Args: []Expr{col{1, types.NewBigInt()}}}})
		got := rowsOf(t, h)
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Fatalf("budget %d: %d groups, want %d", budget, len(got), len(want))
		}
		if h.spills == 0 {
			t.Errorf("budget %d: did not spill", budget)
		}
		if entries, _ := os.ReadDir(env.TempDir); len(entries) != 0 {
			t.Errorf("budget %d: %d spill files left", budget, len(entries))
		}
	}
}

func TestHashJoinAllTypes(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	left := randomInput(t, r, 1500, 300)
	right := randomInput(t, r, 900, 300)
	lrows, rrows := allRows(t, left), allRows(t, right)
	for _, typ := range []JoinType{InnerJoin, LeftJoin, RightJoin, FullJoin, SemiJoin, AntiJoin, NullAwareAntiJoin} {
		for _, withResidual := range []bool{false, true} {
			if typ == NullAwareAntiJoin && withResidual {
				continue
			}
			name := fmt.Sprintf("%s/residual=%v", typ, withResidual)
			t.Run(name, func(t *testing.T) {
				// residual: right.v > 0 (column 3 of the joined row)
				pass := func(rr []any) bool { return !withResidual || rr[1] != nil && rr[1].(int64) > 0 }
				var want []string
				rmatched := make([]bool, len(rrows))
				buildNull := false
				for _, rr := range rrows {
					if rr[0] == nil {
						buildNull = true
					}
				}
				for _, lr := range lrows {
					matched := false
					for ri, rr := range rrows {
						if lr[0] != nil && rr[0] != nil && lr[0] == rr[0] && pass(rr) {
							matched = true
							rmatched[ri] = true
							if typ <= FullJoin {
								want = append(want, fmt.Sprint(append(append([]any{}, lr...), rr...)))
							}
						}
					}
					switch {
					case !matched && (typ == LeftJoin || typ == FullJoin):
						want = append(want, fmt.Sprint(append(append([]any{}, lr...), nil, nil)))
					case matched && typ == SemiJoin, !matched && typ == AntiJoin:
						want = append(want, fmt.Sprint(lr))
					case typ == NullAwareAntiJoin && !matched && !buildNull && lr[0] != nil:
						want = append(want, fmt.Sprint(lr))
					}
				}
				if typ == RightJoin || typ == FullJoin {
					for ri, rr := range rrows {
						if !rmatched[ri] {
							want = append(want, fmt.Sprint(append([]any{nil, nil}, rr...)))
						}
					}
				}
				slices.Sort(want)
				var res Expr
				if withResidual {
					res = gt{3, 0}
				}
				for _, budget := range []int64{0, 8 << 10} {
					if typ == NullAwareAntiJoin && budget > 0 {
						continue
					}
					left.i, right.i = 0, 0
					env := testEnv()
					env.Memory = NewBudget(budget)
					env.TempDir = t.TempDir()
					j, err := NewHashJoin(env, typ, left, right, []Expr{col{0, types.NewString()}}, []Expr{col{0, types.NewString()}}, res)
					if err != nil {
						t.Fatal(err)
					}
					got := rowsOf(t, j)
					slices.Sort(got)
					if !slices.Equal(got, want) {
						t.Fatalf("budget %d: %d rows, want %d", budget, len(got), len(want))
					}
					if budget > 0 && j.spills == 0 {
						t.Errorf("budget %d: did not spill", budget)
					}
					if entries, _ := os.ReadDir(env.TempDir); len(entries) != 0 {
						t.Errorf("budget %d: %d spill files left", budget, len(entries))
					}
				}
			})
		}
	}
}

func TestSort(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	in := randomInput(t, r, 5000, 100)
	rows := allRows(t, in)
	for _, c := range []struct {
		desc, nullsFirst bool
		off, lim         int64
	}{{false, true, 0, -1}, {true, false, 0, -1}, {false, false, 10, 20}, {true, true, 0, 7}, {false, true, 4990, 100}} {
		want := slices.Clone(rows)
		slices.SortStableFunc(want, func(a, b []any) int {
			for i := range 2 {
				x, y := a[1-i], b[1-i] // keys: v, then k
				if x == nil || y == nil {
					if x == nil && y == nil {
						continue
					}
					if (x == nil) == c.nullsFirst {
						return -1
					}
					return 1
				}
				var d int
				switch x := x.(type) {
				case int64:
					d = int(x - y.(int64))
				case string:
					d = strings.Compare(x, y.(string))
				}
				if d != 0 {
					if c.desc {
						return -d
					}
					return d
				}
			}
			return 0
		})
		lo := min(int(c.off), len(want))
		hi := len(want)
		if c.lim >= 0 {
			hi = min(hi, lo+int(c.lim))
		}
		var ws []string
		for _, w := range want[lo:hi] {
			ws = append(ws, fmt.Sprint(w))
		}
		for _, budget := range []int64{0, 48 << 10} {
			in.i = 0
			env := testEnv()
			env.Memory = NewBudget(budget)
			env.TempDir = t.TempDir()
			s, err := NewSort(env, in, []SortKey{{Expr: col{1, types.NewBigInt()}, Descending: c.desc, NullsFirst: c.nullsFirst}, {Expr: col{0, types.NewString()}, Descending: c.desc, NullsFirst: c.nullsFirst}}, c.off, c.lim)
			if err != nil {
				t.Fatal(err)
			}
			got := rowsOf(t, s)
			if budget > 0 && c.lim < 0 && s.spills < 2 {
				t.Errorf("budget %d: %d runs spilled, want several", budget, s.spills)
			}
			if !slices.Equal(got, ws) {
				t.Errorf("%+v budget %d: got %d rows, want %d; first %v vs %v", c, budget, len(got), len(ws), got[:min(3, len(got))], ws[:min(3, len(ws))])
			}
			if budget > 0 && c.lim < 0 {
				// The external sort really spilled, and cleaned up.
				if entries, _ := os.ReadDir(env.TempDir); len(entries) != 0 {
					t.Errorf("spill files left: %d", len(entries))
				}
			}
		}
	}
}

func TestUnionAll(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 1))
	a, b := randomInput(t, r, 100, 10), randomInput(t, r, 50, 10)
	u, err := NewUnionAll(a, b)
	if err != nil {
		t.Fatal(err)
	}
	if got := rowsOf(t, u); len(got) != 150 {
		t.Errorf("union all: %d rows", len(got))
	}
	c, _ := NewValues([]types.DataType{types.NewBigInt()})
	if _, err := NewUnionAll(a, c); err == nil {
		t.Error("union of different arity accepted")
	}
}
