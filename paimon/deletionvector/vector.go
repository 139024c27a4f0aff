package deletionvector

import (
	"errors"
	"fmt"
	"iter"
	"slices"

	"github.com/RoaringBitmap/roaring/v2"
)

// ErrPosition reports a row position a vector cannot hold.
var ErrPosition = errors.New("invalid row position")

// Vector is a deletion vector: the set of deleted row positions of one data
// file. The zero value is an empty vector ready to use. It is not safe for
// concurrent mutation.
//
// Positions are kept the way Java's 64-bit deletion vector keeps them: one
// 32-bit RoaringBitmap of the low halves per distinct high half (pos>>32).
// A file of fewer than 2^32 rows uses only the bitmap of key 0, which is the
// 32-bit vector Java serializes.
type Vector struct {
	// parts is sorted by key and holds no empty bitmap.
	parts []part
}

// part holds the low 32 bits of the positions whose high 32 bits are key.
type part struct {
	key uint32
	bm  *roaring.Bitmap
}

// New returns an empty vector.
func New() *Vector { return &Vector{} }

// Of returns a vector holding the given positions.
func Of(positions ...int64) (*Vector, error) {
	v := New()
	for _, p := range positions {
		if err := v.Add(p); err != nil {
			return nil, err
		}
	}
	return v, nil
}

// find returns the index of the part with key, or where it would be inserted.
func (v *Vector) find(key uint32) (int, bool) {
	return slices.BinarySearchFunc(v.parts, key, func(p part, k uint32) int {
		switch {
		case p.key < k:
			return -1
		case p.key > k:
			return 1
		}
		return 0
	})
}

// bitmap returns the bitmap of key, creating it if needed.
func (v *Vector) bitmap(key uint32) *roaring.Bitmap {
	i, ok := v.find(key)
	if !ok {
		v.parts = slices.Insert(v.parts, i, part{key: key, bm: roaring.New()})
	}
	return v.parts[i].bm
}

// Add marks row position pos as deleted. Negative positions are rejected.
func (v *Vector) Add(pos int64) error {
	if pos < 0 {
		return fmt.Errorf("%w: %d", ErrPosition, pos)
	}
	v.bitmap(uint32(uint64(pos) >> 32)).Add(uint32(pos))
	return nil
}

// IsDeleted reports whether row position pos is deleted.
func (v *Vector) IsDeleted(pos int64) bool {
	if v == nil || pos < 0 {
		return false
	}
	i, ok := v.find(uint32(uint64(pos) >> 32))
	return ok && v.parts[i].bm.Contains(uint32(pos))
}

// Cardinality returns the number of deleted positions.
func (v *Vector) Cardinality() int64 {
	if v == nil {
		return 0
	}
	var n uint64
	for _, p := range v.parts {
		n += p.bm.GetCardinality()
	}
	return int64(n)
}

// IsEmpty reports whether no position is deleted.
func (v *Vector) IsEmpty() bool { return v == nil || len(v.parts) == 0 }

// Merge adds every position of other to v.
func (v *Vector) Merge(other *Vector) {
	if other == nil {
		return
	}
	for _, p := range other.parts {
		v.bitmap(p.key).Or(p.bm)
	}
}

// Max returns the largest deleted position, or -1 for an empty vector.
func (v *Vector) Max() int64 {
	if v.IsEmpty() {
		return -1
	}
	last := v.parts[len(v.parts)-1]
	return int64(uint64(last.key)<<32 | uint64(last.bm.Maximum()))
}

// All iterates over the deleted positions in ascending order.
func (v *Vector) All() iter.Seq[int64] {
	return func(yield func(int64) bool) {
		if v == nil {
			return
		}
		for _, p := range v.parts {
			for lo := range roaring.Values(p.bm) {
				if !yield(int64(uint64(p.key)<<32 | uint64(lo))) {
					return
				}
			}
		}
	}
}

// Positions returns the deleted positions in ascending order.
func (v *Vector) Positions() []int64 { return slices.Collect(v.All()) }

// Equal reports whether v and other hold the same positions.
func (v *Vector) Equal(other *Vector) bool {
	var a, b []part
	if v != nil {
		a = v.parts
	}
	if other != nil {
		b = other.parts
	}
	return slices.EqualFunc(a, b, func(x, y part) bool {
		return x.key == y.key && x.bm.Equals(y.bm)
	})
}
