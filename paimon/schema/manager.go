package schema

import (
	"context"
	"fmt"
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/weir-data/weir/fileio"
)

// Manager reads and commits the schema files of one table.
type Manager struct {
	fs    fileio.FileIO
	table string // table directory, relative to the FileIO root
}

// NewManager returns a Manager for the table at tablePath (relative to fs's root).
func NewManager(fs fileio.FileIO, tablePath string) *Manager {
	return &Manager{fs: fs, table: strings.TrimSuffix(tablePath, "/")}
}

const schemaPrefix = "schema-"

// Dir returns the schema directory.
func (m *Manager) Dir() string { return path.Join(m.table, "schema") }

// Path returns the path of schema-id.
func (m *Manager) Path(id int64) string {
	return path.Join(m.Dir(), schemaPrefix+strconv.FormatInt(id, 10))
}

// IDs lists the existing schema ids in ascending order.
func (m *Manager) IDs(ctx context.Context) ([]int64, error) {
	infos, err := m.fs.List(ctx, m.Dir())
	if err != nil {
		return nil, fmt.Errorf("list %s in %s: %w", m.Dir(), m.fs.Location(), err)
	}
	var ids []int64
	for _, fi := range infos {
		if fi.IsDir || !strings.HasPrefix(fi.Name, schemaPrefix) {
			continue
		}
		id, err := strconv.ParseInt(strings.TrimPrefix(fi.Name, schemaPrefix), 10, 64)
		if err != nil || id < 0 {
			continue // temporary or foreign file
		}
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	return ids, nil
}

// Read reads schema-id. The error names the file and what is wrong with it.
func (m *Manager) Read(ctx context.Context, id int64) (*TableSchema, error) {
	p := m.Path(id)
	data, err := m.fs.ReadFile(ctx, p)
	if err != nil {
		return nil, fmt.Errorf("read schema file %s: %w", p, err)
	}
	s, err := Parse(data)
	if err != nil {
		return nil, fmt.Errorf("schema file %s: %w", p, err)
	}
	if s.ID != id {
		return nil, fmt.Errorf("schema file %s holds schema id %d", p, s.ID)
	}
	return s, nil
}

// Latest reads the schema with the highest id; nil when the table has none.
func (m *Manager) Latest(ctx context.Context) (*TableSchema, error) {
	ids, err := m.IDs(ctx)
	if err != nil || len(ids) == 0 {
		return nil, err
	}
	return m.Read(ctx, ids[len(ids)-1])
}

// List reads every schema, in ascending id order.
func (m *Manager) List(ctx context.Context) ([]*TableSchema, error) {
	ids, err := m.IDs(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]*TableSchema, 0, len(ids))
	for _, id := range ids {
		s, err := m.Read(ctx, id)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

// Commit writes schema-<s.ID> if it does not exist yet, atomically. It returns
// false, nil when another writer created that schema id first.
func (m *Manager) Commit(ctx context.Context, s *TableSchema) (bool, error) {
	data, err := s.Marshal()
	if err != nil {
		return false, err
	}
	p := m.Path(s.ID)
	ok, err := m.fs.TryCreateExclusive(ctx, p, data)
	if err != nil {
		return false, fmt.Errorf("commit schema file %s: %w", p, err)
	}
	return ok, nil
}
