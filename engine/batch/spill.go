package batch

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
	"github.com/weir-data/weir/vec/vecfile"
)

// spillFile is one scratch file of batches, deleted when closed.
type spillFile struct {
	f    *os.File
	w    *vecfile.Writer
	ts   []types.DataType
	rows int64
}

// newSpillFile creates a scratch file in env.TempDir.
func newSpillFile(env *Env, op string, ts []types.DataType) (*spillFile, error) {
	f, err := os.CreateTemp(env.TempDir, "weir-spill-*")
	if err != nil {
		return nil, fmt.Errorf("%s: create spill file: %w", op, err)
	}
	return &spillFile{f: f, w: vecfile.NewWriter(f), ts: ts}, nil
}

func (s *spillFile) write(b *vec.Batch) error {
	s.rows += int64(b.Len)
	if err := s.w.Write(b); err != nil {
		return fmt.Errorf("write spill file %s: %w", s.f.Name(), err)
	}
	return nil
}

// reader finishes the file and returns a reader over it from the start.
func (s *spillFile) reader() (*vecfile.Reader, error) {
	if err := s.w.Close(); err != nil {
		return nil, fmt.Errorf("write spill file %s: %w", s.f.Name(), err)
	}
	if _, err := s.f.Seek(0, 0); err != nil {
		return nil, err
	}
	return vecfile.NewReader(s.f, s.f.Name(), s.ts)
}

func (s *spillFile) remove() error {
	if s == nil || s.f == nil {
		return nil
	}
	name := s.f.Name()
	err := errors.Join(s.f.Close(), os.Remove(name))
	s.f = nil
	return err
}

// spillable reports whether err is a budget overflow the operator may answer
// by spilling.
func spillable(env *Env, err error) bool {
	return err != nil && errors.Is(err, errOverBudget) && env.Memory.Limit() > 0
}

// fileSource reads a spill file back as an operator; Close deletes the file.
type fileSource struct {
	f  *spillFile
	rd *vecfile.Reader
}

func (s *fileSource) Types() []types.DataType { return s.f.ts }

func (s *fileSource) Open(context.Context) error {
	rd, err := s.f.reader()
	s.rd = rd
	return err
}

func (s *fileSource) Next(context.Context) (*vec.Batch, error) { return s.rd.Next() }

func (s *fileSource) Close() error { return s.f.remove() }

// spillPartitions is the number of files rows are hash-partitioned into
// when an operator spills (3 bits of the key hash per level).
const (
	spillPartitionBits = 3
	spillPartitions    = 1 << spillPartitionBits
	maxSpillLevel      = 8
)

// partitionOf picks a row's partition at a recursion level from its key hash.
func partitionOf(h uint64, level int) int {
	return int(h>>(64-spillPartitionBits*(level+1))) & (spillPartitions - 1)
}

// partitionWriter scatters rows of batches into spill files by partition.
type partitionWriter struct {
	files []*spillFile
	rows  [spillPartitions][]int32
	buf   *vec.Batch
}

func newPartitionWriter(env *Env, op string, ts []types.DataType) (*partitionWriter, error) {
	p := &partitionWriter{buf: newBatch(ts, BatchRows)}
	for i := 0; i < spillPartitions; i++ {
		f, err := newSpillFile(env, op, ts)
		if err != nil {
			p.remove()
			return nil, err
		}
		p.files = append(p.files, f)
	}
	return p, nil
}

// write sends row rows[i] of b to partition parts[i].
func (p *partitionWriter) write(b *vec.Batch, rows []int32, parts []int) error {
	for i := range p.rows {
		p.rows[i] = p.rows[i][:0]
	}
	for i, r := range rows {
		p.rows[parts[i]] = append(p.rows[parts[i]], r)
	}
	for i, rs := range p.rows {
		if len(rs) == 0 {
			continue
		}
		gatherInto(p.buf, b, rs)
		if err := p.files[i].write(p.buf); err != nil {
			return err
		}
	}
	return nil
}

func (p *partitionWriter) remove() error {
	var errs []error
	for _, f := range p.files {
		if f != nil {
			errs = append(errs, f.remove())
		}
	}
	return errors.Join(errs...)
}
