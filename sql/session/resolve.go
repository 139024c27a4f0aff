package session

import (
	"context"
	"errors"
	"fmt"

	"github.com/weir-data/weir/sql/ast"
	"github.com/weir-data/weir/sql/plan"
)

// objectName is a fully qualified catalog.database.object name.
type objectName struct{ cat, db, name string }

func (n objectName) String() string { return n.cat + "." + n.db + "." + n.name }

// qualify completes a 1-3 part name with the current catalog and database.
func (s *Session) qualify(n ast.Name) (objectName, error) {
	switch len(n) {
	case 1:
		return objectName{s.currentC, s.currentDB, n[0]}, nil
	case 2:
		return objectName{s.currentC, n[0], n[1]}, nil
	case 3:
		return objectName{n[0], n[1], n[2]}, nil
	}
	return objectName{}, fmt.Errorf("%s is not a table name: use table, database.table or catalog.database.table", n)
}

func (s *Session) catalog(name string) (catalog, error) {
	c, ok := s.catalogs[name]
	if !ok {
		return nil, fmt.Errorf("catalog %s does not exist%s", name, suggest(name, s.catalogNames()))
	}
	return c, nil
}

// ResolveTable implements plan.Catalog: temporary objects shadow permanent
// ones, as in Flink.
func (s *Session) ResolveTable(ctx context.Context, n ast.Name) (plan.Relation, error) {
	on, err := s.qualify(n)
	if err != nil {
		return nil, err
	}
	if r, ok := s.temp[on.String()]; ok {
		return r, nil
	}
	c, err := s.catalog(on.cat)
	if err != nil {
		return nil, err
	}
	r, err := c.Get(ctx, on.cat, on.db, on.name)
	if errors.Is(err, errNotFound) {
		var names []string
		if objs, lerr := c.ListObjects(ctx, on.db); lerr == nil {
			names = objs
		}
		for k := range s.temp {
			names = append(names, k)
		}
		if ok, _ := c.DatabaseExists(ctx, on.db); !ok {
			dbs, _ := c.ListDatabases(ctx)
			return nil, fmt.Errorf("table %s not found: database %s does not exist in catalog %s%s", n, on.db, on.cat, suggest(on.db, dbs))
		}
		return nil, fmt.Errorf("table or view %s not found in %s.%s%s", n, on.cat, on.db, suggest(on.name, names))
	}
	return r, err
}

// resolveTable resolves a name that must be a table.
func (s *Session) resolveTable(ctx context.Context, n ast.Name) (plan.Table, error) {
	r, err := s.ResolveTable(ctx, n)
	if err != nil {
		return nil, err
	}
	t, ok := r.(plan.Table)
	if !ok {
		return nil, fmt.Errorf("%s is a view, not a table", n)
	}
	return t, nil
}
