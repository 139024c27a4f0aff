package partition

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/weir-data/weir/types"
)

// formatValue spells one partition value, before escaping. ok is false for
// null. Values use the Go types documented in package types.
func formatValue(t types.DataType, v any, opts Options) (s string, ok bool, err error) {
	if v == nil {
		return "", false, nil
	}
	bad := func() (string, bool, error) {
		return "", false, fmt.Errorf("value %T does not match type %s", v, t)
	}
	switch t.Root {
	case types.Boolean:
		x, ok := v.(bool)
		if !ok {
			return bad()
		}
		return strconv.FormatBool(x), true, nil
	case types.TinyInt:
		x, ok := v.(int8)
		if !ok {
			return bad()
		}
		return strconv.Itoa(int(x)), true, nil
	case types.SmallInt:
		x, ok := v.(int16)
		if !ok {
			return bad()
		}
		return strconv.Itoa(int(x)), true, nil
	case types.Int:
		x, ok := v.(int32)
		if !ok {
			return bad()
		}
		return strconv.Itoa(int(x)), true, nil
	case types.BigInt:
		x, ok := v.(int64)
		if !ok {
			return bad()
		}
		return strconv.FormatInt(x, 10), true, nil
	case types.Float:
		x, ok := v.(float32)
		if !ok {
			return bad()
		}
		return types.FormatJavaFloat(float64(x), 32), true, nil
	case types.Double:
		x, ok := v.(float64)
		if !ok {
			return bad()
		}
		return types.FormatJavaFloat(x, 64), true, nil
	case types.DecimalRoot:
		x, ok := v.(types.Decimal)
		if !ok {
			return bad()
		}
		return x.String(t.Scale), true, nil
	case types.Char, types.VarChar:
		switch x := v.(type) {
		case string:
			return x, true, nil
		case []byte:
			return string(x), true, nil
		}
		return bad()
	case types.Binary, types.VarBinary:
		x, ok := v.([]byte)
		if !ok {
			return bad()
		}
		if opts.Legacy {
			// Java's byte[].toString() is "[B@" plus an identity hash code.
			return "", false, fmt.Errorf("%s partition values have no reproducible legacy name (Java writes byte[].toString()); set partition.legacy-name=false", t)
		}
		if utf8.Valid(x) {
			return string(x), true, nil
		}
		return strings.ToValidUTF8(string(x), "\uFFFD"), true, nil
	case types.Date:
		x, ok := v.(int32)
		if !ok {
			return bad()
		}
		if opts.Legacy {
			return strconv.Itoa(int(x)), true, nil
		}
		return types.FormatDate(x), true, nil
	case types.Time:
		x, ok := v.(int32)
		if !ok {
			return bad()
		}
		if opts.Legacy {
			return strconv.Itoa(int(x)), true, nil
		}
		return types.FormatTime(x, t.Precision), true, nil
	case types.TimestampRoot, types.TimestampLTZ:
		x, ok := v.(types.Timestamp)
		if !ok {
			return bad()
		}
		if x.NanoOfMilli < 0 || x.NanoOfMilli > 999_999 {
			return "", false, fmt.Errorf("timestamp nano-of-millisecond %d outside [0, 999999]", x.NanoOfMilli)
		}
		if opts.Legacy {
			return localDateTimeString(x), true, nil
		}
		if t.Root == types.TimestampLTZ {
			loc := opts.Location
			if loc == nil {
				loc = time.UTC
			}
			return types.FormatTimestampIn(x, t.Precision, loc), true, nil
		}
		return types.FormatTimestamp(x, t.Precision), true, nil
	}
	return "", false, fmt.Errorf("type %s cannot be a partition key", t)
}

// localDateTimeString is Java's LocalDateTime.toString of the timestamp's UTC
// wall clock: uuuu-MM-ddTHH:mm, then :ss when seconds or nanos are non-zero,
// then .SSS, .SSSSSS or .SSSSSSSSS, the shortest that holds the nanos.
func localDateTimeString(ts types.Timestamp) string {
	days := floorDiv(ts.Millis, 86_400_000)
	msOfDay := ts.Millis - days*86_400_000
	d := time.Unix(days*86_400, 0).UTC()
	var b strings.Builder
	y := d.Year()
	switch {
	case y < 0 && y > -1000:
		fmt.Fprintf(&b, "-%04d", -y)
	case y >= 0 && y < 1000:
		fmt.Fprintf(&b, "%04d", y)
	case y > 9999:
		fmt.Fprintf(&b, "+%d", y)
	default:
		fmt.Fprintf(&b, "%d", y)
	}
	fmt.Fprintf(&b, "-%02d-%02dT%02d:%02d", int(d.Month()), d.Day(), msOfDay/3_600_000, msOfDay/60_000%60)
	sec := msOfDay / 1000 % 60
	nano := msOfDay%1000*1_000_000 + int64(ts.NanoOfMilli)
	if sec > 0 || nano > 0 {
		fmt.Fprintf(&b, ":%02d", sec)
		switch {
		case nano == 0:
		case nano%1_000_000 == 0:
			fmt.Fprintf(&b, ".%03d", nano/1_000_000)
		case nano%1000 == 0:
			fmt.Fprintf(&b, ".%06d", nano/1000)
		default:
			fmt.Fprintf(&b, ".%09d", nano)
		}
	}
	return b.String()
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// isBlank is Java's StringUtils.isNullOrWhitespaceOnly for a non-null string:
// empty, or every UTF-16 unit is Character.isWhitespace.
func isBlank(s string) bool {
	for _, r := range s {
		if !javaWhitespace(r) {
			return false
		}
	}
	return true
}

// javaWhitespace is Character.isWhitespace: Unicode space, line and paragraph
// separators except the no-break spaces, plus \t \n \v \f \r and U+001C..U+001F.
func javaWhitespace(r rune) bool {
	switch r {
	case '\t', '\n', '\v', '\f', '\r', 0x1c, 0x1d, 0x1e, 0x1f:
		return true
	case 0x00a0, 0x2007, 0x202f:
		return false
	}
	return unicode.In(r, unicode.Zs, unicode.Zl, unicode.Zp)
}
