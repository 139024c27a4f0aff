package deletionvector

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math"

	"github.com/RoaringBitmap/roaring/v2"
)

// appendBitmap32 appends the portable serialization of the 32-bit bitmap bm
// (nil for an empty one). The bytes are those Java writes: Java serializes
// only after runOptimize(), and the library's RunOptimize picks containers
// by the same rule (array up to 4096 values else bitmap, replaced by a run
// container when that is strictly smaller). bm itself is not changed.
func appendBitmap32(dst []byte, bm *roaring.Bitmap) ([]byte, error) {
	if bm == nil {
		bm = roaring.New()
	} else {
		bm = bm.Clone()
	}
	bm.RunOptimize()
	buf := bytes.NewBuffer(dst)
	if _, err := bm.WriteTo(buf); err != nil {
		return nil, fmt.Errorf("serialize roaring bitmap: %w", err)
	}
	return buf.Bytes(), nil
}

// readBitmap32 decodes one portable 32-bit bitmap from the start of data and
// returns it with the number of bytes it occupies. The bitmap is validated
// (keys and array values ascending, run and bitmap containers consistent
// with their cardinalities), so a corrupt bitmap gives an error instead of a
// bitmap that answers queries wrongly. The result does not alias data.
func readBitmap32(data []byte) (bm *roaring.Bitmap, n int, err error) {
	// The library checks lengths and counts while reading; recover anyway,
	// so that no input can panic through this package's API.
	defer func() {
		if r := recover(); r != nil {
			bm, n, err = nil, 0, fmt.Errorf("corrupt roaring bitmap: %v", r)
		}
	}()
	bm = roaring.New()
	read, err := bm.ReadFrom(bytes.NewReader(data))
	if err != nil {
		return nil, 0, fmt.Errorf("read roaring bitmap: %w", err)
	}
	if err := bm.Validate(); err != nil {
		return nil, 0, fmt.Errorf("invalid roaring bitmap: %w", err)
	}
	return bm, int(read), nil
}

// appendBitmap64 appends Java's 64-bit serialization of v (the RoaringBitmap
// format spec's 64-bit extension, as Java's RoaringBitmap64 writes it):
// int64 LE bitmap count, then per bitmap an int32 LE key and the portable
// 32-bit bitmap of the low halves. Java writes one bitmap for every key from
// 0 to the largest, empty ones included; roaring64.Bitmap.WriteTo writes
// only the non-empty ones, which is why this wrapper exists.
func appendBitmap64(dst []byte, v *Vector) ([]byte, error) {
	count := uint64(0)
	if !v.IsEmpty() {
		count = uint64(v.parts[len(v.parts)-1].key) + 1
	}
	const emptyBitmapBytes = 4 + 8 // key + cookie and container count
	if count > math.MaxInt32/emptyBitmapBytes {
		return nil, fmt.Errorf("%w: %d needs %d bitmaps, beyond the 2 GB vector limit", ErrPosition, v.Max(), count)
	}
	dst = binary.LittleEndian.AppendUint64(dst, count)
	next := 0 // index of the next non-empty part
	for key := range uint32(count) {
		var bm *roaring.Bitmap
		if next < len(v.parts) && v.parts[next].key == key {
			bm = v.parts[next].bm
			next++
		}
		dst = binary.LittleEndian.AppendUint32(dst, key)
		var err error
		if dst, err = appendBitmap32(dst, bm); err != nil {
			return nil, err
		}
	}
	return dst, nil
}

// parseBitmap64 parses Java's 64-bit serialization (see appendBitmap64),
// which must fill data exactly. Keys must ascend and stay below
// math.MaxInt32, Java's limit.
func parseBitmap64(data []byte) (*Vector, error) {
	if len(data) < 8 {
		return nil, errors.New("truncated 64-bit bitmap count")
	}
	count := int64(binary.LittleEndian.Uint64(data))
	pos := 8
	if count < 0 || count > int64(len(data)-pos)/12 {
		return nil, fmt.Errorf("invalid 64-bit bitmap count %d", count)
	}
	v := New()
	prev := int64(-1)
	for i := range count {
		if len(data)-pos < 4 {
			return nil, fmt.Errorf("bitmap %d: truncated key", i)
		}
		key := int64(int32(binary.LittleEndian.Uint32(data[pos:])))
		pos += 4
		if key < 0 || key <= prev || key >= math.MaxInt32 {
			return nil, fmt.Errorf("bitmap %d: invalid key %d", i, key)
		}
		prev = key
		bm, n, err := readBitmap32(data[pos:])
		if err != nil {
			return nil, fmt.Errorf("bitmap %d: %w", i, err)
		}
		pos += n
		if !bm.IsEmpty() {
			v.parts = append(v.parts, part{key: uint32(key), bm: bm})
		}
	}
	if pos != len(data) {
		return nil, fmt.Errorf("%d trailing bytes after the 64-bit bitmap", len(data)-pos)
	}
	return v, nil
}
