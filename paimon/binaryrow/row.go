package binaryrow

import (
	"encoding/binary"
	"fmt"
	"math"

	"github.com/weir-data/weir/types"
)

// Row is a read-only view over the bytes of one BinaryRow. Fixed-width getters
// cannot fail once NewRow has validated the fixed part; getters that follow an
// offset into the variable part check bounds and return errors. A Row aliases
// its data and field types; it does not copy them.
//
// Getters trust pos to be in [0, Arity()) and to match the field's type;
// Value checks both.
type Row struct {
	types     []types.DataType
	data      []byte
	nullBytes int
}

// NewRow wraps data as a row of the given field types, checking that the
// header, null bits and fixed slots are present and that every type is
// supported.
func NewRow(fieldTypes []types.DataType, data []byte) (Row, error) {
	if err := CheckTypes(fieldTypes); err != nil {
		return Row{}, err
	}
	if need := FixedSize(len(fieldTypes)); len(data) < need {
		return Row{}, fmt.Errorf("binaryrow: row of %d fields needs at least %d bytes, got %d", len(fieldTypes), need, len(data))
	}
	return Row{types: fieldTypes, data: data, nullBytes: NullBitsSize(len(fieldTypes))}, nil
}

// Arity returns the number of fields.
func (r Row) Arity() int { return len(r.types) }

// Types returns the field types.
func (r Row) Types() []types.DataType { return r.types }

// Data returns the row bytes.
func (r Row) Data() []byte { return r.data }

// Kind returns the row kind byte, validated.
func (r Row) Kind() (types.RowKind, error) {
	k, err := types.ParseRowKind(int8(r.data[0]))
	if err != nil {
		return 0, fmt.Errorf("binaryrow: %w", err)
	}
	return k, nil
}

// IsNull reports whether field pos is null.
func (r Row) IsNull(pos int) bool {
	i := pos + headerBits
	return r.data[i>>3]&(1<<(i&7)) != 0
}

func (r Row) slot(pos int) uint64 {
	return binary.LittleEndian.Uint64(r.data[r.nullBytes+8*pos:])
}

// Bool reads a BOOLEAN (any non-zero byte is true, as in Java).
func (r Row) Bool(pos int) bool { return r.data[r.nullBytes+8*pos] != 0 }

// Int8 reads a TINYINT.
func (r Row) Int8(pos int) int8 { return int8(r.data[r.nullBytes+8*pos]) }

// Int16 reads a SMALLINT.
func (r Row) Int16(pos int) int16 { return int16(r.slot(pos)) }

// Int32 reads an INT, DATE or TIME.
func (r Row) Int32(pos int) int32 { return int32(r.slot(pos)) }

// Int64 reads a BIGINT (or the raw slot of a compact DECIMAL / TIMESTAMP).
func (r Row) Int64(pos int) int64 { return int64(r.slot(pos)) }

// Float32 reads a FLOAT.
func (r Row) Float32(pos int) float32 { return math.Float32frombits(uint32(r.slot(pos))) }

// Float64 reads a DOUBLE.
func (r Row) Float64(pos int) float64 { return math.Float64frombits(r.slot(pos)) }

// varPart returns data[off:off+n] after checking that it lies after the fixed
// part and inside the row.
func (r Row) varPart(pos int, off, n uint64) ([]byte, error) {
	fixed := uint64(r.nullBytes + 8*len(r.types))
	if off < fixed || off > uint64(len(r.data)) || n > uint64(len(r.data))-off {
		return nil, fmt.Errorf("binaryrow: field %d: variable part [%d, +%d) outside row of %d bytes (fixed part %d)", pos, off, n, len(r.data), fixed)
	}
	return r.data[off : off+n], nil
}

// Bytes reads a CHAR, VARCHAR, BINARY or VARBINARY value, aliasing the row.
func (r Row) Bytes(pos int) ([]byte, error) {
	v := r.slot(pos)
	if v>>63 != 0 {
		n := int(v >> 56 & 0x7f)
		if n > maxInline {
			return nil, fmt.Errorf("binaryrow: field %d: inline length %d exceeds %d", pos, n, maxInline)
		}
		s := r.nullBytes + 8*pos
		return r.data[s : s+n], nil
	}
	return r.varPart(pos, v>>32, v&0xffffffff)
}

// String reads a CHAR or VARCHAR value as a Go string (a copy).
func (r Row) String(pos int) (string, error) {
	b, err := r.Bytes(pos)
	return string(b), err
}

// Decimal reads a DECIMAL value.
func (r Row) Decimal(pos int) (types.Decimal, error) {
	v := r.slot(pos)
	if r.types[pos].IsCompactDecimal() {
		return types.DecimalFromInt64(int64(v)), nil
	}
	n := v & 0xffffffff
	if n == 0 || n > 16 {
		return types.Decimal{}, fmt.Errorf("binaryrow: field %d: decimal of %d bytes (want 1..16)", pos, n)
	}
	b, err := r.varPart(pos, v>>32, n)
	if err != nil {
		return types.Decimal{}, err
	}
	d, err := types.DecimalFromBigEndian(b)
	if err != nil {
		return types.Decimal{}, fmt.Errorf("binaryrow: field %d: %w", pos, err)
	}
	return d, nil
}

// Timestamp reads a TIMESTAMP or TIMESTAMP_LTZ value.
func (r Row) Timestamp(pos int) (types.Timestamp, error) {
	v := r.slot(pos)
	if r.types[pos].IsCompactTimestamp() {
		return types.Timestamp{Millis: int64(v)}, nil
	}
	nano := v & 0xffffffff
	if nano > 999_999 {
		return types.Timestamp{}, fmt.Errorf("binaryrow: field %d: nano-of-millisecond %d exceeds 999999", pos, nano)
	}
	b, err := r.varPart(pos, v>>32, 8)
	if err != nil {
		return types.Timestamp{}, err
	}
	return types.Timestamp{Millis: int64(binary.LittleEndian.Uint64(b)), NanoOfMilli: int32(nano)}, nil
}

// Value returns field pos as a scalar in the representation documented in
// package types (nil for null; strings as string, binaries as a copied []byte).
func (r Row) Value(pos int) (any, error) {
	if pos < 0 || pos >= len(r.types) {
		return nil, fmt.Errorf("binaryrow: field %d out of range (arity %d)", pos, len(r.types))
	}
	if r.IsNull(pos) {
		return nil, nil
	}
	switch kindOf(r.types[pos]) {
	case kindBool:
		return r.Bool(pos), nil
	case kindI8:
		return r.Int8(pos), nil
	case kindI16:
		return r.Int16(pos), nil
	case kindI32:
		return r.Int32(pos), nil
	case kindI64:
		return r.Int64(pos), nil
	case kindF32:
		return r.Float32(pos), nil
	case kindF64:
		return r.Float64(pos), nil
	case kindDecCompact, kindDecWide:
		return r.Decimal(pos)
	case kindTSCompact, kindTSWide:
		return r.Timestamp(pos)
	case kindBytes:
		b, err := r.Bytes(pos)
		if err != nil {
			return nil, err
		}
		if r.types[pos].IsString() {
			return string(b), nil
		}
		return append([]byte{}, b...), nil
	}
	return nil, fmt.Errorf("binaryrow: field %d: type %s is not supported", pos, r.types[pos])
}

// Values returns every field as a scalar (see Value).
func (r Row) Values() ([]any, error) {
	out := make([]any, len(r.types))
	for i := range out {
		v, err := r.Value(i)
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}

// Decode reads a row of the given field types into scalars.
func Decode(fieldTypes []types.DataType, data []byte) ([]any, error) {
	r, err := NewRow(fieldTypes, data)
	if err != nil {
		return nil, err
	}
	return r.Values()
}
