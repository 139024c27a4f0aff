package table

import (
	"context"
	"errors"
	"io"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"github.com/weir-data/weir/paimon/merge"
	"github.com/weir-data/weir/paimon/options"
	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// sliceSource serves pre-built batches.
type sliceSource struct{ batches []*vec.Batch }

func (s *sliceSource) Next(context.Context) (*vec.Batch, error) {
	if len(s.batches) == 0 {
		return nil, io.EOF
	}
	b := s.batches[0]
	s.batches = s.batches[1:]
	return b, nil
}
func (s *sliceSource) Close() error { return nil }

type kvRec struct {
	key  int32
	seq  int64
	kind types.RowKind
	val  string
}

var kvTypes = []types.DataType{types.NewInt().NotNull(), types.NewBigInt().NotNull(), types.NewTinyInt().NotNull(), types.NewString()}

// runOf builds a sorted run split into batches of size n.
func runOf(t *testing.T, recs []kvRec, n int) BatchSource {
	t.Helper()
	slices.SortFunc(recs, func(a, b kvRec) int {
		if a.key != b.key {
			return int(a.key - b.key)
		}
		return int(a.seq - b.seq)
	})
	src := &sliceSource{}
	for len(recs) > 0 {
		m := min(n, len(recs))
		b, err := vec.NewBatch(kvTypes, m)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range recs[:m] {
			if err := b.AppendRow(types.Insert, r.key, r.seq, int8(r.kind), r.val); err != nil {
				t.Fatal(err)
			}
		}
		src.batches = append(src.batches, b)
		recs = recs[m:]
	}
	return src
}

func TestDedupMergerRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	opts, err := options.Parse(map[string]string{})
	if err != nil {
		t.Fatal(err)
	}
	dedup, err := merge.New(opts, []types.Field{{ID: 0, Name: "val", Type: types.NewString()}})
	if err != nil {
		t.Fatal(err)
	}
	for iter := 0; iter < 200; iter++ {
		nRuns := 1 + rng.IntN(5)
		want := map[int32]kvRec{}
		var seq int64
		var runs []BatchSource
		for r := 0; r < nRuns; r++ {
			var recs []kvRec
			used := map[int32]bool{}
			for i := 0; i < rng.IntN(40); i++ {
				k := int32(rng.IntN(30))
				if used[k] {
					continue // a sorted run has one record per key
				}
				used[k] = true
				seq++
				kind := types.Insert
				if rng.IntN(4) == 0 {
					kind = types.Delete
				}
				rec := kvRec{key: k, seq: seq, kind: kind, val: string(rune('a' + rng.IntN(26)))}
				recs = append(recs, rec)
				if old, ok := want[k]; !ok || old.seq < seq {
					want[k] = rec
				}
			}
			runs = append(runs, runOf(t, recs, 1+rng.IntN(7)))
		}
		m, err := newKVMerger(context.Background(), kvLayout{nk: 1}, dedup, nil, iter%2 == 0, []types.DataType{types.NewString()}, nil, shuffleRuns(rng, runs), 1+rng.IntN(9))
		if err != nil {
			t.Fatal(err)
		}
		var wantRows [][]any
		var keys []int32
		for k, r := range want {
			if r.kind.IsAdd() {
				keys = append(keys, k)
			}
		}
		slices.Sort(keys)
		for _, k := range keys {
			wantRows = append(wantRows, []any{want[k].val})
		}
		var got [][]any
		for {
			b, err := m.Next(context.Background())
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			for i := 0; i < b.Len; i++ {
				got = append(got, []any{b.Row(i)[0]})
			}
		}
		if !reflect.DeepEqual(got, wantRows) {
			t.Fatalf("iter %d: got %v want %v", iter, got, wantRows)
		}
	}
}

func shuffleRuns(rng *rand.Rand, runs []BatchSource) []BatchSource {
	rng.Shuffle(len(runs), func(i, j int) { runs[i], runs[j] = runs[j], runs[i] })
	return runs
}
