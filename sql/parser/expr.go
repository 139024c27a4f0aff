package parser

import (
	"encoding/hex"
	"strings"

	"github.com/weir-data/weir/sql/ast"
)

// parseExpr reads an expression at the lowest precedence (OR).
func (p *parser) parseExpr() ast.Expr {
	p.enter()
	defer p.leave()
	l := p.parseAnd()
	for p.is("OR") {
		p.advance()
		l = &ast.BinaryExpr{Pos: l.Position(), Op: "OR", L: l, R: p.parseAnd()}
	}
	return l
}

func (p *parser) parseAnd() ast.Expr {
	l := p.parseNot()
	for p.is("AND") {
		p.advance()
		l = &ast.BinaryExpr{Pos: l.Position(), Op: "AND", L: l, R: p.parseNot()}
	}
	return l
}

func (p *parser) parseNot() ast.Expr {
	if p.is("NOT") {
		t := p.advance()
		p.enter()
		defer p.leave()
		return &ast.UnaryExpr{Pos: t.pos(), Op: "NOT", X: p.parseNot()}
	}
	return p.parseComparison()
}

var compareOps = map[string]string{"=": "=", "<>": "<>", "!=": "<>", "<": "<", "<=": "<=", ">": ">", ">=": ">="}

func (p *parser) parseComparison() ast.Expr {
	l := p.parseAdditive()
	for {
		t := p.cur()
		if t.kind == tokOp {
			op, ok := compareOps[t.text]
			if !ok {
				return l
			}
			p.advance()
			l = &ast.BinaryExpr{Pos: l.Position(), Op: op, L: l, R: p.parseAdditive()}
			continue
		}
		if t.kind != tokWord {
			return l
		}
		if t.is("IS") {
			p.advance()
			not := p.accept("NOT")
			if p.accept("DISTINCT") {
				p.expect("FROM")
				l = &ast.IsDistinctFrom{Pos: l.Position(), L: l, R: p.parseAdditive(), Not: not}
				continue
			}
			v := p.cur()
			switch {
			case v.is("NULL"), v.is("TRUE"), v.is("FALSE"), v.is("UNKNOWN"):
				p.advance()
				l = &ast.IsExpr{Pos: l.Position(), X: l, Not: not, Value: strings.ToUpper(v.text)}
				continue
			case v.is("JSON"):
				p.advance()
				value := "JSON"
				if k := p.cur(); k.is("VALUE") || k.is("OBJECT") || k.is("ARRAY") || k.is("SCALAR") {
					p.advance()
					value += " " + strings.ToUpper(k.text)
				}
				l = &ast.IsExpr{Pos: l.Position(), X: l, Not: not, Value: value}
				continue
			}
			p.failExpected("NULL, TRUE, FALSE, UNKNOWN, JSON or DISTINCT FROM after IS")
		}
		not := false
		if t.is("NOT") {
			n := p.peek(1)
			if !(n.is("BETWEEN") || n.is("LIKE") || n.is("IN") || n.is("SIMILAR")) {
				return l
			}
			p.advance()
			not = true
		}
		switch {
		case p.is("BETWEEN"):
			p.advance()
			sym := false
			if p.accept("SYMMETRIC") {
				sym = true
			} else {
				p.accept("ASYMMETRIC")
			}
			lo := p.parseAdditive()
			p.expect("AND")
			hi := p.parseAdditive()
			l = &ast.BetweenExpr{Pos: l.Position(), X: l, Low: lo, High: hi, Not: not, Symmetric: sym}
		case p.is("LIKE"), p.is("SIMILAR"):
			similar := p.is("SIMILAR")
			p.advance()
			if similar {
				p.expect("TO")
			}
			e := &ast.LikeExpr{Pos: l.Position(), X: l, Pattern: p.parseAdditive(), Not: not, Similar: similar}
			if p.accept("ESCAPE") {
				e.Escape = p.parseAdditive()
			}
			l = e
		case p.is("IN"):
			p.advance()
			in := &ast.InExpr{Pos: l.Position(), X: l, Not: not}
			p.expectOp("(")
			if p.isQueryStart() {
				in.Query = p.parseQuery()
			} else {
				in.List = p.parseExprList()
			}
			p.expectOp(")")
			l = in
		default:
			return l
		}
	}
}

func (p *parser) parseExprList() []ast.Expr {
	list := []ast.Expr{p.parseExpr()}
	for p.acceptOp(",") {
		list = append(list, p.parseExpr())
	}
	return list
}

func (p *parser) parseAdditive() ast.Expr {
	l := p.parseMultiplicative()
	for p.isOp("+") || p.isOp("-") {
		op := p.advance().text
		l = &ast.BinaryExpr{Pos: l.Position(), Op: op, L: l, R: p.parseMultiplicative()}
	}
	return l
}

func (p *parser) parseMultiplicative() ast.Expr {
	l := p.parseUnary()
	for p.isOp("*") || p.isOp("/") || p.isOp("%") || p.isOp("||") {
		op := p.advance().text
		l = &ast.BinaryExpr{Pos: l.Position(), Op: op, L: l, R: p.parseUnary()}
	}
	return l
}

func (p *parser) parseUnary() ast.Expr {
	if p.isOp("-") || p.isOp("+") {
		t := p.advance()
		p.enter()
		defer p.leave()
		return &ast.UnaryExpr{Pos: t.pos(), Op: t.text, X: p.parseUnary()}
	}
	return p.parsePostfix()
}

func (p *parser) parsePostfix() ast.Expr {
	x := p.parsePrimary()
	for {
		switch {
		case p.isOp("["):
			p.advance()
			idx := p.parseExpr()
			p.expectOp("]")
			x = &ast.IndexExpr{Pos: x.Position(), X: x, Index: idx}
		case p.isOp(".") && isIdent(p.peek(1)):
			p.advance()
			x = &ast.FieldExpr{Pos: x.Position(), X: x, Field: p.parseIdent()}
		default:
			return x
		}
	}
}

// isQueryStart reports whether the current token starts a query.
func (p *parser) isQueryStart() bool {
	return p.is("SELECT") || p.is("WITH") || p.is("VALUES")
}

// niladic are the functions written without parentheses.
var niladic = map[string]bool{
	"CURRENT_TIMESTAMP": true, "CURRENT_DATE": true, "CURRENT_TIME": true,
	"LOCALTIMESTAMP": true, "LOCALTIME": true,
}

func (p *parser) parsePrimary() ast.Expr {
	t := p.cur()
	switch t.kind {
	case tokNumber:
		p.advance()
		return &ast.NumberLit{Pos: t.pos(), Kind: t.numKind, Text: t.text}
	case tokString, tokUnicodeString:
		return p.parseStringLit()
	case tokBinary:
		p.advance()
		h := t.text[2 : len(t.text)-1]
		b, err := hex.DecodeString(h)
		if err != nil {
			p.fail(t, "bad binary literal "+t.text+": write an even number of hex digits, as in X'0AFF'")
		}
		if b == nil {
			b = []byte{}
		}
		return &ast.BinaryLit{Pos: t.pos(), Value: b}
	case tokParam:
		p.advance()
		p.params++
		return &ast.Param{Pos: t.pos(), Index: p.params}
	case tokDollar:
		p.advance()
		n := 0
		for _, c := range t.text[1:] {
			n = n*10 + int(c-'0')
		}
		if n == 0 {
			p.fail(t, "parameter $0 does not exist: parameters are numbered from $1")
		}
		return &ast.Param{Pos: t.pos(), Index: n, Dollar: true}
	case tokQuoted:
		return p.parseNameExpr()
	case tokOp:
		if t.text == "(" {
			return p.parseParenExpr()
		}
		p.failExpected("an expression")
	case tokEOF:
		p.failExpected("an expression")
	}
	// Words.
	next := p.peek(1)
	switch {
	case t.is("NULL"):
		p.advance()
		return &ast.NullLit{Pos: t.pos()}
	case t.is("TRUE"), t.is("FALSE"):
		p.advance()
		return &ast.BoolLit{Pos: t.pos(), Value: t.is("TRUE")}
	case t.is("UNKNOWN"):
		p.advance()
		return &ast.UnknownLit{Pos: t.pos()}
	case (t.is("DATE") || t.is("TIME") || t.is("TIMESTAMP")) && (next.kind == tokString || next.kind == tokUnicodeString):
		p.advance()
		return &ast.TypedLit{Pos: t.pos(), Type: strings.ToUpper(t.text), Value: p.parseStringLit().Value}
	case t.is("INTERVAL"):
		return p.parseInterval()
	case t.is("CASE"):
		return p.parseCase()
	case (t.is("CAST") || t.is("TRY_CAST")) && next.isOp("("):
		p.advance()
		p.advance()
		x := p.parseExpr()
		p.expect("AS")
		typ := p.parseType()
		p.expectOp(")")
		return &ast.CastExpr{Pos: t.pos(), X: x, Type: typ, Try: t.is("TRY_CAST")}
	case t.is("EXISTS") && next.isOp("("):
		p.advance()
		p.advance()
		if !p.isQueryStart() {
			p.failExpected("a query (SELECT ...) after EXISTS (")
		}
		q := p.parseQuery()
		p.expectOp(")")
		return &ast.ExistsExpr{Pos: t.pos(), Query: q}
	case t.is("ROW") && next.isOp("("):
		p.advance()
		p.advance()
		row := &ast.RowExpr{Pos: t.pos()}
		if !p.isOp(")") {
			row.Items = p.parseExprList()
		}
		p.expectOp(")")
		return row
	case t.is("ARRAY") && next.isOp("["):
		p.advance()
		p.advance()
		a := &ast.ArrayExpr{Pos: t.pos()}
		if !p.isOp("]") {
			a.Items = p.parseExprList()
		}
		p.expectOp("]")
		return a
	case t.is("MAP") && next.isOp("["):
		p.advance()
		p.advance()
		m := &ast.MapExpr{Pos: t.pos()}
		if !p.isOp("]") {
			m.Items = p.parseExprList()
		}
		if len(m.Items)%2 != 0 {
			p.fail(t, "MAP[...] needs an even number of items: key, value, key, value, ...")
		}
		p.expectOp("]")
		return m
	case t.kw != "" && next.isOp("("):
		if e := p.parseSpecialCall(t); e != nil {
			return e
		}
	case niladic[t.kw] && !next.isOp("("):
		p.advance()
		return &ast.FuncCall{Pos: t.pos(), Name: ast.Name{t.kw}, Niladic: true}
	}
	if isIdent(t) || ast.IsFuncNameKeyword(t.kw) && next.isOp("(") {
		return p.parseNameExpr()
	}
	if t.is("QUALIFY") {
		p.fail(t, "QUALIFY is not Flink SQL; use a subquery with ROW_NUMBER() and WHERE")
	}
	p.fail(t, "expected an expression but found the reserved word "+strings.ToUpper(t.text))
	return nil
}

// parseParenExpr reads ( expr ), a row (a, b) or a scalar subquery.
func (p *parser) parseParenExpr() ast.Expr {
	t := p.advance()
	if p.isQueryStart() {
		q := p.parseQuery()
		p.expectOp(")")
		return &ast.SubqueryExpr{Pos: t.pos(), Query: q}
	}
	e := p.parseExpr()
	if p.isOp(",") {
		items := []ast.Expr{e}
		for p.acceptOp(",") {
			items = append(items, p.parseExpr())
		}
		p.expectOp(")")
		return &ast.RowExpr{Pos: t.pos(), Items: items}
	}
	p.expectOp(")")
	return e
}

// parseNameExpr reads a column reference, t.*, or a function call.
func (p *parser) parseNameExpr() ast.Expr {
	t := p.advance()
	name := ast.Name{identText(t)}
	for p.isOp(".") {
		n := p.peek(1)
		if n.isOp("*") {
			p.advance()
			p.advance()
			return &ast.Star{Pos: t.pos(), Qualifier: name}
		}
		if !isIdent(n) {
			break
		}
		p.advance()
		name = append(name, p.parseIdent())
	}
	if p.isOp("(") {
		return p.parseCall(t.pos(), name)
	}
	return &ast.ColumnRef{Pos: t.pos(), Name: name}
}

// parseCall reads the argument list and the FILTER / OVER clauses of a call.
func (p *parser) parseCall(pos ast.Pos, name ast.Name) ast.Expr {
	p.expectOp("(")
	call := &ast.FuncCall{Pos: pos, Name: name}
	if p.accept("DISTINCT") {
		call.Distinct = true
	} else if p.is("ALL") {
		p.advance()
	}
	switch {
	case p.isOp("*") && p.peek(1).isOp(")"):
		p.advance()
		call.Star = true
	case !p.isOp(")"):
		for {
			call.Args = append(call.Args, p.parseArg())
			if !p.acceptOp(",") {
				break
			}
		}
	}
	p.expectOp(")")
	if p.is("WITHIN") {
		p.fail(p.cur(), "WITHIN GROUP is not supported")
	}
	if p.is("FILTER") && p.peek(1).isOp("(") {
		p.advance()
		p.advance()
		p.expect("WHERE")
		call.Filter = p.parseExpr()
		p.expectOp(")")
	}
	if p.accept("OVER") {
		if p.isOp("(") {
			call.Over = p.parseWindowSpec()
		} else {
			call.OverName = p.parseIdent()
		}
	}
	return call
}

// parseArg reads one function argument: an expression, name => value, TABLE t
// [PARTITION BY ...] or DESCRIPTOR(cols).
func (p *parser) parseArg() ast.Expr {
	t := p.cur()
	if isIdent(t) && p.peek(1).isOp("=>") {
		p.advance()
		p.advance()
		return &ast.NamedArg{Pos: t.pos(), Name: identText(t), Value: p.parseArgValue()}
	}
	return p.parseArgValue()
}

func (p *parser) parseArgValue() ast.Expr {
	t := p.cur()
	switch {
	case t.is("TABLE") && isIdent(p.peek(1)):
		p.advance()
		arg := &ast.TableArg{Pos: t.pos(), Name: p.parseName()}
		if p.acceptSeq("PARTITION", "BY") {
			arg.PartitionBy = p.parseExprList()
		}
		return arg
	case t.is("DESCRIPTOR") && p.peek(1).isOp("("):
		p.advance()
		return &ast.Descriptor{Pos: t.pos(), Columns: p.parseIdentList()}
	}
	return p.parseExpr()
}

func (p *parser) parseWindowSpec() *ast.WindowSpec {
	t := p.expectOp("(")
	w := &ast.WindowSpec{Pos: t.pos()}
	if isIdent(p.cur()) && !p.is("ROWS") && !p.is("RANGE") && !(p.is("ORDER") || p.is("PARTITION")) {
		w.Base = p.parseIdent()
	}
	if p.acceptSeq("PARTITION", "BY") {
		w.PartitionBy = p.parseExprList()
	}
	if p.acceptSeq("ORDER", "BY") {
		w.OrderBy = p.parseOrderItems()
	}
	if p.is("ROWS") || p.is("RANGE") {
		ft := p.advance()
		f := &ast.WindowFrame{Pos: ft.pos(), Range: ft.is("RANGE")}
		if p.accept("BETWEEN") {
			f.Start = p.parseFrameBound()
			p.expect("AND")
			f.End = p.parseFrameBound()
		} else {
			f.Start = p.parseFrameBound()
		}
		w.Frame = f
	}
	p.expectOp(")")
	return w
}

func (p *parser) parseFrameBound() *ast.FrameBound {
	t := p.cur()
	b := &ast.FrameBound{Pos: t.pos()}
	switch {
	case p.acceptSeq("UNBOUNDED", "PRECEDING"):
		b.Kind = "UNBOUNDED PRECEDING"
	case p.acceptSeq("UNBOUNDED", "FOLLOWING"):
		b.Kind = "UNBOUNDED FOLLOWING"
	case p.acceptSeq("CURRENT", "ROW"):
		b.Kind = "CURRENT ROW"
	default:
		b.Offset = p.parseAdditive()
		switch {
		case p.accept("PRECEDING"):
			b.Kind = "PRECEDING"
		case p.accept("FOLLOWING"):
			b.Kind = "FOLLOWING"
		default:
			p.failExpected("PRECEDING or FOLLOWING")
		}
	}
	return b
}

func (p *parser) parseOrderItems() []*ast.OrderItem {
	var items []*ast.OrderItem
	for {
		e := p.parseExpr()
		it := &ast.OrderItem{Pos: e.Position(), Expr: e}
		if p.accept("DESC") {
			it.Desc = true
		} else {
			p.accept("ASC")
		}
		if p.accept("NULLS") {
			switch {
			case p.accept("FIRST"):
				it.Nulls = "FIRST"
			case p.accept("LAST"):
				it.Nulls = "LAST"
			default:
				p.failExpected("FIRST or LAST after NULLS")
			}
		}
		items = append(items, it)
		if !p.acceptOp(",") {
			return items
		}
	}
}

func (p *parser) parseCase() ast.Expr {
	t := p.advance()
	c := &ast.CaseExpr{Pos: t.pos()}
	if !p.is("WHEN") {
		c.Operand = p.parseExpr()
	}
	for p.is("WHEN") {
		wt := p.advance()
		cond := p.parseExpr()
		p.expect("THEN")
		c.Whens = append(c.Whens, &ast.When{Pos: wt.pos(), Cond: cond, Result: p.parseExpr()})
	}
	if len(c.Whens) == 0 {
		p.failExpected("WHEN")
	}
	if p.accept("ELSE") {
		c.Else = p.parseExpr()
	}
	p.expect("END")
	return c
}

// intervalUnits maps the words of an interval qualifier to their singular
// form.
var intervalUnits = map[string]string{
	"YEAR": "YEAR", "YEARS": "YEAR", "MONTH": "MONTH", "MONTHS": "MONTH",
	"DAY": "DAY", "DAYS": "DAY", "HOUR": "HOUR", "HOURS": "HOUR",
	"MINUTE": "MINUTE", "MINUTES": "MINUTE", "SECOND": "SECOND", "SECONDS": "SECOND",
}

var intervalRanges = map[string]bool{
	"YEAR TO MONTH": true, "DAY TO HOUR": true, "DAY TO MINUTE": true, "DAY TO SECOND": true,
	"HOUR TO MINUTE": true, "HOUR TO SECOND": true, "MINUTE TO SECOND": true,
}

func (p *parser) parseInterval() ast.Expr {
	t := p.advance()
	lit := &ast.IntervalLit{Pos: t.pos()}
	if p.isOp("-") || p.isOp("+") {
		lit.Negative = p.advance().text == "-"
	}
	if p.cur().kind == tokNumber {
		p.fail(p.cur(), "the value of an INTERVAL literal is a string: write INTERVAL '"+p.cur().text+"' followed by a unit")
	}
	lit.Value = p.parseStringValue()
	lit.Qualifier = p.parseIntervalQualifier()
	return lit
}

func (p *parser) intervalUnit() string {
	t := p.cur()
	u := intervalUnits[t.kw]
	if u == "" {
		p.failExpected("an interval unit (YEAR, MONTH, DAY, HOUR, MINUTE or SECOND)")
	}
	p.advance()
	return u
}

func (p *parser) parseIntervalQualifier() ast.IntervalQualifier {
	start := p.cur()
	q := ast.IntervalQualifier{Start: p.intervalUnit(), StartPrecision: ast.NoPrecision, FracPrecision: ast.NoPrecision}
	if p.acceptOp("(") {
		q.StartPrecision = p.parseInt()
		if q.Start == "SECOND" && p.acceptOp(",") {
			q.FracPrecision = p.parseInt()
		}
		p.expectOp(")")
	}
	if p.is("TO") {
		p.advance()
		q.End = p.intervalUnit()
		if !intervalRanges[q.Start+" TO "+q.End] {
			p.fail(start, "INTERVAL "+q.Start+" TO "+q.End+" is not a valid interval qualifier; use YEAR TO MONTH, DAY TO HOUR|MINUTE|SECOND, HOUR TO MINUTE|SECOND or MINUTE TO SECOND")
		}
		if q.FracPrecision != ast.NoPrecision {
			p.fail(start, "the fractional precision goes on the end unit: write SECOND TO ... without (p, f) on the start")
		}
		if q.End == "SECOND" && p.acceptOp("(") {
			q.FracPrecision = p.parseInt()
			p.expectOp(")")
		}
	}
	return q
}

var extractUnits = map[string]bool{
	"YEAR": true, "QUARTER": true, "MONTH": true, "WEEK": true, "DAY": true, "HOUR": true,
	"MINUTE": true, "SECOND": true, "MILLISECOND": true, "MICROSECOND": true, "NANOSECOND": true,
	"DOW": true, "DOY": true, "EPOCH": true, "ISODOW": true, "ISOYEAR": true, "DECADE": true,
	"CENTURY": true, "MILLENNIUM": true,
}

var timestampUnits = map[string]bool{
	"YEAR": true, "QUARTER": true, "MONTH": true, "WEEK": true, "DAY": true, "HOUR": true,
	"MINUTE": true, "SECOND": true, "MILLISECOND": true, "MICROSECOND": true, "NANOSECOND": true,
}

func (p *parser) timeUnit(valid map[string]bool, what string) string {
	t := p.cur()
	if !valid[t.kw] {
		p.failExpected(what)
	}
	p.advance()
	return t.kw
}

// parseSpecialCall reads the functions with their own argument syntax. It
// returns nil, consuming nothing, if t does not start one. The current token
// is t and the next is "(".
func (p *parser) parseSpecialCall(t token) ast.Expr {
	pos := t.pos()
	switch t.kw {
	case "EXTRACT":
		p.advance()
		p.advance()
		unit := p.timeUnit(extractUnits, "a time unit (YEAR, MONTH, DAY, HOUR, ...)")
		p.expect("FROM")
		e := &ast.ExtractExpr{Pos: pos, Unit: unit, X: p.parseExpr()}
		p.expectOp(")")
		return e
	case "POSITION":
		p.advance()
		p.advance()
		sub := p.parseAdditive()
		p.expect("IN")
		e := &ast.PositionExpr{Pos: pos, Sub: sub, X: p.parseExpr()}
		p.expectOp(")")
		return e
	case "TRIM":
		p.advance()
		p.advance()
		e := &ast.TrimExpr{Pos: pos}
		switch {
		case p.is("BOTH"), p.is("LEADING"), p.is("TRAILING"):
			e.Side = p.advance().kw
			if !p.accept("FROM") {
				e.Chars = p.parseExpr()
				p.expect("FROM")
			}
			e.X = p.parseExpr()
		default:
			x := p.parseExpr()
			if p.accept("FROM") {
				e.Chars = x
				e.X = p.parseExpr()
			} else {
				e.X = x
			}
		}
		p.expectOp(")")
		return e
	case "SUBSTRING":
		p.advance()
		p.advance()
		e := &ast.SubstringExpr{Pos: pos, X: p.parseExpr()}
		if p.accept("FROM") {
			e.From = p.parseExpr()
			if p.accept("FOR") {
				e.For = p.parseExpr()
			}
		} else {
			p.expectOp(",")
			e.From = p.parseExpr()
			if p.acceptOp(",") {
				e.For = p.parseExpr()
			}
		}
		p.expectOp(")")
		return e
	case "OVERLAY":
		p.advance()
		p.advance()
		e := &ast.OverlayExpr{Pos: pos, X: p.parseExpr()}
		p.expect("PLACING")
		e.Placing = p.parseExpr()
		p.expect("FROM")
		e.From = p.parseExpr()
		if p.accept("FOR") {
			e.For = p.parseExpr()
		}
		p.expectOp(")")
		return e
	case "FLOOR", "CEIL", "CEILING":
		p.advance()
		p.advance()
		x := p.parseExpr()
		if p.accept("TO") {
			unit := p.timeUnit(timestampUnits, "a time unit (YEAR, MONTH, DAY, HOUR, ...)")
			p.expectOp(")")
			return &ast.FloorCeilExpr{Pos: pos, Ceil: t.kw != "FLOOR", X: x, Unit: unit}
		}
		p.expectOp(")")
		return &ast.FuncCall{Pos: pos, Name: ast.Name{t.text}, Args: []ast.Expr{x}}
	case "TIMESTAMPADD", "TIMESTAMPDIFF":
		p.advance()
		p.advance()
		ut := p.cur()
		unit := p.timeUnit(timestampUnits, "a time unit (YEAR, MONTH, DAY, HOUR, ...)")
		call := &ast.FuncCall{Pos: pos, Name: ast.Name{t.text}, Args: []ast.Expr{&ast.TimeUnitArg{Pos: ut.pos(), Unit: unit}}}
		p.expectOp(",")
		call.Args = append(call.Args, p.parseExpr())
		p.expectOp(",")
		call.Args = append(call.Args, p.parseExpr())
		p.expectOp(")")
		return call
	case "JSON_VALUE":
		p.advance()
		p.advance()
		e := &ast.JSONValueExpr{Pos: pos, X: p.parseExpr()}
		p.expectOp(",")
		e.Path = p.parseExpr()
		if p.accept("RETURNING") {
			e.Returning = p.parseType()
		}
		e.OnEmpty, e.OnError = p.parseJSONBehaviors(false)
		p.expectOp(")")
		return e
	case "JSON_QUERY":
		p.advance()
		p.advance()
		e := &ast.JSONQueryExpr{Pos: pos, X: p.parseExpr()}
		p.expectOp(",")
		e.Path = p.parseExpr()
		switch {
		case p.accept("WITHOUT"):
			p.accept("ARRAY")
			p.expect("WRAPPER")
		case p.accept("WITH"):
			e.Wrapper = "WITH UNCONDITIONAL"
			if p.accept("CONDITIONAL") {
				e.Wrapper = "WITH CONDITIONAL"
			} else {
				p.accept("UNCONDITIONAL")
			}
			p.accept("ARRAY")
			p.expect("WRAPPER")
		}
		e.OnEmpty, e.OnError = p.parseJSONBehaviors(true)
		p.expectOp(")")
		return e
	case "JSON_EXISTS":
		p.advance()
		p.advance()
		e := &ast.JSONExistsExpr{Pos: pos, X: p.parseExpr()}
		p.expectOp(",")
		e.Path = p.parseExpr()
		for _, k := range []string{"TRUE", "FALSE", "UNKNOWN", "ERROR"} {
			if p.is(k) {
				p.advance()
				p.expectSeq("ON", "ERROR")
				e.OnError = &ast.JSONBehavior{Kind: k}
				break
			}
		}
		p.expectOp(")")
		return e
	case "JSON_OBJECT":
		p.advance()
		p.advance()
		e := &ast.JSONObjectExpr{Pos: pos}
		for !p.isOp(")") {
			if (p.is("NULL") || p.is("ABSENT")) && p.peek(1).is("ON") {
				e.AbsentOnNull = p.advance().is("ABSENT")
				p.expectSeq("ON", "NULL")
				break
			}
			if p.is("KEY") && !p.peek(1).is("VALUE") {
				p.advance()
			}
			e.Keys = append(e.Keys, p.parseExpr())
			p.expect("VALUE")
			e.Values = append(e.Values, p.parseExpr())
			if !p.acceptOp(",") {
				if (p.is("NULL") || p.is("ABSENT")) && p.peek(1).is("ON") {
					continue
				}
				break
			}
		}
		p.expectOp(")")
		return e
	case "JSON_ARRAY":
		p.advance()
		p.advance()
		e := &ast.JSONArrayExpr{Pos: pos}
		for !p.isOp(")") {
			if (p.is("NULL") || p.is("ABSENT")) && p.peek(1).is("ON") {
				e.NullOnNull = p.advance().is("NULL")
				p.expectSeq("ON", "NULL")
				break
			}
			e.Items = append(e.Items, p.parseExpr())
			if !p.acceptOp(",") {
				if (p.is("NULL") || p.is("ABSENT")) && p.peek(1).is("ON") {
					continue
				}
				break
			}
		}
		p.expectOp(")")
		return e
	}
	return nil
}

// parseJSONBehaviors reads [behavior ON EMPTY] [behavior ON ERROR].
func (p *parser) parseJSONBehaviors(query bool) (onEmpty, onError *ast.JSONBehavior) {
	for {
		var b *ast.JSONBehavior
		switch {
		case p.is("NULL"), p.is("ERROR"):
			b = &ast.JSONBehavior{Kind: p.advance().kw}
		case !query && p.is("DEFAULT"):
			p.advance()
			b = &ast.JSONBehavior{Kind: "DEFAULT", Default: p.parseExpr()}
		case query && p.is("EMPTY") && (p.peek(1).is("ARRAY") || p.peek(1).is("OBJECT")):
			p.advance()
			b = &ast.JSONBehavior{Kind: "EMPTY " + strings.ToUpper(p.advance().text)}
		default:
			return onEmpty, onError
		}
		p.expect("ON")
		switch {
		case p.is("EMPTY") && onEmpty == nil && onError == nil:
			p.advance()
			onEmpty = b
		case p.is("ERROR") && onError == nil:
			p.advance()
			onError = b
		default:
			p.failExpected("EMPTY or ERROR")
		}
	}
}
