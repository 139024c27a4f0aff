package table

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/weir-data/weir/paimon/manifest"
	"github.com/weir-data/weir/paimon/snapshot"
	"github.com/weir-data/weir/types"
)

// DropPartitions deletes every file of the partitions whose values equal one
// of partitions (values in partition-key order), committed as an OVERWRITE
// snapshot. Partitions with no live files are ignored.
func (t *Table) DropPartitions(ctx context.Context, partitions [][]any) (CommitResult, error) {
	var res CommitResult
	if len(t.partTypes) == 0 {
		return res, fmt.Errorf("table %s is not partitioned", t.name)
	}
	latest, err := t.snapshots.Latest(ctx)
	if err != nil || latest == nil {
		return res, err
	}
	live, err := t.liveEntries(ctx, latest, nil)
	if err != nil {
		return res, err
	}
	drop := map[string]bool{}
	for _, p := range partitions {
		dir, err := t.partitionDirOf(p)
		if err != nil {
			return res, err
		}
		drop[dir] = true
	}
	var entries []manifest.Entry
	for _, e := range live {
		dir, err := t.partitionDir(e.Partition)
		if err != nil {
			return res, err
		}
		if drop[dir] {
			e.Kind = manifest.KindDelete
			entries = append(entries, e)
		}
	}
	if len(entries) == 0 {
		return res, nil
	}
	// The dropped partitions' index files (a dynamic-bucket table's hash
	// index) go with them, as in Java's overwrite.
	var index []manifest.IndexEntry
	if latest.IndexManifest != "" {
		ies, err := t.readIndexManifest(ctx, latest.IndexManifest)
		if err != nil {
			return res, err
		}
		for _, e := range ies {
			dir, err := t.partitionDir(e.Partition)
			if err != nil {
				return res, err
			}
			if drop[dir] {
				e.Kind = manifest.KindDelete
				index = append(index, e)
			}
		}
	}
	id, err := t.commitEntries(ctx, newNameFactory(), "drop-partition-"+uuid.NewString(),
		Committable{Identifier: BatchCommitIdentifier}, snapshot.Overwrite, entries, index)
	if err != nil {
		return res, err
	}
	res.SnapshotIDs = []int64{id}
	return res, nil
}

// ExpirePartitions drops the partitions whose time, taken from the partition
// values (partition.timestamp-pattern, partition.timestamp-formatter), is
// older than partition.expiration-time before now — at most
// partition.expiration-max-num of them — as Paimon's values-time strategy
// does. Partitions whose values do not parse as a time are kept (and logged).
// It returns the partitions dropped.
func (t *Table) ExpirePartitions(ctx context.Context, now time.Time) ([][]any, error) {
	ttl, ok := t.opts.PartitionExpirationTime()
	if !ok || len(t.partTypes) == 0 {
		return nil, nil
	}
	plan, err := t.PlanFiles(ctx, ScanOptions{})
	if err != nil || plan.Snapshot == nil {
		return nil, err
	}
	maxNum := 100
	if v, ok := t.opts.Get("partition.expiration-max-num"); ok {
		fmt.Sscan(v, &maxNum)
	}
	seen := map[string]bool{}
	var expired [][]any
	for _, sp := range plan.Splits {
		key := string(sp.Partition)
		if seen[key] || len(expired) >= maxNum {
			continue
		}
		seen[key] = true
		at, err := t.partitionTime(sp.PartitionValues)
		if err != nil {
			slog.Warn("partition expiry: partition time not parsable; partition kept", "table", t.name,
				"partition", t.PartitionString(sp.PartitionValues), "err", err)
			continue
		}
		if at.Before(now.Add(-ttl)) {
			expired = append(expired, sp.PartitionValues)
		}
	}
	if len(expired) == 0 {
		return nil, nil
	}
	if _, err := t.DropPartitions(ctx, expired); err != nil {
		return nil, err
	}
	return expired, nil
}

// partitionTime extracts a partition's time: the pattern ($field references,
// default: the first partition field) filled with the values as strings, then
// parsed with the formatter (a Java DateTimeFormatter pattern; default
// "yyyy-MM-dd HH:mm:ss", or "yyyy-MM-dd" for date-only strings).
func (t *Table) partitionTime(values []any) (time.Time, error) {
	str := func(i int) string {
		s, _ := types.FormatValue(t.partTypes[i], values[i], nil)
		return s
	}
	text := str(0)
	if pattern := t.opts.PartitionTimestampPattern(); pattern != "" {
		text = pattern
		// Longest names first, so $dt does not eat the start of $dthour.
		names := append([]string(nil), t.schema.PartitionKeys...)
		for i := range names {
			for j := i + 1; j < len(names); j++ {
				if len(names[j]) > len(names[i]) {
					names[i], names[j] = names[j], names[i]
				}
			}
		}
		for _, n := range names {
			text = strings.ReplaceAll(text, "$"+n, str(indexOf(t.schema.PartitionKeys, n)))
		}
	}
	if f := t.opts.PartitionTimestampFormatter(); f != "" {
		return time.ParseInLocation(javaLayout(f), text, time.UTC)
	}
	if len(text) == len("2006-01-02") {
		return time.ParseInLocation("2006-01-02", text, time.UTC)
	}
	return time.ParseInLocation("2006-01-02 15:04:05", text, time.UTC)
}

// javaLayout converts the common Java DateTimeFormatter letters to a Go layout.
func javaLayout(p string) string {
	r := strings.NewReplacer("yyyy", "2006", "MM", "01", "dd", "02", "HH", "15", "mm", "04", "ss", "05", "SSS", "000")
	return r.Replace(p)
}

// expirePartitionsAfterCommit runs partition expiry at most once per
// partition.expiration-check-interval per open table.
func (t *Table) expirePartitionsAfterCommit(ctx context.Context) {
	if _, ok := t.opts.PartitionExpirationTime(); !ok || t.opts.WriteOnly() {
		return
	}
	now := time.Now()
	last := t.lastPartitionCheck.Load()
	if last != 0 && now.Sub(time.UnixMilli(last)) < t.opts.PartitionExpirationCheckInterval() {
		return
	}
	if !t.lastPartitionCheck.CompareAndSwap(last, now.UnixMilli()) {
		return
	}
	if _, err := t.ExpirePartitions(ctx, now); err != nil {
		slog.Warn("partition expiry failed", "table", t.name, "err", err)
	}
}
