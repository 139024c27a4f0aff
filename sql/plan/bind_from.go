package plan

import (
	"strings"

	"github.com/weir-data/weir/sql/ast"
	"github.com/weir-data/weir/sql/expr"
	"github.com/weir-data/weir/sql/fn"
	"github.com/weir-data/weir/types"
)

const maxViewDepth = 32

func (b *binder) bindFrom(te ast.TableExpr) (Node, *scope, error) {
	switch te := te.(type) {
	case nil:
		// SELECT without FROM: one row, no columns.
		return newValues(nil, [][]expr.Expr{{}}), &scope{}, nil
	case *ast.TableName:
		return b.bindTableName(te)
	case *ast.DerivedTable:
		if te.Lateral {
			return nil, nil, errorf(te, "LATERAL subqueries are not supported")
		}
		n, s, err := b.bindQuery(te.Query, nil)
		if err != nil {
			return nil, nil, err
		}
		return applyAlias(te, n, s, te.Alias, "")
	case *ast.Join:
		return b.bindJoin(te)
	case *ast.TableFunc:
		return nil, nil, errorf(te, "table functions are not supported yet")
	case *ast.Unnest:
		return nil, nil, errorf(te, "UNNEST is not supported yet")
	}
	return nil, nil, errorf(te, "unsupported FROM item")
}

// applyAlias requalifies s's columns (and renames them when the alias lists
// columns).
func applyAlias(n ast.Node, node Node, s *scope, a *ast.Alias, def string) (Node, *scope, error) {
	out := &scope{}
	q := def
	if a != nil {
		q = a.Name
	}
	vis := 0
	for _, c := range s.cols {
		c.table = q
		if !c.hidden && a != nil && len(a.Columns) > 0 {
			if vis < len(a.Columns) {
				c.name = a.Columns[vis]
			}
			vis++
		}
		out.cols = append(out.cols, c)
	}
	if a != nil && len(a.Columns) > 0 && vis != len(a.Columns) {
		return nil, nil, errorf(n, "alias %s lists %d columns but the relation has %d", a.Name, len(a.Columns), vis)
	}
	return node, out, nil
}

func (b *binder) bindTableName(te *ast.TableName) (Node, *scope, error) {
	if cte := b.lookupCTE(te.Name); cte != nil && te.SystemTime == nil {
		if b.viewDepth > maxViewDepth {
			return nil, nil, errorf(te, "%s references itself", cte.Name)
		}
		b.viewDepth++
		n, s, err := b.bindQuery(cte.Query, nil)
		b.viewDepth--
		if err != nil {
			return nil, nil, err
		}
		a := te.Alias
		if a == nil {
			a = &ast.Alias{Name: cte.Name}
		}
		if len(cte.Columns) > 0 {
			if _, s, err = applyAlias(te, n, s, &ast.Alias{Name: a.Name, Columns: cte.Columns}, ""); err != nil {
				return nil, nil, err
			}
		}
		return applyAlias(te, n, s, &ast.Alias{Name: a.Name, Columns: a.Columns}, "")
	}
	rel, err := b.cat.ResolveTable(b.ctx, te.Name)
	if err != nil {
		return nil, nil, wrapAt(te, err)
	}
	def := te.Name.Last()
	switch rel := rel.(type) {
	case *View:
		if b.viewDepth > maxViewDepth {
			return nil, nil, errorf(te, "view %s references itself", rel.Name)
		}
		b.viewDepth++
		saved := b.ctes
		b.ctes = nil
		n, s, err := b.bindQuery(rel.Query, nil)
		b.ctes = saved
		b.viewDepth--
		if err != nil {
			return nil, nil, errorf(te, "in view %s: %v", rel.Name, err)
		}
		if len(rel.Columns) > 0 {
			if _, s, err = applyAlias(te, n, s, &ast.Alias{Name: def, Columns: rel.Columns}, ""); err != nil {
				return nil, nil, err
			}
		}
		return applyAlias(te, n, s, te.Alias, def)
	case Table:
		n, s, err := b.scanTable(te, rel)
		if err != nil {
			return nil, nil, err
		}
		return applyAlias(te, n, s, te.Alias, def)
	}
	return nil, nil, errorf(te, "%s is neither a table nor a view", te.Name)
}

// physicalColumns returns the positions (among all columns) of t's physical
// columns.
func physicalColumns(t Table) []int {
	var out []int
	for i, c := range t.Columns() {
		if c.Computed == nil && c.Metadata == "" {
			out = append(out, i)
		}
	}
	return out
}

func (b *binder) scanTable(te *ast.TableName, t Table) (Node, *scope, error) {
	all := t.Columns()
	phys := physicalColumns(t)
	req := ScanRequest{Parallelism: parallelism(b.opts)}
	for _, h := range te.Hints {
		if strings.EqualFold(h.Name, "OPTIONS") {
			if req.Hints == nil {
				req.Hints = map[string]string{}
			}
			for _, o := range h.Options {
				req.Hints[o.Key] = o.Value
			}
		}
	}
	if te.SystemTime != nil {
		ms, err := b.systemTime(te.SystemTime)
		if err != nil {
			return nil, nil, err
		}
		req.TimestampMillis = ms
	}
	cols := make([]ResultColumn, len(phys))
	idx := make([]int, len(phys))
	s := &scope{}
	for i, p := range phys {
		cols[i] = ResultColumn{Name: all[p].Name, Type: all[p].Type}
		idx[i] = i
		s.cols = append(s.cols, scopeCol{name: all[p].Name, typ: all[p].Type})
	}
	rows := -1.0
	if r, ok := t.EstimatedRows(b.ctx); ok {
		rows = float64(r)
	}
	var n Node = &ScanNode{nodeBase: nodeBase{cols: cols, mode: InsertOnly, rows: rows}, Table: t, Physical: idx, Request: req}
	if len(phys) == len(all) {
		return n, s, nil
	}
	// Computed columns: project them over the physical ones, in declaration order.
	c := &ectx{s: s, what: "a computed column"}
	var exprs []expr.Expr
	var names []string
	out := &scope{}
	pi := 0
	for _, col := range all {
		switch {
		case col.Metadata != "":
			exprs = append(exprs, expr.NewNull(col.Type))
		case col.Computed != nil:
			e, err := b.bindExpr(c, col.Computed)
			if err != nil {
				return nil, nil, errorf(te, "computed column %s of %s: %v", col.Name, t.FullName(), err)
			}
			exprs = append(exprs, e)
		default:
			exprs = append(exprs, expr.NewColumn(pi, col.Name, col.Type))
			pi++
		}
		names = append(names, col.Name)
		out.cols = append(out.cols, scopeCol{name: col.Name, typ: exprs[len(exprs)-1].Type()})
	}
	return newProject(n, exprs, names), out, nil
}

func (b *binder) systemTime(e ast.Expr) (int64, error) {
	v, err := b.bindExpr(&ectx{s: &scope{}, what: "FOR SYSTEM_TIME AS OF"}, e)
	if err != nil {
		return 0, err
	}
	if v, err = expr.Fold(b.opts.Fn, v); err != nil {
		return 0, errorf(e, "FOR SYSTEM_TIME AS OF: %v", err)
	}
	if l, ok := v.(*expr.Literal); ok {
		if ts, ok := l.Value.(types.Timestamp); ok {
			ms := ts.Millis
			if l.T.Root == types.TimestampRoot {
				// A wall-clock time in the session zone.
				loc := b.opts.Fn.Loc()
				_, off := timeAt(ms, loc)
				ms -= int64(off) * 1000
			}
			return ms, nil
		}
	}
	return 0, errorf(e, "FOR SYSTEM_TIME AS OF needs a constant TIMESTAMP or TIMESTAMP_LTZ")
}

func (b *binder) bindJoin(j *ast.Join) (Node, *scope, error) {
	l, ls, err := b.bindFrom(j.L)
	if err != nil {
		return nil, nil, err
	}
	r, rs, err := b.bindFrom(j.R)
	if err != nil {
		return nil, nil, err
	}
	s := &scope{cols: append(append([]scopeCol(nil), ls.cols...), rs.cols...)}
	nl := len(ls.cols)
	kind := map[ast.JoinKind]JoinKind{ast.InnerJoin: JoinInner, ast.LeftJoin: JoinLeft, ast.RightJoin: JoinRight,
		ast.FullJoin: JoinFull, ast.CrossJoin: JoinInner, ast.CommaJoin: JoinInner}[j.Kind]
	if kind == JoinRight || kind == JoinFull {
		for i := 0; i < nl; i++ {
			s.cols[i].typ = s.cols[i].typ.WithNullable(true)
		}
	}
	if kind == JoinLeft || kind == JoinFull {
		for i := nl; i < len(s.cols); i++ {
			s.cols[i].typ = s.cols[i].typ.WithNullable(true)
		}
	}
	using := j.Using
	if j.Natural {
		for _, c := range ls.cols {
			if c.hidden {
				continue
			}
			for _, d := range rs.cols {
				if !d.hidden && c.name == d.name {
					using = append(using, c.name)
				}
			}
		}
	}
	var cond expr.Expr
	if len(using) > 0 {
		for _, name := range using {
			li, err := ls.lookup(j, "", name)
			if err != nil {
				return nil, nil, err
			}
			ri, err := rs.lookup(j, "", name)
			if err != nil {
				return nil, nil, err
			}
			if li < 0 || ri < 0 {
				return nil, nil, errorf(j, "column '%s' of USING is not on both sides of the join", name)
			}
			lc, rc := ls.cols[li], rs.cols[ri]
			c, err := expr.NewCompare(fn.OpEQ, expr.NewColumn(li, lc.name, lc.typ), expr.NewColumn(nl+ri, rc.name, rc.typ))
			if err != nil {
				return nil, nil, errorf(j, "USING (%s): cannot compare %s with %s", name, lc.typ, rc.typ)
			}
			cond = and(cond, c)
			if kind == JoinRight {
				s.cols[li].hidden = true
			} else {
				s.cols[nl+ri].hidden = true
			}
		}
	} else if j.On != nil {
		c := &ectx{s: s, what: "a join condition"}
		var hasSub bool
		walk(j.On, func(e ast.Expr) bool {
			switch e.(type) {
			case *ast.SubqueryExpr, *ast.ExistsExpr:
				hasSub = true
			case *ast.InExpr:
				hasSub = hasSub || e.(*ast.InExpr).Query != nil
			}
			return true
		})
		if hasSub {
			return nil, nil, errorf(j.On, "subqueries are not supported in a join condition")
		}
		if cond, err = b.bindExpr(c, j.On); err != nil {
			return nil, nil, err
		}
		if cond.Type().Root != types.Boolean {
			return nil, nil, errorf(j.On, "a join condition must be BOOLEAN, not %s", cond.Type())
		}
	}
	return newJoin(kind, l, r, nil, nil, cond), s, nil
}
