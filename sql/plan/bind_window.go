package plan

import "github.com/weir-data/weir/sql/ast"

// bindWindows computes the window functions of a select list.
func (b *binder) bindWindows(n Node, c *ectx, sel *ast.Select, calls []*ast.FuncCall) (Node, error) {
	return nil, errorf(calls[0], "window functions (OVER) are not supported yet")
}
