package filesystem

import (
	"context"

	"github.com/weir-data/weir/connector"
	"github.com/weir-data/weir/engine/batch"
)

// Name is the connector's name.
const Name = "filesystem"

func init() { connector.Register(Factory{}) }

// Factory makes filesystem sources and sinks.
type Factory struct{}

// Name returns "filesystem".
func (Factory) Name() string { return Name }

// OptionKeys lists Flink's filesystem, csv and json options.
func (Factory) OptionKeys() []connector.OptionSpec { return optionSpecs }

// Validate checks the table's options and columns.
func (Factory) Validate(t connector.TableInfo) error {
	_, err := parseConfig(t)
	return err
}

// NewSource returns a *Source reading every file of the table. Files are
// listed when the source is opened. Streaming reads (monitoring the path)
// are not implemented yet: an unbounded request reads the files present
// once, as Flink does without 'source.monitor-interval'.
func (Factory) NewSource(_ context.Context, t connector.TableInfo, req connector.SourceRequest) (batch.Operator, error) {
	cfg, err := parseConfig(t)
	if err != nil {
		return nil, err
	}
	return newSource(cfg, t, req)
}

// NewSink returns a *Sink writing new files into the table's directory.
func (Factory) NewSink(ctx context.Context, t connector.TableInfo, req connector.SinkRequest) (connector.Sink, error) {
	cfg, err := parseConfig(t)
	if err != nil {
		return nil, err
	}
	return newSink(ctx, cfg, t, req)
}
