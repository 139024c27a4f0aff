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
// Bitmaps are github.com/RoaringBitmap/roaring/v2 32-bit bitmaps. Before
// writing, a copy is run-optimized, which chooses containers by the rule
// Java's runOptimize() applies (Java serializes only after runOptimize), so
// vectors produce the bytes Java writes. The 64-bit layout is the RoaringBitmap
// spec's 64-bit extension, but Java writes an (empty) bitmap for every key
// below the largest while roaring64.Bitmap writes only non-empty ones, so
// this package keeps its own thin wrapper of one 32-bit bitmap per key
// (roaring.go) instead of using roaring64. Decoded bitmaps are validated
// (ascending keys and values, consistent cardinalities): corrupt input gives
// an error, never a panic or a bitmap that answers wrongly.
package deletionvector
