// Package bucket assigns rows to the fixed hash buckets of a Paimon table
// (bucket = N > 0): the bucket key fields are written into a BinaryRow (row
// kind +I), the row is hashed with MurmurHash3_x86_32 seed 42
// (binaryrow.Hash), and the bucket is abs(hash % N) with Java's signed
// remainder (DefaultBucketFunction). KeyHasher does this for the rows of a
// columnar batch without per-row allocation.
package bucket
