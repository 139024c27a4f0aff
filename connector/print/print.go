// Package print is Flink's 'print' connector: a sink that writes every row
// as one line, "+I[1, a]" (row kind, then the values as Flink's Row.toString
// shows them), to standard output or standard error.
//
// Options (Flink's): 'print-identifier' prefixes each line with
// "<identifier>> "; 'standard-error' = 'true' writes to standard error;
// 'sink.parallelism' is accepted and validated (a positive integer) and,
// with one writer per table today, only affects the prefix as in Flink (the
// subtask number is added when it is above 1).
package print

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"

	"github.com/weir-data/weir/connector"
	"github.com/weir-data/weir/engine/batch"
	"github.com/weir-data/weir/vec"
)

// Name is the connector's name.
const Name = "print"

// Option keys.
const (
	OptIdentifier    = "print-identifier"
	OptStandardError = "standard-error"
	OptParallelism   = "sink.parallelism"
)

func init() { connector.Register(&Factory{}) }

// Factory makes print sinks. Stdout and Stderr replace the process's
// standard streams when set (tests).
type Factory struct {
	Stdout, Stderr io.Writer
}

// Name returns "print".
func (*Factory) Name() string { return Name }

// OptionKeys lists Flink's print options.
func (*Factory) OptionKeys() []connector.OptionSpec {
	return []connector.OptionSpec{
		{Key: OptIdentifier, Description: "message that identifies print and is prefixed to each line"},
		{Key: OptStandardError, Default: "false", Description: "true prints to standard error instead of standard output"},
		{Key: OptParallelism, Description: "parallelism of the print sink"},
	}
}

type config struct {
	identifier  string
	stderr      bool
	parallelism int64
}

func (f *Factory) config(t connector.TableInfo) (config, error) {
	if err := connector.CheckKeys(Name, f.OptionKeys(), t); err != nil {
		return config{}, err
	}
	o := connector.NewOptions(Name, t)
	c := config{
		identifier:  o.String(OptIdentifier, ""),
		stderr:      o.Bool(OptStandardError, false),
		parallelism: o.Int(OptParallelism, 1, 1, math.MaxInt32),
	}
	return c, o.Err()
}

// Validate checks the table's options.
func (f *Factory) Validate(t connector.TableInfo) error {
	_, err := f.config(t)
	return err
}

// NewSource fails: print is a sink only.
func (*Factory) NewSource(_ context.Context, t connector.TableInfo, _ connector.SourceRequest) (batch.Operator, error) {
	return nil, fmt.Errorf("table %s: connector print can only be written to: %w", t.Name, connector.ErrNotSource)
}

// NewSink returns a sink printing to the configured stream.
func (f *Factory) NewSink(_ context.Context, t connector.TableInfo, _ connector.SinkRequest) (connector.Sink, error) {
	c, err := f.config(t)
	if err != nil {
		return nil, err
	}
	var w io.Writer = os.Stdout
	if f.Stdout != nil {
		w = f.Stdout
	}
	if c.stderr {
		w = os.Stderr
		if f.Stderr != nil {
			w = f.Stderr
		}
	}
	prefix := c.identifier
	if c.parallelism > 1 {
		// This writer is subtask 1 of the sink; Flink numbers from 1.
		if prefix != "" {
			prefix += ":"
		}
		prefix += strconv.Itoa(1)
	}
	if prefix != "" {
		prefix += "> "
	}
	return &sink{w: bufio.NewWriter(w), prefix: prefix, table: t.Name}, nil
}

// sink writes one line per row.
type sink struct {
	w      *bufio.Writer
	prefix string
	table  string
	line   []byte
}

func (s *sink) Write(_ context.Context, b *vec.Batch) error {
	for i := 0; i < b.Len; i++ {
		s.line = append(s.line[:0], s.prefix...)
		s.line = append(s.line, b.Kind(i).String()...)
		s.line = append(s.line, '[')
		for c, v := range b.Cols {
			if c > 0 {
				s.line = append(s.line, ", "...)
			}
			s.line = appendValue(s.line, v, i)
		}
		s.line = append(s.line, ']', '\n')
		if _, err := s.w.Write(s.line); err != nil {
			return fmt.Errorf("print sink of table %s: %w", s.table, err)
		}
	}
	if err := s.w.Flush(); err != nil {
		return fmt.Errorf("print sink of table %s: %w", s.table, err)
	}
	return nil
}

func (s *sink) Commit(context.Context) error {
	if err := s.w.Flush(); err != nil {
		return fmt.Errorf("print sink of table %s: %w", s.table, err)
	}
	return nil
}

func (s *sink) Close() error { return s.w.Flush() }
