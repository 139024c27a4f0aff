package hashindex

import (
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
)

// ErrCorrupt marks a HASH index file that cannot be decoded; check with errors.Is.
var ErrCorrupt = errors.New("corrupt hash index file")

// Encode appends the HASH index file holding hashes to dst and returns it.
func Encode(dst []byte, hashes []int32) []byte {
	dst = slices.Grow(dst, 4*len(hashes))
	for _, h := range hashes {
		dst = binary.BigEndian.AppendUint32(dst, uint32(h))
	}
	return dst
}

// Decode appends the hashes of a HASH index file to dst and returns it. A
// size that is not a multiple of 4 is ErrCorrupt (Java stops silently at a
// partial trailing hash; Weir reports the truncation).
func Decode(dst []int32, data []byte) ([]int32, error) {
	if len(data)%4 != 0 {
		return dst, fmt.Errorf("%w: %d bytes is not a whole number of 4-byte hashes", ErrCorrupt, len(data))
	}
	dst = slices.Grow(dst, len(data)/4)
	for i := 0; i < len(data); i += 4 {
		dst = append(dst, int32(binary.BigEndian.Uint32(data[i:])))
	}
	return dst, nil
}
