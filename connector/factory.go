package connector

import (
	"context"

	"github.com/weir-data/weir/engine/batch"
)

// Factory is one connector: it validates tables and creates their sources
// and sinks. Implementations are stateless and safe for concurrent use.
type Factory interface {
	// Name is the value of the 'connector' option ("datagen").
	Name() string
	// OptionKeys lists the options the connector accepts besides
	// CommonOptions.
	OptionKeys() []OptionSpec
	// Validate checks the table's options (keys and values) and columns,
	// reporting every problem in one error.
	Validate(t TableInfo) error
	// NewSource returns an operator producing the table's rows, or an error
	// wrapping ErrNotSource.
	NewSource(ctx context.Context, t TableInfo, req SourceRequest) (batch.Operator, error)
	// NewSink returns a sink writing the table, or an error wrapping
	// ErrNotSink.
	NewSink(ctx context.Context, t TableInfo, req SinkRequest) (Sink, error)
}
