package batch

import (
	"context"
	"errors"
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

	// External sort: sorted runs on disk, merged at the end.
	runs    []*spillFile
	merge   *runMerger
	emitted int64
	spills  int // runs written, for tests and EXPLAIN ANALYZE later
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
			if !spillable(s.env, err) {
				return err
			}
			if err := s.spillRun(); err != nil {
				return err
			}
			bytes = 0
		}
		if s.limit >= 0 && int64(len(s.order)) > 4*(s.offset+s.limit)+BatchRows {
			s.trim()
		}
	}
	if len(s.runs) > 0 {
		if len(s.order) > 0 {
			if err := s.spillRun(); err != nil {
				return err
			}
		}
		m, err := newRunMerger(s.runs, len(s.input.Types()), s.keys)
		if err != nil {
			return err
		}
		s.merge = m
		s.out = newBatch(s.input.Types(), BatchRows)
		s.emitted = 0
		return nil
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
		return compareKeys(s.keys, s.kcols[a.chunk], int(a.row), s.kcols[b.chunk], int(b.row))
	})
}

// compareKeys orders row ra of the key vectors ka against row rb of kb.
func compareKeys(keys []SortKey, ka []*vec.Vector, ra int, kb []*vec.Vector, rb int) int {
	for i, k := range keys {
		va, vb := ka[i], kb[i]
		an, bn := va.Nulls.Get(ra), vb.Nulls.Get(rb)
		if an || bn {
			if an && bn {
				continue
			}
			if an == k.NullsFirst {
				return -1
			}
			return 1
		}
		c := vec.Compare(va, ra, vb, rb)
		if c != 0 {
			if k.Descending {
				return -c
			}
			return c
		}
	}
	return 0
}

// spillRun writes the rows held in memory, sorted, as a run file of the
// input columns followed by the key columns, and frees them.
func (s *Sort) spillRun() error {
	s.sortRows()
	if s.limit >= 0 {
		s.order = s.order[:min(int64(len(s.order)), s.offset+s.limit)]
	}
	ts := append(append([]types.DataType(nil), s.input.Types()...), s.ev.types()...)
	run, err := newSpillFile(s.env, "sort", ts)
	if err != nil {
		return err
	}
	s.runs = append(s.runs, run)
	s.spills++
	out := newBatch(ts, BatchRows)
	nc := len(s.input.Types())
	for lo := 0; lo < len(s.order); lo += BatchRows {
		hi := min(lo+BatchRows, len(s.order))
		out.Reset()
		for _, r := range s.order[lo:hi] {
			ch, kc := s.chunks[r.chunk], s.kcols[r.chunk]
			for c := 0; c < nc; c++ {
				out.Cols[c].AppendFrom(ch.Cols[c], int(r.row))
			}
			for k := range kc {
				out.Cols[nc+k].AppendFrom(kc[k], int(r.row))
			}
		}
		out.Len = hi - lo
		if err := run.write(out); err != nil {
			return err
		}
	}
	s.chunks, s.kcols, s.order = nil, nil, nil
	s.mem.release()
	return nil
}

func (s *Sort) Next(ctx context.Context) (*vec.Batch, error) {
	if s.merge != nil {
		return s.nextMerged(ctx)
	}
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

// nextMerged yields the next rows of the k-way merge of the runs,
// applying offset and limit.
func (s *Sort) nextMerged(ctx context.Context) (*vec.Batch, error) {
	s.out.Reset()
	for s.out.Len < BatchRows {
		if s.limit >= 0 && s.emitted >= s.offset+s.limit {
			break
		}
		b, row, ok, err := s.merge.pop()
		if err != nil {
			return nil, err
		}
		if !ok {
			break
		}
		s.emitted++
		if s.emitted <= s.offset {
			continue
		}
		for c := range s.out.Cols {
			s.out.Cols[c].AppendFrom(b.Cols[c], row)
		}
		s.out.Len++
	}
	if s.out.Len == 0 {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		return nil, io.EOF
	}
	return s.out, nil
}

func (s *Sort) Close() error {
	s.mem.release()
	s.chunks, s.kcols, s.order = nil, nil, nil
	var errs []error
	for _, r := range s.runs {
		errs = append(errs, r.remove())
	}
	s.runs, s.merge = nil, nil
	errs = append(errs, s.input.Close())
	return errors.Join(errs...)
}
