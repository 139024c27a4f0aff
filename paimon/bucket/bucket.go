package bucket

// Of returns the bucket of a key hash among numBuckets buckets: Java's
// Math.abs(hash % numBuckets). numBuckets must be non-zero (Java would throw);
// Of returns 0 for 0 so it never panics, and callers validate the bucket
// option up front (NewKeyHasher and Bucket reject numBuckets < 1).
func Of(hash int32, numBuckets int) int {
	if numBuckets == 0 {
		return 0
	}
	r := int64(hash) % int64(numBuckets) // same as Java's int remainder for |numBuckets| < 2^31
	if r < 0 {
		r = -r
	}
	return int(r)
}
