package expr

import (
	"fmt"

	"github.com/weir-data/weir/sql/fn"
	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// Column reads column Index of the input batch. Name is only for String.
// Prefer Vector (or Program) to Eval for a Column: it returns the input
// vector itself instead of copying it.
type Column struct {
	Index int
	Name  string
	T     types.DataType
}

// NewColumn returns a reference to input column index of type t.
func NewColumn(index int, name string, t types.DataType) *Column {
	return &Column{Index: index, Name: name, T: t}
}

// Type returns the column's type.
func (c *Column) Type() types.DataType { return c.T }

// Eval copies the column into out.
func (c *Column) Eval(_ *fn.Context, in *vec.Batch, _ []int32, out *vec.Vector) error {
	if c.Index < 0 || c.Index >= len(in.Cols) {
		return fmt.Errorf("column %s: index %d is outside the input's %d columns", c, c.Index, len(in.Cols))
	}
	src := in.Cols[c.Index]
	if src.Kind != out.Kind {
		return fmt.Errorf("column %s: input holds %s, expression expects %s", c, src.Type, c.T)
	}
	out.AppendVector(src)
	return nil
}

// String returns the column's name, or $index when it has none.
func (c *Column) String() string {
	if c.Name == "" {
		return fmt.Sprintf("$%d", c.Index)
	}
	return c.Name
}

func (c *Column) children() []Expr { return nil }

func (c *Column) rebuild([]Expr) Expr { return c }

// ColumnIndex is the input column the reference reads; operators use it to
// pass the column through without a copy.
func (c *Column) ColumnIndex() int { return c.Index }
