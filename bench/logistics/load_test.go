package logistics_test

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/weir-data/weir/bench/dataset"
	"github.com/weir-data/weir/bench/load"
	"github.com/weir-data/weir/bench/logistics"
	"github.com/weir-data/weir/fileio"
	"github.com/weir-data/weir/internal/pgtest"
	"github.com/weir-data/weir/internal/resultcmp"
	"github.com/weir-data/weir/paimon/catalog"
	"github.com/weir-data/weir/paimon/table"
	"github.com/weir-data/weir/vec"
)

var update = flag.Bool("update", false, "rewrite testdata/rowcounts.golden")

var opts = logistics.Options{Documents: 5000}

func result(t *testing.T, src dataset.Source, rows func(func(*vec.Batch) error) error) *resultcmp.Result {
	t.Helper()
	names := make([]string, len(src.Table.Columns))
	for i, c := range src.Table.Columns {
		names[i] = c.Name
	}
	r := resultcmp.NewResult(names, src.Table.Types())
	if err := rows(r.AppendBatch); err != nil {
		t.Fatal(err)
	}
	return r
}

func generated(t *testing.T, src dataset.Source) *resultcmp.Result {
	return result(t, src, func(f func(*vec.Batch) error) error { return src.Rows(context.Background(), f) })
}

// TestQueriesOnPostgres loads the data set into PostgreSQL, checks the
// tables against the generator, and runs every query: each returns rows,
// and the counts match testdata/rowcounts.golden.
func TestQueriesOnPostgres(t *testing.T) {
	conn, schema := pgtest.Conn(t)
	ctx := context.Background()
	srcs := logistics.Sources(opts)
	start := time.Now()
	stats, err := load.Postgres(ctx, conn, schema, srcs)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("loaded %d documents into PostgreSQL in %v: %v", opts.Documents, time.Since(start).Round(time.Millisecond), stats)
	for _, src := range srcs {
		got, err := resultcmp.QueryPostgres(ctx, conn, "SELECT * FROM "+src.Table.Name)
		if err != nil {
			t.Fatal(err)
		}
		if err := resultcmp.Compare(generated(t, src), got, false); err != nil {
			t.Errorf("%s in PostgreSQL differs from the generator: %v", src.Table.Name, err)
		}
	}
	qs := logistics.Queries()
	if len(qs) < 30 {
		t.Errorf("%d queries, want at least 30", len(qs))
	}
	var counts strings.Builder
	for _, q := range qs {
		res, err := resultcmp.QueryPostgres(ctx, conn, q.SQL)
		if err != nil {
			t.Errorf("%s: %v", q.Name, err)
			continue
		}
		if len(res.Rows) == 0 {
			t.Errorf("%s returned no rows", q.Name)
		}
		fmt.Fprintf(&counts, "%s %d\n", q.Name, len(res.Rows))
	}
	path := filepath.Join("testdata", "rowcounts.golden")
	if *update {
		if err := os.WriteFile(path, []byte(counts.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if string(want) != counts.String() {
		t.Errorf("row counts differ from %s (run with -update if the generator changed on purpose):\nwant:\n%sgot:\n%s", path, want, counts.String())
	}
}

// TestPaimonReadBack loads the data set into Paimon tables (partitioned by
// o_year where the seed partitions, bucket = 2) and reads every table back.
func TestPaimonReadBack(t *testing.T) {
	ctx := context.Background()
	cat := catalog.New(fileio.NewMemory())
	srcs := logistics.Sources(opts)
	stats, err := load.Paimon(ctx, cat, srcs, load.PaimonOptions{Database: "ods"})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("loaded into Paimon: %v", stats)
	for _, src := range srcs {
		tbl, err := cat.GetTable(ctx, catalog.Identifier{Database: "ods", Table: src.Table.Name})
		if err != nil {
			t.Fatal(err)
		}
		if got, want := len(tbl.PartitionTypes()), len(src.Table.PartitionKeys); got != want {
			t.Errorf("%s: %d partition keys, want %d", src.Table.Name, got, want)
		}
		got := result(t, src, func(f func(*vec.Batch) error) error {
			return tbl.Scan(ctx, table.ScanOptions{}, table.ReadOptions{}, f)
		})
		if err := resultcmp.Compare(generated(t, src), got, false); err != nil {
			t.Errorf("%s read back: %v", src.Table.Name, err)
		}
	}
}
