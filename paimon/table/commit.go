package table

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"time"

	"github.com/weir-data/weir/fileio"
	"github.com/weir-data/weir/paimon/binaryrow"
	"github.com/weir-data/weir/paimon/manifest"
	"github.com/weir-data/weir/paimon/snapshot"
)

// BatchCommitIdentifier is the identifier of one-off batch commits
// (Paimon's BatchWriteBuilder.COMMIT_IDENTIFIER, Long.MAX_VALUE).
const BatchCommitIdentifier int64 = 9223372036854775807

// ErrCommitConflict is returned (wrapped) when a commit cannot be applied on top
// of a concurrent one (e.g. it deletes a file another commit already deleted).
var ErrCommitConflict = errors.New("commit conflict")

// Committable is what a writer commits at once: Paimon's ManifestCommittable.
type Committable struct {
	// Identifier is the commit identifier; for a streaming job, its checkpoint
	// id. Identifiers increase per commit user. Batch jobs use BatchCommitIdentifier.
	Identifier int64
	Messages   []CommitMessage
	// Watermark, if set, is recorded in the snapshot (max with the previous one).
	Watermark *int64
	// Properties are stored in the snapshot's properties.
	Properties map[string]string
}

// CommitResult says what a commit did.
type CommitResult struct {
	// SnapshotIDs are the snapshots created (APPEND, then COMPACT if any).
	SnapshotIDs []int64
	// AlreadyCommitted is true when the identifier had been committed before by
	// the same user, so nothing was done (exactly-once retry).
	AlreadyCommitted bool
}

// IsCommitted reports whether commitUser has committed identifier (or a later
// one) to the table: Paimon's filterCommitted rule.
func (t *Table) IsCommitted(ctx context.Context, commitUser string, identifier int64) (bool, error) {
	s, err := t.snapshots.LatestOfUser(ctx, commitUser)
	if err != nil {
		return false, fmt.Errorf("table %s: find commits of %s: %w", t.name, commitUser, err)
	}
	return s != nil && s.CommitIdentifier >= identifier, nil
}

// Commit commits c for commitUser: an APPEND snapshot for new files, then a
// COMPACT snapshot for compaction changes, both with c.Identifier. A commit
// whose identifier this user already committed is a no-op. Concurrent commits
// from other writers are retried on top of each other (commit.max-retries);
// conflicts that a retry cannot resolve fail with ErrCommitConflict and leave
// the table unchanged.
func (t *Table) Commit(ctx context.Context, commitUser string, c Committable) (CommitResult, error) {
	done, err := t.IsCommitted(ctx, commitUser, c.Identifier)
	if err != nil {
		return CommitResult{}, err
	}
	if done {
		return CommitResult{AlreadyCommitted: true}, nil
	}
	var appendEntries, compactEntries, changelogEntries, compactChangelogEntries []manifest.Entry
	var indexChanges []manifest.IndexEntry
	for _, m := range c.Messages {
		indexChanges = append(append(indexChanges, m.DeletedIndexFiles...), m.NewIndexFiles...)
		add := func(kind manifest.FileKind, files []manifest.DataFileMeta, into *[]manifest.Entry) {
			for _, f := range files {
				*into = append(*into, manifest.Entry{Kind: kind, Partition: m.Partition, Bucket: int32(m.Bucket), TotalBuckets: int32(m.TotalBuckets), File: f})
			}
		}
		add(manifest.KindAdd, m.NewFiles, &appendEntries)
		add(manifest.KindAdd, m.NewChangelog, &changelogEntries)
		add(manifest.KindDelete, m.CompactBefore, &compactEntries)
		add(manifest.KindAdd, m.CompactAfter, &compactEntries)
		add(manifest.KindAdd, m.CompactChangelog, &compactChangelogEntries)
	}
	var res CommitResult
	names := newNameFactory()
	for _, step := range []struct {
		kind      snapshot.CommitKind
		entries   []manifest.Entry
		changelog []manifest.Entry
		index     []manifest.IndexEntry
	}{{snapshot.Append, appendEntries, changelogEntries, indexChanges}, {snapshot.Compact, compactEntries, compactChangelogEntries, nil}} {
		if len(step.entries) == 0 && len(step.changelog) == 0 && len(step.index) == 0 {
			continue
		}
		id, err := t.commitEntries(ctx, names, commitUser, c, step.kind, step.entries, step.index, step.changelog...)
		if err != nil {
			return res, err
		}
		res.SnapshotIDs = append(res.SnapshotIDs, id)
	}
	if len(res.SnapshotIDs) > 0 {
		t.expireAfterCommit(ctx)
		t.expirePartitionsAfterCommit(ctx)
	}
	return res, nil
}

// commitEntries writes the delta manifest once, then tries to create the next
// snapshot on top of the latest until it succeeds, a conflict is found, or
// the retries run out.
func (t *Table) commitEntries(ctx context.Context, names *nameFactory, user string, c Committable, kind snapshot.CommitKind,
	entries []manifest.Entry, index []manifest.IndexEntry, changelog ...manifest.Entry) (int64, error) {
	delta, err := t.writeManifests(ctx, names, entries)
	if err != nil {
		return 0, err
	}
	// Changelog files (changelog-producer) go to their own manifests, listed
	// by the snapshot's changelog manifest list.
	var changelogMetas []manifest.FileMeta
	var changelogRows int64
	if len(changelog) > 0 {
		if changelogMetas, err = t.writeManifests(ctx, names, changelog); err != nil {
			t.deleteManifests(ctx, delta)
			return 0, err
		}
		for _, e := range changelog {
			changelogRows += e.File.RowCount
		}
		delta = append(delta, changelogMetas...) // deleted together on failure
	}
	deltaOnly := delta[:len(delta)-len(changelogMetas)]
	var deltaRows int64
	for _, e := range entries {
		if e.Kind == manifest.KindAdd {
			deltaRows += e.File.RowCount
		} else {
			deltaRows -= e.File.RowCount
		}
	}
	maxRetries := t.opts.CommitMaxRetries()
	var deadline time.Time // zero: no timeout (Paimon's default)
	if d := t.opts.CommitTimeout(); d > 0 {
		deadline = time.Now().Add(d)
	}
	wait := max(t.opts.CommitMinRetryWait(), time.Millisecond)
	maxWait := max(t.opts.CommitMaxRetryWait(), wait)
	for attempt := 0; ; attempt++ {
		latest, err := t.snapshots.Latest(ctx)
		if err != nil {
			return 0, fmt.Errorf("table %s: commit: %w", t.name, err)
		}
		if err := t.checkConflicts(ctx, latest, entries); err != nil {
			t.deleteManifests(ctx, delta)
			return 0, err
		}
		id, ok, cleanup, err := t.tryCommitOnce(ctx, names, latest, user, c, kind, deltaOnly, deltaRows, changelogMetas, changelogRows, index)
		if err != nil {
			if !errors.Is(err, errOutcomeUnknown) {
				t.deleteManifests(ctx, delta)
			}
			return 0, err
		}
		if ok {
			return id, nil
		}
		cleanup()
		if attempt >= maxRetries || (!deadline.IsZero() && time.Now().After(deadline)) {
			t.deleteManifests(ctx, delta)
			return 0, fmt.Errorf("table %s: commit of identifier %d by %s gave up after %d attempts: other writers keep committing: %w",
				t.name, c.Identifier, user, attempt+1, ErrCommitConflict)
		}
		slog.Debug("commit retry", "table", t.name, "snapshot", id, "attempt", attempt+1)
		select {
		case <-ctx.Done():
			t.deleteManifests(ctx, delta)
			return 0, ctx.Err()
		case <-time.After(wait + time.Duration(rand.Int64N(int64(wait)))):
		}
		wait = min(wait*2, maxWait)
	}
}

// tryCommitOnce writes the manifest lists and tries to create snapshot
// latest+1. ok is false when another commit took that id; cleanup then removes
// the lists written by this attempt.
func (t *Table) tryCommitOnce(ctx context.Context, names *nameFactory, latest *snapshot.Snapshot, user string, c Committable,
	kind snapshot.CommitKind, delta []manifest.FileMeta, deltaRows int64, changelog []manifest.FileMeta, changelogRows int64,
	index []manifest.IndexEntry) (id int64, ok bool, cleanup func(), err error) {
	cleanup = func() {}
	id = 1
	var base []manifest.FileMeta
	var total int64
	schemaID := t.schema.ID
	indexManifest := ""
	var watermark *int64
	if latest != nil {
		id = latest.ID + 1
		total = latest.TotalRecordCount
		indexManifest = latest.IndexManifest
		watermark = latest.Watermark
		for _, list := range []string{latest.BaseManifestList, latest.DeltaManifestList} {
			if list == "" {
				continue
			}
			ms, err := t.readManifestList(ctx, list)
			if err != nil {
				return 0, false, cleanup, err
			}
			base = append(base, ms...)
		}
		if latest.SchemaID > schemaID {
			schemaID = latest.SchemaID
		}
	}
	var merged []string // manifests written by merging, to delete if this attempt fails
	if len(base) >= t.opts.ManifestMergeMinCount() {
		base, merged, err = t.mergeManifests(ctx, names, base)
		if err != nil {
			return 0, false, cleanup, err
		}
	}
	baseList, baseSize, err := t.writeManifestList(ctx, names, base)
	if err != nil {
		return 0, false, cleanup, err
	}
	deltaList, deltaSize, err := t.writeManifestList(ctx, names, delta)
	if err != nil {
		t.fio.Delete(ctx, t.manifestPath(baseList))
		return 0, false, cleanup, err
	}
	var changelogList string
	var changelogSize int64
	if len(changelog) > 0 {
		if changelogList, changelogSize, err = t.writeManifestList(ctx, names, changelog); err != nil {
			t.fio.Delete(ctx, t.manifestPath(baseList))
			t.fio.Delete(ctx, t.manifestPath(deltaList))
			return 0, false, cleanup, err
		}
	}
	// Index changes (a dynamic-bucket table's HASH files) give a new index
	// manifest: the previous one's live entries with the changes applied.
	var newIndexManifest string
	if len(index) > 0 {
		if newIndexManifest, err = t.writeIndexManifest(ctx, names, indexManifest, index); err != nil {
			for _, n := range []string{baseList, deltaList, changelogList} {
				if n != "" {
					t.fio.Delete(ctx, t.manifestPath(n))
				}
			}
			return 0, false, cleanup, err
		}
		indexManifest = newIndexManifest
	}
	cleanup = func() {
		for _, n := range append(merged, baseList, deltaList, changelogList, newIndexManifest) {
			if n != "" {
				t.fio.Delete(ctx, t.manifestPath(n))
			}
		}
	}
	if c.Watermark != nil && (watermark == nil || *c.Watermark > *watermark) {
		watermark = c.Watermark
	}
	snap := &snapshot.Snapshot{
		Version:               3,
		ID:                    id,
		SchemaID:              schemaID,
		BaseManifestList:      baseList,
		BaseManifestListSize:  &baseSize,
		DeltaManifestList:     deltaList,
		DeltaManifestListSize: &deltaSize,
		IndexManifest:         indexManifest,
		CommitUser:            user,
		CommitIdentifier:      c.Identifier,
		CommitKind:            kind,
		TimeMillis:            time.Now().UnixMilli(),
		TotalRecordCount:      total + deltaRows,
		DeltaRecordCount:      deltaRows,
		Watermark:             watermark,
		Properties:            c.Properties,
	}
	if changelogList != "" {
		snap.ChangelogManifestList = changelogList
		snap.ChangelogManifestListSize = &changelogSize
		snap.ChangelogRecordCount = &changelogRows
	}
	ok, err = t.snapshots.TryCommit(ctx, snap)
	if err != nil {
		// The store may have created the snapshot and lost the
		// acknowledgement: look before deleting files it may reference.
		landed, rerr := t.snapshotLanded(ctx, snap)
		switch {
		case rerr != nil:
			return id, false, func() {}, fmt.Errorf("table %s: commit snapshot %d: %w (%w; whether it landed is unknown: %v)",
				t.name, id, err, errOutcomeUnknown, rerr)
		case landed:
			_ = t.snapshots.CommitLatestHint(ctx, id)
			return id, true, func() {}, nil
		}
		cleanup()
		return id, false, func() {}, fmt.Errorf("table %s: commit snapshot %d: %w", t.name, id, err)
	}
	return id, ok, cleanup, nil
}

// errOutcomeUnknown marks a commit error after which the snapshot may or may
// not exist; the files it would reference are then kept.
var errOutcomeUnknown = errors.New("commit outcome unknown")

// snapshotLanded reports whether the snapshot file of snap.ID exists and is
// this commit's (same user, identifier, kind and manifest lists).
func (t *Table) snapshotLanded(ctx context.Context, snap *snapshot.Snapshot) (bool, error) {
	s, err := t.snapshots.Read(ctx, snap.ID)
	if fileio.IsNotExist(err) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return s.CommitUser == snap.CommitUser && s.CommitIdentifier == snap.CommitIdentifier && s.CommitKind == snap.CommitKind &&
		s.BaseManifestList == snap.BaseManifestList && s.DeltaManifestList == snap.DeltaManifestList, nil
}

// checkConflicts verifies that entries can be applied on latest: every file
// they delete is still live (no one else compacted it away), and, for
// primary-key tables, files added at levels ≥ 1 do not overlap live files of
// the same level in key range.
func (t *Table) checkConflicts(ctx context.Context, latest *snapshot.Snapshot, entries []manifest.Entry) error {
	needs := false
	for _, e := range entries {
		if e.Kind == manifest.KindDelete || (t.HasPrimaryKey() && e.File.Level > 0) {
			needs = true
			break
		}
	}
	if !needs {
		return nil
	}
	var live []manifest.Entry
	if latest != nil {
		var err error
		if live, err = t.liveEntries(ctx, latest, nil); err != nil {
			return err
		}
	}
	merged, err := mergeEntries(append(append([]manifest.Entry{}, live...), entries...))
	if err != nil {
		return fmt.Errorf("table %s: %v: %w", t.name, err, ErrCommitConflict)
	}
	liveIDs := map[manifest.Identifier]bool{}
	for _, e := range live {
		liveIDs[e.Identifier()] = true
	}
	for _, e := range entries {
		if e.Kind == manifest.KindDelete && !liveIDs[e.Identifier()] {
			return fmt.Errorf("table %s: file %s (bucket %d, level %d) to delete is no longer live: another writer compacted or deleted it: %w",
				t.name, e.File.FileName, e.Bucket, e.File.Level, ErrCommitConflict)
		}
	}
	if !t.HasPrimaryKey() {
		return nil
	}
	return t.checkLevelOverlap(merged)
}

// checkLevelOverlap fails if two files of one level ≥ 1 of a bucket overlap.
func (t *Table) checkLevelOverlap(entries []manifest.Entry) error {
	type lk struct {
		part   string
		bucket int32
		level  int32
	}
	byLevel := map[lk][]manifest.DataFileMeta{}
	for _, e := range entries {
		if e.File.Level > 0 {
			k := lk{string(e.Partition), e.Bucket, e.File.Level}
			byLevel[k] = append(byLevel[k], e.File)
		}
	}
	kt := fieldTypes(t.keyFields)
	for k, files := range byLevel {
		for i := range files {
			for j := i + 1; j < len(files); j++ {
				a, b := files[i], files[j]
				c1, err1 := compareSerializedKeys(kt, a.MaxKey, b.MinKey)
				c2, err2 := compareSerializedKeys(kt, b.MaxKey, a.MinKey)
				if err1 != nil || err2 != nil {
					return fmt.Errorf("table %s: compare keys of %s and %s: %w", t.name, a.FileName, b.FileName, errors.Join(err1, err2))
				}
				if c1 >= 0 && c2 >= 0 {
					return fmt.Errorf("table %s: LSM conflict: files %s and %s of bucket %d level %d overlap in key range: %w",
						t.name, a.FileName, b.FileName, k.bucket, k.level, ErrCommitConflict)
				}
			}
		}
	}
	return nil
}

// writeManifests writes entries into manifest files (rolled at
// manifest.target-file-size, estimated) and returns their list entries.
func (t *Table) writeManifests(ctx context.Context, names *nameFactory, entries []manifest.Entry) ([]manifest.FileMeta, error) {
	const entriesPerManifest = 20000 // ≈ 8 MB of Avro for typical DataFileMeta
	var out []manifest.FileMeta
	for len(entries) > 0 {
		n := min(len(entries), entriesPerManifest)
		fm, err := t.writeManifest(ctx, names, entries[:n])
		if err != nil {
			t.deleteManifests(ctx, out)
			return nil, err
		}
		out = append(out, fm)
		entries = entries[n:]
	}
	return out, nil
}

func (t *Table) writeManifest(ctx context.Context, names *nameFactory, entries []manifest.Entry) (manifest.FileMeta, error) {
	data, err := manifest.EncodeEntries(entries)
	if err != nil {
		return manifest.FileMeta{}, fmt.Errorf("table %s: encode manifest: %w", t.name, err)
	}
	name := names.name("manifest-", "")
	p := t.manifestPath(name)
	if err := t.fio.WriteFile(ctx, p, data); err != nil {
		t.fio.Delete(ctx, p) // the write may have landed with its acknowledgement lost
		return manifest.FileMeta{}, fmt.Errorf("table %s: write manifest %s: %w", t.name, p, err)
	}
	fm := manifest.FileMeta{FileName: name, FileSize: int64(len(data)), SchemaID: t.schema.ID}
	var minB, maxB, minL, maxL int32
	for i, e := range entries {
		if e.Kind == manifest.KindAdd {
			fm.NumAddedFiles++
		} else {
			fm.NumDeletedFiles++
		}
		if i == 0 || e.Bucket < minB {
			minB = e.Bucket
		}
		if i == 0 || e.Bucket > maxB {
			maxB = e.Bucket
		}
		if i == 0 || e.File.Level < minL {
			minL = e.File.Level
		}
		if i == 0 || e.File.Level > maxL {
			maxL = e.File.Level
		}
	}
	fm.MinBucket, fm.MaxBucket, fm.MinLevel, fm.MaxLevel = &minB, &maxB, &minL, &maxL
	if fm.PartitionStats, err = t.partitionStats(entries); err != nil {
		return manifest.FileMeta{}, err
	}
	return fm, nil
}

// partitionStats computes min/max/null counts of the partition columns over entries.
func (t *Table) partitionStats(entries []manifest.Entry) (manifest.SimpleStats, error) {
	if len(t.partTypes) == 0 {
		return manifest.EmptyStats(), nil
	}
	n := len(t.partTypes)
	stats := make([]colStatsAcc, n)
	seen := map[string]bool{}
	for _, e := range entries {
		if seen[string(e.Partition)] {
			continue
		}
		seen[string(e.Partition)] = true
		vals, err := t.decodePartition(e.Partition)
		if err != nil {
			return manifest.SimpleStats{}, err
		}
		for i, v := range vals {
			stats[i].add(v)
		}
	}
	// Null counts are over entries (files), as Paimon counts them.
	for _, e := range entries {
		vals, _ := t.decodePartition(e.Partition)
		for i, v := range vals {
			if v == nil {
				stats[i].nulls++
			}
		}
	}
	mins, maxs := make([]any, n), make([]any, n)
	counts := make([]*int64, n)
	for i := range stats {
		mins[i], maxs[i] = stats[i].min, stats[i].max
		c := stats[i].nulls
		counts[i] = &c
	}
	nt := nullableTypes(t.partTypes)
	minRow, err := binaryrow.Encode(nt, mins)
	if err != nil {
		return manifest.SimpleStats{}, err
	}
	maxRow, err := binaryrow.Encode(nt, maxs)
	if err != nil {
		return manifest.SimpleStats{}, err
	}
	return manifest.SimpleStats{MinValues: binaryrow.Serialize(n, minRow), MaxValues: binaryrow.Serialize(n, maxRow), NullCounts: counts}, nil
}

type colStatsAcc struct {
	min, max any
	nulls    int64
}

func (a *colStatsAcc) add(v any) {
	if v == nil {
		return
	}
	if a.min == nil {
		a.min, a.max = v, v
		return
	}
	if c, ok := compareScalar(v, a.min); ok && c < 0 {
		a.min = v
	}
	if c, ok := compareScalar(v, a.max); ok && c > 0 {
		a.max = v
	}
}

func (t *Table) writeManifestList(ctx context.Context, names *nameFactory, metas []manifest.FileMeta) (string, int64, error) {
	data, err := manifest.EncodeFileMetas(metas)
	if err != nil {
		return "", 0, fmt.Errorf("table %s: encode manifest list: %w", t.name, err)
	}
	name := names.name("manifest-list-", "")
	p := t.manifestPath(name)
	if err := t.fio.WriteFile(ctx, p, data); err != nil {
		t.fio.Delete(ctx, p) // the write may have landed with its acknowledgement lost
		return "", 0, fmt.Errorf("table %s: write manifest list %s: %w", t.name, p, err)
	}
	return name, int64(len(data)), nil
}

func (t *Table) deleteManifests(ctx context.Context, ms []manifest.FileMeta) {
	for _, m := range ms {
		if err := t.fio.Delete(ctx, t.manifestPath(m.FileName)); err != nil {
			slog.Warn("delete unused manifest", "table", t.name, "manifest", m.FileName, "err", err)
		}
	}
}

// mergeManifests rewrites many manifests into few: it reads all entries,
// cancels ADD/DELETE pairs and writes the live entries anew. The old manifest
// files stay (older snapshots still reference them; expiry deletes them).
func (t *Table) mergeManifests(ctx context.Context, names *nameFactory, metas []manifest.FileMeta) ([]manifest.FileMeta, []string, error) {
	var all []manifest.Entry
	for _, m := range metas {
		es, err := t.readManifest(ctx, m.FileName)
		if err != nil {
			return nil, nil, err
		}
		all = append(all, es...)
	}
	live, err := mergeEntries(all)
	if err != nil {
		return nil, nil, fmt.Errorf("table %s: merge manifests: %w", t.name, err)
	}
	out, err := t.writeManifests(ctx, names, live)
	if err != nil {
		return nil, nil, err
	}
	var written []string
	for _, m := range out {
		written = append(written, m.FileName)
	}
	return out, written, nil
}
