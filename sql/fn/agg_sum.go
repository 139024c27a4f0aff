package fn

import (
	"fmt"
	"math/big"

	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// SUM, SUM0 and AVG share one accumulator: per group, the count of non-null
// values and their sum in the widest type of the input's family (int64 for
// the integral types, float64 for FLOAT/DOUBLE, 128 bits for DECIMAL). All
// three are retractable (Flink's SumWithRetract, Sum0 and Avg functions).
//
// Result types are Flink's (LogicalTypeMerging.findSumAggType/findAvgAggType):
//
//	SUM(TINYINT|SMALLINT|INT|BIGINT|FLOAT|DOUBLE)  the input type
//	SUM(DECIMAL(p, s))                             DECIMAL(38, s)
//	AVG(integral)                                  the input type: sum / count truncated (Java's integer division)
//	AVG(FLOAT|DOUBLE)                              the input type
//	AVG(DECIMAL(p, s))                             DECIMAL(38, max(6, s)), rounded HALF_UP
//
// SUM and AVG of no non-null value are NULL; SUM0 is 0. Integral sums wrap on
// overflow as Java's arithmetic in the result type does (accumulating in
// 64 bits and narrowing at the end gives the same bits). A DECIMAL sum whose
// 128-bit accumulator overflows, or whose result needs more than 38 digits,
// is NULL (Flink's DecimalData yields null when a sum exceeds its precision);
// once the 128-bit accumulator of a group has overflowed the group stays NULL.

func init() {
	aggRegister("SUM", func(args []Arg) (*Aggregate, error) { return resolveSum("SUM", sumModeSum, args) })
	aggRegister("SUM0", func(args []Arg) (*Aggregate, error) { return resolveSum("SUM0", sumModeSum0, args) })
	aggRegister("AVG", func(args []Arg) (*Aggregate, error) { return resolveSum("AVG", sumModeAvg, args) })
}

type sumMode uint8

const (
	sumModeSum sumMode = iota
	sumModeSum0
	sumModeAvg
)

func resolveSum(name string, mode sumMode, args []Arg) (*Aggregate, error) {
	if err := aggOneArg(name, args); err != nil {
		return nil, err
	}
	in := args[0].Type
	if !rowsIsNumeric(in) {
		return nil, rowsArgTypeError(name, 0, args[0], "a numeric type")
	}
	result := in
	if in.Root == types.DecimalRoot {
		switch mode {
		case sumModeAvg:
			result = types.NewDecimal(38, max(6, in.Scale))
		default:
			result = types.NewDecimal(38, in.Scale)
		}
	}
	result = result.WithNullable(true)
	if mode == sumModeSum0 {
		result = result.NotNull()
	}
	return &Aggregate{
		Name:   name,
		Args:   []types.DataType{in},
		Result: result,
		New: func() Accumulators {
			return &sumAcc{name: name, mode: mode, in: in, out: result}
		},
	}, nil
}

type sumAcc struct {
	name    string
	mode    sumMode
	in, out types.DataType

	counts   []int64
	ints     []int64         // integral inputs
	floats   []float64       // FLOAT and DOUBLE inputs
	decs     []types.Decimal // DECIMAL inputs (unscaled, input scale)
	overflow []bool          // DECIMAL: the 128-bit accumulator overflowed
}

func (a *sumAcc) isDecimal() bool { return a.in.Root == types.DecimalRoot }
func (a *sumAcc) isFloat() bool   { return a.in.Root == types.Float || a.in.Root == types.Double }

func (a *sumAcc) Grow(n int) {
	a.counts = aggGrow(a.counts, n)
	switch {
	case a.isDecimal():
		a.decs = aggGrow(a.decs, n)
		a.overflow = aggGrow(a.overflow, n)
	case a.isFloat():
		a.floats = aggGrow(a.floats, n)
	default:
		a.ints = aggGrow(a.ints, n)
	}
}

func (a *sumAcc) Len() int { return len(a.counts) }

func (a *sumAcc) Update(_ *Context, groups []uint32, args []*vec.Vector, sel []int32) error {
	return a.add(groups, args, sel, false)
}

func (a *sumAcc) Retract(_ *Context, groups []uint32, args []*vec.Vector, sel []int32) error {
	return a.add(groups, args, sel, true)
}

func (a *sumAcc) add(groups []uint32, args []*vec.Vector, sel []int32, retract bool) error {
	rows, err := aggRows(a.name, len(a.counts), groups, args, sel)
	if err != nil {
		return err
	}
	if len(args) != 1 {
		return fmt.Errorf("%s: expected 1 argument vector, got %d", a.name, len(args))
	}
	v := args[0]
	d := int64(1)
	if retract {
		d = -1
	}
	nulls := v.Nulls
	if !nulls.Any() {
		nulls = nil
	}
	counts := a.counts
	switch {
	case a.isDecimal() && v.Kind == vec.KindI64:
		decs, over := a.decs, a.overflow
		for _, i := range rows {
			if nulls.Get(int(i)) {
				continue
			}
			g := groups[i]
			x := dec128FromInt64(v.I64[i])
			if retract {
				x = dec128FromInt64(-v.I64[i]) // |unscaled| < 10^18: negation cannot overflow
			}
			s, o := dec128Add(decs[g], x)
			decs[g], over[g] = s, over[g] || o
			counts[g] += d
		}
	case a.isDecimal() && v.Kind == vec.KindDecimal:
		decs, over := a.decs, a.overflow
		for _, i := range rows {
			if nulls.Get(int(i)) {
				continue
			}
			g := groups[i]
			x := v.Dec[i]
			if retract {
				x = dec128Neg(x)
			}
			s, o := dec128Add(decs[g], x)
			decs[g], over[g] = s, over[g] || o
			counts[g] += d
		}
	case v.Kind == vec.KindF64:
		sumFloats(a.floats, counts, v.F64, nulls, groups, rows, d)
	case v.Kind == vec.KindF32:
		sumFloats(a.floats, counts, v.F32, nulls, groups, rows, d)
	case v.Kind == vec.KindI64 && !a.isDecimal():
		sumInts(a.ints, counts, v.I64, nulls, groups, rows, d)
	case v.Kind == vec.KindI32:
		sumInts(a.ints, counts, v.I32, nulls, groups, rows, d)
	case v.Kind == vec.KindI16:
		sumInts(a.ints, counts, v.I16, nulls, groups, rows, d)
	case v.Kind == vec.KindI8:
		sumInts(a.ints, counts, v.I8, nulls, groups, rows, d)
	default:
		return fmt.Errorf("%s: argument vector of type %s does not match the resolved type %s", a.name, v.Type, a.in)
	}
	return nil
}

// sumInts adds (d = 1) or subtracts (d = -1) the non-null values of in to
// their groups; int64 arithmetic wraps as Java's long does.
func sumInts[T int8 | int16 | int32 | int64](sums, counts []int64, in []T, nulls vec.Bitmap, groups []uint32, rows []int32, d int64) {
	if nulls == nil {
		for _, i := range rows {
			g := groups[i]
			sums[g] += d * int64(in[i])
			counts[g] += d
		}
		return
	}
	for _, i := range rows {
		if nulls.Get(int(i)) {
			continue
		}
		g := groups[i]
		sums[g] += d * int64(in[i])
		counts[g] += d
	}
}

func sumFloats[T float32 | float64](sums []float64, counts []int64, in []T, nulls vec.Bitmap, groups []uint32, rows []int32, d int64) {
	fd := float64(d)
	for _, i := range rows {
		if nulls.Get(int(i)) {
			continue
		}
		g := groups[i]
		sums[g] += fd * float64(in[i])
		counts[g] += d
	}
}

func (a *sumAcc) Merge(other Accumulators, into []uint32) error {
	o, ok := other.(*sumAcc)
	if !ok || o.in.Root != a.in.Root || o.mode != a.mode {
		return aggMergeTypeError(a.name, other)
	}
	if err := aggMergeCheck(a.name, len(a.counts), len(o.counts), into); err != nil {
		return err
	}
	for g, c := range o.counts {
		t := into[g]
		a.counts[t] += c
		switch {
		case a.isDecimal():
			s, over := dec128Add(a.decs[t], o.decs[g])
			a.decs[t], a.overflow[t] = s, a.overflow[t] || o.overflow[g] || over
		case a.isFloat():
			a.floats[t] += o.floats[g]
		default:
			a.ints[t] += o.ints[g]
		}
	}
	return nil
}

func (a *sumAcc) Result(_ *Context, lo, hi int, out *vec.Vector) error {
	if lo < 0 || hi > len(a.counts) || lo > hi {
		return aggResultRangeError(a.name, lo, hi, len(a.counts))
	}
	if k, _ := vec.KindOf(a.out); out.Kind != k {
		return aggResultKindError(a.name, out)
	}
	for g := lo; g < hi; g++ {
		if a.counts[g] == 0 && a.mode != sumModeSum0 {
			out.AppendNull()
			continue
		}
		if err := a.appendGroup(g, out); err != nil {
			return err
		}
	}
	return nil
}

// appendGroup appends the result of group g (count ≠ 0, or SUM0).
func (a *sumAcc) appendGroup(g int, out *vec.Vector) error {
	count := a.counts[g]
	switch {
	case a.isDecimal():
		if a.overflow[g] {
			out.AppendNull()
			return nil
		}
		if a.mode != sumModeAvg {
			if !dec128Fits38(a.decs[g]) {
				out.AppendNull()
				return nil
			}
			out.Dec = append(out.Dec, a.decs[g])
			out.Len++
			return nil
		}
		if count == 0 {
			out.AppendNull()
			return nil
		}
		// AVG: rescale to the result scale, then divide rounding HALF_UP.
		num := a.decs[g].Big()
		num.Mul(num, dec128Pow10(a.out.Scale-a.in.Scale))
		q := dec128DivHalfUp(num, big.NewInt(count))
		d, ok := dec128FromBig(q)
		if !ok {
			out.AppendNull()
			return nil
		}
		out.Dec = append(out.Dec, d)
		out.Len++
		return nil
	case a.isFloat():
		v := a.floats[g]
		if a.mode == sumModeAvg {
			v /= float64(count)
		}
		if a.out.Root == types.Float {
			out.F32 = append(out.F32, float32(v))
		} else {
			out.F64 = append(out.F64, v)
		}
		out.Len++
		return nil
	}
	v := a.ints[g]
	if a.mode == sumModeAvg {
		if count == 0 {
			out.AppendNull()
			return nil
		}
		if count == -1 && v == -1<<63 { // Java: Long.MIN_VALUE / -1 = Long.MIN_VALUE
			v = -1 << 63
		} else {
			v /= count
		}
	}
	switch a.out.Root {
	case types.TinyInt:
		out.I8 = append(out.I8, int8(v))
	case types.SmallInt:
		out.I16 = append(out.I16, int16(v))
	case types.Int:
		out.I32 = append(out.I32, int32(v))
	default:
		out.I64 = append(out.I64, v)
	}
	out.Len++
	return nil
}

func (a *sumAcc) MemoryBytes() int64 {
	return 8*int64(cap(a.counts)) + 8*int64(cap(a.ints)) + 8*int64(cap(a.floats)) +
		16*int64(cap(a.decs)) + int64(cap(a.overflow))
}
