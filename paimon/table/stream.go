package table

import (
	"context"
	"fmt"
	"sort"

	"github.com/weir-data/weir/paimon/manifest"
	"github.com/weir-data/weir/paimon/options"
	"github.com/weir-data/weir/paimon/snapshot"
)

// StreamOptions choose where a streaming scan starts. Zero values fall back
// to the table's scan.mode, scan.snapshot-id and scan.timestamp-millis.
type StreamOptions struct {
	// Mode is Paimon's scan.mode: "latest-full" (default: the latest state,
	// then every change after it), "latest" (only changes after the latest
	// snapshot), "from-snapshot" (changes from SnapshotID on),
	// "from-snapshot-full" (the state at SnapshotID, then changes),
	// "from-timestamp" (changes committed after TimestampMillis).
	Mode            string
	SnapshotID      int64
	TimestampMillis int64
	// ConsumerID (or the table's consumer-id option) records the scan's
	// progress with Checkpoint and resumes from it: the consumer's next
	// snapshot is kept by snapshot expiry.
	ConsumerID string
}

// StreamPlan is one step of a streaming scan: either the full state at a
// snapshot (merged, like a batch read) or the changes one snapshot added.
type StreamPlan struct {
	SnapshotID int64
	// Full is true for the initial state; false for a snapshot's changes.
	Full bool
	// Splits are read with ReadSplit. Change splits are Raw: their rows come
	// with the row kinds they were written with (+I, -U, +U, -D).
	Splits []Split
}

// StreamScan follows a table's snapshots. It is not safe for concurrent use.
type StreamScan struct {
	t        *Table
	consumer string
	needFull bool
	fullAt   int64 // snapshot of the initial state (0: the latest at first Next)
	next     int64 // next snapshot whose changes to read (0: unresolved)
	fromTime int64 // from-timestamp: first snapshot committed after this
}

// NewStreamScan starts a streaming scan. Changes are read as written: with
// changelog-producer = none, the data files each APPEND snapshot added; with
// input, its changelog files (COMPACT snapshots add no changes); with lookup
// and full-compaction, the changelog files of COMPACT snapshots only
// (Paimon's CompactionChangelogFollowUpScanner).
func (t *Table) NewStreamScan(ctx context.Context, opts StreamOptions) (*StreamScan, error) {
	mode := opts.Mode
	if mode == "" {
		mode = t.opts.ScanMode()
	}
	id, ts := opts.SnapshotID, opts.TimestampMillis
	if id == 0 {
		id, _ = t.opts.ScanSnapshotID()
	}
	if ts == 0 {
		ts, _ = t.opts.ScanTimestampMillis()
	}
	if mode == "default" {
		switch {
		case ts != 0:
			mode = "from-timestamp"
		case id != 0:
			mode = "from-snapshot"
		default:
			mode = "latest-full"
		}
	}
	s := &StreamScan{t: t, consumer: opts.ConsumerID}
	if s.consumer == "" {
		s.consumer, _ = t.opts.Get("consumer-id")
	}
	if s.consumer != "" {
		next, ok, err := t.Consumer(ctx, s.consumer)
		if err != nil {
			return nil, err
		}
		ignore := false
		if v, set := t.opts.Get("consumer.ignore-progress"); set {
			ignore, _ = options.ParseBool(v)
		}
		if ok && !ignore {
			s.next = next // resume where the consumer stopped
			return s, nil
		}
	}
	switch mode {
	case "latest-full", "full":
		s.needFull = true
	case "latest":
		latest, ok, err := t.snapshots.LatestID(ctx)
		if err != nil {
			return nil, err
		}
		s.next = 1
		if ok {
			s.next = latest + 1
		}
	case "from-snapshot", "from-snapshot-full":
		if id <= 0 {
			return nil, fmt.Errorf("table %s: scan.mode '%s' needs scan.snapshot-id", t.name, mode)
		}
		if mode == "from-snapshot-full" {
			s.needFull, s.fullAt = true, id
		} else {
			s.next = id
		}
	case "from-timestamp":
		if ts == 0 {
			return nil, fmt.Errorf("table %s: scan.mode 'from-timestamp' needs scan.timestamp-millis", t.name)
		}
		s.fromTime = ts
	default:
		return nil, fmt.Errorf("table %s: scan.mode '%s' is not supported for streaming reads yet", t.name, mode)
	}
	return s, nil
}

// Checkpoint records the scan's progress under its consumer id: the next
// snapshot it will read is kept from expiry, and a restarted scan with the
// same id resumes there. Call it when the steps read so far are durably
// processed (a streaming job: on checkpoint completion).
func (s *StreamScan) Checkpoint(ctx context.Context) error {
	if s.consumer == "" {
		return fmt.Errorf("table %s: the streaming scan has no consumer id", s.t.name)
	}
	next := s.next
	if next == 0 || s.needFull {
		return nil // not started: nothing read yet
	}
	return s.t.RecordConsumer(ctx, s.consumer, next)
}

// Next returns the next step of the scan, or nil when there is nothing new
// yet (poll again later, e.g. every continuous.discovery-interval).
func (s *StreamScan) Next(ctx context.Context) (*StreamPlan, error) {
	t := s.t
	if s.needFull {
		plan, err := t.Plan(ctx, ScanOptions{SnapshotID: s.fullAt})
		if err != nil {
			return nil, err
		}
		if plan.Snapshot == nil {
			return nil, nil // empty table: wait for the first snapshot
		}
		s.needFull = false
		s.next = plan.Snapshot.ID + 1
		return &StreamPlan{SnapshotID: plan.Snapshot.ID, Full: true, Splits: plan.Splits}, nil
	}
	if s.next == 0 && s.fromTime != 0 {
		at, err := t.snapshots.EarlierOrEqualTime(ctx, s.fromTime)
		if err != nil {
			return nil, err
		}
		if at != nil {
			s.next = at.ID + 1
		} else {
			earliest, ok, err := t.snapshots.EarliestID(ctx)
			if err != nil || !ok {
				return nil, err
			}
			s.next = earliest
		}
	}
	for {
		latest, ok, err := t.snapshots.LatestID(ctx)
		if err != nil {
			return nil, err
		}
		if !ok || s.next > latest {
			return nil, nil
		}
		if earliest, ok, err := t.snapshots.EarliestID(ctx); err == nil && ok && s.next < earliest {
			return nil, fmt.Errorf("table %s: snapshot %d expired before the streaming scan read it (earliest is %d); "+
				"keep snapshots longer (snapshot.time-retained, snapshot.num-retained.min)", t.name, s.next, earliest)
		}
		snap, err := t.snapshots.Read(ctx, s.next)
		if err != nil {
			return nil, err
		}
		s.next++
		var list string
		switch t.opts.ChangelogProducer() {
		case "lookup", "full-compaction":
			// Changes come from the changelog files compactions produced.
			if snap.CommitKind != snapshot.Compact {
				continue
			}
			list = snap.ChangelogManifestList
		case "input":
			// Changes come from the changelog files the writer double-wrote.
			if snap.CommitKind != snapshot.Append {
				continue
			}
			list = snap.ChangelogManifestList
		default:
			if snap.CommitKind != snapshot.Append {
				continue // compaction and overwrite snapshots carry no new changes
			}
			list = snap.DeltaManifestList
		}
		// Changelog files are read in the order they were written (one
		// commit may hold several compactions' changelog of a key).
		splits, err := t.deltaSplits(ctx, list, list == snap.DeltaManifestList)
		if err != nil {
			return nil, err
		}
		return &StreamPlan{SnapshotID: snap.ID, Splits: splits}, nil
	}
}

// deltaSplits groups the files a manifest list (a snapshot's delta or
// changelog list) added into raw splits, in list order or, with bySeq, by
// their first sequence number.
func (t *Table) deltaSplits(ctx context.Context, list string, bySeq bool) ([]Split, error) {
	if list == "" {
		return nil, nil
	}
	metas, err := t.readManifestList(ctx, list)
	if err != nil {
		return nil, err
	}
	type key struct {
		part   string
		bucket int32
	}
	groups := map[key]*Split{}
	for _, m := range metas {
		es, err := t.readManifest(ctx, m.FileName)
		if err != nil {
			return nil, err
		}
		for _, e := range es {
			if e.Kind != manifest.KindAdd {
				continue
			}
			k := key{string(e.Partition), e.Bucket}
			sp := groups[k]
			if sp == nil {
				vals, err := t.decodePartition(e.Partition)
				if err != nil {
					return nil, err
				}
				sp = &Split{Partition: e.Partition, PartitionValues: vals, Bucket: int(e.Bucket), TotalBuckets: int(e.TotalBuckets), Raw: true}
				groups[k] = sp
			}
			sp.Files = append(sp.Files, e.File)
		}
	}
	out := make([]Split, 0, len(groups))
	for _, sp := range groups {
		if !bySeq {
			out = append(out, *sp)
			continue
		}
		sort.SliceStable(sp.Files, func(i, j int) bool { return sp.Files[i].MinSequenceNumber < sp.Files[j].MinSequenceNumber })
		out = append(out, *sp)
	}
	sort.Slice(out, func(i, j int) bool {
		if string(out[i].Partition) != string(out[j].Partition) {
			return string(out[i].Partition) < string(out[j].Partition)
		}
		return out[i].Bucket < out[j].Bucket
	})
	return out, nil
}
