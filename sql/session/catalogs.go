package session

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"

	pcatalog "github.com/weir-data/weir/paimon/catalog"
	"github.com/weir-data/weir/paimon/table"
	"github.com/weir-data/weir/sql/plan"
)

// errNotFound marks a missing database or object.
var errNotFound = errors.New("not found")

// tableDef is a table to create.
type tableDef struct {
	Columns       []plan.Column
	PrimaryKey    []string
	PartitionKeys []string
	Options       map[string]string
	Comment       string
}

// catalog is one catalog of the session.
type catalog interface {
	Type() string
	DefaultDatabase() string
	ListDatabases(ctx context.Context) ([]string, error)
	DatabaseExists(ctx context.Context, db string) (bool, error)
	CreateDatabase(ctx context.Context, db string, ignoreIfExists bool) error
	DropDatabase(ctx context.Context, db string, ignoreIfNotExists, cascade bool) error
	ListObjects(ctx context.Context, db string) ([]string, error)
	// Get returns the table or view, or an error wrapping errNotFound.
	Get(ctx context.Context, catName, db, name string) (plan.Relation, error)
	CreateTable(ctx context.Context, catName, db, name string, def tableDef, ignoreIfExists bool) error
	CreateView(ctx context.Context, db, name string, v *plan.View, ignoreIfExists bool) error
	Drop(ctx context.Context, db, name string, view, ignoreIfNotExists bool) error
	Alter(ctx context.Context, db, name string, changes []table.SchemaChange) error
}

// memoryCatalog is Flink's GenericInMemoryCatalog: it lives as long as the
// session and holds connector tables and views.
type memoryCatalog struct {
	dbs map[string]map[string]plan.Relation
}

func newMemoryCatalog() *memoryCatalog {
	return &memoryCatalog{dbs: map[string]map[string]plan.Relation{"default_database": {}}}
}

func (m *memoryCatalog) Type() string            { return "generic_in_memory" }
func (m *memoryCatalog) DefaultDatabase() string { return "default_database" }

func (m *memoryCatalog) ListDatabases(context.Context) ([]string, error) {
	var out []string
	for db := range m.dbs {
		out = append(out, db)
	}
	sort.Strings(out)
	return out, nil
}

func (m *memoryCatalog) DatabaseExists(_ context.Context, db string) (bool, error) {
	_, ok := m.dbs[db]
	return ok, nil
}

func (m *memoryCatalog) CreateDatabase(_ context.Context, db string, ignore bool) error {
	if _, ok := m.dbs[db]; ok {
		if ignore {
			return nil
		}
		return fmt.Errorf("database %s already exists", db)
	}
	m.dbs[db] = map[string]plan.Relation{}
	return nil
}

func (m *memoryCatalog) DropDatabase(_ context.Context, db string, ignore, cascade bool) error {
	objs, ok := m.dbs[db]
	if !ok {
		if ignore {
			return nil
		}
		return fmt.Errorf("database %s does not exist: %w", db, errNotFound)
	}
	if len(objs) > 0 && !cascade {
		return fmt.Errorf("database %s is not empty; use DROP DATABASE %s CASCADE", db, db)
	}
	delete(m.dbs, db)
	return nil
}

func (m *memoryCatalog) ListObjects(_ context.Context, db string) ([]string, error) {
	objs, ok := m.dbs[db]
	if !ok {
		return nil, fmt.Errorf("database %s does not exist: %w", db, errNotFound)
	}
	var out []string
	for n := range objs {
		out = append(out, n)
	}
	sort.Strings(out)
	return out, nil
}

func (m *memoryCatalog) Get(_ context.Context, _, db, name string) (plan.Relation, error) {
	objs, ok := m.dbs[db]
	if !ok {
		return nil, fmt.Errorf("database %s does not exist: %w", db, errNotFound)
	}
	r, ok := objs[name]
	if !ok {
		return nil, fmt.Errorf("%s.%s: %w", db, name, errNotFound)
	}
	return r, nil
}

func (m *memoryCatalog) put(db, name string, r plan.Relation, ignore bool) error {
	objs, ok := m.dbs[db]
	if !ok {
		return fmt.Errorf("database %s does not exist: %w", db, errNotFound)
	}
	if _, ok := objs[name]; ok {
		if ignore {
			return nil
		}
		return fmt.Errorf("table or view %s.%s already exists", db, name)
	}
	objs[name] = r
	return nil
}

func (m *memoryCatalog) CreateTable(_ context.Context, catName, db, name string, def tableDef, ignore bool) error {
	t, err := newConnectorTable(catName+"."+db+"."+name, def)
	if err != nil {
		return err
	}
	return m.put(db, name, t, ignore)
}

func (m *memoryCatalog) CreateView(_ context.Context, db, name string, v *plan.View, ignore bool) error {
	return m.put(db, name, v, ignore)
}

func (m *memoryCatalog) Drop(_ context.Context, db, name string, view, ignore bool) error {
	objs := m.dbs[db]
	r, ok := objs[name]
	if !ok {
		if ignore {
			return nil
		}
		return fmt.Errorf("%s %s.%s does not exist: %w", kindWord(view), db, name, errNotFound)
	}
	if _, isView := r.(*plan.View); isView != view {
		return fmt.Errorf("%s.%s is a %s, not a %s; use DROP %s", db, name, kindWord(isView), kindWord(view), upperKind(isView))
	}
	delete(objs, name)
	return nil
}

func (m *memoryCatalog) Alter(_ context.Context, db, name string, _ []table.SchemaChange) error {
	return fmt.Errorf("ALTER TABLE %s.%s: tables of the in-memory catalog cannot be altered; drop and re-create it", db, name)
}

func kindWord(view bool) string {
	if view {
		return "view"
	}
	return "table"
}

func upperKind(view bool) string {
	if view {
		return "VIEW"
	}
	return "TABLE"
}

// paimonCatalog is a Paimon filesystem catalog over a warehouse.
type paimonCatalog struct {
	c *pcatalog.Catalog
}

func (p *paimonCatalog) Type() string            { return "paimon" }
func (p *paimonCatalog) DefaultDatabase() string { return pcatalog.DefaultDatabase }

func (p *paimonCatalog) ListDatabases(ctx context.Context) ([]string, error) {
	return p.c.ListDatabases(ctx)
}

func (p *paimonCatalog) DatabaseExists(ctx context.Context, db string) (bool, error) {
	return p.c.DatabaseExists(ctx, db)
}

func (p *paimonCatalog) CreateDatabase(ctx context.Context, db string, ignore bool) error {
	return p.c.CreateDatabase(ctx, db, ignore)
}

func (p *paimonCatalog) DropDatabase(ctx context.Context, db string, ignore, cascade bool) error {
	return p.c.DropDatabase(ctx, db, ignore, cascade)
}

func (p *paimonCatalog) ListObjects(ctx context.Context, db string) ([]string, error) {
	ok, err := p.c.DatabaseExists(ctx, db)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, fmt.Errorf("database %s does not exist: %w", db, errNotFound)
	}
	return p.c.ListTables(ctx, db)
}

func (p *paimonCatalog) Get(ctx context.Context, catName, db, name string) (plan.Relation, error) {
	id := pcatalog.Identifier{Database: db, Table: name}
	ok, err := p.c.TableExists(ctx, id)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, fmt.Errorf("%s.%s: %w", db, name, errNotFound)
	}
	t, err := p.c.GetTable(ctx, id)
	if err != nil {
		return nil, err
	}
	return &paimonTable{name: catName + "." + db + "." + name, t: t}, nil
}

func (p *paimonCatalog) CreateTable(ctx context.Context, catName, db, name string, def tableDef, ignore bool) error {
	if c, ok := def.Options["connector"]; ok && c != "paimon" {
		return fmt.Errorf("CREATE TABLE %s.%s.%s: a Paimon catalog holds Paimon tables only, not 'connector' = '%s' tables; "+
			"create it as a TEMPORARY table or in default_catalog", catName, db, name, c)
	}
	spec := pcatalog.TableSpec{PartitionKeys: def.PartitionKeys, PrimaryKeys: def.PrimaryKey, Comment: def.Comment, Options: map[string]string{}}
	for k, v := range def.Options {
		if k != "connector" {
			spec.Options[k] = v
		}
	}
	for _, c := range def.Columns {
		if c.Computed != nil || c.Metadata != "" {
			return fmt.Errorf("CREATE TABLE %s.%s.%s: computed and metadata columns (%s) are not stored in Paimon tables yet; "+
				"compute %s in the query that writes or reads the table", catName, db, name, c.Name, c.Name)
		}
		spec.Columns = append(spec.Columns, pcatalog.Column{Name: c.Name, Type: c.Type, Description: c.Comment})
	}
	_, err := p.c.CreateTable(ctx, pcatalog.Identifier{Database: db, Table: name}, spec, ignore)
	return err
}

func (p *paimonCatalog) CreateView(_ context.Context, db, name string, _ *plan.View, _ bool) error {
	return fmt.Errorf("CREATE VIEW %s.%s: Paimon's filesystem catalog does not store views; use CREATE TEMPORARY VIEW", db, name)
}

func (p *paimonCatalog) Drop(ctx context.Context, db, name string, view, ignore bool) error {
	if view {
		if ignore {
			return nil
		}
		return fmt.Errorf("view %s.%s does not exist (Paimon's filesystem catalog holds no views): %w", db, name, errNotFound)
	}
	return p.c.DropTable(ctx, pcatalog.Identifier{Database: db, Table: name}, ignore)
}

func (p *paimonCatalog) Alter(ctx context.Context, db, name string, changes []table.SchemaChange) error {
	t, err := p.c.GetTable(ctx, pcatalog.Identifier{Database: db, Table: name})
	if err != nil {
		return err
	}
	_, err = t.Alter(ctx, changes...)
	return err
}

// newConnectorTable validates a connector table's definition.
func newConnectorTable(fullName string, def tableDef) (*connectorTable, error) {
	name, ok := def.Options["connector"]
	if !ok {
		return nil, fmt.Errorf("table %s has no 'connector' option; tables outside a Paimon catalog need one (e.g. 'connector' = 'datagen'), or create the table in a Paimon catalog (CREATE CATALOG c WITH ('type' = 'paimon', 'warehouse' = '...'))", fullName)
	}
	f, err := lookupConnector(name)
	if err != nil {
		return nil, fmt.Errorf("table %s: %w", fullName, err)
	}
	t := &connectorTable{name: fullName, cols: def.Columns, pk: def.PrimaryKey, parts: def.PartitionKeys,
		options: def.Options, comment: def.Comment, factory: f}
	if err := f.Validate(t.info(nil)); err != nil {
		return nil, err
	}
	for _, k := range def.PartitionKeys {
		if !slices.ContainsFunc(def.Columns, func(c plan.Column) bool { return c.Name == k }) {
			return nil, fmt.Errorf("table %s: partition key %s is not a column", fullName, k)
		}
	}
	return t, nil
}
