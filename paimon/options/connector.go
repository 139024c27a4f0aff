package options

// Flink connector options that users put in the WITH clause of Paimon tables
// (Paimon's FlinkConnectorOptions), and legacy keys found in real scripts.
func init() {
	register(
		opt("scan.parallelism", Int, none, "Source parallelism.").connector(),
		opt("sink.parallelism", Int, none, "Sink parallelism.").connector(),
		opt("scan.infer-parallelism", Bool, "true", "Infer the source parallelism from splits.").connector(),
		opt("scan.infer-parallelism.max", Int, "1024", "Upper bound of inferred source parallelism.").connector(),
		opt("scan.push-down", Bool, "true", "Push filters and projections into the source.").connector(),
		opt("scan.remove-normalize", Bool, "false", "Drop the changelog-normalize step of streaming reads.").connector(),
		opt("scan.split-enumerator.batch-size", Int, "10", "Splits assigned per enumerator round.").connector(),
		opt("scan.watermark.emit.strategy", Enum, "on-event", "Watermark emit strategy.").enum("on-periodic", "on-event").connector(),
		opt("scan.watermark.alignment.group", String, none, "Watermark alignment group.").connector(),
		opt("scan.watermark.idle-timeout", Duration, none, "Idle source timeout for watermarks.").connector(),
		opt("streaming-read.shuffle-bucket-with-partition", Bool, "true", "Shuffle streaming splits by partition and bucket.").connector(),
		opt("source.checkpoint-align.enabled", Bool, "false", "Align snapshots with checkpoints.").connector(),
		opt("sink.use-managed-memory-allocator", Bool, "false", "Use Flink managed memory for writers.").connector(),
		opt("sink.managed.writer-buffer-memory", Memory, "256 mb", "Managed memory of writers.").connector(),
		opt("sink.savepoint.auto-tag", Bool, "false", "Create a tag for each savepoint.").connector(),
		opt("sink.cross-partition.managed-memory", Memory, "256 mb", "Managed memory of cross-partition upsert.").connector(),
		opt("sink.clustering.sample-factor", Int, "100", "Sample factor of range partitioning.").connector(),
		opt("sink.clustering.sort-in-cluster", Bool, "true", "Sort within each range partition.").connector(),
		opt("partition.idle-time-to-done", Duration, none, "Idle time after which a partition is marked done.").connector(),
		opt("partition.time-interval", Duration, none, "Interval of time-based partitions.").connector(),
		opt("lookup.async", Bool, "false", "Asynchronous lookup joins.").connector(),
		opt("lookup.async-thread-number", Int, "16", "Threads of asynchronous lookups.").connector(),
		opt("lookup.cache", Enum, "auto", "Lookup cache mode.").enum("auto", "full", "memory").connector(),
		opt("lookup.cache-rows", Long, "10000", "Rows cached by memory lookup caches.").connector(),
		opt("lookup.refresh.async", Bool, "false", "Refresh the lookup table asynchronously.").connector(),
		opt("lookup.refresh.async.pending-snapshot-count", Int, "5", "Pending snapshots forcing a synchronous refresh.").connector(),
		opt("lookup.refresh.time-periods-blacklist", String, none, "Periods without lookup refresh.").connector(),
		opt("lookup.bootstrap-parallelism", Int, "4", "Parallelism of lookup bootstrap.").connector(),
		opt("lookup.dynamic-partition", String, none, "Dynamic lookup partition, e.g. max_pt().").connector(),
		opt("lookup.dynamic-partition.refresh-interval", Duration, "1 h", "Refresh interval of the dynamic lookup partition.").connector(),
		opt("changelog-producer.compaction-interval", Duration, none,
			"Legacy (Table Store 0.3) interval of full compactions for changelog-producer=full-compaction; superseded by full-compaction.delta-commits. Accepted for old scripts.").connector().deprecated(),
		opt("log.system", String, "none", "Log system (legacy).").connector().deprecated(),
	)
}
