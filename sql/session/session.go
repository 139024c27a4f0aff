package session

import (
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/weir-data/weir/engine/batch"
	pcatalog "github.com/weir-data/weir/paimon/catalog"
	"github.com/weir-data/weir/sql/ast"
	"github.com/weir-data/weir/sql/fn"
	"github.com/weir-data/weir/sql/parser"
	"github.com/weir-data/weir/sql/plan"
	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// DefaultCatalog is the in-memory catalog every session starts with, as in
// Flink.
const DefaultCatalog = "default_catalog"

// Options configure a new session.
type Options struct {
	// Warehouse, if set, registers a Paimon catalog over it named
	// WarehouseCatalog and makes it the current catalog.
	Warehouse string
	// Config holds initial SET options.
	Config map[string]string
	// Warehouses maps a warehouse named in CREATE CATALOG to the location
	// actually used, e.g. a production script's 'oss://bucket/wh' to a local
	// directory for a trial run.
	Warehouses map[string]string
}

// WarehouseCatalog is the name of the catalog Options.Warehouse creates.
const WarehouseCatalog = "weir"

// Session runs statements one at a time. It is not safe for concurrent use.
type Session struct {
	catalogs  map[string]catalog
	currentC  string
	currentDB string
	temp      map[string]plan.Relation // temporary tables and views by catalog.db.name
	config    map[string]string
	remap     map[string]string // Options.Warehouses
}

// defaults are the session options Weir sets (Weir runs batch by default,
// unlike Flink; see the README).
var defaults = map[string]string{
	"execution.runtime-mode": "batch",
	"table.local-time-zone":  "default",
	"parallelism.default":    "2",
}

// New returns a session.
func New(ctx context.Context, opts Options) (*Session, error) {
	s := &Session{
		catalogs: map[string]catalog{DefaultCatalog: newMemoryCatalog()},
		currentC: DefaultCatalog, currentDB: "default_database",
		temp:   map[string]plan.Relation{},
		config: maps.Clone(defaults),
		remap:  opts.Warehouses,
	}
	maps.Copy(s.config, opts.Config)
	if opts.Warehouse != "" {
		c, err := pcatalog.Open(ctx, opts.Warehouse)
		if err != nil {
			return nil, fmt.Errorf("open warehouse %s: %w", opts.Warehouse, err)
		}
		s.catalogs[WarehouseCatalog] = &paimonCatalog{c: c}
		s.currentC, s.currentDB = WarehouseCatalog, pcatalog.DefaultDatabase
		if err := c.CreateDatabase(ctx, pcatalog.DefaultDatabase, true); err != nil {
			return nil, fmt.Errorf("warehouse %s: %w", opts.Warehouse, err)
		}
	}
	return s, nil
}

// CurrentCatalog and CurrentDatabase are the names USE set.
func (s *Session) CurrentCatalog() string  { return s.currentC }
func (s *Session) CurrentDatabase() string { return s.currentDB }

// Config returns the value of a SET option ("" if unset).
func (s *Session) Config(key string) string { return s.config[key] }

// Location is table.local-time-zone ('default': the machine's zone).
func (s *Session) Location() (*time.Location, error) {
	z := s.config["table.local-time-zone"]
	if z == "" || z == "default" {
		return time.Local, nil
	}
	loc, err := time.LoadLocation(z)
	if err != nil {
		return nil, fmt.Errorf("table.local-time-zone = %q is not a time zone (use a name such as 'Asia/Shanghai' or 'UTC')", z)
	}
	return loc, nil
}

// ResultColumn is a column of a statement's result.
type ResultColumn struct {
	Name string
	Type types.DataType
}

// Result is the outcome of one statement: rows (queries, SHOW, DESCRIBE) or
// a message (DDL, SET, DML with the rows it wrote).
type Result struct {
	Columns []ResultColumn
	// Message is set for statements without rows.
	Message string
	// RowsAffected counts rows written by DML (-1 when not DML).
	RowsAffected int64

	op  batch.Operator
	env *batch.Env
}

// HasRows reports whether the result has rows to read.
func (r *Result) HasRows() bool { return r.op != nil }

// Rows streams the result's batches to f, then closes the result. A batch is
// valid only during the call.
func (r *Result) Rows(ctx context.Context, f func(*vec.Batch) error) (err error) {
	if r.op == nil {
		return nil
	}
	op := r.op
	r.op = nil
	if err := op.Open(ctx); err != nil {
		op.Close()
		return err
	}
	defer func() {
		if cerr := op.Close(); err == nil {
			err = cerr
		}
	}()
	for {
		b, err := op.Next(ctx)
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if err := f(b); err != nil {
			return err
		}
	}
}

// Close releases a result that was not read.
func (r *Result) Close() error {
	if r.op == nil {
		return nil
	}
	op := r.op
	r.op = nil
	return op.Close()
}

func message(format string, args ...any) *Result {
	return &Result{Message: fmt.Sprintf(format, args...), RowsAffected: -1}
}

const okResult = "Execute statement succeeded."

// rowsResult is a result of literal rows (SHOW, DESCRIBE).
func rowsResult(cols []ResultColumn, rows [][]any) (*Result, error) {
	ts := make([]types.DataType, len(cols))
	for i, c := range cols {
		ts[i] = c.Type
	}
	b, err := vec.NewBatch(ts, len(rows))
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		if err := b.AppendRow(types.Insert, r...); err != nil {
			return nil, err
		}
	}
	op, err := batch.NewValues(ts, b)
	if err != nil {
		return nil, err
	}
	return &Result{Columns: cols, op: op, RowsAffected: -1}, nil
}

// Execute parses and runs one statement.
func (s *Session) Execute(ctx context.Context, sql string) (*Result, error) {
	stmt, err := parser.ParseOne(sql)
	if err != nil {
		return nil, err
	}
	r, err := s.ExecuteStatement(ctx, stmt)
	if err != nil {
		return nil, withCaret(sql, err)
	}
	return r, nil
}

// positionedError is a planner error shown with the statement's line and a
// caret under the position, like parse errors.
type positionedError struct {
	err  error
	line string
	col  int
}

func (e *positionedError) Error() string {
	// Columns count characters; the caret lines up under tabs.
	var pad strings.Builder
	for i, r := range []rune(e.line) {
		if i >= e.col-1 {
			break
		}
		if r == '\t' {
			pad.WriteRune('\t')
		} else {
			pad.WriteRune(' ')
		}
	}
	return e.err.Error() + "\n  " + e.line + "\n  " + pad.String() + "^"
}

func (e *positionedError) Unwrap() error { return e.err }

func withCaret(sql string, err error) error {
	var pe *plan.Error
	if !errors.As(err, &pe) || pe.Pos.Line <= 0 {
		return err
	}
	lines := strings.Split(sql, "\n")
	if pe.Pos.Line > len(lines) {
		return err
	}
	return &positionedError{err: err, line: strings.TrimRight(lines[pe.Pos.Line-1], "\r"), col: pe.Pos.Col}
}

// ExecuteStatement runs a parsed statement.
func (s *Session) ExecuteStatement(ctx context.Context, stmt ast.Statement) (*Result, error) {
	switch st := stmt.(type) {
	case *ast.Set:
		return s.set(st)
	case *ast.Reset:
		return s.reset(st)
	case *ast.CreateCatalog:
		return s.createCatalog(ctx, st)
	case *ast.DropCatalog:
		return s.dropCatalog(st)
	case *ast.UseCatalog:
		if _, ok := s.catalogs[st.Name]; !ok {
			return nil, fmt.Errorf("catalog %s does not exist%s", st.Name, suggest(st.Name, s.catalogNames()))
		}
		c := s.catalogs[st.Name]
		s.currentC, s.currentDB = st.Name, c.DefaultDatabase()
		return message(okResult), nil
	case *ast.UseDatabase:
		return s.useDatabase(ctx, st)
	case *ast.CreateDatabase:
		return s.createDatabase(ctx, st)
	case *ast.DropDatabase:
		return s.dropDatabase(ctx, st)
	case *ast.AlterDatabase:
		return nil, fmt.Errorf("ALTER DATABASE %s: database properties are not stored by Paimon's filesystem catalog", st.Name)
	case *ast.CreateTable:
		return s.createTable(ctx, st)
	case *ast.DropTable:
		return s.dropObject(ctx, st.Name, false, st.Temporary, st.IfExists)
	case *ast.CreateView:
		return s.createView(ctx, st)
	case *ast.DropView:
		return s.dropObject(ctx, st.Name, true, st.Temporary, st.IfExists)
	case *ast.AlterTable:
		return s.alterTable(ctx, st)
	case *ast.Show:
		return s.show(ctx, st)
	case *ast.Describe:
		return s.describe(ctx, st.Name)
	case *ast.Truncate:
		return s.truncate(ctx, st)
	case *ast.Execute:
		return s.ExecuteStatement(ctx, st.Stmt)
	}
	return s.executePlanned(ctx, stmt)
}

// ExecuteScript runs the statements of a script in order, calling f with
// each result (which f must consume or close). It stops at the first error,
// which names the statement's position.
func (s *Session) ExecuteScript(ctx context.Context, script string, f func(stmt string, r *Result) error) error {
	texts, rest := parser.SplitStatements(script)
	if strings.TrimSpace(rest) != "" {
		texts = append(texts, rest)
	}
	for _, text := range texts {
		if strings.TrimSpace(text) == "" {
			continue
		}
		r, err := s.Execute(ctx, text)
		if err != nil {
			return err
		}
		if err := f(text, r); err != nil {
			r.Close()
			return err
		}
	}
	return nil
}

func (s *Session) set(st *ast.Set) (*Result, error) {
	if st.Key == nil {
		var keys []string
		for k := range s.config {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var rows [][]any
		for _, k := range keys {
			rows = append(rows, []any{k, s.config[k]})
		}
		return rowsResult([]ResultColumn{{"key", types.NewString()}, {"value", types.NewString()}}, rows)
	}
	key, val := *st.Key, st.Value
	switch key {
	case "execution.runtime-mode":
		if val != "batch" && val != "streaming" {
			return nil, fmt.Errorf("SET 'execution.runtime-mode' = '%s': the value must be 'batch' or 'streaming'", val)
		}
	case "table.local-time-zone":
		if val != "default" {
			if _, err := time.LoadLocation(val); err != nil {
				return nil, fmt.Errorf("SET 'table.local-time-zone' = '%s': not a time zone (use e.g. 'Asia/Shanghai', 'UTC' or 'default')", val)
			}
		}
	case batch.MemoryLimitOption:
		if _, err := parseBytes(val); err != nil {
			return nil, fmt.Errorf("SET '%s' = '%s': %w", key, val, err)
		}
	}
	s.config[key] = val
	return message("Session property has been set."), nil
}

func (s *Session) reset(st *ast.Reset) (*Result, error) {
	if st.Key == nil {
		s.config = maps.Clone(defaults)
		return message("All session properties have been set to their default values."), nil
	}
	if d, ok := defaults[*st.Key]; ok {
		s.config[*st.Key] = d
	} else {
		delete(s.config, *st.Key)
	}
	return message("Session property has been reset."), nil
}

// parseBytes parses a memory size such as '512mb', '2 gb' or '1048576'.
func parseBytes(v string) (int64, error) {
	t := strings.ToLower(strings.TrimSpace(v))
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		m      int64
	}{{"kb", 1 << 10}, {"mb", 1 << 20}, {"gb", 1 << 30}, {"tb", 1 << 40}, {"k", 1 << 10}, {"m", 1 << 20}, {"g", 1 << 30}, {"b", 1}} {
		if strings.HasSuffix(t, u.suffix) {
			t, mult = strings.TrimSpace(strings.TrimSuffix(t, u.suffix)), u.m
			break
		}
	}
	var n int64
	if _, err := fmt.Sscan(t, &n); err != nil || n < 0 {
		return 0, errors.New("not a memory size (use a number of bytes or e.g. '512mb', '2gb')")
	}
	return n * mult, nil
}

// env returns the execution environment of one statement.
func (s *Session) env() (*batch.Env, error) {
	loc, err := s.Location()
	if err != nil {
		return nil, err
	}
	limit := defaultQueryMemory()
	if v, ok := s.config[batch.MemoryLimitOption]; ok {
		if limit, err = parseBytes(v); err != nil {
			return nil, fmt.Errorf("%s = %q: %w", batch.MemoryLimitOption, v, err)
		}
	}
	par := 2
	if v := s.config["parallelism.default"]; v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return nil, fmt.Errorf("parallelism.default = %q is not a positive number", v)
		}
		par = n
	}
	return &batch.Env{Fn: &fn.Context{Location: loc, Now: types.TimestampFromTime(time.Now())}, Memory: batch.NewBudget(limit), Parallelism: par}, nil
}

func (s *Session) catalogNames() []string {
	var out []string
	for n := range s.catalogs {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// defaultQueryMemory is a query's memory budget when weir.memory.query-limit
// is not set: a quarter of the machine's memory (2 GiB when unknown), so
// that a big query spills instead of getting the process killed.
func defaultQueryMemory() int64 {
	data, err := os.ReadFile("/proc/meminfo")
	if err == nil {
		for _, line := range strings.Split(string(data), "\n") {
			if rest, ok := strings.CutPrefix(line, "MemTotal:"); ok {
				var kb int64
				if _, err := fmt.Sscan(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), &kb); err == nil && kb > 0 {
					return kb << 10 / 4
				}
			}
		}
	}
	return 2 << 30
}
