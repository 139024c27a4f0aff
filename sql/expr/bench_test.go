package expr

import (
	"fmt"
	"testing"

	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

const benchRows = 4096

// benchBatch has a, b BIGINT and s STRING (every third row starts with 'a').
func benchBatch(tb testing.TB) (*vec.Batch, *Column, *Column, *Column) {
	ts := []types.DataType{types.NewBigInt(), types.NewBigInt(), types.NewString()}
	b, err := vec.NewBatch(ts, benchRows)
	if err != nil {
		tb.Fatal(err)
	}
	words := []string{"apple", "banana", "cherry"}
	for i := 0; i < benchRows; i++ {
		if err := b.AppendRow(types.Insert, int64(i), int64(i%50), words[i%3]); err != nil {
			tb.Fatal(err)
		}
	}
	return b, NewColumn(0, "a", ts[0]), NewColumn(1, "b", ts[1]), NewColumn(2, "s", ts[2])
}

func filterExpr(tb testing.TB, bcol, s *Column) Expr {
	gt := must(NewFunc(">", bcol, lit(tb, int64(10), types.NewBigInt())))
	like := must(NewLike(s, lit(tb, "a%", types.NewString()), 0))
	return must(NewAnd(gt, like))
}

// TestSteadyStateAllocations: evaluating after warm-up allocates nothing per
// batch.
func TestSteadyStateAllocations(t *testing.T) {
	in, a, b, s := benchBatch(t)
	p := must(NewProgram(must(NewFunc("+", a, b))))
	f := filterExpr(t, b, s)
	dst := make([]int32, 0, benchRows)
	caseE := must(NewCase([]When{{Cond: must(NewFunc("<>", b, lit(t, int64(0), types.NewBigInt()))),
		Then: must(NewFunc("/", a, b))}}, nil))
	out := vec.MustNew(caseE.Type(), benchRows)
	run := func() {
		if _, err := p.Eval(ctx, in, nil); err != nil {
			t.Fatal(err)
		}
		var err error
		if dst, err = Filter(ctx, f, in, nil, dst); err != nil {
			t.Fatal(err)
		}
		out.Reset()
		if err := caseE.Eval(ctx, in, nil, out); err != nil {
			t.Fatal(err)
		}
	}
	run()
	if n := testing.AllocsPerRun(50, run); n > 0 && !raceEnabled {
		t.Errorf("%.1f allocations per batch in steady state", n)
	}
	want := 0
	for i := 0; i < benchRows; i++ {
		if i%50 > 10 && i%3 == 0 {
			want++
		}
	}
	if len(dst) != want {
		t.Errorf("filter kept %d rows, want %d", len(dst), want)
	}
}

func BenchmarkAddBigint(b *testing.B) {
	in, x, y, _ := benchBatch(b)
	p := must(NewProgram(must(NewFunc("+", x, y))))
	b.ReportAllocs()
	b.SetBytes(benchRows * 8)
	for b.Loop() {
		if _, err := p.Eval(ctx, in, nil); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFilterGtAndLike(b *testing.B) {
	in, _, y, s := benchBatch(b)
	f := filterExpr(b, y, s)
	dst := make([]int32, 0, benchRows)
	b.ReportAllocs()
	for b.Loop() {
		var err error
		if dst, err = Filter(ctx, f, in, nil, dst); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCaseGuardedDivide(b *testing.B) {
	in, x, y, _ := benchBatch(b)
	e := must(NewCase([]When{{Cond: must(NewFunc("<>", y, lit(b, int64(0), types.NewBigInt()))),
		Then: must(NewFunc("/", x, y))}}, nil))
	out := vec.MustNew(e.Type(), benchRows)
	b.ReportAllocs()
	for b.Loop() {
		out.Reset()
		if err := e.Eval(ctx, in, nil, out); err != nil {
			b.Fatal(err)
		}
	}
}

// TestScratchAcrossBatchSizes evaluates the same trees over batches of
// changing sizes, so pooled scratch sized for one batch serves the next.
func TestScratchAcrossBatchSizes(t *testing.T) {
	big, a, b, s := benchBatch(t)
	caseE := must(NewCase([]When{{Cond: must(NewFunc("<>", b, lit(t, int64(0), types.NewBigInt()))),
		Then: must(NewCast(must(NewFunc("/", a, b)), types.NewString(), false))}}, must(NewFunc("||", s, lit(t, "!", types.NewString())))))
	small := big.Slice(0, 3)
	for _, in := range []*vec.Batch{big, small, big.Slice(100, 1000), small, big} {
		out := vec.MustNew(caseE.Type(), 0)
		if err := caseE.Eval(ctx, in, nil, out); err != nil {
			t.Fatal(err)
		}
		for i := 0; i < in.Len; i++ {
			x, y := in.Cols[0].I64[i], in.Cols[1].I64[i]
			want := string(in.Cols[2].Bytes(i)) + "!"
			if y != 0 {
				want = fmt.Sprint(x / y)
			}
			if got := string(out.Bytes(i)); got != want {
				t.Fatalf("batch of %d, row %d: %q, want %q", in.Len, i, got, want)
			}
		}
		rows, err := Filter(ctx, filterExpr(t, b, s), in, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, i := range rows {
			if in.Cols[1].I64[i] <= 10 || in.Cols[2].Bytes(int(i))[0] != 'a' {
				t.Fatalf("batch of %d: row %d passed the filter", in.Len, i)
			}
		}
	}
}
