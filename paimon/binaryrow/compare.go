package binaryrow

import (
	"bytes"
	"cmp"
	"fmt"

	"github.com/weir-data/weir/types"
)

// Compare orders two rows of the same field types field by field, the way
// Paimon's generated key comparator does for atomic types: nulls first,
// numbers by value (FLOAT/DOUBLE as Java's Float.compare/Double.compare, so
// -0.0 < 0.0 and NaN sorts last), false < true, strings and binaries by
// unsigned bytes, decimals by unscaled value, timestamps by instant. It uses
// a's field types and fails when b's arity differs or a value is corrupt.
func Compare(a, b Row) (int, error) {
	if len(a.types) != len(b.types) {
		return 0, fmt.Errorf("binaryrow: comparing rows of arity %d and %d", len(a.types), len(b.types))
	}
	for i, t := range a.types {
		an, bn := a.IsNull(i), b.IsNull(i)
		if an || bn {
			if an && bn {
				continue
			}
			if an {
				return -1, nil
			}
			return 1, nil
		}
		var c int
		switch kindOf(t) {
		case kindBool:
			c = cmpBool(a.Bool(i), b.Bool(i))
		case kindI8:
			c = cmp.Compare(a.Int8(i), b.Int8(i))
		case kindI16:
			c = cmp.Compare(a.Int16(i), b.Int16(i))
		case kindI32:
			c = cmp.Compare(a.Int32(i), b.Int32(i))
		case kindI64:
			c = cmp.Compare(a.Int64(i), b.Int64(i))
		case kindF32:
			c = types.CompareFloat(float64(a.Float32(i)), float64(b.Float32(i)))
		case kindF64:
			c = types.CompareFloat(a.Float64(i), b.Float64(i))
		case kindDecCompact, kindDecWide:
			x, err := a.Decimal(i)
			if err != nil {
				return 0, err
			}
			y, err := b.Decimal(i)
			if err != nil {
				return 0, err
			}
			c = x.Cmp(y)
		case kindTSCompact, kindTSWide:
			x, err := a.Timestamp(i)
			if err != nil {
				return 0, err
			}
			y, err := b.Timestamp(i)
			if err != nil {
				return 0, err
			}
			c = x.Compare(y)
		case kindBytes:
			x, err := a.Bytes(i)
			if err != nil {
				return 0, err
			}
			y, err := b.Bytes(i)
			if err != nil {
				return 0, err
			}
			c = bytes.Compare(x, y)
		default:
			return 0, fmt.Errorf("binaryrow: field %d: cannot compare type %s", i, t)
		}
		if c != 0 {
			return c, nil
		}
	}
	return 0, nil
}

func cmpBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case !a:
		return -1
	}
	return 1
}
