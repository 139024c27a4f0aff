package filesystem

import (
	"encoding/base64"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// appendParsed parses the text form of a value of v's type and appends it:
// the forms Flink's CSV and JSON formats write (and the partition values of
// directory names). Strings are taken as they are (invalid UTF-8 replaced
// by U+FFFD); BINARY is base64; DATE yyyy-MM-dd; TIME HH:mm:ss[.f];
// TIMESTAMP yyyy-MM-dd[ T]HH:mm:ss[.f] (a trailing 'Z' accepted, and
// expected by TIMESTAMP_LTZ in the ISO form). On error nothing is appended.
func appendParsed(v *vec.Vector, s []byte, scratch *[]byte) error {
	t := v.Type
	if v.Kind == vec.KindBytes {
		if t.IsBinary() {
			n := base64.StdEncoding.DecodedLen(len(s))
			start := len(v.Data)
			v.Data = slices.Grow(v.Data, n)[:start+n]
			m, err := base64.StdEncoding.Decode(v.Data[start:], s)
			if err != nil {
				v.Data = v.Data[:start]
				return errors.New("not base64")
			}
			v.Data = v.Data[:start+m]
			v.Offsets = append(v.Offsets, int32(len(v.Data)))
			v.Len++
			return nil
		}
		if !utf8.Valid(s) {
			*scratch = append((*scratch)[:0], strings.ToValidUTF8(string(s), "\uFFFD")...)
			s = *scratch
		}
		v.AppendBytes(s)
		return nil
	}
	s = trimSpace(s)
	switch v.Kind {
	case vec.KindBool:
		switch {
		case equalFold(s, "true"):
			v.Bools = append(v.Bools, true)
		case equalFold(s, "false"):
			v.Bools = append(v.Bools, false)
		default:
			return errors.New("not a BOOLEAN (true or false)")
		}
	case vec.KindI8, vec.KindI16, vec.KindI32, vec.KindI64:
		switch t.Root {
		case types.Date:
			d, ok := parseDate(s)
			if !ok {
				return errors.New("not a DATE (yyyy-MM-dd)")
			}
			v.I32 = append(v.I32, int32(d))
		case types.Time:
			ns, ok := parseClock(s)
			if !ok {
				return errors.New("not a TIME (HH:mm:ss)")
			}
			v.I32 = append(v.I32, int32(ns/1e6))
		case types.DecimalRoot:
			d, err := parseDecimal(s, t.Precision, t.Scale)
			if err != nil {
				return fmt.Errorf("not a %s: %v", t, err)
			}
			v.I64 = append(v.I64, d.Int64())
		default:
			lo, hi := intBounds(v.Kind)
			n, ok := parseInt(s)
			if !ok || n < lo || n > hi {
				return fmt.Errorf("not a %s", t.WithNullable(true))
			}
			switch v.Kind {
			case vec.KindI8:
				v.I8 = append(v.I8, int8(n))
			case vec.KindI16:
				v.I16 = append(v.I16, int16(n))
			case vec.KindI32:
				v.I32 = append(v.I32, int32(n))
			default:
				v.I64 = append(v.I64, n)
			}
		}
	case vec.KindF32, vec.KindF64:
		f, ok := parseFloat(s)
		if !ok {
			return fmt.Errorf("not a %s", t.WithNullable(true))
		}
		if v.Kind == vec.KindF32 {
			v.F32 = append(v.F32, float32(f))
		} else {
			v.F64 = append(v.F64, f)
		}
	case vec.KindDecimal:
		d, err := parseDecimal(s, t.Precision, t.Scale)
		if err != nil {
			return fmt.Errorf("not a %s: %v", t, err)
		}
		v.Dec = append(v.Dec, d)
	case vec.KindTimestamp:
		ts, ok := parseTimestamp(s)
		if !ok {
			return errors.New("not a TIMESTAMP (yyyy-MM-dd HH:mm:ss[.fffffffff])")
		}
		v.TS = append(v.TS, ts.Truncate(t.Precision))
	default:
		return fmt.Errorf("type %s is not supported", t)
	}
	v.Len++
	return nil
}

func intBounds(k vec.Kind) (int64, int64) {
	switch k {
	case vec.KindI8:
		return math.MinInt8, math.MaxInt8
	case vec.KindI16:
		return math.MinInt16, math.MaxInt16
	case vec.KindI32:
		return math.MinInt32, math.MaxInt32
	}
	return math.MinInt64, math.MaxInt64
}

func parseFloat(s []byte) (float64, bool) {
	switch string(s) {
	case "NaN":
		return math.NaN(), true
	case "Infinity", "+Infinity":
		return math.Inf(1), true
	case "-Infinity":
		return math.Inf(-1), true
	}
	return parseFloatBytes(s)
}

func trimSpace(s []byte) []byte {
	for len(s) > 0 && (s[0] == ' ' || s[0] == '\t') {
		s = s[1:]
	}
	for len(s) > 0 && (s[len(s)-1] == ' ' || s[len(s)-1] == '\t') {
		s = s[:len(s)-1]
	}
	return s
}

func equalFold(s []byte, lower string) bool {
	if len(s) != len(lower) {
		return false
	}
	for i := range s {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != lower[i] {
			return false
		}
	}
	return true
}

// digits parses exactly n decimal digits at s[i:].
func digits(s []byte, i, n int) (int, bool) {
	if i+n > len(s) {
		return 0, false
	}
	x := 0
	for _, c := range s[i : i+n] {
		if c < '0' || c > '9' {
			return 0, false
		}
		x = x*10 + int(c-'0')
	}
	return x, true
}

// parseDate parses yyyy-MM-dd (a leading '-' or '+' and more year digits
// allowed) into days since the epoch.
func parseDate(s []byte) (int64, bool) {
	neg := false
	if len(s) > 0 && (s[0] == '-' || s[0] == '+') {
		neg = s[0] == '-'
		s = s[1:]
	}
	dash := 0
	for dash < len(s) && s[dash] != '-' {
		dash++
	}
	if dash < 4 || dash > 9 || len(s) != dash+6 || s[dash+3] != '-' {
		return 0, false
	}
	y, ok1 := digits(s, 0, dash)
	m, ok2 := digits(s, dash+1, 2)
	d, ok3 := digits(s, dash+4, 2)
	if !ok1 || !ok2 || !ok3 || m < 1 || m > 12 || d < 1 || d > daysIn(m, y) {
		return 0, false
	}
	if neg {
		y = -y
	}
	return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC).Unix() / 86400, true
}

func daysIn(m, y int) int {
	return time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// parseClock parses HH:mm[:ss[.f{1,9}]] into nanoseconds of the day.
func parseClock(s []byte) (int64, bool) {
	h, ok1 := digits(s, 0, 2)
	mi, ok2 := digits(s, 3, 2)
	if !ok1 || !ok2 || len(s) < 5 || s[2] != ':' || h > 23 || mi > 59 {
		return 0, false
	}
	ns := int64(h)*3600e9 + int64(mi)*60e9
	if len(s) == 5 {
		return ns, true
	}
	sec, ok := digits(s, 6, 2)
	if !ok || s[5] != ':' || sec > 59 {
		return 0, false
	}
	ns += int64(sec) * 1e9
	rest := s[8:]
	if len(rest) == 0 {
		return ns, true
	}
	if rest[0] != '.' || len(rest) < 2 || len(rest) > 10 {
		return 0, false
	}
	frac, ok := digits(rest, 1, len(rest)-1)
	if !ok {
		return 0, false
	}
	for k := len(rest) - 1; k < 9; k++ {
		frac *= 10
	}
	return ns + int64(frac), true
}

// parseTimestamp parses a date, ' ' or 'T', and a clock, with an optional
// trailing 'Z'.
func parseTimestamp(s []byte) (types.Timestamp, bool) {
	if len(s) > 0 && s[len(s)-1] == 'Z' {
		s = s[:len(s)-1]
	}
	sep := -1
	for i, c := range s {
		if c == ' ' || c == 'T' {
			sep = i
			break
		}
	}
	if sep < 0 {
		d, ok := parseDate(s)
		return types.Timestamp{Millis: d * 86400000}, ok
	}
	d, ok1 := parseDate(s[:sep])
	ns, ok2 := parseClock(s[sep+1:])
	if !ok1 || !ok2 {
		return types.Timestamp{}, false
	}
	return types.Timestamp{Millis: d*86400000 + ns/1e6, NanoOfMilli: int32(ns % 1e6)}, true
}

// appendText appends the text form of row i of v (not null) that
// appendParsed reads back: Flink's CAST(x AS STRING) forms, with BINARY as
// base64 and timestamps separated by tsSep (' ' for SQL, 'T' for ISO-8601);
// TIMESTAMP_LTZ values get a trailing 'Z' when ltzZ is set.
func appendText(dst []byte, v *vec.Vector, i int, tsSep byte, ltzZ bool) []byte {
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
			return appendClock(dst, int64(v.I32[i])*1e6, t.Precision)
		}
		return strconv.AppendInt(dst, int64(v.I32[i]), 10)
	case vec.KindI64:
		if t.Root == types.DecimalRoot {
			return appendCompactDecimal(dst, v.I64[i], t.Scale)
		}
		return strconv.AppendInt(dst, v.I64[i], 10)
	case vec.KindF32:
		return append(dst, types.FormatJavaFloat(float64(v.F32[i]), 32)...)
	case vec.KindF64:
		return append(dst, types.FormatJavaFloat(v.F64[i], 64)...)
	case vec.KindDecimal:
		return append(dst, v.Dec[i].String(t.Scale)...)
	case vec.KindTimestamp:
		ts := v.TS[i]
		days := floorDiv(ts.Millis, 86400000)
		dst = appendDate(dst, days)
		dst = append(dst, tsSep)
		dst = appendClock(dst, (ts.Millis-days*86400000)*1e6+int64(ts.NanoOfMilli), t.Precision)
		if ltzZ && t.Root == types.TimestampLTZ {
			dst = append(dst, 'Z')
		}
		return dst
	case vec.KindBytes:
		if t.IsBinary() {
			return base64.StdEncoding.AppendEncode(dst, v.Bytes(i))
		}
		return append(dst, v.Bytes(i)...)
	}
	return dst
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

func appendPad(dst []byte, x int64, width int) []byte {
	var buf [20]byte
	b := strconv.AppendInt(buf[:0], x, 10)
	for k := len(b); k < width; k++ {
		dst = append(dst, '0')
	}
	return append(dst, b...)
}

func appendDate(dst []byte, days int64) []byte {
	y, m, d := time.Unix(days*86400, 0).UTC().Date()
	if y < 0 {
		dst = append(dst, '-')
		y = -y
	}
	dst = appendPad(dst, int64(y), 4)
	dst = append(dst, '-')
	dst = appendPad(dst, int64(m), 2)
	dst = append(dst, '-')
	return appendPad(dst, int64(d), 2)
}

// appendClock appends HH:mm:ss and exactly precision fraction digits.
func appendClock(dst []byte, nanoOfDay int64, precision int) []byte {
	dst = appendPad(dst, nanoOfDay/3600e9, 2)
	dst = append(dst, ':')
	dst = appendPad(dst, nanoOfDay/60e9%60, 2)
	dst = append(dst, ':')
	dst = appendPad(dst, nanoOfDay/1e9%60, 2)
	if precision > 0 {
		dst = append(dst, '.')
		frac := nanoOfDay % 1e9
		for k := precision; k < 9; k++ {
			frac /= 10
		}
		dst = appendPad(dst, frac, precision)
	}
	return dst
}

// appendCompactDecimal appends unscaled/10^scale in plain notation.
func appendCompactDecimal(dst []byte, unscaled int64, scale int) []byte {
	if scale == 0 {
		return strconv.AppendInt(dst, unscaled, 10)
	}
	u := uint64(unscaled)
	if unscaled < 0 {
		dst = append(dst, '-')
		u = -u
	}
	var buf [24]byte
	b := strconv.AppendUint(buf[:0], u, 10)
	if len(b) <= scale {
		dst = append(dst, '0', '.')
		for k := len(b); k < scale; k++ {
			dst = append(dst, '0')
		}
		return append(dst, b...)
	}
	dst = append(dst, b[:len(b)-scale]...)
	dst = append(dst, '.')
	return append(dst, b[len(b)-scale:]...)
}
