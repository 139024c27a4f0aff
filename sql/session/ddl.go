package session

import (
	"context"

	"fmt"
	"github.com/google/uuid"
	"slices"
	"strings"

	pcatalog "github.com/weir-data/weir/paimon/catalog"
	"github.com/weir-data/weir/paimon/table"
	"github.com/weir-data/weir/sql/ast"
	"github.com/weir-data/weir/sql/plan"
)

func optionMap(opts []ast.Option) map[string]string {
	m := make(map[string]string, len(opts))
	for _, o := range opts {
		m[o.Key] = o.Value
	}
	return m
}

func (s *Session) createCatalog(ctx context.Context, st *ast.CreateCatalog) (*Result, error) {
	if _, ok := s.catalogs[st.Name]; ok {
		if st.IfNotExists {
			return message(okResult), nil
		}
		return nil, fmt.Errorf("catalog %s already exists", st.Name)
	}
	opts := optionMap(st.Options)
	typ := opts["type"]
	switch typ {
	case "generic_in_memory":
		s.catalogs[st.Name] = newMemoryCatalog()
	case "paimon":
		wh, ok := opts["warehouse"]
		if !ok || wh == "" {
			return nil, fmt.Errorf("CREATE CATALOG %s: option 'warehouse' is required for a Paimon catalog (a directory or s3://bucket/path)", st.Name)
		}
		for k := range opts {
			switch {
			case k == "type", k == "warehouse", k == "default-database", k == "metastore", strings.HasPrefix(k, "s3."), strings.HasPrefix(k, "fs."):
			default:
				return nil, fmt.Errorf("CREATE CATALOG %s: unknown option '%s' for a Paimon catalog%s", st.Name, k,
					suggest(k, []string{"type", "warehouse", "default-database", "metastore"}))
			}
		}
		if m, ok := opts["metastore"]; ok && m != "filesystem" {
			return nil, fmt.Errorf("CREATE CATALOG %s: 'metastore' = '%s' is not supported; Weir uses Paimon's filesystem catalog ('metastore' = 'filesystem')", st.Name, m)
		}
		if to, ok := s.remap[wh]; ok {
			wh = to
		}
		c, err := pcatalog.Open(ctx, wh)
		if err != nil {
			return nil, fmt.Errorf("CREATE CATALOG %s: %w", st.Name, err)
		}
		pc := &paimonCatalog{c: c}
		db := pc.DefaultDatabase()
		if d, ok := opts["default-database"]; ok {
			db = d
		}
		if err := c.CreateDatabase(ctx, db, true); err != nil {
			return nil, fmt.Errorf("CREATE CATALOG %s: %w", st.Name, err)
		}
		s.catalogs[st.Name] = pc
	case "":
		return nil, fmt.Errorf("CREATE CATALOG %s: option 'type' is required ('paimon' or 'generic_in_memory')", st.Name)
	default:
		return nil, fmt.Errorf("CREATE CATALOG %s: catalog type '%s' is not supported; use 'paimon' or 'generic_in_memory'", st.Name, typ)
	}
	return message(okResult), nil
}

func (s *Session) dropCatalog(st *ast.DropCatalog) (*Result, error) {
	if _, ok := s.catalogs[st.Name]; !ok {
		if st.IfExists {
			return message(okResult), nil
		}
		return nil, fmt.Errorf("catalog %s does not exist%s", st.Name, suggest(st.Name, s.catalogNames()))
	}
	if st.Name == s.currentC {
		return nil, fmt.Errorf("cannot drop catalog %s: it is the current catalog; USE CATALOG another one first", st.Name)
	}
	delete(s.catalogs, st.Name)
	return message(okResult), nil
}

func (s *Session) dbName(n ast.Name) (catName, db string, err error) {
	switch len(n) {
	case 1:
		return s.currentC, n[0], nil
	case 2:
		return n[0], n[1], nil
	}
	return "", "", fmt.Errorf("%s is not a database name: use database or catalog.database", n)
}

func (s *Session) useDatabase(ctx context.Context, st *ast.UseDatabase) (*Result, error) {
	cn, db, err := s.dbName(st.Name)
	if err != nil {
		return nil, err
	}
	c, err := s.catalog(cn)
	if err != nil {
		return nil, err
	}
	ok, err := c.DatabaseExists(ctx, db)
	if err != nil {
		return nil, err
	}
	if !ok {
		dbs, _ := c.ListDatabases(ctx)
		return nil, fmt.Errorf("database %s does not exist in catalog %s%s", db, cn, suggest(db, dbs))
	}
	s.currentC, s.currentDB = cn, db
	return message(okResult), nil
}

func (s *Session) createDatabase(ctx context.Context, st *ast.CreateDatabase) (*Result, error) {
	cn, db, err := s.dbName(st.Name)
	if err != nil {
		return nil, err
	}
	c, err := s.catalog(cn)
	if err != nil {
		return nil, err
	}
	if err := c.CreateDatabase(ctx, db, st.IfNotExists); err != nil {
		return nil, err
	}
	return message(okResult), nil
}

func (s *Session) dropDatabase(ctx context.Context, st *ast.DropDatabase) (*Result, error) {
	cn, db, err := s.dbName(st.Name)
	if err != nil {
		return nil, err
	}
	c, err := s.catalog(cn)
	if err != nil {
		return nil, err
	}
	if cn == s.currentC && db == s.currentDB {
		return nil, fmt.Errorf("cannot drop database %s: it is the current database; USE another one first", db)
	}
	if err := c.DropDatabase(ctx, db, st.IfExists, st.Cascade); err != nil {
		return nil, err
	}
	return message(okResult), nil
}

// columnDefs converts DDL columns.
func columnDefs(defs []*ast.ColumnDef, pk []string) ([]plan.Column, error) {
	var cols []plan.Column
	for _, d := range defs {
		c := plan.Column{Name: d.Name, Comment: d.Comment}
		switch d.Kind {
		case ast.ComputedColumn:
			c.Computed = d.Expr
		case ast.MetadataColumn:
			c.Metadata = d.MetadataKey
			if c.Metadata == "" {
				c.Metadata = d.Name
			}
			c.Virtual = d.Virtual
		}
		if d.Type != nil {
			t, err := d.Type.ToDataType()
			if err != nil {
				return nil, fmt.Errorf("line %d, column %d: column %s: %w", d.Line, d.Col, d.Name, err)
			}
			c.Type = t
		}
		if slices.Contains(pk, d.Name) {
			c.Type.Nullable = false // primary-key columns are NOT NULL, as in Flink
		}
		if slices.ContainsFunc(cols, func(o plan.Column) bool { return strings.EqualFold(o.Name, d.Name) }) {
			return nil, fmt.Errorf("line %d, column %d: column %s is defined twice", d.Line, d.Col, d.Name)
		}
		cols = append(cols, c)
	}
	return cols, nil
}

func primaryKeyOf(st *ast.CreateTable) []string {
	if st.PrimaryKey != nil {
		return st.PrimaryKey.Columns
	}
	for _, c := range st.Columns {
		if c.PrimaryKey {
			return []string{c.Name}
		}
	}
	return nil
}

func (s *Session) createTable(ctx context.Context, st *ast.CreateTable) (*Result, error) {
	on, err := s.qualify(st.Name)
	if err != nil {
		return nil, err
	}
	if st.Query != nil {
		return s.createTableAs(ctx, st, on)
	}
	pk := primaryKeyOf(st)
	cols, err := columnDefs(st.Columns, pk)
	if err != nil {
		return nil, err
	}
	def := tableDef{Columns: cols, PrimaryKey: pk, PartitionKeys: st.PartitionBy, Options: optionMap(st.Options), Comment: st.Comment}
	if st.Like != nil {
		if def, err = s.applyLike(ctx, st.Like, def); err != nil {
			return nil, err
		}
	}
	for _, k := range def.PrimaryKey {
		if !slices.ContainsFunc(def.Columns, func(c plan.Column) bool { return c.Name == k }) {
			return nil, fmt.Errorf("CREATE TABLE %s: primary key column %s is not a column of the table", on, k)
		}
	}
	if st.Temporary {
		key := on.String()
		if _, ok := s.temp[key]; ok {
			if st.IfNotExists {
				return message(okResult), nil
			}
			return nil, fmt.Errorf("temporary table %s already exists", key)
		}
		if _, ok := s.catalogs[on.cat]; !ok {
			return nil, fmt.Errorf("catalog %s does not exist%s", on.cat, suggest(on.cat, s.catalogNames()))
		}
		t, err := newConnectorTable(key, def)
		if err != nil {
			return nil, err
		}
		s.temp[key] = t
		return message(okResult), nil
	}
	c, err := s.catalog(on.cat)
	if err != nil {
		return nil, err
	}
	if err := c.CreateTable(ctx, on.cat, on.db, on.name, def, st.IfNotExists); err != nil {
		return nil, err
	}
	return message(okResult), nil
}

// applyLike merges the source table of CREATE TABLE ... LIKE src (options)
// into def, following Flink: INCLUDING ALL OVERWRITING OPTIONS by default.
func (s *Session) applyLike(ctx context.Context, like *ast.LikeClause, def tableDef) (tableDef, error) {
	src, err := s.resolveTable(ctx, like.Source)
	if err != nil {
		return def, fmt.Errorf("LIKE %s: %w", like.Source, err)
	}
	include := map[string]string{"CONSTRAINTS": "INCLUDING", "PARTITIONS": "INCLUDING", "OPTIONS": "OVERWRITING",
		"GENERATED": "INCLUDING", "METADATA": "INCLUDING", "WATERMARKS": "INCLUDING"}
	for _, o := range like.Options {
		f := strings.ToUpper(o.Feature)
		if f == "ALL" {
			for k := range include {
				include[k] = strings.ToUpper(o.Strategy)
			}
			continue
		}
		include[f] = strings.ToUpper(o.Strategy)
	}
	var cols []plan.Column
	for _, c := range src.Columns() {
		if c.Computed != nil && include["GENERATED"] == "EXCLUDING" || c.Metadata != "" && include["METADATA"] == "EXCLUDING" {
			continue
		}
		cols = append(cols, c)
	}
	for _, c := range def.Columns {
		if slices.ContainsFunc(cols, func(o plan.Column) bool { return o.Name == c.Name }) {
			return def, fmt.Errorf("LIKE %s: column %s is defined in both tables", like.Source, c.Name)
		}
		cols = append(cols, c)
	}
	def.Columns = cols
	if include["CONSTRAINTS"] != "EXCLUDING" && len(def.PrimaryKey) == 0 {
		def.PrimaryKey = src.PrimaryKey()
	}
	if include["PARTITIONS"] != "EXCLUDING" && len(def.PartitionKeys) == 0 {
		def.PartitionKeys = src.PartitionKeys()
	}
	if include["OPTIONS"] != "EXCLUDING" {
		merged := src.Options()
		if _, isPaimon := src.(*paimonTable); isPaimon {
			// Paimon stores derived options (path and schema bookkeeping).
			delete(merged, "path")
		}
		for k, v := range def.Options {
			if _, ok := merged[k]; ok && include["OPTIONS"] == "INCLUDING" {
				return def, fmt.Errorf("LIKE %s: option '%s' is set in both tables; use OVERWRITING OPTIONS", like.Source, k)
			}
			merged[k] = v
		}
		def.Options = merged
	}
	return def, nil
}

func (s *Session) createView(ctx context.Context, st *ast.CreateView) (*Result, error) {
	on, err := s.qualify(st.Name)
	if err != nil {
		return nil, err
	}
	v := &plan.View{Name: on.String(), Columns: st.Columns, Query: st.Query}
	// Bind once so that a broken view fails at CREATE, as in Flink.
	if _, err := s.bindQuery(ctx, st.Query); err != nil {
		return nil, fmt.Errorf("CREATE VIEW %s: %w", on, err)
	}
	if st.Temporary {
		if _, ok := s.temp[on.String()]; ok {
			if st.IfNotExists {
				return message(okResult), nil
			}
			return nil, fmt.Errorf("temporary view %s already exists", on)
		}
		s.temp[on.String()] = v
		return message(okResult), nil
	}
	c, err := s.catalog(on.cat)
	if err != nil {
		return nil, err
	}
	if err := c.CreateView(ctx, on.db, on.name, v, st.IfNotExists); err != nil {
		return nil, err
	}
	return message(okResult), nil
}

func (s *Session) dropObject(ctx context.Context, n ast.Name, view, temporary, ifExists bool) (*Result, error) {
	on, err := s.qualify(n)
	if err != nil {
		return nil, err
	}
	if r, ok := s.temp[on.String()]; ok {
		if _, isView := r.(*plan.View); isView != view {
			return nil, fmt.Errorf("%s is a temporary %s, not a %s; use DROP TEMPORARY %s", on, kindWord(isView), kindWord(view), upperKind(isView))
		}
		delete(s.temp, on.String())
		return message(okResult), nil
	}
	if temporary {
		if ifExists {
			return message(okResult), nil
		}
		return nil, fmt.Errorf("temporary %s %s does not exist", kindWord(view), on)
	}
	c, err := s.catalog(on.cat)
	if err != nil {
		return nil, err
	}
	if err := c.Drop(ctx, on.db, on.name, view, ifExists); err != nil {
		return nil, err
	}
	return message(okResult), nil
}

func (s *Session) alterTable(ctx context.Context, st *ast.AlterTable) (*Result, error) {
	on, err := s.qualify(st.Name)
	if err != nil {
		return nil, err
	}
	if _, ok := s.temp[on.String()]; ok {
		return nil, fmt.Errorf("ALTER TABLE %s: temporary tables cannot be altered; drop and re-create it", on)
	}
	c, err := s.catalog(on.cat)
	if err != nil {
		return nil, err
	}
	if _, err := c.Get(ctx, on.cat, on.db, on.name); err != nil {
		if st.IfExists {
			return message(okResult), nil
		}
		return nil, fmt.Errorf("ALTER TABLE %s: %w", on, err)
	}
	var changes []table.SchemaChange
	switch a := st.Action.(type) {
	case *ast.SetOptions:
		for _, o := range a.Options {
			changes = append(changes, table.SchemaChange{Kind: table.SetOption, Key: o.Key, Value: o.Value})
		}
	case *ast.ResetOptions:
		for _, k := range a.Keys {
			changes = append(changes, table.SchemaChange{Kind: table.RemoveOption, Key: k})
		}
	case *ast.RenameColumn:
		changes = append(changes, table.SchemaChange{Kind: table.RenameColumn, Column: a.From.Last(), NewName: a.To})
	case *ast.DropColumns:
		for _, c := range a.Columns {
			changes = append(changes, table.SchemaChange{Kind: table.DropColumn, Column: c.Last()})
		}
	case *ast.AddColumns:
		if a.PrimaryKey != nil || a.Watermark != nil {
			return nil, fmt.Errorf("ALTER TABLE %s: changing the primary key or watermark of a Paimon table is not supported", on)
		}
		for _, d := range a.Columns {
			if d.Kind != ast.PhysicalColumn {
				return nil, fmt.Errorf("ALTER TABLE %s: computed and metadata columns are not stored in Paimon tables", on)
			}
			t, err := d.Type.ToDataType()
			if err != nil {
				return nil, fmt.Errorf("ALTER TABLE %s: column %s: %w", on, d.Name, err)
			}
			if !a.Modify {
				ch := table.SchemaChange{Kind: table.AddColumn, Column: d.Name, Type: t, Comment: d.Comment}
				if d.Position != nil {
					ch.First, ch.After = d.Position.First, d.Position.After
				}
				changes = append(changes, ch)
				continue
			}
			changes = append(changes, table.SchemaChange{Kind: table.UpdateColumnType, Column: d.Name, Type: t})
			if d.Comment != "" {
				changes = append(changes, table.SchemaChange{Kind: table.UpdateColumnComment, Column: d.Name, Comment: d.Comment})
			}
			if d.Position != nil {
				changes = append(changes, table.SchemaChange{Kind: table.MoveColumn, Column: d.Name, First: d.Position.First, After: d.Position.After})
			}
		}
	case *ast.RenameTable:
		return nil, fmt.Errorf("ALTER TABLE %s RENAME TO %s: renaming tables is not supported yet", on, a.To)
	default:
		return nil, fmt.Errorf("ALTER TABLE %s: %s is not supported", on, ast.Format(st.Action))
	}
	if err := c.Alter(ctx, on.db, on.name, changes); err != nil {
		return nil, fmt.Errorf("ALTER TABLE %s: %w", on, err)
	}
	return message(okResult), nil
}

func (s *Session) truncate(ctx context.Context, st *ast.Truncate) (*Result, error) {
	t, err := s.resolveTable(ctx, st.Table)
	if err != nil {
		return nil, err
	}
	pt := t.Paimon()
	if pt == nil {
		return nil, fmt.Errorf("TRUNCATE TABLE %s: only Paimon tables can be truncated", st.Table)
	}
	if _, err := pt.CommitOverwrite(ctx, "truncate-"+uuid.NewString(), table.Committable{Identifier: table.BatchCommitIdentifier}, table.Overwrite{}); err != nil {
		return nil, fmt.Errorf("TRUNCATE TABLE %s: %w", st.Table, err)
	}
	return message(okResult), nil
}
