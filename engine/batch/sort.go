package batch

import (
	"context"
	"fmt"
	"io"
	"slices"

	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// SortKey is one ORDER BY item.
type SortKey struct {
	Expr       Expr
	Descending bool
	// NullsFirst puts NULLs before all values. Flink's default is NULLS FIRST
	// for ASC and NULLS LAST for DESC (NULL is the smallest value).
	NullsFirst bool
}

// Sort orders its input by keys; with a limit ≥ 0 it keeps only the first
// offset+limit rows (top-N) and yields rows [offset, offset+limit).
type Sort struct {
	env           *Env
	input         Operator
	keys          []SortKey
	ev            *evaluator
	offset, limit int64

	chunks []*vec.Batch
	kcols  [][]*vec.Vector // per chunk: key vectors
	order  []rowRef
	pos    int
	mem    reservation
	out    *vec.Batch
	srcs   [][]*vec.Vector
	from   []int32
	rows   []int32
}

type rowRef struct{ chunk, row int32 }

// NewSort returns input sorted by keys (limit < 0: all rows).
func NewSort(env *Env, input Operator, keys []SortKey, offset, limit int64) (*Sort, error) {
	exprs := make([]Expr, len(keys))
	for i, k := range keys {
		exprs[i] = k.Expr
	}
	ev, err := newEvaluator(exprs)
	if err != nil {
		return nil, err
	}
	return &Sort{env: env, input: input, keys: keys, ev: ev, offset: offset, limit: limit}, nil
}

func (s *Sort) Types() []types.DataType { return s.input.Types() }

func (s *Sort) Open(ctx context.Context) error {
	s.mem = reservation{budget: s.env.Memory, op: "sort"}
	if err := s.input.Open(ctx); err != nil {
		return err
	}
	s.chunks, s.kcols, s.order, s.pos = nil, nil, nil, 0
	var bytes int64
	for {
		b, err := s.input.Next(ctx)
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		b = b.Clone()
		ks, err := s.ev.eval(s.env.Fn, b, nil, nil)
		if err != nil {
			return fmt.Errorf("evaluate sort keys: %w", err)
		}
		// Evaluated keys live in the evaluator's reused vectors: keep copies.
		kc := make([]*vec.Vector, len(ks))
		for i, k := range ks {
			if s.ev.cols[i] >= 0 {
				kc[i] = k
			} else {
				kc[i] = k.Clone()
			}
		}
		c := int32(len(s.chunks))
		s.chunks = append(s.chunks, b)
		s.kcols = append(s.kcols, kc)
		for r := 0; r < b.Len; r++ {
			s.order = append(s.order, rowRef{c, int32(r)})
		}
		bytes += batchBytes(b) + int64(b.Len)*8
		if err := s.mem.resize(bytes); err != nil {
			return err
		}
		if s.limit >= 0 && int64(len(s.order)) > 4*(s.offset+s.limit)+BatchRows {
			s.trim()
		}
	}
	s.sortRows()
	if s.limit >= 0 {
		s.order = s.order[:min(int64(len(s.order)), s.offset+s.limit)]
	}
	if s.offset > 0 {
		s.order = s.order[min(int64(len(s.order)), s.offset):]
	}
	s.out = newBatch(s.input.Types(), BatchRows)
	s.srcs = make([][]*vec.Vector, len(s.input.Types()))
	for c := range s.srcs {
		for _, ch := range s.chunks {
			s.srcs[c] = append(s.srcs[c], ch.Cols[c])
		}
	}
	return nil
}

// trim keeps only the best offset+limit rows seen so far (top-N); the
// chunks stay (their unreferenced rows are garbage until the end).
func (s *Sort) trim() {
	s.sortRows()
	s.order = s.order[:s.offset+s.limit]
}

func (s *Sort) sortRows() {
	slices.SortStableFunc(s.order, func(a, b rowRef) int {
		ka, kb := s.kcols[a.chunk], s.kcols[b.chunk]
		for i, k := range s.keys {
			va, vb := ka[i], kb[i]
			an, bn := va.Nulls.Get(int(a.row)), vb.Nulls.Get(int(b.row))
			if an || bn {
				if an && bn {
					continue
				}
				if an == k.NullsFirst {
					return -1
				}
				return 1
			}
			c := vec.Compare(va, int(a.row), vb, int(b.row))
			if c != 0 {
				if k.Descending {
					return -c
				}
				return c
			}
		}
		return 0
	})
}

func (s *Sort) Next(ctx context.Context) (*vec.Batch, error) {
	if s.pos >= len(s.order) {
		return nil, io.EOF
	}
	end := min(s.pos+BatchRows, len(s.order))
	s.from, s.rows = s.from[:0], s.rows[:0]
	for _, r := range s.order[s.pos:end] {
		s.from = append(s.from, r.chunk)
		s.rows = append(s.rows, r.row)
	}
	s.pos = end
	s.out.Reset()
	for c := range s.out.Cols {
		s.out.Cols[c].AppendGather(s.srcs[c], s.from, s.rows)
	}
	s.out.Len = len(s.rows)
	return s.out, nil
}

func (s *Sort) Close() error {
	s.mem.release()
	s.chunks, s.kcols, s.order = nil, nil, nil
	return s.input.Close()
}
