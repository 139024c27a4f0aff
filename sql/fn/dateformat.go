package fn

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// This file holds date-time patterns in Java's notation (SimpleDateFormat /
// DateTimeFormatter, as Flink's DATE_FORMAT, TO_TIMESTAMP, UNIX_TIMESTAMP and
// FROM_UNIXTIME take them), compiled once into tokens that format and parse
// without allocating.
//
// Supported letters (n = count of repeated letters):
//
//	y     year; yy = two digits (parsed as 2000 + yy), otherwise at least n digits
//	M     month: M, MM numeric; MMM "Jan"; MMMM "January"
//	d     day of month          D   day of year
//	H     hour 0-23             k   hour 1-24
//	h     hour 1-12             K   hour 0-11
//	m     minute                s   second
//	S     fraction of second, n digits (SSS = milliseconds)
//	a     AM/PM marker
//	E     day of week: E..EEE "Mon", EEEE "Monday"
//	u     day number of week (1 = Monday)
//	w     ISO week of year
//	z     zone abbreviation (formatting only)
//	Z     offset +HHMM         X   offset: X +HH, XX +HHMM, XXX +HH:MM ('Z' for zero)
//	'..'  quoted literal ('' is a single quote)
//
// Other ASCII letters are reserved, as in Java, and rejected with an error;
// every other character is a literal. Years are proleptic (year 0 is 1 BC,
// printed "0000"; negative years with a minus sign), where Java would print
// the year of era.

type dfKind uint8

const (
	dfLiteral dfKind = iota
	dfYear
	dfYear2
	dfMonth
	dfMonthShort
	dfMonthLong
	dfDay
	dfDayOfYear
	dfHour24    // H
	dfHour1To24 // k
	dfHour12    // h
	dfHour0To11 // K
	dfMinute
	dfSecond
	dfFraction
	dfAmPm
	dfDowShort
	dfDowLong
	dfDowNumber
	dfWeek
	dfZoneName
	dfZoneRFC
	dfZoneISO
)

type dfToken struct {
	kind  dfKind
	width int
	lit   string
	// fixed: when parsing, read exactly width digits (the next token is a
	// number too, as in yyyyMMdd).
	fixed bool
}

// dateFormat is a compiled pattern.
type dateFormat struct {
	pattern string
	tokens  []dfToken
}

// dfMaxWidth bounds a field's repeat count so that a pattern cannot make
// every row megabytes long.
const dfMaxWidth = 32

var (
	dfMonthNames = [...]string{"January", "February", "March", "April", "May", "June", "July",
		"August", "September", "October", "November", "December"}
	dfDayNames = [...]string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
)

// compileDateFormat compiles a Java date-time pattern.
func compileDateFormat(pattern string) (*dateFormat, error) {
	if !utf8.ValidString(pattern) {
		return nil, fmt.Errorf("date format %q is not valid UTF-8", pattern)
	}
	f := &dateFormat{pattern: pattern}
	for i := 0; i < len(pattern); {
		c := pattern[i]
		switch {
		case c == '\'':
			j := i + 1
			var lit strings.Builder
			for {
				if j >= len(pattern) {
					return nil, fmt.Errorf("date format %q: unterminated quote at position %d; close it with '", pattern, i+1)
				}
				if pattern[j] == '\'' {
					if j+1 < len(pattern) && pattern[j+1] == '\'' {
						lit.WriteByte('\'')
						j += 2
						continue
					}
					break
				}
				lit.WriteByte(pattern[j])
				j++
			}
			if j == i+1 {
				lit.WriteByte('\'') // '' outside quotes is one quote
			}
			f.addLiteral(lit.String())
			i = j + 1
		case (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'):
			n := 1
			for i+n < len(pattern) && pattern[i+n] == c {
				n++
			}
			if n > dfMaxWidth {
				return nil, fmt.Errorf("date format %q: %d repetitions of '%c' (at most %d)", pattern, n, c, dfMaxWidth)
			}
			tok, err := dfLetter(c, n)
			if err != nil {
				return nil, fmt.Errorf("date format %q: %w", pattern, err)
			}
			f.tokens = append(f.tokens, tok)
			i += n
		default:
			_, size := utf8.DecodeRuneInString(pattern[i:])
			f.addLiteral(pattern[i : i+size])
			i += size
		}
	}
	for k := range f.tokens {
		if k+1 < len(f.tokens) && dfNumeric(f.tokens[k].kind) && dfNumeric(f.tokens[k+1].kind) {
			f.tokens[k].fixed = true
		}
	}
	return f, nil
}

func (f *dateFormat) addLiteral(s string) {
	if n := len(f.tokens); n > 0 && f.tokens[n-1].kind == dfLiteral {
		f.tokens[n-1].lit += s
		return
	}
	f.tokens = append(f.tokens, dfToken{kind: dfLiteral, lit: s})
}

func dfNumeric(k dfKind) bool {
	switch k {
	case dfYear, dfYear2, dfMonth, dfDay, dfDayOfYear, dfHour24, dfHour1To24, dfHour12, dfHour0To11,
		dfMinute, dfSecond, dfFraction, dfDowNumber, dfWeek:
		return true
	}
	return false
}

func dfLetter(c byte, n int) (dfToken, error) {
	t := dfToken{width: n}
	switch c {
	case 'y':
		t.kind = dfYear
		if n == 2 {
			t.kind = dfYear2
		}
	case 'M', 'L':
		switch {
		case n <= 2:
			t.kind = dfMonth
		case n == 3:
			t.kind = dfMonthShort
		default:
			t.kind = dfMonthLong
		}
	case 'd':
		t.kind = dfDay
	case 'D':
		t.kind = dfDayOfYear
	case 'H':
		t.kind = dfHour24
	case 'k':
		t.kind = dfHour1To24
	case 'h':
		t.kind = dfHour12
	case 'K':
		t.kind = dfHour0To11
	case 'm':
		t.kind = dfMinute
	case 's':
		t.kind = dfSecond
	case 'S':
		t.kind = dfFraction
		if n > 9 {
			return t, fmt.Errorf("at most 9 fraction digits (S), got %d", n)
		}
	case 'a':
		t.kind = dfAmPm
	case 'E':
		t.kind = dfDowShort
		if n >= 4 {
			t.kind = dfDowLong
		}
	case 'u', 'e':
		t.kind = dfDowNumber
	case 'w':
		t.kind = dfWeek
	case 'z':
		t.kind = dfZoneName
	case 'Z':
		t.kind = dfZoneRFC
	case 'X', 'x':
		t.kind = dfZoneISO
		if n > 3 {
			return t, fmt.Errorf("offset pattern %s is not supported; use X, XX or XXX", strings.Repeat(string(c), n))
		}
	default:
		return t, fmt.Errorf("pattern letter '%c' is not supported (supported: y M d D H k h K m s S a E u w z Z X, and quoted literals)", c)
	}
	return t, nil
}

// dfInstant is what a pattern formats: a wall clock, and the zone it is in
// (for z, Z and X).
type dfInstant struct {
	wall     int64 // wall-clock millis
	nano     int32 // nanos within the milli
	offsetMs int64
	zone     string
}

// dfAppendPadded appends v with at least width digits (a minus sign first when
// negative).
func dfAppendPadded(dst []byte, v int64, width int) []byte {
	if v < 0 {
		dst = append(dst, '-')
		if v == -1<<63 {
			return append(dst, "9223372036854775808"...)
		}
		v = -v
	}
	var buf [20]byte
	b := strconv.AppendInt(buf[:0], v, 10)
	for i := len(b); i < width; i++ {
		dst = append(dst, '0')
	}
	return append(dst, b...)
}

// format appends the formatted instant to dst.
func (f *dateFormat) format(dst []byte, in dfInstant) []byte {
	days := civilFloorDiv(in.wall, civilMsDay)
	msOfDay := in.wall - days*civilMsDay
	y, m, d := civilFromDays(days)
	hour := int(msOfDay / civilMsHour)
	for _, t := range f.tokens {
		switch t.kind {
		case dfLiteral:
			dst = append(dst, t.lit...)
		case dfYear:
			dst = dfAppendPadded(dst, y, t.width)
		case dfYear2:
			dst = dfAppendPadded(dst, civilFloorMod(y, 100), 2)
		case dfMonth:
			dst = dfAppendPadded(dst, int64(m), t.width)
		case dfMonthShort:
			dst = append(dst, dfMonthNames[m-1][:3]...)
		case dfMonthLong:
			dst = append(dst, dfMonthNames[m-1]...)
		case dfDay:
			dst = dfAppendPadded(dst, int64(d), t.width)
		case dfDayOfYear:
			dst = dfAppendPadded(dst, int64(civilDayOfYear(days)), t.width)
		case dfHour24:
			dst = dfAppendPadded(dst, int64(hour), t.width)
		case dfHour1To24:
			h := hour
			if h == 0 {
				h = 24
			}
			dst = dfAppendPadded(dst, int64(h), t.width)
		case dfHour12:
			h := hour % 12
			if h == 0 {
				h = 12
			}
			dst = dfAppendPadded(dst, int64(h), t.width)
		case dfHour0To11:
			dst = dfAppendPadded(dst, int64(hour%12), t.width)
		case dfMinute:
			dst = dfAppendPadded(dst, msOfDay/civilMsMinute%60, t.width)
		case dfSecond:
			dst = dfAppendPadded(dst, msOfDay/civilMsSecond%60, t.width)
		case dfFraction:
			nanos := (msOfDay%civilMsSecond)*1_000_000 + int64(in.nano)
			var buf [9]byte
			for k := 8; k >= 0; k-- {
				buf[k] = byte('0' + nanos%10)
				nanos /= 10
			}
			dst = append(dst, buf[:t.width]...)
		case dfAmPm:
			if hour < 12 {
				dst = append(dst, "AM"...)
			} else {
				dst = append(dst, "PM"...)
			}
		case dfDowShort:
			dst = append(dst, dfDayNames[civilFloorMod(days+3, 7)][:3]...)
		case dfDowLong:
			dst = append(dst, dfDayNames[civilFloorMod(days+3, 7)]...)
		case dfDowNumber:
			dst = dfAppendPadded(dst, civilFloorMod(days+3, 7)+1, t.width)
		case dfWeek:
			dst = dfAppendPadded(dst, int64(civilISOWeek(days)), t.width)
		case dfZoneName:
			if in.zone == "" {
				dst = append(dst, "UTC"...)
			} else {
				dst = append(dst, in.zone...)
			}
		case dfZoneRFC:
			dst = dfAppendOffset(dst, in.offsetMs, false, false)
		case dfZoneISO:
			if in.offsetMs == 0 {
				dst = append(dst, 'Z')
				continue
			}
			dst = dfAppendOffset(dst, in.offsetMs, t.width == 3, t.width == 1)
		}
	}
	return dst
}

func dfAppendOffset(dst []byte, offsetMs int64, colon, hoursOnly bool) []byte {
	sign := byte('+')
	if offsetMs < 0 {
		sign = '-'
		offsetMs = -offsetMs
	}
	mins := offsetMs / civilMsMinute
	dst = append(dst, sign)
	dst = dfAppendPadded(dst, mins/60, 2)
	if hoursOnly {
		return dst
	}
	if colon {
		dst = append(dst, ':')
	}
	return dfAppendPadded(dst, mins%60, 2)
}

// dfParsed is the result of parsing: a wall clock and, when the text held an
// offset, that offset.
type dfParsed struct {
	wall      int64
	nano      int32
	hasOffset bool
	offsetMs  int64
}

// parse parses all of s; ok is false when s does not match the pattern or
// names an invalid date (Java's SMART resolver: a day 29-31 beyond the
// month's end becomes the month's last day; other out-of-range fields fail).
func (f *dateFormat) parse(s []byte) (p dfParsed, ok bool) {
	year, month, day, doy := int64(1970), 1, 1, 0
	hour, minute, second := 0, 0, 0
	var nanos int64
	h12, pm, hasAmPm, hasH12 := 0, false, false, false
	pos := 0
	for _, t := range f.tokens {
		if t.kind == dfLiteral {
			if len(s)-pos < len(t.lit) || string(s[pos:pos+len(t.lit)]) != t.lit {
				return p, false
			}
			pos += len(t.lit)
			continue
		}
		if dfNumeric(t.kind) {
			// Java's widths: yyyy takes 4 or more digits, other repeated
			// letters exactly their count, single letters any count; a
			// field followed directly by another number takes exactly
			// its count.
			lo, hi := 1, 10
			switch {
			case t.fixed:
				lo, hi = t.width, t.width
			case t.kind == dfYear2:
				lo, hi = 2, 2
			case t.kind == dfYear:
				lo = t.width
			case t.width > 1:
				lo, hi = t.width, t.width
			}
			neg := false
			if t.kind == dfYear && pos < len(s) && (s[pos] == '-' || s[pos] == '+') {
				neg = s[pos] == '-'
				pos++
			}
			n := 0
			var v int64
			for pos+n < len(s) && n < hi && s[pos+n] >= '0' && s[pos+n] <= '9' {
				v = v*10 + int64(s[pos+n]-'0')
				n++
			}
			if n < lo {
				return p, false
			}
			if neg {
				v = -v
			}
			switch t.kind {
			case dfYear:
				year = v
			case dfYear2:
				year = 2000 + v
			case dfMonth:
				month = int(v)
			case dfDay:
				day = int(v)
			case dfDayOfYear:
				doy = int(v)
			case dfHour24:
				hour = int(v)
			case dfHour1To24:
				if v == 24 {
					v = 0
				}
				hour = int(v)
			case dfHour12, dfHour0To11:
				h12, hasH12 = int(v), true
			case dfMinute:
				minute = int(v)
			case dfSecond:
				second = int(v)
			case dfFraction:
				for k := n; k < 9; k++ {
					v *= 10
				}
				nanos = v
			case dfDowNumber, dfWeek:
				// Parsed for shape only; the date comes from y/M/d.
			}
			pos += n
			if v > 1<<40 || v < -(1<<40) {
				return p, false
			}
			continue
		}
		switch t.kind {
		case dfMonthShort, dfMonthLong:
			k, n := dfMatchName(s[pos:], dfMonthNames[:], t.kind == dfMonthShort)
			if n == 0 {
				return p, false
			}
			month, pos = k+1, pos+n
		case dfDowShort, dfDowLong:
			_, n := dfMatchName(s[pos:], dfDayNames[:], t.kind == dfDowShort)
			if n == 0 {
				return p, false
			}
			pos += n
		case dfAmPm:
			if len(s)-pos < 2 {
				return p, false
			}
			switch strings.ToUpper(string(s[pos : pos+2])) {
			case "AM":
			case "PM":
				pm = true
			default:
				return p, false
			}
			hasAmPm = true
			pos += 2
		case dfZoneRFC, dfZoneISO:
			off, n, good := dfParseOffset(s[pos:])
			if !good {
				return p, false
			}
			p.hasOffset, p.offsetMs = true, off
			pos += n
		default: // z: not parsable
			return p, false
		}
	}
	if pos != len(s) {
		return p, false
	}
	if hasH12 {
		if h12 < 0 || h12 > 12 {
			return p, false
		}
		hour = h12 % 12
		if pm {
			hour += 12
		}
	} else if hasAmPm && pm && hour < 12 {
		hour += 12
	}
	if year < -999_999_999 || year > 999_999_999 || month < 1 || month > 12 || day < 1 || day > 31 ||
		hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59 {
		return p, false
	}
	var days int64
	if doy > 0 {
		if doy > 365 && !(doy == 366 && civilIsLeap(year)) {
			return p, false
		}
		days = civilToDays(year, 1, 1) + int64(doy) - 1
	} else {
		day = min(day, civilMonthDays(year, month))
		days = civilToDays(year, month, day)
	}
	p.wall = days*civilMsDay + int64(hour)*civilMsHour + int64(minute)*civilMsMinute + int64(second)*civilMsSecond + nanos/1_000_000
	p.nano = int32(nanos % 1_000_000)
	return p, true
}

// dfMatchName matches one of names (or its 3-letter prefix when short) at
// the start of s, ignoring ASCII case; it returns the index and the length
// matched (0 when none).
func dfMatchName(s []byte, names []string, short bool) (int, int) {
	for k, name := range names {
		if short {
			name = name[:3]
		}
		if len(s) >= len(name) && strings.EqualFold(string(s[:len(name)]), name) {
			return k, len(name)
		}
	}
	return 0, 0
}

// dfParseOffset parses Z, +HH, +HHMM or +HH:MM.
func dfParseOffset(s []byte) (int64, int, bool) {
	if len(s) >= 1 && s[0] == 'Z' {
		return 0, 1, true
	}
	if len(s) < 3 || (s[0] != '+' && s[0] != '-') || !dfIsDigit(s[1]) || !dfIsDigit(s[2]) {
		return 0, 0, false
	}
	h := int64(s[1]-'0')*10 + int64(s[2]-'0')
	n := 3
	var m int64
	switch {
	case len(s) >= 6 && s[3] == ':' && dfIsDigit(s[4]) && dfIsDigit(s[5]):
		m, n = int64(s[4]-'0')*10+int64(s[5]-'0'), 6
	case len(s) >= 5 && dfIsDigit(s[3]) && dfIsDigit(s[4]):
		m, n = int64(s[3]-'0')*10+int64(s[4]-'0'), 5
	}
	if h > 18 || m > 59 {
		return 0, 0, false
	}
	off := (h*60 + m) * civilMsMinute
	if s[0] == '-' {
		off = -off
	}
	return off, n, true
}

func dfIsDigit(c byte) bool { return c >= '0' && c <= '9' }

// dfParseDefault parses Flink's default timestamp text:
// yyyy-M-d, optionally followed by ' ' or 'T' and H:m, H:m:s or H:m:s.f
// (1 to 9 fraction digits), with one- or two-digit fields after the year;
// surrounding spaces are ignored.
func dfParseDefault(s []byte) (dfParsed, bool) {
	var p dfParsed
	for len(s) > 0 && s[0] == ' ' {
		s = s[1:]
	}
	for len(s) > 0 && s[len(s)-1] == ' ' {
		s = s[:len(s)-1]
	}
	pos := 0
	num := func(lo, hi int) (int64, bool) {
		n := 0
		var v int64
		for pos+n < len(s) && n < hi && dfIsDigit(s[pos+n]) {
			v = v*10 + int64(s[pos+n]-'0')
			n++
		}
		pos += n
		return v, n >= lo
	}
	sep := func(c byte) bool {
		if pos < len(s) && s[pos] == c {
			pos++
			return true
		}
		return false
	}
	neg := sep('-')
	y, ok1 := num(1, 9)
	if neg {
		y = -y
	}
	if !ok1 || !sep('-') {
		return p, false
	}
	m, ok2 := num(1, 2)
	if !ok2 || !sep('-') {
		return p, false
	}
	d, ok3 := num(1, 2)
	if !ok3 || m < 1 || m > 12 || d < 1 || d > int64(civilMonthDays(y, int(m))) {
		return p, false
	}
	days := civilToDays(y, int(m), int(d))
	var hh, mm, ss, nanos int64
	if pos < len(s) {
		if !sep(' ') && !sep('T') {
			return p, false
		}
		var ok bool
		if hh, ok = num(1, 2); !ok || !sep(':') {
			return p, false
		}
		if mm, ok = num(1, 2); !ok {
			return p, false
		}
		if sep(':') {
			if ss, ok = num(1, 2); !ok {
				return p, false
			}
			if sep('.') {
				start := pos
				if nanos, ok = num(1, 9); !ok {
					return p, false
				}
				for k := pos - start; k < 9; k++ {
					nanos *= 10
				}
			}
		}
		if pos != len(s) || hh > 23 || mm > 59 || ss > 59 {
			return p, false
		}
	}
	p.wall = days*civilMsDay + hh*civilMsHour + mm*civilMsMinute + ss*civilMsSecond + nanos/1_000_000
	p.nano = int32(nanos % 1_000_000)
	return p, true
}
