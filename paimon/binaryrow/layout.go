package binaryrow

import (
	"fmt"

	"github.com/weir-data/weir/types"
)

// headerBits is the number of bits before the first null bit (the RowKind byte).
const headerBits = 8

// maxInline is the longest string or binary stored inside its 8-byte slot.
const maxInline = 7

// slotKind is how a field is stored, derived from its logical type.
type slotKind uint8

const (
	kindUnsupported slotKind = iota
	kindBool
	kindI8
	kindI16
	kindI32 // INT, DATE, TIME
	kindI64
	kindF32
	kindF64
	kindDecCompact // DECIMAL(p <= 18): unscaled int64
	kindDecWide    // DECIMAL(p > 18): 16 reserved bytes in the variable part
	kindBytes      // CHAR, VARCHAR, BINARY, VARBINARY
	kindTSCompact  // TIMESTAMP(p <= 3): epoch millis
	kindTSWide     // TIMESTAMP(p > 3): millis in the variable part, nanos in the slot
)

func kindOf(t types.DataType) slotKind {
	switch t.Root {
	case types.Boolean:
		return kindBool
	case types.TinyInt:
		return kindI8
	case types.SmallInt:
		return kindI16
	case types.Int, types.Date, types.Time:
		return kindI32
	case types.BigInt:
		return kindI64
	case types.Float:
		return kindF32
	case types.Double:
		return kindF64
	case types.DecimalRoot:
		if t.IsCompactDecimal() {
			return kindDecCompact
		}
		return kindDecWide
	case types.Char, types.VarChar, types.Binary, types.VarBinary:
		return kindBytes
	case types.TimestampRoot, types.TimestampLTZ:
		if t.IsCompactTimestamp() {
			return kindTSCompact
		}
		return kindTSWide
	}
	return kindUnsupported
}

// NullBitsSize returns the size in bytes of the header and null bit set of a
// row with arity fields (Java's calculateBitSetWidthInBytes).
func NullBitsSize(arity int) int {
	return ((arity + 63 + headerBits) / 64) * 8
}

// FixedSize returns the size of the header, null bits and fixed slots of a row
// with arity fields: the smallest valid row of that arity.
func FixedSize(arity int) int {
	return NullBitsSize(arity) + 8*arity
}

// CheckTypes reports an error when a field type has no BinaryRow encoding in
// this package (nested types: ARRAY, MAP, MULTISET, ROW, VARIANT, BLOB).
func CheckTypes(fieldTypes []types.DataType) error {
	for i, t := range fieldTypes {
		if kindOf(t) == kindUnsupported {
			return fmt.Errorf("binaryrow: field %d: type %s is not supported", i, t)
		}
	}
	return nil
}

func roundToWord(n int) int { return (n + 7) &^ 7 }
