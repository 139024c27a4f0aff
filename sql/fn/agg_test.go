package fn

import (
	"fmt"
	"math"
	"math/big"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// fntAggCase describes one aggregate over one input type, with a generator of
// random values (nil = NULL) and a naive model of the result of one group.
type fntAggCase struct {
	name     string
	distinct bool
	args     []types.DataType
	gen      func(r *rand.Rand) []any
	model    func(rows [][]any) any
}

func fntResolveAgg(t testing.TB, name string, argTypes []types.DataType, distinct bool) *Aggregate {
	t.Helper()
	args := make([]Arg, len(argTypes))
	for i, a := range argTypes {
		args[i] = Arg{Type: a}
	}
	a, err := ResolveAggregate(name, args, distinct)
	if err != nil {
		t.Fatalf("resolve %s: %v", name, err)
	}
	return a
}

// fntBuildArgs builds argument vectors from rows of scalars.
func fntBuildArgs(t testing.TB, ts []types.DataType, rows [][]any) []*vec.Vector {
	t.Helper()
	cols := make([]*vec.Vector, len(ts))
	for k, ty := range ts {
		cols[k] = vec.MustNew(ty, len(rows))
		for _, r := range rows {
			if err := cols[k].Append(r[k]); err != nil {
				t.Fatalf("append %v to %s: %v", r[k], ty, err)
			}
		}
	}
	return cols
}

func fntAggResults(t testing.TB, a *Aggregate, acc Accumulators) []any {
	t.Helper()
	out := vec.MustNew(a.Result, acc.Len())
	if err := acc.Result(nil, 0, acc.Len(), out); err != nil {
		t.Fatal(err)
	}
	if out.Len != acc.Len() {
		t.Fatalf("%s: Result gave %d rows for %d groups", a.Name, out.Len, acc.Len())
	}
	res := make([]any, out.Len)
	for i := range res {
		res[i] = out.Value(i)
	}
	return res
}

func fntSameAgg(x, y any) bool {
	if fx, ok := x.(float64); ok && fx != fx {
		fy, ok := y.(float64)
		return ok && fy != fy
	}
	fx, ok1 := x.(float64)
	fy, ok2 := y.(float64)
	if ok1 && ok2 {
		return fx == fy || math.Abs(fx-fy) <= 1e-9*math.Max(1, math.Abs(fx)) || (fx != fx && fy != fy)
	}
	return reflect.DeepEqual(x, y)
}

// fntRunAggCase checks Update against the model with random groups and a
// random selection, Merge of two partials against one accumulator, and
// Retract (when implemented) against updating only the kept rows.
func fntRunAggCase(t *testing.T, c fntAggCase) {
	r := rand.New(rand.NewPCG(1, uint64(len(c.name))))
	a := fntResolveAgg(t, c.name, c.args, c.distinct)
	const nGroups, nRows = 23, 700
	rows := make([][]any, nRows)
	groups := make([]uint32, nRows)
	for i := range rows {
		rows[i] = c.gen(r)
		groups[i] = uint32(r.IntN(nGroups))
	}
	var sel []int32
	for i := range rows {
		if r.IntN(4) != 0 {
			sel = append(sel, int32(i))
		}
	}
	perGroup := make([][][]any, nGroups)
	for _, i := range sel {
		perGroup[groups[i]] = append(perGroup[groups[i]], rows[i])
	}
	want := make([]any, nGroups)
	for g := range want {
		want[g] = c.model(perGroup[g])
	}
	cols := fntBuildArgs(t, c.args, rows)

	// One accumulator, one batch.
	acc := a.New()
	acc.Grow(nGroups)
	if err := acc.Update(nil, groups, cols, sel); err != nil {
		t.Fatal(err)
	}
	got := fntAggResults(t, a, acc)
	for g := range want {
		if !fntSameAgg(got[g], want[g]) {
			t.Fatalf("%s group %d (%d rows): got %v (%T), want %v (%T)", c.name, g, len(perGroup[g]), got[g], got[g], want[g], want[g])
		}
	}

	// Two partials over halves of the selection, with permuted group
	// numbers, merged into a third accumulator.
	perm := r.Perm(nGroups)
	inv := make([]uint32, nGroups)
	for g, p := range perm {
		inv[p] = uint32(g)
	}
	half := len(sel) / 2
	p1, p2 := a.New(), a.New()
	p1.Grow(nGroups)
	p2.Grow(nGroups)
	if err := p1.Update(nil, groups, cols, sel[:half]); err != nil {
		t.Fatal(err)
	}
	permGroups := make([]uint32, nRows)
	for i, g := range groups {
		permGroups[i] = uint32(perm[g])
	}
	if err := p2.Update(nil, permGroups, cols, sel[half:]); err != nil {
		t.Fatal(err)
	}
	merged := a.New()
	merged.Grow(nGroups)
	identity := make([]uint32, nGroups)
	for g := range identity {
		identity[g] = uint32(g)
	}
	if err := merged.Merge(p1, identity); err != nil {
		t.Fatal(err)
	}
	if err := merged.Merge(p2, inv); err != nil {
		t.Fatal(err)
	}
	got = fntAggResults(t, a, merged)
	for g := range want {
		if !fntSameAgg(got[g], want[g]) {
			t.Fatalf("%s merged group %d: got %v, want %v", c.name, g, got[g], want[g])
		}
	}

	// Retract: update everything, retract the rows outside sel.
	acc = a.New()
	if _, ok := acc.(Retracter); !ok {
		return
	}
	acc.Grow(nGroups)
	if err := acc.Update(nil, groups, cols, nil); err != nil {
		t.Fatal(err)
	}
	var unsel []int32
	k := 0
	for i := range rows {
		if k < len(sel) && sel[k] == int32(i) {
			k++
			continue
		}
		unsel = append(unsel, int32(i))
	}
	if err := acc.(Retracter).Retract(nil, groups, cols, unsel); err != nil {
		t.Fatal(err)
	}
	got = fntAggResults(t, a, acc)
	for g := range want {
		if !fntSameAgg(got[g], want[g]) {
			t.Fatalf("%s after retract group %d: got %v, want %v", c.name, g, got[g], want[g])
		}
	}
}

func fntNonNull(rows [][]any, k int) []any {
	var out []any
	for _, r := range rows {
		if r[k] != nil {
			out = append(out, r[k])
		}
	}
	return out
}

func fntGenInt32(r *rand.Rand) []any {
	if r.IntN(6) == 0 {
		return []any{nil}
	}
	return []any{int32(r.IntN(2001) - 1000)}
}

func fntGenInt64Big(r *rand.Rand) []any {
	if r.IntN(6) == 0 {
		return []any{nil}
	}
	return []any{int64(r.Uint64())}
}

func fntGenDouble(r *rand.Rand) []any {
	if r.IntN(6) == 0 {
		return []any{nil}
	}
	return []any{float64(r.IntN(100000)) / 8}
}

func fntGenDec(r *rand.Rand) []any {
	if r.IntN(6) == 0 {
		return []any{nil}
	}
	return []any{types.DecimalFromInt64(int64(r.IntN(2_000_000) - 1_000_000))}
}

func fntGenWideDec(r *rand.Rand) []any {
	if r.IntN(6) == 0 {
		return []any{nil}
	}
	v := new(big.Int).Lsh(big.NewInt(int64(r.IntN(1000)-500)), 80)
	d, _ := types.DecimalFromBig(v)
	return []any{d}
}

var fntWords = []string{"", "a", "b", "zz", "héllo", "日本", "\xff\xfe", "ab"}

func fntGenString(r *rand.Rand) []any {
	if r.IntN(6) == 0 {
		return []any{nil}
	}
	return []any{fntWords[r.IntN(len(fntWords))]}
}

func fntGenBool(r *rand.Rand) []any {
	if r.IntN(5) == 0 {
		return []any{nil}
	}
	return []any{r.IntN(2) == 0}
}

func fntGenTS(r *rand.Rand) []any {
	if r.IntN(6) == 0 {
		return []any{nil}
	}
	return []any{types.Timestamp{Millis: int64(r.IntN(1e6)) - 5e5, NanoOfMilli: int32(r.IntN(1e6))}}
}

func fntBigOfDec(d any) *big.Int { return d.(types.Decimal).Big() }

func fntSumDecModel(rows [][]any) any {
	vs := fntNonNull(rows, 0)
	if len(vs) == 0 {
		return nil
	}
	s := new(big.Int)
	for _, v := range vs {
		s.Add(s, fntBigOfDec(v))
	}
	d, _ := types.DecimalFromBig(s)
	return d
}

func fntExtremeModel(dir int) func(rows [][]any) any {
	return func(rows [][]any) any {
		vs := fntNonNull(rows, 0)
		if len(vs) == 0 {
			return nil
		}
		best := vs[0]
		for _, v := range vs[1:] {
			if fntCmpScalar(v, best)*dir > 0 {
				best = v
			}
		}
		return best
	}
}

func fntCmpScalar(a, b any) int {
	switch x := a.(type) {
	case int32:
		return fntCmpOrdered(x, b.(int32))
	case int64:
		return fntCmpOrdered(x, b.(int64))
	case float64:
		return types.CompareFloat(x, b.(float64))
	case string:
		return strings.Compare(x, b.(string))
	case bool:
		y := b.(bool)
		switch {
		case x == y:
			return 0
		case !x:
			return -1
		}
		return 1
	case types.Decimal:
		return x.Cmp(b.(types.Decimal))
	case types.Timestamp:
		return x.Compare(b.(types.Timestamp))
	}
	panic(fmt.Sprintf("fntCmpScalar %T", a))
}

func fntCmpOrdered[T int32 | int64](a, b T) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func fntVarianceModel(samp, sqrt bool) func(rows [][]any) any {
	return func(rows [][]any) any {
		vs := fntNonNull(rows, 0)
		n := len(vs)
		if n == 0 || (samp && n == 1) {
			return nil
		}
		mean := 0.0
		for _, v := range vs {
			mean += v.(float64)
		}
		mean /= float64(n)
		m2 := 0.0
		for _, v := range vs {
			d := v.(float64) - mean
			m2 += d * d
		}
		div := float64(n)
		if samp {
			div--
		}
		r := m2 / div
		if sqrt {
			r = math.Sqrt(r)
		}
		return r
	}
}

func TestAggregatesAgainstModel(t *testing.T) {
	i32, i64, f64 := types.NewInt(), types.NewBigInt(), types.NewDouble()
	dec, wide := types.NewDecimal(10, 2), types.NewDecimal(30, 4)
	str, boolean, ts := types.NewString(), types.NewBoolean(), types.NewTimestamp(6)
	countModel := func(rows [][]any) any { return int64(len(fntNonNull(rows, 0))) }
	cases := []fntAggCase{
		{name: "COUNT", args: []types.DataType{i32}, gen: fntGenInt32, model: countModel},
		{name: "COUNT", args: nil, gen: func(*rand.Rand) []any { return []any{} }, model: func(rows [][]any) any { return int64(len(rows)) }},
		{name: "COUNT", args: []types.DataType{str}, gen: fntGenString, model: countModel},
		{name: "SUM", args: []types.DataType{i32}, gen: fntGenInt32, model: func(rows [][]any) any {
			vs := fntNonNull(rows, 0)
			if len(vs) == 0 {
				return nil
			}
			var s int32
			for _, v := range vs {
				s += v.(int32)
			}
			return s
		}},
		{name: "SUM", args: []types.DataType{i64}, gen: fntGenInt64Big, model: func(rows [][]any) any {
			vs := fntNonNull(rows, 0)
			if len(vs) == 0 {
				return nil
			}
			var s int64 // wraps as Java's long
			for _, v := range vs {
				s += v.(int64)
			}
			return s
		}},
		{name: "SUM0", args: []types.DataType{i32}, gen: fntGenInt32, model: func(rows [][]any) any {
			var s int32
			for _, v := range fntNonNull(rows, 0) {
				s += v.(int32)
			}
			return s
		}},
		{name: "SUM", args: []types.DataType{f64}, gen: fntGenDouble, model: func(rows [][]any) any {
			vs := fntNonNull(rows, 0)
			if len(vs) == 0 {
				return nil
			}
			s := 0.0
			for _, v := range vs {
				s += v.(float64)
			}
			return s
		}},
		{name: "SUM", args: []types.DataType{dec}, gen: fntGenDec, model: fntSumDecModel},
		{name: "SUM", args: []types.DataType{wide}, gen: fntGenWideDec, model: fntSumDecModel},
		{name: "AVG", args: []types.DataType{i32}, gen: fntGenInt32, model: func(rows [][]any) any {
			vs := fntNonNull(rows, 0)
			if len(vs) == 0 {
				return nil
			}
			var s int64
			for _, v := range vs {
				s += int64(v.(int32))
			}
			return int32(s / int64(len(vs)))
		}},
		{name: "AVG", args: []types.DataType{dec}, gen: fntGenDec, model: func(rows [][]any) any {
			vs := fntNonNull(rows, 0)
			if len(vs) == 0 {
				return nil
			}
			s := new(big.Int)
			for _, v := range vs {
				s.Add(s, fntBigOfDec(v))
			}
			s.Mul(s, big.NewInt(10000)) // scale 2 → 6
			q := dec128DivHalfUp(s, big.NewInt(int64(len(vs))))
			d, _ := types.DecimalFromBig(q)
			return d
		}},
		{name: "MIN", args: []types.DataType{i32}, gen: fntGenInt32, model: fntExtremeModel(-1)},
		{name: "MAX", args: []types.DataType{i32}, gen: fntGenInt32, model: fntExtremeModel(1)},
		{name: "MAX", args: []types.DataType{f64}, gen: fntGenDouble, model: fntExtremeModel(1)},
		{name: "MIN", args: []types.DataType{str}, gen: fntGenString, model: fntExtremeModel(-1)},
		{name: "MAX", args: []types.DataType{str}, gen: fntGenString, model: fntExtremeModel(1)},
		{name: "MAX", args: []types.DataType{wide}, gen: fntGenWideDec, model: fntExtremeModel(1)},
		{name: "MIN", args: []types.DataType{ts}, gen: fntGenTS, model: fntExtremeModel(-1)},
		{name: "MAX", args: []types.DataType{boolean}, gen: fntGenBool, model: fntExtremeModel(1)},
		{name: "BOOL_AND", args: []types.DataType{boolean}, gen: fntGenBool, model: func(rows [][]any) any {
			vs := fntNonNull(rows, 0)
			if len(vs) == 0 {
				return nil
			}
			for _, v := range vs {
				if !v.(bool) {
					return false
				}
			}
			return true
		}},
		{name: "BOOL_OR", args: []types.DataType{boolean}, gen: fntGenBool, model: func(rows [][]any) any {
			vs := fntNonNull(rows, 0)
			if len(vs) == 0 {
				return nil
			}
			for _, v := range vs {
				if v.(bool) {
					return true
				}
			}
			return false
		}},
		{name: "VAR_POP", args: []types.DataType{f64}, gen: fntGenDouble, model: fntVarianceModel(false, false)},
		{name: "VAR_SAMP", args: []types.DataType{f64}, gen: fntGenDouble, model: fntVarianceModel(true, false)},
		{name: "STDDEV_POP", args: []types.DataType{f64}, gen: fntGenDouble, model: fntVarianceModel(false, true)},
		{name: "STDDEV", args: []types.DataType{f64}, gen: fntGenDouble, model: fntVarianceModel(true, true)},
		{name: "COUNT", distinct: true, args: []types.DataType{i32}, gen: func(r *rand.Rand) []any {
			if r.IntN(6) == 0 {
				return []any{nil}
			}
			return []any{int32(r.IntN(9))}
		}, model: func(rows [][]any) any {
			seen := map[any]bool{}
			for _, v := range fntNonNull(rows, 0) {
				seen[v] = true
			}
			return int64(len(seen))
		}},
		{name: "SUM", distinct: true, args: []types.DataType{i64}, gen: func(r *rand.Rand) []any {
			if r.IntN(6) == 0 {
				return []any{nil}
			}
			return []any{int64(r.IntN(9))}
		}, model: func(rows [][]any) any {
			seen := map[any]bool{}
			var s int64
			for _, v := range fntNonNull(rows, 0) {
				if !seen[v] {
					seen[v] = true
					s += v.(int64)
				}
			}
			if len(seen) == 0 {
				return nil
			}
			return s
		}},
		{name: "MAX", distinct: true, args: []types.DataType{str}, gen: fntGenString, model: fntExtremeModel(1)},
		{name: "MIN_WITH_RETRACT", args: []types.DataType{i32}, gen: fntGenInt32, model: fntExtremeModel(-1)},
		{name: "MAX_WITH_RETRACT", args: []types.DataType{i32}, gen: fntGenInt32, model: fntExtremeModel(1)},
		{name: "MAX_WITH_RETRACT", args: []types.DataType{i64}, gen: fntGenInt64Big, model: fntExtremeModel(1)},
		{name: "MIN_WITH_RETRACT", args: []types.DataType{f64}, gen: func(r *rand.Rand) []any {
			if r.IntN(6) == 0 {
				return []any{nil}
			}
			return []any{[]float64{-1.5, -0.0, 0.0, 2, math.Inf(-1), math.NaN()}[r.IntN(6)]}
		}, model: fntExtremeModel(-1)},
		{name: "MAX_WITH_RETRACT", args: []types.DataType{str}, gen: fntGenString, model: fntExtremeModel(1)},
		{name: "MIN_WITH_RETRACT", args: []types.DataType{wide}, gen: fntGenWideDec, model: fntExtremeModel(-1)},
		{name: "MAX_WITH_RETRACT", args: []types.DataType{ts}, gen: fntGenTS, model: fntExtremeModel(1)},
		{name: "MIN_WITH_RETRACT", args: []types.DataType{boolean}, gen: fntGenBool, model: fntExtremeModel(-1)},
		{name: "LAST_VALUE_WITH_RETRACT", args: []types.DataType{str, i64}, gen: fntGenValueOrder, model: fntOrderedPickModel(1)},
		{name: "FIRST_VALUE_WITH_RETRACT", args: []types.DataType{i32, i64}, gen: func(r *rand.Rand) []any {
			v := fntGenInt32(r)
			return append(v, fntGenValueOrder(r)[1])
		}, model: fntOrderedPickModel(-1)},
		{name: "LAST_VALUE", args: []types.DataType{str, i64}, gen: fntGenValueOrder, model: fntOrderedPickModel(1)},
		{name: "COUNT", distinct: true, args: []types.DataType{str}, gen: fntGenString, model: func(rows [][]any) any {
			seen := map[any]bool{}
			for _, v := range fntNonNull(rows, 0) {
				seen[v] = true
			}
			return int64(len(seen))
		}},
	}
	for _, c := range cases {
		name := c.name
		if len(c.args) > 0 {
			name += "(" + c.args[0].String() + ")"
		}
		if c.distinct {
			name += "/distinct"
		}
		t.Run(name, func(t *testing.T) { fntRunAggCase(t, c) })
	}
}

// Order-dependent aggregates: one batch, rows in order.
func TestFirstLastValue(t *testing.T) {
	str := types.NewString()
	vals := []any{nil, "x", "y", nil, "z"}
	orders := []any{int64(5), int64(3), int64(9), int64(1), int64(2)}
	groups := []uint32{0, 0, 0, 0, 1}
	cases := []struct {
		name    string
		ordered bool
		want    []any
	}{
		{"FIRST_VALUE", false, []any{"x", "z"}},
		{"LAST_VALUE", false, []any{"y", "z"}},
		{"FIRST_VALUE", true, []any{"x", "z"}}, // smallest order among non-null values: 3
		{"LAST_VALUE", true, []any{"y", "z"}},  // largest order: 9
	}
	for _, c := range cases {
		ts := []types.DataType{str}
		rows := make([][]any, len(vals))
		for i := range vals {
			rows[i] = []any{vals[i]}
			if c.ordered {
				rows[i] = append(rows[i], orders[i])
			}
		}
		if c.ordered {
			ts = append(ts, types.NewBigInt())
		}
		a := fntResolveAgg(t, c.name, ts, false)
		acc := a.New()
		acc.Grow(3)
		if err := acc.Update(nil, groups, fntBuildArgs(t, ts, rows), nil); err != nil {
			t.Fatal(err)
		}
		got := fntAggResults(t, a, acc)
		want := append(c.want, nil)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s ordered=%v: got %v, want %v", c.name, c.ordered, got, want)
		}
	}
}

// LAST_VALUE(v, order) as in the seed roll-up: merging partials keeps the
// value of the largest order wherever it arrived.
func TestLastValueOrderedMerge(t *testing.T) {
	ts := []types.DataType{types.NewInt(), types.NewBigInt()}
	a := fntResolveAgg(t, "LAST_VALUE", ts, false)
	p1, p2 := a.New(), a.New()
	p1.Grow(1)
	p2.Grow(1)
	if err := p1.Update(nil, []uint32{0, 0}, fntBuildArgs(t, ts, [][]any{{int32(1), int64(10)}, {int32(2), int64(30)}}), nil); err != nil {
		t.Fatal(err)
	}
	if err := p2.Update(nil, []uint32{0}, fntBuildArgs(t, ts, [][]any{{int32(3), int64(20)}}), nil); err != nil {
		t.Fatal(err)
	}
	if err := p2.Merge(p1, []uint32{0}); err != nil {
		t.Fatal(err)
	}
	if got := fntAggResults(t, a, p2); got[0] != int32(2) {
		t.Fatalf("LAST_VALUE merged = %v, want 2 (order 30)", got[0])
	}
}

func TestListAgg(t *testing.T) {
	str := types.NewString()
	rows := [][]any{{"a", "-"}, {nil, "-"}, {"b", nil}, {"c", "+"}, {"", "-"}, {"d", "-"}}
	groups := []uint32{0, 0, 0, 0, 1, 1}
	cases := []struct {
		args []types.DataType
		want []any
	}{
		{[]types.DataType{str}, []any{"a,b,c", ",d", nil}},
		{[]types.DataType{str, str}, []any{"a+c", "-d", nil}},
	}
	for _, c := range cases {
		a := fntResolveAgg(t, "LISTAGG", c.args, false)
		acc := a.New()
		acc.Grow(3)
		rs := make([][]any, len(rows))
		for i, r := range rows {
			rs[i] = r[:len(c.args)]
		}
		if err := acc.Update(nil, groups, fntBuildArgs(t, c.args, rs), nil); err != nil {
			t.Fatal(err)
		}
		if got := fntAggResults(t, a, acc); !reflect.DeepEqual(got, c.want) {
			t.Errorf("LISTAGG %d args: got %q, want %q", len(c.args), got, c.want)
		}
	}
}

func TestAggregateResultTypes(t *testing.T) {
	cases := []struct {
		name string
		arg  types.DataType
		want string
	}{
		{"COUNT", types.NewInt(), "BIGINT NOT NULL"},
		{"SUM", types.NewInt(), "INT"},
		{"SUM", types.NewTinyInt().NotNull(), "TINYINT"},
		{"SUM", types.NewDecimal(10, 2), "DECIMAL(38, 2)"},
		{"SUM0", types.NewBigInt(), "BIGINT NOT NULL"},
		{"AVG", types.NewInt(), "INT"},
		{"AVG", types.NewDecimal(10, 2), "DECIMAL(38, 6)"},
		{"AVG", types.NewDecimal(20, 8), "DECIMAL(38, 8)"},
		{"AVG", types.NewDouble(), "DOUBLE"},
		{"MAX", types.NewVarChar(10).NotNull(), "VARCHAR(10)"},
		{"STDDEV_POP", types.NewInt(), "INT"},
		{"VAR_SAMP", types.NewDecimal(10, 2), "DECIMAL(38, 6)"},
		{"LISTAGG", types.NewString(), "STRING"},
	}
	for _, c := range cases {
		a := fntResolveAgg(t, c.name, []types.DataType{c.arg}, false)
		if got := a.Result.String(); got != c.want {
			t.Errorf("%s(%s) result type %s, want %s", c.name, c.arg, got, c.want)
		}
	}
	for _, bad := range []struct {
		name string
		args []types.DataType
	}{
		{"SUM", []types.DataType{types.NewString()}},
		{"SUM", nil},
		{"AVG", []types.DataType{types.NewInt(), types.NewInt()}},
		{"BOOL_AND", []types.DataType{types.NewInt()}},
		{"LISTAGG", []types.DataType{types.NewInt()}},
		{"MIN", []types.DataType{{Root: types.Array, Elem: &types.DataType{Root: types.Int}}}},
	} {
		args := make([]Arg, len(bad.args))
		for i, a := range bad.args {
			args[i] = Arg{Type: a}
		}
		if _, err := ResolveAggregate(bad.name, args, false); err == nil || !strings.Contains(err.Error(), bad.name) {
			t.Errorf("%s%v: want an error naming the function, got %v", bad.name, bad.args, err)
		}
	}
}

func TestAggregateEdgeValues(t *testing.T) {
	// SUM(INT) wraps as Java's int; AVG(INT) truncates toward zero.
	check := func(name string, ty types.DataType, vals []any, want any) {
		t.Helper()
		a := fntResolveAgg(t, name, []types.DataType{ty}, false)
		acc := a.New()
		acc.Grow(1)
		rows := make([][]any, len(vals))
		for i, v := range vals {
			rows[i] = []any{v}
		}
		if err := acc.Update(nil, make([]uint32, len(vals)), fntBuildArgs(t, []types.DataType{ty}, rows), nil); err != nil {
			t.Fatal(err)
		}
		if got := fntAggResults(t, a, acc)[0]; !reflect.DeepEqual(got, want) {
			t.Errorf("%s(%v) = %v (%T), want %v (%T)", name, vals, got, got, want, want)
		}
	}
	check("SUM", types.NewInt(), []any{int32(math.MaxInt32), int32(1)}, int32(math.MinInt32))
	check("SUM", types.NewBigInt(), []any{int64(math.MaxInt64), int64(1)}, int64(math.MinInt64))
	check("AVG", types.NewInt(), []any{int32(1), int32(2)}, int32(1))
	check("AVG", types.NewInt(), []any{int32(-1), int32(-2)}, int32(-1))
	check("AVG", types.NewInt(), []any{int32(math.MaxInt32), int32(math.MaxInt32)}, int32(math.MaxInt32))
	check("SUM", types.NewInt(), []any{nil, nil}, nil)
	check("SUM0", types.NewInt(), []any{nil}, int32(0))
	check("AVG", types.NewDecimal(5, 1), []any{types.DecimalFromInt64(1), types.DecimalFromInt64(2)}, types.DecimalFromInt64(150000)) // (0.1+0.2)/2 = 0.150000
	check("AVG", types.NewDecimal(5, 0), []any{types.DecimalFromInt64(1), types.DecimalFromInt64(0), types.DecimalFromInt64(1)}, types.DecimalFromInt64(666667))
	check("STDDEV_POP", types.NewInt(), []any{int32(1), int32(2), int32(3), int32(4)}, int32(1)) // 1.118 truncated
	check("VAR_SAMP", types.NewDouble(), []any{2.0}, nil)
	// 10^38-1 + 1 needs 39 digits: NULL.
	max38, _ := types.DecimalFromBig(new(big.Int).Sub(dec128Pow10(38), big.NewInt(1)))
	check("SUM", types.NewDecimal(38, 0), []any{max38, types.DecimalFromInt64(0)}, max38)
	check("SUM", types.NewDecimal(38, 0), []any{max38, types.DecimalFromInt64(1)}, nil)
	check("SUM", types.NewDecimal(38, 0), []any{max38, max38, max38}, nil)
}

func TestAggregateBadCalls(t *testing.T) {
	a := fntResolveAgg(t, "SUM", []types.DataType{types.NewInt()}, false)
	acc := a.New()
	acc.Grow(2)
	cols := fntBuildArgs(t, []types.DataType{types.NewInt()}, [][]any{{int32(1)}, {int32(2)}})
	if err := acc.Update(nil, []uint32{0, 5}, cols, nil); err == nil {
		t.Error("group beyond Grow: want an error")
	}
	if err := acc.Update(nil, []uint32{0}, cols, nil); err == nil {
		t.Error("fewer groups than rows: want an error")
	}
	if err := acc.Update(nil, []uint32{0, 1}, cols, []int32{7}); err == nil {
		t.Error("selection beyond the batch: want an error")
	}
	other := fntResolveAgg(t, "COUNT", nil, false).New()
	if err := acc.Merge(other, []uint32{0}); err == nil {
		t.Error("merge with COUNT accumulators: want an error")
	}
	if err := acc.Result(nil, 0, 3, vec.MustNew(types.NewInt(), 3)); err == nil {
		t.Error("result range beyond groups: want an error")
	}
}

func TestAggregateMemoryBytes(t *testing.T) {
	a := fntResolveAgg(t, "MAX", []types.DataType{types.NewString()}, false)
	acc := a.New()
	acc.Grow(1)
	before := acc.MemoryBytes()
	long := strings.Repeat("x", 10000)
	if err := acc.Update(nil, []uint32{0}, fntBuildArgs(t, []types.DataType{types.NewString()}, [][]any{{long}}), nil); err != nil {
		t.Fatal(err)
	}
	if acc.MemoryBytes()-before < 10000 {
		t.Errorf("MemoryBytes grew by %d after a 10000-byte value", acc.MemoryBytes()-before)
	}
}

func BenchmarkSumInt64(b *testing.B) {
	a := fntResolveAgg(b, "SUM", []types.DataType{types.NewBigInt()}, false)
	acc := a.New()
	const n = 4096
	acc.Grow(n)
	v := vec.MustNew(types.NewBigInt(), n)
	groups := make([]uint32, n)
	for i := range n {
		_ = v.Append(int64(i))
		groups[i] = uint32((i * 7919) % n)
	}
	args := []*vec.Vector{v}
	b.ReportAllocs()
	for b.Loop() {
		if err := acc.Update(nil, groups, args, nil); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkMaxString(b *testing.B) {
	a := fntResolveAgg(b, "MAX", []types.DataType{types.NewString()}, false)
	acc := a.New()
	const n = 4096
	acc.Grow(64)
	v := vec.MustNew(types.NewString(), n)
	groups := make([]uint32, n)
	for i := range n {
		v.AppendString(fmt.Sprintf("value-%06d", i))
		groups[i] = uint32(i % 64)
	}
	args := []*vec.Vector{v}
	b.ReportAllocs()
	for b.Loop() {
		if err := acc.Update(nil, groups, args, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// The seed roll-up: MAX over an updating view; retracting the maximum
// exposes the next value.
func TestMaxWithRetractExtreme(t *testing.T) {
	ts := []types.DataType{types.NewBigInt()}
	a := fntResolveAgg(t, "MAX_WITH_RETRACT", ts, false)
	acc := a.New()
	acc.Grow(1)
	g := []uint32{0, 0, 0}
	if err := acc.Update(nil, g, fntBuildArgs(t, ts, [][]any{{int64(10)}, {int64(30)}, {int64(30)}}), nil); err != nil {
		t.Fatal(err)
	}
	r := acc.(Retracter)
	steps := []struct {
		retract int64
		want    any
	}{{30, int64(30)}, {30, int64(10)}, {10, nil}}
	for _, s := range steps {
		if err := r.Retract(nil, []uint32{0}, fntBuildArgs(t, ts, [][]any{{s.retract}}), nil); err != nil {
			t.Fatal(err)
		}
		if got := fntAggResults(t, a, acc)[0]; got != s.want {
			t.Fatalf("after retracting %d: MAX = %v, want %v", s.retract, got, s.want)
		}
	}
	if _, ok := fntResolveAgg(t, "MAX", ts, false).New().(Retracter); ok {
		t.Error("plain MAX claims to retract")
	}
}

// fntGenValueOrder makes (STRING value, BIGINT order) rows with distinct
// orders.
func fntGenValueOrder(r *rand.Rand) []any {
	v := fntGenString(r)
	var o any = r.Int64()
	if r.IntN(10) == 0 {
		o = nil
	}
	return append(v, o)
}

// fntOrderedPickModel is FIRST_VALUE (dir -1) / LAST_VALUE (dir 1) with an
// order argument: the value of the row with the extreme order among rows
// whose value and order are non-null.
func fntOrderedPickModel(dir int) func(rows [][]any) any {
	return func(rows [][]any) any {
		var best any
		var bestOrder int64
		found := false
		for _, row := range rows {
			if row[0] == nil || row[1] == nil {
				continue
			}
			o := row[1].(int64)
			if !found || (dir > 0 && o > bestOrder) || (dir < 0 && o < bestOrder) {
				best, bestOrder, found = row[0], o, true
			}
		}
		return best
	}
}

// Without an order, LAST_VALUE_WITH_RETRACT falls back to the latest live
// value when the latest is retracted.
func TestLastValueWithRetractArrival(t *testing.T) {
	ts := []types.DataType{types.NewString()}
	a := fntResolveAgg(t, "LAST_VALUE_WITH_RETRACT", ts, false)
	acc := a.New()
	acc.Grow(1)
	if err := acc.Update(nil, []uint32{0, 0, 0}, fntBuildArgs(t, ts, [][]any{{"a"}, {"b"}, {"c"}}), nil); err != nil {
		t.Fatal(err)
	}
	r := acc.(Retracter)
	for _, step := range []struct{ retract, want any }{{"c", "b"}, {"a", "b"}, {"b", nil}} {
		if err := r.Retract(nil, []uint32{0}, fntBuildArgs(t, ts, [][]any{{step.retract}}), nil); err != nil {
			t.Fatal(err)
		}
		if got := fntAggResults(t, a, acc)[0]; got != step.want {
			t.Fatalf("after retracting %v: %v, want %v", step.retract, got, step.want)
		}
	}
}
