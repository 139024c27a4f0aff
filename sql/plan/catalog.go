package plan

import (
	"context"

	"github.com/weir-data/weir/connector"
	"github.com/weir-data/weir/engine/batch"
	"github.com/weir-data/weir/paimon/table"
	"github.com/weir-data/weir/sql/ast"
	"github.com/weir-data/weir/types"
)

// Catalog resolves names for the binder. The session implements it over
// its catalogs (Paimon warehouses, the in-memory catalog, temporary objects)
// and its current catalog and database.
type Catalog interface {
	// ResolveTable resolves a table or view name of one to three parts
	// (t, db.t, cat.db.t) against the current catalog and database. A name
	// that resolves to nothing gives an error naming it and, where one is
	// close, suggesting a similar name.
	ResolveTable(ctx context.Context, name ast.Name) (Relation, error)
}

// Relation is what a name in FROM resolves to: a *View or a Table.
type Relation interface {
	// FullName is catalog.database.object, for messages and EXPLAIN.
	FullName() string
}

// View is a stored query; the binder binds its query in place.
type View struct {
	Name    string
	Columns []string // optional column names from CREATE VIEW v (a, b)
	Query   *ast.Query
}

// FullName implements Relation.
func (v *View) FullName() string { return v.Name }

// Column is a column of a table as the binder sees it.
type Column struct {
	Name string
	Type types.DataType
	// Computed holds the expression of a computed column (over the
	// table's other columns), nil for physical columns.
	Computed ast.Expr
	// Metadata is the key of a metadata column ('' for others); a metadata
	// column reads the connector's metadata (Paimon: none yet → error).
	Metadata string
	Virtual  bool
	Comment  string
}

// ScanRequest is what the planner asks of a table's scan.
type ScanRequest struct {
	// Projection lists the physical columns to read (positions among the
	// table's physical columns); nil reads all.
	Projection []int
	// Filter holds conjuncts pushed down for partition pruning and file
	// skipping only: the planner keeps evaluating them above the scan.
	Filter []table.Predicate
	// SnapshotID / TimestampMillis / Tag select a snapshot (time travel,
	// FOR SYSTEM_TIME AS OF, OPTIONS('scan.snapshot-id' = ...)).
	SnapshotID      int64
	TimestampMillis int64
	Tag             string
	// Hints are the table's dynamic options (/*+ OPTIONS('k' = 'v') */).
	Hints map[string]string
	// Parallelism bounds how many splits are read at once.
	Parallelism int
	// Split and Splits divide the table among parallel scans: this scan
	// reads part Split of Splits (Splits ≤ 1: everything).
	Split, Splits int
}

// SinkRequest is what the planner asks of a table's sink.
type SinkRequest struct {
	Overwrite bool
	// Static holds PARTITION (k = v) values, by partition key, as scalars
	// of the key's type.
	Static map[string]any
	Hints  map[string]string
}

// Table is a readable and/or writable table.
type Table interface {
	Relation
	// Columns are all columns in declaration order (physical, computed and
	// metadata).
	Columns() []Column
	PrimaryKey() []string
	PartitionKeys() []string
	Options() map[string]string
	// EstimatedRows is the row count the optimizer assumes (ok false: unknown).
	EstimatedRows(ctx context.Context) (rows int64, ok bool)
	// Scan returns a batch operator producing the requested physical
	// columns.
	Scan(ctx context.Context, req ScanRequest) (batch.Operator, error)
	// Sink returns a sink taking rows of all physical columns in order.
	Sink(ctx context.Context, req SinkRequest) (connector.Sink, error)
	// Paimon returns the underlying Paimon table, or nil for connector
	// tables (DELETE/UPDATE and primary-key semantics need it).
	Paimon() *table.Table
}
