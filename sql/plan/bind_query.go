package plan

import (
	"context"
	"strconv"
	"strings"

	"github.com/weir-data/weir/sql/ast"
	"github.com/weir-data/weir/sql/expr"
	"github.com/weir-data/weir/sql/fn"
	"github.com/weir-data/weir/types"
)

// binder turns one statement's syntax tree into a logical plan.
type binder struct {
	ctx  context.Context
	cat  Catalog
	opts Options
	ctes []map[string]*ast.CTE
	// viewDepth guards against views that reference themselves.
	viewDepth int
}

// corrPull collects the correlated WHERE conjuncts of a subquery's top
// SELECT. conds reference the SELECT's output columns (below outerBase) and
// the outer scope's columns (outerBase+j).
type corrPull struct {
	outer *scope
	conds []expr.Expr
	// grouped is set when the SELECT aggregates: the correlation columns were
	// added as group keys.
	grouped bool
}

func (b *binder) bindQuery(q *ast.Query, corr *corrPull) (Node, *scope, error) {
	if len(q.With) > 0 {
		m := map[string]*ast.CTE{}
		for _, c := range q.With {
			m[c.Name] = c
		}
		b.ctes = append(b.ctes, m)
		defer func() { b.ctes = b.ctes[:len(b.ctes)-1] }()
	}
	var n Node
	var s *scope
	var err error
	sorted := false
	if sel, ok := q.Body.(*ast.Select); ok {
		n, s, err = b.bindSelect(sel, q.OrderBy, corr)
		sorted = len(q.OrderBy) > 0
	} else {
		if corr != nil {
			corr = nil // set operations and VALUES are never correlated
		}
		n, s, err = b.bindBody(q.Body)
	}
	if err != nil {
		return nil, nil, err
	}
	if len(q.OrderBy) > 0 && !sorted {
		c := &ectx{s: s, what: "ORDER BY"}
		var keys []SortKey
		for _, o := range q.OrderBy {
			e, err := b.orderExpr(c, o, nil)
			if err != nil {
				return nil, nil, err
			}
			keys = append(keys, sortKey(e, o))
		}
		n = newSort(n, keys, 0, -1)
	}
	if q.Limit != nil || q.Offset != nil {
		off, lim := int64(0), int64(-1)
		if q.Offset != nil {
			if off, err = b.constInt(q.Offset, "OFFSET"); err != nil {
				return nil, nil, err
			}
		}
		if q.Limit != nil {
			if lim, err = b.constInt(q.Limit, "LIMIT"); err != nil {
				return nil, nil, err
			}
		}
		if srt, ok := n.(*SortNode); ok && srt.Limit < 0 {
			n = newSort(srt.Input, srt.Keys, off, lim)
		} else if p, ok := n.(*ProjectNode); ok && isSortUnder(p) {
			srt := p.Input.(*SortNode)
			p2 := *p
			p2.Input = newSort(srt.Input, srt.Keys, off, lim)
			p2.rows = EstimatedRows(p2.Input)
			n = &p2
		} else {
			n = newLimit(n, off, lim)
		}
	}
	return n, s, nil
}

func isSortUnder(p *ProjectNode) bool {
	s, ok := p.Input.(*SortNode)
	return ok && s.Limit < 0
}

func sortKey(e expr.Expr, o *ast.OrderItem) SortKey {
	k := SortKey{Expr: e, Desc: o.Desc, NullsFirst: !o.Desc}
	switch o.Nulls {
	case "FIRST":
		k.NullsFirst = true
	case "LAST":
		k.NullsFirst = false
	}
	return k
}

func (b *binder) constInt(e ast.Expr, what string) (int64, error) {
	v, err := b.bindExpr(&ectx{s: &scope{}, what: what}, e)
	if err != nil {
		return 0, err
	}
	v, err = expr.Fold(b.opts.Fn, v)
	if err != nil {
		return 0, errorf(e, "%s: %v", what, err)
	}
	if l, ok := v.(*expr.Literal); ok {
		switch x := l.Value.(type) {
		case int32:
			if x >= 0 {
				return int64(x), nil
			}
		case int64:
			if x >= 0 {
				return x, nil
			}
		}
	}
	return 0, errorf(e, "%s must be a non-negative integer constant", what)
}

// bindBody binds a query body that is not a SELECT.
func (b *binder) bindBody(body ast.QueryExpr) (Node, *scope, error) {
	switch body := body.(type) {
	case *ast.Select:
		return b.bindSelect(body, nil, nil)
	case *ast.Query:
		return b.bindQuery(body, nil)
	case *ast.Values:
		return b.bindValues(body)
	case *ast.SetOp:
		return b.bindSetOp(body)
	}
	return nil, nil, errorf(body, "unsupported query")
}

func (b *binder) bindValues(v *ast.Values) (Node, *scope, error) {
	c := &ectx{s: &scope{}, what: "VALUES"}
	rows := make([][]expr.Expr, len(v.Rows))
	var width int
	for i, r := range v.Rows {
		if i == 0 {
			width = len(r)
		} else if len(r) != width {
			return nil, nil, errorf(v, "VALUES rows have different lengths: %d and %d", width, len(r))
		}
		for _, e := range r {
			x, err := b.bindExpr(c, e)
			if err != nil {
				return nil, nil, err
			}
			rows[i] = append(rows[i], x)
		}
	}
	cols := make([]ResultColumn, width)
	s := &scope{}
	for j := 0; j < width; j++ {
		ts := make([]types.DataType, len(rows))
		for i := range rows {
			ts[i] = rows[i][j].Type()
		}
		t, err := fn.CommonType(ts...)
		if err != nil {
			return nil, nil, errorf(v, "VALUES column %d: %v", j+1, err)
		}
		for i := range rows {
			if rows[i][j], err = castTo(rows[i][j], t); err != nil {
				return nil, nil, errorf(v, "VALUES column %d: %v", j+1, err)
			}
		}
		name := "EXPR$" + strconv.Itoa(j)
		cols[j] = ResultColumn{Name: name, Type: t}
		s.cols = append(s.cols, scopeCol{name: name, typ: t})
	}
	return newValues(cols, rows), s, nil
}

// castTo casts e to t unless it already has that type (nullability aside).
func castTo(e expr.Expr, t types.DataType) (expr.Expr, error) {
	if e.Type().Root != 0 && e.Type().WithNullable(true).Equal(t.WithNullable(true)) {
		return e, nil
	}
	if e.Type().Root == 0 {
		return expr.NewNull(t), nil
	}
	return expr.NewCast(e, t.WithNullable(t.Nullable || e.Type().Nullable), false)
}

func (b *binder) bindSetOp(op *ast.SetOp) (Node, *scope, error) {
	l, ls, err := b.bindBody(op.L)
	if err != nil {
		return nil, nil, err
	}
	r, _, err := b.bindBody(op.R)
	if err != nil {
		return nil, nil, err
	}
	lc, rc := l.Columns(), r.Columns()
	if len(lc) != len(rc) {
		return nil, nil, errorf(op, "%s: the left side has %d columns but the right side has %d", op.Op, len(lc), len(rc))
	}
	cols := make([]ResultColumn, len(lc))
	le, re := make([]expr.Expr, len(lc)), make([]expr.Expr, len(lc))
	names := make([]string, len(lc))
	for i := range lc {
		t, err := fn.CommonType(lc[i].Type, rc[i].Type)
		if err != nil {
			return nil, nil, errorf(op, "%s column %d (%s): %v", op.Op, i+1, lc[i].Name, err)
		}
		cols[i] = ResultColumn{Name: lc[i].Name, Type: t}
		names[i] = lc[i].Name
		if le[i], err = castTo(expr.NewColumn(i, lc[i].Name, lc[i].Type), t); err != nil {
			return nil, nil, err
		}
		if re[i], err = castTo(expr.NewColumn(i, rc[i].Name, rc[i].Type), t); err != nil {
			return nil, nil, err
		}
	}
	l = maybeProject(l, le, names)
	r = maybeProject(r, re, names)
	s := &scope{}
	for _, c := range cols {
		s.cols = append(s.cols, scopeCol{name: c.Name, typ: c.Type})
	}
	_ = ls
	switch op.Op {
	case ast.Union:
		var n Node = newUnion(cols, []Node{l, r})
		if !op.All {
			n = distinct(n)
		}
		return n, s, nil
	case ast.Intersect, ast.Except:
		if op.All {
			return nil, nil, errorf(op, "%s ALL is not supported", op.Op)
		}
		// DISTINCT left side, then a semi (anti) join on all columns, NULLs equal.
		dl := distinct(l)
		var res expr.Expr
		for i := range cols {
			a := expr.NewColumn(i, cols[i].Name, l.Columns()[i].Type)
			bb := expr.NewColumn(len(cols)+i, cols[i].Name, r.Columns()[i].Type)
			c, err := expr.NewCompare(fn.OpNotDistinct, a, bb)
			if err != nil {
				return nil, nil, err
			}
			res = and(res, c)
		}
		kind := JoinSemi
		if op.Op == ast.Except {
			kind = JoinAnti
		}
		return newJoin(kind, dl, r, nil, nil, res), s, nil
	}
	return nil, nil, errorf(op, "unsupported set operation")
}

// maybeProject projects n through exprs unless they are its columns as is.
func maybeProject(n Node, exprs []expr.Expr, names []string) Node {
	same := len(exprs) == len(n.Columns())
	for i, e := range exprs {
		if c, ok := e.(*expr.Column); !ok || c.Index != i || !c.T.Equal(n.Columns()[i].Type) {
			same = false
		}
	}
	if same {
		return n
	}
	return newProject(n, exprs, names)
}

// distinct groups n by all its columns.
func distinct(n Node) Node {
	cols := n.Columns()
	keys := make([]expr.Expr, len(cols))
	names := make([]string, len(cols))
	for i, c := range cols {
		keys[i] = expr.NewColumn(i, c.Name, c.Type)
		names[i] = c.Name
	}
	return newAggregate(n, keys, names, nil, nil, nil)
}

func and(a, b expr.Expr) expr.Expr {
	if a == nil {
		return b
	}
	if b == nil {
		return a
	}
	out, err := expr.NewAnd(a, b)
	if err != nil {
		return a // both are BOOLEAN by construction
	}
	return out
}

func (b *binder) lookupCTE(name ast.Name) *ast.CTE {
	if len(name) != 1 {
		return nil
	}
	for i := len(b.ctes) - 1; i >= 0; i-- {
		if c, ok := b.ctes[i][name[0]]; ok {
			return c
		}
	}
	for i := len(b.ctes) - 1; i >= 0; i-- {
		for k, c := range b.ctes[i] {
			if strings.EqualFold(k, name[0]) {
				return c
			}
		}
	}
	return nil
}
