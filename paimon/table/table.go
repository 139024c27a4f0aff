package table

import (
	"context"
	"fmt"
	"path"
	"sync"
	"sync/atomic"

	"github.com/weir-data/weir/fileio"
	"github.com/weir-data/weir/paimon/options"
	"github.com/weir-data/weir/paimon/schema"
	"github.com/weir-data/weir/paimon/snapshot"
	"github.com/weir-data/weir/types"
)

// Table is an open Paimon table at its latest schema. It is safe for concurrent
// use; writers and scans take their own state.
type Table struct {
	fio  fileio.FileIO
	path string // table directory, relative to the FileIO root
	name string // "db.table", for messages

	schema    *schema.TableSchema
	opts      options.Options
	schemas   *schema.Manager
	snapshots *snapshot.Manager

	partFields []types.Field
	partTypes  []types.DataType
	partPos    []int // positions of partition fields in the schema
	keyFields  []types.Field
	keyPos     []int // positions of trimmed primary-key fields in the schema
	bucketPos  []int // positions of bucket-key fields in the schema

	schemaCache sync.Map // int64 → *schema.TableSchema

	lastPartitionCheck atomic.Int64 // epoch ms of the last partition expiry check
}

// Open opens the table stored at dir (relative to fio's root). name is used in
// messages ("db.table").
func Open(ctx context.Context, fio fileio.FileIO, dir, name string) (*Table, error) {
	schemas := schema.NewManager(fio, dir)
	s, err := schemas.Latest(ctx)
	if err != nil {
		return nil, fmt.Errorf("open table %s: %w", name, err)
	}
	if s == nil {
		return nil, fmt.Errorf("open table %s: no schema in %s: %w", name, path.Join(dir, "schema"), fileio.ErrNotExist)
	}
	return newTable(fio, dir, name, schemas, s)
}

func newTable(fio fileio.FileIO, dir, name string, schemas *schema.Manager, s *schema.TableSchema) (*Table, error) {
	if err := options.Validate(name, s.Options, s.FieldNames()); err != nil {
		return nil, err
	}
	opts, err := options.Parse(s.Options)
	if err != nil {
		return nil, fmt.Errorf("open table %s: %w", name, err)
	}
	t := &Table{
		fio: fio, path: dir, name: name, schema: s, opts: opts,
		schemas: schemas, snapshots: snapshot.NewManager(fio, dir),
	}
	t.schemaCache.Store(s.ID, s)
	pos := func(names []string, what string) ([]int, []types.Field, error) {
		var ps []int
		var fs []types.Field
		for _, n := range names {
			found := false
			for i, f := range s.Fields {
				if f.Name == n {
					ps, fs, found = append(ps, i), append(fs, f), true
					break
				}
			}
			if !found {
				return nil, nil, fmt.Errorf("open table %s: %s %q is not a column", name, what, n)
			}
		}
		return ps, fs, nil
	}
	if t.partPos, t.partFields, err = pos(s.PartitionKeys, "partition key"); err != nil {
		return nil, err
	}
	for _, f := range t.partFields {
		t.partTypes = append(t.partTypes, f.Type)
	}
	if t.keyPos, t.keyFields, err = pos(s.TrimmedPrimaryKeys(), "primary key"); err != nil {
		return nil, err
	}
	if t.bucketPos, _, err = pos(s.BucketKeys(), "bucket key"); err != nil {
		return nil, err
	}
	return t, nil
}

// Name returns "db.table".
func (t *Table) Name() string { return t.name }

// Path returns the table directory relative to the FileIO root.
func (t *Table) Path() string { return t.path }

// FileIO returns the file system the table lives on.
func (t *Table) FileIO() fileio.FileIO { return t.fio }

// Schema returns the latest schema.
func (t *Table) Schema() *schema.TableSchema { return t.schema }

// Options returns the parsed table options.
func (t *Table) Options() options.Options { return t.opts }

// Snapshots returns the table's snapshot manager.
func (t *Table) Snapshots() *snapshot.Manager { return t.snapshots }

// HasPrimaryKey reports whether the table is a primary-key table.
func (t *Table) HasPrimaryKey() bool { return len(t.schema.PrimaryKeys) > 0 }

// PartitionTypes returns the types of the partition columns.
func (t *Table) PartitionTypes() []types.DataType { return t.partTypes }

// schemaByID returns the schema a data file was written with.
func (t *Table) schemaByID(ctx context.Context, id int64) (*schema.TableSchema, error) {
	if s, ok := t.schemaCache.Load(id); ok {
		return s.(*schema.TableSchema), nil
	}
	s, err := t.schemas.Read(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("table %s: %w", t.name, err)
	}
	t.schemaCache.Store(id, s)
	return s, nil
}

// fieldTypes returns the types of fields.
func fieldTypes(fs []types.Field) []types.DataType {
	out := make([]types.DataType, len(fs))
	for i, f := range fs {
		out[i] = f.Type
	}
	return out
}

// WithOptions returns a copy of the table with dynamic options applied on top
// of its stored ones (like Flink's /*+ OPTIONS(...) */ hints); they are
// validated like table options and never written.
func (t *Table) WithOptions(dynamic map[string]string) (*Table, error) {
	s := *t.schema
	s.Options = make(map[string]string, len(t.schema.Options)+len(dynamic))
	for k, v := range t.schema.Options {
		s.Options[k] = v
	}
	for k, v := range dynamic {
		s.Options[k] = v
	}
	return newTable(t.fio, t.path, t.name, t.schemas, &s)
}
