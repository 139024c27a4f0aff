package table

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"path"
	"time"

	"github.com/weir-data/weir/paimon/manifest"
	"github.com/weir-data/weir/paimon/snapshot"
)

// ExpireOptions override the table's snapshot retention for one expiry
// (zero values use snapshot.num-retained.min/max, snapshot.time-retained and
// snapshot.expire.limit).
type ExpireOptions struct {
	RetainMin    int
	RetainMax    int
	TimeRetained time.Duration
	Limit        int
	// Now is the current time (time.Now when zero), for tests.
	Now time.Time
}

// ExpireResult says what an expiry removed.
type ExpireResult struct {
	// Snapshots expired: [From, To).
	From, To                      int64
	DataFiles, Manifests, Indexes int
}

// ExpireSnapshots removes snapshots that fall out of retention, as Paimon's
// ExpireSnapshotsImpl does: it keeps at least snapshot.num-retained.min
// snapshots, always expires beyond snapshot.num-retained.max, otherwise
// expires a snapshot only once the next one is older than
// snapshot.time-retained, and at most snapshot.expire.limit per call. Files
// are deleted only when no retained snapshot can reach them: data files
// deleted by an expired snapshot's delta (not re-added there, as upgrades
// are), then manifests, manifest lists and index files that the first
// retained snapshot does not use, then the snapshot files; EARLIEST moves last.
func (t *Table) ExpireSnapshots(ctx context.Context, opts ExpireOptions) (ExpireResult, error) {
	var res ExpireResult
	o := t.opts
	retainMin, retainMax, keep, limit := opts.RetainMin, opts.RetainMax, opts.TimeRetained, opts.Limit
	if retainMin <= 0 {
		retainMin = o.SnapshotNumRetainedMin()
	}
	if retainMax <= 0 {
		retainMax = o.SnapshotNumRetainedMax()
	}
	if keep <= 0 {
		keep = o.SnapshotTimeRetained()
	}
	if limit <= 0 {
		limit = o.SnapshotExpireLimit()
	}
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	if retainMin < 1 || retainMax < retainMin {
		return res, fmt.Errorf("table %s: snapshot.num-retained.min (%d) must be ≥ 1 and ≤ snapshot.num-retained.max (%d)", t.name, retainMin, retainMax)
	}
	earliest, ok, err := t.snapshots.EarliestID(ctx)
	if err != nil || !ok {
		return res, err
	}
	latest, ok, err := t.snapshots.LatestID(ctx)
	if err != nil || !ok {
		return res, err
	}
	// Snapshots below minID are kept by the minimum count; below maxID they
	// are expired regardless of age.
	end := min(latest-int64(retainMin)+1, earliest+int64(limit))
	// A consumer's next snapshot and everything after it stay.
	consumers, err := t.Consumers(ctx)
	if err != nil {
		return res, err
	}
	for _, next := range consumers {
		end = min(end, next)
	}
	alwaysBelow := latest - int64(retainMax) + 1
	cut := earliest
	for id := earliest; id < end; id++ {
		if id >= alwaysBelow {
			next, err := t.snapshots.Read(ctx, id+1)
			if err != nil {
				return res, fmt.Errorf("table %s: expire: %w", t.name, err)
			}
			if now.Sub(time.UnixMilli(next.TimeMillis)) < keep {
				break
			}
		}
		cut = id + 1
	}
	if cut <= earliest {
		return res, nil
	}
	res.From, res.To = earliest, cut
	retained, err := t.snapshots.Read(ctx, cut)
	if err != nil {
		return res, fmt.Errorf("table %s: expire: %w", t.name, err)
	}
	// Files a tag reaches are never deleted.
	tagged, err := t.taggedFiles(ctx)
	if err != nil {
		return res, err
	}
	// 1. Data files deleted by the deltas of snapshots earliest+1 .. cut: no
	// snapshot from cut on references them.
	for id := earliest + 1; id <= cut; id++ {
		s, err := t.snapshots.Read(ctx, id)
		if err != nil {
			return res, fmt.Errorf("table %s: expire: %w", t.name, err)
		}
		n, err := t.deleteDeletedFiles(ctx, s, tagged)
		if err != nil {
			return res, err
		}
		res.DataFiles += n
	}
	// Changelog files of the expired snapshots (changelog-producer) go with them.
	for id := earliest; id < cut; id++ {
		s, err := t.snapshots.Read(ctx, id)
		if err != nil {
			return res, fmt.Errorf("table %s: expire: %w", t.name, err)
		}
		n, err := t.deleteChangelogFiles(ctx, s)
		if err != nil {
			return res, err
		}
		res.DataFiles += n
	}
	// 2. Manifests, manifest lists, index manifests and index files of the
	// expired snapshots that the retained one does not use.
	used, err := t.metadataFiles(ctx, retained)
	if err != nil {
		return res, err
	}
	for id := earliest; id < cut; id++ {
		s, err := t.snapshots.Read(ctx, id)
		if err != nil {
			return res, fmt.Errorf("table %s: expire: %w", t.name, err)
		}
		files, err := t.metadataFiles(ctx, s)
		if err != nil {
			return res, err
		}
		for p := range files {
			if used[p] || tagged[p] {
				continue
			}
			if err := t.fio.Delete(ctx, p); err != nil {
				return res, fmt.Errorf("table %s: expire: delete %s: %w", t.name, p, err)
			}
			used[p] = true // deleted once
			if path.Dir(p) == path.Join(t.path, "index") {
				res.Indexes++
			} else {
				res.Manifests++
			}
		}
	}
	// 3. The snapshot files, then the EARLIEST hint.
	for id := earliest; id < cut; id++ {
		if err := t.fio.Delete(ctx, t.snapshots.Path(id)); err != nil {
			return res, fmt.Errorf("table %s: expire: delete snapshot %d: %w", t.name, id, err)
		}
	}
	if err := t.snapshots.CommitEarliestHint(ctx, cut); err != nil {
		return res, fmt.Errorf("table %s: expire: %w", t.name, err)
	}
	return res, nil
}

// deleteDeletedFiles deletes the data files a snapshot's delta removed,
// except files the same delta adds again (upgrades to another level).
func (t *Table) deleteDeletedFiles(ctx context.Context, s *snapshot.Snapshot, keep map[string]bool) (int, error) {
	metas, err := t.readManifestList(ctx, s.DeltaManifestList)
	if err != nil {
		return 0, err
	}
	var entries []manifest.Entry
	for _, m := range metas {
		es, err := t.readManifest(ctx, m.FileName)
		if err != nil {
			return 0, err
		}
		entries = append(entries, es...)
	}
	type fileKey struct {
		part   string
		bucket int32
		name   string
	}
	added := map[fileKey]bool{}
	for _, e := range entries {
		if e.Kind == manifest.KindAdd {
			added[fileKey{string(e.Partition), e.Bucket, e.File.FileName}] = true
		}
	}
	n := 0
	for _, e := range entries {
		if e.Kind != manifest.KindDelete || added[fileKey{string(e.Partition), e.Bucket, e.File.FileName}] {
			continue
		}
		partDir, err := t.partitionDir(e.Partition)
		if err != nil {
			return n, err
		}
		dir := t.bucketDir(partDir, int(e.Bucket))
		if keep[path.Join(dir, e.File.FileName)] {
			continue // a tag still reaches it
		}
		for _, name := range append([]string{e.File.FileName}, e.File.ExtraFiles...) {
			if err := t.fio.Delete(ctx, path.Join(dir, name)); err != nil {
				return n, fmt.Errorf("table %s: expire: delete data file %s: %w", t.name, name, err)
			}
		}
		n++
	}
	return n, nil
}

// metadataFiles returns the paths of a snapshot's manifest lists, manifests,
// index manifest and index files.
func (t *Table) metadataFiles(ctx context.Context, s *snapshot.Snapshot) (map[string]bool, error) {
	out := map[string]bool{}
	for _, list := range []string{s.BaseManifestList, s.DeltaManifestList, s.ChangelogManifestList} {
		if list == "" {
			continue
		}
		out[t.manifestPath(list)] = true
		metas, err := t.readManifestList(ctx, list)
		if err != nil {
			return nil, err
		}
		for _, m := range metas {
			out[t.manifestPath(m.FileName)] = true
		}
	}
	if s.IndexManifest != "" {
		out[t.manifestPath(s.IndexManifest)] = true
		data, err := t.fio.ReadFile(ctx, t.manifestPath(s.IndexManifest))
		if err != nil {
			return nil, fmt.Errorf("table %s: read index manifest %s: %w", t.name, s.IndexManifest, err)
		}
		es, err := manifest.DecodeIndexEntries(data)
		if err != nil {
			return nil, fmt.Errorf("table %s: index manifest %s: %w", t.name, s.IndexManifest, err)
		}
		for _, e := range es {
			out[t.indexPath(e.FileName)] = true
		}
	}
	return out, nil
}

// expireAfterCommit runs the table's snapshot expiry after a commit, as
// Paimon's committer does; failures are logged, never failing the commit.
func (t *Table) expireAfterCommit(ctx context.Context) {
	if t.opts.WriteOnly() {
		return
	}
	if _, err := t.ExpireSnapshots(ctx, ExpireOptions{}); err != nil && !errors.Is(err, context.Canceled) {
		slog.Warn("snapshot expiry failed", "table", t.name, "err", err)
	}
}

// deleteChangelogFiles deletes the changelog files a snapshot added.
func (t *Table) deleteChangelogFiles(ctx context.Context, s *snapshot.Snapshot) (int, error) {
	if s.ChangelogManifestList == "" {
		return 0, nil
	}
	metas, err := t.readManifestList(ctx, s.ChangelogManifestList)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, m := range metas {
		es, err := t.readManifest(ctx, m.FileName)
		if err != nil {
			return n, err
		}
		for _, e := range es {
			if e.Kind != manifest.KindAdd {
				continue
			}
			partDir, err := t.partitionDir(e.Partition)
			if err != nil {
				return n, err
			}
			if err := t.fio.Delete(ctx, path.Join(t.bucketDir(partDir, int(e.Bucket)), e.File.FileName)); err != nil {
				return n, fmt.Errorf("table %s: expire: delete changelog file %s: %w", t.name, e.File.FileName, err)
			}
			n++
		}
	}
	return n, nil
}
