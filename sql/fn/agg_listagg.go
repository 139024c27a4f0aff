package fn

import (
	"fmt"

	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// LISTAGG(x[, sep]): the non-null values of a group joined by sep (default
// ","), in arrival order, as STRING; NULL when the group has no non-null
// value. As Flink's ListAggFunction, the separator placed before a value is
// the one given on that value's row, and a row whose separator is NULL is
// skipped. Merge appends other's text after the receiver's, joined by the
// separator other's first value arrived with. Not retractable.
//
// Each group's text lives in its own growing buffer; MemoryBytes counts
// their capacity.

func init() {
	aggRegister("LISTAGG", resolveListAgg)
}

func resolveListAgg(args []Arg) (*Aggregate, error) {
	if len(args) != 1 && len(args) != 2 {
		return nil, fmt.Errorf("LISTAGG: expected 1 or 2 arguments (value[, separator]), got %d (%s)", len(args), rowsArgTypes(args))
	}
	ts := make([]types.DataType, len(args))
	for i, a := range args {
		if !rowsIsCharacter(a) {
			return nil, rowsArgTypeError("LISTAGG", i, a, "a character string")
		}
		ts[i] = types.NewString().WithNullable(a.Type.Nullable || rowsIsNullLiteral(a))
	}
	return &Aggregate{
		Name:   "LISTAGG",
		Args:   ts,
		Result: types.NewString(),
		New:    func() Accumulators { return &listAggAcc{} },
	}, nil
}

type listAggAcc struct {
	bufs     [][]byte
	has      []bool
	firstSep [][]byte // the separator that came with each group's first value (for Merge)
}

func (a *listAggAcc) Grow(n int) {
	a.bufs = aggGrow(a.bufs, n)
	a.has = aggGrow(a.has, n)
	a.firstSep = aggGrow(a.firstSep, n)
}

func (a *listAggAcc) Len() int { return len(a.has) }

func (a *listAggAcc) MemoryBytes() int64 {
	m := int64(cap(a.bufs))*24*2 + int64(cap(a.has))
	for g := range a.bufs {
		m += int64(cap(a.bufs[g]) + cap(a.firstSep[g]))
	}
	return m
}

var listAggDefaultSep = []byte(",")

func (a *listAggAcc) Update(_ *Context, groups []uint32, args []*vec.Vector, sel []int32) error {
	rows, err := aggRows("LISTAGG", len(a.has), groups, args, sel)
	if err != nil {
		return err
	}
	if len(args) < 1 || len(args) > 2 || args[0].Kind != vec.KindBytes || (len(args) == 2 && args[1].Kind != vec.KindBytes) {
		return fmt.Errorf("LISTAGG: argument vectors do not match the resolved types")
	}
	v := args[0]
	for _, i := range rows {
		if v.Nulls.Get(int(i)) {
			continue
		}
		sep := listAggDefaultSep
		if len(args) == 2 {
			if args[1].Nulls.Get(int(i)) {
				continue
			}
			sep = rowsBytesAt(args[1], i)
		}
		g := groups[i]
		if !a.has[g] {
			a.has[g] = true
			a.firstSep[g] = append(a.firstSep[g][:0], sep...)
		} else {
			a.bufs[g] = append(a.bufs[g], sep...)
		}
		a.bufs[g] = append(a.bufs[g], rowsBytesAt(v, i)...)
	}
	return nil
}

func (a *listAggAcc) Merge(other Accumulators, into []uint32) error {
	o, ok := other.(*listAggAcc)
	if !ok {
		return aggMergeTypeError("LISTAGG", other)
	}
	if err := aggMergeCheck("LISTAGG", len(a.has), len(o.has), into); err != nil {
		return err
	}
	for g, ok := range o.has {
		if !ok {
			continue
		}
		t := into[g]
		if !a.has[t] {
			a.has[t] = true
			a.firstSep[t] = append(a.firstSep[t][:0], o.firstSep[g]...)
		} else {
			a.bufs[t] = append(a.bufs[t], o.firstSep[g]...)
		}
		a.bufs[t] = append(a.bufs[t], o.bufs[g]...)
	}
	return nil
}

func (a *listAggAcc) Result(_ *Context, lo, hi int, out *vec.Vector) error {
	if lo < 0 || hi > len(a.has) || lo > hi {
		return aggResultRangeError("LISTAGG", lo, hi, len(a.has))
	}
	if out.Kind != vec.KindBytes {
		return aggResultKindError("LISTAGG", out)
	}
	for g := lo; g < hi; g++ {
		if !a.has[g] {
			out.AppendNull()
			continue
		}
		out.AppendBytes(a.bufs[g])
	}
	return nil
}
