// Package deletionvector reads and writes Apache Paimon deletion-vector index
// files (docs/paimon-format.md §10.2): the files under a table's index/
// directory registered in the index manifest with type DELETION_VECTORS.
//
// File layout: one version byte (1), then one serialized vector per data
// file, located by the (offset, length) pairs of the index manifest's
// _DELETIONS_VECTORS_RANGES:
//
//	32-bit (BitmapDeletionVector, default):
//	  int32 BE size = 4 + len(bitmap) | int32 BE magic 1581511376 |
//	  32-bit RoaringBitmap, portable serialization (little-endian) |
//	  int32 BE CRC32 of magic+bitmap.            range length = size
//	64-bit (Bitmap64DeletionVector, deletion-vectors.bitmap64=true):
//	  int32 BE size = 4 + len(bitmap) | int32 LE magic 1681511377 |
//	  int64 LE bitmap count, then per bitmap int32 LE key (high 32 bits of
//	  the positions) + 32-bit portable RoaringBitmap |
//	  int32 BE CRC32 of magic+bitmap.            range length = size + 8
//
// Bit i set means row position i of the data file is deleted.
//
// The RoaringBitmap portable format is implemented here (roaring.go) rather
// than with github.com/RoaringBitmap/roaring/v2: that module cannot be
// imported without a go.mod change in this tree. The encoder chooses
// containers the way Java's RoaringBitmap does after runOptimize() (Java
// serializes only after runOptimize), so bitmaps built by Add produce the
// bytes Java writes.
package deletionvector
