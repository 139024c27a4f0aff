package binaryrow

import (
	"encoding/binary"
	"fmt"
)

// Serialize returns the manifest form of a row (Java's
// SerializationUtils.serializeBinaryRow): its arity as a 4-byte big-endian int
// followed by the row bytes. The result is a new slice.
func Serialize(arity int, row []byte) []byte {
	out := make([]byte, 4+len(row))
	binary.BigEndian.PutUint32(out, uint32(arity))
	copy(out[4:], row)
	return out
}

// Deserialize splits the manifest form of a row into its arity and row bytes
// (aliasing b), checking that the row holds at least its fixed part.
func Deserialize(b []byte) (arity int, row []byte, err error) {
	if len(b) < 4 {
		return 0, nil, fmt.Errorf("binaryrow: serialized row of %d bytes lacks the 4-byte arity", len(b))
	}
	a := int32(binary.BigEndian.Uint32(b))
	if a < 0 {
		return 0, nil, fmt.Errorf("binaryrow: serialized row has negative arity %d", a)
	}
	row = b[4:]
	// Every field needs at least its 8-byte slot; checking that first keeps
	// FixedSize from overflowing on a corrupt arity.
	if int64(a) > int64(len(row)) || len(row) < FixedSize(int(a)) {
		return 0, nil, fmt.Errorf("binaryrow: serialized row of arity %d has only %d bytes", a, len(row))
	}
	return int(a), row, nil
}

// EmptyRow returns the serialized empty row (arity 0, 8 zero bytes), which
// Paimon writes as the partition of unpartitioned tables.
func EmptyRow() []byte {
	return Serialize(0, make([]byte, FixedSize(0)))
}
