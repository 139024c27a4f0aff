package hashtab

import (
	"fmt"

	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// chunkBits sets the rows per key chunk (4096): ids address (chunk, row).
const chunkBits = 12

const chunkRows = 1 << chunkBits

// NotFound is the id Find reports for a key that is not in the table.
const NotFound = ^uint32(0)

// Table maps distinct key tuples to dense ids in insertion order. NULL keys
// equal NULL keys (GROUP BY semantics); joins drop rows with NULL keys before
// they reach the table unless the condition is null-safe.
//
// A Table is not safe for concurrent use.
type Table struct {
	types  []types.DataType
	chunks [][]*vec.Vector
	hashes []uint64 // per id
	slots  []uint32 // open addressing; 0 = empty, else id+1
	mask   uint64
	n      int
	bytes  int64 // key bytes of variable-length columns, for MemoryBytes

	scratch []uint64
}

// New returns an empty table for keys of the given types.
func New(keyTypes []types.DataType) (*Table, error) {
	for _, t := range keyTypes {
		if _, err := vec.KindOf(t); err != nil {
			return nil, fmt.Errorf("hash key of type %s: %w", t, err)
		}
	}
	t := &Table{types: keyTypes}
	t.resize(1024)
	return t, nil
}

// Len is the number of distinct keys.
func (t *Table) Len() int { return t.n }

// MemoryBytes estimates the memory the table holds.
func (t *Table) MemoryBytes() int64 {
	per := int64(8 + 4*2) // hash + slot (load ≤ 1/2)
	for _, ty := range t.types {
		per += fixedWidth(ty)
	}
	return int64(t.n)*per + t.bytes
}

func fixedWidth(t types.DataType) int64 {
	k, _ := vec.KindOf(t)
	switch k {
	case vec.KindBool, vec.KindI8:
		return 1
	case vec.KindI16:
		return 2
	case vec.KindI32, vec.KindF32:
		return 4
	case vec.KindDecimal:
		return 16
	case vec.KindTimestamp:
		return 12
	case vec.KindBytes:
		return 4
	}
	return 8
}

func (t *Table) resize(size int) {
	t.slots = make([]uint32, size)
	t.mask = uint64(size - 1)
	for id, h := range t.hashes {
		s := h & t.mask
		for t.slots[s] != 0 {
			s = (s + 1) & t.mask
		}
		t.slots[s] = uint32(id) + 1
	}
}

// FindOrInsert sets ids[i] to the id of row i's key for every row of keys (n
// rows; only the rows in sel when sel is not nil), inserting new keys. ids is
// grown to n and returned.
func (t *Table) FindOrInsert(keys []*vec.Vector, n int, sel []int32, ids []uint32) []uint32 {
	return t.lookup(keys, n, sel, ids, true)
}

// Find is FindOrInsert without inserting: a missing key gets NotFound.
func (t *Table) Find(keys []*vec.Vector, n int, sel []int32, ids []uint32) []uint32 {
	return t.lookup(keys, n, sel, ids, false)
}

func (t *Table) lookup(keys []*vec.Vector, n int, sel []int32, ids []uint32, insert bool) []uint32 {
	if cap(ids) < n {
		ids = make([]uint32, n)
	}
	ids = ids[:n]
	t.scratch = Hash(keys, n, t.scratch)
	hs := t.scratch
	do := func(i int) {
		h := hs[i]
		s := h & t.mask
		for {
			slot := t.slots[s]
			if slot == 0 {
				break
			}
			id := slot - 1
			if t.hashes[id] == h && t.equal(id, keys, i) {
				ids[i] = id
				return
			}
			s = (s + 1) & t.mask
		}
		if !insert {
			ids[i] = NotFound
			return
		}
		id := uint32(t.n)
		t.append(keys, i, h)
		t.slots[s] = id + 1
		ids[i] = id
		if uint64(t.n)*2 > uint64(len(t.slots)) {
			t.resize(len(t.slots) * 2)
		}
	}
	if sel == nil {
		for i := 0; i < n; i++ {
			do(i)
		}
	} else {
		for _, i := range sel {
			do(int(i))
		}
	}
	return ids
}

func (t *Table) equal(id uint32, keys []*vec.Vector, i int) bool {
	c := t.chunks[id>>chunkBits]
	r := int(id & (chunkRows - 1))
	for k, v := range keys {
		if vec.Compare(c[k], r, v, i) != 0 {
			return false
		}
	}
	return true
}

func (t *Table) append(keys []*vec.Vector, i int, h uint64) {
	if t.n&(chunkRows-1) == 0 {
		c := make([]*vec.Vector, len(t.types))
		for k, ty := range t.types {
			c[k] = vec.MustNew(ty, 64)
		}
		t.chunks = append(t.chunks, c)
	}
	c := t.chunks[len(t.chunks)-1]
	for k, v := range keys {
		c[k].AppendFrom(v, i)
		if v.Kind == vec.KindBytes {
			t.bytes += int64(v.Offsets[i+1] - v.Offsets[i])
		}
	}
	t.hashes = append(t.hashes, h)
	t.n++
}

// AppendKeys appends the keys of ids [lo, hi) to out (one vector per key
// column, of the key types).
func (t *Table) AppendKeys(out []*vec.Vector, lo, hi int) {
	for lo < hi {
		c := t.chunks[lo>>chunkBits]
		r := lo & (chunkRows - 1)
		end := min(hi-lo, chunkRows-r)
		for k := range out {
			appendRange(out[k], c[k], r, r+end)
		}
		lo += end
	}
}

// KeyVectors returns the key columns of chunk c (ids c*4096 ...), for callers
// that gather keys by id.
func (t *Table) KeyVectors(c int) []*vec.Vector { return t.chunks[c] }

// Locate splits an id into its chunk and row within the chunk.
func Locate(id uint32) (chunk, row int) { return int(id >> chunkBits), int(id & (chunkRows - 1)) }

func appendRange(dst, src *vec.Vector, lo, hi int) {
	if lo == 0 && hi == src.Len {
		dst.AppendVector(src)
		return
	}
	rows := make([]int32, 0, hi-lo)
	for r := lo; r < hi; r++ {
		rows = append(rows, int32(r))
	}
	dst.AppendRows(src, rows)
}
