package fn

import (
	"math/big"
	"math/bits"

	"github.com/weir-data/weir/types"
)

// This file holds 128-bit arithmetic on unscaled DECIMAL values, for the
// kernels and accumulators that must not allocate per row (SUM, AVG).

// dec128Max is 10^38 - 1, the largest unscaled value of DECIMAL(38, s).
var dec128Max = types.Decimal{Hi: 0x4B3B4CA85A86C47A, Lo: 0x098A223FFFFFFFFF}

// dec128Add returns a+b and whether the sum overflowed 128 bits.
func dec128Add(a, b types.Decimal) (types.Decimal, bool) {
	lo, carry := bits.Add64(a.Lo, b.Lo, 0)
	hi := a.Hi + b.Hi + int64(carry)
	// Signed overflow: both operands have the same sign and the result's
	// sign differs.
	overflow := (a.Hi >= 0) == (b.Hi >= 0) && (hi >= 0) != (a.Hi >= 0)
	return types.Decimal{Hi: hi, Lo: lo}, overflow
}

// dec128Neg returns -a (the caller keeps |a| ≤ dec128Max, so it never
// overflows).
func dec128Neg(a types.Decimal) types.Decimal {
	lo, borrow := bits.Sub64(0, a.Lo, 0)
	hi := 0 - a.Hi - int64(borrow)
	return types.Decimal{Hi: hi, Lo: lo}
}

// dec128Fits38 reports whether |a| has at most 38 digits.
func dec128Fits38(a types.Decimal) bool {
	if a.Hi < 0 {
		a = dec128Neg(a)
		if a.Hi < 0 { // -2^127
			return false
		}
	}
	return a.Cmp(dec128Max) <= 0
}

// dec128FromInt64 widens an int64 unscaled value.
func dec128FromInt64(v int64) types.Decimal {
	return types.Decimal{Hi: v >> 63, Lo: uint64(v)}
}

// dec128FromBig converts a big.Int known to fit in 38 digits.
func dec128FromBig(v *big.Int) (types.Decimal, bool) {
	d, err := types.DecimalFromBig(v)
	if err != nil || !dec128Fits38(d) {
		return types.Decimal{}, false
	}
	return d, true
}

// dec128Pow10 returns 10^n as a big.Int.
func dec128Pow10(n int) *big.Int {
	return new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(n)), nil)
}

// dec128DivHalfUp divides a by b (b > 0) rounding half away from zero, as Java's
// RoundingMode.HALF_UP.
func dec128DivHalfUp(a, b *big.Int) *big.Int {
	q, r := new(big.Int).QuoRem(a, b, new(big.Int))
	r2 := new(big.Int).Abs(r)
	r2.Lsh(r2, 1)
	if r2.Cmp(new(big.Int).Abs(b)) >= 0 {
		if (a.Sign() < 0) != (b.Sign() < 0) {
			q.Sub(q, big.NewInt(1))
		} else {
			q.Add(q, big.NewInt(1))
		}
	}
	return q
}
