package table

import (
	"slices"

	"github.com/weir-data/weir/vec"
)

// sortedUnique returns the order in which a write buffer's rows are flushed to a
// level-0 file of a primary-key table: sorted by key, keeping for each key only
// its last written row (rows are appended in sequence order, so the last row has
// the highest sequence number) — the deduplicate merge that Paimon's write buffer
// applies before flushing. Retractions are kept: they must reach older files.
func sortedUnique(keys []*vec.Vector, n int) []int32 {
	idx := sortByKey(keys, n)
	out := idx[:0]
	for i := 0; i < len(idx); i++ {
		if i+1 < len(idx) && vec.CompareRows(keys, int(idx[i]), keys, int(idx[i+1])) == 0 {
			continue // a later row of the same key wins
		}
		out = append(out, idx[i])
	}
	return out
}

// sortByKey returns the row indices sorted by key, ties in index (arrival) order.
func sortByKey(keys []*vec.Vector, n int) []int32 {
	idx := make([]int32, n)
	for i := range idx {
		idx[i] = int32(i)
	}
	if len(keys) == 1 {
		sortOneKey(keys[0], idx)
	} else {
		slices.SortFunc(idx, func(a, b int32) int {
			if r := vec.CompareRows(keys, int(a), keys, int(b)); r != 0 {
				return r
			}
			return int(a - b)
		})
	}
	return idx
}

// sortOneKey sorts row indices by a single key column, ties by index, with a
// comparator specialised for the column's storage.
func sortOneKey(k *vec.Vector, idx []int32) {
	if !k.Nulls.Any() {
		switch k.Kind {
		case vec.KindI32:
			v := k.I32
			slices.SortFunc(idx, func(a, b int32) int {
				if v[a] != v[b] {
					if v[a] < v[b] {
						return -1
					}
					return 1
				}
				return int(a - b)
			})
			return
		case vec.KindI64:
			v := k.I64
			slices.SortFunc(idx, func(a, b int32) int {
				if v[a] != v[b] {
					if v[a] < v[b] {
						return -1
					}
					return 1
				}
				return int(a - b)
			})
			return
		}
	}
	slices.SortFunc(idx, func(a, b int32) int {
		if r := vec.Compare(k, int(a), k, int(b)); r != 0 {
			return r
		}
		return int(a - b)
	})
}
