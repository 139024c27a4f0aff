package ast

import (
	"strconv"
	"strings"
)

// printer accumulates SQL text. Node format methods write into it.
type printer struct {
	b strings.Builder
}

func (p *printer) w(s string) { p.b.WriteString(s) }

func (p *printer) ident(s string) { p.b.WriteString(QuoteIdent(s)) }

func (p *printer) str(s string) { p.b.WriteString(QuoteString(s)) }

func (p *printer) int(n int) { p.b.WriteString(strconv.Itoa(n)) }

func (p *printer) name(n Name) {
	for i, part := range n {
		if i > 0 {
			p.b.WriteByte('.')
		}
		p.ident(part)
	}
}

func (p *printer) identList(names []string) {
	p.w("(")
	for i, n := range names {
		if i > 0 {
			p.w(", ")
		}
		p.ident(n)
	}
	p.w(")")
}

func (p *printer) exprs(list []Expr) {
	for i, e := range list {
		if i > 0 {
			p.w(", ")
		}
		e.format(p)
	}
}

func (p *printer) options(opts []Option) {
	p.w("(")
	for i, o := range opts {
		if i > 0 {
			p.w(", ")
		}
		p.str(o.Key)
		p.w(" = ")
		p.str(o.Value)
	}
	p.w(")")
}

// sub prints a child expression, in parentheses when its precedence is below
// min.
func (p *printer) sub(e Expr, min int) {
	if precedence(e) < min {
		p.w("(")
		e.format(p)
		p.w(")")
		return
	}
	e.format(p)
}

// query prints a query in parentheses (subqueries, derived tables).
func (p *printer) query(q *Query) {
	p.w("(")
	q.format(p)
	p.w(")")
}
