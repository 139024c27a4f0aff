// Package load writes generated data sets (dataset.Source values) into
// PostgreSQL (CREATE TABLE with primary keys, then COPY), into Weir's Paimon
// tables (primary-key tables with a fixed bucket count, or append tables),
// and into plain Parquet files, one per table. Every loader streams: a
// generator's batches are written as they come and never collected.
package load

import "time"

// Stats reports the load of one table.
type Stats struct {
	Table   string
	Rows    int64
	Elapsed time.Duration
}
