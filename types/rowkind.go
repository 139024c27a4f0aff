package types

import "fmt"

// RowKind is the kind of change a row carries in a changelog. The byte values are
// Paimon's and Flink's (stored in `_VALUE_KIND` and in byte 0 of a BinaryRow).
type RowKind uint8

const (
	Insert       RowKind = 0 // +I
	UpdateBefore RowKind = 1 // -U
	UpdateAfter  RowKind = 2 // +U
	Delete       RowKind = 3 // -D
)

// IsAdd reports whether the kind adds a row (+I or +U).
func (k RowKind) IsAdd() bool { return k == Insert || k == UpdateAfter }

// IsRetract reports whether the kind retracts a row (-U or -D).
func (k RowKind) IsRetract() bool { return k == UpdateBefore || k == Delete }

// String returns the short form Flink prints: +I, -U, +U, -D.
func (k RowKind) String() string {
	switch k {
	case Insert:
		return "+I"
	case UpdateBefore:
		return "-U"
	case UpdateAfter:
		return "+U"
	case Delete:
		return "-D"
	}
	return fmt.Sprintf("RowKind(%d)", uint8(k))
}

// ParseRowKind decodes a stored row-kind byte, rejecting unknown values.
func ParseRowKind(b int8) (RowKind, error) {
	if b < 0 || b > 3 {
		return 0, fmt.Errorf("invalid row kind byte %d (want 0..3)", b)
	}
	return RowKind(b), nil
}
