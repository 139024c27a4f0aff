package options

// DynamicBucketMaxBuckets returns dynamic-bucket.max-buckets (-1: unlimited).
func (o Options) DynamicBucketMaxBuckets() int { return o.int("dynamic-bucket.max-buckets") }

// DynamicBucketInitialBuckets returns dynamic-bucket.initial-buckets; ok
// false when unset.
func (o Options) DynamicBucketInitialBuckets() (int, bool) {
	return o.optInt("dynamic-bucket.initial-buckets")
}

// DynamicBucketAssignerParallelism returns dynamic-bucket.assigner-parallelism;
// ok false when unset.
func (o Options) DynamicBucketAssignerParallelism() (int, bool) {
	return o.optInt("dynamic-bucket.assigner-parallelism")
}
