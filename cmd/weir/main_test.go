package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	_ "time/tzdata" // --time-zone tests must not depend on the host's zoneinfo

	"github.com/weir-data/weir/internal/fixture"
	"github.com/weir-data/weir/paimon/catalog"
	"github.com/weir-data/weir/paimon/table"
	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// run executes the weir command line in-process and returns its output.
func run(t *testing.T, args ...string) (string, error) {
	t.Helper()
	cmd := newRootCmd()
	var out bytes.Buffer
	cmd.SetOut(&out)
	cmd.SetErr(&out)
	cmd.SetArgs(args)
	err := cmd.ExecuteContext(context.Background())
	return out.String(), err
}

func mustRun(t *testing.T, args ...string) string {
	t.Helper()
	out, err := run(t, args...)
	if err != nil {
		t.Fatalf("weir %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return out
}

// golden compares got with testdata/<name>.golden, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	p := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("%v (run go test ./cmd/weir -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("output differs from %s (run go test ./cmd/weir -update to accept):\n--- got\n%s\n--- want\n%s", p, got, want)
	}
}

// fixtureWarehouse is the directory holding the Java-written fixture tables,
// one database per table ("<name>.db/<name>"). It is only read.
func fixtureWarehouse(t *testing.T) string { return fixture.Path(t, "parquet") }

var readableFixtures = []string{
	"append_complex_data",
	"append_table_with_alter_table",
	"pk_09",
	"pk_table_partial_update",
	"pk_table_scan_and_read_mor",
	"pk_table_with_alter_table",
}

func TestTableScanFixtures(t *testing.T) {
	wh := fixtureWarehouse(t)
	for _, name := range readableFixtures {
		for _, format := range []string{"csv", "json", "table"} {
			t.Run(name+"/"+format, func(t *testing.T) {
				out := mustRun(t, "table", "scan", "--warehouse", wh, name+"."+name, "--format", format)
				golden(t, "scan/"+name+"."+format, out)
			})
		}
	}
}

func TestTableScanSnapshots(t *testing.T) {
	wh := fixtureWarehouse(t)
	const name = "pk_table_scan_and_read_mor"
	for _, snap := range []string{"1", "2", "3", "4", "5"} {
		t.Run("snapshot "+snap, func(t *testing.T) {
			out := mustRun(t, "table", "scan", "--warehouse", wh, name+"."+name, "--format", "csv", "--snapshot", snap)
			golden(t, "scan/"+name+".snapshot-"+snap+".csv", out)
		})
	}
	// Snapshots 2 and 3 (a compaction) hold the same rows.
	s2 := mustRun(t, "table", "scan", "--warehouse", wh, name+"."+name, "--format", "csv", "--snapshot", "2")
	s3 := mustRun(t, "table", "scan", "--warehouse", wh, name+"."+name, "--format", "csv", "--snapshot", "3")
	latest := mustRun(t, "table", "scan", "--warehouse", wh, name+"."+name, "--format", "csv")
	s5 := mustRun(t, "table", "scan", "--warehouse", wh, name+"."+name, "--format", "csv", "--snapshot", "5")
	if s2 != s3 || latest != s5 {
		t.Fatalf("snapshot 2 and 3, or latest and 5, differ")
	}
	// --as-of: snapshot 2 was committed at 2025-08-27 03:55:33.919 UTC, 3 at .949.
	asOf := mustRun(t, "table", "scan", "--warehouse", wh, name+"."+name, "--format", "csv", "--as-of", "2025-08-27T03:55:33.930Z")
	if asOf != s2 {
		t.Fatalf("--as-of between snapshots 2 and 3:\n%s\nwant\n%s", asOf, s2)
	}
	if _, err := run(t, "table", "scan", "--warehouse", wh, name+"."+name, "--as-of", "2020-01-01T00:00:00Z"); err == nil || !strings.Contains(err.Error(), "no snapshot") {
		t.Fatalf("--as-of before the first snapshot: %v", err)
	}
	if _, err := run(t, "table", "scan", "--warehouse", wh, name+"."+name, "--snapshot", "42"); err == nil || !strings.Contains(err.Error(), "snapshot-42") {
		t.Fatalf("--snapshot 42: %v", err)
	}
	// --limit stops early.
	out := mustRun(t, "table", "scan", "--warehouse", wh, name+"."+name, "--format", "csv", "--limit", "3")
	if lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n"); len(lines) != 4 || out != strings.Join(strings.SplitAfter(latest, "\n")[:4], "") {
		t.Fatalf("--limit 3:\n%s", out)
	}
}

func TestTableScanUnreadableFixture(t *testing.T) {
	wh := fixtureWarehouse(t)
	out, err := run(t, "table", "scan", "--warehouse", wh, "append_09.append_09", "--format", "csv")
	if err == nil || !strings.Contains(err.Error(), "ORC") || !strings.Contains(err.Error(), "manifest") {
		t.Fatalf("append_09 (ORC manifests): %v", err)
	}
	if out != "" {
		t.Fatalf("a failed scan printed rows:\n%s", out)
	}
}

var (
	maskLocation = regexp.MustCompile(`(?m)^(Location:\s+).*$`)
)

func TestTableDescribeFixtures(t *testing.T) {
	wh := fixtureWarehouse(t)
	for _, name := range append(readableFixtures, "append_09") {
		t.Run(name, func(t *testing.T) {
			out, err := run(t, "table", "describe", "--warehouse", wh, name+"."+name)
			if name == "append_09" {
				// Its ORC manifests cannot be read: the snapshots still list,
				// then the file listing fails with a clear error.
				if err == nil || !strings.Contains(err.Error(), "ORC") {
					t.Fatalf("describe append_09: %v", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(out, filepath.Join(wh, name+".db", name)) {
				t.Fatalf("describe does not show the location:\n%s", out)
			}
			golden(t, "describe/"+name, maskLocation.ReplaceAllString(out, "${1}<warehouse>"))
		})
	}
}

func TestTableList(t *testing.T) {
	wh := fixtureWarehouse(t)
	got := mustRun(t, "table", "list", "--warehouse", wh)
	want := "append_09\n" + strings.Join(readableFixtures, "\n") + "\n"
	if got != want {
		t.Fatalf("table list:\n%s\nwant\n%s", got, want)
	}
	if got := mustRun(t, "table", "list", "--warehouse", wh, "pk_09"); got != "pk_09\n" {
		t.Fatalf("table list pk_09: %q", got)
	}
	if _, err := run(t, "table", "list", "--warehouse", wh, "nodb"); err == nil || !strings.Contains(err.Error(), "nodb") {
		t.Fatalf("table list of a missing database: %v", err)
	}
	empty := t.TempDir()
	if got := mustRun(t, "table", "list", "--warehouse", empty); got != "" {
		t.Fatalf("empty warehouse lists %q", got)
	}
}

// writeLTZTable creates db.events (id INT, at TIMESTAMP(3) WITH LOCAL TIME
// ZONE) in a new warehouse and writes two rows.
func writeLTZTable(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	wh := t.TempDir()
	cat, err := catalog.Open(ctx, wh)
	if err != nil {
		t.Fatal(err)
	}
	if err := cat.CreateDatabase(ctx, "db", false); err != nil {
		t.Fatal(err)
	}
	tbl, err := cat.CreateTable(ctx, catalog.Identifier{Database: "db", Table: "events"}, catalog.TableSpec{
		Columns: []catalog.Column{
			{Name: "id", Type: types.NewInt()},
			{Name: "at", Type: types.NewTimestampLTZ(3)},
			{Name: "wall", Type: types.NewTimestamp(3)},
		},
	}, false)
	if err != nil {
		t.Fatal(err)
	}
	b, err := vec.NewBatch([]types.DataType{types.NewInt(), types.NewTimestampLTZ(3), types.NewTimestamp(3)}, 3)
	if err != nil {
		t.Fatal(err)
	}
	// 2026-01-02 03:04:05.678 UTC, and the epoch; the same instants as TIMESTAMP.
	const ms = 1767323045678
	for _, r := range [][]any{{int32(1), types.Timestamp{Millis: ms}, types.Timestamp{Millis: ms}}, {int32(2), types.Timestamp{}, types.Timestamp{}}, {int32(3), nil, nil}} {
		if err := b.AppendRow(types.Insert, r...); err != nil {
			t.Fatal(err)
		}
	}
	w, err := tbl.NewWriter(ctx, table.WriterOptions{CommitUser: "test"})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Write(ctx, b); err != nil {
		t.Fatal(err)
	}
	msgs, err := w.Prepare(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tbl.Commit(ctx, "test", table.Committable{Identifier: 1, Messages: msgs}); err != nil {
		t.Fatal(err)
	}
	return wh
}

func TestTableScanTimeZone(t *testing.T) {
	wh := writeLTZTable(t)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{nil, "id,at,wall\n1,2026-01-02 03:04:05.678,2026-01-02 03:04:05.678\n2,1970-01-01 00:00:00.000,1970-01-01 00:00:00.000\n3,,\n"},
		{[]string{"--time-zone", "UTC"}, "id,at,wall\n1,2026-01-02 03:04:05.678,2026-01-02 03:04:05.678\n2,1970-01-01 00:00:00.000,1970-01-01 00:00:00.000\n3,,\n"},
		{[]string{"--time-zone", "Asia/Shanghai"}, "id,at,wall\n1,2026-01-02 11:04:05.678,2026-01-02 03:04:05.678\n2,1970-01-01 08:00:00.000,1970-01-01 00:00:00.000\n3,,\n"},
		{[]string{"--time-zone", "America/New_York"}, "id,at,wall\n1,2026-01-01 22:04:05.678,2026-01-02 03:04:05.678\n2,1969-12-31 19:00:00.000,1970-01-01 00:00:00.000\n3,,\n"},
	} {
		t.Run(strings.Join(tc.args, "="), func(t *testing.T) {
			args := append([]string{"table", "scan", "--warehouse", wh, "db.events", "--format", "csv"}, tc.args...)
			if got := mustRun(t, args...); got != tc.want {
				t.Fatalf("got\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
	got := mustRun(t, "table", "scan", "--warehouse", wh, "db.events", "--format", "json", "--time-zone", "Asia/Tokyo")
	want := `{"id":1,"at":"2026-01-02 12:04:05.678","wall":"2026-01-02 03:04:05.678"}` + "\n" +
		`{"id":2,"at":"1970-01-01 09:00:00.000","wall":"1970-01-01 00:00:00.000"}` + "\n" +
		`{"id":3,"at":null,"wall":null}` + "\n"
	if got != want {
		t.Fatalf("json in Asia/Tokyo:\n%s\nwant\n%s", got, want)
	}
}

func TestTableCheck(t *testing.T) {
	wh := writeLTZTable(t)
	if got := mustRun(t, "table", "check", "--warehouse", wh, "db.events"); got != "table db.events: ok\n" {
		t.Fatalf("check: %q", got)
	}
	// Break the table: the check names the missing file.
	snap := filepath.Join(wh, "db.db", "events", "snapshot", "snapshot-1")
	data, err := os.ReadFile(snap)
	if err != nil {
		t.Fatal(err)
	}
	list := regexp.MustCompile(`"deltaManifestList" : "([^"]+)"`).FindSubmatch(data)
	if list == nil {
		t.Fatalf("no delta manifest list in %s", data)
	}
	if err := os.Remove(filepath.Join(wh, "db.db", "events", "manifest", string(list[1]))); err != nil {
		t.Fatal(err)
	}
	_, err = run(t, "table", "check", "--warehouse", wh, "db.events")
	if err == nil || !strings.Contains(err.Error(), "fails the format check") || !strings.Contains(err.Error(), string(list[1])) {
		t.Fatalf("check of a table with a missing manifest list: %v", err)
	}
	if _, err := run(t, "table", "check", "--warehouse", wh, "db.nope"); err == nil || !strings.Contains(err.Error(), "db.nope") {
		t.Fatalf("check of a missing table: %v", err)
	}
}

var (
	maskTime    = regexp.MustCompile(`\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}`)
	maskUser    = regexp.MustCompile(`weir-demo-\d+`)
	maskNumbers = regexp.MustCompile(`(?m)^(  day=\S+\s+\d+\s+\d+\s+\d+\s+\d+\s+)\d+$`) // file bytes
)

func TestDemoTwice(t *testing.T) {
	wh := filepath.Join(t.TempDir(), "warehouse")
	first := mustRun(t, "demo", "--warehouse", wh)
	second := mustRun(t, "demo", "--warehouse", wh)
	for _, want := range []string{"commit 1: insert 4 orders -> snapshot [1]", "commit 2: update order 1 from 10.00 to 30.00 (-U/+U) -> snapshot [2]",
		"commit 3: delete order 2 (-D) -> snapshot [3]", "format check: ok", "Snapshots (3):"} {
		if !strings.Contains(first, want) {
			t.Fatalf("first demo run lacks %q:\n%s", want, first)
		}
	}
	for _, want := range []string{"-> snapshot [4]", "-> snapshot [5]", "-> snapshot [6]", "format check: ok", "Snapshots (6):"} {
		if !strings.Contains(second, want) {
			t.Fatalf("second demo run lacks %q:\n%s", want, second)
		}
	}
	mask := func(s string) string {
		s = maskTime.ReplaceAllString(s, "0000-00-00 00:00:00.000") // same width: keeps the tables aligned
		s = maskUser.ReplaceAllStringFunc(s, func(u string) string { return "weir-demo-" + strings.Repeat("0", len(u)-len("weir-demo-")) })
		s = maskNumbers.ReplaceAllString(s, "${1}<bytes>")
		return strings.ReplaceAll(s, wh, "<warehouse>")
	}
	golden(t, "demo/first", mask(first))
	golden(t, "demo/second", mask(second))
	got := mustRun(t, "table", "scan", "--warehouse", wh, "demo.orders", "--format", "csv")
	got = maskTime.ReplaceAllString(got, "0000-00-00 00:00:00.000")
	golden(t, "demo/scan", got)
	if got := mustRun(t, "table", "check", "--warehouse", wh, "demo.orders"); got != "table demo.orders: ok\n" {
		t.Fatalf("check after two demo runs: %q", got)
	}
}

func TestUsageErrors(t *testing.T) {
	wh := fixtureWarehouse(t)
	for _, tc := range []struct {
		name  string
		args  []string
		usage bool   // a usageError (exit status 2)
		want  string // substring of the error
	}{
		{"scan without --warehouse", []string{"table", "scan", "db.t"}, true, "--warehouse"},
		{"describe without --warehouse", []string{"table", "describe", "db.t"}, true, "--warehouse"},
		{"check without --warehouse", []string{"table", "check", "db.t"}, true, "--warehouse"},
		{"list without --warehouse", []string{"table", "list"}, true, "--warehouse"},
		{"bad --format", []string{"table", "scan", "--warehouse", wh, "pk_09.pk_09", "--format", "xml"}, true, "xml"},
		{"bad --time-zone", []string{"table", "scan", "--warehouse", wh, "pk_09.pk_09", "--time-zone", "Mars/Olympus"}, true, "Mars/Olympus"},
		{"bad --as-of", []string{"table", "scan", "--warehouse", wh, "pk_09.pk_09", "--as-of", "yesterday"}, true, "yesterday"},
		{"table name with a slash", []string{"table", "scan", "--warehouse", wh, "pk_09/x.y"}, true, "pk_09/x"},
		{"table name with two dots", []string{"table", "scan", "--warehouse", wh, "a.b.c"}, true, "a.b.c"},
		{"empty table name", []string{"table", "describe", "--warehouse", wh, "db."}, true, "empty"},
		{"hidden database name", []string{"table", "describe", "--warehouse", wh, "..x"}, true, "invalid"},
		{"missing table", []string{"table", "scan", "--warehouse", wh, "pk_09.nope"}, false, "pk_09.nope"},
		{"missing argument", []string{"table", "scan", "--warehouse", wh}, false, "arg"},
		{"too many arguments", []string{"table", "describe", "--warehouse", wh, "a.b", "c.d"}, false, "arg"},
		{"unknown flag", []string{"table", "scan", "--warehouse", wh, "--nope", "a.b"}, false, "nope"},
		{"demo with an argument", []string{"demo", "extra"}, false, "extra"},
		{"unknown command", []string{"tabel"}, false, "tabel"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := run(t, tc.args...)
			if err == nil {
				t.Fatal("succeeded")
			}
			var ue usageError
			if errors.As(err, &ue) != tc.usage {
				t.Fatalf("usage error = %v, want %v: %v", !tc.usage, tc.usage, err)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %q does not mention %q", err, tc.want)
			}
		})
	}
	if got := mustRun(t, "version"); !strings.HasPrefix(got, "weir ") {
		t.Fatalf("version: %q", got)
	}
}
