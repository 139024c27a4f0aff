package dataset

import (
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
)

// Query is a named SQL query of a data set.
type Query struct {
	// Name is the file name without ".sql" (e.g. "q01").
	Name string
	// SQL is the query text (comments included, no trailing semicolon).
	SQL string
}

// ReadQueries reads every *.sql file of dir in fsys, sorted by name.
func ReadQueries(fsys fs.FS, dir string) ([]Query, error) {
	names, err := fs.Glob(fsys, path.Join(dir, "*.sql"))
	if err != nil {
		return nil, fmt.Errorf("dataset: list queries in %s: %w", dir, err)
	}
	sort.Strings(names)
	out := make([]Query, 0, len(names))
	for _, n := range names {
		b, err := fs.ReadFile(fsys, n)
		if err != nil {
			return nil, fmt.Errorf("dataset: read query %s: %w", n, err)
		}
		sql := strings.TrimRight(strings.TrimSpace(string(b)), ";")
		out = append(out, Query{Name: strings.TrimSuffix(path.Base(n), ".sql"), SQL: sql})
	}
	return out, nil
}
