package fn

import (
	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// COUNT(*) (called with no arguments), COUNT(x) and COUNT(x, y, ...):
// the number of rows in which no argument is NULL, as BIGINT NOT NULL.
// Retractable.

func init() {
	aggRegister("COUNT", resolveCount)
}

func resolveCount(args []Arg) (*Aggregate, error) {
	ts := make([]types.DataType, len(args))
	for i, a := range args {
		if err := aggVectorType("COUNT", a.Type); err != nil {
			return nil, err
		}
		ts[i] = a.Type
	}
	return &Aggregate{
		Name:   "COUNT",
		Args:   ts,
		Result: types.NewBigInt().NotNull(),
		New:    func() Accumulators { return &countAcc{} },
	}, nil
}

type countAcc struct {
	counts []int64
}

func (a *countAcc) Grow(n int) { a.counts = aggGrow(a.counts, n) }
func (a *countAcc) Len() int   { return len(a.counts) }

func (a *countAcc) Update(_ *Context, groups []uint32, args []*vec.Vector, sel []int32) error {
	return a.add(groups, args, sel, 1)
}

func (a *countAcc) Retract(_ *Context, groups []uint32, args []*vec.Vector, sel []int32) error {
	return a.add(groups, args, sel, -1)
}

func (a *countAcc) add(groups []uint32, args []*vec.Vector, sel []int32, d int64) error {
	rows, err := aggRows("COUNT", len(a.counts), groups, args, sel)
	if err != nil {
		return err
	}
	hasNulls := false
	for _, v := range args {
		hasNulls = hasNulls || v.Nulls.Any()
	}
	counts := a.counts
	if !hasNulls {
		for _, i := range rows {
			counts[groups[i]] += d
		}
		return nil
	}
rowLoop:
	for _, i := range rows {
		for _, v := range args {
			if v.Nulls.Get(int(i)) {
				continue rowLoop
			}
		}
		counts[groups[i]] += d
	}
	return nil
}

func (a *countAcc) Merge(other Accumulators, into []uint32) error {
	o, ok := other.(*countAcc)
	if !ok {
		return aggMergeTypeError("COUNT", other)
	}
	if err := aggMergeCheck("COUNT", len(a.counts), len(o.counts), into); err != nil {
		return err
	}
	for g, c := range o.counts {
		a.counts[into[g]] += c
	}
	return nil
}

func (a *countAcc) Result(_ *Context, lo, hi int, out *vec.Vector) error {
	if lo < 0 || hi > len(a.counts) || lo > hi {
		return aggResultRangeError("COUNT", lo, hi, len(a.counts))
	}
	if out.Kind != vec.KindI64 {
		return aggResultKindError("COUNT", out)
	}
	out.I64 = append(out.I64, a.counts[lo:hi]...)
	out.Len += hi - lo
	return nil
}

func (a *countAcc) MemoryBytes() int64 { return 8 * int64(cap(a.counts)) }
