package fn

import (
	"fmt"
	"math/big"
	"sync"

	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// Exact DECIMAL arithmetic. Compact operands and results (precision ≤ 18)
// take int64 fast paths where no digit can be lost; everything else goes
// through math/big with scratch values taken from a pool, so that no row
// allocates. Results are rounded HALF_UP to the result scale, and a result
// needing more digits than the result precision is NULL (Flink).

// pow10Big[k] is 10^k; read-only after init, shared by all goroutines.
var pow10Big = func() [128]*big.Int {
	var t [128]*big.Int
	ten := big.NewInt(10)
	t[0] = big.NewInt(1)
	for i := 1; i < len(t); i++ {
		t[i] = new(big.Int).Mul(t[i-1], ten)
	}
	return t
}()

// pow10Int64[k] is 10^k for k ≤ 18.
var pow10Int64 = func() [19]int64 {
	var t [19]int64
	t[0] = 1
	for i := 1; i < len(t); i++ {
		t[i] = t[i-1] * 10
	}
	return t
}()

// decScratch holds the big.Int temporaries of one kernel call.
type decScratch struct {
	a, b, r, q, m, t big.Int
	buf              [16]byte
}

var decPool = sync.Pool{New: func() any { return new(decScratch) }}

// DecimalAt returns row i of a DECIMAL vector (compact or not) as a Decimal.
func DecimalAt(v *vec.Vector, i int) types.Decimal {
	if v.Kind == vec.KindI64 {
		return types.DecimalFromInt64(v.I64[i])
	}
	return v.Dec[i]
}

// setDecimal stores row i of a DECIMAL vector written by index.
func setDecimal(out *vec.Vector, i int, d types.Decimal) {
	if out.Kind == vec.KindI64 {
		out.I64[i] = d.Int64()
		return
	}
	out.Dec[i] = d
}

// bigFromDecimal sets z to the unscaled value of d without allocating once z
// has grown.
func bigFromDecimal(z, tmp *big.Int, d types.Decimal) *big.Int {
	if d.IsInt64() {
		return z.SetInt64(d.Int64())
	}
	neg := d.Hi < 0
	hi, lo := uint64(d.Hi), d.Lo
	if neg { // two's complement negation of the 128-bit value
		lo = ^lo + 1
		hi = ^hi
		if lo == 0 {
			hi++
		}
	}
	z.SetUint64(hi)
	z.Lsh(z, 64)
	z.Or(z, tmp.SetUint64(lo))
	if neg {
		z.Neg(z)
	}
	return z
}

// decimalFromBig converts z, which must fit in 127 bits, without allocating.
func decimalFromBig(z *big.Int, buf *[16]byte) types.Decimal {
	if z.IsInt64() {
		return types.DecimalFromInt64(z.Int64())
	}
	z.FillBytes(buf[:]) // absolute value, big-endian
	var hi, lo uint64
	for i := 0; i < 8; i++ {
		hi = hi<<8 | uint64(buf[i])
		lo = lo<<8 | uint64(buf[8+i])
	}
	if z.Sign() < 0 {
		lo = ^lo + 1
		hi = ^hi
		if lo == 0 {
			hi++
		}
	}
	return types.Decimal{Hi: int64(hi), Lo: lo}
}

// fitsPrecision reports whether |z| < 10^p.
func fitsPrecision(z *big.Int, p int) bool { return z.CmpAbs(pow10Big[p]) < 0 }

// roundQuo sets q to num/den rounded HALF_UP (away from zero on ties), using
// m as scratch. den must not be zero.
func roundQuo(q, m, num, den *big.Int) {
	q.QuoRem(num, den, m)
	if m.Sign() == 0 {
		return
	}
	m.Abs(m)
	m.Lsh(m, 1)
	if m.CmpAbs(den) >= 0 {
		if (num.Sign() < 0) != (den.Sign() < 0) {
			q.Sub(q, pow10Big[0])
		} else {
			q.Add(q, pow10Big[0])
		}
	}
}

// rescale multiplies z by 10^(to-from) when to ≥ from, or divides it with
// HALF_UP rounding otherwise.
func rescale(z *big.Int, from, to int, sc *decScratch) {
	switch {
	case to > from:
		z.Mul(z, pow10Big[to-from])
	case to < from:
		sc.t.Set(z)
		roundQuo(z, &sc.m, &sc.t, pow10Big[from-to])
	}
}

// decimalArithKernel builds the kernel of op on DECIMAL(ta) and DECIMAL(tb)
// giving DECIMAL(res).
func decimalArithKernel(op string, ta, tb, res types.DataType) (Kernel, error) {
	if ta.Root != types.DecimalRoot || tb.Root != types.DecimalRoot {
		return nil, fmt.Errorf("decimal operator %s needs DECIMAL operands, got %s and %s", op, ta, tb)
	}
	s1, s2, p, s := ta.Scale, tb.Scale, res.Precision, res.Scale
	compact := ta.IsCompactDecimal() && tb.IsCompactDecimal() && res.IsCompactDecimal()
	switch op {
	case "+", "-":
		if compact && s == max(s1, s2) {
			return compactAddKernel(op == "-", pow10Int64[s-s1], pow10Int64[s-s2], pow10Int64[p]), nil
		}
	case "*":
		if compact && s == s1+s2 {
			return compactMulKernel(pow10Int64[p]), nil
		}
	case "/", "%":
	default:
		return nil, fmt.Errorf("unknown decimal operator %q", op)
	}
	return func(_ *Context, args []*vec.Vector, sel []int32, n int, out *vec.Vector) error {
		SizeOut(out, n)
		UnionNulls(out, n, args[0], args[1])
		sc := decPool.Get().(*decScratch)
		defer decPool.Put(sc)
		row := func(i int) error {
			if out.Nulls.Get(i) {
				setDecimal(out, i, types.Decimal{})
				return nil
			}
			a := bigFromDecimal(&sc.a, &sc.t, DecimalAt(args[0], i))
			b := bigFromDecimal(&sc.b, &sc.t, DecimalAt(args[1], i))
			r := &sc.r
			switch op {
			case "+", "-":
				e := max(s1, s2)
				rescale(a, s1, e, sc)
				rescale(b, s2, e, sc)
				if op == "+" {
					r.Add(a, b)
				} else {
					r.Sub(a, b)
				}
				rescale(r, e, s, sc)
			case "*":
				r.Mul(a, b)
				rescale(r, s1+s2, s, sc)
			case "/":
				if b.Sign() == 0 {
					return divisionByZero("/", DecimalAt(args[0], i).String(s1))
				}
				divideFlink(r, a, b, s1, s2, s, sc)
			case "%":
				if b.Sign() == 0 {
					return divisionByZero("%", DecimalAt(args[0], i).String(s1))
				}
				e := max(s1, s2)
				rescale(a, s1, e, sc)
				rescale(b, s2, e, sc)
				r.Rem(a, b)
				rescale(r, e, s, sc)
			}
			if !fitsPrecision(r, p) {
				out.Nulls.Set(i)
				setDecimal(out, i, types.Decimal{})
				return nil
			}
			setDecimal(out, i, decimalFromBig(r, &sc.buf))
			return nil
		}
		if sel == nil {
			for i := 0; i < n; i++ {
				if err := row(i); err != nil {
					return err
				}
			}
			return nil
		}
		for _, i := range sel {
			if err := row(int(i)); err != nil {
				return err
			}
		}
		return nil
	}, nil
}

// divideGuard is how many digits beyond the result scale divideFlink
// computes before rounding to 38 significant digits.
const divideGuard = 40

// divideFlink sets r to a/10^s1 ÷ b/10^s2 at scale s exactly as Flink's
// DecimalDataUtils.divide: the quotient rounded HALF_UP to 38 significant
// digits (MathContext(38, HALF_UP)), then HALF_UP to scale s. a and b are
// clobbered; b is not zero.
func divideFlink(r, a, b *big.Int, s1, s2, s int, sc *decScratch) {
	// t = trunc(quotient * 10^(s+guard)); HALF_UP needs no sticky digits.
	if x := s + divideGuard + s2 - s1; x >= 0 {
		a.Mul(a, pow10Big[x])
	} else {
		b.Mul(b, pow10Big[-x])
	}
	r.Quo(a, b)
	scale := s + divideGuard
	if d := decimalDigits(r); d > types.MaxDecimalPrecision {
		drop := d - types.MaxDecimalPrecision
		if drop >= len(pow10Big) {
			r.Set(pow10Big[len(pow10Big)-1]) // far beyond any precision: overflows to NULL
			return
		}
		sc.q.Set(r)
		roundQuo(r, &sc.m, &sc.q, pow10Big[drop])
		scale -= drop
	}
	rescale(r, scale, s, sc)
}

// decimalDigits is the number of decimal digits of |z| (0 for 0).
func decimalDigits(z *big.Int) int {
	lo, hi := 0, len(pow10Big)
	for lo < hi { // smallest k with |z| < 10^k
		m := (lo + hi) / 2
		if z.CmpAbs(pow10Big[m]) < 0 {
			hi = m
		} else {
			lo = m + 1
		}
	}
	return lo
}

// compactAddKernel adds or subtracts compact decimals scaled by fa and fb to
// the result scale; limit is 10^p of the result. No intermediate can
// overflow int64 because the result type has room for one carry digit.
func compactAddKernel(sub bool, fa, fb, limit int64) Kernel {
	return func(_ *Context, args []*vec.Vector, sel []int32, n int, out *vec.Vector) error {
		SizeOut(out, n)
		UnionNulls(out, n, args[0], args[1])
		a, b, o := args[0].I64[:n], args[1].I64[:n], out.I64[:n]
		fb := fb
		if sub {
			fb = -fb
		}
		if sel == nil {
			for i := range o {
				o[i] = a[i]*fa + b[i]*fb
			}
		} else {
			for _, i := range sel {
				o[i] = a[i]*fa + b[i]*fb
			}
		}
		return checkCompactLimit(o, sel, limit, out)
	}
}

// compactMulKernel multiplies compact decimals whose product fits the compact
// result exactly (result scale s1 + s2, precision p1 + p2 + 1 ≤ 18).
func compactMulKernel(limit int64) Kernel {
	return func(_ *Context, args []*vec.Vector, sel []int32, n int, out *vec.Vector) error {
		SizeOut(out, n)
		UnionNulls(out, n, args[0], args[1])
		a, b, o := args[0].I64[:n], args[1].I64[:n], out.I64[:n]
		if sel == nil {
			for i := range o {
				o[i] = a[i] * b[i]
			}
		} else {
			for _, i := range sel {
				o[i] = a[i] * b[i]
			}
		}
		return checkCompactLimit(o, sel, limit, out)
	}
}

// checkCompactLimit turns results of 10^p or more into NULL. By the result
// type rules it never fires for valid inputs; it guards against operands that
// hold more digits than their type allows.
func checkCompactLimit(o []int64, sel []int32, limit int64, out *vec.Vector) error {
	check := func(i int) {
		if v := o[i]; v >= limit || v <= -limit {
			out.Nulls.Set(i)
			o[i] = 0
		}
	}
	if sel == nil {
		for i := range o {
			check(i)
		}
		return nil
	}
	for _, i := range sel {
		check(int(i))
	}
	return nil
}

func negDecimalKernel(_ *Context, args []*vec.Vector, sel []int32, n int, out *vec.Vector) error {
	SizeOut(out, n)
	UnionNulls(out, n, args[0])
	a, o := args[0].Dec[:n], out.Dec[:n]
	neg := func(d types.Decimal) types.Decimal {
		lo := ^d.Lo + 1
		hi := ^d.Hi
		if lo == 0 {
			hi++
		}
		return types.Decimal{Hi: hi, Lo: lo}
	}
	if sel == nil {
		for i := range o {
			o[i] = neg(a[i])
		}
		return nil
	}
	for _, i := range sel {
		o[i] = neg(a[i])
	}
	return nil
}
