package plan

import (
	"context"

	"github.com/weir-data/weir/engine/batch"
)

// Parallel plans: a grouping aggregation or an equi-join runs as
// env.Parallelism instances on disjoint key sets. Its inputs are
// repartitioned by key hash (batch.Exchange); an input that is a pipeline
// over one table (scan, filters, projections) is itself read as that many
// parallel parts, any other input as one producer. A Gather unions the
// instances' outputs. NOT IN joins need to see every build row at once and
// stay serial.

// isPipeline reports whether n is a scan under filters and projections,
// which can be read in parts.
func isPipeline(n Node) bool {
	switch n := n.(type) {
	case *ScanNode:
		return true
	case *FilterNode:
		return isPipeline(n.Input)
	case *ProjectNode:
		return isPipeline(n.Input)
	}
	return false
}

// buildPart builds part i of parts of a pipeline.
func buildPart(ctx context.Context, env *batch.Env, n Node, part, parts int) (batch.Operator, error) {
	switch n := n.(type) {
	case *ScanNode:
		req := n.Request
		req.Projection = append([]int(nil), n.Physical...)
		req.Split, req.Splits, req.Parallelism = part, parts, 1
		return n.Table.Scan(ctx, req)
	case *FilterNode:
		in, err := buildPart(ctx, env, n.Input, part, parts)
		if err != nil {
			return nil, err
		}
		return batch.NewFilter(env, in, n.Cond)
	case *ProjectNode:
		in, err := buildPart(ctx, env, n.Input, part, parts)
		if err != nil {
			return nil, err
		}
		return batch.NewProject(env, in, exprs(n.Exprs))
	}
	return build(ctx, env, n)
}

// producers returns the operators that feed an exchange from n.
func producers(ctx context.Context, env *batch.Env, n Node) ([]batch.Operator, error) {
	if !isPipeline(n) {
		op, err := build(ctx, env, n)
		if err != nil {
			return nil, err
		}
		return []batch.Operator{op}, nil
	}
	var ops []batch.Operator
	for i := 0; i < env.Parallelism; i++ {
		op, err := buildPart(ctx, env, n, i, env.Parallelism)
		if err != nil {
			closeAll(ops)
			return nil, err
		}
		ops = append(ops, op)
	}
	return ops, nil
}

func closeAll(ops []batch.Operator) {
	for _, op := range ops {
		op.Close()
	}
}

// buildParallelAggregate builds a grouping aggregation as parallel
// instances, or returns nil when it should run serially.
func buildParallelAggregate(ctx context.Context, env *batch.Env, n *AggregateNode) (batch.Operator, error) {
	if env.Parallelism <= 1 || n.GroupingSets != nil || len(n.Keys) == 0 {
		return nil, nil
	}
	ins, err := producers(ctx, env, n.Input)
	if err != nil {
		return nil, err
	}
	keys := exprs(n.Keys)
	x, err := batch.NewExchange(env, ins, keys, env.Parallelism)
	if err != nil {
		closeAll(ins)
		return nil, err
	}
	var workers []batch.Operator
	for i := 0; i < env.Parallelism; i++ {
		h, err := batch.NewHashAggregate(env, x.Output(i), keys, aggCalls(n.Aggs))
		if err != nil {
			return nil, err
		}
		workers = append(workers, h)
	}
	return batch.NewGather(workers...)
}

// buildParallelJoin builds an equi-join as parallel instances, or returns
// nil when it should run serially.
func buildParallelJoin(ctx context.Context, env *batch.Env, n *JoinNode) (batch.Operator, error) {
	if env.Parallelism <= 1 || len(n.LeftKeys) == 0 || n.Kind == JoinNullAwareAnti {
		return nil, nil
	}
	ls, err := producers(ctx, env, n.L)
	if err != nil {
		return nil, err
	}
	rs, err := producers(ctx, env, n.R)
	if err != nil {
		closeAll(ls)
		return nil, err
	}
	lk, rk := exprs(n.LeftKeys), exprs(n.RightKeys)
	lx, err := batch.NewExchange(env, ls, lk, env.Parallelism)
	if err != nil {
		return nil, err
	}
	rx, err := batch.NewExchange(env, rs, rk, env.Parallelism)
	if err != nil {
		return nil, err
	}
	var res batch.Expr
	if n.Residual != nil {
		res = n.Residual
	}
	var workers []batch.Operator
	for i := 0; i < env.Parallelism; i++ {
		j, err := batch.NewHashJoin(env, n.Kind.batch(), lx.Output(i), rx.Output(i), lk, rk, res)
		if err != nil {
			return nil, err
		}
		workers = append(workers, j)
	}
	return batch.NewGather(workers...)
}
