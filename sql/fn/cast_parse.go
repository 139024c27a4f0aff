package fn

import (
	"errors"
	"fmt"
	"math"
	"math/big"
	"strconv"
	"time"

	"github.com/weir-data/weir/types"
)

// The string parsers behind CAST(string AS type). Each takes text that may
// carry leading and trailing whitespace (trimmed as Java's String.trim: all
// bytes ≤ ' ') and reports failure without allocating.

// javaTrim trims bytes ≤ ' ' from both ends.
func javaTrim(b []byte) []byte {
	i, j := 0, len(b)
	for i < j && b[i] <= ' ' {
		i++
	}
	for j > i && b[j-1] <= ' ' {
		j--
	}
	return b[i:j]
}

var errIntRange = errors.New("out of range")

// parseInteger parses [+-]digits[.digits] into an integer of the given bit
// size; the fraction is dropped (Flink's BinaryStringDataUtil.toLong).
func parseInteger(b []byte, bits int) (int64, error) {
	b = javaTrim(b)
	if len(b) == 0 {
		return 0, errors.New("empty")
	}
	neg := false
	switch b[0] {
	case '-':
		neg = true
		b = b[1:]
	case '+':
		b = b[1:]
	}
	if len(b) == 0 {
		return 0, errors.New("no digits")
	}
	limit := uint64(1) << (bits - 1) // magnitude of the minimum
	var v uint64
	i := 0
	for ; i < len(b) && b[i] >= '0' && b[i] <= '9'; i++ {
		if v > limit/10 {
			return 0, errIntRange
		}
		v = v*10 + uint64(b[i]-'0')
		if v > limit {
			return 0, errIntRange
		}
	}
	if i == 0 && (i >= len(b) || b[i] != '.') {
		return 0, errors.New("no digits")
	}
	if i < len(b) {
		if b[i] != '.' {
			return 0, fmt.Errorf("unexpected character %q", b[i])
		}
		for i++; i < len(b); i++ {
			if b[i] < '0' || b[i] > '9' {
				return 0, fmt.Errorf("unexpected character %q", b[i])
			}
		}
	}
	if neg {
		return -int64(v), nil // -2^63 wraps to itself, as intended
	}
	if v == limit {
		return 0, errIntRange
	}
	return int64(v), nil
}

// parseBool parses Flink's boolean spellings, case-insensitively.
func parseBool(b []byte) (bool, bool) {
	b = javaTrim(b)
	if len(b) > 5 {
		return false, false
	}
	var low [5]byte
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		low[i] = c
	}
	switch string(low[:len(b)]) {
	case "true", "t", "yes", "y", "1":
		return true, true
	case "false", "f", "no", "n", "0":
		return false, true
	}
	return false, false
}

// parseFloat parses a FLOAT or DOUBLE as Java's Double.parseDouble does for
// decimal text: [+-]digits[.digits][(e|E)[+-]digits], an optional trailing
// f/F/d/D, and NaN, Infinity, -Infinity.
func parseFloat(b []byte, bits int) (float64, bool) {
	b = javaTrim(b)
	if n := len(b); n > 0 {
		switch b[n-1] {
		case 'f', 'F', 'd', 'D':
			b = b[:n-1]
		}
	}
	body := b
	if len(body) > 0 && (body[0] == '+' || body[0] == '-') {
		body = body[1:]
	}
	switch string(body) {
	case "NaN":
		if len(b) != len(body) {
			return 0, false
		}
		return math.NaN(), true
	case "Infinity":
		if len(b) > 0 && b[0] == '-' {
			return math.Inf(-1), true
		}
		return math.Inf(1), true
	}
	// Only plain decimal syntax: Go's extras (hex, underscores, inf, nan) are refused.
	digits := 0
	for i, c := range body {
		switch {
		case c >= '0' && c <= '9':
			digits++
		case c == '.' || c == '+' || c == '-':
		case c == 'e' || c == 'E':
			if i == 0 {
				return 0, false
			}
		default:
			return 0, false
		}
	}
	if digits == 0 {
		return 0, false
	}
	f, err := strconv.ParseFloat(string(b), bits)
	if err != nil {
		var ne *strconv.NumError
		if errors.As(err, &ne) && ne.Err == strconv.ErrRange {
			return f, true // ±Inf or 0, as Java
		}
		return 0, false
	}
	return f, true
}

// parseDecimalInto parses [+-]digits[.digits][(e|E)[+-]digits] into z as an
// unscaled value of the given scale, rounded HALF_UP. It reports false for
// invalid text (the caller checks the precision).
func parseDecimalInto(z *big.Int, s string, scale int, sc *decScratch) bool {
	return parseDecimalBytes(z, []byte(s), scale, sc)
}

func parseDecimalBytes(z *big.Int, b []byte, scale int, sc *decScratch) bool {
	b = javaTrim(b)
	neg := false
	if len(b) > 0 && (b[0] == '+' || b[0] == '-') {
		neg = b[0] == '-'
		b = b[1:]
	}
	z.SetInt64(0)
	digits, fracDigits, exp := 0, 0, 0
	seenDot := false
	i := 0
	var chunk uint64 // digits are accumulated 18 at a time to spare big.Int work
	chunkLen := 0
	flush := func() {
		if chunkLen > 0 {
			z.Mul(z, pow10Big[chunkLen])
			z.Add(z, sc.t.SetUint64(chunk))
			chunk, chunkLen = 0, 0
		}
	}
	for ; i < len(b); i++ {
		c := b[i]
		if c == '.' {
			if seenDot {
				return false
			}
			seenDot = true
			continue
		}
		if c < '0' || c > '9' {
			break
		}
		digits++
		if seenDot {
			fracDigits++
		}
		chunk = chunk*10 + uint64(c-'0')
		chunkLen++
		if chunkLen == 18 {
			flush()
		}
		if digits > 4000 {
			return false
		}
	}
	flush()
	if digits == 0 {
		return false
	}
	if i < len(b) {
		if b[i] != 'e' && b[i] != 'E' {
			return false
		}
		i++
		eneg := false
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			eneg = b[i] == '-'
			i++
		}
		if i == len(b) {
			return false
		}
		for ; i < len(b); i++ {
			if b[i] < '0' || b[i] > '9' {
				return false
			}
			exp = exp*10 + int(b[i]-'0')
			if exp > 10000 {
				return false
			}
		}
		if eneg {
			exp = -exp
		}
	}
	if neg {
		z.Neg(z)
	}
	// value = z * 10^(exp - fracDigits); wanted: value * 10^scale.
	shift := exp - fracDigits + scale
	switch {
	case shift > 0:
		if shift >= len(pow10Big) {
			if z.Sign() == 0 {
				return true
			}
			z.Mul(z, new(big.Int).Exp(pow10Big[1], big.NewInt(int64(shift)), nil))
			return true
		}
		z.Mul(z, pow10Big[shift])
	case shift < 0:
		if -shift >= len(pow10Big) {
			z.SetInt64(0) // far below half a unit of the last digit
			return true
		}
		sc.q.Set(z)
		roundQuo(z, &sc.m, &sc.q, pow10Big[-shift])
	}
	return true
}

// ParseDecimal parses text into DECIMAL(p, s) as CAST does: trimmed,
// optional exponent, rounded HALF_UP. It returns an error for invalid text,
// and null true when the value needs more than p digits (CAST gives NULL).
func ParseDecimal(text string, p, s int) (d types.Decimal, null bool, err error) {
	sc := decPool.Get().(*decScratch)
	defer decPool.Put(sc)
	if !parseDecimalInto(&sc.r, text, s, sc) {
		return d, false, fmt.Errorf("invalid DECIMAL(%d, %d) text %q", p, s, text)
	}
	if !fitsPrecision(&sc.r, p) {
		return d, true, nil
	}
	return decimalFromBig(&sc.r, &sc.buf), false, nil
}

// digitsAt reads between min and max decimal digits at b[i:].
func digitsAt(b []byte, i, minN, maxN int) (v, next int, ok bool) {
	j := i
	for j < len(b) && j-i < maxN && b[j] >= '0' && b[j] <= '9' {
		v = v*10 + int(b[j]-'0')
		j++
	}
	return v, j, j-i >= minN
}

// daysFromCivil returns days since 1970-01-01 of a proleptic Gregorian date.
func daysFromCivil(y, m, d int) int64 {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era = (y - 399) / 400
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return int64(era)*146097 + int64(doe) - 719468
}

func daysInMonth(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// parseDateAt parses yyyy-M-d at the start of b and returns the days and the
// index after the date.
func parseDateAt(b []byte) (days int64, next int, ok bool) {
	y, i, ok := digitsAt(b, 0, 1, 9)
	if !ok || i >= len(b) || b[i] != '-' {
		return 0, 0, false
	}
	m, i, ok := digitsAt(b, i+1, 1, 2)
	if !ok || i >= len(b) || b[i] != '-' || m < 1 || m > 12 {
		return 0, 0, false
	}
	d, i, ok := digitsAt(b, i+1, 1, 2)
	if !ok || d < 1 || d > daysInMonth(y, m) {
		return 0, 0, false
	}
	return daysFromCivil(y, m, d), i, true
}

// parseDate parses yyyy-M-d (a trailing time after ' ' or 'T' is ignored).
func parseDate(b []byte) (int32, bool) {
	b = javaTrim(b)
	days, i, ok := parseDateAt(b)
	if !ok || (i < len(b) && b[i] != ' ' && b[i] != 'T') || days > math.MaxInt32 || days < math.MinInt32 {
		return 0, false
	}
	return int32(days), true
}

// parseTimeAt parses H:m[:s[.fraction]] at b[i:] to the end of b, returning
// nanoseconds of the day.
func parseTimeAt(b []byte, i int) (int64, bool) {
	h, i, ok := digitsAt(b, i, 1, 2)
	if !ok || i >= len(b) || b[i] != ':' || h > 23 {
		return 0, false
	}
	m, i, ok := digitsAt(b, i+1, 1, 2)
	if !ok || m > 59 {
		return 0, false
	}
	s, nanos := 0, 0
	if i < len(b) && b[i] == ':' {
		s, i, ok = digitsAt(b, i+1, 1, 2)
		if !ok || s > 59 {
			return 0, false
		}
		if i < len(b) && b[i] == '.' {
			j := i + 1
			var f, n int
			f, i, ok = digitsAt(b, j, 1, 9)
			if !ok {
				return 0, false
			}
			for n = i - j; n < 9; n++ {
				f *= 10
			}
			nanos = f
			for i < len(b) && b[i] >= '0' && b[i] <= '9' { // digits beyond nanoseconds are dropped
				i++
			}
		}
	}
	if i != len(b) {
		return 0, false
	}
	return int64(h)*3600e9 + int64(m)*60e9 + int64(s)*1e9 + int64(nanos), true
}

// parseTime parses H:m[:s[.fraction]] to milliseconds of the day.
func parseTime(b []byte) (int32, bool) {
	ns, ok := parseTimeAt(javaTrim(b), 0)
	return int32(ns / 1e6), ok
}

// parseTimestamp parses yyyy-M-d[( |T)H:m[:s[.fraction]]] as a wall-clock
// timestamp (epoch read in UTC).
func parseTimestamp(b []byte) (types.Timestamp, bool) {
	b = javaTrim(b)
	days, i, ok := parseDateAt(b)
	if !ok {
		return types.Timestamp{}, false
	}
	var ns int64
	if i < len(b) {
		if b[i] != ' ' && b[i] != 'T' {
			return types.Timestamp{}, false
		}
		if ns, ok = parseTimeAt(b, i+1); !ok {
			return types.Timestamp{}, false
		}
	}
	if days > math.MaxInt64/86400000-1 || days < math.MinInt64/86400000+1 {
		return types.Timestamp{}, false
	}
	return types.Timestamp{Millis: days*86400000 + ns/1e6, NanoOfMilli: int32(ns % 1e6)}, true
}

// ParseDate parses a DATE as CAST does (yyyy-M-d), returning days since the
// epoch.
func ParseDate(s string) (int32, error) {
	d, ok := parseDate([]byte(s))
	if !ok {
		return 0, fmt.Errorf("invalid DATE %q; expected yyyy-MM-dd", s)
	}
	return d, nil
}

// ParseTime parses a TIME as CAST does (HH:mm[:ss[.fff]]), returning
// milliseconds of the day.
func ParseTime(s string) (int32, error) {
	t, ok := parseTime([]byte(s))
	if !ok {
		return 0, fmt.Errorf("invalid TIME %q; expected HH:mm:ss[.fff]", s)
	}
	return t, nil
}

// ParseTimestamp parses a TIMESTAMP as CAST does (yyyy-MM-dd[ HH:mm[:ss[.f]]],
// 'T' also separating date and time).
func ParseTimestamp(s string) (types.Timestamp, error) {
	t, ok := parseTimestamp([]byte(s))
	if !ok {
		return t, fmt.Errorf("invalid TIMESTAMP %q; expected yyyy-MM-dd HH:mm:ss[.fffffffff]", s)
	}
	return t, nil
}

// wallToInstant reads a wall-clock timestamp in loc and returns the instant.
// Wall-clock times that a daylight-saving change skips or repeats resolve as
// Go's time.Date resolves them.
func wallToInstant(ts types.Timestamp, loc *time.Location) types.Timestamp {
	if loc == nil || loc == time.UTC {
		return ts
	}
	t := time.UnixMilli(ts.Millis).UTC()
	in := time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), loc)
	return types.Timestamp{Millis: in.UnixMilli(), NanoOfMilli: ts.NanoOfMilli}
}

// instantToWall returns the wall-clock time of an instant in loc.
func instantToWall(ts types.Timestamp, loc *time.Location) types.Timestamp {
	if loc == nil || loc == time.UTC {
		return ts
	}
	_, off := time.UnixMilli(ts.Millis).In(loc).Zone()
	return types.Timestamp{Millis: ts.Millis + int64(off)*1000, NanoOfMilli: ts.NanoOfMilli}
}
