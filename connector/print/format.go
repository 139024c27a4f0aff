package print

import (
	"strconv"
	"time"

	"github.com/weir-data/weir/connector/internal/javafmt"
	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// appendValue appends row i of v as Flink's print sink shows it: the
// toString of the Java object Flink converts the value to (Row.toString of
// the external row). That is Integer/Long/Boolean as usual, FLOAT and DOUBLE
// as Float/Double.toString, DECIMAL as BigDecimal.toString, DATE, TIME and
// TIMESTAMP as LocalDate/LocalTime/LocalDateTime.toString (ISO forms that
// omit zero seconds and print fractions in groups of three digits),
// TIMESTAMP_LTZ as Instant.toString (UTC, with 'Z'), BINARY/VARBINARY as
// Arrays.toString(byte[]) ("[1, -2]") and NULL as "null".
func appendValue(dst []byte, v *vec.Vector, i int) []byte {
	if v.IsNull(i) {
		return append(dst, "null"...)
	}
	t := v.Type
	switch v.Kind {
	case vec.KindBool:
		return strconv.AppendBool(dst, v.Bools[i])
	case vec.KindI8:
		return strconv.AppendInt(dst, int64(v.I8[i]), 10)
	case vec.KindI16:
		return strconv.AppendInt(dst, int64(v.I16[i]), 10)
	case vec.KindI32:
		switch t.Root {
		case types.Date:
			return appendDate(dst, int64(v.I32[i]))
		case types.Time:
			return appendLocalTime(dst, int64(v.I32[i])*int64(time.Millisecond))
		}
		return strconv.AppendInt(dst, int64(v.I32[i]), 10)
	case vec.KindI64:
		if t.Root == types.DecimalRoot {
			return javafmt.AppendBigDecimal(dst, types.DecimalFromInt64(v.I64[i]), t.Scale)
		}
		return strconv.AppendInt(dst, v.I64[i], 10)
	case vec.KindF32:
		return append(dst, types.FormatJavaFloat(float64(v.F32[i]), 32)...)
	case vec.KindF64:
		return append(dst, types.FormatJavaFloat(v.F64[i], 64)...)
	case vec.KindDecimal:
		return javafmt.AppendBigDecimal(dst, v.Dec[i], t.Scale)
	case vec.KindTimestamp:
		ts := v.TS[i]
		days := floorDiv(ts.Millis, 86400000)
		nanoOfDay := (ts.Millis-days*86400000)*1e6 + int64(ts.NanoOfMilli)
		dst = appendDate(dst, days)
		dst = append(dst, 'T')
		if t.Root == types.TimestampLTZ {
			dst = appendClock(dst, nanoOfDay, true)
			return append(dst, 'Z')
		}
		return appendClock(dst, nanoOfDay, false)
	case vec.KindBytes:
		if t.IsBinary() {
			dst = append(dst, '[')
			for k, c := range v.Bytes(i) {
				if k > 0 {
					dst = append(dst, ", "...)
				}
				dst = strconv.AppendInt(dst, int64(int8(c)), 10)
			}
			return append(dst, ']')
		}
		return append(dst, v.Bytes(i)...)
	}
	return append(dst, "?"...)
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

// appendDate appends LocalDate.toString of an epoch day: yyyy-MM-dd, with a
// sign and at least four year digits outside years 0..9999.
func appendDate(dst []byte, days int64) []byte {
	y, m, d := time.Unix(days*86400, 0).UTC().Date()
	switch {
	case y > 9999:
		dst = append(dst, '+')
		dst = strconv.AppendInt(dst, int64(y), 10)
	case y < 0:
		dst = append(dst, '-')
		dst = appendPad(dst, int64(-y), 4)
	default:
		dst = appendPad(dst, int64(y), 4)
	}
	dst = append(dst, '-')
	dst = appendPad(dst, int64(m), 2)
	dst = append(dst, '-')
	return appendPad(dst, int64(d), 2)
}

// appendLocalTime appends LocalTime.toString of nanoseconds of the day.
func appendLocalTime(dst []byte, nanoOfDay int64) []byte {
	return appendClock(dst, nanoOfDay, false)
}

// appendClock appends HH:mm[:ss[.fff[fff[fff]]]] as LocalTime.toString, or
// with always-present seconds as Instant.toString (alwaysSeconds).
func appendClock(dst []byte, nanoOfDay int64, alwaysSeconds bool) []byte {
	h := nanoOfDay / 3600e9
	mi := nanoOfDay / 60e9 % 60
	s := nanoOfDay / 1e9 % 60
	n := nanoOfDay % 1e9
	dst = appendPad(dst, h, 2)
	dst = append(dst, ':')
	dst = appendPad(dst, mi, 2)
	if s == 0 && n == 0 && !alwaysSeconds {
		return dst
	}
	dst = append(dst, ':')
	dst = appendPad(dst, s, 2)
	switch {
	case n == 0:
	case n%1e6 == 0:
		dst = append(dst, '.')
		dst = appendPad(dst, n/1e6, 3)
	case n%1e3 == 0:
		dst = append(dst, '.')
		dst = appendPad(dst, n/1e3, 6)
	default:
		dst = append(dst, '.')
		dst = appendPad(dst, n, 9)
	}
	return dst
}

func appendPad(dst []byte, v int64, width int) []byte {
	var buf [20]byte
	b := strconv.AppendInt(buf[:0], v, 10)
	for k := len(b); k < width; k++ {
		dst = append(dst, '0')
	}
	return append(dst, b...)
}
