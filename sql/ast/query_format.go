package ast

func (q *Query) format(p *printer) {
	if len(q.With) > 0 {
		p.w("WITH ")
		for i, c := range q.With {
			if i > 0 {
				p.w(", ")
			}
			c.format(p)
		}
		p.w(" ")
	}
	p.queryBody(q.Body, false)
	if len(q.OrderBy) > 0 {
		p.w(" ORDER BY ")
		p.orderItems(q.OrderBy)
	}
	if q.Limit != nil {
		p.w(" LIMIT ")
		q.Limit.format(p)
	}
	if q.Offset != nil {
		p.w(" OFFSET ")
		q.Offset.format(p)
	}
}

// queryBody prints a set-operation operand, in parentheses when it is a
// complete Query or when rightOf says it is the right operand of an operator
// that binds at least as tightly.
func (p *printer) queryBody(b QueryExpr, paren bool) {
	if _, ok := b.(*Query); ok {
		paren = true
	}
	if paren {
		p.w("(")
		b.format(p)
		p.w(")")
		return
	}
	b.format(p)
}

func (c *CTE) format(p *printer) {
	p.ident(c.Name)
	if len(c.Columns) > 0 {
		p.w(" ")
		p.identList(c.Columns)
	}
	p.w(" AS ")
	p.query(c.Query)
}

func (s *Select) format(p *printer) {
	p.w("SELECT ")
	if len(s.Hints) > 0 {
		p.hints(s.Hints)
		p.w(" ")
	}
	if s.Distinct {
		p.w("DISTINCT ")
	}
	for i, it := range s.Items {
		if i > 0 {
			p.w(", ")
		}
		it.format(p)
	}
	if s.From != nil {
		p.w(" FROM ")
		s.From.format(p)
	}
	if s.Where != nil {
		p.w(" WHERE ")
		s.Where.format(p)
	}
	if len(s.GroupBy) > 0 {
		p.w(" GROUP BY ")
		p.exprs(s.GroupBy)
	}
	if s.Having != nil {
		p.w(" HAVING ")
		s.Having.format(p)
	}
	if len(s.Windows) > 0 {
		p.w(" WINDOW ")
		for i, w := range s.Windows {
			if i > 0 {
				p.w(", ")
			}
			p.ident(w.Name)
			p.w(" AS ")
			w.Spec.format(p)
		}
	}
}

func (it *SelectItem) format(p *printer) {
	it.Expr.format(p)
	if it.Alias != "" {
		p.w(" AS ")
		p.ident(it.Alias)
	}
}

func (w *NamedWindow) format(p *printer) {
	p.ident(w.Name)
	p.w(" AS ")
	w.Spec.format(p)
}

func (o *OrderItem) format(p *printer) {
	o.Expr.format(p)
	if o.Desc {
		p.w(" DESC")
	}
	if o.Nulls != "" {
		p.w(" NULLS ")
		p.w(o.Nulls)
	}
}

func (p *printer) orderItems(items []*OrderItem) {
	for i, o := range items {
		if i > 0 {
			p.w(", ")
		}
		o.format(p)
	}
}

func setOpPrecedence(b QueryExpr) int {
	if s, ok := b.(*SetOp); ok {
		if s.Op == Intersect {
			return 2
		}
		return 1
	}
	return 3
}

func (s *SetOp) format(p *printer) {
	prec := setOpPrecedence(s)
	p.queryBody(s.L, setOpPrecedence(s.L) < prec)
	p.w(" ")
	p.w(s.Op.String())
	if s.All {
		p.w(" ALL")
	}
	p.w(" ")
	p.queryBody(s.R, setOpPrecedence(s.R) <= prec)
}

func (v *Values) format(p *printer) {
	p.w("VALUES ")
	for i, row := range v.Rows {
		if i > 0 {
			p.w(", ")
		}
		p.w("(")
		p.exprs(row)
		p.w(")")
	}
}

func (p *printer) hints(hs []*Hint) {
	p.w("/*+ ")
	for i, h := range hs {
		if i > 0 {
			p.w(", ")
		}
		h.format(p)
	}
	p.w(" */")
}

func (h *Hint) format(p *printer) {
	p.w(h.Name)
	switch {
	case len(h.Options) > 0:
		p.options(h.Options)
	case len(h.Args) > 0:
		p.w("(")
		for i, a := range h.Args {
			if i > 0 {
				p.w(", ")
			}
			if a == "" {
				p.w("''") // a name cannot be empty
			} else {
				p.ident(a)
			}
		}
		p.w(")")
	}
}

func (a *Alias) format(p *printer) {
	if a == nil {
		return
	}
	p.w(" AS ")
	p.ident(a.Name)
	if len(a.Columns) > 0 {
		p.identList(a.Columns)
	}
}

func (t *TableName) format(p *printer) {
	p.name(t.Name)
	if len(t.Hints) > 0 {
		p.w(" ")
		p.hints(t.Hints)
	}
	if t.SystemTime != nil {
		p.w(" FOR SYSTEM_TIME AS OF ")
		p.sub(t.SystemTime, precAdd)
	}
	t.Alias.format(p)
}

func (t *DerivedTable) format(p *printer) {
	if t.Lateral {
		p.w("LATERAL ")
	}
	p.query(t.Query)
	t.Alias.format(p)
}

func (t *TableFunc) format(p *printer) {
	if t.Lateral {
		p.w("LATERAL ")
	}
	p.w("TABLE(")
	t.Call.format(p)
	p.w(")")
	t.Alias.format(p)
}

func (t *Unnest) format(p *printer) {
	p.w("UNNEST(")
	p.exprs(t.Exprs)
	p.w(")")
	if t.WithOrdinality {
		p.w(" WITH ORDINALITY")
	}
	t.Alias.format(p)
}

func (j *Join) format(p *printer) {
	j.L.format(p)
	if j.Kind == CommaJoin {
		p.w(", ")
	} else {
		p.w(" ")
		if j.Natural {
			p.w("NATURAL ")
		}
		p.w(j.Kind.String())
		p.w(" ")
	}
	if _, ok := j.R.(*Join); ok {
		p.w("(")
		j.R.format(p)
		p.w(")")
	} else {
		j.R.format(p)
	}
	if j.On != nil {
		p.w(" ON ")
		j.On.format(p)
	}
	if len(j.Using) > 0 {
		p.w(" USING ")
		p.identList(j.Using)
	}
}
