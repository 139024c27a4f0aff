package merge

import (
	"testing"

	"github.com/weir-data/weir/types"
)

func TestSortGroup(t *testing.T) {
	fields := fieldsOf(types.NewInt().NotNull(), types.NewBigInt(), types.NewString())
	recs := []rec{I(int32(1), int64(5), "a"), I(int32(1), nil, "b"), I(int32(1), int64(2), "c"), I(int32(1), int64(5), "d")}
	for _, tc := range []struct {
		order string
		want  []int64 // _SEQUENCE_NUMBERs after sorting
	}{
		{"ascending", []int64{2, 3, 1, 4}},
		{"descending", []int64{1, 4, 3, 2}},
	} {
		s, err := NewSequenceComparator(mustOpts(t, map[string]string{"sequence.field": "b", "sequence.field.sort-order": tc.order}), fields)
		if err != nil || s == nil {
			t.Fatal(s, err)
		}
		g := buildGroup(t, fields, recs)
		SortGroup(g, s)
		for k, w := range tc.want {
			if g.Seqs[k] != w {
				t.Fatalf("%s: seqs %v, want %v", tc.order, g.Seqs, tc.want)
			}
		}
	}
	if s, err := NewSequenceComparator(mustOpts(t, nil), fields); s != nil || err != nil {
		t.Fatal(s, err)
	}
}
