package fn

import (
	"fmt"

	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// BOOL_AND(b) and BOOL_OR(b): whether every / any non-null value of a group
// is TRUE; NULL when the group has no non-null value. Retractable: the
// accumulator counts TRUE and FALSE values per group, so a retracted row
// just decrements its count.

func init() {
	aggRegister("BOOL_AND", func(args []Arg) (*Aggregate, error) { return resolveBoolAgg("BOOL_AND", true, args) })
	aggRegister("BOOL_OR", func(args []Arg) (*Aggregate, error) { return resolveBoolAgg("BOOL_OR", false, args) })
}

func resolveBoolAgg(name string, and bool, args []Arg) (*Aggregate, error) {
	if err := aggOneArg(name, args); err != nil {
		return nil, err
	}
	if args[0].Type.Root != types.Boolean && !rowsIsNullLiteral(args[0]) {
		return nil, rowsArgTypeError(name, 0, args[0], "BOOLEAN")
	}
	return &Aggregate{
		Name:   name,
		Args:   []types.DataType{types.NewBoolean()},
		Result: types.NewBoolean(),
		New:    func() Accumulators { return &boolAcc{name: name, and: and} },
	}, nil
}

type boolAcc struct {
	name          string
	and           bool
	trues, falses []int64
}

func (a *boolAcc) Grow(n int) {
	a.trues = aggGrow(a.trues, n)
	a.falses = aggGrow(a.falses, n)
}

func (a *boolAcc) Len() int           { return len(a.trues) }
func (a *boolAcc) MemoryBytes() int64 { return 16 * int64(cap(a.trues)) }

func (a *boolAcc) Update(_ *Context, groups []uint32, args []*vec.Vector, sel []int32) error {
	return a.add(groups, args, sel, 1)
}

func (a *boolAcc) Retract(_ *Context, groups []uint32, args []*vec.Vector, sel []int32) error {
	return a.add(groups, args, sel, -1)
}

func (a *boolAcc) add(groups []uint32, args []*vec.Vector, sel []int32, d int64) error {
	rows, err := aggRows(a.name, len(a.trues), groups, args, sel)
	if err != nil {
		return err
	}
	if len(args) != 1 || args[0].Kind != vec.KindBool {
		return fmt.Errorf("%s: expected one BOOLEAN argument vector", a.name)
	}
	v := args[0]
	for _, i := range rows {
		if v.Nulls.Get(int(i)) {
			continue
		}
		if v.Bools[i] {
			a.trues[groups[i]] += d
		} else {
			a.falses[groups[i]] += d
		}
	}
	return nil
}

func (a *boolAcc) Merge(other Accumulators, into []uint32) error {
	o, ok := other.(*boolAcc)
	if !ok || o.and != a.and {
		return aggMergeTypeError(a.name, other)
	}
	if err := aggMergeCheck(a.name, len(a.trues), len(o.trues), into); err != nil {
		return err
	}
	for g := range o.trues {
		a.trues[into[g]] += o.trues[g]
		a.falses[into[g]] += o.falses[g]
	}
	return nil
}

func (a *boolAcc) Result(_ *Context, lo, hi int, out *vec.Vector) error {
	if lo < 0 || hi > len(a.trues) || lo > hi {
		return aggResultRangeError(a.name, lo, hi, len(a.trues))
	}
	if out.Kind != vec.KindBool {
		return aggResultKindError(a.name, out)
	}
	for g := lo; g < hi; g++ {
		t, f := a.trues[g], a.falses[g]
		switch {
		case t <= 0 && f <= 0:
			out.AppendNull()
		case a.and:
			out.Bools = append(out.Bools, f <= 0)
			out.Len++
		default:
			out.Bools = append(out.Bools, t > 0)
			out.Len++
		}
	}
	return nil
}
