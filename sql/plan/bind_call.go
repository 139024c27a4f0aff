package plan

import (
	"strings"

	"github.com/weir-data/weir/sql/ast"
	"github.com/weir-data/weir/sql/expr"
	"github.com/weir-data/weir/sql/fn"
)

func (b *binder) bindCall(c *ectx, e *ast.FuncCall) (expr.Expr, error) {
	name := strings.ToUpper(e.Name.Last())
	if isWindowCall(e) {
		return nil, errorf(e, "window function %s is not allowed in %s", name, c.whatOr("this clause"))
	}
	if fn.IsAggregate(name) {
		return nil, errorf(e, "aggregate function %s is not allowed in %s", name, c.whatOr("this clause"))
	}
	if name == "GROUPING" || name == "GROUPING_ID" {
		return nil, errorf(e, "%s is only allowed with GROUP BY", name)
	}
	if e.Distinct || e.Star || e.Filter != nil {
		return nil, errorf(e, "%s is not an aggregate function", name)
	}
	args := make([]expr.Expr, len(e.Args))
	for i, a := range e.Args {
		if u, ok := a.(*ast.TimeUnitArg); ok {
			args[i] = stringLit(u.Unit)
			continue
		}
		var err error
		if args[i], err = b.bindExpr(c, a); err != nil {
			return nil, err
		}
	}
	switch name {
	case "COALESCE":
		out, err := expr.NewCoalesce(args...)
		if err != nil {
			return nil, errorf(e, "COALESCE: %v", err)
		}
		return out, nil
	case "IFNULL":
		if len(args) == 2 {
			out, err := expr.NewCoalesce(args...)
			if err != nil {
				return nil, errorf(e, "IFNULL: %v", err)
			}
			return out, nil
		}
	case "NULLIF":
		if len(args) != 2 {
			return nil, errorf(e, "NULLIF takes 2 arguments, not %d", len(args))
		}
		out, err := expr.NewNullIf(args[0], args[1])
		if err != nil {
			return nil, errorf(e, "NULLIF: %v", err)
		}
		return out, nil
	case "IF":
		if len(args) != 3 {
			return nil, errorf(e, "IF takes 3 arguments, not %d", len(args))
		}
		out, err := expr.NewIf(args[0], args[1], args[2])
		if err != nil {
			return nil, errorf(e, "IF: %v", err)
		}
		return out, nil
	}
	return b.fnCall(e, name, args...)
}
