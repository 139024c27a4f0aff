package plan

import "github.com/weir-data/weir/sql/ast"

// children returns the direct subexpressions of e (not descending into
// subqueries).
func children(e ast.Expr) []ast.Expr {
	var out []ast.Expr
	add := func(xs ...ast.Expr) {
		for _, x := range xs {
			if x != nil {
				out = append(out, x)
			}
		}
	}
	switch e := e.(type) {
	case *ast.UnaryExpr:
		add(e.X)
	case *ast.BinaryExpr:
		add(e.L, e.R)
	case *ast.IsDistinctFrom:
		add(e.L, e.R)
	case *ast.IsExpr:
		add(e.X)
	case *ast.BetweenExpr:
		add(e.X, e.Low, e.High)
	case *ast.InExpr:
		add(e.X)
		add(e.List...)
	case *ast.LikeExpr:
		add(e.X, e.Pattern, e.Escape)
	case *ast.CaseExpr:
		add(e.Operand)
		for _, w := range e.Whens {
			add(w.Cond, w.Result)
		}
		add(e.Else)
	case *ast.CastExpr:
		add(e.X)
	case *ast.FuncCall:
		add(e.Args...)
		add(e.Filter)
		if e.Over != nil {
			add(e.Over.PartitionBy...)
			for _, o := range e.Over.OrderBy {
				add(o.Expr)
			}
		}
	case *ast.ExtractExpr:
		add(e.X)
	case *ast.PositionExpr:
		add(e.Sub, e.X)
	case *ast.SubstringExpr:
		add(e.X, e.From, e.For)
	case *ast.TrimExpr:
		add(e.Chars, e.X)
	case *ast.OverlayExpr:
		add(e.X, e.Placing, e.From, e.For)
	case *ast.FloorCeilExpr:
		add(e.X)
	case *ast.JSONValueExpr:
		add(e.X, e.Path)
	case *ast.JSONQueryExpr:
		add(e.X, e.Path)
	case *ast.JSONExistsExpr:
		add(e.X, e.Path)
	case *ast.RowExpr:
		add(e.Items...)
	case *ast.FieldExpr:
		add(e.X)
	case *ast.IndexExpr:
		add(e.X, e.Index)
	case *ast.NamedArg:
		add(e.Value)
	}
	return out
}

// walk calls f on e and its subexpressions, pre-order, skipping the
// children of nodes for which f returns false.
func walk(e ast.Expr, f func(ast.Expr) bool) {
	if e == nil || !f(e) {
		return
	}
	for _, c := range children(e) {
		walk(c, f)
	}
}

// conjuncts splits e on AND.
func conjuncts(e ast.Expr) []ast.Expr {
	if e == nil {
		return nil
	}
	if b, ok := e.(*ast.BinaryExpr); ok && b.Op == "AND" {
		return append(conjuncts(b.L), conjuncts(b.R)...)
	}
	return []ast.Expr{e}
}

func isWindowCall(e ast.Expr) bool {
	c, ok := e.(*ast.FuncCall)
	return ok && (c.Over != nil || c.OverName != "")
}
