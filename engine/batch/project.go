package batch

import (
	"context"
	"fmt"

	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// Project computes one output column per expression.
type Project struct {
	env   *Env
	input Operator
	ev    *evaluator
	out   vec.Batch
}

// NewProject returns input projected through exprs.
func NewProject(env *Env, input Operator, exprs []Expr) (*Project, error) {
	ev, err := newEvaluator(exprs)
	if err != nil {
		return nil, err
	}
	return &Project{env: env, input: input, ev: ev}, nil
}

func (p *Project) Types() []types.DataType { return p.ev.types() }

func (p *Project) Open(ctx context.Context) error { return p.input.Open(ctx) }

func (p *Project) Next(ctx context.Context) (*vec.Batch, error) {
	in, err := p.input.Next(ctx)
	if err != nil {
		return nil, err
	}
	cols, err := p.ev.eval(p.env.Fn, in, nil, p.out.Cols)
	if err != nil {
		return nil, fmt.Errorf("evaluate projection: %w", err)
	}
	p.out.Cols = cols
	p.out.Kinds = in.Kinds
	p.out.Len = in.Len
	return &p.out, nil
}

func (p *Project) Close() error { return p.input.Close() }
