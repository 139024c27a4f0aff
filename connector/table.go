package connector

import (
	"context"
	"errors"

	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// Column is one column of a connector table.
type Column struct {
	Name string
	Type types.DataType
}

// TableInfo is what a connector knows of a table: its physical columns (no
// computed or metadata columns), keys and WITH options.
type TableInfo struct {
	// Name is the table's full name (catalog.db.table), used in messages.
	Name          string
	Columns       []Column
	PrimaryKey    []string
	PartitionKeys []string
	// Options are the table's WITH options, 'connector' included.
	Options map[string]string
}

// ColumnIndex returns the position of the named column, or -1.
func (t TableInfo) ColumnIndex(name string) int {
	for i, c := range t.Columns {
		if c.Name == name {
			return i
		}
	}
	return -1
}

// Types returns the column types in order.
func (t TableInfo) Types() []types.DataType {
	ts := make([]types.DataType, len(t.Columns))
	for i, c := range t.Columns {
		ts[i] = c.Type
	}
	return ts
}

// SourceRequest says what the planner wants from a source.
type SourceRequest struct {
	// Projection lists the table columns to produce, in output order (nil:
	// all columns in table order).
	Projection []int
	// Bounded is true for batch queries: the source must end. A connector
	// whose table is unbounded fails with an error saying which option bounds
	// it.
	Bounded bool
	// Split and Splits divide a source among parallel instances: this
	// instance produces split Split of Splits (Splits ≤ 1: everything).
	Split, Splits int
}

// SinkRequest says how a statement writes to a sink.
type SinkRequest struct {
	// Overwrite is INSERT OVERWRITE: Commit replaces the data of the target
	// (the table, or the partitions written to, or StaticPartition).
	Overwrite bool
	// StaticPartition holds the partition columns fixed by
	// INSERT ... PARTITION (k = 'v'); the written batches still carry every
	// table column.
	StaticPartition map[string]string
}

// Sink consumes a statement's rows. Write and Commit may block on I/O; a
// Sink is used by one goroutine.
type Sink interface {
	// Write consumes the rows of b, whose columns are the table's columns in
	// order, each row with its kind (b.Kinds nil: all +I). b is only valid
	// during the call.
	Write(ctx context.Context, b *vec.Batch) error
	// Commit makes everything written so far visible; it ends a batch
	// statement (and, later, a checkpoint).
	Commit(ctx context.Context) error
	// Close releases the sink's resources; whatever was not committed is
	// discarded. It is safe to call more than once.
	Close() error
}

// Errors returned by factories for tables they cannot read or write.
var (
	// ErrNotSource is returned by NewSource of sink-only connectors.
	ErrNotSource = errors.New("connector: not a source")
	// ErrNotSink is returned by NewSink of source-only connectors.
	ErrNotSink = errors.New("connector: not a sink")
)
