package paimon

import (
	"context"
	"fmt"
	"strconv"

	"github.com/weir-data/weir/paimon/table"
	"github.com/weir-data/weir/vec"
)

// SinkSpec says how a Sink writes.
type SinkSpec struct {
	Table *table.Table
	// Overwrite makes the commit an OVERWRITE (INSERT OVERWRITE, TRUNCATE).
	Overwrite bool
	// Static holds the PARTITION (k = v) values of the statement, by key.
	Static map[string]any
}

// Sink writes a batch statement's rows into a Paimon table and commits them
// as one snapshot (two when compaction ran) at Commit.
type Sink struct {
	spec SinkSpec
	w    *table.Writer
	rows int64
}

// NewSink opens a writer on spec.Table.
func NewSink(ctx context.Context, spec SinkSpec) (*Sink, error) {
	w, err := spec.Table.NewWriter(ctx, table.WriterOptions{})
	if err != nil {
		return nil, fmt.Errorf("write %s: %w", spec.Table.Name(), err)
	}
	return &Sink{spec: spec, w: w}, nil
}

// Write buffers the rows of b (with their row kinds).
func (s *Sink) Write(ctx context.Context, b *vec.Batch) error {
	s.rows += int64(b.Len)
	if err := s.w.Write(ctx, b); err != nil {
		return fmt.Errorf("write %s: %w", s.spec.Table.Name(), err)
	}
	return nil
}

// Rows is the number of rows written so far.
func (s *Sink) Rows() int64 { return s.rows }

// Commit flushes the rows and commits them.
func (s *Sink) Commit(ctx context.Context) error {
	msgs, err := s.w.Prepare(ctx)
	if err != nil {
		return fmt.Errorf("flush %s: %w", s.spec.Table.Name(), err)
	}
	c := table.Committable{Identifier: table.BatchCommitIdentifier, Messages: msgs}
	if s.spec.Overwrite {
		ow := table.Overwrite{Static: s.spec.Static}
		if len(s.spec.Static) == 0 {
			dyn := true
			if v, ok := s.spec.Table.Options().Get("dynamic-partition-overwrite"); ok {
				if dyn, err = strconv.ParseBool(v); err != nil {
					return fmt.Errorf("table %s: option dynamic-partition-overwrite = %q is not true or false", s.spec.Table.Name(), v)
				}
			}
			ow.Dynamic = dyn
		}
		_, err = s.spec.Table.CommitOverwrite(ctx, s.w.CommitUser(), c, ow)
	} else {
		_, err = s.spec.Table.Commit(ctx, s.w.CommitUser(), c)
	}
	if err != nil {
		return fmt.Errorf("commit %s: %w", s.spec.Table.Name(), err)
	}
	return nil
}

// Close releases the writer; rows not committed are discarded.
func (s *Sink) Close() error {
	return s.w.Close(context.Background())
}
