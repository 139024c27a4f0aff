package batch

import (
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
