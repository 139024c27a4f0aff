package batch

import (
	"context"
	"fmt"

	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// Filter keeps the rows for which a BOOLEAN expression is TRUE (not FALSE,
// not NULL).
type Filter struct {
	env   *Env
	input Operator
	pred  Expr
	ev    *evaluator
	vs    []*vec.Vector
	rows  []int32
	out   *vec.Batch
}

// NewFilter returns input filtered by pred.
func NewFilter(env *Env, input Operator, pred Expr) (*Filter, error) {
	if pred.Type().Root != types.Boolean {
		return nil, fmt.Errorf("filter condition %s has type %s, not BOOLEAN", pred, pred.Type())
	}
	ev, err := newEvaluator([]Expr{pred})
	if err != nil {
		return nil, err
	}
	return &Filter{env: env, input: input, pred: pred, ev: ev, out: newBatch(input.Types(), 0)}, nil
}

func (f *Filter) Types() []types.DataType { return f.input.Types() }

func (f *Filter) Open(ctx context.Context) error { return f.input.Open(ctx) }

func (f *Filter) Next(ctx context.Context) (*vec.Batch, error) {
	for {
		in, err := f.input.Next(ctx)
		if err != nil {
			return nil, err
		}
		if f.vs, err = f.ev.eval(f.env.Fn, in, nil, f.vs); err != nil {
			return nil, fmt.Errorf("evaluate filter %s: %w", f.pred, err)
		}
		f.rows = selectTrue(f.vs[0], in.Len, f.rows[:0])
		switch len(f.rows) {
		case 0:
			continue
		case in.Len:
			return in, nil
		}
		gatherInto(f.out, in, f.rows)
		return f.out, nil
	}
}

func (f *Filter) Close() error { return f.input.Close() }

// selectTrue appends the rows where the BOOLEAN vector v is TRUE.
func selectTrue(v *vec.Vector, n int, dst []int32) []int32 {
	if len(v.Nulls) == 0 {
		for i := 0; i < n; i++ {
			if v.Bools[i] {
				dst = append(dst, int32(i))
			}
		}
		return dst
	}
	for i := 0; i < n; i++ {
		if v.Bools[i] && !v.Nulls.Get(i) {
			dst = append(dst, int32(i))
		}
	}
	return dst
}

// gatherInto makes out the given rows of in (kinds included).
func gatherInto(out, in *vec.Batch, rows []int32) {
	out.Reset()
	for c, v := range in.Cols {
		out.Cols[c].AppendRows(v, rows)
	}
	if in.Kinds != nil {
		for _, r := range rows {
			out.Kinds = append(out.Kinds, in.Kinds[r])
		}
	}
	out.Len = len(rows)
}
