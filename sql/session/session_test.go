package session

import (
	"context"
	"fmt"
	"strings"
	"testing"

	_ "github.com/weir-data/weir/connector/all"
	"github.com/weir-data/weir/vec"
)

// run executes a script and renders every result as text lines.
func run(t *testing.T, s *Session, script string) []string {
	t.Helper()
	var out []string
	err := s.ExecuteScript(context.Background(), script, func(_ string, r *Result) error {
		if !r.HasRows() {
			out = append(out, "[INFO] "+r.Message)
			return nil
		}
		return r.Rows(context.Background(), func(b *vec.Batch) error {
			for i := 0; i < b.Len; i++ {
				out = append(out, strings.TrimSuffix(fmt.Sprintln(b.Row(i)...), "\n"))
			}
			return nil
		})
	})
	if err != nil {
		t.Fatalf("%s: %v", script, err)
	}
	return out
}

func runErr(t *testing.T, s *Session, stmt string) string {
	t.Helper()
	r, err := s.Execute(context.Background(), stmt)
	if err == nil {
		r.Close()
		t.Fatalf("%s: no error", stmt)
	}
	return err.Error()
}

func newSession(t *testing.T) *Session {
	t.Helper()
	s, err := New(context.Background(), Options{Warehouse: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestCatalogsAndDatabases(t *testing.T) {
	s := newSession(t)
	wh := t.TempDir()
	got := run(t, s, `
		SHOW CURRENT CATALOG;
		CREATE CATALOG paimon_catalog WITH ('type' = 'paimon', 'warehouse' = '`+wh+`');
		SHOW CATALOGS;
		USE CATALOG paimon_catalog;
		CREATE DATABASE IF NOT EXISTS ods;
		CREATE DATABASE IF NOT EXISTS ods;
		USE ods;
		SHOW DATABASES;
		SHOW CURRENT DATABASE;`)
	want := []string{"weir", "[INFO] " + okResult, "default_catalog", "paimon_catalog", "weir",
		"[INFO] " + okResult, "[INFO] " + okResult, "[INFO] " + okResult, "[INFO] " + okResult, "default", "ods", "ods"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for stmt, msg := range map[string]string{
		"USE CATALOG paimon_catalgo":                "catalog paimon_catalgo does not exist (did you mean paimon_catalog?)",
		"USE odss":                                  "database odss does not exist in catalog paimon_catalog (did you mean ods?)",
		"CREATE CATALOG c WITH ('type' = 'hive')":   "catalog type 'hive' is not supported",
		"CREATE CATALOG c WITH ('type' = 'paimon')": "option 'warehouse' is required",
		"CREATE CATALOG c WITH ('type' = 'paimon', 'warehous' = 'x', 'warehouse' = 'y')": "unknown option 'warehous' for a Paimon catalog (did you mean warehouse?)",
		"DROP CATALOG paimon_catalog": "it is the current catalog",
		"DROP DATABASE ods":           "it is the current database",
	} {
		if got := runErr(t, s, stmt); !strings.Contains(got, msg) {
			t.Errorf("%s:\n got %s\nwant %s", stmt, got, msg)
		}
	}
}

func TestCreateDescribeAlterDropTable(t *testing.T) {
	s := newSession(t)
	run(t, s, `CREATE TABLE orders (
		id BIGINT COMMENT 'order id',
		customer STRING,
		amount DECIMAL(18, 2),
		dt STRING,
		PRIMARY KEY (id, dt) NOT ENFORCED
	) PARTITIONED BY (dt) WITH ('bucket' = '2', 'merge-engine' = 'deduplicate');`)
	got := run(t, s, "DESCRIBE orders")
	want := []string{
		"id BIGINT false PRI(id, dt) <nil> <nil>",
		"customer STRING true <nil> <nil> <nil>",
		"amount DECIMAL(18, 2) true <nil> <nil> <nil>",
		"dt STRING false PRI(id, dt) <nil> <nil>",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("DESCRIBE:\n%s", strings.Join(got, "\n"))
	}
	run(t, s, "ALTER TABLE orders ADD (note STRING COMMENT 'free text' AFTER customer); ALTER TABLE orders SET ('snapshot.num-retained.max' = '20'); ALTER TABLE orders RENAME amount TO total")
	got = run(t, s, "SHOW COLUMNS FROM orders")
	if len(got) != 5 || !strings.HasPrefix(got[2], "note STRING") || !strings.HasPrefix(got[3], "total DECIMAL") {
		t.Fatalf("after ALTER: %v", got)
	}
	create := strings.Join(run(t, s, "SHOW CREATE TABLE orders"), "\n")
	for _, part := range []string{"CREATE TABLE weir.`default`.orders (", "id BIGINT NOT NULL COMMENT 'order id'", "PRIMARY KEY (id, dt) NOT ENFORCED", ") PARTITIONED BY (dt) WITH (", "'snapshot.num-retained.max' = '20'"} {
		if !strings.Contains(create, part) {
			t.Errorf("SHOW CREATE TABLE lacks %q:\n%s", part, create)
		}
	}
	if got := run(t, s, "SHOW TABLES LIKE 'ord%'"); strings.Join(got, ",") != "orders" {
		t.Errorf("SHOW TABLES LIKE: %v", got)
	}
	for stmt, msg := range map[string]string{
		"DESCRIBE ordres":                                       "table or view ordres not found in weir.default (did you mean orders?)",
		"CREATE TABLE orders (a INT)":                           "already exists",
		"CREATE TABLE x (a INT, a STRING)":                      "column a is defined twice",
		"CREATE TABLE y (a INT, PRIMARY KEY (b) NOT ENFORCED)":  "primary key column b is not a column",
		"CREATE TABLE g (a INT) WITH ('connector' = 'datagen')": "holds Paimon tables only",
		"ALTER TABLE orders ADD (c AS a + 1)":                   "computed and metadata columns are not stored",
	} {
		if got := runErr(t, s, stmt); !strings.Contains(got, msg) {
			t.Errorf("%s:\n got %s\nwant %s", stmt, got, msg)
		}
	}
	run(t, s, "DROP TABLE orders; DROP TABLE IF EXISTS orders")
	if got := run(t, s, "SHOW TABLES"); len(got) != 0 {
		t.Errorf("after DROP: %v", got)
	}
}

func TestTemporaryConnectorTables(t *testing.T) {
	s := newSession(t)
	run(t, s, `CREATE TEMPORARY TABLE gen (id BIGINT, name STRING) WITH ('connector' = 'datagen', 'number-of-rows' = '10');
		CREATE TEMPORARY TABLE gen2 WITH ('number-of-rows' = '5') LIKE gen;`)
	if got := run(t, s, "SHOW TABLES"); strings.Join(got, ",") != "gen,gen2" {
		t.Errorf("SHOW TABLES: %v", got)
	}
	t2, err := s.resolveTable(context.Background(), []string{"gen2"})
	if err != nil {
		t.Fatal(err)
	}
	if o := t2.Options(); o["number-of-rows"] != "5" || o["connector"] != "datagen" || len(t2.Columns()) != 2 {
		t.Errorf("LIKE with OVERWRITING OPTIONS: %v %v", o, t2.Columns())
	}
	for stmt, msg := range map[string]string{
		"CREATE TEMPORARY TABLE bad (a INT) WITH ('connector' = 'datagn')":                          "did you mean datagen",
		"CREATE TEMPORARY TABLE bad (a INT) WITH ('connector' = 'datagen', 'rows-per-secnd' = '1')": "rows-per-second",
		"CREATE TEMPORARY TABLE bad (a INT)":                                                        "has no 'connector' option",
		"DROP TEMPORARY VIEW gen":                                                                   "is a temporary table, not a view",
	} {
		if got := runErr(t, s, stmt); !strings.Contains(got, msg) {
			t.Errorf("%s:\n got %s\nwant %s", stmt, got, msg)
		}
	}
	run(t, s, "DROP TEMPORARY TABLE gen2")
}

func TestSetReset(t *testing.T) {
	s := newSession(t)
	run(t, s, "SET 'table.local-time-zone' = 'Asia/Shanghai'; SET 'weir.memory.query-limit' = '256mb'")
	if loc, _ := s.Location(); loc.String() != "Asia/Shanghai" {
		t.Errorf("zone %v", loc)
	}
	env, err := s.env()
	if err != nil || env.Memory.Limit() != 256<<20 {
		t.Errorf("budget %v %v", env, err)
	}
	for stmt, msg := range map[string]string{
		"SET 'table.local-time-zone' = 'Mars/Base'": "not a time zone",
		"SET 'execution.runtime-mode' = 'streamin'": "'batch' or 'streaming'",
		"SET 'weir.memory.query-limit' = 'lots'":    "not a memory size",
	} {
		if got := runErr(t, s, stmt); !strings.Contains(got, msg) {
			t.Errorf("%s:\n got %s\nwant %s", stmt, got, msg)
		}
	}
	run(t, s, "RESET 'table.local-time-zone'; RESET")
	if s.Config("weir.memory.query-limit") != "" || s.Config("execution.runtime-mode") != "batch" {
		t.Errorf("RESET left %v", s.config)
	}
}

// TestQueriesSpillUnderTheBudget: with a tiny weir.memory.query-limit the
// same queries give the same answers (sort, aggregation and join spill).
func TestQueriesSpillUnderTheBudget(t *testing.T) {
	s := newSession(t)
	if env, _ := s.env(); env.Memory.Limit() <= 0 {
		t.Fatalf("no default memory budget")
	}
	run(t, s, `CREATE TEMPORARY TABLE g (id BIGINT, k INT, name STRING) WITH ('connector' = 'datagen', 'number-of-rows' = '20000',
		'fields.id.kind' = 'sequence', 'fields.id.start' = '1', 'fields.id.end' = '20000',
		'fields.k.min' = '1', 'fields.k.max' = '5000', 'fields.name.length' = '12', 'weir.seed' = '7')`)
	queries := []string{
		"SELECT k, COUNT(*), SUM(id), MAX(name) FROM g GROUP BY k ORDER BY k",
		"SELECT a.id, b.id FROM g a JOIN g b ON a.k = b.k AND a.id < b.id ORDER BY a.id, b.id LIMIT 50 OFFSET 1000",
		"SELECT name, id FROM g ORDER BY name DESC, id",
	}
	var want [][]string
	for _, q := range queries {
		want = append(want, run(t, s, q))
	}
	run(t, s, "SET 'weir.memory.query-limit' = '64kb'")
	for i, q := range queries {
		got := run(t, s, q)
		if strings.Join(got, "\n") != strings.Join(want[i], "\n") {
			t.Errorf("%s: %d rows under the budget, %d without", q, len(got), len(want[i]))
		}
	}
}
