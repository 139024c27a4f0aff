package tpch

import (
	"embed"
	"fmt"

	"github.com/weir-data/weir/bench/dataset"
)

// queryFiles holds queries/q01.sql … q22.sql: the 22 TPC-H queries with the
// specification's validation parameters, in text that both Flink SQL and
// PostgreSQL accept (no variant per engine is needed). Departures from the
// specification's text, all result-preserving:
//   - Q15's view revenue0 is a CTE;
//   - Q13's derived table names its columns with aliases inside rather than
//     a column list after AS;
//   - ORDER BY clauses whose keys can tie before a LIMIT (Q3, Q5, Q10, Q11,
//     Q18) end with a unique key, so that results are the same in every engine;
//   - "INTERVAL 'n' DAY (3)" is written "INTERVAL 'n' DAY".
//
//go:embed queries/*.sql
var queryFiles embed.FS

// Queries returns the 22 queries, q01 to q22.
func Queries() []dataset.Query {
	qs, err := dataset.ReadQueries(queryFiles, "queries")
	if err != nil {
		panic(err) // embedded files: cannot fail
	}
	return qs
}

// Query returns query n (1..22).
func Query(n int) (dataset.Query, error) {
	qs := Queries()
	if n < 1 || n > len(qs) {
		return dataset.Query{}, fmt.Errorf("tpch: no query %d (1..%d)", n, len(qs))
	}
	return qs[n-1], nil
}
