package binaryrow

import "github.com/weir-data/weir/types"

// unscaledBytes writes Java's BigInteger.toByteArray of d's unscaled value
// (minimal two's-complement big-endian, at least one byte) into buf and
// returns the used tail of buf. It does not allocate.
func unscaledBytes(buf *[16]byte, d types.Decimal) []byte {
	for i := 0; i < 8; i++ {
		buf[i] = byte(uint64(d.Hi) >> (56 - 8*i))
		buf[8+i] = byte(d.Lo >> (56 - 8*i))
	}
	i := 0
	for i < 15 {
		if (buf[i] == 0x00 && buf[i+1]&0x80 == 0) || (buf[i] == 0xff && buf[i+1]&0x80 != 0) {
			i++
			continue
		}
		break
	}
	return buf[i:]
}
