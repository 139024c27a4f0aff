package fn

import (
	"errors"
	"fmt"
	"math"
	"math/big"
	"strconv"

	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// Casts among numbers and BOOLEAN, and to DECIMAL (see ResolveCast for the
// semantics).

// numeric resolves casts among BOOLEAN, the integers, FLOAT, DOUBLE and
// (as source) DECIMAL; DECIMAL targets are handled by toDecimal.
func (c castSpec) numeric() (Kernel, error) {
	from, tk := c.from, c.tk
	switch {
	case from.Root == types.DecimalRoot:
		return c.decimalToNumber(), nil
	case from.Root == types.Boolean:
		if tk == vec.KindBool {
			return copyKernel, nil
		}
		return pickTo(tk, boolToNum[int8], boolToNum[int16], boolToNum[int32], boolToNum[int64], boolToNum[float32], boolToNum[float64], nil), nil
	}
	var k Kernel
	switch c.fk {
	case vec.KindI8:
		k = pickTo(tk, convKernel[int8, int8], convKernel[int8, int16], convKernel[int8, int32], convKernel[int8, int64], convKernel[int8, float32], convKernel[int8, float64], numToBool[int8])
	case vec.KindI16:
		k = pickTo(tk, convKernel[int16, int8], convKernel[int16, int16], convKernel[int16, int32], convKernel[int16, int64], convKernel[int16, float32], convKernel[int16, float64], numToBool[int16])
	case vec.KindI32:
		k = pickTo(tk, convKernel[int32, int8], convKernel[int32, int16], convKernel[int32, int32], convKernel[int32, int64], convKernel[int32, float32], convKernel[int32, float64], numToBool[int32])
	case vec.KindI64:
		k = pickTo(tk, convKernel[int64, int8], convKernel[int64, int16], convKernel[int64, int32], convKernel[int64, int64], convKernel[int64, float32], convKernel[int64, float64], numToBool[int64])
	case vec.KindF32:
		k = pickTo(tk, floatToInt[float32, int8], floatToInt[float32, int16], floatToInt[float32, int32], floatToInt[float32, int64], convKernel[float32, float32], convKernel[float32, float64], numToBool[float32])
	case vec.KindF64:
		k = pickTo(tk, floatToInt[float64, int8], floatToInt[float64, int16], floatToInt[float64, int32], floatToInt[float64, int64], convKernel[float64, float32], convKernel[float64, float64], numToBool[float64])
	}
	if k == nil {
		return nil, fmt.Errorf("cannot cast %s to %s", c.from, c.to)
	}
	return k, nil
}

func pickTo(tk vec.Kind, i8, i16, i32, i64, f32, f64, b Kernel) Kernel {
	if tk == vec.KindBool {
		return b
	}
	return pickNumber(tk, i8, i16, i32, i64, f32, f64)
}

// copyKernel copies its argument (same physical kind).
func copyKernel(_ *Context, args []*vec.Vector, _ []int32, _ int, out *vec.Vector) error {
	t := out.Type
	in := args[0]
	out.Reset()
	out.AppendVector(in)
	out.Type = t
	return nil
}

// convKernel converts every row with Go's conversion, which for integer and
// float widening and integer narrowing is Java's.
func convKernel[F, T number](_ *Context, args []*vec.Vector, _ []int32, n int, out *vec.Vector) error {
	SizeOut(out, n)
	UnionNulls(out, n, args[0])
	a, o := (*slot[F](args[0]))[:n], (*slot[T](out))[:n]
	for i := range o {
		o[i] = T(a[i])
	}
	return nil
}

func numToBool[F number](_ *Context, args []*vec.Vector, _ []int32, n int, out *vec.Vector) error {
	SizeOut(out, n)
	UnionNulls(out, n, args[0])
	a, o := (*slot[F](args[0]))[:n], out.Bools[:n]
	for i := range o {
		o[i] = a[i] != 0
	}
	return nil
}

func boolToNum[T number](_ *Context, args []*vec.Vector, _ []int32, n int, out *vec.Vector) error {
	SizeOut(out, n)
	UnionNulls(out, n, args[0])
	a, o := args[0].Bools[:n], (*slot[T](out))[:n]
	for i := range o {
		o[i] = 0
		if a[i] {
			o[i] = 1
		}
	}
	return nil
}

// javaD2L is Java's (long) d: truncation, saturation, NaN → 0.
func javaD2L(d float64) int64 {
	switch {
	case d != d:
		return 0
	case d >= math.MaxInt64:
		return math.MaxInt64
	case d <= math.MinInt64:
		return math.MinInt64
	}
	return int64(d)
}

// javaD2I is Java's (int) d.
func javaD2I(d float64) int32 {
	switch {
	case d != d:
		return 0
	case d >= math.MaxInt32:
		return math.MaxInt32
	case d <= math.MinInt32:
		return math.MinInt32
	}
	return int32(d)
}

// floatToInt is Java's cast of a float or double to an integer type: to
// long directly, to int/short/byte through int.
func floatToInt[F float, T integer](_ *Context, args []*vec.Vector, _ []int32, n int, out *vec.Vector) error {
	SizeOut(out, n)
	UnionNulls(out, n, args[0])
	a, o := (*slot[F](args[0]))[:n], (*slot[T](out))[:n]
	var z T
	if _, long := any(z).(int64); long {
		for i := range o {
			o[i] = T(javaD2L(float64(a[i])))
		}
		return nil
	}
	for i := range o {
		o[i] = T(javaD2I(float64(a[i])))
	}
	return nil
}

// decimalToNumber casts a DECIMAL to an integer (truncating, then keeping the
// low 64 bits and wrapping), FLOAT/DOUBLE (nearest) or BOOLEAN (<> 0).
func (c castSpec) decimalToNumber() Kernel {
	s := c.from.Scale
	tk := c.tk
	return func(_ *Context, args []*vec.Vector, _ []int32, n int, out *vec.Vector) error {
		in := args[0]
		SizeOut(out, n)
		UnionNulls(out, n, in)
		sc := decPool.Get().(*decScratch)
		defer decPool.Put(sc)
		for i := 0; i < n; i++ {
			d := DecimalAt(in, i)
			switch tk {
			case vec.KindBool:
				out.Bools[i] = d.Sign() != 0
			case vec.KindF32, vec.KindF64:
				f := decimalToFloat(d, s, sc)
				if tk == vec.KindF32 {
					out.F32[i] = float32(f)
				} else {
					out.F64[i] = f
				}
			default:
				v := decimalTruncLow64(d, s, sc)
				switch tk {
				case vec.KindI8:
					out.I8[i] = int8(v)
				case vec.KindI16:
					out.I16[i] = int16(v)
				case vec.KindI32:
					out.I32[i] = int32(v)
				case vec.KindI64:
					out.I64[i] = v
				}
			}
		}
		return nil
	}
}

// decimalTruncLow64 is BigDecimal.longValue(): the integer part (truncated
// toward zero), reduced to its low 64 bits.
func decimalTruncLow64(d types.Decimal, s int, sc *decScratch) int64 {
	if d.IsInt64() {
		if s > 18 {
			return 0 // |unscaled| < 2^63 < 10^19 ≤ 10^s
		}
		return d.Int64() / pow10Int64[s]
	}
	z := bigFromDecimal(&sc.a, &sc.t, d)
	z.Quo(z, pow10Big[s])
	z.FillBytes(sc.buf[:])
	var lo uint64
	for i := 8; i < 16; i++ {
		lo = lo<<8 | uint64(sc.buf[i])
	}
	if z.Sign() < 0 {
		lo = -lo
	}
	return int64(lo)
}

// pow10Float are the powers of ten exactly representable as float64.
var pow10Float = [...]float64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
	1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22}

// decimalToFloat returns the float64 nearest to the decimal.
func decimalToFloat(d types.Decimal, s int, sc *decScratch) float64 {
	if d.IsInt64() {
		v := d.Int64()
		if v > -1<<53 && v < 1<<53 && s < len(pow10Float) {
			// Both operands are exact, so the one division rounds correctly.
			return float64(v) / pow10Float[s]
		}
	}
	// Rare: exact rational conversion.
	r := new(big.Rat).SetFrac(bigFromDecimal(&sc.a, &sc.t, d), pow10Big[s])
	f, _ := r.Float64()
	return f
}

// toDecimal resolves a cast to DECIMAL(p, s) from a number or BOOLEAN. Values that need more than p digits are NULL.
func (c castSpec) toDecimal() Kernel {
	p, s := c.to.Precision, c.to.Scale
	from := c.from
	return func(ctx *Context, args []*vec.Vector, sel []int32, n int, out *vec.Vector) error {
		sc := decPool.Get().(*decScratch)
		defer decPool.Put(sc)
		var f rowCast
		switch {
		case from.Root == types.DecimalRoot:
			fs := from.Scale
			f = func(_ *Context, in *vec.Vector, i int, out *vec.Vector) (bool, error) {
				z := bigFromDecimal(&sc.r, &sc.b, DecimalAt(in, i))
				rescale(z, fs, s, sc)
				storeBigDecimal(out, i, z, p, sc)
				return true, nil
			}
		case from.Root == types.Boolean:
			f = func(_ *Context, in *vec.Vector, i int, out *vec.Vector) (bool, error) {
				v := int64(0)
				if in.Bools[i] {
					v = 1
				}
				storeBigDecimal(out, i, sc.r.Mul(sc.r.SetInt64(v), pow10Big[s]), p, sc)
				return true, nil
			}
		case IsIntegral(from):
			f = func(_ *Context, in *vec.Vector, i int, out *vec.Vector) (bool, error) {
				var v int64
				switch in.Kind {
				case vec.KindI8:
					v = int64(in.I8[i])
				case vec.KindI16:
					v = int64(in.I16[i])
				case vec.KindI32:
					v = int64(in.I32[i])
				default:
					v = in.I64[i]
				}
				storeBigDecimal(out, i, sc.r.Mul(sc.r.SetInt64(v), pow10Big[s]), p, sc)
				return true, nil
			}
		case IsApproxNumeric(from):
			bits := 64
			if from.Root == types.Float {
				bits = 32
			}
			f = func(_ *Context, in *vec.Vector, i int, out *vec.Vector) (bool, error) {
				var x float64
				if in.Kind == vec.KindF32 {
					x = float64(in.F32[i])
				} else {
					x = in.F64[i]
				}
				if math.IsNaN(x) || math.IsInf(x, 0) {
					return false, errors.New("NaN and Infinity have no decimal value")
				}
				// BigDecimal.valueOf: the shortest decimal that reads back as x.
				txt := strconv.FormatFloat(x, 'e', -1, bits)
				if !parseDecimalInto(&sc.r, txt, s, sc) {
					return false, nil
				}
				storeBigDecimal(out, i, &sc.r, p, sc)
				return true, nil
			}
		default:
			return fmt.Errorf("cannot cast %s to %s", c.from, c.to)
		}
		return c.fixedKernel(false, f)(ctx, args, sel, n, out)
	}
}

// storeBigDecimal writes z as row i of a DECIMAL(p, _) vector, or NULL when
// it needs more than p digits.
func storeBigDecimal(out *vec.Vector, i int, z *big.Int, p int, sc *decScratch) {
	if !fitsPrecision(z, p) {
		out.Nulls.Set(i)
		setDecimal(out, i, types.Decimal{})
		return
	}
	setDecimal(out, i, decimalFromBig(z, &sc.buf))
}

// intAt returns row i of an integer vector of kind I8, I16, I32 or I64.
func intAt(v *vec.Vector, i int) int64 {
	switch v.Kind {
	case vec.KindI8:
		return int64(v.I8[i])
	case vec.KindI16:
		return int64(v.I16[i])
	case vec.KindI32:
		return int64(v.I32[i])
	}
	return v.I64[i]
}
