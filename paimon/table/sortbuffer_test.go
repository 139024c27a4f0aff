package table

import (
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
