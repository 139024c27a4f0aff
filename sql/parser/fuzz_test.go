package parser

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/weir-data/weir/sql/ast"
)

// FuzzParse checks that Parse never panics, and that whatever parses prints
// to SQL that parses to an equal tree and prints identically again. The seed
// corpus is every statement of the golden inputs.
func FuzzParse(f *testing.F) {
	for _, file := range []string{"testdata/corpus.sql", "testdata/seeds/000.sql", "testdata/seeds/004.sql"} {
		src, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		stmts, _ := SplitStatements(string(src))
		for _, s := range stmts {
			f.Add(s)
		}
	}
	if src, err := os.ReadFile(filepath.Join("testdata", "errors.sql")); err == nil {
		for _, c := range strings.Split(string(src), "\n====\n") {
			f.Add(c)
		}
	}
	f.Fuzz(func(t *testing.T, sql string) {
		stmts, err := Parse(sql)
		if err != nil {
			if _, ok := err.(*Error); !ok {
				t.Fatalf("error of type %T: %v", err, err)
			}
			_ = err.Error()
			return
		}
		for _, s := range stmts {
			printed := ast.Format(s)
			again, err := ParseOne(printed)
			if err != nil {
				t.Fatalf("printed form does not parse:\n%s\n%v", printed, err)
			}
			if p2 := ast.Format(again); p2 != printed {
				t.Fatalf("printing is not a fixed point:\n%s\n%s", printed, p2)
			}
			if !sameTree(s, again) {
				t.Fatalf("printed form parses to a different tree:\n%s", printed)
			}
		}
		// Splitting must agree with parsing on well-formed scripts.
		spans, rest := SplitSpans(sql)
		if rest == "" && len(spans) != len(stmts) {
			t.Fatalf("SplitSpans found %d statements, Parse %d", len(spans), len(stmts))
		}
	})
}

// FuzzParseExpr is FuzzParse for single expressions.
func FuzzParseExpr(f *testing.F) {
	for _, s := range []string{"a + b * c", "-(-1)", "CAST(a AS INT)", "x'00'", "U&'\\0041'", "a[1].b", "(a).b",
		"CASE WHEN a THEN b END", "INTERVAL '1' DAY", "f(DISTINCT a) OVER (ORDER BY b)", "a NOT BETWEEN 1 AND 2"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, sql string) {
		e, err := ParseExpr(sql)
		if err != nil {
			return
		}
		printed := ast.Format(e)
		again, err := ParseExpr(printed)
		if err != nil {
			t.Fatalf("printed form does not parse:\n%s\n%v", printed, err)
		}
		if ast.Format(again) != printed || !sameTree(e, again) {
			t.Fatalf("round trip changed %q -> %q", printed, ast.Format(again))
		}
	})
}
