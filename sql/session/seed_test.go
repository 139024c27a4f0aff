package session

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/weir-data/weir/sql/ast"
	"github.com/weir-data/weir/sql/parser"
	"github.com/weir-data/weir/vec"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// TestSeed000Plans runs the seed-000 warehouse script unchanged (the parser's
// copy of it drops only the seed's "......" elision lines): every DDL and SET
// statement executes, and every INSERT is planned (EXPLAIN), since in
// streaming mode they run as jobs. Outside the script, as the seed's team had
// it: the warehouse 'oss://xxxxx/xxxxx' is mapped to a local directory, the
// databases exist and the dimension table dim.dim_hhl_user_code exists. The
// seed elides select-list columns of some INSERTs; those statements must
// fail with the planner's column-count error, nothing else. The outcome of
// every statement is recorded in testdata/seed000.golden.
func TestSeed000Plans(t *testing.T) {
	script, err := os.ReadFile("../parser/testdata/seeds/000.sql")
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	wh := t.TempDir()
	s, err := New(ctx, Options{Warehouses: map[string]string{"oss://xxxxx/xxxxx": wh}})
	if err != nil {
		t.Fatal(err)
	}
	setup, err := New(ctx, Options{Warehouse: wh})
	if err != nil {
		t.Fatal(err)
	}
	run(t, setup, `CREATE DATABASE ods; CREATE DATABASE dwd; CREATE DATABASE dwm; CREATE DATABASE dws; CREATE DATABASE dim;
		CREATE TABLE dim.dim_hhl_user_code (USER_GUID STRING, USER_CODE STRING, USER_NAME STRING, PRIMARY KEY (USER_GUID) NOT ENFORCED)`)

	stmts, err := parser.Parse(string(script))
	if err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	inserts, planned := 0, 0
	for i, st := range stmts {
		head := strings.SplitN(ast.Format(st), " (", 2)[0]
		if len(head) > 70 {
			head = head[:70]
		}
		fmt.Fprintf(&out, "-- %d: %s\n", i+1, head)
		if ins, ok := st.(*ast.Insert); ok {
			inserts++
			r, err := s.ExecuteStatement(ctx, &ast.Explain{Stmt: ins})
			if err != nil {
				// The seed elides columns ("......"): of the source tables
				// and of select lists. Only errors caused by that are
				// expected.
				if !strings.Contains(err.Error(), "columns but") && !strings.Contains(err.Error(), "not found in table") {
					t.Errorf("statement %d (%s): %v", i+1, head, err)
				}
				fmt.Fprintf(&out, "ERROR %v\n", err)
				continue
			}
			planned++
			for _, line := range rowsOf(t, r) {
				out.WriteString(line + "\n")
			}
			continue
		}
		r, err := s.ExecuteStatement(ctx, st)
		if err != nil {
			t.Errorf("statement %d (%s): %v", i+1, head, err)
			fmt.Fprintf(&out, "ERROR %v\n", err)
			continue
		}
		if r.HasRows() {
			rowsOf(t, r)
		}
		fmt.Fprintf(&out, "OK %s\n", r.Message)
	}
	if planned == 0 {
		t.Fatalf("none of the %d INSERTs planned", inserts)
	}
	golden(t, "seed000", out.String())
}

func rowsOf(t *testing.T, r *Result) []string {
	t.Helper()
	var rows []string
	if err := r.Rows(context.Background(), func(b *vec.Batch) error {
		for i := 0; i < b.Len; i++ {
			rows = append(rows, fmt.Sprint(b.Row(i)...))
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return rows
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	p := filepath.Join("testdata", name+".golden")
	if *update {
		os.MkdirAll("testdata", 0o755)
		if err := os.WriteFile(p, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("%v (run go test ./sql/session -update)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs from the golden file (go test ./sql/session -update to accept):\n%s", p, got)
	}
}
