package batch

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// splitValues deals the batches of v round-robin into n operators.
func splitValues(t *testing.T, v *Values, n int) []Operator {
	parts := make([][]*vec.Batch, n)
	for i, b := range v.batches {
		parts[i%n] = append(parts[i%n], b)
	}
	var ops []Operator
	for _, p := range parts {
		op, err := NewValues(v.ts, p...)
		if err != nil {
			t.Fatal(err)
		}
		ops = append(ops, op)
	}
	return ops
}

// TestParallelAggregation: inputs repartitioned by key into several hash
// aggregations run in parallel give the serial answer.
func TestParallelAggregation(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	in := randomInput(t, r, 30000, 2000)
	key := []Expr{col{0, types.NewString()}}
	aggs := []AggCall{{Fn: testSum, Args: []Expr{col{1, types.NewBigInt()}}}}
	serial, _ := NewHashAggregate(testEnv(), in, key, aggs)
	want := rowsOf(t, serial)
	slices.Sort(want)
	for _, shape := range []struct{ producers, workers int }{{1, 1}, {3, 4}, {4, 2}} {
		for _, budget := range []int64{0, 16 << 10} {
			env := testEnv()
			env.Memory = NewBudget(budget)
			env.TempDir = t.TempDir()
			x, err := NewExchange(env, splitValues(t, in, shape.producers), key, shape.workers)
			if err != nil {
				t.Fatal(err)
			}
			var workers []Operator
			for i := 0; i < shape.workers; i++ {
				h, err := NewHashAggregate(env, x.Output(i), key, aggs)
				if err != nil {
					t.Fatal(err)
				}
				workers = append(workers, h)
			}
			g, _ := NewGather(workers...)
			got := rowsOf(t, g)
			slices.Sort(got)
			if !slices.Equal(got, want) {
				t.Errorf("%+v budget %d: %d groups, want %d", shape, budget, len(got), len(want))
			}
		}
	}
}

// TestGatherStopsEarly: a limit above a gather closes it mid-stream without
// leaking goroutines or deadlocking.
func TestGatherStopsEarly(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 14))
	in := randomInput(t, r, 20000, 100)
	var ops []Operator
	for _, op := range splitValues(t, in, 3) {
		ops = append(ops, op)
	}
	g, _ := NewGather(ops...)
	if got := rowsOf(t, NewLimit(g, 0, 10)); len(got) != 10 {
		t.Fatalf("%d rows", len(got))
	}
	// Errors of an input surface.
	bad := &failing{ts: in.ts}
	g, _ = NewGather(append(splitValues(t, in, 2), bad)...)
	if _, err := Collect(context.Background(), g); err == nil {
		t.Fatal("error of an input lost")
	}
}

type failing struct{ ts []types.DataType }

func (f *failing) Types() []types.DataType                  { return f.ts }
func (f *failing) Open(context.Context) error               { return nil }
func (f *failing) Next(context.Context) (*vec.Batch, error) { return nil, fmt.Errorf("disk on fire") }
func (f *failing) Close() error                             { return nil }
