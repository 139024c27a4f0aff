package binaryrow

import (
	"encoding/binary"
	"math"
	"slices"

	"github.com/weir-data/weir/types"
)

// Writer builds BinaryRows of a fixed schema. It is reusable: after Reset the
// previous row's memory is kept, so steady-state writing does not allocate.
//
// Usage: Reset, optionally SetRowKind, then write every field once with
// SetNull or the setter matching its type, in ascending field order, then
// Bytes. Fixed-width fields may be written in any order, but fields that use
// the variable part (strings and binaries longer than 7 bytes, DECIMAL with
// precision > 18 and TIMESTAMP with precision > 3, including their nulls)
// append to it in call order; Java writes fields in order, so writing them in
// field order is what makes the output byte-identical to Java's. Each field
// must be written at most once per row.
//
// The typed setters trust the caller: pos must be in range and the setter must
// match the field's type (a mismatch panics on a bad pos or writes a
// wrong-width value, as Java's writer would). WriteValue and WriteFromVector
// validate and return errors instead.
type Writer struct {
	types     []types.DataType
	kinds     []slotKind
	nullBytes int
	fixed     int
	buf       []byte
}

// NewWriter returns a writer for rows of the given field types, ready to write
// the first row (no Reset needed). Fields of unsupported (nested) types can
// only be set to null; WriteValue reports them as errors (see CheckTypes).
func NewWriter(fieldTypes []types.DataType) *Writer {
	w := &Writer{
		types:     slices.Clone(fieldTypes),
		kinds:     make([]slotKind, len(fieldTypes)),
		nullBytes: NullBitsSize(len(fieldTypes)),
		fixed:     FixedSize(len(fieldTypes)),
	}
	for i, t := range fieldTypes {
		w.kinds[i] = kindOf(t)
	}
	w.buf = make([]byte, w.fixed, w.fixed+64)
	return w
}

// Arity returns the number of fields.
func (w *Writer) Arity() int { return len(w.kinds) }

// Types returns the field types (do not modify).
func (w *Writer) Types() []types.DataType { return w.types }

// Reset starts a new row: row kind +I, no nulls, empty variable part.
func (w *Writer) Reset() {
	w.buf = w.buf[:w.fixed]
	clear(w.buf)
}

// Bytes returns the row written so far. It aliases the writer's buffer and is
// valid until the next Reset or write; copy it to keep it.
func (w *Writer) Bytes() []byte { return w.buf }

// SetRowKind sets the row kind byte (keys, partitions and statistics use +I).
func (w *Writer) SetRowKind(k types.RowKind) { w.buf[0] = byte(k) }

// SetNull marks field pos null the way Java's null setter does: the slot is
// zeroed, except that non-compact DECIMAL and TIMESTAMP fields still reserve
// their variable-part bytes (16 and 8, zeroed) and keep the offset in the slot.
func (w *Writer) SetNull(pos int) {
	w.setNullBit(pos)
	switch w.kinds[pos] {
	case kindDecWide:
		w.setOffsetAndSize(pos, w.grow(16), 0)
	case kindTSWide:
		w.setOffsetAndSize(pos, w.grow(8), 0)
	default:
		w.putSlot(pos, 0)
	}
}

// WriteBool writes a BOOLEAN.
func (w *Writer) WriteBool(pos int, v bool) {
	var b byte
	if v {
		b = 1
	}
	w.buf[w.slot(pos)] = b
}

// WriteInt8 writes a TINYINT.
func (w *Writer) WriteInt8(pos int, v int8) { w.buf[w.slot(pos)] = byte(v) }

// WriteInt16 writes a SMALLINT.
func (w *Writer) WriteInt16(pos int, v int16) {
	binary.LittleEndian.PutUint16(w.buf[w.slot(pos):], uint16(v))
}

// WriteInt32 writes an INT, DATE (epoch days) or TIME (milliseconds of the day).
func (w *Writer) WriteInt32(pos int, v int32) {
	binary.LittleEndian.PutUint32(w.buf[w.slot(pos):], uint32(v))
}

// WriteInt64 writes a BIGINT (or a compact DECIMAL's unscaled value, or a
// compact TIMESTAMP's epoch millis).
func (w *Writer) WriteInt64(pos int, v int64) { w.putSlot(pos, uint64(v)) }

// WriteFloat32 writes a FLOAT (raw IEEE bits, as Java's putFloat).
func (w *Writer) WriteFloat32(pos int, v float32) {
	binary.LittleEndian.PutUint32(w.buf[w.slot(pos):], math.Float32bits(v))
}

// WriteFloat64 writes a DOUBLE (raw IEEE bits).
func (w *Writer) WriteFloat64(pos int, v float64) { w.putSlot(pos, math.Float64bits(v)) }

// WriteBytes writes a CHAR, VARCHAR (UTF-8 bytes), BINARY or VARBINARY value:
// inline when at most 7 bytes, otherwise in the variable part padded to 8.
func (w *Writer) WriteBytes(pos int, b []byte) {
	if len(b) <= maxInline {
		s := w.slot(pos)
		slot := w.buf[s : s+8]
		clear(slot)
		copy(slot, b)
		slot[7] = 0x80 | byte(len(b))
		return
	}
	off := w.grow(roundToWord(len(b)))
	copy(w.buf[off:], b)
	w.setOffsetAndSize(pos, off, uint32(len(b)))
}

// WriteString writes a CHAR or VARCHAR value given as a Go string (its bytes
// are taken as UTF-8); it is WriteBytes without the conversion.
func (w *Writer) WriteString(pos int, s string) {
	if len(s) <= maxInline {
		o := w.slot(pos)
		slot := w.buf[o : o+8]
		clear(slot)
		copy(slot, s)
		slot[7] = 0x80 | byte(len(s))
		return
	}
	off := w.grow(roundToWord(len(s)))
	copy(w.buf[off:], s)
	w.setOffsetAndSize(pos, off, uint32(len(s)))
}

// WriteDecimal writes a DECIMAL whose unscaled value fits the field's
// precision: compact (p <= 18) as an int64 in the slot, otherwise as Java's
// minimal big-endian two's-complement bytes in 16 reserved bytes.
func (w *Writer) WriteDecimal(pos int, d types.Decimal) {
	if w.kinds[pos] != kindDecWide {
		w.putSlot(pos, uint64(d.Int64()))
		return
	}
	var tmp [16]byte
	b := unscaledBytes(&tmp, d)
	off := w.grow(16)
	copy(w.buf[off:], b)
	w.setOffsetAndSize(pos, off, uint32(len(b)))
}

// WriteTimestamp writes a TIMESTAMP or TIMESTAMP_LTZ: compact (p <= 3) as
// epoch millis in the slot (nanos dropped), otherwise millis in the variable
// part and the nanos of the millisecond in the slot.
func (w *Writer) WriteTimestamp(pos int, ts types.Timestamp) {
	if w.kinds[pos] != kindTSWide {
		w.putSlot(pos, uint64(ts.Millis))
		return
	}
	off := w.grow(8)
	binary.LittleEndian.PutUint64(w.buf[off:], uint64(ts.Millis))
	w.setOffsetAndSize(pos, off, uint32(ts.NanoOfMilli))
}

func (w *Writer) slot(pos int) int { return w.nullBytes + 8*pos }

func (w *Writer) putSlot(pos int, v uint64) {
	binary.LittleEndian.PutUint64(w.buf[w.slot(pos):], v)
}

func (w *Writer) setNullBit(pos int) {
	i := pos + headerBits
	w.buf[i>>3] |= 1 << (i & 7)
}

func (w *Writer) setOffsetAndSize(pos, off int, size uint32) {
	w.putSlot(pos, uint64(off)<<32|uint64(size))
}

// grow appends n zero bytes to the variable part and returns their offset.
func (w *Writer) grow(n int) int {
	off := len(w.buf)
	w.buf = slices.Grow(w.buf, n)[:off+n]
	clear(w.buf[off:])
	return off
}
