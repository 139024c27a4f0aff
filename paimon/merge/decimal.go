package merge

import (
	"errors"
	"math/big"
	"math/bits"

	"github.com/weir-data/weir/types"
)

// Decimal arithmetic with Paimon's semantics (DecimalUtils.add/subtract and
// Decimal.fromBigDecimal): results are exact, rounded HALF_UP to the column's
// scale, and a result with more digits than the column's precision becomes
// null (ok = false) instead of failing.

var (
	pow10i64 [19]int64
	pow10dec [39]types.Decimal // 10^0 .. 10^38 as 128-bit values
	pow10big [39]*big.Int
)

func init() {
	p := int64(1)
	for i := range pow10i64 {
		pow10i64[i] = p
		p *= 10
	}
	b := big.NewInt(1)
	for i := range pow10dec {
		pow10big[i] = new(big.Int).Set(b)
		d, err := types.DecimalFromBig(b)
		if err != nil {
			panic(err) // 10^38 < 2^127: cannot happen
		}
		pow10dec[i] = d
		b.Mul(b, big.NewInt(10))
	}
}

var minDecimal = types.Decimal{Hi: -1 << 63, Lo: 0}

// add128 returns a+b and whether the signed 128-bit addition overflowed.
func add128(a, b types.Decimal) (types.Decimal, bool) {
	lo, carry := bits.Add64(a.Lo, b.Lo, 0)
	hi, _ := bits.Add64(uint64(a.Hi), uint64(b.Hi), carry)
	r := types.Decimal{Hi: int64(hi), Lo: lo}
	overflow := (a.Hi < 0) == (b.Hi < 0) && (r.Hi < 0) != (a.Hi < 0)
	return r, overflow
}

func neg128(a types.Decimal) types.Decimal {
	lo, borrow := bits.Sub64(0, a.Lo, 0)
	hi, _ := bits.Sub64(0, uint64(a.Hi), borrow)
	return types.Decimal{Hi: int64(hi), Lo: lo}
}

// fits reports whether |d| < 10^prec.
func fits(d types.Decimal, prec int) bool {
	if d == minDecimal {
		return false
	}
	if d.Hi < 0 {
		d = neg128(d)
	}
	return d.Cmp(pow10dec[prec]) < 0
}

// decAdd returns a+b, ok false when the sum needs more than prec digits.
func decAdd(a, b types.Decimal, prec int) (types.Decimal, bool) {
	r, overflow := add128(a, b)
	if overflow || !fits(r, prec) {
		return types.Decimal{}, false
	}
	return r, true
}

// compactAdd is decAdd for DECIMAL(p ≤ 18) stored as int64.
func compactAdd(a, b int64, prec int) (int64, bool) {
	r := a + b // |a|, |b| < 10^18: cannot overflow int64
	if r >= pow10i64[prec] || r <= -pow10i64[prec] {
		return 0, false
	}
	return r, true
}

// bigScratch holds reusable big integers for decimal products and quotients.
type bigScratch struct {
	x, y, q, r, t big.Int
}

func (s *bigScratch) set(z *big.Int, d types.Decimal) *big.Int {
	z.SetInt64(d.Hi)
	z.Lsh(z, 64)
	s.t.SetUint64(d.Lo)
	return z.Or(z, &s.t)
}

// roundHalfUp sets s.q to n/d rounded half away from zero (d > 0).
func (s *bigScratch) roundHalfUp(n, d *big.Int) *big.Int {
	s.q.QuoRem(n, d, &s.r)
	s.r.Abs(&s.r)
	s.r.Lsh(&s.r, 1)
	if s.r.Cmp(d) >= 0 {
		if n.Sign() < 0 {
			s.q.Sub(&s.q, big.NewInt(1))
		} else {
			s.q.Add(&s.q, big.NewInt(1))
		}
	}
	return &s.q
}

func (s *bigScratch) result(q *big.Int, prec int) (types.Decimal, bool) {
	if q.CmpAbs(pow10big[prec]) >= 0 {
		return types.Decimal{}, false
	}
	d, err := types.DecimalFromBig(q)
	return d, err == nil
}

// decMul returns a*b at the given scale (BigDecimal.multiply, then
// Decimal.fromBigDecimal: HALF_UP to scale, null when too many digits).
func (s *bigScratch) decMul(a, b types.Decimal, prec, scale int) (types.Decimal, bool) {
	s.set(&s.x, a)
	s.set(&s.y, b)
	s.x.Mul(&s.x, &s.y) // scale 2*scale
	return s.result(s.roundHalfUp(&s.x, pow10big[scale]), prec)
}

// Errors of BigDecimal.divide(BigDecimal) (exact division).
var (
	errDivisionByZero   = errors.New("Division by zero")
	errDivisionUndef    = errors.New("Division undefined")
	errNonTerminating   = errors.New("Non-terminating decimal expansion; no exact representable decimal result.")
	errIntegerDivByZero = errors.New("/ by zero")
)

var (
	big2 = big.NewInt(2)
	big5 = big.NewInt(5)
)

// decDiv returns a/b at the given scale: Java's exact BigDecimal.divide (which
// fails when the quotient has no terminating decimal expansion), then HALF_UP
// to scale, null when too many digits.
func (s *bigScratch) decDiv(a, b types.Decimal, prec, scale int) (types.Decimal, bool, error) {
	if b.Sign() == 0 {
		if a.Sign() == 0 {
			return types.Decimal{}, false, errDivisionUndef
		}
		return types.Decimal{}, false, errDivisionByZero
	}
	s.set(&s.x, a)
	s.set(&s.y, b)
	// Terminating iff the reduced denominator has no prime factor but 2 and 5.
	s.t.GCD(nil, nil, new(big.Int).Abs(&s.x), new(big.Int).Abs(&s.y))
	den := new(big.Int).Quo(new(big.Int).Abs(&s.y), &s.t)
	for _, p := range []*big.Int{big2, big5} {
		for {
			q, r := new(big.Int).QuoRem(den, p, new(big.Int))
			if r.Sign() != 0 {
				break
			}
			den = q
		}
	}
	if den.Cmp(big.NewInt(1)) != 0 {
		return types.Decimal{}, false, errNonTerminating
	}
	// value = x/y; unscaled at scale = x*10^scale / y.
	s.x.Mul(&s.x, pow10big[scale])
	if s.y.Sign() < 0 {
		s.x.Neg(&s.x)
		s.y.Neg(&s.y)
	}
	d, ok := s.result(s.roundHalfUp(&s.x, &s.y), prec)
	return d, ok, nil
}
