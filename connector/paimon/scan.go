package paimon

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"

	"github.com/weir-data/weir/engine/batch"
	"github.com/weir-data/weir/paimon/table"
	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// ScanSpec says what a Scan reads.
type ScanSpec struct {
	Table *table.Table
	// Options select the snapshot (latest, id, timestamp, tag) and carry the
	// pushed-down predicates used for partition pruning and file skipping.
	Options table.ScanOptions
	// Projection lists the columns to read, as positions in the table's
	// schema; nil reads all.
	Projection []int
	// Parallelism is the number of splits read at once (≤ 1: one at a time).
	Parallelism int
	// Part and Parts divide the table's splits among parallel scans: this
	// scan reads the splits whose index modulo Parts is Part (Parts ≤ 1:
	// all).
	Part, Parts int
}

// Scan is a batch operator reading one snapshot of a Paimon table. Splits
// are read by up to Parallelism goroutines; a bounded channel between them
// and Next gives back-pressure.
type Scan struct {
	spec ScanSpec
	ts   []types.DataType

	splits []table.Split
	next   int // next split (serial mode)
	cur    table.BatchSource

	// parallel mode
	cancel context.CancelFunc
	out    chan result
	wg     sync.WaitGroup
}

type result struct {
	b   *vec.Batch
	err error
}

// NewScan returns a scan of spec.
func NewScan(spec ScanSpec) (*Scan, error) {
	fields := spec.Table.Schema().Fields
	s := &Scan{spec: spec}
	if spec.Projection == nil {
		for _, f := range fields {
			s.ts = append(s.ts, f.Type)
		}
	} else {
		for _, p := range spec.Projection {
			if p < 0 || p >= len(fields) {
				return nil, fmt.Errorf("scan %s: projected column %d out of range (%d columns)", spec.Table.Name(), p, len(fields))
			}
			s.ts = append(s.ts, fields[p].Type)
		}
	}
	for _, t := range s.ts {
		if _, err := vec.KindOf(t); err != nil {
			return nil, fmt.Errorf("scan %s: %w", spec.Table.Name(), err)
		}
	}
	return s, nil
}

func (s *Scan) Types() []types.DataType { return s.ts }

func (s *Scan) Open(ctx context.Context) error {
	plan, err := s.spec.Table.Plan(ctx, s.spec.Options)
	if err != nil {
		return fmt.Errorf("plan scan of %s: %w", s.spec.Table.Name(), err)
	}
	s.splits, s.next, s.cur = plan.Splits, 0, nil
	if s.spec.Parts > 1 {
		var mine []table.Split
		for i, sp := range plan.Splits {
			if i%s.spec.Parts == s.spec.Part {
				mine = append(mine, sp)
			}
		}
		s.splits = mine
	}
	if s.spec.Parallelism > 1 && len(s.splits) > 1 {
		s.startWorkers(ctx)
	}
	return nil
}

func (s *Scan) readOptions() table.ReadOptions {
	return table.ReadOptions{Projection: s.spec.Projection, BatchSize: batch.BatchRows}
}

func (s *Scan) Next(ctx context.Context) (*vec.Batch, error) {
	if s.out != nil {
		r, ok := <-s.out
		if !ok {
			return nil, io.EOF
		}
		return r.b, r.err
	}
	for {
		if s.cur == nil {
			if s.next >= len(s.splits) {
				return nil, io.EOF
			}
			src, err := s.spec.Table.ReadSplit(ctx, s.splits[s.next], s.readOptions())
			if err != nil {
				return nil, fmt.Errorf("read %s: %w", s.spec.Table.Name(), err)
			}
			s.next++
			s.cur = src
		}
		b, err := s.cur.Next(ctx)
		if err == io.EOF {
			err = s.cur.Close()
			s.cur = nil
			if err != nil {
				return nil, err
			}
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", s.spec.Table.Name(), err)
		}
		if b.Len > 0 {
			return b, nil
		}
	}
}

func (s *Scan) startWorkers(ctx context.Context) {
	ctx, s.cancel = context.WithCancel(ctx)
	n := min(s.spec.Parallelism, len(s.splits))
	s.out = make(chan result, 2*n)
	work := make(chan table.Split)
	go func() {
		defer close(work)
		for _, sp := range s.splits {
			select {
			case work <- sp:
			case <-ctx.Done():
				return
			}
		}
	}()
	for range n {
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			for sp := range work {
				if err := s.readSplit(ctx, sp); err != nil {
					select {
					case s.out <- result{err: err}:
					case <-ctx.Done():
					}
					s.cancel()
					return
				}
			}
		}()
	}
	go func() {
		s.wg.Wait()
		close(s.out)
	}()
}

// readSplit sends copies of the split's batches (the source reuses its own).
func (s *Scan) readSplit(ctx context.Context, sp table.Split) (err error) {
	src, err := s.spec.Table.ReadSplit(ctx, sp, s.readOptions())
	if err != nil {
		return fmt.Errorf("read %s: %w", s.spec.Table.Name(), err)
	}
	defer func() {
		if cerr := src.Close(); err == nil {
			err = cerr
		}
	}()
	for {
		b, err := src.Next(ctx)
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("read %s: %w", s.spec.Table.Name(), err)
		}
		if b.Len == 0 {
			continue
		}
		select {
		case s.out <- result{b: b.Clone()}:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

func (s *Scan) Close() error {
	var err error
	if s.cur != nil {
		err = s.cur.Close()
		s.cur = nil
	}
	if s.cancel != nil {
		s.cancel()
		for range s.out {
		}
		s.wg.Wait()
		s.cancel, s.out = nil, nil
	}
	if errors.Is(err, context.Canceled) {
		err = nil
	}
	return err
}
