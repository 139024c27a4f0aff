package plan

import (
	"github.com/weir-data/weir/engine/batch"
	"github.com/weir-data/weir/paimon/table"
	"github.com/weir-data/weir/sql/expr"
	"github.com/weir-data/weir/sql/fn"
	"github.com/weir-data/weir/types"
)

// ResultColumn is one output column of a plan node.
type ResultColumn struct {
	Name string
	Type types.DataType
}

// ChangelogMode is the set of row kinds a node's output may carry (D4).
// Batch plans are insert-only; the streaming planner fills in the others.
type ChangelogMode struct {
	Kinds []types.RowKind
	// UpsertKey names the key columns of an upsert stream (no -U rows).
	UpsertKey []string
}

// InsertOnly is the mode of every batch node.
var InsertOnly = ChangelogMode{Kinds: []types.RowKind{types.Insert}}

// Node is a logical plan operator. Expressions of a node reference its
// input's columns by position (a join's condition: left columns, then
// right columns).
type Node interface {
	// Columns are the node's output columns.
	Columns() []ResultColumn
	// Inputs are the node's children.
	Inputs() []Node
	base() *nodeBase
}

// nodeBase holds what every node carries.
type nodeBase struct {
	cols []ResultColumn
	mode ChangelogMode
	rows float64 // estimated output rows; < 0 unknown
}

func (b *nodeBase) Columns() []ResultColumn { return b.cols }
func (b *nodeBase) base() *nodeBase         { return b }

// Mode returns n's changelog mode.
func Mode(n Node) ChangelogMode { return n.base().mode }

// EstimatedRows returns n's estimated output rows (< 0: unknown).
func EstimatedRows(n Node) float64 { return n.base().rows }

// ScanNode reads a table.
type ScanNode struct {
	nodeBase
	Table Table
	// Physical are positions among the table's physical columns, in output order.
	Physical []int
	Request  ScanRequest
}

// ValuesNode yields constant rows.
type ValuesNode struct {
	nodeBase
	Rows [][]expr.Expr
}

// FilterNode keeps the rows where Cond is TRUE.
type FilterNode struct {
	nodeBase
	Input Node
	Cond  expr.Expr
}

// ProjectNode computes one column per expression.
type ProjectNode struct {
	nodeBase
	Input Node
	Exprs []expr.Expr
}

// AggCall is one aggregate of an AggregateNode.
type AggCall struct {
	Fn       *fn.Aggregate
	Args     []expr.Expr
	Filter   expr.Expr
	Distinct bool
}

// AggregateNode groups by Keys. Output: keys, then aggregates. With
// GroupingSets (each a list of key positions) the output is the union of one
// grouping per set, keys outside a set NULL, followed by the grouping id
// column ($g: bit i set when key i is not grouped, as Flink's GROUPING_ID).
type AggregateNode struct {
	nodeBase
	Input        Node
	Keys         []expr.Expr
	Aggs         []AggCall
	GroupingSets [][]int
}

// JoinKind is a logical join kind.
type JoinKind uint8

// Join kinds. Semi and anti joins output the left columns only.
const (
	JoinInner JoinKind = iota + 1
	JoinLeft
	JoinRight
	JoinFull
	JoinSemi
	JoinAnti
	JoinNullAwareAnti
)

func (k JoinKind) String() string {
	return [...]string{"", "Inner", "Left", "Right", "Full", "Semi", "Anti", "NullAwareAnti"}[k]
}

func (k JoinKind) batch() batch.JoinType {
	return [...]batch.JoinType{0, batch.InnerJoin, batch.LeftJoin, batch.RightJoin, batch.FullJoin,
		batch.SemiJoin, batch.AntiJoin, batch.NullAwareAntiJoin}[k]
}

// projectsRight reports whether the output holds the right columns.
func (k JoinKind) projectsRight() bool { return k <= JoinFull }

// JoinNode joins L and R on LeftKeys[i] = RightKeys[i] (over each side)
// and Residual (over left columns then right columns; may be nil).
type JoinNode struct {
	nodeBase
	Kind                JoinKind
	L, R                Node
	LeftKeys, RightKeys []expr.Expr
	Residual            expr.Expr
}

// SortKey is one ORDER BY key.
type SortKey struct {
	Expr       expr.Expr
	Desc       bool
	NullsFirst bool
}

// SortNode orders its input; Limit ≥ 0 makes it a top-N.
type SortNode struct {
	nodeBase
	Input         Node
	Keys          []SortKey
	Offset, Limit int64
}

// LimitNode yields rows [Offset, Offset+Limit) (Limit < 0: all).
type LimitNode struct {
	nodeBase
	Input         Node
	Offset, Limit int64
}

// UnionNode concatenates inputs of equal column types.
type UnionNode struct {
	nodeBase
	All []Node
}

// SingleRowNode fails when its input has more than one row (a scalar
// subquery).
type SingleRowNode struct {
	nodeBase
	Input Node
}

// Inputs implementations.
func (n *ScanNode) Inputs() []Node      { return nil }
func (n *ValuesNode) Inputs() []Node    { return nil }
func (n *FilterNode) Inputs() []Node    { return []Node{n.Input} }
func (n *ProjectNode) Inputs() []Node   { return []Node{n.Input} }
func (n *AggregateNode) Inputs() []Node { return []Node{n.Input} }
func (n *JoinNode) Inputs() []Node      { return []Node{n.L, n.R} }
func (n *SortNode) Inputs() []Node      { return []Node{n.Input} }
func (n *LimitNode) Inputs() []Node     { return []Node{n.Input} }
func (n *UnionNode) Inputs() []Node     { return n.All }
func (n *SingleRowNode) Inputs() []Node { return []Node{n.Input} }

// Predicates pushed into a scan, for EXPLAIN.
func predString(ps []table.Predicate) string {
	s := ""
	for i, p := range ps {
		if i > 0 {
			s += ", "
		}
		s += p.String()
	}
	return s
}
