package options

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Options is a typed, read-only view of a table's options with Paimon's
// defaults and fallback keys applied. Build it with Parse.
type Options struct {
	m map[string]string
}

// Parse checks the values of every registered option (and the per-field
// families) in opts and returns the typed view. Unknown keys are not errors
// here; use Validate for a full check.
func Parse(opts map[string]string) (Options, error) {
	var errs []error
	m := make(map[string]string, len(opts))
	for k, v := range opts {
		m[k] = v
		o, ok := Lookup(k)
		if !ok {
			if rest, ok := strings.CutPrefix(k, "fields."); ok {
				if i := strings.LastIndexByte(rest, '.'); i > 0 {
					if fo, ok := FieldSuffixes[rest[i+1:]]; ok {
						o = &fo
					}
				}
			}
		}
		if o != nil {
			if err := CheckValue(o, v); err != nil {
				errs = append(errs, fmt.Errorf("option '%s': %w", k, err))
			}
		}
	}
	if len(errs) > 0 {
		return Options{}, errors.Join(errs...)
	}
	return Options{m: m}, nil
}

// Map returns a copy of the raw options.
func (o Options) Map() map[string]string {
	out := make(map[string]string, len(o.m))
	for k, v := range o.m {
		out[k] = v
	}
	return out
}

// Get returns the value of key: the value set under key or, for a registered
// option, under one of its fallback keys, else its default. ok is false when
// the option is unset and has no default.
func (o Options) Get(key string) (string, bool) {
	if v, ok := o.m[key]; ok {
		return v, true
	}
	opt, ok := Lookup(key)
	if !ok {
		return "", false
	}
	if v, ok := o.m[opt.Key]; ok {
		return v, true
	}
	for _, fb := range opt.FallbackKeys {
		if v, ok := o.m[fb]; ok {
			return v, true
		}
	}
	return opt.Default, opt.HasDefault
}

// Contains reports whether key (or one of its fallback keys) is set.
func (o Options) Contains(key string) bool {
	if _, ok := o.m[key]; ok {
		return true
	}
	if opt, ok := Lookup(key); ok {
		for _, fb := range opt.FallbackKeys {
			if _, ok := o.m[fb]; ok {
				return true
			}
		}
	}
	return false
}

// The typed getters below rely on Parse having validated the values; a value
// that does not parse yields the zero value.

func (o Options) str(key string) string { v, _ := o.Get(key); return v }

func (o Options) int(key string) int {
	v, _ := o.Get(key)
	n, _ := strconv.Atoi(strings.TrimSpace(v))
	return n
}

func (o Options) optInt(key string) (int, bool) {
	v, ok := o.Get(key)
	if !ok {
		return 0, false
	}
	n, err := strconv.Atoi(strings.TrimSpace(v))
	return n, err == nil
}

func (o Options) long(key string) (int64, bool) {
	v, ok := o.Get(key)
	if !ok {
		return 0, false
	}
	n, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
	return n, err == nil
}

func (o Options) bool(key string) bool { v, _ := o.Get(key); b, _ := ParseBool(v); return b }

func (o Options) duration(key string) (time.Duration, bool) {
	v, ok := o.Get(key)
	if !ok {
		return 0, false
	}
	d, err := ParseDuration(v)
	return d, err == nil
}

func (o Options) memory(key string) (int64, bool) {
	v, ok := o.Get(key)
	if !ok {
		return 0, false
	}
	n, err := ParseMemorySize(v)
	return n, err == nil
}

func (o Options) enum(key string) string {
	v, _ := o.Get(key)
	opt, _ := Lookup(key)
	if opt != nil {
		if a, ok := matchEnum(opt, v); ok {
			return a
		}
	}
	return strings.ToLower(v)
}

func (o Options) list(key string) []string { v, _ := o.Get(key); return SplitList(v) }

// Bucket returns the bucket option (-1 dynamic/unaware, -2 postpone, >0 fixed).
func (o Options) Bucket() int { return o.int("bucket") }

// BucketKey returns the bucket-key columns (nil when unset).
func (o Options) BucketKey() []string { return o.list("bucket-key") }

// FileFormat returns file.format in lower case.
func (o Options) FileFormat() string { return strings.ToLower(o.str("file.format")) }

// FileCompression returns file.compression.
func (o Options) FileCompression() string { return o.str("file.compression") }

// ZstdLevel returns file.compression.zstd-level.
func (o Options) ZstdLevel() int { return o.int("file.compression.zstd-level") }

// ManifestFormat returns manifest.format in lower case.
func (o Options) ManifestFormat() string { return strings.ToLower(o.str("manifest.format")) }

// ManifestCompression returns manifest.compression.
func (o Options) ManifestCompression() string { return o.str("manifest.compression") }

// ManifestTargetFileSize returns manifest.target-file-size in bytes.
func (o Options) ManifestTargetFileSize() int64 {
	n, _ := o.memory("manifest.target-file-size")
	return n
}

// ManifestFullCompactionThresholdSize returns manifest.full-compaction-threshold-size in bytes.
func (o Options) ManifestFullCompactionThresholdSize() int64 {
	n, _ := o.memory("manifest.full-compaction-threshold-size")
	return n
}

// ManifestMergeMinCount returns manifest.merge-min-count.
func (o Options) ManifestMergeMinCount() int { return o.int("manifest.merge-min-count") }

// TargetFileSize returns target-file-size in bytes; unset, Paimon uses 128 mb
// for primary-key tables and 256 mb for append tables.
func (o Options) TargetFileSize(hasPrimaryKey bool) int64 {
	if n, ok := o.memory("target-file-size"); ok {
		return n
	}
	if hasPrimaryKey {
		return 128 << 20
	}
	return 256 << 20
}

// WriteBufferSize returns write-buffer-size in bytes.
func (o Options) WriteBufferSize() int64 { n, _ := o.memory("write-buffer-size"); return n }

// PageSize returns page-size in bytes.
func (o Options) PageSize() int64 { n, _ := o.memory("page-size"); return n }

// NumSortedRunCompactionTrigger returns num-sorted-run.compaction-trigger.
func (o Options) NumSortedRunCompactionTrigger() int {
	return o.int("num-sorted-run.compaction-trigger")
}

// NumSortedRunStopTrigger returns num-sorted-run.stop-trigger, default
// compaction-trigger + 3, never below the compaction trigger.
func (o Options) NumSortedRunStopTrigger() int {
	trig := o.NumSortedRunCompactionTrigger()
	stop, ok := o.optInt("num-sorted-run.stop-trigger")
	if !ok {
		stop = trig + 3
	}
	return max(stop, trig)
}

// NumLevels returns num-levels, default compaction-trigger + 1.
func (o Options) NumLevels() int {
	if n, ok := o.optInt("num-levels"); ok {
		return n
	}
	return o.NumSortedRunCompactionTrigger() + 1
}

// MergeEngine returns merge-engine: deduplicate, partial-update, aggregation or first-row.
func (o Options) MergeEngine() string { return o.enum("merge-engine") }

// ChangelogProducer returns changelog-producer: none, input, full-compaction or lookup.
func (o Options) ChangelogProducer() string { return o.enum("changelog-producer") }

// ChangelogRowDeduplicate returns changelog-producer.row-deduplicate.
func (o Options) ChangelogRowDeduplicate() bool { return o.bool("changelog-producer.row-deduplicate") }

// DeletionVectorsEnabled returns deletion-vectors.enabled.
func (o Options) DeletionVectorsEnabled() bool { return o.bool("deletion-vectors.enabled") }

// DeletionVectorsBitmap64 returns deletion-vectors.bitmap64.
func (o Options) DeletionVectorsBitmap64() bool { return o.bool("deletion-vectors.bitmap64") }

// StatsMode returns metadata.stats-mode in lower case, e.g. "truncate(16)".
func (o Options) StatsMode() string {
	return strings.ToLower(strings.TrimSpace(o.str("metadata.stats-mode")))
}

// FieldStatsMode returns fields.<field>.stats-mode, else metadata.stats-mode.
func (o Options) FieldStatsMode(field string) string {
	if v, ok := o.m["fields."+field+".stats-mode"]; ok {
		return strings.ToLower(strings.TrimSpace(v))
	}
	return o.StatsMode()
}

// StatsDenseStore returns metadata.stats-dense-store.
func (o Options) StatsDenseStore() bool { return o.bool("metadata.stats-dense-store") }

// PartitionDefaultName returns partition.default-name.
func (o Options) PartitionDefaultName() string { return o.str("partition.default-name") }

// PartitionLegacyName returns partition.legacy-name.
func (o Options) PartitionLegacyName() bool { return o.bool("partition.legacy-name") }

// PartitionExpirationTime returns partition.expiration-time; ok false when unset.
func (o Options) PartitionExpirationTime() (time.Duration, bool) {
	return o.duration("partition.expiration-time")
}

// PartitionExpirationCheckInterval returns partition.expiration-check-interval.
func (o Options) PartitionExpirationCheckInterval() time.Duration {
	d, _ := o.duration("partition.expiration-check-interval")
	return d
}

// PartitionTimestampFormatter returns partition.timestamp-formatter ("" when unset).
func (o Options) PartitionTimestampFormatter() string { return o.str("partition.timestamp-formatter") }

// PartitionTimestampPattern returns partition.timestamp-pattern ("" when unset).
func (o Options) PartitionTimestampPattern() string { return o.str("partition.timestamp-pattern") }

// CommitMaxRetries returns commit.max-retries.
func (o Options) CommitMaxRetries() int { return o.int("commit.max-retries") }

// CommitTimeout returns commit.timeout; 0 means no timeout (Paimon's default).
func (o Options) CommitTimeout() time.Duration { d, _ := o.duration("commit.timeout"); return d }

// CommitMinRetryWait returns commit.min-retry-wait.
func (o Options) CommitMinRetryWait() time.Duration {
	d, _ := o.duration("commit.min-retry-wait")
	return d
}

// CommitMaxRetryWait returns commit.max-retry-wait.
func (o Options) CommitMaxRetryWait() time.Duration {
	d, _ := o.duration("commit.max-retry-wait")
	return d
}

// CommitForceCompact returns commit.force-compact.
func (o Options) CommitForceCompact() bool { return o.bool("commit.force-compact") }

// WriteOnly returns write-only (fallback write.compaction-skip).
func (o Options) WriteOnly() bool { return o.bool("write-only") }

// SnapshotNumRetainedMin returns snapshot.num-retained.min.
func (o Options) SnapshotNumRetainedMin() int { return o.int("snapshot.num-retained.min") }

// SnapshotNumRetainedMax returns snapshot.num-retained.max.
func (o Options) SnapshotNumRetainedMax() int { return o.int("snapshot.num-retained.max") }

// SnapshotTimeRetained returns snapshot.time-retained.
func (o Options) SnapshotTimeRetained() time.Duration {
	d, _ := o.duration("snapshot.time-retained")
	return d
}

// SnapshotExpireLimit returns snapshot.expire.limit.
func (o Options) SnapshotExpireLimit() int { return o.int("snapshot.expire.limit") }

// ChangelogNumRetainedMin returns changelog.num-retained.min, else snapshot.num-retained.min.
func (o Options) ChangelogNumRetainedMin() int {
	if n, ok := o.optInt("changelog.num-retained.min"); ok {
		return n
	}
	return o.SnapshotNumRetainedMin()
}

// ChangelogNumRetainedMax returns changelog.num-retained.max, else snapshot.num-retained.max.
func (o Options) ChangelogNumRetainedMax() int {
	if n, ok := o.optInt("changelog.num-retained.max"); ok {
		return n
	}
	return o.SnapshotNumRetainedMax()
}

// ChangelogTimeRetained returns changelog.time-retained, else snapshot.time-retained.
func (o Options) ChangelogTimeRetained() time.Duration {
	if d, ok := o.duration("changelog.time-retained"); ok {
		return d
	}
	return o.SnapshotTimeRetained()
}

// ChangelogLifecycleDecoupled reports whether changelog retention exceeds
// snapshot retention, so expired snapshots are kept as changelog/changelog-N.
func (o Options) ChangelogLifecycleDecoupled() bool {
	return o.ChangelogNumRetainedMax() > o.SnapshotNumRetainedMax() ||
		o.ChangelogTimeRetained() > o.SnapshotTimeRetained() ||
		o.ChangelogNumRetainedMin() > o.SnapshotNumRetainedMin()
}

// SequenceField returns the sequence.field columns (nil when unset).
func (o Options) SequenceField() []string { return o.list("sequence.field") }

// SequenceFieldDescending reports sequence.field.sort-order = descending.
func (o Options) SequenceFieldDescending() bool {
	return o.enum("sequence.field.sort-order") == "descending"
}

// RowkindField returns rowkind.field ("" when unset).
func (o Options) RowkindField() string { return strings.TrimSpace(o.str("rowkind.field")) }

// IgnoreDelete returns ignore-delete (or its fallback keys).
func (o Options) IgnoreDelete() bool { return o.bool("ignore-delete") }

// PartialUpdateRemoveRecordOnDelete returns partial-update.remove-record-on-delete.
func (o Options) PartialUpdateRemoveRecordOnDelete() bool {
	return o.bool("partial-update.remove-record-on-delete")
}

// AggregationRemoveRecordOnDelete returns aggregation.remove-record-on-delete.
func (o Options) AggregationRemoveRecordOnDelete() bool {
	return o.bool("aggregation.remove-record-on-delete")
}

// FieldAggregateFunction returns fields.<field>.aggregate-function, else
// fields.default-aggregate-function, else "" (the engine's default).
func (o Options) FieldAggregateFunction(field string) string {
	if v, ok := o.m["fields."+field+".aggregate-function"]; ok {
		return strings.ToLower(strings.TrimSpace(v))
	}
	return strings.ToLower(strings.TrimSpace(o.m["fields.default-aggregate-function"]))
}

// FieldIgnoreRetract returns fields.<field>.ignore-retract.
func (o Options) FieldIgnoreRetract(field string) bool {
	b, _ := ParseBool(o.m["fields."+field+".ignore-retract"])
	return b
}

// FieldListAggDelimiter returns fields.<field>.list-agg-delimiter (default ",").
func (o Options) FieldListAggDelimiter(field string) string {
	if v, ok := o.m["fields."+field+".list-agg-delimiter"]; ok {
		return v
	}
	return ","
}

// FieldDistinct returns fields.<field>.distinct.
func (o Options) FieldDistinct(field string) bool {
	b, _ := ParseBool(o.m["fields."+field+".distinct"])
	return b
}

// SequenceGroups returns the fields.<seq>.sequence-group options: the key is
// the sequence field list (comma-joined as written), the value the columns
// of the group.
func (o Options) SequenceGroups() map[string][]string {
	out := map[string][]string{}
	for k, v := range o.m {
		if rest, ok := strings.CutPrefix(k, "fields."); ok {
			if seq, ok := strings.CutSuffix(rest, ".sequence-group"); ok && seq != "" {
				out[seq] = SplitList(v)
			}
		}
	}
	return out
}

// FullCompactionDeltaCommits returns full-compaction.delta-commits; ok false when unset.
func (o Options) FullCompactionDeltaCommits() (int, bool) {
	return o.optInt("full-compaction.delta-commits")
}

// DynamicBucketTargetRowNum returns dynamic-bucket.target-row-num.
func (o Options) DynamicBucketTargetRowNum() int64 {
	n, _ := o.long("dynamic-bucket.target-row-num")
	return n
}

// DataFilePrefix returns data-file.prefix.
func (o Options) DataFilePrefix() string { return o.str("data-file.prefix") }

// ChangelogFilePrefix returns changelog-file.prefix.
func (o Options) ChangelogFilePrefix() string { return o.str("changelog-file.prefix") }

// ScanMode returns scan.mode as Paimon resolves "default": from-timestamp
// when scan.timestamp-millis or scan.timestamp is set, from-file-creation-time
// for scan.file-creation-time-millis, from-snapshot for scan.snapshot-id or
// scan.tag-name, incremental for the incremental-between options, otherwise
// latest-full; "full" is reported as latest-full.
func (o Options) ScanMode() string {
	m := o.enum("scan.mode")
	switch m {
	case "full":
		return "latest-full"
	case "default":
	default:
		return m
	}
	switch {
	case o.Contains("scan.timestamp-millis"), o.Contains("scan.timestamp"):
		return "from-timestamp"
	case o.Contains("scan.file-creation-time-millis"):
		return "from-file-creation-time"
	case o.Contains("scan.snapshot-id"), o.Contains("scan.tag-name"):
		return "from-snapshot"
	case o.Contains("incremental-between"), o.Contains("incremental-between-timestamp"), o.Contains("incremental-to-auto-tag"):
		return "incremental"
	}
	return "latest-full"
}

// ScanSnapshotID returns scan.snapshot-id; ok false when unset.
func (o Options) ScanSnapshotID() (int64, bool) { return o.long("scan.snapshot-id") }

// ScanTimestampMillis returns scan.timestamp-millis; ok false when unset.
func (o Options) ScanTimestampMillis() (int64, bool) { return o.long("scan.timestamp-millis") }

// ScanTimestamp returns scan.timestamp ("" when unset).
func (o Options) ScanTimestamp() string { return o.str("scan.timestamp") }

// ScanTagName returns scan.tag-name ("" when unset).
func (o Options) ScanTagName() string { return o.str("scan.tag-name") }

// ContinuousDiscoveryInterval returns continuous.discovery-interval.
func (o Options) ContinuousDiscoveryInterval() time.Duration {
	d, _ := o.duration("continuous.discovery-interval")
	return d
}
