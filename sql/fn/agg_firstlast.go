package fn

import (
	"fmt"
	"math"

	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// FIRST_VALUE(x) and LAST_VALUE(x): the first or last non-null value a group
// receives, in arrival order (Flink's FirstValueAggFunction and
// LastValueAggFunction skip NULLs). FIRST_VALUE(x, order) and
// LAST_VALUE(x, order) take a BIGINT order instead of arrival: the value
// with the smallest (FIRST) or largest (LAST) order wins, ties keeping the
// earlier value, rows with a NULL value or order skipped.
//
// Merge treats the receiver's rows as earlier than other's. Not
// retractable; over a retracting stream the planner uses
// FIRST_VALUE_WITH_RETRACT / LAST_VALUE_WITH_RETRACT
// (agg_firstlast_retract.go).

func init() {
	aggRegister("FIRST_VALUE", func(args []Arg) (*Aggregate, error) { return resolveFirstLast("FIRST_VALUE", false, args) })
	aggRegister("LAST_VALUE", func(args []Arg) (*Aggregate, error) { return resolveFirstLast("LAST_VALUE", true, args) })
}

func resolveFirstLast(name string, last bool, args []Arg) (*Aggregate, error) {
	if len(args) != 1 && len(args) != 2 {
		return nil, fmt.Errorf("%s: expected 1 or 2 arguments (value[, order]), got %d (%s)", name, len(args), rowsArgTypes(args))
	}
	t := args[0].Type
	if err := aggVectorType(name, t); err != nil {
		return nil, err
	}
	argTypes := []types.DataType{t}
	if len(args) == 2 {
		if !rowsIsIntegral(args[1].Type) && !rowsIsNullLiteral(args[1]) {
			return nil, rowsArgTypeError(name, 1, args[1], "an integral order (BIGINT)")
		}
		argTypes = append(argTypes, types.NewBigInt().WithNullable(args[1].Type.Nullable))
	}
	ordered := len(args) == 2
	return &Aggregate{
		Name:   name,
		Args:   argTypes,
		Result: t.WithNullable(true),
		New: func() Accumulators {
			vals, _ := newGroupValues(t) // checked above
			return &firstLastAcc{name: name, last: last, ordered: ordered, vals: vals}
		},
	}, nil
}

type firstLastAcc struct {
	name    string
	last    bool
	ordered bool
	vals    *groupValues
	orders  []int64 // ordered only: the order of each group's value
}

func (a *firstLastAcc) Grow(n int) {
	a.vals.grow(n)
	if a.ordered {
		a.orders = aggGrow(a.orders, n)
	}
}

func (a *firstLastAcc) Len() int { return len(a.vals.has) }

func (a *firstLastAcc) MemoryBytes() int64 { return a.vals.memoryBytes() + 8*int64(cap(a.orders)) }

func (a *firstLastAcc) Result(_ *Context, lo, hi int, out *vec.Vector) error {
	if err := a.vals.appendResult(lo, hi, out); err != nil {
		return fmt.Errorf("%s: %w", a.name, err)
	}
	return nil
}

// takes reports whether a value (with order o, when ordered) replaces the
// group's current one (has, current order cur).
func (a *firstLastAcc) takes(has bool, cur, o int64) bool {
	switch {
	case !has:
		return true
	case a.ordered && a.last:
		return o > cur
	case a.ordered:
		return o < cur
	}
	return a.last
}

// Update folds the batch's rows into their groups in row order.
func (a *firstLastAcc) Update(_ *Context, groups []uint32, args []*vec.Vector, sel []int32) error {
	s := a.vals
	rows, err := aggRows(a.name, len(s.has), groups, args, sel)
	if err != nil {
		return err
	}
	want := 1
	if a.ordered {
		want = 2
	}
	if len(args) != want || args[0].Kind != s.kind || (a.ordered && args[1].Kind != vec.KindI64) {
		return fmt.Errorf("%s: argument vectors do not match the resolved types", a.name)
	}
	v := args[0]
	var ord *vec.Vector
	if a.ordered {
		ord = args[1]
	}
	switch s.kind {
	case vec.KindBool:
		firstLastUpdate(a, s.bools, v.Bools, v, ord, groups, rows)
	case vec.KindI8:
		firstLastUpdate(a, s.i8, v.I8, v, ord, groups, rows)
	case vec.KindI16:
		firstLastUpdate(a, s.i16, v.I16, v, ord, groups, rows)
	case vec.KindI32:
		firstLastUpdate(a, s.i32, v.I32, v, ord, groups, rows)
	case vec.KindI64:
		firstLastUpdate(a, s.i64, v.I64, v, ord, groups, rows)
	case vec.KindF32:
		firstLastUpdate(a, s.f32, v.F32, v, ord, groups, rows)
	case vec.KindF64:
		firstLastUpdate(a, s.f64, v.F64, v, ord, groups, rows)
	case vec.KindDecimal:
		firstLastUpdate(a, s.dec, v.Dec, v, ord, groups, rows)
	case vec.KindTimestamp:
		firstLastUpdate(a, s.ts, v.TS, v, ord, groups, rows)
	case vec.KindBytes:
		for _, i := range rows {
			if v.Nulls.Get(int(i)) {
				continue
			}
			o := int64(0)
			if ord != nil {
				if ord.Nulls.Get(int(i)) {
					continue
				}
				o = ord.I64[i]
			}
			g := int(groups[i])
			if a.takes(s.has[g], a.orderOf(g), o) {
				s.bytes.set(g, rowsBytesAt(v, i))
				a.setOrder(g, o)
				s.has[g] = true
			}
		}
	}
	return nil
}

func (a *firstLastAcc) orderOf(g int) int64 {
	if a.ordered {
		return a.orders[g]
	}
	return math.MinInt64
}

func (a *firstLastAcc) setOrder(g int, o int64) {
	if a.ordered {
		a.orders[g] = o
	}
}

func firstLastUpdate[T any](a *firstLastAcc, vals, in []T, v, ord *vec.Vector, groups []uint32, rows []int32) {
	has := a.vals.has
	nulls := v.Nulls
	if !nulls.Any() {
		nulls = nil
	}
	if ord == nil {
		for _, i := range rows {
			if nulls.Get(int(i)) {
				continue
			}
			g := groups[i]
			if a.last || !has[g] {
				vals[g] = in[i]
				has[g] = true
			}
		}
		return
	}
	for _, i := range rows {
		if nulls.Get(int(i)) || ord.Nulls.Get(int(i)) {
			continue
		}
		g := groups[i]
		o := ord.I64[i]
		if a.takes(has[g], a.orders[g], o) {
			vals[g] = in[i]
			a.orders[g] = o
			has[g] = true
		}
	}
}

func firstLastMerge[T any](a, o *firstLastAcc, vals, ovals []T, into []uint32) {
	for g, ok := range o.vals.has {
		if !ok {
			continue
		}
		t := int(into[g])
		if a.takes(a.vals.has[t], a.orderOf(t), o.orderOf(g)) {
			vals[t] = ovals[g]
			a.setOrder(t, o.orderOf(g))
			a.vals.has[t] = true
		}
	}
}

func (a *firstLastAcc) Merge(other Accumulators, into []uint32) error {
	o, ok := other.(*firstLastAcc)
	if !ok || o.last != a.last || o.ordered != a.ordered || o.vals.kind != a.vals.kind {
		return aggMergeTypeError(a.name, other)
	}
	s, os := a.vals, o.vals
	if err := aggMergeCheck(a.name, len(s.has), len(os.has), into); err != nil {
		return err
	}
	switch s.kind {
	case vec.KindBool:
		firstLastMerge(a, o, s.bools, os.bools, into)
	case vec.KindI8:
		firstLastMerge(a, o, s.i8, os.i8, into)
	case vec.KindI16:
		firstLastMerge(a, o, s.i16, os.i16, into)
	case vec.KindI32:
		firstLastMerge(a, o, s.i32, os.i32, into)
	case vec.KindI64:
		firstLastMerge(a, o, s.i64, os.i64, into)
	case vec.KindF32:
		firstLastMerge(a, o, s.f32, os.f32, into)
	case vec.KindF64:
		firstLastMerge(a, o, s.f64, os.f64, into)
	case vec.KindDecimal:
		firstLastMerge(a, o, s.dec, os.dec, into)
	case vec.KindTimestamp:
		firstLastMerge(a, o, s.ts, os.ts, into)
	case vec.KindBytes:
		for g, ok := range os.has {
			if !ok {
				continue
			}
			t := int(into[g])
			if a.takes(s.has[t], a.orderOf(t), o.orderOf(g)) {
				s.bytes.set(t, os.bytes.get(g))
				a.setOrder(t, o.orderOf(g))
				s.has[t] = true
			}
		}
	}
	return nil
}
