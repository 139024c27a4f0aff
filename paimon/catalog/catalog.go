// Package catalog is Paimon's filesystem catalog: databases are directories
// `<warehouse>/<db>.db`, tables are directories `<db>.db/<table>` holding their
// schema, snapshots, manifests and data. It creates, lists and drops them and
// opens tables.
package catalog

import (
	"context"
	"fmt"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/weir-data/weir/fileio"
	"github.com/weir-data/weir/paimon/options"
	"github.com/weir-data/weir/paimon/schema"
	"github.com/weir-data/weir/paimon/table"
	"github.com/weir-data/weir/types"
)

// DatabaseSuffix ends every database directory name.
const DatabaseSuffix = ".db"

// DefaultDatabase is the database Flink and Paimon use when none is named.
const DefaultDatabase = "default"

// Catalog is a filesystem catalog over one warehouse.
type Catalog struct {
	fio fileio.FileIO
}

// New returns a catalog over the warehouse at fio's root.
func New(fio fileio.FileIO) *Catalog { return &Catalog{fio: fio} }

// Open opens the warehouse at a location: a local directory, file://, s3://
// or mem:// (see fileio.Open).
func Open(ctx context.Context, warehouse string) (*Catalog, error) {
	fio, err := fileio.Open(ctx, warehouse)
	if err != nil {
		return nil, fmt.Errorf("open warehouse %s: %w", warehouse, err)
	}
	return New(fio), nil
}

// FileIO returns the warehouse's file system.
func (c *Catalog) FileIO() fileio.FileIO { return c.fio }

// Identifier names a table.
type Identifier struct {
	Database string
	Table    string
}

func (id Identifier) String() string { return id.Database + "." + id.Table }

// ParseIdentifier parses "db.table" (or "table", in the default database);
// like Paimon's Identifier.fromString it rejects more than one dot.
func ParseIdentifier(s string) (Identifier, error) {
	db, tbl, ok := strings.Cut(s, ".")
	if !ok {
		db, tbl = DefaultDatabase, s
	}
	id := Identifier{Database: db, Table: tbl}
	if strings.Contains(tbl, ".") {
		return id, fmt.Errorf("invalid table name %q: want DB.TABLE or TABLE", s)
	}
	if err := checkName("database", db); err != nil {
		return id, err
	}
	if err := checkName("table", tbl); err != nil {
		return id, err
	}
	return id, nil
}

func checkName(kind, name string) error {
	switch {
	case name == "":
		return fmt.Errorf("%s name is empty", kind)
	case strings.ContainsAny(name, "/\\\x00"), name == "." || name == "..", strings.HasPrefix(name, "."):
		return fmt.Errorf("invalid %s name %q: it may not contain '/', '\\' or start with '.'", kind, name)
	}
	return nil
}

func dbDir(db string) string                      { return db + DatabaseSuffix }
func tableDir(id Identifier) string               { return path.Join(dbDir(id.Database), id.Table) }
func schemaDir(id Identifier) string              { return path.Join(tableDir(id), "schema") }
func (c *Catalog) TablePath(id Identifier) string { return tableDir(id) }

// ListDatabases returns the databases, sorted.
func (c *Catalog) ListDatabases(ctx context.Context) ([]string, error) {
	infos, err := c.fio.List(ctx, "")
	if err != nil {
		return nil, fmt.Errorf("list databases of %s: %w", c.fio.Location(), err)
	}
	var out []string
	for _, fi := range infos {
		if fi.IsDir && strings.HasSuffix(fi.Name, DatabaseSuffix) && len(fi.Name) > len(DatabaseSuffix) {
			out = append(out, strings.TrimSuffix(fi.Name, DatabaseSuffix))
		}
	}
	return out, nil
}

// DatabaseExists reports whether db exists.
func (c *Catalog) DatabaseExists(ctx context.Context, db string) (bool, error) {
	dbs, err := c.ListDatabases(ctx)
	if err != nil {
		return false, err
	}
	return slices.Contains(dbs, db), nil
}

// CreateDatabase creates db; an existing one is an error unless ignoreIfExists.
func (c *Catalog) CreateDatabase(ctx context.Context, db string, ignoreIfExists bool) error {
	if err := checkName("database", db); err != nil {
		return err
	}
	ok, err := c.DatabaseExists(ctx, db)
	if err != nil {
		return err
	}
	if ok {
		if ignoreIfExists {
			return nil
		}
		return fmt.Errorf("database %s already exists", db)
	}
	if err := c.fio.MkdirAll(ctx, dbDir(db)); err != nil {
		return fmt.Errorf("create database %s: %w", db, err)
	}
	return nil
}

// DropDatabase drops db. A database with tables is dropped only with cascade.
func (c *Catalog) DropDatabase(ctx context.Context, db string, ignoreIfNotExists, cascade bool) error {
	ok, err := c.DatabaseExists(ctx, db)
	if err != nil {
		return err
	}
	if !ok {
		if ignoreIfNotExists {
			return nil
		}
		return fmt.Errorf("database %s does not exist", db)
	}
	tables, err := c.ListTables(ctx, db)
	if err != nil {
		return err
	}
	if len(tables) > 0 && !cascade {
		return fmt.Errorf("database %s is not empty (%d tables: %s); drop it with CASCADE", db, len(tables), strings.Join(tables, ", "))
	}
	if err := c.fio.DeleteAll(ctx, dbDir(db)); err != nil {
		return fmt.Errorf("drop database %s: %w", db, err)
	}
	return nil
}

// ListTables returns the tables of db, sorted.
func (c *Catalog) ListTables(ctx context.Context, db string) ([]string, error) {
	ok, err := c.DatabaseExists(ctx, db)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, fmt.Errorf("database %s does not exist", db)
	}
	infos, err := c.fio.List(ctx, dbDir(db))
	if err != nil {
		return nil, fmt.Errorf("list tables of %s: %w", db, err)
	}
	var out []string
	for _, fi := range infos {
		if !fi.IsDir {
			continue
		}
		exists, err := c.TableExists(ctx, Identifier{db, fi.Name})
		if err != nil {
			return nil, err
		}
		if exists {
			out = append(out, fi.Name)
		}
	}
	return out, nil
}

// TableExists reports whether the table has a schema.
func (c *Catalog) TableExists(ctx context.Context, id Identifier) (bool, error) {
	infos, err := c.fio.List(ctx, schemaDir(id))
	if err != nil {
		return false, fmt.Errorf("table %s: %w", id, err)
	}
	for _, fi := range infos {
		if strings.HasPrefix(fi.Name, "schema-") {
			return true, nil
		}
	}
	return false, nil
}

// TableSpec describes a table to create.
type TableSpec struct {
	// Columns; their ids are assigned 0, 1, ... (nested ROW fields included).
	Columns       []Column
	PartitionKeys []string
	PrimaryKeys   []string
	Options       map[string]string
	Comment       string
}

// Column is a column of a TableSpec.
type Column struct {
	Name        string
	Type        types.DataType
	Description string
}

// CreateTable creates a table. An existing table is an error unless
// ignoreIfExists (then the existing table is returned unchanged).
func (c *Catalog) CreateTable(ctx context.Context, id Identifier, spec TableSpec, ignoreIfExists bool) (*table.Table, error) {
	if err := checkName("database", id.Database); err != nil {
		return nil, err
	}
	if err := checkName("table", id.Table); err != nil {
		return nil, err
	}
	ok, err := c.DatabaseExists(ctx, id.Database)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, fmt.Errorf("create table %s: database %s does not exist", id, id.Database)
	}
	if exists, err := c.TableExists(ctx, id); err != nil {
		return nil, err
	} else if exists {
		if ignoreIfExists {
			return c.GetTable(ctx, id)
		}
		return nil, fmt.Errorf("table %s already exists", id)
	}
	fields := make([]types.Field, len(spec.Columns))
	names := make([]string, len(spec.Columns))
	for i, col := range spec.Columns {
		fields[i] = types.Field{Name: col.Name, Type: col.Type, Description: col.Description}
		names[i] = col.Name
	}
	if err := validateSpec(id, spec, names); err != nil {
		return nil, err
	}
	s, err := schema.NewTable(fields, spec.PartitionKeys, spec.PrimaryKeys, spec.Options, spec.Comment)
	if err != nil {
		return nil, fmt.Errorf("create table %s: %w", id, err)
	}
	s.TimeMillis = time.Now().UnixMilli()
	m := schema.NewManager(c.fio, tableDir(id))
	created, err := m.Commit(ctx, s)
	if err != nil {
		return nil, fmt.Errorf("create table %s: %w", id, err)
	}
	if !created {
		if ignoreIfExists {
			return c.GetTable(ctx, id)
		}
		return nil, fmt.Errorf("table %s already exists (created concurrently)", id)
	}
	return c.GetTable(ctx, id)
}

// validateSpec applies Paimon's table rules before anything is written.
func validateSpec(id Identifier, spec TableSpec, names []string) error {
	if len(spec.Columns) == 0 {
		return fmt.Errorf("create table %s: a table needs at least one column", id)
	}
	if err := options.Validate(id.String(), spec.Options, names); err != nil {
		return err
	}
	opts, err := options.Parse(spec.Options)
	if err != nil {
		return fmt.Errorf("create table %s: %w", id, err)
	}
	if len(spec.PrimaryKeys) > 0 {
		for _, p := range spec.PartitionKeys {
			if !slices.Contains(spec.PrimaryKeys, p) {
				return fmt.Errorf("create table %s: primary key (%s) must include all partition fields (%s)",
					id, strings.Join(spec.PrimaryKeys, ", "), strings.Join(spec.PartitionKeys, ", "))
			}
		}
		if len(spec.PrimaryKeys) == len(spec.PartitionKeys) {
			return fmt.Errorf("create table %s: primary key (%s) must contain at least one field that is not a partition field",
				id, strings.Join(spec.PrimaryKeys, ", "))
		}
	}
	bk := opts.BucketKey()
	for _, k := range bk {
		if slices.Contains(spec.PartitionKeys, k) {
			return fmt.Errorf("create table %s: bucket-key %q may not be a partition field", id, k)
		}
		if len(spec.PrimaryKeys) > 0 && !slices.Contains(spec.PrimaryKeys, k) {
			return fmt.Errorf("create table %s: bucket-key %q must be a primary-key field", id, k)
		}
		if !slices.Contains(names, k) {
			return fmt.Errorf("create table %s: bucket-key %q is not a column", id, k)
		}
	}
	if len(spec.PrimaryKeys) == 0 && opts.Bucket() > 0 && len(bk) == 0 {
		return fmt.Errorf("create table %s: an append table with 'bucket' = '%d' needs 'bucket-key'", id, opts.Bucket())
	}
	return nil
}

// GetTable opens a table.
func (c *Catalog) GetTable(ctx context.Context, id Identifier) (*table.Table, error) {
	exists, err := c.TableExists(ctx, id)
	if err != nil {
		return nil, err
	}
	if !exists {
		return nil, fmt.Errorf("table %s does not exist in warehouse %s", id, c.fio.Location())
	}
	return table.Open(ctx, c.fio, tableDir(id), id.String())
}

// DropTable deletes a table and all its files.
func (c *Catalog) DropTable(ctx context.Context, id Identifier, ignoreIfNotExists bool) error {
	exists, err := c.TableExists(ctx, id)
	if err != nil {
		return err
	}
	if !exists {
		if ignoreIfNotExists {
			return nil
		}
		return fmt.Errorf("table %s does not exist", id)
	}
	if err := c.fio.DeleteAll(ctx, tableDir(id)); err != nil {
		return fmt.Errorf("drop table %s: %w", id, err)
	}
	return nil
}
