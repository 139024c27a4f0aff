// Package binaryrow encodes and decodes Apache Paimon's BinaryRow, the compact
// row format Paimon uses for partitions, primary keys, bucket keys and the
// min/max statistics in manifests. Output is byte-identical to Java's
// BinaryRowWriter, which matters because bucket hashes and partition equality
// are computed over the raw bytes.
//
// Layout (all multi-byte values little-endian):
//
//	[header + null bits: W bytes][fixed slots: 8 bytes x arity][variable part, 8-byte aligned]
//	W = ((arity + 63 + 8) / 64) * 8
//
// Byte 0 is the RowKind; the null bit of field i is bit i+8 of the bit set.
// Slots hold fixed-width values directly, strings and binaries of at most 7
// bytes inline (byte 7 = 0x80|len), and (offset<<32 | size) for values in the
// variable part: longer strings/binaries, DECIMAL with precision > 18 (16
// reserved bytes) and TIMESTAMP with precision > 3 (8 bytes of epoch millis,
// the slot's low half holding the nanos of the millisecond). Null non-compact
// DECIMAL and TIMESTAMP fields still reserve their variable-part bytes and keep
// the offset in the slot, as Java does.
//
// Writer builds rows without per-row allocation; Row reads them with bounds
// checks (corrupt input yields errors, never panics). Serialize/Deserialize
// handle the 4-byte big-endian arity prefix used in manifests, and Hash is the
// MurmurHash3 (seed 42) that Paimon's bucketing uses.
package binaryrow
