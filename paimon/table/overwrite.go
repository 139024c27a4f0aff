package table

import (
	"context"
	"fmt"

	"github.com/weir-data/weir/paimon/manifest"
	"github.com/weir-data/weir/paimon/snapshot"
)

// Overwrite says which live files an OVERWRITE commit replaces.
type Overwrite struct {
	// Static holds the partition values of INSERT OVERWRITE ... PARTITION
	// (k = v, ...), by partition key (values of the key's type); only those
	// partitions are replaced. Keys not given match any value.
	Static map[string]any
	// Dynamic replaces only the partitions that receive new files (Paimon's
	// dynamic-partition-overwrite, its default for partitioned tables). With
	// neither Static nor Dynamic the whole table is replaced.
	Dynamic bool
}

// CommitOverwrite commits c's new files as an OVERWRITE snapshot that
// deletes the live files ow selects (INSERT OVERWRITE, TRUNCATE TABLE). The
// files to delete are those live in the latest snapshot when the commit is
// prepared; a concurrent append that lands in between survives the overwrite
// (Paimon re-reads on retry; Weir reports the commit conflict instead when a
// deleted file is gone).
func (t *Table) CommitOverwrite(ctx context.Context, commitUser string, c Committable, ow Overwrite) (CommitResult, error) {
	var res CommitResult
	done, err := t.IsCommitted(ctx, commitUser, c.Identifier)
	if err != nil || done {
		res.AlreadyCommitted = done
		return res, err
	}
	var entries []manifest.Entry
	var index []manifest.IndexEntry
	written := map[string]bool{}
	for _, m := range c.Messages {
		if len(m.CompactBefore) > 0 || len(m.CompactAfter) > 0 || len(m.NewChangelog) > 0 {
			return res, fmt.Errorf("overwrite %s: compaction and changelog files cannot be part of an overwrite commit", t.name)
		}
		for _, f := range m.NewFiles {
			entries = append(entries, manifest.Entry{Kind: manifest.KindAdd, Partition: m.Partition, Bucket: int32(m.Bucket), TotalBuckets: int32(m.TotalBuckets), File: f})
		}
		written[string(m.Partition)] = true
		index = append(append(index, m.DeletedIndexFiles...), m.NewIndexFiles...)
	}
	var filter []Predicate
	for k, v := range ow.Static {
		if indexOf(t.schema.PartitionKeys, k) < 0 {
			return res, fmt.Errorf("overwrite %s: %s is not a partition key (partition keys: %v)", t.name, k, t.schema.PartitionKeys)
		}
		if v == nil {
			filter = append(filter, Predicate{Column: k, Op: IsNull})
		} else {
			filter = append(filter, Predicate{Column: k, Op: Eq, Values: []any{v}})
		}
	}
	latest, err := t.snapshots.Latest(ctx)
	if err != nil {
		return res, err
	}
	if latest != nil {
		live, err := t.liveEntries(ctx, latest, filter)
		if err != nil {
			return res, err
		}
		dynamic := ow.Dynamic && len(t.schema.PartitionKeys) > 0
		for _, e := range live {
			if dynamic && !written[string(e.Partition)] {
				continue
			}
			e.Kind = manifest.KindDelete
			entries = append(entries, e)
		}
	}
	if len(entries) == 0 {
		return res, nil
	}
	id, err := t.commitEntries(ctx, newNameFactory(), commitUser, c, snapshot.Overwrite, entries, index)
	if err != nil {
		return res, err
	}
	res.SnapshotIDs = []int64{id}
	t.expireAfterCommit(ctx)
	return res, nil
}
