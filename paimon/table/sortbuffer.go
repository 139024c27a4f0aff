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
	if len(keys) == 1 && keys[0].Kind == vec.KindI32 && !keys[0].Nulls.Any() {
		packed := sortPackedI32(keys[0].I32[:n])
		out := make([]int32, 0, n)
		for i, p := range packed {
			if i+1 < len(packed) && packed[i+1]>>32 == p>>32 {
				continue // a later row of the same key wins
			}
			out = append(out, int32(uint32(p)))
		}
		return out
	}
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

// sortOneKey sorts the row indices idx (which must be 0..len(idx)-1) by a
// single key column, ties by index, with a comparator specialised for the
// column's storage.
func sortOneKey(k *vec.Vector, idx []int32) {
	if !k.Nulls.Any() {
		switch k.Kind {
		case vec.KindI32:
			for i, p := range sortPackedI32(k.I32[:len(idx)]) {
				idx[i] = int32(uint32(p))
			}
			return
		case vec.KindI64:
			type keyRow struct {
				key int64
				row int32
			}
			kr := make([]keyRow, len(idx))
			for i, r := range idx {
				kr[i] = keyRow{k.I64[r], r}
			}
			slices.SortFunc(kr, func(a, b keyRow) int {
				if a.key != b.key {
					if a.key < b.key {
						return -1
					}
					return 1
				}
				return int(a.row - b.row)
			})
			for i, x := range kr {
				idx[i] = x.row
			}
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

// sortPackedI32 returns the rows of an INT key column sorted by key, ties by
// row, as normalized keys: the key with its sign bit flipped (so that unsigned
// order is signed order) in the high 32 bits, the row in the low 32 bits. The
// sort then compares plain integers in one contiguous array, instead of
// following row indices into the key column for every comparison.
func sortPackedI32(keys []int32) []uint64 {
	packed := make([]uint64, len(keys))
	for r, k := range keys {
		packed[r] = uint64(uint32(k)^1<<31)<<32 | uint64(r)
	}
	slices.Sort(packed)
	return packed
}
