package partition

import "strings"

// needsEscape reports whether Java's PartitionPathUtils escapes the ASCII
// character c.
func needsEscape(c byte) bool {
	if c < 0x20 || c == 0x7f {
		return true
	}
	switch c {
	case '"', '#', '%', '\'', '*', '/', ':', '=', '?', '\\', '{', '}', '[', ']', '^':
		return true
	}
	return false
}

// Escape escapes a partition key or value for a path component: each
// character above is replaced by % and two uppercase hex digits.
func Escape(s string) string {
	i := 0
	for i < len(s) && !needsEscape(s[i]) {
		i++
	}
	if i == len(s) {
		return s
	}
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	b.Grow(len(s) + 8)
	b.WriteString(s[:i])
	for ; i < len(s); i++ {
		c := s[i]
		if needsEscape(c) {
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		} else {
			b.WriteByte(c)
		}
	}
	return b.String()
}

// Unescape reverses Escape the way Java's unescapePathName does: a '%'
// followed by two characters that parse as a non-negative base-16 int
// (Integer.parseInt, so an optional sign is allowed) becomes the character with
// that code (U+0000..U+00FF); anything else is kept literally.
func Unescape(s string) string {
	if !strings.Contains(s, "%") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '%' && i+2 < len(s) {
			if code, ok := parseHex2(s[i+1], s[i+2]); ok {
				b.WriteRune(rune(code))
				i += 2
				continue
			}
		}
		b.WriteByte(c)
	}
	return b.String()
}

// parseHex2 is Integer.parseInt(two chars, 16) restricted to results >= 0.
func parseHex2(a, c byte) (int, bool) {
	d2, ok := hexDigit(c)
	if !ok {
		return 0, false
	}
	switch a {
	case '+':
		return d2, true
	case '-':
		return 0, d2 == 0 // "-0" parses as 0; other negatives are rejected
	}
	d1, ok := hexDigit(a)
	if !ok {
		return 0, false
	}
	return d1<<4 | d2, true
}

func hexDigit(c byte) (int, bool) {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0'), true
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10, true
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10, true
	}
	return 0, false
}
