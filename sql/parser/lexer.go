package parser

import (
	"unicode"
	"unicode/utf8"

	"github.com/weir-data/weir/sql/ast"
)

// lexer cuts SQL text into tokens in one pass.
type lexer struct {
	src  string
	off  int
	toks []token
	// line bookkeeping: line number and byte offset where it starts, plus the
	// last offset whose column is known (columns count runes).
	line      int
	lineStart int
	colOff    int
	col       int
}

// lex tokenizes src. The result always ends with a tokEOF token.
func lex(src string) ([]token, *Error) {
	lx := &lexer{src: src, line: 1, col: 1, toks: make([]token, 0, len(src)/4+1)}
	if !utf8.ValidString(src) {
		off := 0
		for off < len(src) {
			r, n := utf8.DecodeRuneInString(src[off:])
			if r == utf8.RuneError && n == 1 {
				break
			}
			off += n
		}
		return nil, lx.errAt(off, "", "the SQL text is not valid UTF-8 (bad byte at offset "+itoa(off)+")")
	}
	for {
		if err := lx.skipSpace(); err != nil {
			return nil, err
		}
		if lx.off >= len(src) {
			lx.emit(tokEOF, lx.off, lx.off)
			return lx.toks, nil
		}
		if err := lx.next(); err != nil {
			return nil, err
		}
	}
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b[i:])
}

// position computes line and column of byte offset off, which must not be
// before the previous call's offset.
func (lx *lexer) position(off int) (line, col int) {
	for lx.colOff < off {
		c := lx.src[lx.colOff]
		lx.colOff++
		switch {
		case c == '\n':
			lx.line++
			lx.lineStart = lx.colOff
			lx.col = 1
		case c&0xC0 != 0x80:
			lx.col++
		}
	}
	return lx.line, lx.col
}

func (lx *lexer) emit(kind tokenKind, start, end int) *token {
	line, col := lx.position(start)
	lx.toks = append(lx.toks, token{kind: kind, text: lx.src[start:end], off: start, line: line, col: col})
	return &lx.toks[len(lx.toks)-1]
}

func (lx *lexer) errAt(off int, found, msg string) *Error {
	line, col := lx.position(off)
	return newError(lx.src, off, line, col, found, msg)
}

func (lx *lexer) skipSpace() *Error {
	src := lx.src
	for lx.off < len(src) {
		c := src[lx.off]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v':
			lx.off++
		case c == '-' && lx.off+1 < len(src) && src[lx.off+1] == '-', c == '#':
			for lx.off < len(src) && src[lx.off] != '\n' {
				lx.off++
			}
		case c == '/' && lx.off+1 < len(src) && src[lx.off+1] == '*':
			start := lx.off
			end := indexFrom(src, lx.off+2, "*/")
			if end < 0 {
				return lx.errAt(start, "'/*'", "unterminated comment: /* has no closing */")
			}
			if lx.off+2 < len(src) && src[lx.off+2] == '+' {
				lx.emit(tokHint, start+3, end)
			}
			lx.off = end + 2
		case c >= utf8.RuneSelf:
			r, n := utf8.DecodeRuneInString(src[lx.off:])
			if !unicode.IsSpace(r) {
				return nil
			}
			lx.off += n
		default:
			return nil
		}
	}
	return nil
}

func indexFrom(s string, from int, sub string) int {
	for i := from; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return i
		}
	}
	return -1
}

func isIdentStart(r rune) bool {
	return r == '_' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || r >= utf8.RuneSelf && unicode.IsLetter(r)
}

func isIdentPart(r rune) bool {
	return isIdentStart(r) || '0' <= r && r <= '9' || r == '$' || r >= utf8.RuneSelf && (unicode.IsDigit(r) || unicode.Is(unicode.Mn, r))
}

func (lx *lexer) next() *Error {
	src := lx.src
	start := lx.off
	c := src[start]
	switch {
	case c == '\'':
		end, err := lx.scanString(start)
		if err != nil {
			return err
		}
		lx.off = end
		lx.emit(tokString, start, end)
		return nil
	case c == '`':
		i := start + 1
		for {
			j := indexFrom(src, i, "`")
			if j < 0 {
				return lx.errAt(start, "'`'", "unterminated quoted identifier: ` has no closing `")
			}
			if j+1 < len(src) && src[j+1] == '`' {
				i = j + 2
				continue
			}
			lx.off = j + 1
			if j == start+1 {
				return lx.errAt(start, "'``'", "empty quoted identifier ``: a name needs at least one character")
			}
			lx.emit(tokQuoted, start, lx.off)
			return nil
		}
	case c == '"':
		return lx.errAt(start, `'"'`, `double quotes are not used in Flink SQL: write strings in single quotes ('text') and quote identifiers with backquotes (`+"`name`)")
	case '0' <= c && c <= '9' || c == '.' && start+1 < len(src) && '0' <= src[start+1] && src[start+1] <= '9':
		return lx.scanNumber(start)
	case c == '?':
		lx.off++
		lx.emit(tokParam, start, lx.off)
		return nil
	case c == '$' && start+1 < len(src) && '0' <= src[start+1] && src[start+1] <= '9':
		i := start + 1
		for i < len(src) && '0' <= src[i] && src[i] <= '9' {
			i++
		}
		if i-start > 7 {
			return lx.errAt(start, "'"+src[start:i]+"'", "parameter number "+src[start:i]+" is too large")
		}
		lx.off = i
		lx.emit(tokDollar, start, i)
		return nil
	}
	r, n := utf8.DecodeRuneInString(src[start:])
	if isIdentStart(r) {
		// Prefixed literals: X'..', U&'..', N'..'.
		if (c == 'x' || c == 'X') && start+1 < len(src) && src[start+1] == '\'' {
			end, err := lx.scanString(start + 1)
			if err != nil {
				return err
			}
			lx.off = end
			lx.emit(tokBinary, start, end)
			return nil
		}
		if (c == 'u' || c == 'U') && start+2 < len(src) && src[start+1] == '&' && src[start+2] == '\'' {
			end, err := lx.scanString(start + 2)
			if err != nil {
				return err
			}
			lx.off = end
			lx.emit(tokUnicodeString, start, end)
			return nil
		}
		if (c == 'n' || c == 'N') && start+1 < len(src) && src[start+1] == '\'' {
			end, err := lx.scanString(start + 1)
			if err != nil {
				return err
			}
			lx.off = end
			t := lx.emit(tokString, start+1, end)
			t.off, t.col = start, t.col-1
			return nil
		}
		i := start + n
		for i < len(src) {
			r, n := utf8.DecodeRuneInString(src[i:])
			if !isIdentPart(r) {
				break
			}
			i += n
		}
		lx.off = i
		t := lx.emit(tokWord, start, i)
		t.kw = keywordOf(t.text)
		return nil
	}
	// Operators, longest first.
	if start+1 < len(src) {
		switch src[start : start+2] {
		case "<>", "<=", ">=", "!=", "||", "=>":
			lx.off = start + 2
			lx.emit(tokOp, start, lx.off)
			return nil
		}
	}
	switch c {
	case '(', ')', '[', ']', ',', ';', '.', '+', '-', '*', '/', '%', '=', '<', '>':
		lx.off = start + 1
		lx.emit(tokOp, start, lx.off)
		return nil
	}
	return lx.errAt(start, "'"+string(r)+"'", "unexpected character '"+string(r)+"'")
}

// scanString scans a '...' literal starting at the quote at start and returns
// the offset after its closing quote.
func (lx *lexer) scanString(start int) (int, *Error) {
	src := lx.src
	i := start + 1
	for {
		j := indexFrom(src, i, "'")
		if j < 0 {
			return 0, lx.errAt(start, "'''", "unterminated string literal: the quote opened here is never closed")
		}
		if j+1 < len(src) && src[j+1] == '\'' {
			i = j + 2
			continue
		}
		return j + 1, nil
	}
}

func (lx *lexer) scanNumber(start int) *Error {
	src := lx.src
	i := start
	kind := ast.IntegerNumber
	for i < len(src) && '0' <= src[i] && src[i] <= '9' {
		i++
	}
	if i < len(src) && src[i] == '.' {
		kind = ast.DecimalNumber
		i++
		for i < len(src) && '0' <= src[i] && src[i] <= '9' {
			i++
		}
	}
	if i < len(src) && (src[i] == 'e' || src[i] == 'E') {
		kind = ast.ApproxNumber
		j := i + 1
		if j < len(src) && (src[j] == '+' || src[j] == '-') {
			j++
		}
		if j >= len(src) || src[j] < '0' || src[j] > '9' {
			end := j
			for end < len(src) && isWordByte(src[end]) {
				end++
			}
			return lx.errAt(start, "'"+src[start:end]+"'", "bad number '"+src[start:end]+"': the exponent needs digits, as in 1.5E3")
		}
		for j < len(src) && '0' <= src[j] && src[j] <= '9' {
			j++
		}
		i = j
	}
	if i < len(src) && (isWordByte(src[i]) || src[i] == '.') {
		end := i
		for end < len(src) && (isWordByte(src[end]) || src[end] == '.') {
			end++
		}
		return lx.errAt(start, "'"+src[start:end]+"'", "bad number '"+src[start:end]+"'; a name cannot start with a digit unless quoted in backquotes")
	}
	lx.off = i
	t := lx.emit(tokNumber, start, i)
	t.numKind = kind
	return nil
}

func isWordByte(c byte) bool {
	return c == '_' || c == '$' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c >= 0x80
}
