package batch

import (
	"context"
	"io"

	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// Values yields a fixed list of batches (VALUES lists, folded constants,
// results computed before the query runs).
type Values struct {
	ts      []types.DataType
	batches []*vec.Batch
	i       int
}

// NewValues returns an operator yielding batches, which all have types ts.
func NewValues(ts []types.DataType, batches ...*vec.Batch) (*Values, error) {
	if err := checkTypes("VALUES", ts); err != nil {
		return nil, err
	}
	return &Values{ts: ts, batches: batches}, nil
}

func (v *Values) Types() []types.DataType { return v.ts }

func (v *Values) Open(context.Context) error { v.i = 0; return nil }

func (v *Values) Next(ctx context.Context) (*vec.Batch, error) {
	for v.i < len(v.batches) {
		b := v.batches[v.i]
		v.i++
		if b.Len > 0 {
			return b, nil
		}
	}
	return nil, io.EOF
}

func (v *Values) Close() error { return nil }
