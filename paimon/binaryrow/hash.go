package binaryrow

import (
	"encoding/binary"
	"math/bits"
)

// HashSeed is the seed Paimon passes to MurmurHash3 for BinaryRow hashes.
const HashSeed = 42

// Hash returns BinaryRow.hashCode(): MurmurHash3_x86_32 with seed 42 over the
// whole row read as little-endian 4-byte words, finalised with the byte
// length. Rows are multiples of 8 bytes; a ragged tail (not produced by any
// writer) is hashed as if zero-padded to a word.
func Hash(row []byte) int32 {
	h := uint32(HashSeed)
	n := len(row)
	i := 0
	for ; i+4 <= n; i += 4 {
		h = mixH1(h, mixK1(binary.LittleEndian.Uint32(row[i:])))
	}
	if i < n {
		var tail [4]byte
		copy(tail[:], row[i:])
		h = mixH1(h, mixK1(binary.LittleEndian.Uint32(tail[:])))
	}
	return int32(fmix(h, uint32(n)))
}

func mixK1(k uint32) uint32 {
	k *= 0xcc9e2d51
	k = bits.RotateLeft32(k, 15)
	return k * 0x1b873593
}

func mixH1(h, k uint32) uint32 {
	h ^= k
	h = bits.RotateLeft32(h, 13)
	return h*5 + 0xe6546b64
}

func fmix(h, length uint32) uint32 {
	h ^= length
	h ^= h >> 16
	h *= 0x85ebca6b
	h ^= h >> 13
	h *= 0xc2b2ae35
	h ^= h >> 16
	return h
}
