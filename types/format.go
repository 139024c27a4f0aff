package types

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// FormatValue renders a scalar as Flink's CAST(x AS STRING) does: plain decimals
// with the type's scale, `true`/`false`, dates as yyyy-MM-dd, times and timestamps
// with exactly the type's fractional precision, floats as Java's Float/Double
// toString, bytes decoded as UTF-8. TIMESTAMP_LTZ values are shown in loc (UTC
// when loc is nil). A nil value returns "" and ok == false.
func FormatValue(t DataType, v any, loc *time.Location) (s string, ok bool) {
	if v == nil {
		return "", false
	}
	switch x := v.(type) {
	case bool:
		if x {
			return "true", true
		}
		return "false", true
	case int8:
		return strconv.FormatInt(int64(x), 10), true
	case int16:
		return strconv.FormatInt(int64(x), 10), true
	case int32:
		switch t.Root {
		case Date:
			return FormatDate(x), true
		case Time:
			return FormatTime(x, t.Precision), true
		}
		return strconv.FormatInt(int64(x), 10), true
	case int64:
		if t.Root == DecimalRoot {
			return DecimalFromInt64(x).String(t.Scale), true
		}
		return strconv.FormatInt(x, 10), true
	case float32:
		return FormatJavaFloat(float64(x), 32), true
	case float64:
		return FormatJavaFloat(x, 64), true
	case Decimal:
		return x.String(t.Scale), true
	case Timestamp:
		if t.Root == TimestampLTZ {
			if loc == nil {
				loc = time.UTC
			}
			return FormatTimestampIn(x, t.Precision, loc), true
		}
		return FormatTimestamp(x, t.Precision), true
	case string:
		return x, true
	case []byte:
		if utf8.Valid(x) {
			return string(x), true
		}
		return strings.ToValidUTF8(string(x), "\uFFFD"), true
	}
	return fmt.Sprint(v), true
}

// FormatDate renders days since the epoch as yyyy-MM-dd.
func FormatDate(days int32) string {
	return time.Unix(int64(days)*86400, 0).UTC().Format("2006-01-02")
}

// FormatTime renders milliseconds of the day as HH:mm:ss with precision fraction digits (at most 3 are stored).
func FormatTime(ms int32, precision int) string {
	h, m, s, f := ms/3600000, ms/60000%60, ms/1000%60, ms%1000
	out := fmt.Sprintf("%02d:%02d:%02d", h, m, s)
	if precision > 0 {
		frac := fmt.Sprintf("%03d000000", f)
		out += "." + frac[:precision]
	}
	return out
}

// FormatTimestamp renders a TIMESTAMP as yyyy-MM-dd HH:mm:ss[.f...] with exactly
// precision fractional digits.
func FormatTimestamp(ts Timestamp, precision int) string {
	return formatWall(ts.Time(), ts, precision)
}

// FormatTimestampIn renders an instant in loc.
func FormatTimestampIn(ts Timestamp, precision int, loc *time.Location) string {
	return formatWall(ts.Time().In(loc), ts, precision)
}

func formatWall(t time.Time, ts Timestamp, precision int) string {
	var b strings.Builder
	y := t.Year()
	if y < 0 || y > 9999 {
		fmt.Fprintf(&b, "%+d", y)
	} else {
		fmt.Fprintf(&b, "%04d", y)
	}
	fmt.Fprintf(&b, "-%02d-%02d %02d:%02d:%02d", t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second())
	if precision > 0 {
		nanos := int64(floorMod(ts.Millis, 1000))*1_000_000 + int64(ts.NanoOfMilli)
		frac := fmt.Sprintf("%09d", nanos)
		b.WriteString(".")
		b.WriteString(frac[:min(precision, 9)])
	}
	return b.String()
}

// FormatJavaFloat renders a float as Java's Double.toString (bits 64) or
// Float.toString (bits 32): shortest round-trip digits, decimal notation for
// magnitudes in [1e-3, 1e7), otherwise d.dddE±n; NaN, Infinity, -Infinity.
func FormatJavaFloat(f float64, bits int) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	case f == 0:
		if math.Signbit(f) {
			return "-0.0"
		}
		return "0.0"
	}
	// Shortest digits and exponent.
	e := strconv.FormatFloat(f, 'e', -1, bits) // e.g. -1.2345e+06
	neg := strings.HasPrefix(e, "-")
	if neg {
		e = e[1:]
	}
	mant, expStr, _ := strings.Cut(e, "e")
	exp, _ := strconv.Atoi(expStr)
	digits := strings.Replace(mant, ".", "", 1)
	abs := math.Abs(f)
	var out string
	if abs >= 1e-3 && abs < 1e7 {
		if exp >= 0 {
			intLen := exp + 1
			for len(digits) < intLen {
				digits += "0"
			}
			frac := digits[intLen:]
			if frac == "" {
				frac = "0"
			}
			out = digits[:intLen] + "." + frac
		} else {
			out = "0." + strings.Repeat("0", -exp-1) + digits
		}
	} else {
		frac := digits[1:]
		if frac == "" {
			frac = "0"
		}
		out = digits[:1] + "." + frac + "E" + strconv.Itoa(exp)
	}
	if neg {
		return "-" + out
	}
	return out
}
