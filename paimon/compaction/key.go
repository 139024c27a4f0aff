package compaction

import (
	"fmt"

	"github.com/weir-data/weir/paimon/binaryrow"
	"github.com/weir-data/weir/paimon/manifest"
	"github.com/weir-data/weir/types"
)

// KeyComparator orders the serialized key rows stored in DataFileMeta.MinKey
// and MaxKey (4-byte arity + BinaryRow) like Java's generated key comparator.
type KeyComparator struct {
	types []types.DataType
}

// NewKeyComparator returns a comparator for keys of the given field types
// (the primary-key fields in key order).
func NewKeyComparator(keyTypes []types.DataType) (*KeyComparator, error) {
	if err := binaryrow.CheckTypes(keyTypes); err != nil {
		return nil, fmt.Errorf("compaction: key types: %w", err)
	}
	return &KeyComparator{types: append([]types.DataType(nil), keyTypes...)}, nil
}

func (k *KeyComparator) row(b []byte) (binaryrow.Row, error) {
	arity, data, err := binaryrow.Deserialize(b)
	if err != nil {
		return binaryrow.Row{}, err
	}
	if arity != len(k.types) {
		return binaryrow.Row{}, fmt.Errorf("key row has arity %d, want %d", arity, len(k.types))
	}
	return binaryrow.NewRow(k.types, data)
}

// Compare compares two serialized key rows: negative when a < b, zero when
// equal, positive when a > b.
func (k *KeyComparator) Compare(a, b []byte) (int, error) {
	x, err := k.row(a)
	if err != nil {
		return 0, err
	}
	y, err := k.row(b)
	if err != nil {
		return 0, err
	}
	return binaryrow.Compare(x, y)
}

// checkFile verifies that the file's min and max keys decode completely (so
// later comparisons cannot fail) and that min <= max.
func (k *KeyComparator) checkFile(f *manifest.DataFileMeta) error {
	for _, kb := range [][]byte{f.MinKey, f.MaxKey} {
		r, err := k.row(kb)
		if err != nil {
			return fmt.Errorf("compaction: file %s: %w", f.FileName, err)
		}
		if _, err := r.Values(); err != nil {
			return fmt.Errorf("compaction: file %s: key: %w", f.FileName, err)
		}
	}
	c, err := k.Compare(f.MinKey, f.MaxKey)
	if err != nil {
		return fmt.Errorf("compaction: file %s: %w", f.FileName, err)
	}
	if c > 0 {
		return fmt.Errorf("compaction: file %s: min key is greater than max key", f.FileName)
	}
	return nil
}

// checkFiles runs checkFile on every file.
func (k *KeyComparator) checkFiles(files []manifest.DataFileMeta) error {
	for i := range files {
		if err := k.checkFile(&files[i]); err != nil {
			return err
		}
	}
	return nil
}

// sorter wraps a KeyComparator for use inside sort callbacks, remembering the
// first error instead of panicking.
type sorter struct {
	k   *KeyComparator
	err error
}

func (s *sorter) cmp(a, b []byte) int {
	if s.err != nil {
		return 0
	}
	c, err := s.k.Compare(a, b)
	if err != nil {
		s.err = err
	}
	return c
}
