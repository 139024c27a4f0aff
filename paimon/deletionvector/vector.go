package deletionvector

import (
	"errors"
	"fmt"
	"iter"
	"math/bits"
	"slices"
)

// ErrPosition reports a row position a vector cannot hold.
var ErrPosition = errors.New("invalid row position")

// Vector is a deletion vector: the set of deleted row positions of one data
// file. The zero value is an empty vector ready to use. It is not safe for
// concurrent mutation.
type Vector struct {
	// containers maps pos>>16 to the low 16 bits of the positions.
	containers map[uint64]*container
	card       int64
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

// Add marks row position pos as deleted. Negative positions are rejected.
func (v *Vector) Add(pos int64) error {
	if pos < 0 {
		return fmt.Errorf("%w: %d", ErrPosition, pos)
	}
	if v.containers == nil {
		v.containers = map[uint64]*container{}
	}
	hi := uint64(pos) >> 16
	c := v.containers[hi]
	if c == nil {
		c = &container{}
		v.containers[hi] = c
	}
	if c.add(uint16(pos)) {
		v.card++
	}
	return nil
}

// IsDeleted reports whether row position pos is deleted.
func (v *Vector) IsDeleted(pos int64) bool {
	if v == nil || pos < 0 {
		return false
	}
	c := v.containers[uint64(pos)>>16]
	return c != nil && c.contains(uint16(pos))
}

// Cardinality returns the number of deleted positions.
func (v *Vector) Cardinality() int64 {
	if v == nil {
		return 0
	}
	return v.card
}

// IsEmpty reports whether no position is deleted.
func (v *Vector) IsEmpty() bool { return v.Cardinality() == 0 }

// Merge adds every position of other to v.
func (v *Vector) Merge(other *Vector) {
	for p := range other.All() {
		_ = v.Add(p) // positions of a vector are never negative
	}
}

// Max returns the largest deleted position, or -1 for an empty vector.
func (v *Vector) Max() int64 {
	keys := v.keys()
	if len(keys) == 0 {
		return -1
	}
	hi := keys[len(keys)-1]
	return int64(hi<<16 | uint64(v.containers[hi].max()))
}

// All iterates over the deleted positions in ascending order.
func (v *Vector) All() iter.Seq[int64] {
	return func(yield func(int64) bool) {
		for _, hi := range v.keys() {
			for lo := range v.containers[hi].all() {
				if !yield(int64(hi<<16 | uint64(lo))) {
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
	return v.Cardinality() == other.Cardinality() && slices.Equal(v.Positions(), other.Positions())
}

// keys returns the non-empty container keys in ascending order.
func (v *Vector) keys() []uint64 {
	if v == nil {
		return nil
	}
	keys := make([]uint64, 0, len(v.containers))
	for k, c := range v.containers {
		if c.card > 0 {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	return keys
}

// container holds the low 16 bits of positions sharing the high bits: a
// sorted array up to arrayMax values, a 65536-bit bitmap beyond (the same
// rule Java's RoaringBitmap applies while adding).
type container struct {
	array  []uint16
	bitmap []uint64 // nil, or bitmapWords words
	card   int
}

const (
	arrayMax    = 4096
	bitmapWords = 1024
)

func (c *container) add(x uint16) bool {
	if c.bitmap != nil {
		w, m := x>>6, uint64(1)<<(x&63)
		if c.bitmap[w]&m != 0 {
			return false
		}
		c.bitmap[w] |= m
		c.card++
		return true
	}
	i, found := slices.BinarySearch(c.array, x)
	if found {
		return false
	}
	c.array = slices.Insert(c.array, i, x)
	c.card++
	if c.card > arrayMax {
		c.bitmap = make([]uint64, bitmapWords)
		for _, y := range c.array {
			c.bitmap[y>>6] |= 1 << (y & 63)
		}
		c.array = nil
	}
	return true
}

func (c *container) contains(x uint16) bool {
	if c.bitmap != nil {
		return c.bitmap[x>>6]&(1<<(x&63)) != 0
	}
	_, found := slices.BinarySearch(c.array, x)
	return found
}

func (c *container) max() uint16 {
	if c.bitmap == nil {
		return c.array[len(c.array)-1]
	}
	for w := bitmapWords - 1; w >= 0; w-- {
		if c.bitmap[w] != 0 {
			return uint16(w*64 + 63 - bits.LeadingZeros64(c.bitmap[w]))
		}
	}
	return 0
}

func (c *container) all() iter.Seq[uint16] {
	return func(yield func(uint16) bool) {
		if c.bitmap == nil {
			for _, x := range c.array {
				if !yield(x) {
					return
				}
			}
			return
		}
		for w, word := range c.bitmap {
			for word != 0 {
				t := bits.TrailingZeros64(word)
				if !yield(uint16(w*64 + t)) {
					return
				}
				word &= word - 1
			}
		}
	}
}

// runs returns the number of maximal runs of consecutive values.
func (c *container) runs() int {
	n, prev, first := 0, 0, true
	for x := range c.all() {
		if first || int(x) != prev+1 {
			n++
		}
		prev, first = int(x), false
	}
	return n
}
