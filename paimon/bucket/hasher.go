package bucket

import (
	"fmt"
	"slices"

	"github.com/weir-data/weir/paimon/binaryrow"
	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// KeyHasher computes bucket-key hashes and buckets for rows of vec.Batch
// values. It owns a reusable binaryrow.Writer, so it is not safe for
// concurrent use; give each goroutine its own.
type KeyHasher struct {
	w    *binaryrow.Writer
	cols []int
}

// NewKeyHasher returns a hasher for a bucket key whose fields have keyTypes
// (in bucket-key order) and are read from the batch columns cols.
func NewKeyHasher(keyTypes []types.DataType, cols []int) (*KeyHasher, error) {
	if len(keyTypes) == 0 {
		return nil, fmt.Errorf("bucket: empty bucket key")
	}
	if len(keyTypes) != len(cols) {
		return nil, fmt.Errorf("bucket: %d key types for %d key columns", len(keyTypes), len(cols))
	}
	if err := binaryrow.CheckTypes(keyTypes); err != nil {
		return nil, fmt.Errorf("bucket key: %w", err)
	}
	for i, c := range cols {
		if c < 0 {
			return nil, fmt.Errorf("bucket: key field %d has negative column %d", i, c)
		}
	}
	return &KeyHasher{w: binaryrow.NewWriter(keyTypes), cols: slices.Clone(cols)}, nil
}

// Check verifies that b has the key columns with storage matching the key
// types, so that Hash cannot fail on b for in-range rows.
func (h *KeyHasher) Check(b *vec.Batch) error {
	ts := h.w.Types()
	for i, c := range h.cols {
		if c >= len(b.Cols) {
			return fmt.Errorf("bucket: key field %d reads column %d of a %d-column batch", i, c, len(b.Cols))
		}
		want, err := vec.KindOf(ts[i])
		if err != nil {
			return fmt.Errorf("bucket: key field %d: %w", i, err)
		}
		if got := b.Cols[c].Kind; got != want {
			return fmt.Errorf("bucket: key field %d (%s) reads column %d of type %s", i, ts[i], c, b.Cols[c].Type)
		}
	}
	return nil
}

// Hash returns the BinaryRow hash of the bucket key of row i.
func (h *KeyHasher) Hash(b *vec.Batch, i int) (int32, error) {
	h.w.Reset()
	for k, c := range h.cols {
		if c >= len(b.Cols) {
			return 0, fmt.Errorf("bucket: key field %d reads column %d of a %d-column batch", k, c, len(b.Cols))
		}
		if err := h.w.WriteFromVector(k, b.Cols[c], i); err != nil {
			return 0, fmt.Errorf("bucket key: %w", err)
		}
	}
	return binaryrow.Hash(h.w.Bytes()), nil
}

// Bucket returns the bucket of row i among numBuckets (>= 1) buckets.
func (h *KeyHasher) Bucket(b *vec.Batch, i, numBuckets int) (int, error) {
	if numBuckets < 1 {
		return 0, fmt.Errorf("bucket: number of buckets %d must be at least 1", numBuckets)
	}
	hash, err := h.Hash(b, i)
	if err != nil {
		return 0, err
	}
	return Of(hash, numBuckets), nil
}

// Buckets appends the bucket of every row of b to dst and returns it.
func (h *KeyHasher) Buckets(dst []int, b *vec.Batch, numBuckets int) ([]int, error) {
	if numBuckets < 1 {
		return dst, fmt.Errorf("bucket: number of buckets %d must be at least 1", numBuckets)
	}
	if err := h.Check(b); err != nil {
		return dst, err
	}
	dst = slices.Grow(dst, b.Len)
	for i := 0; i < b.Len; i++ {
		hash, err := h.Hash(b, i)
		if err != nil {
			return dst, err
		}
		dst = append(dst, Of(hash, numBuckets))
	}
	return dst, nil
}

// KeyBytes returns the bucket key row of the last hashed row (aliasing the
// hasher's buffer until the next call), e.g. for a dynamic-bucket index.
func (h *KeyHasher) KeyBytes() []byte { return h.w.Bytes() }
