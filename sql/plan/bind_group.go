package plan

import (
	"strconv"
	"strings"

	"github.com/weir-data/weir/sql/ast"
	"github.com/weir-data/weir/sql/expr"
	"github.com/weir-data/weir/sql/fn"
	"github.com/weir-data/weir/types"
)

// bindGrouping builds the aggregation of a SELECT and returns the context
// in which the rest of the SELECT binds (over the aggregation's output).
func (b *binder) bindGrouping(n Node, fs *scope, sel *ast.Select, items []selItem, calls []*ast.FuncCall, corrCols []int) (Node, *ectx, error) {
	c := &ectx{s: fs, what: "GROUP BY"}
	var keys []expr.Expr
	var keyNames []string
	byText := map[string]int{}
	keyCol := map[int]int{}
	addKey := func(a ast.Expr) (int, error) {
		if cr, ok := a.(*ast.ColumnRef); ok && len(cr.Name) == 1 {
			if i, err := fs.lookup(cr, "", cr.Name[0]); err != nil {
				return 0, err
			} else if i < 0 {
				for _, it := range items {
					if it.e != nil && strings.EqualFold(it.name, cr.Name[0]) {
						a = it.e
						break
					}
				}
			}
		}
		if nl, ok := a.(*ast.NumberLit); ok && nl.Kind == ast.IntegerNumber {
			k, err := strconv.Atoi(nl.Text)
			if err != nil || k < 1 || k > len(items) || items[k-1].e == nil {
				return 0, errorf(nl, "GROUP BY position %s is not in the select list", nl.Text)
			}
			a = items[k-1].e
		}
		text := ast.Format(a)
		if i, ok := byText[text]; ok {
			return i, nil
		}
		e, err := b.bindExpr(c, a)
		if err != nil {
			return 0, err
		}
		i := len(keys)
		keys = append(keys, e)
		name := "EXPR$" + strconv.Itoa(i)
		if cr, ok := a.(*ast.ColumnRef); ok {
			name = cr.Name.Last()
		}
		keyNames = append(keyNames, name)
		byText[text] = i
		if col, ok := e.(*expr.Column); ok {
			if _, dup := keyCol[col.Index]; !dup {
				keyCol[col.Index] = i
			}
		}
		return i, nil
	}
	var base []int
	var sets [][]int
	hasSets := false
	for _, g := range sel.GroupBy {
		switch g := g.(type) {
		case *ast.EmptyGroup:
		case *ast.GroupingSetsExpr:
			var gs [][]int
			var elems [][]ast.Expr
			for _, it := range g.Items {
				switch it := it.(type) {
				case *ast.RowExpr:
					elems = append(elems, it.Items)
				case *ast.EmptyGroup:
					elems = append(elems, nil)
				default:
					elems = append(elems, []ast.Expr{it})
				}
			}
			idx := make([][]int, len(elems))
			for i, el := range elems {
				for _, x := range el {
					k, err := addKey(x)
					if err != nil {
						return nil, nil, err
					}
					idx[i] = append(idx[i], k)
				}
			}
			switch g.Kind {
			case "ROLLUP":
				for i := len(idx); i >= 0; i-- {
					var s []int
					for _, x := range idx[:i] {
						s = append(s, x...)
					}
					gs = append(gs, s)
				}
			case "CUBE":
				for m := (1 << len(idx)) - 1; m >= 0; m-- {
					var s []int
					for i := range idx {
						if m&(1<<i) != 0 {
							s = append(s, idx[i]...)
						}
					}
					gs = append(gs, s)
				}
			default:
				gs = idx
			}
			if !hasSets {
				sets = gs
			} else {
				var cross [][]int
				for _, a := range sets {
					for _, bb := range gs {
						cross = append(cross, append(append([]int(nil), a...), bb...))
					}
				}
				sets = cross
			}
			hasSets = true
		default:
			k, err := addKey(g)
			if err != nil {
				return nil, nil, err
			}
			base = append(base, k)
		}
	}
	for _, ci := range corrCols {
		col := fs.cols[ci]
		k, ok := keyCol[ci]
		if !ok {
			k = len(keys)
			keys = append(keys, expr.NewColumn(ci, col.name, col.typ))
			keyNames = append(keyNames, col.name)
			keyCol[ci] = k
		}
		base = append(base, k)
	}
	if hasSets {
		for i := range sets {
			sets[i] = append(append([]int(nil), base...), sets[i]...)
		}
	} else {
		sets = nil
	}

	// Aggregates.
	ac := &ectx{s: fs, what: "the arguments of an aggregate function"}
	var aggs []AggCall
	var aggNames []string
	var groupingCalls []*ast.FuncCall
	nk := len(keys)
	for _, call := range calls {
		text := ast.Format(call)
		if _, ok := byText[text]; ok {
			continue
		}
		name := strings.ToUpper(call.Name.Last())
		if name == "GROUPING" || name == "GROUPING_ID" {
			groupingCalls = append(groupingCalls, call)
			continue
		}
		var args []expr.Expr
		for _, a := range call.Args {
			e, err := b.bindExpr(ac, a)
			if err != nil {
				return nil, nil, err
			}
			args = append(args, e)
		}
		fa := make([]fn.Arg, len(args))
		for i, a := range args {
			fa[i] = fn.Arg{Type: a.Type()}
			if l, ok := a.(*expr.Literal); ok {
				fa[i].IsConst, fa[i].Const = true, l.Value
			}
		}
		agg, err := fn.ResolveAggregate(name, fa, call.Distinct)
		if err != nil {
			return nil, nil, errorf(call, "%v", err)
		}
		for i := range args {
			if i < len(agg.Args) && agg.Args[i].Root != 0 {
				if args[i], err = castTo(args[i], agg.Args[i].WithNullable(args[i].Type().Nullable)); err != nil {
					return nil, nil, errorf(call, "%v", err)
				}
			}
		}
		var filter expr.Expr
		if call.Filter != nil {
			if filter, err = b.bindExpr(&ectx{s: fs, what: "FILTER"}, call.Filter); err != nil {
				return nil, nil, err
			}
		}
		byText[text] = nk + len(aggs)
		aggs = append(aggs, AggCall{Fn: agg, Args: args, Filter: filter, Distinct: call.Distinct})
		aggNames = append(aggNames, "EXPR$"+strconv.Itoa(nk+len(aggNames)))
	}
	for text, i := range byText {
		if i < nk {
			continue
		}
		_ = text
	}
	agg := newAggregate(n, keys, keyNames, aggs, aggNames, sets)
	var out Node = agg
	cols := append([]ResultColumn(nil), agg.Columns()...)
	if len(groupingCalls) > 0 {
		if sets == nil {
			return nil, nil, errorf(groupingCalls[0], "GROUPING is only allowed with GROUPING SETS, ROLLUP or CUBE")
		}
		gcol := len(cols) - 1
		g := expr.NewColumn(gcol, "$g", cols[gcol].Type)
		exprs := make([]expr.Expr, len(cols))
		names := make([]string, len(cols))
		for i, col := range cols {
			exprs[i] = expr.NewColumn(i, col.Name, col.Type)
			names[i] = col.Name
		}
		for _, call := range groupingCalls {
			text := ast.Format(call)
			if _, ok := byText[text]; ok {
				continue
			}
			var sum expr.Expr
			for j, a := range call.Args {
				k, ok := byText[ast.Format(a)]
				if !ok || k >= nk {
					return nil, nil, errorf(a, "the argument of GROUPING must be a GROUP BY expression")
				}
				bit, err := bitOf(g, k, len(call.Args)-1-j)
				if err != nil {
					return nil, nil, err
				}
				if sum == nil {
					sum = bit
				} else if sum, err = expr.NewArithmetic("+", sum, bit); err != nil {
					return nil, nil, err
				}
			}
			if sum == nil {
				sum, _ = expr.NewLiteral(int64(0), types.NewBigInt().NotNull())
			}
			byText[text] = len(exprs)
			exprs = append(exprs, sum)
			names = append(names, "EXPR$"+strconv.Itoa(len(exprs)-1))
		}
		p := newProject(agg, exprs, names)
		out = p
		cols = append([]ResultColumn(nil), p.Columns()...)
	}
	as := &aggScope{from: fs, byText: byText, keyCol: keyCol, cols: cols}
	ms := &scope{}
	for _, col := range cols {
		ms.cols = append(ms.cols, scopeCol{name: col.Name, typ: col.Type, hidden: true})
	}
	return out, &ectx{s: ms, agg: as, what: "SELECT"}, nil
}

// bitOf returns ((g / 2^k) % 2) * 2^shift as BIGINT.
func bitOf(g expr.Expr, k, shift int) (expr.Expr, error) {
	lit := func(v int64) expr.Expr {
		l, _ := expr.NewLiteral(v, types.NewBigInt().NotNull())
		return l
	}
	d, err := expr.NewArithmetic("/", g, lit(1<<k))
	if err != nil {
		return nil, err
	}
	m, err := expr.NewArithmetic("%", d, lit(2))
	if err != nil {
		return nil, err
	}
	return expr.NewArithmetic("*", m, lit(1<<shift))
}

func (b *binder) bindHaving(n Node, c *ectx, having ast.Expr) (Node, error) {
	var cond expr.Expr
	for _, conj := range conjuncts(having) {
		var err error
		if n, err = b.joinScalarSubqueries(n, c, conj); err != nil {
			return nil, err
		}
		e, err := b.bindExpr(c, conj)
		if err != nil {
			return nil, err
		}
		if e.Type().Root != types.Boolean {
			return nil, errorf(conj, "HAVING needs a BOOLEAN condition, not %s", e.Type())
		}
		cond = and(cond, e)
	}
	return newFilter(n, cond), nil
}
