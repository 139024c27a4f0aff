package parser

import (
	"strings"

	"github.com/weir-data/weir/sql/ast"
)

// parser is a recursive-descent parser over a token slice. Syntax errors are
// raised with fail, which panics with a *bailout that the entry points
// recover; no panic ever leaves this package.
type parser struct {
	src    string
	toks   []token
	i      int // index of the current token (never a hint)
	prev   int // index of the last consumed token
	params int // number of ? parameters read so far
	depth  int // nesting depth, bounded to keep the stack small
}

// maxDepth bounds expression and query nesting.
const maxDepth = 500

type bailout struct{ err *Error }

func newParser(src string) (*parser, *Error) {
	toks, err := lex(src)
	if err != nil {
		return nil, err
	}
	p := &parser{src: src, toks: toks, prev: -1}
	p.skipHints()
	return p, nil
}

// run calls f, turning a bailout into an error.
func (p *parser) run(f func()) (err error) {
	defer func() {
		if r := recover(); r != nil {
			b, ok := r.(*bailout)
			if !ok {
				panic(r)
			}
			err = b.err
		}
	}()
	f()
	return nil
}

// Parse reads a script: zero or more statements separated by semicolons.
func Parse(sql string) ([]ast.Statement, error) {
	p, lerr := newParser(sql)
	if lerr != nil {
		return nil, lerr
	}
	var stmts []ast.Statement
	err := p.run(func() {
		for {
			for p.cur().isOp(";") {
				p.advance()
			}
			if p.cur().kind == tokEOF {
				return
			}
			stmts = append(stmts, p.parseStatement())
			if !p.cur().isOp(";") && p.cur().kind != tokEOF {
				p.failExpected("';' or end of input")
			}
		}
	})
	if err != nil {
		return nil, err
	}
	return stmts, nil
}

// ParseOne reads exactly one statement (a trailing semicolon is allowed).
func ParseOne(sql string) (ast.Statement, error) {
	p, lerr := newParser(sql)
	if lerr != nil {
		return nil, lerr
	}
	var stmt ast.Statement
	err := p.run(func() {
		if p.cur().kind == tokEOF {
			p.fail(p.cur(), "empty statement: expected a SQL statement")
		}
		stmt = p.parseStatement()
		p.acceptOp(";")
		if p.cur().kind != tokEOF {
			p.fail(p.cur(), "expected end of statement but found "+p.cur().describe()+"; ParseOne reads one statement, use Parse for a script")
		}
	})
	if err != nil {
		return nil, err
	}
	return stmt, nil
}

// ParseExpr reads one expression.
func ParseExpr(sql string) (ast.Expr, error) {
	p, lerr := newParser(sql)
	if lerr != nil {
		return nil, lerr
	}
	var e ast.Expr
	err := p.run(func() {
		e = p.parseExpr()
		if p.cur().kind != tokEOF {
			p.failExpected("end of expression")
		}
	})
	if err != nil {
		return nil, err
	}
	return e, nil
}

// ParseType reads one data type, e.g. "DECIMAL(10, 2) NOT NULL".
func ParseType(sql string) (*ast.TypeName, error) {
	p, lerr := newParser(sql)
	if lerr != nil {
		return nil, lerr
	}
	var t *ast.TypeName
	err := p.run(func() {
		t = p.parseType()
		if p.cur().kind != tokEOF {
			p.failExpected("end of type")
		}
	})
	if err != nil {
		return nil, err
	}
	return t, nil
}

// --- token navigation ---

func (p *parser) cur() token { return p.toks[p.i] }

func (p *parser) skipHints() {
	for p.toks[p.i].kind == tokHint {
		p.i++
	}
}

// peek returns the n-th token after the current one (hints skipped).
func (p *parser) peek(n int) token {
	j := p.i
	for n > 0 {
		if p.toks[j].kind == tokEOF {
			return p.toks[j]
		}
		j++
		if p.toks[j].kind != tokHint {
			n--
		}
	}
	return p.toks[j]
}

func (p *parser) advance() token {
	t := p.toks[p.i]
	if t.kind == tokEOF {
		return t
	}
	p.prev = p.i
	p.i++
	p.skipHints()
	return t
}

// hintsAfterPrev returns the hint tokens between the last consumed token and
// the current one.
func (p *parser) hintsAfterPrev() []token {
	var hs []token
	for j := p.prev + 1; j < p.i; j++ {
		if p.toks[j].kind == tokHint {
			hs = append(hs, p.toks[j])
		}
	}
	return hs
}

func (p *parser) is(kw string) bool { return p.toks[p.i].is(kw) }

func (p *parser) isOp(op string) bool { return p.toks[p.i].isOp(op) }

func (p *parser) accept(kw string) bool {
	if p.is(kw) {
		p.advance()
		return true
	}
	return false
}

func (p *parser) acceptOp(op string) bool {
	if p.isOp(op) {
		p.advance()
		return true
	}
	return false
}

// acceptSeq consumes the keywords kws if they all follow, else nothing.
func (p *parser) acceptSeq(kws ...string) bool {
	for i, kw := range kws {
		if !p.peek(i).is(kw) {
			return false
		}
	}
	for range kws {
		p.advance()
	}
	return true
}

func (p *parser) expect(kw string) token {
	if !p.is(kw) {
		p.failExpected(kw)
	}
	return p.advance()
}

func (p *parser) expectSeq(kws ...string) {
	for _, kw := range kws {
		p.expect(kw)
	}
}

func (p *parser) expectOp(op string) token {
	if !p.isOp(op) {
		p.failExpected("'" + op + "'")
	}
	return p.advance()
}

// --- errors ---

func (p *parser) fail(t token, msg string) {
	panic(&bailout{newError(p.src, t.off, t.line, t.col, t.describe(), msg)})
}

func (p *parser) failExpected(what string) {
	t := p.cur()
	p.fail(t, "expected "+what+" but found "+t.describe())
}

func (p *parser) enter() {
	p.depth++
	if p.depth > maxDepth {
		p.fail(p.cur(), "the statement is nested too deeply (more than "+itoa(maxDepth)+" levels)")
	}
}

func (p *parser) leave() { p.depth-- }

// --- names and literals ---

// isIdent reports whether t can be read as an identifier.
func isIdent(t token) bool {
	switch t.kind {
	case tokQuoted:
		return true
	case tokWord:
		return !ast.IsReserved(t.text)
	}
	return false
}

// identText returns the name an identifier token stands for.
func identText(t token) string {
	if t.kind == tokQuoted {
		s := t.text[1 : len(t.text)-1]
		if strings.Contains(s, "``") {
			s = strings.ReplaceAll(s, "``", "`")
		}
		return s
	}
	return t.text
}

func (p *parser) parseIdent() string {
	t := p.cur()
	if !isIdent(t) {
		if t.kind == tokWord {
			p.fail(t, "expected a name but found the reserved word "+strings.ToUpper(t.text)+"; quote it in backquotes (`"+t.text+"`) to use it as a name")
		}
		p.failExpected("a name")
	}
	p.advance()
	return identText(t)
}

// parseName reads a dotted name a.b.c.
func (p *parser) parseName() ast.Name {
	n := ast.Name{p.parseIdent()}
	for p.isOp(".") {
		p.advance()
		n = append(n, p.parseIdent())
	}
	return n
}

func (p *parser) parseIdentList() []string {
	p.expectOp("(")
	var names []string
	for {
		names = append(names, p.parseIdent())
		if !p.acceptOp(",") {
			break
		}
	}
	p.expectOp(")")
	return names
}

// parseStringValue reads a string literal (with adjacent literals
// concatenated) and returns its value.
func (p *parser) parseStringValue() string {
	t := p.cur()
	if t.kind != tokString && t.kind != tokUnicodeString {
		p.failExpected("a string literal")
	}
	return p.parseStringLit().Value
}

func (p *parser) parseStringLit() *ast.StringLit {
	t := p.cur()
	lit := &ast.StringLit{Pos: t.pos()}
	var parts []string
	for {
		t := p.cur()
		switch t.kind {
		case tokString:
			p.advance()
			parts = append(parts, unquote(t.text))
		case tokUnicodeString:
			p.advance()
			esc := byte('\\')
			if p.is("UESCAPE") {
				p.advance()
				et := p.cur()
				v := ""
				if et.kind == tokString {
					v = unquote(et.text)
				}
				if len(v) != 1 || v[0] >= 0x80 || isHexDigit(v[0]) || v[0] == '+' || v[0] == '\'' || v[0] == ' ' || v[0] == '"' {
					p.fail(et, "UESCAPE needs a single-character string that is not a hex digit, '+', quote or space, e.g. UESCAPE '!'")
				}
				p.advance()
				esc = v[0]
			}
			s, msg := decodeUnicode(unquote(t.text[2:]), esc)
			if msg != "" {
				p.fail(t, msg)
			}
			parts = append(parts, s)
		default:
			if len(parts) == 1 {
				lit.Value = parts[0]
			} else {
				lit.Value = strings.Join(parts, "")
			}
			return lit
		}
	}
}

// unquote removes the quotes of a '...' literal and undoubles ”.
func unquote(s string) string {
	s = s[1 : len(s)-1]
	if strings.Contains(s, "''") {
		s = strings.ReplaceAll(s, "''", "'")
	}
	return s
}

func isHexDigit(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// decodeUnicode decodes the escapes of a U&'...' literal: \XXXX, \+XXXXXX and
// \\ (with esc in place of the backslash).
func decodeUnicode(s string, esc byte) (string, string) {
	if strings.IndexByte(s, esc) < 0 {
		return s, ""
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != esc {
			b.WriteByte(c)
			continue
		}
		if i+1 < len(s) && s[i+1] == esc {
			b.WriteByte(esc)
			i++
			continue
		}
		n := 4
		j := i + 1
		if j < len(s) && s[j] == '+' {
			n = 6
			j++
		}
		if j+n > len(s) {
			return "", "bad Unicode escape in U&'...': write \\XXXX or \\+XXXXXX with hex digits"
		}
		v := 0
		for k := j; k < j+n; k++ {
			if !isHexDigit(s[k]) {
				return "", "bad Unicode escape in U&'...': write \\XXXX or \\+XXXXXX with hex digits"
			}
			v = v*16 + hexVal(s[k])
		}
		if v > 0x10FFFF || v >= 0xD800 && v <= 0xDFFF {
			return "", "Unicode escape in U&'...' is not a valid code point"
		}
		b.WriteRune(rune(v))
		i = j + n - 1
	}
	return b.String(), ""
}

func hexVal(c byte) int {
	switch {
	case '0' <= c && c <= '9':
		return int(c - '0')
	case 'a' <= c && c <= 'f':
		return int(c-'a') + 10
	}
	return int(c-'A') + 10
}

func (p *parser) parseInt() int {
	t := p.cur()
	if t.kind != tokNumber || t.numKind != ast.IntegerNumber {
		p.failExpected("an integer")
	}
	if len(t.text) > 9 {
		if len(strings.TrimLeft(t.text, "0")) > 10 {
			p.fail(t, "integer "+t.text+" is too large")
		}
	}
	v := 0
	for i := 0; i < len(t.text); i++ {
		v = v*10 + int(t.text[i]-'0')
		if v > 1<<31-1 {
			p.fail(t, "integer "+t.text+" is too large")
		}
	}
	p.advance()
	return v
}
