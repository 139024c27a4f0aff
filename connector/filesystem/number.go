package filesystem

import (
	"errors"
	"math/bits"
	"strconv"
	"unsafe"

	"github.com/weir-data/weir/types"
)

// parseInt parses a decimal integer (optional sign) without allocating.
func parseInt(s []byte) (int64, bool) {
	neg := false
	if len(s) > 0 && (s[0] == '-' || s[0] == '+') {
		neg = s[0] == '-'
		s = s[1:]
	}
	if len(s) == 0 || len(s) > 19 {
		return 0, false
	}
	var u uint64
	for _, c := range s {
		if c < '0' || c > '9' {
			return 0, false
		}
		u = u*10 + uint64(c-'0')
	}
	if neg {
		if u > 1<<63 {
			return 0, false
		}
		return -int64(u), true
	}
	if u > 1<<63-1 {
		return 0, false
	}
	return int64(u), true
}

// parseFloatBytes is strconv.ParseFloat without copying s into a string.
// The string never outlives the call: the error, which would hold it, is
// dropped.
func parseFloatBytes(s []byte) (float64, bool) {
	if len(s) == 0 {
		return 0, false
	}
	f, err := strconv.ParseFloat(unsafe.String(unsafe.SliceData(s), len(s)), 64)
	return f, err == nil
}

// u128 is an unsigned 128-bit integer.
type u128 struct{ hi, lo uint64 }

func (a u128) mul10add(d uint64) (u128, bool) {
	hi1, lo := bits.Mul64(a.lo, 10)
	hi2, hi := bits.Mul64(a.hi, 10)
	hi, c := bits.Add64(hi, hi1, 0)
	if hi2 != 0 || c != 0 {
		return u128{}, false
	}
	lo, c = bits.Add64(lo, d, 0)
	hi, c = bits.Add64(hi, 0, c)
	return u128{hi, lo}, c == 0
}

func (a u128) less(b u128) bool { return a.hi < b.hi || (a.hi == b.hi && a.lo < b.lo) }

// pow10 holds 10^0 .. 10^38.
var pow10 = func() (p [39]u128) {
	x := u128{0, 1}
	for i := range p {
		p[i] = x
		x, _ = x.mul10add(0)
	}
	return p
}()

var errDecimal = errors.New("not a decimal number")

// parseDecimal parses a plain decimal ("-12.345") into the unscaled value
// of DECIMAL(precision, scale), rounding half-up beyond the scale as
// types.ParseDecimal does, without allocating. Other spellings (exponents)
// go to types.ParseDecimal.
func parseDecimal(s []byte, precision, scale int) (types.Decimal, error) {
	neg := false
	t := s
	if len(t) > 0 && (t[0] == '-' || t[0] == '+') {
		neg = t[0] == '-'
		t = t[1:]
	}
	var u u128
	ok := true
	frac, digitsSeen, dot := 0, 0, false
	roundUp := false
	for _, c := range t {
		switch {
		case c == '.' && !dot:
			dot = true
			continue
		case c >= '0' && c <= '9':
		case c == 'e' || c == 'E':
			return parseDecimalExp(s, precision, scale)
		default:
			return types.Decimal{}, errDecimal
		}
		digitsSeen++
		if dot {
			if frac == scale {
				continue // dropped; the first dropped digit rounds below
			}
			frac++
		}
		if u, ok = u.mul10add(uint64(c - '0')); !ok {
			return types.ParseDecimal(string(s), precision, scale)
		}
	}
	if digitsSeen == 0 {
		return types.Decimal{}, errDecimal
	}
	// The first digit beyond the scale rounds half-up.
	if dot {
		if i := indexDot(t) + 1 + scale; i < len(t) && t[i] >= '5' {
			roundUp = true
		}
	}
	for ; frac < scale; frac++ {
		if u, ok = u.mul10add(0); !ok {
			return types.ParseDecimal(string(s), precision, scale)
		}
	}
	if roundUp {
		lo, c := bits.Add64(u.lo, 1, 0)
		u = u128{u.hi + c, lo}
	}
	if precision > 38 || !u.less(pow10[precision]) {
		return types.Decimal{}, errors.New("too many digits for " + types.NewDecimal(precision, scale).String())
	}
	d := types.Decimal{Hi: int64(u.hi), Lo: u.lo}
	if neg {
		lo := ^d.Lo + 1
		hi := ^d.Hi
		if lo == 0 {
			hi++
		}
		d = types.Decimal{Hi: hi, Lo: lo}
	}
	return d, nil
}

// parseDecimalExp parses scientific notation ("5E-8", "1.5e+3").
func parseDecimalExp(s []byte, precision, scale int) (types.Decimal, error) {
	for i, c := range s {
		ok := c >= '0' && c <= '9' || c == '.' || c == 'e' || c == 'E' || ((c == '-' || c == '+') && (i == 0 || s[i-1] == 'e' || s[i-1] == 'E'))
		if !ok {
			return types.Decimal{}, errDecimal
		}
	}
	return types.ParseDecimal(string(s), precision, scale)
}

func indexDot(s []byte) int {
	for i, c := range s {
		if c == '.' {
			return i
		}
	}
	return -1
}
