package table

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

func TestSortedUnique(t *testing.T) {
	tests := []struct {
		name string
		keys [][]any
		want []int32
	}{
		{"one-int", [][]any{{int32(3)}, {int32(1)}, {int32(3)}, {int32(2)}, {int32(1)}}, []int32{4, 3, 2}},
		{"two-cols", [][]any{{int32(1), "b"}, {int32(1), "a"}, {int32(0), "z"}, {int32(1), "a"}}, []int32{2, 3, 0}},
		{"string", [][]any{{"b"}, {"a"}, {"b"}}, []int32{1, 2}},
		{"empty", nil, []int32{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var ts []types.DataType
			if len(tc.keys) > 0 {
				for _, v := range tc.keys[0] {
					if _, ok := v.(string); ok {
						ts = append(ts, types.NewString())
					} else {
						ts = append(ts, types.NewInt())
					}
				}
			}
			b, err := vec.NewBatch(ts, len(tc.keys))
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range tc.keys {
				if err := b.AppendRow(types.Insert, r...); err != nil {
					t.Fatal(err)
				}
			}
			got := sortedUnique(b.Cols, len(tc.keys))
			if len(got) != len(tc.want) {
				t.Fatalf("got %v want %v", got, tc.want)
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Fatalf("got %v want %v", got, tc.want)
				}
			}
		})
	}
}

// TestSortByKeyFastPaths checks the specialised INT and BIGINT sorts against
// the generic comparator: key order (negative keys first), ties by row.
func TestSortByKeyFastPaths(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, typ := range []types.DataType{types.NewInt(), types.NewBigInt()} {
		k := vec.MustNew(typ, 1000)
		for range 1000 {
			x := rng.Int64N(200) - 100
			if typ.Root == types.Int {
				_ = k.Append(int32(x) * (1 << 24))
			} else {
				_ = k.Append(x * (1 << 56))
			}
		}
		want := make([]int32, 1000)
		for i := range want {
			want[i] = int32(i)
		}
		slices.SortStableFunc(want, func(a, b int32) int { return vec.Compare(k, int(a), k, int(b)) })
		if got := sortByKey([]*vec.Vector{k}, 1000); !slices.Equal(got, want) {
			t.Fatalf("%s: sortByKey differs from the generic order", typ)
		}
		var uniq []int32
		for i, r := range want {
			if i+1 < len(want) && vec.Compare(k, int(r), k, int(want[i+1])) == 0 {
				continue
			}
			uniq = append(uniq, r)
		}
		if got := sortedUnique([]*vec.Vector{k}, 1000); !slices.Equal(got, uniq) {
			t.Fatalf("%s: sortedUnique differs from the generic result", typ)
		}
	}
}
