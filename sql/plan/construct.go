package plan

import (
	"github.com/weir-data/weir/sql/expr"
	"github.com/weir-data/weir/types"
)

func newFilter(in Node, cond expr.Expr) *FilterNode {
	return &FilterNode{nodeBase: nodeBase{cols: in.Columns(), mode: InsertOnly, rows: scaleRows(in, 0.5)}, Input: in, Cond: cond}
}

func newProject(in Node, exprs []expr.Expr, names []string) *ProjectNode {
	cols := make([]ResultColumn, len(exprs))
	for i, e := range exprs {
		cols[i] = ResultColumn{Name: names[i], Type: e.Type()}
	}
	return &ProjectNode{nodeBase: nodeBase{cols: cols, mode: InsertOnly, rows: EstimatedRows(in)}, Input: in, Exprs: exprs}
}

// identityProject projects in's columns at positions idx.
func identityProject(in Node, idx []int) *ProjectNode {
	cols := in.Columns()
	exprs := make([]expr.Expr, len(idx))
	names := make([]string, len(idx))
	for i, c := range idx {
		exprs[i] = expr.NewColumn(c, cols[c].Name, cols[c].Type)
		names[i] = cols[c].Name
	}
	return newProject(in, exprs, names)
}

func newAggregate(in Node, keys []expr.Expr, keyNames []string, aggs []AggCall, aggNames []string, sets [][]int) *AggregateNode {
	var cols []ResultColumn
	for i, k := range keys {
		t := k.Type()
		if sets != nil {
			t = t.WithNullable(true)
		}
		cols = append(cols, ResultColumn{Name: keyNames[i], Type: t})
	}
	for i, a := range aggs {
		cols = append(cols, ResultColumn{Name: aggNames[i], Type: a.Fn.Result})
	}
	if sets != nil {
		cols = append(cols, ResultColumn{Name: "$g", Type: types.NewBigInt().NotNull()})
	}
	rows := 1.0
	if len(keys) > 0 {
		rows = scaleRows(in, 0.1)
	}
	return &AggregateNode{nodeBase: nodeBase{cols: cols, mode: InsertOnly, rows: rows}, Input: in, Keys: keys, Aggs: aggs, GroupingSets: sets}
}

func newJoin(kind JoinKind, l, r Node, lk, rk []expr.Expr, residual expr.Expr) *JoinNode {
	var cols []ResultColumn
	for _, c := range l.Columns() {
		if kind == JoinRight || kind == JoinFull {
			c.Type = c.Type.WithNullable(true)
		}
		cols = append(cols, c)
	}
	if kind.projectsRight() {
		for _, c := range r.Columns() {
			if kind == JoinLeft || kind == JoinFull {
				c.Type = c.Type.WithNullable(true)
			}
			cols = append(cols, c)
		}
	}
	lr, rr := EstimatedRows(l), EstimatedRows(r)
	var rows float64
	switch {
	case kind >= JoinSemi:
		rows = lr * 0.5
	case len(lk) == 0:
		rows = lr * rr
	default:
		rows = max(lr, rr)
	}
	if lr < 0 || rr < 0 {
		rows = -1
	}
	return &JoinNode{nodeBase: nodeBase{cols: cols, mode: InsertOnly, rows: rows}, Kind: kind, L: l, R: r, LeftKeys: lk, RightKeys: rk, Residual: residual}
}

func newSort(in Node, keys []SortKey, offset, limit int64) *SortNode {
	rows := EstimatedRows(in)
	if limit >= 0 && (rows < 0 || float64(limit) < rows) {
		rows = float64(limit)
	}
	return &SortNode{nodeBase: nodeBase{cols: in.Columns(), mode: InsertOnly, rows: rows}, Input: in, Keys: keys, Offset: offset, Limit: limit}
}

func newLimit(in Node, offset, limit int64) *LimitNode {
	rows := EstimatedRows(in)
	if limit >= 0 && (rows < 0 || float64(limit) < rows) {
		rows = float64(limit)
	}
	return &LimitNode{nodeBase: nodeBase{cols: in.Columns(), mode: InsertOnly, rows: rows}, Input: in, Offset: offset, Limit: limit}
}

func newUnion(cols []ResultColumn, all []Node) *UnionNode {
	rows := 0.0
	for _, n := range all {
		if r := EstimatedRows(n); r < 0 || rows < 0 {
			rows = -1
		} else {
			rows += r
		}
	}
	return &UnionNode{nodeBase: nodeBase{cols: cols, mode: InsertOnly, rows: rows}, All: all}
}

func newSingleRow(in Node) *SingleRowNode {
	return &SingleRowNode{nodeBase: nodeBase{cols: in.Columns(), mode: InsertOnly, rows: 1}, Input: in}
}

func newValues(cols []ResultColumn, rows [][]expr.Expr) *ValuesNode {
	return &ValuesNode{nodeBase: nodeBase{cols: cols, mode: InsertOnly, rows: float64(len(rows))}, Rows: rows}
}

func scaleRows(in Node, f float64) float64 {
	r := EstimatedRows(in)
	if r < 0 {
		return -1
	}
	return max(1, r*f)
}
