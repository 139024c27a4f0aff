// Package dataset describes generated data sets independently of where they
// are loaded: a Table is a definition (columns, primary key, partition keys),
// a Source pairs a Table with a function that streams its rows as vec.Batch
// values. The TPC-H and logistics generators produce Sources; package
// bench/load writes them into PostgreSQL, Paimon tables and Parquet files.
package dataset

import (
	"context"
	"fmt"

	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// Column is one column of a Table.
type Column struct {
	Name string
	Type types.DataType
}

// Table is the definition of a generated table.
type Table struct {
	Name    string
	Columns []Column
	// PrimaryKey lists the key columns (empty for tables without a key).
	PrimaryKey []string
	// PartitionKeys lists the partition columns of the Paimon table; they
	// are part of PrimaryKey when both are set. PostgreSQL ignores them.
	PartitionKeys []string
	// Indexes lists secondary indexes (column lists) for engines that use
	// them: PostgreSQL creates them after loading; Paimon tables have none.
	Indexes [][]string
}

// Types returns the column types in order.
func (t Table) Types() []types.DataType {
	ts := make([]types.DataType, len(t.Columns))
	for i, c := range t.Columns {
		ts[i] = c.Type
	}
	return ts
}

// ColumnIndex returns the position of the named column, or -1.
func (t Table) ColumnIndex(name string) int {
	for i, c := range t.Columns {
		if c.Name == name {
			return i
		}
	}
	return -1
}

// NewBatch returns an empty batch for t's columns with room for n rows.
func (t Table) NewBatch(n int) *vec.Batch {
	b, err := vec.NewBatch(t.Types(), n)
	if err != nil {
		// Generated tables use atomic types only; anything else is a bug in
		// the table definition.
		panic(fmt.Sprintf("dataset: table %s: %v", t.Name, err))
	}
	return b
}

// Emit receives generated batches. The batch and its vectors belong to the
// generator and are valid only until Emit returns: a consumer that keeps rows
// must copy them.
type Emit func(*vec.Batch) error

// Source is a table definition with the function that generates its rows.
type Source struct {
	Table Table
	// Rows streams the table's rows to emit, stopping at the first error
	// (emit's or ctx's).
	Rows func(ctx context.Context, emit Emit) error
}

// Collect runs src and returns deep copies of all its batches (tests and
// small tables only).
func Collect(ctx context.Context, src Source) ([]*vec.Batch, error) {
	var out []*vec.Batch
	err := src.Rows(ctx, func(b *vec.Batch) error {
		out = append(out, b.Clone())
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("dataset: generate %s: %w", src.Table.Name, err)
	}
	return out, nil
}
