package plan

import (
	"strconv"
	"strings"

	"github.com/weir-data/weir/sql/ast"
	"github.com/weir-data/weir/sql/expr"
	"github.com/weir-data/weir/sql/fn"
	"github.com/weir-data/weir/types"
)

// bindSelect binds a SELECT with the ORDER BY of its query. With corr set,
// correlated WHERE conjuncts are pulled out into corr.conds instead of
// filtering, and the columns they reference are appended to the output.
func (b *binder) bindSelect(sel *ast.Select, orderBy []*ast.OrderItem, corr *corrPull) (Node, *scope, error) {
	n, fs, err := b.bindFrom(sel.From)
	if err != nil {
		return nil, nil, err
	}
	if corr != nil {
		fs.parent = corr.outer
	}
	// WHERE
	if sel.Where != nil {
		if n, err = b.bindWhere(n, fs, sel.Where, corr); err != nil {
			return nil, nil, err
		}
	}
	// Columns of the FROM scope referenced by pulled correlation conditions.
	var corrCols []int
	if corr != nil {
		seen := map[int]bool{}
		for _, c := range corr.conds {
			for _, i := range expr.Columns(c) {
				if i < outerBase && !seen[i] {
					seen[i] = true
					corrCols = append(corrCols, i)
				}
			}
		}
	}

	// Expand the select list.
	type item struct {
		e    ast.Expr
		name string
		col  int // ≥ 0: a * expansion of FROM column col
	}
	var items []item
	for i, it := range sel.Items {
		if st, ok := it.Expr.(*ast.Star); ok {
			q := ""
			if len(st.Qualifier) > 0 {
				q = st.Qualifier.Last()
			}
			found := false
			for ci, c := range fs.cols {
				if c.hidden || q != "" && !strings.EqualFold(c.table, q) {
					continue
				}
				found = true
				items = append(items, item{name: c.name, col: ci})
			}
			if !found && q != "" {
				return nil, nil, fs.notFound(st, q, "*")
			}
			continue
		}
		name := it.Alias
		if name == "" {
			if cr, ok := it.Expr.(*ast.ColumnRef); ok {
				name = cr.Name.Last()
			} else {
				name = "EXPR$" + strconv.Itoa(i)
			}
		}
		items = append(items, item{e: it.Expr, name: name, col: -1})
	}

	// Aggregation?
	var aggCalls []*ast.FuncCall
	collect := func(e ast.Expr) {
		walk(e, func(x ast.Expr) bool {
			if c, ok := x.(*ast.FuncCall); ok && !isWindowCall(c) {
				name := strings.ToUpper(c.Name.Last())
				if fn.IsAggregate(name) || name == "GROUPING" || name == "GROUPING_ID" {
					aggCalls = append(aggCalls, c)
					return false
				}
			}
			return true
		})
	}
	for _, it := range items {
		if it.e != nil {
			collect(it.e)
		}
	}
	collect(sel.Having)
	for _, o := range orderBy {
		collect(o.Expr)
	}
	grouped := len(sel.GroupBy) > 0 || len(aggCalls) > 0 || sel.Having != nil

	c := &ectx{s: fs, what: "SELECT"}
	if grouped {
		if corr != nil && len(corrCols) > 0 {
			if len(sel.GroupBy) > 0 {
				return nil, nil, errorf(sel, "a correlated subquery with GROUP BY is not supported")
			}
			corr.grouped = true
		}
		if n, c, err = b.bindGrouping(n, fs, sel, items2exprs(items, func(it item) (ast.Expr, string) { return it.e, it.name }), aggCalls, corrCols); err != nil {
			return nil, nil, err
		}
		if sel.Having != nil {
			c.what = "HAVING"
			if n, err = b.bindHaving(n, c, sel.Having); err != nil {
				return nil, nil, err
			}
			c.what = "SELECT"
		}
	}

	// Window functions.
	var winCalls []*ast.FuncCall
	for _, it := range items {
		walk(it.e, func(x ast.Expr) bool {
			if f, ok := x.(*ast.FuncCall); ok && isWindowCall(f) {
				winCalls = append(winCalls, f)
				return false
			}
			return true
		})
	}
	if len(winCalls) > 0 {
		if n, err = b.bindWindows(n, c, sel, winCalls); err != nil {
			return nil, nil, err
		}
	}

	// Scalar subqueries in the select list.
	for _, it := range items {
		if it.e != nil {
			if n, err = b.joinScalarSubqueries(n, c, it.e); err != nil {
				return nil, nil, err
			}
		}
	}

	var exprs []expr.Expr
	var names []string
	out := &scope{}
	for _, it := range items {
		var e expr.Expr
		if it.e == nil {
			if grouped {
				return nil, nil, errorf(sel, "* is not allowed with GROUP BY or aggregates")
			}
			col := fs.cols[it.col]
			e = expr.NewColumn(it.col, col.name, col.typ)
		} else if e, err = b.bindExpr(c, it.e); err != nil {
			return nil, nil, err
		}
		if e.Type().Root == 0 {
			e = expr.NewNull(types.NewString())
		}
		exprs = append(exprs, e)
		names = append(names, it.name)
		out.cols = append(out.cols, scopeCol{name: it.name, typ: e.Type()})
	}
	nvis := len(exprs)
	// Correlation columns follow the select list.
	if corr != nil {
		pos := map[int]int{}
		for _, ci := range corrCols {
			var e expr.Expr
			if grouped {
				e = b.colRef(c, c.agg.keyCol[ci])
			} else {
				col := fs.cols[ci]
				e = expr.NewColumn(ci, col.name, col.typ)
			}
			pos[ci] = len(exprs)
			exprs = append(exprs, e)
			names = append(names, fs.cols[ci].name)
			out.cols = append(out.cols, scopeCol{name: fs.cols[ci].name, typ: e.Type(), hidden: true})
		}
		for i, cond := range corr.conds {
			corr.conds[i] = expr.Remap(cond, func(x int) int {
				if x >= outerBase {
					return x
				}
				return pos[x]
			})
		}
	}

	// ORDER BY: by output alias or ordinal, or an expression added as a hidden column.
	var keys []SortKey
	if len(orderBy) > 0 && corr == nil {
		oc := &ectx{s: out, what: "ORDER BY"}
		for _, o := range orderBy {
			e, err := b.orderExpr(oc, o, func(x ast.Expr) (expr.Expr, error) {
				for i, it := range items {
					if it.e != nil && ast.Format(it.e) == ast.Format(x) {
						return expr.NewColumn(i, names[i], exprs[i].Type()), nil
					}
				}
				if sel.Distinct {
					return nil, errorf(x, "with SELECT DISTINCT, ORDER BY expressions must appear in the select list")
				}
				if n2, err := b.joinScalarSubqueries(n, c, x); err != nil {
					return nil, err
				} else {
					n = n2
				}
				v, err := b.bindExpr(c, x)
				if err != nil {
					return nil, err
				}
				exprs = append(exprs, v)
				names = append(names, "$order"+strconv.Itoa(len(exprs)))
				return expr.NewColumn(len(exprs)-1, "", v.Type()), nil
			})
			if err != nil {
				return nil, nil, err
			}
			keys = append(keys, sortKey(e, o))
		}
	}
	n = newProject(n, exprs, names)
	if sel.Distinct {
		if len(exprs) != nvis {
			n = identityProject(n, seq(nvis))
		}
		n = distinct(n)
	}
	if len(keys) > 0 {
		n = newSort(n, keys, 0, -1)
		if len(exprs) > nvis && !sel.Distinct {
			n = identityProject(n, seq(nvis))
		}
	}
	return n, out, nil
}

func seq(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}

func items2exprs[T any](items []T, f func(T) (ast.Expr, string)) []selItem {
	out := make([]selItem, len(items))
	for i, it := range items {
		out[i].e, out[i].name = f(it)
	}
	return out
}

type selItem struct {
	e    ast.Expr
	name string
}

// orderExpr binds an ORDER BY item over the output scope: an ordinal,
// an output column name, else (with other) any expression.
func (b *binder) orderExpr(c *ectx, o *ast.OrderItem, other func(ast.Expr) (expr.Expr, error)) (expr.Expr, error) {
	if n, ok := o.Expr.(*ast.NumberLit); ok && n.Kind == ast.IntegerNumber {
		k, err := strconv.Atoi(n.Text)
		if err != nil || k < 1 || k > len(c.s.cols) {
			return nil, errorf(n, "ORDER BY position %s is not in the select list (1 to %d)", n.Text, len(c.s.cols))
		}
		col := c.s.cols[k-1]
		return expr.NewColumn(k-1, col.name, col.typ), nil
	}
	if cr, ok := o.Expr.(*ast.ColumnRef); ok && len(cr.Name) == 1 {
		i, err := c.s.lookup(cr, "", cr.Name[0])
		if err != nil {
			return nil, err
		}
		if i >= 0 {
			col := c.s.cols[i]
			return expr.NewColumn(i, col.name, col.typ), nil
		}
	}
	if other != nil {
		return other(o.Expr)
	}
	return b.bindExpr(c, o.Expr)
}

// bindWhere filters n by a WHERE (or HAVING) condition, joining its
// subqueries in first.
func (b *binder) bindWhere(n Node, s *scope, where ast.Expr, corr *corrPull) (Node, error) {
	c := &ectx{s: s, subs: map[ast.Node]int{}, what: "WHERE"}
	var cond expr.Expr
	for _, conj := range conjuncts(where) {
		var err error
		if n, err = b.joinConjunctSubquery(n, c, conj); err != nil {
			return nil, err
		}
		if _, ok := c.subs[conj]; ok {
			continue
		}
		if n, err = b.joinScalarSubqueries(n, c, conj); err != nil {
			return nil, err
		}
		var e expr.Expr
		if corr != nil {
			s.corr = &correlation{}
			e, err = b.bindExpr(c, conj)
			used := s.corr.used
			s.corr = nil
			if err != nil {
				return nil, err
			}
			if used {
				corr.conds = append(corr.conds, e)
				continue
			}
		} else if e, err = b.bindExpr(c, conj); err != nil {
			return nil, err
		}
		if e.Type().Root != types.Boolean && e.Type().Root != 0 {
			return nil, errorf(conj, "WHERE needs a BOOLEAN condition, not %s", e.Type())
		}
		cond = and(cond, e)
	}
	if cond == nil {
		return n, nil
	}
	return newFilter(n, cond), nil
}
