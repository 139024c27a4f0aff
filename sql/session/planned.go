package session

import (
	"context"
	"fmt"
	"strings"

	"github.com/weir-data/weir/sql/ast"
	"github.com/weir-data/weir/sql/plan"
)

// planOptions are the planner's options for one statement.
func (s *Session) planOptions() (plan.Options, error) {
	env, err := s.env()
	if err != nil {
		return plan.Options{}, err
	}
	return plan.Options{Config: s.config, Fn: env.Fn}, nil
}

func (s *Session) bindQuery(ctx context.Context, q *ast.Query) (*plan.Plan, error) {
	opts, err := s.planOptions()
	if err != nil {
		return nil, err
	}
	return plan.BindQuery(ctx, s, q, opts)
}

// checkBatchMode refuses what needs the streaming runtime.
func (s *Session) checkBatchMode(what string) error {
	if s.config["execution.runtime-mode"] == "streaming" {
		return fmt.Errorf("%s in streaming mode needs Weir's streaming runtime, which is not built yet; "+
			"SET 'execution.runtime-mode' = 'batch' to run it as a batch statement", what)
	}
	return nil
}

// executePlanned runs queries, DML and EXPLAIN through the planner.
func (s *Session) executePlanned(ctx context.Context, stmt ast.Statement) (*Result, error) {
	switch st := stmt.(type) {
	case *ast.Query:
		if err := s.checkBatchMode("a query"); err != nil {
			return nil, err
		}
		p, err := s.bindQuery(ctx, st)
		if err != nil {
			return nil, err
		}
		env, err := s.env()
		if err != nil {
			return nil, err
		}
		op, err := p.Build(ctx, env)
		if err != nil {
			return nil, err
		}
		r := &Result{op: op, env: env, RowsAffected: -1}
		for _, c := range p.Columns() {
			r.Columns = append(r.Columns, ResultColumn{Name: c.Name, Type: c.Type})
		}
		return r, nil
	case *ast.Insert, *ast.Delete, *ast.Update:
		if err := s.checkBatchMode("INSERT/DELETE/UPDATE"); err != nil {
			return nil, err
		}
		w, err := s.bindWrite(ctx, st)
		if err != nil {
			return nil, err
		}
		return s.runWrites(ctx, w...)
	case *ast.StatementSet:
		if err := s.checkBatchMode("a statement set"); err != nil {
			return nil, err
		}
		var ws []*plan.Write
		for _, ins := range st.Inserts {
			w, err := s.bindWrite(ctx, ins)
			if err != nil {
				return nil, err
			}
			ws = append(ws, w...)
		}
		return s.runWrites(ctx, ws...)
	case *ast.Explain:
		return s.explain(ctx, st)
	}
	return nil, fmt.Errorf("%s statements are not supported yet", statementKind(stmt))
}

func statementKind(stmt ast.Statement) string {
	f := ast.Format(stmt)
	words := strings.Fields(f)
	if len(words) > 2 {
		words = words[:2]
	}
	return strings.Join(words, " ")
}

func (s *Session) bindWrite(ctx context.Context, stmt ast.Statement) ([]*plan.Write, error) {
	opts, err := s.planOptions()
	if err != nil {
		return nil, err
	}
	var w *plan.Write
	switch st := stmt.(type) {
	case *ast.Insert:
		w, err = plan.BindInsert(ctx, s, st, opts)
	case *ast.Delete:
		w, err = plan.BindDelete(ctx, s, st, opts)
	case *ast.Update:
		w, err = plan.BindUpdate(ctx, s, st, opts)
	default:
		return nil, fmt.Errorf("%s is not a DML statement", statementKind(stmt))
	}
	if err != nil {
		return nil, err
	}
	return []*plan.Write{w}, nil
}

// runWrites runs DML statements one after another (a statement set commits
// each target once its rows are written).
func (s *Session) runWrites(ctx context.Context, ws ...*plan.Write) (*Result, error) {
	var total int64
	for _, w := range ws {
		env, err := s.env()
		if err != nil {
			return nil, err
		}
		n, err := w.Run(ctx, env)
		if err != nil {
			return nil, err
		}
		total += n
	}
	r := message("%d row(s) written.", total)
	r.RowsAffected = total
	return r, nil
}

func (s *Session) explain(ctx context.Context, st *ast.Explain) (*Result, error) {
	var text string
	switch inner := st.Stmt.(type) {
	case *ast.Query:
		p, err := s.bindQuery(ctx, inner)
		if err != nil {
			return nil, err
		}
		text = p.Explain()
	case *ast.Insert, *ast.Delete, *ast.Update:
		ws, err := s.bindWrite(ctx, inner)
		if err != nil {
			return nil, err
		}
		text = ws[0].Explain()
	case *ast.StatementSet:
		var parts []string
		for _, ins := range inner.Inserts {
			ws, err := s.bindWrite(ctx, ins)
			if err != nil {
				return nil, err
			}
			parts = append(parts, ws[0].Explain())
		}
		text = strings.Join(parts, "\n")
	default:
		return nil, fmt.Errorf("EXPLAIN %s is not supported: explain a query or DML statement", statementKind(st.Stmt))
	}
	return oneColumn("result", []string{text})
}

// createTableAs runs CREATE TABLE ... AS SELECT: the table takes the query's
// column names and types, then the query's rows are inserted.
func (s *Session) createTableAs(ctx context.Context, st *ast.CreateTable, on objectName) (*Result, error) {
	if len(st.Columns) > 0 || st.Like != nil {
		return nil, fmt.Errorf("CREATE TABLE %s AS SELECT: the columns come from the query; remove the column list and LIKE", on)
	}
	p, err := s.bindQuery(ctx, st.Query)
	if err != nil {
		return nil, err
	}
	pk := primaryKeyOf(st)
	def := tableDef{PrimaryKey: pk, PartitionKeys: st.PartitionBy, Options: optionMap(st.Options), Comment: st.Comment}
	for _, c := range p.Columns() {
		t := c.Type
		for _, k := range pk {
			if k == c.Name {
				t.Nullable = false
			}
		}
		def.Columns = append(def.Columns, plan.Column{Name: c.Name, Type: t})
	}
	c, err := s.catalog(on.cat)
	if err != nil {
		return nil, err
	}
	if st.Temporary {
		return nil, fmt.Errorf("CREATE TEMPORARY TABLE %s AS SELECT is not supported; create the table, then INSERT INTO it", on)
	}
	if err := c.CreateTable(ctx, on.cat, on.db, on.name, def, st.IfNotExists); err != nil {
		return nil, err
	}
	ins := &ast.Insert{Pos: st.Pos, Table: ast.Name{on.cat, on.db, on.name}, Source: st.Query}
	ws, err := s.bindWrite(ctx, ins)
	if err != nil {
		return nil, err
	}
	return s.runWrites(ctx, ws...)
}
