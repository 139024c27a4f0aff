package plan_test

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/weir-data/weir/bench/dataset"
	"github.com/weir-data/weir/bench/tpch"
	"github.com/weir-data/weir/engine/batch"
	"github.com/weir-data/weir/sql/ast"
	"github.com/weir-data/weir/sql/fn"
	"github.com/weir-data/weir/sql/parser"
	"github.com/weir-data/weir/sql/plan"
)

var update = flag.Bool("update", false, "rewrite testdata golden files")

func smallTPCH(t *testing.T) *testCatalog {
	t.Helper()
	var srcs []dataset.Source
	for _, n := range []string{"nation", "region", "supplier"} {
		srcs = append(srcs, tpch.Source(n, tpch.Options{Scale: 0.01}))
	}
	return loadPaimon(t, "tpch", srcs)
}

func bindSQL(t *testing.T, cat plan.Catalog, sql string) (*plan.Plan, error) {
	t.Helper()
	stmt, err := parser.ParseOne(sql)
	if err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	return plan.BindQuery(context.Background(), cat, stmt.(*ast.Query), plan.Options{Fn: &fn.Context{}})
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs:\n--- want\n%s\n--- got\n%s", name, want, got)
	}
}

var explainQueries = []string{
	`SELECT n_name FROM nation WHERE n_regionkey = 1 ORDER BY n_name`,
	`SELECT r_name, COUNT(*) AS c FROM nation, region WHERE n_regionkey = r_regionkey GROUP BY r_name HAVING COUNT(*) > 1`,
	`SELECT s_name FROM supplier s WHERE EXISTS (SELECT 1 FROM nation n WHERE n.n_nationkey = s.s_nationkey AND n.n_name LIKE 'A%')`,
	`SELECT n_name, (SELECT MAX(s_acctbal) FROM supplier WHERE s_nationkey = n_nationkey) AS top FROM nation`,
	`SELECT n_name FROM nation LEFT JOIN region ON n_regionkey = r_regionkey WHERE r_name = 'ASIA'`,
	`SELECT n_regionkey FROM nation UNION SELECT r_regionkey FROM region`,
	`SELECT n_regionkey, COUNT(*) FROM nation GROUP BY ROLLUP (n_regionkey)`,
	`SELECT n_nationkey FROM nation WHERE n_nationkey NOT IN (SELECT s_nationkey FROM supplier) LIMIT 3`,
}

func TestExplainGolden(t *testing.T) {
	cat := smallTPCH(t)
	var sb strings.Builder
	for _, q := range explainQueries {
		p, err := bindSQL(t, cat, q)
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		sb.WriteString(q + "\n----\n" + p.Explain() + "\n")
	}
	golden(t, "explain.golden", sb.String())
}

var errorQueries = []string{
	"SELECT n_nmae FROM nation",
	"SELECT x.n_name FROM nation n",
	"SELECT n_regionkey FROM nation, region WHERE n_regionkey = r_regionkey AND n_regionkey = DATE '2020-01-01'",
	"SELECT n_name, COUNT(*) FROM nation",
	"SELECT n_name FROM nation WHERE SUM(n_nationkey) > 1",
	"SELECT n_name FROM nation n JOIN nation m ON n.n_nationkey = m.n_nationkey WHERE n_name = 'x'",
	"SELECT n_name FROM nation WHERE n_name + 1 > 2",
	"SELECT n_name FROM nation ORDER BY 5",
	"SELECT * FROM nosuch",
	"SELECT n_name FROM nation WHERE n_nationkey = (SELECT r_regionkey, r_name FROM region)",
	"SELECT CAST(n_name AS BOOLEAN) FROM nation WHERE 'abc' LIKE n_name ESCAPE 'xy'",
}

func TestBindErrors(t *testing.T) {
	cat := smallTPCH(t)
	var sb strings.Builder
	for _, q := range errorQueries {
		_, err := bindSQL(t, cat, q)
		if err == nil {
			t.Errorf("%s: no error", q)
			continue
		}
		sb.WriteString(q + "\n  " + err.Error() + "\n")
	}
	golden(t, "errors.golden", sb.String())
}

func count(t *testing.T, cat plan.Catalog, sql string) string {
	t.Helper()
	res, _, err := runQuery(context.Background(), cat, sql)
	if err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	return strings.Join(res.Rows[0], ",")
}

func runWrite(t *testing.T, cat plan.Catalog, sql string) (int64, error) {
	t.Helper()
	stmt, err := parser.ParseOne(sql)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	opts := plan.Options{Fn: &fn.Context{}}
	var w *plan.Write
	switch s := stmt.(type) {
	case *ast.Insert:
		w, err = plan.BindInsert(ctx, cat, s, opts)
	case *ast.Delete:
		w, err = plan.BindDelete(ctx, cat, s, opts)
	case *ast.Update:
		w, err = plan.BindUpdate(ctx, cat, s, opts)
	}
	if err != nil {
		return 0, err
	}
	return w.Run(ctx, &batch.Env{Fn: &fn.Context{}, Memory: batch.NewBudget(0)})
}

func TestWrites(t *testing.T) {
	cat := smallTPCH(t)
	steps := []struct {
		sql  string
		rows int64
		err  string
	}{
		{sql: "INSERT INTO region VALUES (5, 'MARS', 'red'), (6, 'VENUS', 'hot')", rows: 2},
		{sql: "INSERT INTO region (r_name, r_regionkey, r_comment) SELECT n_name, n_nationkey + 100, n_comment FROM nation WHERE n_nationkey < 3", rows: 3},
		{sql: "INSERT INTO region (r_regionkey, r_name) VALUES (9, 'x')", err: "column 'r_comment' of tpch.region is NOT NULL"},
		{sql: "UPDATE region SET r_comment = 'cold' WHERE r_regionkey = 5", rows: 1},
		{sql: "DELETE FROM region WHERE r_regionkey >= 100", rows: 3},
		{sql: "UPDATE region SET r_regionkey = 1", err: "primary key"},
		{sql: "INSERT INTO region VALUES (1, 'x')", err: "returns 2 columns but 3 are expected"},
		{sql: "INSERT INTO region (r_regionkey, r_nmae) VALUES (1, 'x')", err: "did you mean r_name?"},
		{sql: "INSERT INTO region VALUES ('a', 'b', 'c')", err: "r_regionkey"},
	}
	for _, s := range steps {
		n, err := runWrite(t, cat, s.sql)
		if s.err != "" {
			if err == nil || !strings.Contains(err.Error(), s.err) {
				t.Errorf("%s: error %v, want one containing %q", s.sql, err, s.err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", s.sql, err)
		}
		if n != s.rows {
			t.Errorf("%s: %d rows, want %d", s.sql, n, s.rows)
		}
	}
	if got := count(t, cat, "SELECT COUNT(*), MAX(r_regionkey), MAX(r_comment) FILTER (WHERE r_regionkey = 5) FROM region"); got != "7,6,cold" {
		t.Errorf("region after writes: %s, want 7,6,cold", got)
	}
}
