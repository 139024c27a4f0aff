package deletionvector

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"math"

	"github.com/RoaringBitmap/roaring/v2"
)

// Deletion-vector index file constants (Java DeletionVectorsIndexFile,
// BitmapDeletionVector, Bitmap64DeletionVector).
const (
	// FileVersion is the first byte of every deletion-vector index file.
	FileVersion byte = 1
	// Magic32 starts a 32-bit vector (written big-endian).
	Magic32 int32 = 1581511376
	// Magic64 starts a 64-bit vector (written little-endian).
	Magic64 int32 = 1681511377
)

// Range locates one vector in an index file; it is what the index manifest
// records per data file in _DELETIONS_VECTORS_RANGES (f1, f2, _CARDINALITY).
type Range struct {
	// Offset is the byte offset of the vector's size field.
	Offset int32
	// Length is Java's recorded length: the size field's value (magic +
	// bitmap bytes) for 32-bit vectors, the whole serialized vector (size
	// field + magic + bitmap + CRC) for 64-bit vectors.
	Length int32
	// Cardinality is the number of deleted positions.
	Cardinality int64
}

// EncodeFile writes a deletion-vector index file holding vectors in order,
// with 32-bit bitmaps (Java's default BitmapDeletionVector), and returns the
// range of each vector. Positions above math.MaxInt32 are rejected, as Java does.
func EncodeFile(vectors []*Vector) ([]byte, []Range, error) {
	return encodeFile(vectors, false)
}

// EncodeFile64 is EncodeFile for deletion-vectors.bitmap64=true tables
// (Java Bitmap64DeletionVector).
func EncodeFile64(vectors []*Vector) ([]byte, []Range, error) {
	return encodeFile(vectors, true)
}

func encodeFile(vectors []*Vector, bitmap64 bool) ([]byte, []Range, error) {
	out := []byte{FileVersion}
	ranges := make([]Range, 0, len(vectors))
	for i, v := range vectors {
		start := len(out)
		var err error
		if bitmap64 {
			out, err = appendVector64(out, v)
		} else {
			out, err = appendVector32(out, v)
		}
		if err != nil {
			return nil, nil, fmt.Errorf("encoding deletion vector %d: %w", i, err)
		}
		if len(out) > math.MaxInt32 {
			return nil, nil, errors.New("deletion-vector index file exceeds 2 GB")
		}
		size := int32(binary.BigEndian.Uint32(out[start:]))
		length := size
		if bitmap64 {
			length = size + 8
		}
		ranges = append(ranges, Range{Offset: int32(start), Length: length, Cardinality: v.Cardinality()})
	}
	return out, ranges, nil
}

// appendVector32 appends size | magic BE | portable bitmap | CRC.
func appendVector32(dst []byte, v *Vector) ([]byte, error) {
	if v.Max() > math.MaxInt32 {
		return nil, fmt.Errorf("%w: %d exceeds the 32-bit bitmap limit %d (use EncodeFile64)", ErrPosition, v.Max(), math.MaxInt32)
	}
	start := len(dst)
	dst = append(dst, 0, 0, 0, 0) // size, filled below
	dst = binary.BigEndian.AppendUint32(dst, uint32(Magic32))
	var bm *roaring.Bitmap // positions ≤ MaxInt32 all have key 0
	if !v.IsEmpty() {
		bm = v.parts[0].bm
	}
	dst, err := appendBitmap32(dst, bm)
	if err != nil {
		return nil, err
	}
	return finishVector(dst, start)
}

// appendVector64 appends size | magic LE | count, (key, portable bitmap)... | CRC.
func appendVector64(dst []byte, v *Vector) ([]byte, error) {
	start := len(dst)
	dst = append(dst, 0, 0, 0, 0)
	dst = binary.LittleEndian.AppendUint32(dst, uint32(Magic64))
	dst, err := appendBitmap64(dst, v)
	if err != nil {
		return nil, err
	}
	return finishVector(dst, start)
}

// finishVector fills in the size field at start and appends the CRC32 of
// the magic and bitmap bytes.
func finishVector(dst []byte, start int) ([]byte, error) {
	size := len(dst) - start - 4
	if size > math.MaxInt32-8 {
		return nil, errors.New("deletion vector exceeds 2 GB")
	}
	binary.BigEndian.PutUint32(dst[start:], uint32(size))
	return binary.BigEndian.AppendUint32(dst, crc32.ChecksumIEEE(dst[start+4:])), nil
}

// ReadVector decodes the vector at (offset, length) of a deletion-vector
// index file, as recorded in the index manifest, checking the file version,
// the recorded length, the magic number and the CRC. Both the 32-bit and the
// 64-bit (bitmap64) layouts are accepted.
func ReadVector(data []byte, offset, length int32) (*Vector, error) {
	if len(data) == 0 || data[0] != FileVersion {
		return nil, errors.New("not a deletion-vector index file (missing version byte 1)")
	}
	if offset < 1 || int(offset) > len(data) {
		return nil, fmt.Errorf("deletion vector offset %d outside the %d-byte file", offset, len(data))
	}
	v, _, _, err := readOne(data[offset:], length)
	if err != nil {
		return nil, fmt.Errorf("deletion vector at offset %d: %w", offset, err)
	}
	return v, nil
}

// ParseVector decodes one vector from b, the bytes of an index file starting
// at a range's Offset (for ranged reads of large files: read Length+8 bytes,
// which covers both layouts; extra trailing bytes are ignored). It checks
// the recorded length, the magic number and the CRC like ReadVector.
func ParseVector(b []byte, length int32) (*Vector, error) {
	v, _, _, err := readOne(b, length)
	if err != nil {
		return nil, fmt.Errorf("deletion vector: %w", err)
	}
	return v, nil
}

// ReadAll decodes every vector of a deletion-vector index file in order and
// returns them with their ranges.
func ReadAll(data []byte) ([]*Vector, []Range, error) {
	if len(data) == 0 || data[0] != FileVersion {
		return nil, nil, errors.New("not a deletion-vector index file (missing version byte 1)")
	}
	var vectors []*Vector
	var ranges []Range
	for pos := 1; pos < len(data); {
		v, n, is64, err := readOne(data[pos:], -1)
		if err != nil {
			return nil, nil, fmt.Errorf("deletion vector at offset %d: %w", pos, err)
		}
		length := int32(n - 8) // 32-bit: the size field's value
		if is64 {
			length = int32(n) // 64-bit: the whole serialized vector
		}
		vectors = append(vectors, v)
		ranges = append(ranges, Range{Offset: int32(pos), Length: length, Cardinality: v.Cardinality()})
		pos += n
	}
	return vectors, ranges, nil
}

// readOne decodes one serialized vector at the start of data and returns it
// with the number of bytes it occupies and whether it is a 64-bit vector.
// length < 0 skips the length check.
func readOne(data []byte, length int32) (v *Vector, total int, is64 bool, err error) {
	if len(data) < 8 {
		return nil, 0, false, errors.New("truncated size and magic")
	}
	size := int64(int32(binary.BigEndian.Uint32(data)))
	if size < 4 || size+8 > int64(len(data)) {
		return nil, 0, false, fmt.Errorf("invalid size %d (%d bytes available)", size, len(data))
	}
	body := data[4 : 4+size] // magic + bitmap
	total = int(size) + 8
	if want, got := binary.BigEndian.Uint32(data[4+size:]), crc32.ChecksumIEEE(body); want != got {
		return nil, 0, false, fmt.Errorf("CRC mismatch: stored %#08x, computed %#08x", want, got)
	}
	switch {
	case int32(binary.BigEndian.Uint32(body)) == Magic32:
		if length >= 0 && int64(length) != size {
			return nil, 0, false, fmt.Errorf("size %d does not match the recorded length %d", size, length)
		}
		bm, n, err := readBitmap32(body[4:])
		if err != nil {
			return nil, 0, false, err
		}
		if n != len(body)-4 {
			return nil, 0, false, fmt.Errorf("%d trailing bytes after the bitmap", len(body)-4-n)
		}
		v = New()
		if !bm.IsEmpty() {
			v.parts = []part{{key: 0, bm: bm}}
		}
	case int32(binary.LittleEndian.Uint32(body)) == Magic64:
		if length >= 0 && int64(length) != size+8 {
			return nil, 0, false, fmt.Errorf("size %d does not match the recorded length %d (64-bit vectors record size+8)", size, length)
		}
		if v, err = parseBitmap64(body[4:]); err != nil {
			return nil, 0, false, err
		}
		is64 = true
	default:
		return nil, 0, false, fmt.Errorf("invalid magic number %#08x", binary.BigEndian.Uint32(body))
	}
	return v, total, is64, nil
}
