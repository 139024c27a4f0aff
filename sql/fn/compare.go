package fn

import (
	"bytes"
	"fmt"

	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// CompareOp identifies a comparison.
type CompareOp uint8

// The comparisons.
const (
	OpEQ CompareOp = iota + 1
	OpNE
	OpLT
	OpLE
	OpGT
	OpGE
	OpDistinct    // IS DISTINCT FROM
	OpNotDistinct // IS NOT DISTINCT FROM
)

var compareNames = map[CompareOp]string{
	OpEQ: "=", OpNE: "<>", OpLT: "<", OpLE: "<=", OpGT: ">", OpGE: ">=",
	OpDistinct: "IS DISTINCT FROM", OpNotDistinct: "IS NOT DISTINCT FROM",
}

// String returns the operator's SQL spelling.
func (op CompareOp) String() string { return compareNames[op] }

func init() {
	for op, name := range compareNames {
		RegisterScalar(name, compareResolver(op))
	}
	RegisterScalar("!=", compareResolver(OpNE))
}

func compareResolver(op CompareOp) Resolver {
	return func(args []Arg) (*Scalar, error) {
		if len(args) != 2 {
			return nil, fmt.Errorf("operator %s takes 2 operands, got %d", op, len(args))
		}
		return ResolveCompare(op, args[0].Type, args[1].Type)
	}
}

// ResolveCompare resolves a comparison of operands of types a and b: the
// kernel takes both as their CommonType and returns BOOLEAN (NOT NULL for
// IS [NOT] DISTINCT FROM, else nullable when an operand is).
//
// The comparison operators, registered by symbol: "=", "<>" (also "!="),
// "<", "<=", ">", ">=", and "IS DISTINCT FROM" / "IS NOT DISTINCT FROM".
// Both operands are cast to their CommonType first (the resolved Scalar's
// Args say which), so any two comparable types compare: numbers of any kind,
// strings of any length, DATE with TIMESTAMP, TIMESTAMP with TIMESTAMP_LTZ.
//
// Semantics, as Flink's generated code:
//   - strings and binary strings compare byte-wise as unsigned bytes, which is
//     code-point order for UTF-8 (Flink's BinaryStringData.compareTo); no
//     collation, no trailing-space trimming.
//   - FLOAT and DOUBLE compare as Java primitives do: NaN is unequal to
//     everything including itself, -0.0 = 0.0.
//   - BOOLEAN: FALSE < TRUE.
//   - a NULL operand makes the result NULL, except for IS [NOT] DISTINCT FROM,
//     which treat two NULLs as equal and never return NULL.
func ResolveCompare(op CompareOp, a, b types.DataType) (*Scalar, error) {
	if _, ok := compareNames[op]; !ok {
		return nil, fmt.Errorf("unknown comparison operator %d", op)
	}
	c, err := CommonType(a, b)
	if err != nil {
		return nil, fmt.Errorf("cannot compare %s with %s using %s: %w", a, b, op, err)
	}
	if !c.IsAtomic() || c.Root == types.Variant || c.Root == types.Blob {
		return nil, fmt.Errorf("values of type %s are not comparable with %s", c, op)
	}
	ca, cb := c.WithNullable(a.Nullable || isNullType(a)), c.WithNullable(b.Nullable || isNullType(b))
	res := types.NewBoolean().WithNullable(a.Nullable || b.Nullable || isNullType(a) || isNullType(b))
	k := compareKernel(op)
	if op == OpDistinct || op == OpNotDistinct {
		res = res.NotNull()
		k = distinctKernel(op == OpDistinct)
	}
	return &Scalar{Name: op.String(), Args: []types.DataType{ca, cb}, Result: res, Deterministic: true, Kernel: k}, nil
}

// truth turns a three-way comparison into the operator's answer.
func truth(op CompareOp, c int) bool {
	switch op {
	case OpEQ:
		return c == 0
	case OpNE:
		return c != 0
	case OpLT:
		return c < 0
	case OpLE:
		return c <= 0
	case OpGT:
		return c > 0
	}
	return c >= 0
}

func compareKernel(op CompareOp) Kernel {
	return func(_ *Context, args []*vec.Vector, sel []int32, n int, out *vec.Vector) error {
		SizeOut(out, n)
		UnionNulls(out, n, args[0], args[1])
		a, b, o := args[0], args[1], out.Bools[:n]
		switch a.Kind {
		case vec.KindI8:
			compareOrdered(op, a.I8[:n], b.I8[:n], o)
		case vec.KindI16:
			compareOrdered(op, a.I16[:n], b.I16[:n], o)
		case vec.KindI32:
			compareOrdered(op, a.I32[:n], b.I32[:n], o)
		case vec.KindI64:
			compareOrdered(op, a.I64[:n], b.I64[:n], o)
		case vec.KindF32:
			compareOrdered(op, a.F32[:n], b.F32[:n], o)
		case vec.KindF64:
			compareOrdered(op, a.F64[:n], b.F64[:n], o)
		case vec.KindBool:
			x, y := a.Bools[:n], b.Bools[:n]
			forRows(n, sel, func(i int) { o[i] = truth(op, boolCmp(x[i], y[i])) })
		case vec.KindDecimal:
			x, y := a.Dec[:n], b.Dec[:n]
			forRows(n, sel, func(i int) { o[i] = truth(op, x[i].Cmp(y[i])) })
		case vec.KindTimestamp:
			x, y := a.TS[:n], b.TS[:n]
			forRows(n, sel, func(i int) { o[i] = truth(op, x[i].Compare(y[i])) })
		case vec.KindBytes:
			forRows(n, sel, func(i int) {
				o[i] = truth(op, bytes.Compare(a.Data[a.Offsets[i]:a.Offsets[i+1]], b.Data[b.Offsets[i]:b.Offsets[i+1]]))
			})
		default:
			return fmt.Errorf("operator %s: unsupported vector kind %d", op, a.Kind)
		}
		return nil
	}
}

// forRows calls f for every row (all n, or those in sel).
func forRows(n int, sel []int32, f func(i int)) {
	if sel == nil {
		for i := 0; i < n; i++ {
			f(i)
		}
		return
	}
	for _, i := range sel {
		f(int(i))
	}
}

func boolCmp(x, y bool) int {
	switch {
	case x == y:
		return 0
	case !x:
		return -1
	}
	return 1
}

type ordered interface {
	~int8 | ~int16 | ~int32 | ~int64 | ~float32 | ~float64
}

// compareOrdered compares every row: cheaper than honouring a selection, and
// comparisons cannot fail.
func compareOrdered[T ordered](op CompareOp, a, b []T, o []bool) {
	b, o = b[:len(a)], o[:len(a)]
	switch op {
	case OpEQ:
		for i := range a {
			o[i] = a[i] == b[i]
		}
	case OpNE:
		for i := range a {
			o[i] = a[i] != b[i]
		}
	case OpLT:
		for i := range a {
			o[i] = a[i] < b[i]
		}
	case OpLE:
		for i := range a {
			o[i] = a[i] <= b[i]
		}
	case OpGT:
		for i := range a {
			o[i] = a[i] > b[i]
		}
	case OpGE:
		for i := range a {
			o[i] = a[i] >= b[i]
		}
	}
}

// distinctKernel computes IS DISTINCT FROM (distinct true) or IS NOT DISTINCT
// FROM: never NULL.
func distinctKernel(distinct bool) Kernel {
	eq := compareKernel(OpEQ)
	return func(ctx *Context, args []*vec.Vector, sel []int32, n int, out *vec.Vector) error {
		if err := eq(ctx, args, sel, n, out); err != nil {
			return err
		}
		o := out.Bools[:n]
		a, b := args[0], args[1]
		forRows(n, sel, func(i int) {
			an, bn := a.Nulls.Get(i), b.Nulls.Get(i)
			same := o[i]
			if an || bn {
				same = an && bn
			}
			o[i] = same != distinct
		})
		out.Nulls = out.Nulls[:0]
		return nil
	}
}
