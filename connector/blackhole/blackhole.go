// Package blackhole is Flink's 'blackhole' connector: a sink that discards
// every row (for benchmarks and for testing queries without output). It
// takes no options besides 'connector'. The sink counts the rows it
// discarded.
package blackhole

import (
	"context"
	"fmt"
	"sync/atomic"

	"github.com/weir-data/weir/connector"
	"github.com/weir-data/weir/engine/batch"
	"github.com/weir-data/weir/vec"
)

// Name is the connector's name.
const Name = "blackhole"

func init() { connector.Register(Factory{}) }

// Factory makes blackhole sinks.
type Factory struct{}

// Name returns "blackhole".
func (Factory) Name() string { return Name }

// OptionKeys returns no keys: blackhole takes none.
func (Factory) OptionKeys() []connector.OptionSpec { return nil }

// Validate rejects every option but the common ones.
func (f Factory) Validate(t connector.TableInfo) error {
	return connector.CheckKeys(Name, nil, t)
}

// NewSource fails: blackhole is a sink only.
func (Factory) NewSource(_ context.Context, t connector.TableInfo, _ connector.SourceRequest) (batch.Operator, error) {
	return nil, fmt.Errorf("table %s: connector blackhole can only be written to: %w", t.Name, connector.ErrNotSource)
}

// NewSink returns a *Sink.
func (f Factory) NewSink(_ context.Context, t connector.TableInfo, _ connector.SinkRequest) (connector.Sink, error) {
	if err := f.Validate(t); err != nil {
		return nil, err
	}
	return &Sink{}, nil
}

// Sink discards rows and counts them. Rows may be read concurrently with
// Write.
type Sink struct {
	rows atomic.Int64
}

// Write discards b's rows.
func (s *Sink) Write(_ context.Context, b *vec.Batch) error {
	s.rows.Add(int64(b.Len))
	return nil
}

// Commit does nothing.
func (s *Sink) Commit(context.Context) error { return nil }

// Close does nothing.
func (s *Sink) Close() error { return nil }

// Rows returns the number of rows written so far (of every kind).
func (s *Sink) Rows() int64 { return s.rows.Load() }
