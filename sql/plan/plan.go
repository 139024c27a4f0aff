package plan

import (
	"context"
	"strconv"
	"time"

	"github.com/weir-data/weir/engine/batch"
	"github.com/weir-data/weir/sql/ast"
	"github.com/weir-data/weir/sql/fn"
)

// Options are what a statement is planned with.
type Options struct {
	// Config holds the session's SET options ('table.local-time-zone',
	// 'parallelism.default', 'weir.memory.query-limit', 'table.exec.*').
	Config map[string]string
	// Fn is the statement's function context (Location, Now); nil means UTC
	// and the zero instant.
	Fn *fn.Context
}

// Plan is a bound, optimized logical plan of a query.
type Plan struct {
	Root Node
	cols []ResultColumn
}

// BindQuery binds q against cat, optimizes it and returns its plan.
func BindQuery(ctx context.Context, cat Catalog, q *ast.Query, opts Options) (p *Plan, err error) {
	defer func() {
		if r := recover(); r != nil {
			p, err = nil, errorf(q, "internal error planning the query: %v", r)
		}
	}()
	b := &binder{ctx: ctx, cat: cat, opts: opts}
	n, s, err := b.bindQuery(q, nil)
	if err != nil {
		return nil, err
	}
	cols := make([]ResultColumn, 0, len(s.cols))
	for i, c := range n.Columns() {
		name := c.Name
		if i < len(s.cols) {
			name = s.cols[i].name
		}
		cols = append(cols, ResultColumn{Name: name, Type: c.Type})
	}
	root, err := optimize(opts, n)
	if err != nil {
		return nil, err
	}
	return &Plan{Root: root, cols: cols}, nil
}

// Columns are the query's output columns.
func (p *Plan) Columns() []ResultColumn { return p.cols }

// Build returns the batch operators that run the plan.
func (p *Plan) Build(ctx context.Context, env *batch.Env) (op batch.Operator, err error) {
	defer func() {
		if r := recover(); r != nil {
			op, err = nil, errorf(nil, "internal error building the query: %v", r)
		}
	}()
	return build(ctx, env, p.Root)
}

func parallelism(o Options) int {
	if v, err := strconv.Atoi(o.Config["parallelism.default"]); err == nil && v > 0 {
		return v
	}
	return 2
}

func timeAt(ms int64, loc *time.Location) (string, int) {
	return time.UnixMilli(ms).UTC().In(loc).Zone()
}
