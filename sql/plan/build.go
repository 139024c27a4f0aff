package plan

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/weir-data/weir/engine/batch"
	"github.com/weir-data/weir/sql/expr"
	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

func exprs(es []expr.Expr) []batch.Expr {
	out := make([]batch.Expr, len(es))
	for i, e := range es {
		out[i] = e
	}
	return out
}

func colTypes(n Node) []types.DataType {
	cols := n.Columns()
	ts := make([]types.DataType, len(cols))
	for i, c := range cols {
		ts[i] = c.Type
	}
	return ts
}

func build(ctx context.Context, env *batch.Env, n Node) (batch.Operator, error) {
	switch n := n.(type) {
	case *ScanNode:
		req := n.Request
		req.Projection = append([]int(nil), n.Physical...)
		return n.Table.Scan(ctx, req)
	case *ValuesNode:
		ts := colTypes(n)
		b, err := vec.NewBatch(ts, len(n.Rows))
		if err != nil {
			return nil, err
		}
		for _, row := range n.Rows {
			vals := make([]any, len(row))
			for i, e := range row {
				v, err := expr.Fold(env.Fn, e)
				if err != nil {
					return nil, err
				}
				l, ok := v.(*expr.Literal)
				if !ok {
					return nil, fmt.Errorf("VALUES: %s is not a constant", e)
				}
				vals[i] = l.Value
			}
			if err := b.AppendRow(types.Insert, vals...); err != nil {
				return nil, err
			}
		}
		b.Len = len(n.Rows)
		return batch.NewValues(ts, b)
	case *FilterNode:
		in, err := build(ctx, env, n.Input)
		if err != nil {
			return nil, err
		}
		return batch.NewFilter(env, in, n.Cond)
	case *ProjectNode:
		in, err := build(ctx, env, n.Input)
		if err != nil {
			return nil, err
		}
		return batch.NewProject(env, in, exprs(n.Exprs))
	case *AggregateNode:
		if op, err := buildParallelAggregate(ctx, env, n); op != nil || err != nil {
			return op, err
		}
		return buildAggregate(ctx, env, n)
	case *JoinNode:
		if op, err := buildParallelJoin(ctx, env, n); op != nil || err != nil {
			return op, err
		}
		l, err := build(ctx, env, n.L)
		if err != nil {
			return nil, err
		}
		r, err := build(ctx, env, n.R)
		if err != nil {
			return nil, err
		}
		lk, rk := n.LeftKeys, n.RightKeys
		if len(lk) == 0 {
			t := expr.NewNull(types.NewBoolean())
			one, _ := expr.NewLiteral(true, types.NewBoolean().NotNull())
			_ = t
			lk, rk = []expr.Expr{one}, []expr.Expr{one}
		}
		var res batch.Expr
		if n.Residual != nil {
			res = n.Residual
		}
		return batch.NewHashJoin(env, n.Kind.batch(), l, r, exprs(lk), exprs(rk), res)
	case *SortNode:
		in, err := build(ctx, env, n.Input)
		if err != nil {
			return nil, err
		}
		keys := make([]batch.SortKey, len(n.Keys))
		for i, k := range n.Keys {
			keys[i] = batch.SortKey{Expr: k.Expr, Descending: k.Desc, NullsFirst: k.NullsFirst}
		}
		return batch.NewSort(env, in, keys, n.Offset, n.Limit)
	case *LimitNode:
		in, err := build(ctx, env, n.Input)
		if err != nil {
			return nil, err
		}
		return batch.NewLimit(in, n.Offset, n.Limit), nil
	case *UnionNode:
		var ins []batch.Operator
		for _, c := range n.All {
			op, err := build(ctx, env, c)
			if err != nil {
				return nil, err
			}
			ins = append(ins, op)
		}
		return batch.NewUnionAll(ins...)
	case *SingleRowNode:
		in, err := build(ctx, env, n.Input)
		if err != nil {
			return nil, err
		}
		return &singleRow{in: in}, nil
	}
	return nil, fmt.Errorf("cannot build %T", n)
}

func aggCalls(as []AggCall) []batch.AggCall {
	out := make([]batch.AggCall, len(as))
	for i, a := range as {
		out[i] = batch.AggCall{Fn: a.Fn, Args: exprs(a.Args)}
		if a.Filter != nil {
			out[i].Filter = a.Filter
		}
	}
	return out
}

func buildAggregate(ctx context.Context, env *batch.Env, n *AggregateNode) (batch.Operator, error) {
	if n.GroupingSets == nil {
		in, err := build(ctx, env, n.Input)
		if err != nil {
			return nil, err
		}
		return batch.NewHashAggregate(env, in, exprs(n.Keys), aggCalls(n.Aggs))
	}
	cols := n.Columns()
	var ins []batch.Operator
	for _, set := range n.GroupingSets {
		in, err := build(ctx, env, n.Input)
		if err != nil {
			return nil, err
		}
		var keys []expr.Expr
		pos := map[int]int{}
		for _, k := range set {
			if _, dup := pos[k]; dup {
				continue
			}
			pos[k] = len(keys)
			keys = append(keys, n.Keys[k])
		}
		agg, err := batch.NewHashAggregate(env, in, exprs(keys), aggCalls(n.Aggs))
		if err != nil {
			return nil, err
		}
		at := agg.Types()
		var out []expr.Expr
		var g int64
		for k := range n.Keys {
			if p, ok := pos[k]; ok {
				c, err := castTo(expr.NewColumn(p, "", at[p]), cols[k].Type)
				if err != nil {
					return nil, err
				}
				out = append(out, c)
			} else {
				out = append(out, expr.NewNull(cols[k].Type))
				g |= 1 << k
			}
		}
		for i := range n.Aggs {
			c, err := castTo(expr.NewColumn(len(keys)+i, "", at[len(keys)+i]), cols[len(n.Keys)+i].Type)
			if err != nil {
				return nil, err
			}
			out = append(out, c)
		}
		gl, _ := expr.NewLiteral(g, types.NewBigInt().NotNull())
		out = append(out, gl)
		p, err := batch.NewProject(env, agg, exprs(out))
		if err != nil {
			return nil, err
		}
		ins = append(ins, p)
	}
	return batch.NewUnionAll(ins...)
}

// singleRow passes its input through, failing on a second row (a scalar
// subquery that returned more than one row).
type singleRow struct {
	in   batch.Operator
	seen int
}

func (s *singleRow) Types() []types.DataType { return s.in.Types() }
func (s *singleRow) Open(ctx context.Context) error {
	s.seen = 0
	return s.in.Open(ctx)
}
func (s *singleRow) Next(ctx context.Context) (*vec.Batch, error) {
	b, err := s.in.Next(ctx)
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil, io.EOF
		}
		return nil, err
	}
	s.seen += b.Len
	if s.seen > 1 {
		return nil, errors.New("a scalar subquery returned more than one row")
	}
	return b, nil
}
func (s *singleRow) Close() error { return s.in.Close() }
