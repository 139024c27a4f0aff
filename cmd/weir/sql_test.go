package main

import (
	"os"
	"strings"
	"testing"
)

// TestSQLScript runs a script through `weir sql -f` against a fresh
// warehouse and compares the output with a golden file.
func TestSQLScript(t *testing.T) {
	wh := t.TempDir()
	for _, f := range []string{"table", "csv"} {
		out := mustRun(t, "sql", "--warehouse", wh+"/"+f, "--format", f, "-f", "testdata/sql/script.sql")
		golden(t, "sql/script-"+f, out)
	}
}

// TestSQLErrors: errors carry the position and a caret, and stop a script.
func TestSQLErrors(t *testing.T) {
	wh := t.TempDir()
	for name, stmt := range map[string]string{
		"parse":   "SELECT a,, b FROM t;",
		"binder":  "CREATE TABLE t (amount INT); SELECT amout FROM t;",
		"catalog": "USE CATALOG nope;",
	} {
		out, err := run(t, "sql", "--warehouse", wh+"/"+name, "-e", stmt)
		if err == nil {
			t.Fatalf("%s: no error\n%s", name, out)
		}
		golden(t, "sql/error-"+name, out+err.Error()+"\n")
	}
	if _, err := os.Stat(wh); err != nil {
		t.Fatal(err)
	}
	if out, err := run(t, "sql", "-e", "SELECT 1;", "--format", "xml"); err == nil || !strings.Contains(err.Error(), "xml") {
		t.Fatalf("bad format accepted: %v %s", err, out)
	}
}
