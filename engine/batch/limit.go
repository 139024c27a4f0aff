package batch

import (
	"context"
	"io"

	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// Limit skips offset rows and then yields at most limit rows (limit < 0: no
// limit). It stops pulling from its input once the limit is reached.
type Limit struct {
	input         Operator
	offset, limit int64
	seen, emitted int64
	out           *vec.Batch
}

// NewLimit returns input limited to rows [offset, offset+limit).
func NewLimit(input Operator, offset, limit int64) *Limit {
	return &Limit{input: input, offset: offset, limit: limit, out: newBatch(input.Types(), 0)}
}

func (l *Limit) Types() []types.DataType { return l.input.Types() }

func (l *Limit) Open(ctx context.Context) error {
	l.seen, l.emitted = 0, 0
	return l.input.Open(ctx)
}

func (l *Limit) Next(ctx context.Context) (*vec.Batch, error) {
	for {
		if l.limit >= 0 && l.emitted >= l.limit {
			return nil, io.EOF
		}
		in, err := l.input.Next(ctx)
		if err != nil {
			return nil, err
		}
		lo := int64(0)
		if l.seen < l.offset {
			lo = min(l.offset-l.seen, int64(in.Len))
		}
		l.seen += int64(in.Len)
		hi := int64(in.Len)
		if l.limit >= 0 {
			hi = min(hi, lo+l.limit-l.emitted)
		}
		if hi <= lo {
			continue
		}
		l.emitted += hi - lo
		if lo == 0 && hi == int64(in.Len) {
			return in, nil
		}
		rows := make([]int32, 0, hi-lo)
		for r := lo; r < hi; r++ {
			rows = append(rows, int32(r))
		}
		gatherInto(l.out, in, rows)
		return l.out, nil
	}
}

func (l *Limit) Close() error { return l.input.Close() }
