package types

import (
	"fmt"
	"math/big"
	"strings"
)

// Decimal is a DECIMAL value: a 128-bit two's-complement unscaled integer. The
// precision and scale come from the column's type. Paimon's largest precision, 38
// digits, fits in 127 bits.
type Decimal struct {
	Hi int64
	Lo uint64
}

// DecimalFromInt64 returns the decimal with unscaled value v.
func DecimalFromInt64(v int64) Decimal {
	hi := int64(0)
	if v < 0 {
		hi = -1
	}
	return Decimal{Hi: hi, Lo: uint64(v)}
}

// IsInt64 reports whether the unscaled value fits in an int64.
func (d Decimal) IsInt64() bool {
	return (d.Hi == 0 && d.Lo>>63 == 0) || (d.Hi == -1 && d.Lo>>63 == 1)
}

// Int64 returns the unscaled value truncated to 64 bits.
func (d Decimal) Int64() int64 { return int64(d.Lo) }

// Sign returns -1, 0 or +1.
func (d Decimal) Sign() int {
	switch {
	case d.Hi < 0:
		return -1
	case d.Hi == 0 && d.Lo == 0:
		return 0
	}
	return 1
}

// Cmp compares unscaled values.
func (d Decimal) Cmp(o Decimal) int {
	switch {
	case d.Hi < o.Hi:
		return -1
	case d.Hi > o.Hi:
		return 1
	case d.Lo < o.Lo:
		return -1
	case d.Lo > o.Lo:
		return 1
	}
	return 0
}

// Big returns the unscaled value as a big.Int.
func (d Decimal) Big() *big.Int {
	v := new(big.Int).SetInt64(d.Hi)
	v.Lsh(v, 64)
	return v.Or(v, new(big.Int).SetUint64(d.Lo))
}

var (
	maxDecimal = new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 127), big.NewInt(1))
	minDecimal = new(big.Int).Neg(new(big.Int).Lsh(big.NewInt(1), 127))
)

// DecimalFromBig converts an unscaled big.Int; it fails when v needs more than 128 bits.
func DecimalFromBig(v *big.Int) (Decimal, error) {
	if v.Cmp(maxDecimal) > 0 || v.Cmp(minDecimal) < 0 {
		return Decimal{}, fmt.Errorf("decimal unscaled value %s does not fit in 128 bits", v)
	}
	lo := new(big.Int).And(v, new(big.Int).SetUint64(^uint64(0))).Uint64()
	hi := new(big.Int).Rsh(v, 64).Int64()
	return Decimal{Hi: hi, Lo: lo}, nil
}

// BigEndianBytes returns Java's BigInteger.toByteArray of the unscaled value: the
// minimal two's-complement big-endian bytes (at least one byte).
func (d Decimal) BigEndianBytes() []byte {
	var full [16]byte
	for i := 0; i < 8; i++ {
		full[i] = byte(uint64(d.Hi) >> (56 - 8*i))
		full[8+i] = byte(d.Lo >> (56 - 8*i))
	}
	// Drop leading bytes that only repeat the sign.
	i := 0
	for i < 15 {
		if full[i] == 0x00 && full[i+1]&0x80 == 0 {
			i++
			continue
		}
		if full[i] == 0xff && full[i+1]&0x80 != 0 {
			i++
			continue
		}
		break
	}
	return append([]byte(nil), full[i:]...)
}

// DecimalFromBigEndian decodes two's-complement big-endian bytes (Java's
// BigInteger(byte[]) constructor); at most 16 bytes.
func DecimalFromBigEndian(b []byte) (Decimal, error) {
	if len(b) == 0 {
		return Decimal{}, nil
	}
	if len(b) > 16 {
		return Decimal{}, fmt.Errorf("decimal of %d bytes exceeds 16", len(b))
	}
	var full [16]byte
	fill := byte(0)
	if b[0]&0x80 != 0 {
		fill = 0xff
	}
	for i := 0; i < 16-len(b); i++ {
		full[i] = fill
	}
	copy(full[16-len(b):], b)
	var hi, lo uint64
	for i := 0; i < 8; i++ {
		hi = hi<<8 | uint64(full[i])
		lo = lo<<8 | uint64(full[8+i])
	}
	return Decimal{Hi: int64(hi), Lo: lo}, nil
}

// String formats the decimal with the given scale as Java's BigDecimal.toPlainString
// does: "-123.45000", "0.00000", "12".
func (d Decimal) String(scale int) string {
	s := d.Big().String()
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	if scale > 0 {
		if len(s) <= scale {
			s = strings.Repeat("0", scale-len(s)+1) + s
		}
		s = s[:len(s)-scale] + "." + s[len(s)-scale:]
	}
	if neg {
		return "-" + s
	}
	return s
}

// ParseDecimal parses a plain decimal string into an unscaled value with the given
// precision and scale. Digits beyond the scale are rounded half-up (as Flink's
// CAST does); a value needing more than precision digits is an error.
func ParseDecimal(s string, precision, scale int) (Decimal, error) {
	r, ok := new(big.Rat).SetString(strings.TrimSpace(s))
	if !ok {
		return Decimal{}, fmt.Errorf("invalid decimal %q", s)
	}
	r.Mul(r, new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(scale)), nil)))
	// Round half away from zero.
	num, den := r.Num(), r.Denom()
	q, m := new(big.Int).QuoRem(num, den, new(big.Int))
	if new(big.Int).Mul(new(big.Int).Abs(m), big.NewInt(2)).Cmp(den) >= 0 {
		if num.Sign() < 0 {
			q.Sub(q, big.NewInt(1))
		} else {
			q.Add(q, big.NewInt(1))
		}
	}
	if len(new(big.Int).Abs(q).String()) > precision && q.Sign() != 0 {
		return Decimal{}, fmt.Errorf("decimal %q does not fit DECIMAL(%d, %d)", s, precision, scale)
	}
	return DecimalFromBig(q)
}
