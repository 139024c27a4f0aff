package plan

import (
	"github.com/weir-data/weir/sql/ast"
	"github.com/weir-data/weir/sql/expr"
	"github.com/weir-data/weir/sql/fn"
)

// appendCols extends c's columns with those of an inner plan joined to the
// right of the current plan.
func appendCols(c *ectx, cols []ResultColumn) {
	for _, col := range cols {
		if c.agg != nil {
			c.agg.cols = append(c.agg.cols, col)
		}
		c.s.cols = append(c.s.cols, scopeCol{name: col.Name, typ: col.Type, hidden: true})
	}
}

// width is the number of columns of the plan c binds over.
func width(c *ectx) int {
	if c.agg != nil {
		return len(c.agg.cols)
	}
	return len(c.s.cols)
}

// remapCorr maps pulled correlation conditions into the join's column space:
// outer column j → j, inner column k → nOuter + k.
func remapCorr(conds []expr.Expr, nOuter int) expr.Expr {
	var out expr.Expr
	for _, c := range conds {
		out = and(out, expr.Remap(c, func(x int) int {
			if x >= outerBase {
				return x - outerBase
			}
			return nOuter + x
		}))
	}
	return out
}

// joinScalarSubqueries joins every scalar subquery of e (not nested in
// another subquery) into n and records its value column in c.subs.
func (b *binder) joinScalarSubqueries(n Node, c *ectx, e ast.Expr) (Node, error) {
	var subs []*ast.SubqueryExpr
	walk(e, func(x ast.Expr) bool {
		if sq, ok := x.(*ast.SubqueryExpr); ok {
			subs = append(subs, sq)
			return false
		}
		return true
	})
	for _, sq := range subs {
		if c.subs == nil {
			c.subs = map[ast.Node]int{}
		}
		if _, ok := c.subs[sq]; ok {
			continue
		}
		var outer *scope
		if c.agg == nil {
			outer = c.s
		}
		corr := &corrPull{outer: outer}
		sub, ss, err := b.bindQuery(sq.Query, corr)
		if err != nil {
			return nil, err
		}
		vis := 0
		for _, col := range ss.cols {
			if !col.hidden {
				vis++
			}
		}
		if vis != 1 {
			return nil, errorf(sq, "a scalar subquery must return exactly one column, not %d", vis)
		}
		nOuter := width(c)
		var j *JoinNode
		if len(corr.conds) == 0 {
			j = newJoin(JoinLeft, n, newSingleRow(sub), nil, nil, nil)
		} else {
			if !corr.grouped {
				return nil, errorf(sq, "a correlated scalar subquery must aggregate (e.g. SELECT MAX(x) ... WHERE inner.k = outer.k)")
			}
			for _, cond := range corr.conds {
				if !isEquality(cond) {
					return nil, errorf(sq, "a correlated scalar subquery supports only equality correlations, not %s", cond)
				}
			}
			j = newJoin(JoinLeft, n, sub, nil, nil, remapCorr(corr.conds, nOuter))
		}
		appendCols(c, sub.Columns())
		c.subs[sq] = nOuter
		n = j
	}
	return n, nil
}

func isEquality(e expr.Expr) bool {
	call, ok := e.(*expr.Call)
	return ok && call.Fn.Name == "=" && len(call.Args) == 2
}

// joinConjunctSubquery turns a WHERE conjunct [NOT] EXISTS (q) or
// x [NOT] IN (q) into a semi or anti join of n, marking it in c.subs.
func (b *binder) joinConjunctSubquery(n Node, c *ectx, conj ast.Expr) (Node, error) {
	not := false
	e := conj
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == "NOT" {
		switch u.X.(type) {
		case *ast.ExistsExpr, *ast.InExpr:
			not, e = true, u.X
		}
	}
	var q *ast.Query
	var x ast.Expr
	switch s := e.(type) {
	case *ast.ExistsExpr:
		q = s.Query
	case *ast.InExpr:
		if s.Query == nil {
			return n, nil
		}
		q, x = s.Query, s.X
		not = not != s.Not
	default:
		return n, nil
	}
	corr := &corrPull{outer: c.s}
	sub, ss, err := b.bindQuery(q, corr)
	if err != nil {
		return nil, err
	}
	if corr.grouped && len(corr.conds) > 0 {
		for _, cond := range corr.conds {
			if !isEquality(cond) {
				return nil, errorf(q, "a correlated subquery with aggregates supports only equality correlations, not %s", cond)
			}
		}
	}
	nOuter := width(c)
	res := remapCorr(corr.conds, nOuter)
	kind := JoinSemi
	if not {
		kind = JoinAnti
	}
	if x != nil {
		vis := 0
		for _, col := range ss.cols {
			if !col.hidden {
				vis++
			}
		}
		if vis != 1 {
			return nil, errorf(q, "the subquery of IN must return exactly one column, not %d", vis)
		}
		xv, err := b.bindExpr(c, x)
		if err != nil {
			return nil, err
		}
		col := sub.Columns()[0]
		v := expr.NewColumn(nOuter, col.Name, col.Type)
		eqc, err := expr.NewCompare(fn.OpEQ, xv, v)
		if err != nil {
			return nil, errorf(conj, "IN: cannot compare %s with %s", xv.Type(), col.Type)
		}
		if not && res == nil {
			call := eqc.(*expr.Call)
			c.subs[conj] = -1
			return newJoin(JoinNullAwareAnti, n, sub, []expr.Expr{call.Args[0]},
				[]expr.Expr{expr.Remap(call.Args[1], func(i int) int { return i - nOuter })}, nil), nil
		}
		if not {
			// NOT IN with correlation: no inner row where x = v is TRUE or NULL.
			if eqc, err = expr.NewIs(fn.TestNotFalse, eqc); err != nil {
				return nil, err
			}
		}
		res = and(res, eqc)
	}
	c.subs[conj] = -1
	return newJoin(kind, n, sub, nil, nil, res), nil
}
