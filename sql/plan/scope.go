package plan

import (
	"strings"

	"github.com/weir-data/weir/sql/ast"
	"github.com/weir-data/weir/types"
)

// scopeCol is one column visible to name resolution; scope columns line up
// one to one with the output columns of the plan being built.
type scopeCol struct {
	table  string // qualifier (alias or table name), "" for none
	name   string
	typ    types.DataType
	hidden bool // not expanded by *, still resolvable (USING duplicates, subquery values)
}

// scope is the set of columns a clause may reference, plus the enclosing
// query's scope for correlated subqueries.
type scope struct {
	cols   []scopeCol
	parent *scope
	// corr collects references into parent while binding a subquery's
	// WHERE conjuncts; nil where correlation is not allowed.
	corr *correlation
}

// correlation records that an expression referenced the outer scope.
type correlation struct {
	used bool
}

// outerBase offsets column indexes that reference the enclosing scope
// (index outerBase+i is outer column i) until decorrelation remaps them.
const outerBase = 1 << 24

func (s *scope) tables() []string {
	var out []string
	seen := map[string]bool{}
	for _, c := range s.cols {
		if c.table != "" && !seen[c.table] {
			seen[c.table] = true
			out = append(out, c.table)
		}
	}
	return out
}

// lookup finds column name (qualified by table when not "") in s: the
// index, or -1 when absent; ambiguity is an error.
func (s *scope) lookup(n ast.Node, table, name string) (int, error) {
	match := func(fold bool) []int {
		var idx []int
		for i, c := range s.cols {
			if table != "" && !eq(c.table, table, fold) {
				continue
			}
			if eq(c.name, name, fold) {
				idx = append(idx, i)
			}
		}
		return idx
	}
	idx := match(false)
	if len(idx) == 0 {
		idx = match(true)
	}
	if len(idx) > 1 && table == "" {
		// USING/NATURAL duplicates are hidden: prefer the visible one.
		var vis []int
		for _, i := range idx {
			if !s.cols[i].hidden {
				vis = append(vis, i)
			}
		}
		if len(vis) == 1 {
			return vis[0], nil
		}
	}
	switch len(idx) {
	case 0:
		return -1, nil
	case 1:
		return idx[0], nil
	}
	var qs []string
	for _, i := range idx {
		qs = append(qs, s.cols[i].table+"."+s.cols[i].name)
	}
	return -1, errorf(n, "column '%s' is ambiguous: it could be %s", name, strings.Join(qs, " or "))
}

func eq(a, b string, fold bool) bool {
	if fold {
		return strings.EqualFold(a, b)
	}
	return a == b
}

// notFound builds the "column not found" error with a suggestion.
func (s *scope) notFound(n ast.Node, table, name string) error {
	var names []string
	for _, c := range s.cols {
		if table == "" || strings.EqualFold(c.table, table) {
			names = append(names, c.name)
		}
	}
	where := ""
	if table != "" {
		found := false
		for _, t := range s.tables() {
			if strings.EqualFold(t, table) {
				found = true
			}
		}
		if !found {
			msg := "table '" + table + "' not found in FROM"
			if sg := suggest(table, s.tables()); sg != "" {
				msg += " (did you mean " + sg + "?)"
			}
			return errorf(n, "%s", msg)
		}
		where = " in table " + table
	} else if ts := s.tables(); len(ts) == 1 {
		where = " in table " + ts[0]
	}
	msg := "column '" + name + "' not found" + where
	if sg := suggest(name, names); sg != "" && sg != name {
		msg += " (did you mean " + sg + "?)"
	}
	return errorf(n, "%s", msg)
}
