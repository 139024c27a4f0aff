package logistics

import (
	"embed"

	"github.com/weir-data/weir/bench/dataset"
)

// queryFiles holds the queries, named lNN_<what>.sql. The DWD wide table and
// the DWM aggregate are common table expressions at the head of the queries
// that use them (they are views of the ODS tables, not loaded tables), so
// every query runs as it stands on PostgreSQL and in Flink SQL. Date parts use
// EXTRACT (YEAR, MONTH, QUARTER only: DOW and WEEK differ between engines).
//
//go:embed queries/*.sql
var queryFiles embed.FS

// Queries returns the queries sorted by name.
func Queries() []dataset.Query {
	qs, err := dataset.ReadQueries(queryFiles, "queries")
	if err != nil {
		panic(err) // embedded files: cannot fail
	}
	return qs
}
