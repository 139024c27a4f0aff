package session

import (
	"context"
	"fmt"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/weir-data/weir/paimon/table"
	"github.com/weir-data/weir/sql/ast"
	"github.com/weir-data/weir/sql/fn"
	"github.com/weir-data/weir/sql/plan"
	"github.com/weir-data/weir/types"
)

func oneColumn(name string, values []string) (*Result, error) {
	rows := make([][]any, len(values))
	for i, v := range values {
		rows[i] = []any{v}
	}
	return rowsResult([]ResultColumn{{name, types.NewString()}}, rows)
}

// likeFilter applies SHOW ... [NOT] LIKE 'pattern' (SQL LIKE: % and _).
func likeFilter(st *ast.Show, names []string) []string {
	if st.Like == nil {
		return names
	}
	var out []string
	for _, n := range names {
		m := likeMatch(*st.Like, n, st.ILike)
		if m != st.NotLike {
			out = append(out, n)
		}
	}
	return out
}

func likeMatch(pattern, s string, fold bool) bool {
	if fold {
		pattern, s = strings.ToLower(pattern), strings.ToLower(s)
	}
	// Translate to path.Match syntax, escaping its metacharacters.
	var b strings.Builder
	for _, r := range pattern {
		switch r {
		case '%':
			b.WriteString("*")
		case '_':
			b.WriteString("?")
		case '*', '?', '[', '\\':
			b.WriteString("\\" + string(r))
		default:
			b.WriteRune(r)
		}
	}
	ok, _ := path.Match(b.String(), strings.ReplaceAll(s, "/", "\x00"))
	return ok
}

func (s *Session) show(ctx context.Context, st *ast.Show) (*Result, error) {
	switch st.Kind {
	case ast.ShowCatalogs:
		return oneColumn("catalog name", likeFilter(st, s.catalogNames()))
	case ast.ShowCurrentCatalog:
		return oneColumn("current catalog name", []string{s.currentC})
	case ast.ShowCurrentDatabase:
		return oneColumn("current database name", []string{s.currentDB})
	case ast.ShowDatabases:
		c, err := s.catalog(s.currentC)
		if err != nil {
			return nil, err
		}
		dbs, err := c.ListDatabases(ctx)
		if err != nil {
			return nil, err
		}
		return oneColumn("database name", likeFilter(st, dbs))
	case ast.ShowTables, ast.ShowViews:
		cn, db := s.currentC, s.currentDB
		if len(st.From) > 0 {
			var err error
			if cn, db, err = s.dbName(st.From); err != nil {
				return nil, err
			}
		}
		c, err := s.catalog(cn)
		if err != nil {
			return nil, err
		}
		names, err := c.ListObjects(ctx, db)
		if err != nil {
			return nil, err
		}
		prefix := cn + "." + db + "."
		for k := range s.temp {
			if n, ok := strings.CutPrefix(k, prefix); ok && !slices.Contains(names, n) {
				names = append(names, n)
			}
		}
		var out []string
		for _, n := range names {
			r, err := s.ResolveTable(ctx, ast.Name{cn, db, n})
			if err != nil {
				continue
			}
			_, isView := r.(*plan.View)
			if isView == (st.Kind == ast.ShowViews) || st.Kind == ast.ShowTables && !isView {
				out = append(out, n)
			}
		}
		sort.Strings(out)
		col := "table name"
		if st.Kind == ast.ShowViews {
			col = "view name"
		}
		return oneColumn(col, likeFilter(st, out))
	case ast.ShowFunctions:
		return oneColumn("function name", likeFilter(st, fn.Names()))
	case ast.ShowColumns:
		return s.describe(ctx, st.Object)
	case ast.ShowCreateTable, ast.ShowCreateView:
		return s.showCreate(ctx, st.Object)
	case ast.ShowJobs:
		return rowsResult([]ResultColumn{{"job id", types.NewString()}, {"job name", types.NewString()}, {"status", types.NewString()}, {"start time", types.NewString()}}, nil)
	case ast.ShowPartitions:
		return s.showPartitions(ctx, st)
	}
	return nil, fmt.Errorf("SHOW %s is not supported", st.Kind)
}

// describe lists a table's columns as Flink's DESCRIBE does.
func (s *Session) describe(ctx context.Context, n ast.Name) (*Result, error) {
	r, err := s.ResolveTable(ctx, n)
	if err != nil {
		return nil, err
	}
	cols := []ResultColumn{{"name", types.NewString()}, {"type", types.NewString()}, {"null", types.NewBoolean()},
		{"key", types.NewString()}, {"extras", types.NewString()}, {"watermark", types.NewString()}}
	var rows [][]any
	switch t := r.(type) {
	case plan.Table:
		pk := t.PrimaryKey()
		for _, c := range t.Columns() {
			var key, extras any
			if slices.Contains(pk, c.Name) {
				key = fmt.Sprintf("PRI(%s)", strings.Join(pk, ", "))
			}
			switch {
			case c.Computed != nil:
				extras = "AS " + ast.Format(c.Computed)
			case c.Metadata != "":
				e := "METADATA FROM '" + c.Metadata + "'"
				if c.Virtual {
					e += " VIRTUAL"
				}
				extras = e
			}
			typ := c.Type.WithNullable(true).String()
			rows = append(rows, []any{c.Name, typ, c.Type.Nullable, key, extras, nil})
		}
	case *plan.View:
		p, err := s.bindQuery(ctx, t.Query)
		if err != nil {
			return nil, fmt.Errorf("DESCRIBE %s: %w", n, err)
		}
		for i, c := range p.Columns() {
			name := c.Name
			if i < len(t.Columns) {
				name = t.Columns[i]
			}
			rows = append(rows, []any{name, c.Type.WithNullable(true).String(), c.Type.Nullable, nil, nil, nil})
		}
	}
	return rowsResult(cols, rows)
}

func (s *Session) showCreate(ctx context.Context, n ast.Name) (*Result, error) {
	r, err := s.ResolveTable(ctx, n)
	if err != nil {
		return nil, err
	}
	var b strings.Builder
	switch t := r.(type) {
	case *plan.View:
		fmt.Fprintf(&b, "CREATE VIEW %s AS\n%s", t.Name, ast.Format(t.Query))
	case plan.Table:
		fmt.Fprintf(&b, "CREATE TABLE %s (\n", quoteName(t.FullName()))
		var parts []string
		for _, c := range t.Columns() {
			line := "  " + ast.QuoteIdent(c.Name)
			switch {
			case c.Computed != nil:
				line += " AS " + ast.Format(c.Computed)
			default:
				line += " " + c.Type.String()
				if c.Metadata != "" {
					line += " METADATA FROM '" + c.Metadata + "'"
					if c.Virtual {
						line += " VIRTUAL"
					}
				}
			}
			if c.Comment != "" {
				line += " COMMENT " + ast.QuoteString(c.Comment)
			}
			parts = append(parts, line)
		}
		if pk := t.PrimaryKey(); len(pk) > 0 {
			var q []string
			for _, k := range pk {
				q = append(q, ast.QuoteIdent(k))
			}
			parts = append(parts, "  PRIMARY KEY ("+strings.Join(q, ", ")+") NOT ENFORCED")
		}
		b.WriteString(strings.Join(parts, ",\n"))
		b.WriteString("\n)")
		if pk := t.PartitionKeys(); len(pk) > 0 {
			var q []string
			for _, k := range pk {
				q = append(q, ast.QuoteIdent(k))
			}
			b.WriteString(" PARTITIONED BY (" + strings.Join(q, ", ") + ")")
		}
		opts := t.Options()
		if len(opts) > 0 {
			keys := make([]string, 0, len(opts))
			for k := range opts {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			b.WriteString(" WITH (\n")
			for i, k := range keys {
				if i > 0 {
					b.WriteString(",\n")
				}
				fmt.Fprintf(&b, "  %s = %s", ast.QuoteString(k), ast.QuoteString(opts[k]))
			}
			b.WriteString("\n)")
		}
	}
	return oneColumn("result", []string{b.String()})
}

func quoteName(full string) string {
	parts := strings.Split(full, ".")
	for i, p := range parts {
		parts[i] = ast.QuoteIdent(p)
	}
	return strings.Join(parts, ".")
}

func (s *Session) showPartitions(ctx context.Context, st *ast.Show) (*Result, error) {
	t, err := s.resolveTable(ctx, st.Object)
	if err != nil {
		return nil, err
	}
	pt := t.Paimon()
	if pt == nil || len(t.PartitionKeys()) == 0 {
		return nil, fmt.Errorf("SHOW PARTITIONS %s: the table is not a partitioned Paimon table", st.Object)
	}
	plan, err := pt.PlanFiles(ctx, table.ScanOptions{})
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	var out []string
	for _, sp := range plan.Splits {
		p := pt.PartitionString(sp.PartitionValues)
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	sort.Strings(out)
	return oneColumn("partition", out)
}
