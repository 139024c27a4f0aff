package fn

import (
	"fmt"
	"math"
	"strconv"

	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// VAR_POP, VAR_SAMP (alias VARIANCE), STDDEV_POP and STDDEV_SAMP (alias
// STDDEV) keep, per group, Welford's running count, mean and sum of squared
// deviations (M2) in float64, as Flink's WelfordM2AggFunction does; merging
// uses Chan's parallel formula, retraction reverses Welford's step.
//
//	VAR_POP = M2 / n            STDDEV_POP  = sqrt(VAR_POP)
//	VAR_SAMP = M2 / (n - 1)     STDDEV_SAMP = sqrt(VAR_SAMP)
//
// No value (or, for the _SAMP forms, a single value) gives NULL, and so does a
// negative M2 left by unmatched retractions (as Flink). The result type is
// Flink's average type (findAvgAggType): the input type, or DECIMAL(38,
// max(6, s)) for DECIMAL(p, s); integral results are truncated toward zero
// as Java's (long) cast of a double, saturating at the type's bounds.

func init() {
	for _, f := range []struct {
		name       string
		samp, sqrt bool
	}{
		{"VAR_POP", false, false}, {"VAR_SAMP", true, false}, {"VARIANCE", true, false},
		{"STDDEV_POP", false, true}, {"STDDEV_SAMP", true, true}, {"STDDEV", true, true},
	} {
		aggRegister(f.name, func(args []Arg) (*Aggregate, error) {
			return resolveVariance(f.name, f.samp, f.sqrt, args)
		})
	}
}

func resolveVariance(name string, samp, sqrt bool, args []Arg) (*Aggregate, error) {
	if err := aggOneArg(name, args); err != nil {
		return nil, err
	}
	in := args[0].Type
	if !rowsIsNumeric(in) {
		return nil, rowsArgTypeError(name, 0, args[0], "a numeric type")
	}
	result := in.WithNullable(true)
	if in.Root == types.DecimalRoot {
		result = types.NewDecimal(38, max(6, in.Scale))
	}
	return &Aggregate{
		Name:   name,
		Args:   []types.DataType{in},
		Result: result,
		New: func() Accumulators {
			return &varianceAcc{name: name, samp: samp, sqrt: sqrt, in: in, out: result}
		},
	}, nil
}

type varianceAcc struct {
	name       string
	samp, sqrt bool
	in, out    types.DataType
	n          []int64
	mean, m2   []float64
	scratch    []float64 // the batch's values as float64
}

func (a *varianceAcc) Grow(n int) {
	a.n = aggGrow(a.n, n)
	a.mean = aggGrow(a.mean, n)
	a.m2 = aggGrow(a.m2, n)
}

func (a *varianceAcc) Len() int { return len(a.n) }

func (a *varianceAcc) MemoryBytes() int64 {
	return 24*int64(cap(a.n)) + 8*int64(cap(a.scratch))
}

// toFloats converts the rows of v to float64 in a.scratch (one switch per
// batch).
func (a *varianceAcc) toFloats(v *vec.Vector, rows []int32) error {
	a.scratch = rowsResize(a.scratch, v.Len)
	f := a.scratch
	switch v.Kind {
	case vec.KindI8:
		for _, i := range rows {
			f[i] = float64(v.I8[i])
		}
	case vec.KindI16:
		for _, i := range rows {
			f[i] = float64(v.I16[i])
		}
	case vec.KindI32:
		for _, i := range rows {
			f[i] = float64(v.I32[i])
		}
	case vec.KindI64:
		scale := 1.0
		if a.in.Root == types.DecimalRoot {
			scale = math.Pow10(a.in.Scale)
		}
		for _, i := range rows {
			f[i] = float64(v.I64[i]) / scale
		}
	case vec.KindF32:
		for _, i := range rows {
			f[i] = float64(v.F32[i])
		}
	case vec.KindF64:
		for _, i := range rows {
			f[i] = v.F64[i]
		}
	case vec.KindDecimal:
		for _, i := range rows {
			x, _ := strconv.ParseFloat(v.Dec[i].String(a.in.Scale), 64)
			f[i] = x
		}
	default:
		return fmt.Errorf("%s: argument vector of type %s is not numeric", a.name, v.Type)
	}
	return nil
}

func (a *varianceAcc) Update(_ *Context, groups []uint32, args []*vec.Vector, sel []int32) error {
	rows, err := aggRows(a.name, len(a.n), groups, args, sel)
	if err != nil {
		return err
	}
	if len(args) != 1 {
		return fmt.Errorf("%s: expected 1 argument vector, got %d", a.name, len(args))
	}
	if err := a.toFloats(args[0], rows); err != nil {
		return err
	}
	nulls := args[0].Nulls
	for _, i := range rows {
		if nulls.Get(int(i)) {
			continue
		}
		g := groups[i]
		a.n[g]++
		if a.n[g] <= 0 {
			continue // unmatched retractions: keep counting, as Flink
		}
		x := a.scratch[i]
		delta := x - a.mean[g]
		a.mean[g] += delta / float64(a.n[g])
		a.m2[g] += delta * (x - a.mean[g])
	}
	return nil
}

func (a *varianceAcc) Retract(_ *Context, groups []uint32, args []*vec.Vector, sel []int32) error {
	rows, err := aggRows(a.name, len(a.n), groups, args, sel)
	if err != nil {
		return err
	}
	if len(args) != 1 {
		return fmt.Errorf("%s: expected 1 argument vector, got %d", a.name, len(args))
	}
	if err := a.toFloats(args[0], rows); err != nil {
		return err
	}
	nulls := args[0].Nulls
	for _, i := range rows {
		if nulls.Get(int(i)) {
			continue
		}
		g := groups[i]
		a.n[g]--
		if a.n[g] <= 0 {
			if a.n[g] == 0 {
				a.mean[g], a.m2[g] = 0, 0
			}
			continue
		}
		x := a.scratch[i]
		delta2 := x - a.mean[g]
		a.mean[g] -= delta2 / float64(a.n[g])
		a.m2[g] -= (x - a.mean[g]) * delta2
	}
	return nil
}

func (a *varianceAcc) Merge(other Accumulators, into []uint32) error {
	o, ok := other.(*varianceAcc)
	if !ok {
		return aggMergeTypeError(a.name, other)
	}
	if err := aggMergeCheck(a.name, len(a.n), len(o.n), into); err != nil {
		return err
	}
	for g, on := range o.n {
		t := into[g]
		switch {
		case on == 0:
		case on < 0 || a.n[t] < 0:
			a.n[t] += on
			if a.n[t] <= 0 {
				a.mean[t], a.m2[t] = 0, 0
			}
		case a.n[t] == 0:
			a.n[t], a.mean[t], a.m2[t] = on, o.mean[g], o.m2[g]
		default:
			n := a.n[t] + on
			d := o.mean[g] - a.mean[t]
			a.mean[t] += float64(on) / float64(n) * d
			a.m2[t] += o.m2[g] + float64(a.n[t])*float64(on)/float64(n)*d*d
			a.n[t] = n
		}
	}
	return nil
}

func (a *varianceAcc) Result(_ *Context, lo, hi int, out *vec.Vector) error {
	if lo < 0 || hi > len(a.n) || lo > hi {
		return aggResultRangeError(a.name, lo, hi, len(a.n))
	}
	if k, _ := vec.KindOf(a.out); out.Kind != k {
		return aggResultKindError(a.name, out)
	}
	for g := lo; g < hi; g++ {
		n := a.n[g]
		if n <= 0 || a.m2[g] < 0 || (a.samp && n == 1) {
			out.AppendNull()
			continue
		}
		div := float64(n)
		if a.samp {
			div = float64(n - 1)
		}
		r := a.m2[g] / div
		if a.sqrt {
			r = math.Sqrt(r)
		}
		if err := aggAppendFloatAs(a.name, r, a.out, out); err != nil {
			return err
		}
	}
	return nil
}

// aggAppendFloatAs appends f converted to type t as Java's casts from double do:
// integral types truncate toward zero and saturate (NaN → 0), DECIMAL rounds
// HALF_UP to the scale (NULL when it does not fit).
func aggAppendFloatAs(name string, f float64, t types.DataType, out *vec.Vector) error {
	switch t.Root {
	case types.Double:
		out.F64 = append(out.F64, f)
	case types.Float:
		out.F32 = append(out.F32, float32(f))
	case types.TinyInt:
		out.I8 = append(out.I8, int8(aggJavaDoubleToLong(f, math.MinInt8, math.MaxInt8)))
	case types.SmallInt:
		out.I16 = append(out.I16, int16(aggJavaDoubleToLong(f, math.MinInt16, math.MaxInt16)))
	case types.Int:
		out.I32 = append(out.I32, int32(aggJavaDoubleToLong(f, math.MinInt32, math.MaxInt32)))
	case types.BigInt:
		out.I64 = append(out.I64, aggJavaDoubleToLong(f, math.MinInt64, math.MaxInt64))
	case types.DecimalRoot:
		if math.IsNaN(f) || math.IsInf(f, 0) {
			out.AppendNull()
			return nil
		}
		d, err := types.ParseDecimal(strconv.FormatFloat(f, 'f', -1, 64), t.Precision, t.Scale)
		if err != nil {
			out.AppendNull()
			return nil
		}
		return out.Append(d)
	default:
		return fmt.Errorf("%s: cannot produce a result of type %s", name, t)
	}
	out.Len++
	return nil
}

// aggJavaDoubleToLong is Java's narrowing of a double to an integral type with
// bounds [lo, hi]: truncation toward zero, saturation, NaN → 0.
func aggJavaDoubleToLong(f float64, lo, hi int64) int64 {
	switch {
	case math.IsNaN(f):
		return 0
	case f <= float64(lo):
		return lo
	case f >= float64(hi):
		return hi
	}
	return int64(f)
}
