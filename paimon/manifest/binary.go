package manifest

import (
	"errors"
	"fmt"
	"math"
)

// errTruncated is returned when Avro binary data ends in the middle of a value.
var errTruncated = errors.New("unexpected end of data")

// binReader reads Avro binary encoding from a byte slice with bounds checks.
type binReader struct {
	buf []byte
	pos int
}

func (r *binReader) remaining() int { return len(r.buf) - r.pos }

// long reads a zig-zag varint of at most 10 bytes.
func (r *binReader) long() (int64, error) {
	var u uint64
	for shift := uint(0); ; shift += 7 {
		if shift >= 70 {
			return 0, errors.New("varint overflows a long")
		}
		if r.pos >= len(r.buf) {
			return 0, errTruncated
		}
		b := r.buf[r.pos]
		r.pos++
		u |= uint64(b&0x7f) << shift
		if b < 0x80 {
			break
		}
	}
	return int64(u>>1) ^ -int64(u&1), nil
}

// int reads a zig-zag varint that must fit in 32 bits.
func (r *binReader) int() (int32, error) {
	v, err := r.long()
	if err != nil {
		return 0, err
	}
	if v < math.MinInt32 || v > math.MaxInt32 {
		return 0, fmt.Errorf("int value %d out of range", v)
	}
	return int32(v), nil
}

// fixed returns the next n bytes (aliasing the buffer).
func (r *binReader) fixed(n int) ([]byte, error) {
	if n < 0 || n > r.remaining() {
		return nil, errTruncated
	}
	b := r.buf[r.pos : r.pos+n : r.pos+n]
	r.pos += n
	return b, nil
}

// bytes reads a length-prefixed byte string and returns a copy (never nil).
func (r *binReader) bytes() ([]byte, error) {
	n, err := r.long()
	if err != nil {
		return nil, err
	}
	if n < 0 || n > int64(r.remaining()) {
		return nil, fmt.Errorf("invalid bytes length %d (%d bytes left)", n, r.remaining())
	}
	b, _ := r.fixed(int(n))
	return append(make([]byte, 0, n), b...), nil
}

func (r *binReader) string() (string, error) {
	n, err := r.long()
	if err != nil {
		return "", err
	}
	if n < 0 || n > int64(r.remaining()) {
		return "", fmt.Errorf("invalid string length %d (%d bytes left)", n, r.remaining())
	}
	b, _ := r.fixed(int(n))
	return string(b), nil
}

// blockCount reads an array/map block header. A negative count is followed by
// the block's byte size, which is read and ignored.
func (r *binReader) blockCount() (int64, error) {
	n, err := r.long()
	if err != nil {
		return 0, err
	}
	if n < 0 {
		if n == math.MinInt64 {
			return 0, errors.New("invalid block count")
		}
		n = -n
		if _, err := r.long(); err != nil {
			return 0, err
		}
	}
	return n, nil
}

// binWriter appends Avro binary encoding to a byte slice.
type binWriter struct {
	buf []byte
}

func (w *binWriter) long(v int64) {
	u := uint64(v<<1) ^ uint64(v>>63)
	for u >= 0x80 {
		w.buf = append(w.buf, byte(u)|0x80)
		u >>= 7
	}
	w.buf = append(w.buf, byte(u))
}

func (w *binWriter) int(v int32) { w.long(int64(v)) }

func (w *binWriter) bytes(b []byte) {
	w.long(int64(len(b)))
	w.buf = append(w.buf, b...)
}

func (w *binWriter) string(s string) {
	w.long(int64(len(s)))
	w.buf = append(w.buf, s...)
}

// null writes the union branch index 0 of a ["null", T] union.
func (w *binWriter) null() { w.long(0) }

// some writes the union branch index 1 of a ["null", T] union; the value follows.
func (w *binWriter) some() { w.long(1) }

func (w *binWriter) optLong(v *int64) {
	if v == nil {
		w.null()
		return
	}
	w.some()
	w.long(*v)
}

func (w *binWriter) optInt(v *int32) {
	if v == nil {
		w.null()
		return
	}
	w.some()
	w.int(*v)
}

func (w *binWriter) optString(v *string) {
	if v == nil {
		w.null()
		return
	}
	w.some()
	w.string(*v)
}

// stringArray writes array<string> as Java does: one block with all items,
// then the terminating zero count (just the zero for an empty array).
func (w *binWriter) stringArray(items []string) {
	if len(items) > 0 {
		w.long(int64(len(items)))
		for _, s := range items {
			w.string(s)
		}
	}
	w.long(0)
}
