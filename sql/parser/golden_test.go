package parser

import (
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/weir-data/weir/sql/ast"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// checkGolden compares got with the golden file, or rewrites it with -update.
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
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if string(want) != got {
		wl, gl := strings.Split(string(want), "\n"), strings.Split(got, "\n")
		for i := 0; i < len(wl) || i < len(gl); i++ {
			var w, g string
			if i < len(wl) {
				w = wl[i]
			}
			if i < len(gl) {
				g = gl[i]
			}
			if w != g {
				t.Fatalf("%s differs at line %d:\nwant: %s\ngot:  %s\n(run go test -update if the change is intended)", path, i+1, w, g)
			}
		}
	}
}

// stripPositions zeroes every ast.Pos in the tree reachable from v, so that
// trees can be compared regardless of where their text was.
func stripPositions(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			stripPositions(v.Elem())
		}
	case reflect.Struct:
		if v.Type() == reflect.TypeOf(ast.Pos{}) {
			if v.CanSet() {
				v.Set(reflect.Zero(v.Type()))
			}
			return
		}
		for i := 0; i < v.NumField(); i++ {
			stripPositions(v.Field(i))
		}
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len(); i++ {
			stripPositions(v.Index(i))
		}
	}
}

func sameTree(a, b ast.Node) bool {
	stripPositions(reflect.ValueOf(a))
	stripPositions(reflect.ValueOf(b))
	return reflect.DeepEqual(a, b)
}

// roundTrip checks that the printed form of stmt parses to an equal tree and
// prints identically again; it returns the printed form.
func roundTrip(t testing.TB, stmt ast.Statement) string {
	t.Helper()
	printed := ast.Format(stmt)
	again, err := ParseOne(printed)
	if err != nil {
		t.Fatalf("printed SQL does not parse:\n%s\n%v", printed, err)
	}
	if ast.Format(again) != printed {
		t.Fatalf("printing is not a fixed point:\n%s\n%s", printed, ast.Format(again))
	}
	if !sameTree(stmt, again) {
		t.Fatalf("printed SQL parses to a different tree:\n%s", printed)
	}
	return printed
}

// TestCorpus parses every statement of testdata/corpus.sql, prints it, checks
// the round trip and compares the printed forms with corpus.golden.
func TestCorpus(t *testing.T) {
	src, err := os.ReadFile("testdata/corpus.sql")
	if err != nil {
		t.Fatal(err)
	}
	spans, rest := SplitSpans(string(src))
	if rest != "" {
		t.Fatalf("corpus.sql ends with an incomplete statement: %q", rest)
	}
	if len(spans) < 150 {
		t.Fatalf("corpus has %d statements, want at least 150", len(spans))
	}
	var out strings.Builder
	for _, sp := range spans {
		stmt, err := ParseOne(sp.Text)
		if err != nil {
			t.Fatalf("line %d: %v", sp.Pos.Line, err)
		}
		out.WriteString(sp.Text)
		out.WriteString("\n----\n")
		out.WriteString(roundTrip(t, stmt))
		out.WriteString("\n\n")
	}
	checkGolden(t, "testdata/corpus.golden", out.String())
}

// TestErrors checks exact messages and carets for the cases of
// testdata/errors.sql (separated by lines "====").
func TestErrors(t *testing.T) {
	src, err := os.ReadFile("testdata/errors.sql")
	if err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	for _, c := range strings.Split(string(src), "\n====\n") {
		c = strings.TrimSpace(c)
		if c == "" {
			continue
		}
		_, err := Parse(c)
		if err == nil {
			t.Fatalf("no error for:\n%s", c)
		}
		if _, ok := err.(*Error); !ok {
			t.Fatalf("error is %T, want *Error", err)
		}
		out.WriteString(c)
		out.WriteString("\n----\n")
		out.WriteString(err.Error())
		out.WriteString("\n\n")
	}
	checkGolden(t, "testdata/errors.golden", out.String())
}

// TestSeeds parses the SQL of the seed documents (testdata/seeds/*.sql) as
// whole scripts, round-trips every statement and compares the printed
// statements with the .golden files beside them.
func TestSeeds(t *testing.T) {
	files, err := filepath.Glob("testdata/seeds/*.sql")
	if err != nil || len(files) == 0 {
		t.Fatalf("no seed scripts: %v", err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			stmts, err := Parse(string(src))
			if err != nil {
				t.Fatal(err)
			}
			spans, rest := SplitSpans(string(src))
			if rest != "" || len(spans) != len(stmts) {
				t.Fatalf("SplitSpans found %d statements (rest %q), Parse %d", len(spans), rest, len(stmts))
			}
			var out strings.Builder
			for _, s := range stmts {
				out.WriteString(roundTrip(t, s))
				out.WriteString(";\n")
			}
			checkGolden(t, strings.TrimSuffix(f, ".sql")+".golden", out.String())
		})
	}
}

// TestSeed000Verbatim checks that testdata/seeds/000.sql is the seed
// document's SQL unchanged: its lines appear in the document in order, and
// the only SQL-looking lines skipped are the "......" elisions.
func TestSeed000Verbatim(t *testing.T) {
	doc := findSeed(t, "000_b95bdfa9a7ff6d50.txt")
	src, err := os.ReadFile("testdata/seeds/000.sql")
	if err != nil {
		t.Fatal(err)
	}
	docLines := strings.Split(doc, "\n")
	j := 0
	for i, l := range strings.Split(strings.TrimRight(string(src), "\n"), "\n") {
		if l == "" {
			continue
		}
		for j < len(docLines) && docLines[j] != l {
			if strings.HasPrefix(strings.TrimSpace(docLines[j]), "......") && j > 0 {
				j++
				continue
			}
			j++
		}
		if j == len(docLines) {
			t.Fatalf("line %d of 000.sql is not in the seed document (in order): %q", i+1, l)
		}
		j++
	}
}

// findSeed reads a seed document from the shared directory beside the
// repository (or its worktree), skipping when it is not there.
func findSeed(t *testing.T, name string) string {
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		for _, cand := range []string{filepath.Join(dir, "shared", "seeds", name), filepath.Join(dir, "..", "shared", "seeds", name)} {
			if b, err := os.ReadFile(cand); err == nil {
				return string(b)
			}
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skipf("seed document %s not found beside the repository", name)
		}
		dir = parent
	}
}
