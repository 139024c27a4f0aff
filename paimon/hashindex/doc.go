// Package hashindex holds Paimon's dynamic-bucket hash index ('bucket' =
// '-1' on primary-key tables): the HASH index file format and the
// per-partition key-hash → bucket assignment.
//
// A HASH index file (index/index-<uuid>-<n>, index type "HASH" in the index
// manifest) lists the key hashes of one (partition, bucket): each hash is the
// BinaryRow hash of the trimmed primary key (binaryrow.Hash, as Java's
// BinaryRow.hashCode), written as a big-endian int32 with no header, count or
// checksum (Java's HashIndexFile over IntFileUtils):
//
//	+----------------+----------------+-----+----------------+
//	| hash 0 (int32) | hash 1 (int32) | ... | hash n-1       |   n = _ROW_COUNT
//	+----------------+----------------+-----+----------------+   size = 4·n bytes
//
// PartitionIndex assigns buckets as Java's PartitionIndex and
// HashBucketAssigner do: a key hash seen before keeps its bucket; a new one
// goes to the first bucket (ascending id) holding fewer than
// dynamic-bucket.target-row-num hashes; when every bucket is full a new one
// is opened, up to dynamic-bucket.max-buckets, after which new keys go to a
// random existing bucket.
package hashindex
