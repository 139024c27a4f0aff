package expr

import (
	"github.com/weir-data/weir/sql/fn"
	"github.com/weir-data/weir/vec"
)

// Program evaluates a list of expressions (a projection) over batches,
// owning one output vector per expression. A Program is not safe for
// concurrent use: each goroutine makes its own with NewProgram, while the
// expressions themselves are shared.
type Program struct {
	Exprs []Expr
	outs  []*vec.Vector
	res   []*vec.Vector
}

// NewProgram returns a Program for exprs.
func NewProgram(exprs ...Expr) (*Program, error) {
	p := &Program{Exprs: exprs, outs: make([]*vec.Vector, len(exprs)), res: make([]*vec.Vector, len(exprs))}
	for i, e := range exprs {
		if err := checkType(e.String(), e.Type()); err != nil {
			return nil, err
		}
		p.outs[i] = newScratch(e.Type())
	}
	return p, nil
}

// Eval evaluates every expression over in (only the rows of sel when not
// nil; other rows are unspecified) and returns one vector per expression.
// A column reference returns the input column itself (no copy). The vectors
// are valid until the next Eval and must not be modified.
func (p *Program) Eval(ctx *fn.Context, in *vec.Batch, sel []int32) ([]*vec.Vector, error) {
	for i, e := range p.Exprs {
		v, err := Vector(ctx, e, in, sel, p.outs[i])
		if err != nil {
			return nil, err
		}
		p.res[i] = v
	}
	return p.res, nil
}
