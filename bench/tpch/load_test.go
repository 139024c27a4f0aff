package tpch_test

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
	"github.com/weir-data/weir/bench/tpch"
	"github.com/weir-data/weir/fileio"
	"github.com/weir-data/weir/internal/pgtest"
	"github.com/weir-data/weir/internal/resultcmp"
	"github.com/weir-data/weir/paimon/catalog"
	"github.com/weir-data/weir/paimon/table"
	"github.com/weir-data/weir/vec"
)

var (
	update  = flag.Bool("update", false, "rewrite testdata/rowcounts.golden")
	pgScale = flag.Float64("pgscale", 0.01, "scale factor of TestQueriesOnPostgres (the golden file holds SF 0.01's counts)")
)

const scale = 0.01

// TestQueriesOnPostgres loads SF 0.01 into PostgreSQL, checks that the loaded
// tables equal the generator's rows, and runs the 22 queries: each must return
// at least one row, and the row counts must match testdata/rowcounts.golden
// (run with -update after a deliberate generator change).
func TestQueriesOnPostgres(t *testing.T) {
	conn, schema := pgtest.Conn(t)
	ctx := context.Background()
	srcs := tpch.Sources(tpch.Options{Scale: *pgScale})
	start := time.Now()
	stats, err := load.Postgres(ctx, conn, schema, srcs)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("loaded SF %v into PostgreSQL in %v: %v", *pgScale, time.Since(start).Round(time.Millisecond), stats)
	for _, src := range srcs[:4] { // the small tables, row for row
		want := generatedResult(t, src)
		got, err := resultcmp.QueryPostgres(ctx, conn, "SELECT * FROM "+src.Table.Name)
		if err != nil {
			t.Fatal(err)
		}
		if err := resultcmp.Compare(want, got, false); err != nil {
			t.Errorf("%s in PostgreSQL differs from the generator: %v", src.Table.Name, err)
		}
	}
	var counts strings.Builder
	for _, q := range tpch.Queries() {
		qs := time.Now()
		res, err := resultcmp.QueryPostgres(ctx, conn, q.SQL)
		if err != nil {
			t.Errorf("%s: %v", q.Name, err)
			continue
		}
		if len(res.Rows) == 0 {
			t.Errorf("%s returned no rows", q.Name)
		}
		t.Logf("%s: %d rows in %v", q.Name, len(res.Rows), time.Since(qs).Round(time.Millisecond))
		fmt.Fprintf(&counts, "%s %d\n", q.Name, len(res.Rows))
	}
	if *pgScale == scale {
		checkGolden(t, filepath.Join("testdata", "rowcounts.golden"), counts.String())
	}
}

func checkGolden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if string(want) != got {
		t.Errorf("row counts differ from %s (run with -update if the generator changed on purpose):\nwant:\n%sgot:\n%s", path, want, got)
	}
}

func generatedResult(t *testing.T, src dataset.Source) *resultcmp.Result {
	t.Helper()
	names := make([]string, len(src.Table.Columns))
	for i, c := range src.Table.Columns {
		names[i] = c.Name
	}
	r := resultcmp.NewResult(names, src.Table.Types())
	if err := src.Rows(context.Background(), func(b *vec.Batch) error { return r.AppendBatch(b) }); err != nil {
		t.Fatal(err)
	}
	return r
}

func scanResult(t *testing.T, tbl *table.Table, src dataset.Source) *resultcmp.Result {
	t.Helper()
	names := make([]string, len(src.Table.Columns))
	for i, c := range src.Table.Columns {
		names[i] = c.Name
	}
	r := resultcmp.NewResult(names, src.Table.Types())
	if err := tbl.Scan(context.Background(), table.ScanOptions{}, table.ReadOptions{}, func(b *vec.Batch) error {
		return r.AppendBatch(b)
	}); err != nil {
		t.Fatal(err)
	}
	return r
}

// TestPaimonReadBack loads SF 0.01 into primary-key tables (bucket = 2) and
// append tables, and requires a scan of each to give the generator's rows.
// The append variant leaves out LINEITEM to keep the test fast (the append
// write path is the same for every table).
func TestPaimonReadBack(t *testing.T) {
	for _, appendOnly := range []bool{false, true} {
		t.Run(fmt.Sprintf("append=%v", appendOnly), func(t *testing.T) {
			ctx := context.Background()
			cat := catalog.New(fileio.NewMemory())
			srcs := tpch.Sources(tpch.Options{Scale: scale})
			if appendOnly {
				srcs = srcs[:len(srcs)-1]
			}
			start := time.Now()
			stats, err := load.Paimon(ctx, cat, srcs, load.PaimonOptions{Database: "tpch", AppendOnly: appendOnly})
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("loaded SF %v into Paimon tables in %v: %v", scale, time.Since(start).Round(time.Millisecond), stats)
			for _, src := range srcs {
				tbl, err := cat.GetTable(ctx, catalog.Identifier{Database: "tpch", Table: src.Table.Name})
				if err != nil {
					t.Fatal(err)
				}
				if tbl.HasPrimaryKey() == appendOnly {
					t.Fatalf("%s: primary key %v with append=%v", src.Table.Name, tbl.HasPrimaryKey(), appendOnly)
				}
				if err := resultcmp.Compare(generatedResult(t, src), scanResult(t, tbl, src), false); err != nil {
					t.Errorf("%s read back: %v", src.Table.Name, err)
				}
			}
		})
	}
}

// TestParquetFiles writes the tables as Parquet files and checks row counts.
func TestParquetFiles(t *testing.T) {
	dir := t.TempDir()
	stats, err := load.Parquet(context.Background(), dir, tpch.Sources(tpch.Options{Scale: scale}))
	if err != nil {
		t.Fatal(err)
	}
	counts := tpch.CountsFor(scale)
	for _, s := range stats {
		fi, err := os.Stat(filepath.Join(dir, s.Table+".parquet"))
		if err != nil || fi.Size() == 0 {
			t.Fatalf("%s.parquet: %v", s.Table, err)
		}
		if want := counts.Rows(s.Table); want >= 0 && s.Rows != want {
			t.Errorf("%s.parquet: %d rows, want %d", s.Table, s.Rows, want)
		}
	}
}
