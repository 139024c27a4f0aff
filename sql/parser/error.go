package parser

import (
	"strconv"
	"strings"
	"unicode"
)

// Error is a syntax error. Line and Column (1-based, Column in characters)
// and Offset (bytes) locate the offending token; Found is that token as it
// appears in messages ("'FROM'", "end of input"); Msg says what went wrong,
// e.g. "expected ')' but found 'FROM'".
type Error struct {
	Line   int
	Column int
	Offset int
	Found  string
	Msg    string
	// source is the text of the offending line, for the caret display.
	source string
}

// Error renders the message, the source line and a caret under the token:
//
//	SQL parse error at line 3, column 15: expected ')' but found 'FROM'
//	  SELECT a, (b FROM t
//	               ^
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("SQL parse error at line ")
	b.WriteString(strconv.Itoa(e.Line))
	b.WriteString(", column ")
	b.WriteString(strconv.Itoa(e.Column))
	b.WriteString(": ")
	b.WriteString(e.Msg)
	if e.source == "" {
		return b.String()
	}
	b.WriteString("\n  ")
	b.WriteString(e.source)
	b.WriteString("\n  ")
	n := 0
	for _, r := range e.source {
		n++
		if n >= e.Column {
			break
		}
		switch {
		case r == '\t':
			b.WriteByte('\t')
		case isWide(r):
			b.WriteString("  ")
		default:
			b.WriteByte(' ')
		}
	}
	b.WriteByte('^')
	return b.String()
}

// isWide reports whether r takes two columns in a terminal (CJK and
// full-width forms), so the caret lines up under Chinese text.
func isWide(r rune) bool {
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) ||
		unicode.Is(unicode.Katakana, r) || unicode.Is(unicode.Hangul, r) ||
		r >= 0xFF01 && r <= 0xFF60 || r >= 0x3000 && r <= 0x303F
}

// newError builds an Error at byte offset off of src.
func newError(src string, off, line, col int, found, msg string) *Error {
	start := strings.LastIndexByte(src[:off], '\n') + 1
	end := strings.IndexByte(src[off:], '\n')
	if end < 0 {
		end = len(src)
	} else {
		end += off
	}
	lineText := strings.TrimRight(src[start:end], "\r")
	return &Error{Line: line, Column: col, Offset: off, Found: found, Msg: msg, source: lineText}
}
