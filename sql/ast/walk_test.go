package ast

import (
	"strings"
	"testing"
)

func TestInspect(t *testing.T) {
	// SELECT f(a, ?) FROM t WHERE b IN (SELECT c FROM u) ORDER BY d
	q := &Query{
		Body: &Select{
			Items: []*SelectItem{{Expr: &FuncCall{Name: Name{"f"}, Args: []Expr{&ColumnRef{Name: Name{"a"}}, &Param{Index: 1}}}}},
			From:  &TableName{Name: Name{"t"}},
			Where: &InExpr{X: &ColumnRef{Name: Name{"b"}}, Query: &Query{Body: &Select{
				Items: []*SelectItem{{Expr: &ColumnRef{Name: Name{"c"}}}}, From: &TableName{Name: Name{"u"}}}}},
		},
		OrderBy: []*OrderItem{{Expr: &ColumnRef{Name: Name{"d"}}}},
	}
	var cols, tables []string
	params := 0
	Inspect(q, func(n Node) bool {
		switch n := n.(type) {
		case *ColumnRef:
			cols = append(cols, n.Name.String())
		case *TableName:
			tables = append(tables, n.Name.String())
		case *Param:
			params++
		}
		return true
	})
	if got := strings.Join(cols, ","); got != "a,b,c,d" {
		t.Errorf("columns %s", got)
	}
	if got := strings.Join(tables, ","); got != "t,u" {
		t.Errorf("tables %s", got)
	}
	if params != 1 {
		t.Errorf("params %d", params)
	}
	// Returning false prunes the subtree.
	var seen []string
	Inspect(q, func(n Node) bool {
		if _, ok := n.(*InExpr); ok {
			return false
		}
		if c, ok := n.(*ColumnRef); ok {
			seen = append(seen, c.Name.String())
		}
		return true
	})
	if got := strings.Join(seen, ","); got != "a,d" {
		t.Errorf("pruned walk saw %s", got)
	}
	Inspect(nil, func(Node) bool { t.Error("visited nil"); return true })
	var nilQuery *Query
	Inspect(nilQuery, func(Node) bool { t.Error("visited nil pointer"); return true })
}
