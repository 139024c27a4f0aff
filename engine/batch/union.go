package batch

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// UnionAll yields the batches of its inputs one input after another.
// (UNION DISTINCT is UnionAll under a grouping aggregate.)
type UnionAll struct {
	inputs []Operator
	i      int
}

// NewUnionAll returns the concatenation of inputs, which must have equal
// column types (the planner casts them to their common types first).
func NewUnionAll(inputs ...Operator) (*UnionAll, error) {
	if len(inputs) == 0 {
		return nil, errors.New("UNION ALL of no inputs")
	}
	ts := inputs[0].Types()
	for k, in := range inputs[1:] {
		its := in.Types()
		if len(its) != len(ts) {
			return nil, fmt.Errorf("UNION ALL input %d has %d columns, input 1 has %d", k+2, len(its), len(ts))
		}
		for c := range ts {
			if its[c].Root != ts[c].Root {
				return nil, fmt.Errorf("UNION ALL column %d: input %d has type %s, input 1 has %s", c+1, k+2, its[c], ts[c])
			}
		}
	}
	return &UnionAll{inputs: inputs}, nil
}

func (u *UnionAll) Types() []types.DataType { return u.inputs[0].Types() }

func (u *UnionAll) Open(ctx context.Context) error {
	u.i = 0
	for _, in := range u.inputs {
		if err := in.Open(ctx); err != nil {
			return err
		}
	}
	return nil
}

func (u *UnionAll) Next(ctx context.Context) (*vec.Batch, error) {
	for u.i < len(u.inputs) {
		b, err := u.inputs[u.i].Next(ctx)
		if err == io.EOF {
			u.i++
			continue
		}
		return b, err
	}
	return nil, io.EOF
}

func (u *UnionAll) Close() error {
	var errs []error
	for _, in := range u.inputs {
		errs = append(errs, in.Close())
	}
	return errors.Join(errs...)
}
