// Package connector is the registry of Weir's table connectors: the code
// behind a Flink SQL table's WITH ('connector' = '...') clause.
//
// A connector is a [Factory]. It names itself (the value of the 'connector'
// option), lists the option keys it accepts ([OptionSpec]: exact keys, or
// patterns in which '#' stands for a column name, as in 'fields.#.kind'),
// validates a table's options and creates sources (an
// [github.com/weir-data/weir/engine/batch.Operator] producing the table's
// columns, optionally projected) and sinks ([Sink]).
//
// The planner resolves a table in three steps:
//
//	f, err := connector.Lookup(t.Options["connector"]) // did-you-mean on typos
//	err = f.Validate(t)                                 // every problem at once
//	src, err := f.NewSource(ctx, t, connector.SourceRequest{Bounded: true})
//
// [Registry.Validate] does the first two. Factory.Validate reports all
// problems of a table in one error (unknown keys with a suggestion, missing
// required keys, bad values naming the option and the expected form);
// NewSource and NewSink validate again, so they never run on bad options.
//
// Option keys are Flink's, with Flink's defaults and meanings. As in Flink's
// FactoryUtil, the keys 'connector' and 'property-version' are accepted by
// every connector ([CommonOptions]); every other key must be declared by the
// connector. Keys are case-sensitive, as in Flink.
//
// Connectors register themselves in the [Default] registry from init;
// import github.com/weir-data/weir/connector/all for the full set. Tests
// build their own [Registry] with [NewRegistry].
package connector
