package expr

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/weir-data/weir/sql/fn"
	"github.com/weir-data/weir/types"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestStringGolden renders a set of expressions for EXPLAIN and compares them
// with testdata/string.golden (regenerate with -update).
func TestStringGolden(t *testing.T) {
	_, c := testBatch(t)
	i32, str := types.NewInt(), types.NewString()
	x, y, s, d, b := c["x"], c["y"], c["s"], c["d"], c["b"]
	f := func(name string, args ...Expr) Expr { return must(NewFunc(name, args...)) }
	ts, _ := fn.ParseTimestamp("2024-01-02 03:04:05.5")
	exprs := []Expr{
		x,
		NewColumn(7, "", i32),
		lit(t, int32(-3), i32),
		lit(t, "it's", str),
		lit(t, true, types.NewBoolean()),
		lit(t, []byte{0x0a, 0xff}, types.NewBytes()),
		lit(t, int32(19724), types.NewDate()),
		lit(t, ts, types.NewTimestamp(3)),
		lit(t, 1.5, types.NewDouble()),
		NewNull(i32),
		f("+", x, y),
		f("+", x, d),
		f("-", f("*", x, lit(t, int32(2), i32)), y),
		f("-", x),
		f("||", s, lit(t, "!", str)),
		f("<=", x, y),
		f("IS DISTINCT FROM", x, y),
		must(NewAnd(b, must(NewOr(f(">", x, y), must(NewNot(b)))))),
		must(NewIsNull(s)),
		must(NewIs(fn.TestNotFalse, b)),
		must(NewCast(x, types.NewVarChar(5), false)),
		must(NewCast(s, types.NewDecimal(10, 2), true)),
		must(NewCase([]When{{Cond: f("<>", x, lit(t, int32(0), i32)), Then: f("/", lit(t, int32(10), i32), x)}}, nil)),
		must(NewCase([]When{{Cond: b, Then: s}, {Cond: f("=", x, y), Then: lit(t, "eq", str)}}, lit(t, "other", str))),
		must(NewCoalesce(x, y, lit(t, int64(0), types.NewBigInt()))),
		must(NewNullIf(x, lit(t, int32(0), i32))),
		must(NewIf(b, x, y)),
		must(NewIn(x, lit(t, int32(1), i32), lit(t, int32(2), i32))),
		must(NewIn(s, lit(t, "a", str), s)),
		must(NewLike(s, lit(t, "a%", str), 0)),
		must(NewLike(s, lit(t, "a!%%", str), '!')),
		must(NewBetween(x, lit(t, int32(1), i32), y)),
	}
	var out strings.Builder
	for _, e := range exprs {
		out.WriteString(e.String() + "\n    : " + e.Type().String() + "\n")
	}
	path := filepath.Join("testdata", "string.golden")
	if *update {
		if err := os.WriteFile(path, []byte(out.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if got := out.String(); got != string(want) {
		t.Errorf("String() renderings differ from %s (run with -update and review the diff):\n%s", path, got)
	}
}
