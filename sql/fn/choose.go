package fn

import (
	"fmt"

	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// Functions that pick one of their arguments:
//
//	GREATEST(x, y, ...), LEAST(x, y, ...)   the largest / smallest; NULL if any argument is NULL (as Flink)
//	IFNULL(x, y)                            x unless it is NULL, else y (both evaluated: a plain function,
//	                                        unlike the lazy COALESCE of the expression layer)
//
// The arguments are cast to a common type: the type itself when all share a
// root (the largest length or precision), DOUBLE when numbers mix with
// FLOAT/DOUBLE, a DECIMAL holding every integer digit and the largest scale
// when numbers mix with DECIMAL, else the widest integer type. (A stop-gap
// until the type rules' common-type function lands; the choice is made
// here only so that the kernel sees one physical kind.) Ordering is
// vec.Compare's: strings by bytes, floats with NaN largest.

func init() {
	RegisterScalar("GREATEST", func(args []Arg) (*Scalar, error) { return resolveChoose("GREATEST", 1, args) })
	RegisterScalar("LEAST", func(args []Arg) (*Scalar, error) { return resolveChoose("LEAST", -1, args) })
	RegisterScalar("IFNULL", func(args []Arg) (*Scalar, error) { return resolveChoose("IFNULL", 0, args) })
}

// chooseIntDigits is the number of integer digits of each integral type.
func chooseIntDigits(t types.DataType) int {
	switch t.Root {
	case types.TinyInt:
		return 3
	case types.SmallInt:
		return 5
	case types.Int:
		return 10
	case types.BigInt:
		return 19
	case types.DecimalRoot:
		return t.Precision - t.Scale
	}
	return 0
}

// chooseCommonType finds the type every argument is cast to.
func chooseCommonType(name string, args []Arg) (types.DataType, error) {
	var common types.DataType
	first := true
	for k, a := range args {
		if rowsIsNullLiteral(a) {
			continue
		}
		t := a.Type
		if first {
			common, first = t, false
			continue
		}
		switch {
		case t.Root == common.Root:
			common.Length = max(common.Length, t.Length)
			common.Precision = max(common.Precision, t.Precision)
			if t.Root == types.DecimalRoot {
				scale := max(common.Scale, t.Scale)
				digits := max(chooseIntDigits(common), chooseIntDigits(t))
				common = types.NewDecimal(min(38, digits+scale), scale)
			}
		case t.IsString() && common.IsString():
			common = types.NewString()
		case rowsIsNumeric(t) && rowsIsNumeric(common):
			switch {
			case t.Root == types.Double || t.Root == types.Float || common.Root == types.Double || common.Root == types.Float:
				common = types.NewDouble()
			case t.Root == types.DecimalRoot || common.Root == types.DecimalRoot:
				scale := max(common.Scale, t.Scale)
				digits := max(chooseIntDigits(common), chooseIntDigits(t))
				common = types.NewDecimal(min(38, digits+scale), scale)
			case chooseIntDigits(t) > chooseIntDigits(common):
				common = t
			}
		case t.IsTimestamp() && common.IsTimestamp() || (t.IsTimestamp() && common.Root == types.Date) || (t.Root == types.Date && common.IsTimestamp()):
			if t.Root == types.TimestampLTZ || common.Root == types.TimestampLTZ {
				return common, fmt.Errorf("%s: argument %d of type %s cannot be compared with %s; cast first", name, k+1, t, common)
			}
			common = types.NewTimestamp(max(t.Precision, common.Precision))
		default:
			return common, fmt.Errorf("%s: argument %d of type %s has no common type with %s", name, k+1, t, common)
		}
	}
	if first {
		return common, fmt.Errorf("%s: every argument is an untyped NULL; cast one to a type", name)
	}
	if _, err := vec.KindOf(common); err != nil {
		return common, fmt.Errorf("%s: %w", name, err)
	}
	return common, nil
}

func resolveChoose(name string, dir int, args []Arg) (*Scalar, error) {
	if dir == 0 {
		if err := rowsArgCount(name, args, 2, 2); err != nil {
			return nil, err
		}
	} else if len(args) < 1 {
		return nil, fmt.Errorf("%s: expected at least 1 argument", name)
	}
	common, err := chooseCommonType(name, args)
	if err != nil {
		return nil, err
	}
	argTypes := make([]types.DataType, len(args))
	for k, a := range args {
		argTypes[k] = common.WithNullable(a.Type.Nullable || rowsIsNullLiteral(a))
	}
	nullable := rowsAnyNullable(args)
	if dir == 0 {
		nullable = argTypes[1].Nullable
	}
	return &Scalar{
		Name: name, Args: argTypes, Result: common.WithNullable(nullable), Deterministic: true,
		Kernel: func(_ *Context, args []*vec.Vector, sel []int32, n int, out *vec.Vector) error {
			if len(args) != len(argTypes) {
				return fmt.Errorf("%s: expected %d argument vectors, got %d", name, len(argTypes), len(args))
			}
			for _, a := range args {
				if a.Kind != out.Kind {
					return fmt.Errorf("%s: argument vector of type %s does not match the result type %s", name, a.Type, out.Type)
				}
			}
			out.Reset()
			k := 0
			for i := 0; i < n; i++ {
				if sel != nil {
					if k >= len(sel) || int(sel[k]) != i {
						out.AppendNull() // not computed
						continue
					}
					k++
				}
				if dir == 0 {
					if args[0].Nulls.Get(i) {
						out.AppendFrom(args[1], i)
					} else {
						out.AppendFrom(args[0], i)
					}
					continue
				}
				best := 0
				for j, a := range args {
					if a.Nulls.Get(i) {
						best = -1
						break
					}
					if j > 0 && vec.Compare(a, i, args[best], i)*dir > 0 {
						best = j
					}
				}
				if best < 0 {
					out.AppendNull()
					continue
				}
				out.AppendFrom(args[best], i)
			}
			return nil
		},
	}, nil
}
