package parser

import (
	"strings"

	"github.com/weir-data/weir/sql/ast"
)

// parseQuery reads [WITH ...] body [ORDER BY ...] [LIMIT|OFFSET|FETCH].
func (p *parser) parseQuery() *ast.Query {
	p.enter()
	defer p.leave()
	q := &ast.Query{Pos: p.cur().pos()}
	if p.accept("WITH") {
		if p.is("RECURSIVE") {
			p.fail(p.cur(), "WITH RECURSIVE is not supported by Flink SQL")
		}
		for {
			t := p.cur()
			c := &ast.CTE{Pos: t.pos(), Name: p.parseIdent()}
			if p.isOp("(") {
				c.Columns = p.parseIdentList()
			}
			p.expect("AS")
			p.expectOp("(")
			c.Query = p.parseQuery()
			p.expectOp(")")
			q.With = append(q.With, c)
			if !p.acceptOp(",") {
				break
			}
		}
	}
	q.Body = p.parseSetExpr()
	p.parseQueryTail(q)
	return q
}

// parseQueryTail reads ORDER BY, LIMIT, OFFSET and FETCH into q.
func (p *parser) parseQueryTail(q *ast.Query) {
	if p.acceptSeq("ORDER", "BY") {
		q.OrderBy = p.parseOrderItems()
	}
	if p.is("LIMIT") {
		p.advance()
		if p.is("ALL") {
			p.advance()
		} else {
			q.Limit = p.parseAdditive()
		}
		if p.isOp(",") {
			p.fail(p.cur(), "LIMIT offset, count is MySQL syntax; write LIMIT count OFFSET offset")
		}
	}
	if p.is("OFFSET") {
		p.advance()
		q.Offset = p.parseAdditive()
		if !p.accept("ROWS") {
			p.accept("ROW")
		}
	}
	if p.is("FETCH") {
		t := p.advance()
		if q.Limit != nil {
			p.fail(t, "a query cannot have both LIMIT and FETCH; keep one")
		}
		if !p.accept("FIRST") {
			p.expect("NEXT")
		}
		if p.is("ROW") || p.is("ROWS") {
			q.Limit = &ast.NumberLit{Pos: p.cur().pos(), Kind: ast.IntegerNumber, Text: "1"}
		} else {
			q.Limit = p.parseAdditive()
		}
		if !p.accept("ROWS") {
			p.expect("ROW")
		}
		p.expect("ONLY")
	}
	if p.is("QUALIFY") {
		p.fail(p.cur(), "QUALIFY is not Flink SQL; use a subquery with ROW_NUMBER() and WHERE")
	}
}

// parseSetExpr reads UNION and EXCEPT (left-associative) over INTERSECT
// terms, which bind tighter.
func (p *parser) parseSetExpr() ast.QueryExpr {
	l := p.parseIntersect()
	for {
		var op ast.SetOpKind
		switch {
		case p.is("UNION"):
			op = ast.Union
		case p.is("EXCEPT"):
			op = ast.Except
		case p.is("MINUS"):
			p.fail(p.cur(), "MINUS is not Flink SQL; use EXCEPT")
		default:
			return l
		}
		p.advance()
		all := p.setQuantifier()
		l = &ast.SetOp{Pos: l.Position(), Op: op, All: all, L: l, R: p.parseIntersect()}
	}
}

func (p *parser) setQuantifier() bool {
	if p.accept("ALL") {
		return true
	}
	p.accept("DISTINCT")
	return false
}

func (p *parser) parseIntersect() ast.QueryExpr {
	l := p.parseQueryPrimary()
	for p.is("INTERSECT") {
		p.advance()
		all := p.setQuantifier()
		l = &ast.SetOp{Pos: l.Position(), Op: ast.Intersect, All: all, L: l, R: p.parseQueryPrimary()}
	}
	return l
}

func (p *parser) parseQueryPrimary() ast.QueryExpr {
	t := p.cur()
	switch {
	case t.is("SELECT"):
		return p.parseSelect()
	case t.is("VALUES"):
		return p.parseValues()
	case t.isOp("("):
		p.advance()
		q := p.parseQuery()
		p.expectOp(")")
		if q.With == nil && q.OrderBy == nil && q.Limit == nil && q.Offset == nil {
			return q.Body
		}
		return q
	case t.is("TABLE") && isIdent(p.peek(1)):
		p.fail(t, "TABLE name as a query is not supported; write SELECT * FROM name")
	}
	p.failExpected("SELECT, VALUES or '('")
	return nil
}

func (p *parser) parseValues() *ast.Values {
	t := p.advance()
	v := &ast.Values{Pos: t.pos()}
	for {
		if p.isOp("(") {
			p.advance()
			row := p.parseExprList()
			p.expectOp(")")
			v.Rows = append(v.Rows, row)
		} else {
			v.Rows = append(v.Rows, []ast.Expr{p.parseExpr()})
		}
		if !p.acceptOp(",") {
			return v
		}
	}
}

func (p *parser) parseSelect() *ast.Select {
	t := p.advance()
	s := &ast.Select{Pos: t.pos()}
	s.Hints = p.parseHints(p.hintsAfterPrev())
	if p.accept("DISTINCT") {
		s.Distinct = true
	} else if p.is("ALL") {
		p.advance()
	}
	if p.is("STREAM") && !p.peek(1).isOp(",") && !p.peek(1).is("FROM") {
		p.fail(p.cur(), "SELECT STREAM is not Flink SQL; every query over a streaming source is continuous")
	}
	for {
		s.Items = append(s.Items, p.parseSelectItem())
		if !p.acceptOp(",") {
			break
		}
	}
	if p.accept("FROM") {
		s.From = p.parseFrom()
	}
	if p.accept("WHERE") {
		s.Where = p.parseExpr()
	}
	if p.acceptSeq("GROUP", "BY") {
		for {
			s.GroupBy = append(s.GroupBy, p.parseGroupItem())
			if !p.acceptOp(",") {
				break
			}
		}
	}
	if p.accept("HAVING") {
		s.Having = p.parseExpr()
	}
	if p.is("QUALIFY") {
		p.fail(p.cur(), "QUALIFY is not Flink SQL; use a subquery with ROW_NUMBER() and WHERE")
	}
	if p.accept("WINDOW") {
		for {
			nt := p.cur()
			w := &ast.NamedWindow{Pos: nt.pos(), Name: p.parseIdent()}
			p.expect("AS")
			w.Spec = p.parseWindowSpec()
			s.Windows = append(s.Windows, w)
			if !p.acceptOp(",") {
				break
			}
		}
	}
	return s
}

func (p *parser) parseSelectItem() *ast.SelectItem {
	t := p.cur()
	if t.isOp("*") {
		p.advance()
		return &ast.SelectItem{Pos: t.pos(), Expr: &ast.Star{Pos: t.pos()}}
	}
	it := &ast.SelectItem{Pos: t.pos(), Expr: p.parseExpr()}
	it.Alias = p.parseOptAlias()
	return it
}

// parseOptAlias reads [AS] name, returning "" when there is none.
func (p *parser) parseOptAlias() string {
	if p.accept("AS") {
		if isStringTok(p.cur()) {
			p.fail(p.cur(), "an alias is a name, not a string: write AS `"+unquote(p.cur().text)+"`")
		}
		return p.parseIdent()
	}
	if isIdent(p.cur()) {
		return p.parseIdent()
	}
	return ""
}

func (p *parser) parseGroupItem() ast.Expr {
	t := p.cur()
	switch {
	case t.isOp("(") && p.peek(1).isOp(")"):
		p.advance()
		p.advance()
		return &ast.EmptyGroup{Pos: t.pos()}
	case t.is("GROUPING") && p.peek(1).is("SETS"):
		p.advance()
		p.advance()
		g := &ast.GroupingSetsExpr{Pos: t.pos(), Kind: "GROUPING SETS"}
		p.expectOp("(")
		for {
			g.Items = append(g.Items, p.parseGroupItem())
			if !p.acceptOp(",") {
				break
			}
		}
		p.expectOp(")")
		return g
	case (t.is("ROLLUP") || t.is("CUBE")) && p.peek(1).isOp("("):
		p.advance()
		p.advance()
		g := &ast.GroupingSetsExpr{Pos: t.pos(), Kind: strings.ToUpper(t.text)}
		g.Items = p.parseExprList()
		p.expectOp(")")
		return g
	}
	return p.parseExpr()
}

// parseHints parses the bodies of hint comments.
func (p *parser) parseHints(toks []token) []*ast.Hint {
	var hints []*ast.Hint
	for _, ht := range toks {
		hints = append(hints, p.parseHintBody(ht)...)
	}
	return hints
}

// parseHintBody parses "NAME[(args)], ..." inside one /*+ ... */ comment, with
// a sub-parser over the comment's text; errors point into the comment.
func (p *parser) parseHintBody(ht token) []*ast.Hint {
	// Lex the whole source but only the hint's span: build a source with the
	// hint text at its real offset so positions stay right.
	body := ht.text
	toks, lerr := lex(body)
	if lerr != nil {
		p.fail(ht, "bad hint: "+lerr.Msg)
	}
	for i := range toks {
		toks[i].off += ht.off
		if toks[i].line == 1 {
			toks[i].col += ht.col - 1
		}
		toks[i].line += ht.line - 1
	}
	sub := &parser{src: p.src, toks: toks, prev: -1}
	sub.skipHints()
	var hints []*ast.Hint
	for sub.cur().kind != tokEOF {
		t := sub.cur()
		if t.kind != tokWord && t.kind != tokQuoted {
			sub.failExpected("a hint name")
		}
		sub.advance()
		h := &ast.Hint{Pos: t.pos(), Name: strings.ToUpper(identText(t))}
		if sub.acceptOp("(") {
			if isStringTok(sub.cur()) && sub.peek(1).isOp("=") || isIdent(sub.cur()) && sub.peek(1).isOp("=") {
				for {
					kt := sub.cur()
					var key string
					if isStringTok(kt) {
						key = sub.parseStringValue()
					} else {
						key = sub.parseIdent()
					}
					sub.expectOp("=")
					h.Options = append(h.Options, ast.Option{Pos: kt.pos(), Key: key, Value: sub.parseStringValue()})
					if !sub.acceptOp(",") {
						break
					}
				}
			} else if !sub.isOp(")") {
				for {
					at := sub.cur()
					switch {
					case isStringTok(at):
						h.Args = append(h.Args, sub.parseStringValue())
					default:
						h.Args = append(h.Args, strings.Join(sub.parseName(), "."))
					}
					if !sub.acceptOp(",") {
						break
					}
				}
			}
			sub.expectOp(")")
		}
		hints = append(hints, h)
		if !sub.acceptOp(",") && sub.cur().kind != tokEOF {
			sub.failExpected("',' or the end of the hint")
		}
	}
	return hints
}

// parseFrom reads a FROM clause: table references joined by commas and JOINs.
func (p *parser) parseFrom() ast.TableExpr {
	l := p.parseJoined()
	for p.isOp(",") {
		p.advance()
		l = &ast.Join{Pos: l.Position(), Kind: ast.CommaJoin, L: l, R: p.parseJoined()}
	}
	return l
}

func (p *parser) parseJoined() ast.TableExpr {
	l := p.parseTablePrimary()
	for {
		t := p.cur()
		natural := p.accept("NATURAL")
		var kind ast.JoinKind
		switch {
		case p.accept("JOIN"):
			kind = ast.InnerJoin
		case p.accept("INNER"):
			p.expect("JOIN")
			kind = ast.InnerJoin
		case p.accept("LEFT"):
			p.accept("OUTER")
			p.expect("JOIN")
			kind = ast.LeftJoin
		case p.accept("RIGHT"):
			p.accept("OUTER")
			p.expect("JOIN")
			kind = ast.RightJoin
		case p.accept("FULL"):
			p.accept("OUTER")
			p.expect("JOIN")
			kind = ast.FullJoin
		case p.accept("CROSS"):
			if p.is("APPLY") {
				p.fail(p.cur(), "CROSS APPLY is not Flink SQL; use CROSS JOIN LATERAL TABLE(f(...))")
			}
			p.expect("JOIN")
			kind = ast.CrossJoin
		default:
			if natural {
				p.failExpected("JOIN after NATURAL")
			}
			return l
		}
		j := &ast.Join{Pos: l.Position(), Kind: kind, Natural: natural, L: l, R: p.parseTablePrimary()}
		if kind != ast.CrossJoin && !natural {
			switch {
			case p.accept("ON"):
				j.On = p.parseExpr()
			case p.accept("USING"):
				j.Using = p.parseIdentList()
			default:
				p.fail(p.cur(), "expected ON or USING after "+kind.String()+" "+describeTable(j.R)+" but found "+p.cur().describe())
			}
		}
		_ = t
		l = j
	}
}

func describeTable(t ast.TableExpr) string {
	if tn, ok := t.(*ast.TableName); ok {
		return tn.Name.String()
	}
	return "(...)"
}

func (p *parser) parseTablePrimary() ast.TableExpr {
	p.enter()
	defer p.leave()
	t := p.cur()
	switch {
	case t.is("LATERAL"):
		p.advance()
		if p.is("TABLE") && p.peek(1).isOp("(") {
			f := p.parseTableFunc(t.pos())
			f.Lateral = true
			return f
		}
		if p.isOp("(") {
			p.advance()
			q := p.parseQuery()
			p.expectOp(")")
			return &ast.DerivedTable{Pos: t.pos(), Lateral: true, Query: q, Alias: p.parseTableAlias()}
		}
		p.failExpected("TABLE(...) or (query) after LATERAL")
	case t.is("TABLE") && p.peek(1).isOp("("):
		return p.parseTableFunc(t.pos())
	case t.is("UNNEST") && p.peek(1).isOp("("):
		p.advance()
		p.advance()
		u := &ast.Unnest{Pos: t.pos(), Exprs: p.parseExprList()}
		p.expectOp(")")
		if p.acceptSeq("WITH", "ORDINALITY") {
			u.WithOrdinality = true
		}
		u.Alias = p.parseTableAlias()
		return u
	case t.isOp("("):
		p.advance()
		if p.isQueryStart() || p.isOp("(") && p.parenStartsQuery() {
			q := p.parseQuery()
			p.expectOp(")")
			return &ast.DerivedTable{Pos: t.pos(), Query: q, Alias: p.parseTableAlias()}
		}
		inner := p.parseFrom()
		p.expectOp(")")
		if p.is("AS") || isIdent(p.cur()) {
			p.fail(p.cur(), "a parenthesised join cannot have an alias; wrap it in (SELECT * FROM ...) AS name")
		}
		return inner
	}
	tn := &ast.TableName{Pos: t.pos(), Name: p.parseName()}
	tn.Hints = p.parseHints(p.hintsAfterPrev())
	if p.acceptSeq("FOR", "SYSTEM_TIME") {
		p.expectSeq("AS", "OF")
		tn.SystemTime = p.parseAdditive()
	}
	tn.Alias = p.parseTableAlias()
	if p.is("MATCH_RECOGNIZE") {
		p.fail(p.cur(), "MATCH_RECOGNIZE is not supported in Weir yet")
	}
	if p.is("TABLESAMPLE") {
		p.fail(p.cur(), "TABLESAMPLE is not supported by Flink SQL")
	}
	return tn
}

// parenStartsQuery reports whether a run of '(' at the current token leads to
// SELECT, WITH or VALUES.
func (p *parser) parenStartsQuery() bool {
	for j := p.i; j < len(p.toks); j++ {
		t := p.toks[j]
		switch {
		case t.kind == tokHint, t.isOp("("):
			continue
		}
		return t.is("SELECT") || t.is("WITH") || t.is("VALUES")
	}
	return false
}

func (p *parser) parseTableFunc(pos ast.Pos) *ast.TableFunc {
	p.expect("TABLE")
	p.expectOp("(")
	ct := p.cur()
	if !isIdent(ct) {
		p.failExpected("a table function call")
	}
	name := p.parseName()
	if !p.isOp("(") {
		p.failExpected("'(' after the table function name")
	}
	call, _ := p.parseCall(ct.pos(), name).(*ast.FuncCall)
	p.expectOp(")")
	return &ast.TableFunc{Pos: pos, Call: call, Alias: p.parseTableAlias()}
}

// parseTableAlias reads [AS] name [(cols)] after a table reference.
func (p *parser) parseTableAlias() *ast.Alias {
	if !p.accept("AS") && !isIdent(p.cur()) {
		return nil
	}
	a := &ast.Alias{Name: p.parseIdent()}
	if p.isOp("(") {
		a.Columns = p.parseIdentList()
	}
	return a
}
