// Package javafmt renders values the way Java's toString methods do, where
// Flink's output depends on them.
package javafmt

import (
	"math"
	"strconv"

	"github.com/weir-data/weir/types"
)

// AppendBigDecimal appends Java's BigDecimal.toString of unscaled/10^scale:
// plain notation when the scale is ≥ 0 and the adjusted exponent is ≥ -6,
// otherwise scientific ("1E-7", "0E-10", "1.5E-8").
func AppendBigDecimal(dst []byte, d types.Decimal, scale int) []byte {
	var digits string
	neg := d.Sign() < 0
	if d.IsInt64() {
		u := d.Int64()
		if u == math.MinInt64 {
			digits = "9223372036854775808"
		} else {
			if u < 0 {
				u = -u
			}
			digits = strconv.FormatInt(u, 10)
		}
	} else {
		digits = d.Big().String()
		if neg {
			digits = digits[1:]
		}
	}
	adjusted := len(digits) - 1 - scale
	if scale >= 0 && adjusted >= -6 {
		return append(dst, d.String(scale)...)
	}
	if neg {
		dst = append(dst, '-')
	}
	dst = append(dst, digits[0])
	if len(digits) > 1 {
		dst = append(dst, '.')
		dst = append(dst, digits[1:]...)
	}
	dst = append(dst, 'E')
	if adjusted >= 0 {
		dst = append(dst, '+')
	}
	return strconv.AppendInt(dst, int64(adjusted), 10)
}
