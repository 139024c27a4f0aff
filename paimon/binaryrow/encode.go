package binaryrow

import (
	"fmt"

	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// WriteValue writes a scalar in the representation documented in package
// types (nil writes a null). The Go type must match the field's type; CHAR and
// VARCHAR accept string or []byte, BINARY and VARBINARY []byte or string.
func (w *Writer) WriteValue(pos int, v any) error {
	if pos < 0 || pos >= len(w.kinds) {
		return fmt.Errorf("binaryrow: field %d out of range (arity %d)", pos, len(w.kinds))
	}
	if v == nil {
		w.SetNull(pos)
		return nil
	}
	ok := true
	switch w.kinds[pos] {
	case kindBool:
		var x bool
		if x, ok = v.(bool); ok {
			w.WriteBool(pos, x)
		}
	case kindI8:
		var x int8
		if x, ok = v.(int8); ok {
			w.WriteInt8(pos, x)
		}
	case kindI16:
		var x int16
		if x, ok = v.(int16); ok {
			w.WriteInt16(pos, x)
		}
	case kindI32:
		var x int32
		if x, ok = v.(int32); ok {
			w.WriteInt32(pos, x)
		}
	case kindI64:
		var x int64
		if x, ok = v.(int64); ok {
			w.WriteInt64(pos, x)
		}
	case kindF32:
		var x float32
		if x, ok = v.(float32); ok {
			w.WriteFloat32(pos, x)
		}
	case kindF64:
		var x float64
		if x, ok = v.(float64); ok {
			w.WriteFloat64(pos, x)
		}
	case kindDecCompact, kindDecWide:
		var x types.Decimal
		if x, ok = v.(types.Decimal); ok {
			if err := checkDecimal(w.types[pos], x); err != nil {
				return fmt.Errorf("binaryrow: field %d: %w", pos, err)
			}
			w.WriteDecimal(pos, x)
		}
	case kindTSCompact, kindTSWide:
		var x types.Timestamp
		if x, ok = v.(types.Timestamp); ok {
			if x.NanoOfMilli < 0 || x.NanoOfMilli > 999_999 {
				return fmt.Errorf("binaryrow: field %d: timestamp nano-of-millisecond %d outside [0, 999999]", pos, x.NanoOfMilli)
			}
			w.WriteTimestamp(pos, x)
		}
	case kindBytes:
		switch x := v.(type) {
		case string:
			w.WriteString(pos, x)
		case []byte:
			w.WriteBytes(pos, x)
		default:
			ok = false
		}
	default:
		return fmt.Errorf("binaryrow: field %d: type %s is not supported", pos, w.types[pos])
	}
	if !ok {
		return fmt.Errorf("binaryrow: field %d: cannot write %T as %s", pos, v, w.types[pos])
	}
	return nil
}

// checkDecimal verifies that the unscaled value fits the type's storage.
func checkDecimal(t types.DataType, d types.Decimal) error {
	if t.IsCompactDecimal() && !d.IsInt64() {
		return fmt.Errorf("decimal unscaled value %s does not fit %s", d.Big(), t)
	}
	return nil
}

// WriteFromVector writes row `row` of v into field pos. The vector's physical
// kind must match the field's type (as vec.KindOf would choose it); nulls
// follow SetNull. It does not allocate.
func (w *Writer) WriteFromVector(pos int, v *vec.Vector, row int) error {
	if pos < 0 || pos >= len(w.kinds) {
		return fmt.Errorf("binaryrow: field %d out of range (arity %d)", pos, len(w.kinds))
	}
	if row < 0 || row >= v.Len {
		return fmt.Errorf("binaryrow: field %d: row %d out of range (vector length %d)", pos, row, v.Len)
	}
	if v.Nulls.Get(row) {
		w.SetNull(pos)
		return nil
	}
	k := w.kinds[pos]
	switch {
	case v.Kind == vec.KindBool && k == kindBool:
		w.WriteBool(pos, v.Bools[row])
	case v.Kind == vec.KindI8 && k == kindI8:
		w.WriteInt8(pos, v.I8[row])
	case v.Kind == vec.KindI16 && k == kindI16:
		w.WriteInt16(pos, v.I16[row])
	case v.Kind == vec.KindI32 && k == kindI32:
		w.WriteInt32(pos, v.I32[row])
	case v.Kind == vec.KindI64 && (k == kindI64 || k == kindDecCompact):
		w.WriteInt64(pos, v.I64[row])
	case v.Kind == vec.KindF32 && k == kindF32:
		w.WriteFloat32(pos, v.F32[row])
	case v.Kind == vec.KindF64 && k == kindF64:
		w.WriteFloat64(pos, v.F64[row])
	case v.Kind == vec.KindDecimal && (k == kindDecWide || k == kindDecCompact):
		w.WriteDecimal(pos, v.Dec[row])
	case v.Kind == vec.KindTimestamp && (k == kindTSCompact || k == kindTSWide):
		w.WriteTimestamp(pos, v.TS[row])
	case v.Kind == vec.KindBytes && k == kindBytes:
		w.WriteBytes(pos, v.Bytes(row))
	default:
		return fmt.Errorf("binaryrow: field %d: cannot write a %s vector into a %s field", pos, v.Type, w.types[pos])
	}
	return nil
}

// Encode builds one row (row kind +I) from scalar values; the result is a new
// slice owned by the caller.
func Encode(fieldTypes []types.DataType, values []any) ([]byte, error) {
	if len(values) != len(fieldTypes) {
		return nil, fmt.Errorf("binaryrow: %d values for %d fields", len(values), len(fieldTypes))
	}
	w := NewWriter(fieldTypes)
	for i, v := range values {
		if err := w.WriteValue(i, v); err != nil {
			return nil, err
		}
	}
	return w.Bytes(), nil
}
