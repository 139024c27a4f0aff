package fn

import (
	"bytes"
	"fmt"

	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// MIN and MAX over every orderable type the vectors hold (numbers, decimals,
// strings and binaries by unsigned bytes, booleans, dates, times,
// timestamps), with the input type as result type. NULLs are skipped; no
// non-null value gives NULL. Floats order as Java's Double.compare (NaN
// above +Infinity), as Flink's comparison does.
//
// These accumulators keep only the current extreme per group, so they do
// not implement Retracter; over a retracting stream the planner uses
// MIN_WITH_RETRACT / MAX_WITH_RETRACT (agg_minmax_retract.go).

func init() {
	aggRegister("MIN", func(args []Arg) (*Aggregate, error) { return resolveMinMax("MIN", -1, args) })
	aggRegister("MAX", func(args []Arg) (*Aggregate, error) { return resolveMinMax("MAX", 1, args) })
}

func resolveMinMax(name string, dir int, args []Arg) (*Aggregate, error) {
	if err := aggOneArg(name, args); err != nil {
		return nil, err
	}
	t := args[0].Type
	if !t.IsAtomic() || t.Root == types.Variant || t.Root == types.Blob {
		return nil, rowsArgTypeError(name, 0, args[0], "an orderable type")
	}
	if err := aggVectorType(name, t); err != nil {
		return nil, err
	}
	result := t.WithNullable(true)
	return &Aggregate{
		Name:   name,
		Args:   []types.DataType{t},
		Result: result,
		New: func() Accumulators {
			vals, _ := newGroupValues(t) // checked above
			return &minMaxAcc{name: name, dir: dir, vals: vals}
		},
	}, nil
}

type minMaxAcc struct {
	name string
	dir  int // -1 MIN, +1 MAX
	vals *groupValues
}

func (a *minMaxAcc) Grow(n int)         { a.vals.grow(n) }
func (a *minMaxAcc) Len() int           { return len(a.vals.has) }
func (a *minMaxAcc) MemoryBytes() int64 { return a.vals.memoryBytes() }

func (a *minMaxAcc) Result(_ *Context, lo, hi int, out *vec.Vector) error {
	if err := a.vals.appendResult(lo, hi, out); err != nil {
		return fmt.Errorf("%s: %w", a.name, err)
	}
	return nil
}

// Per-kind "x replaces cur" tests for MIN (dir < 0) and MAX.
func lessOrdered[T int8 | int16 | int32 | int64](x, y T) bool { return x < y }
func lessBool(x, y bool) bool                                 { return !x && y }
func lessF32(x, y float32) bool                               { return types.CompareFloat(float64(x), float64(y)) < 0 }
func lessF64(x, y float64) bool                               { return types.CompareFloat(x, y) < 0 }
func lessDec(x, y types.Decimal) bool                         { return x.Cmp(y) < 0 }
func lessTS(x, y types.Timestamp) bool                        { return x.Compare(y) < 0 }

// extremeUpdate folds in's non-null rows into vals: x replaces the group's
// value when the group has none or better(x, current).
func extremeUpdate[T any](vals []T, has []bool, in []T, nulls vec.Bitmap, groups []uint32, rows []int32, less func(x, y T) bool, max bool) {
	if !nulls.Any() {
		nulls = nil
	}
	for _, i := range rows {
		if nulls.Get(int(i)) {
			continue
		}
		g := groups[i]
		x := in[i]
		if !has[g] || (max && less(vals[g], x)) || (!max && less(x, vals[g])) {
			vals[g] = x
			has[g] = true
		}
	}
}

// extremeMerge folds the groups of (ovals, ohas) into (vals, has).
func extremeMerge[T any](vals []T, has []bool, ovals []T, ohas []bool, into []uint32, less func(x, y T) bool, max bool) {
	for g, ok := range ohas {
		if !ok {
			continue
		}
		t := into[g]
		x := ovals[g]
		if !has[t] || (max && less(vals[t], x)) || (!max && less(x, vals[t])) {
			vals[t] = x
			has[t] = true
		}
	}
}

func (a *minMaxAcc) Update(_ *Context, groups []uint32, args []*vec.Vector, sel []int32) error {
	s := a.vals
	rows, err := aggRows(a.name, len(s.has), groups, args, sel)
	if err != nil {
		return err
	}
	if len(args) != 1 || args[0].Kind != s.kind {
		return fmt.Errorf("%s: argument vectors do not match the resolved type", a.name)
	}
	v, isMax := args[0], a.dir > 0
	switch s.kind {
	case vec.KindBool:
		extremeUpdate(s.bools, s.has, v.Bools, v.Nulls, groups, rows, lessBool, isMax)
	case vec.KindI8:
		extremeUpdate(s.i8, s.has, v.I8, v.Nulls, groups, rows, lessOrdered[int8], isMax)
	case vec.KindI16:
		extremeUpdate(s.i16, s.has, v.I16, v.Nulls, groups, rows, lessOrdered[int16], isMax)
	case vec.KindI32:
		extremeUpdate(s.i32, s.has, v.I32, v.Nulls, groups, rows, lessOrdered[int32], isMax)
	case vec.KindI64:
		extremeUpdate(s.i64, s.has, v.I64, v.Nulls, groups, rows, lessOrdered[int64], isMax)
	case vec.KindF32:
		extremeUpdate(s.f32, s.has, v.F32, v.Nulls, groups, rows, lessF32, isMax)
	case vec.KindF64:
		extremeUpdate(s.f64, s.has, v.F64, v.Nulls, groups, rows, lessF64, isMax)
	case vec.KindDecimal:
		extremeUpdate(s.dec, s.has, v.Dec, v.Nulls, groups, rows, lessDec, isMax)
	case vec.KindTimestamp:
		extremeUpdate(s.ts, s.has, v.TS, v.Nulls, groups, rows, lessTS, isMax)
	case vec.KindBytes:
		for _, i := range rows {
			if v.Nulls.Get(int(i)) {
				continue
			}
			g := int(groups[i])
			x := rowsBytesAt(v, i)
			if !s.has[g] || bytes.Compare(x, s.bytes.get(g))*a.dir > 0 {
				s.bytes.set(g, x)
				s.has[g] = true
			}
		}
	}
	return nil
}

func (a *minMaxAcc) Merge(other Accumulators, into []uint32) error {
	o, ok := other.(*minMaxAcc)
	if !ok || o.dir != a.dir || o.vals.kind != a.vals.kind {
		return aggMergeTypeError(a.name, other)
	}
	s, os := a.vals, o.vals
	if err := aggMergeCheck(a.name, len(s.has), len(os.has), into); err != nil {
		return err
	}
	isMax := a.dir > 0
	switch s.kind {
	case vec.KindBool:
		extremeMerge(s.bools, s.has, os.bools, os.has, into, lessBool, isMax)
	case vec.KindI8:
		extremeMerge(s.i8, s.has, os.i8, os.has, into, lessOrdered[int8], isMax)
	case vec.KindI16:
		extremeMerge(s.i16, s.has, os.i16, os.has, into, lessOrdered[int16], isMax)
	case vec.KindI32:
		extremeMerge(s.i32, s.has, os.i32, os.has, into, lessOrdered[int32], isMax)
	case vec.KindI64:
		extremeMerge(s.i64, s.has, os.i64, os.has, into, lessOrdered[int64], isMax)
	case vec.KindF32:
		extremeMerge(s.f32, s.has, os.f32, os.has, into, lessF32, isMax)
	case vec.KindF64:
		extremeMerge(s.f64, s.has, os.f64, os.has, into, lessF64, isMax)
	case vec.KindDecimal:
		extremeMerge(s.dec, s.has, os.dec, os.has, into, lessDec, isMax)
	case vec.KindTimestamp:
		extremeMerge(s.ts, s.has, os.ts, os.has, into, lessTS, isMax)
	case vec.KindBytes:
		for g, ok := range os.has {
			if !ok {
				continue
			}
			t := int(into[g])
			x := os.bytes.get(g)
			if !s.has[t] || bytes.Compare(x, s.bytes.get(t))*a.dir > 0 {
				s.bytes.set(t, x)
				s.has[t] = true
			}
		}
	}
	return nil
}
