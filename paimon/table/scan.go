package table

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/weir-data/weir/paimon/binaryrow"
	"github.com/weir-data/weir/paimon/manifest"
	"github.com/weir-data/weir/paimon/snapshot"
	"github.com/weir-data/weir/types"
)

// ScanOptions selects what a scan reads.
type ScanOptions struct {
	// SnapshotID reads that snapshot; 0 means the latest (or TimestampMillis).
	SnapshotID int64
	// TimestampMillis reads the latest snapshot committed at or before this time
	// (epoch ms) when SnapshotID is 0 and it is non-zero.
	TimestampMillis int64
	// Filter prunes partitions and skips files (see Predicate).
	Filter []Predicate
	// Tag reads the snapshot a tag names (when SnapshotID is 0).
	Tag string
	// AllLevels keeps level-0 files that batch reads of deletion-vector and
	// first-row tables skip (for describing a table, not for reading it).
	AllLevels bool
}

// Plan is the result of planning a batch scan: the snapshot read and one split
// per (partition, bucket) with live files.
type Plan struct {
	// Snapshot is nil for a table with no snapshot yet (an empty plan).
	Snapshot *snapshot.Snapshot
	Splits   []Split
}

// Split is the unit of reading: the live files of one bucket of one partition.
type Split struct {
	// Partition is the serialized partition BinaryRow (with its arity prefix).
	Partition       []byte
	PartitionValues []any
	Bucket          int
	TotalBuckets    int
	// Files are the live data files, ordered by level then min sequence number.
	Files []manifest.DataFileMeta
	// DeletionVectors maps a data file name to its deletion vector's location.
	DeletionVectors map[string]DVRef
	// Raw splits (the changes of one snapshot, from a StreamScan) are read
	// file by file as written, every row with its row kind; no merging.
	Raw bool
}

// DVRef locates a deletion vector inside an index file.
type DVRef struct {
	IndexFile      string
	Offset, Length int32
	Bitmap64       bool
}

// RowCount is the sum of the files' row counts (before merging).
func (s Split) RowCount() int64 {
	var n int64
	for _, f := range s.Files {
		n += f.RowCount
	}
	return n
}

// ResolveSnapshot finds the snapshot a scan reads; nil when the table has none.
func (t *Table) ResolveSnapshot(ctx context.Context, opts ScanOptions) (*snapshot.Snapshot, error) {
	switch {
	case opts.SnapshotID == 0 && opts.Tag != "":
		tag, err := t.ReadTag(ctx, opts.Tag)
		if err != nil {
			return nil, err
		}
		return &tag.Snapshot, nil
	case opts.SnapshotID > 0:
		s, err := t.snapshots.Read(ctx, opts.SnapshotID)
		if err != nil {
			return nil, fmt.Errorf("table %s: snapshot %d: %w", t.name, opts.SnapshotID, err)
		}
		return s, nil
	case opts.TimestampMillis != 0:
		s, err := t.snapshots.EarlierOrEqualTime(ctx, opts.TimestampMillis)
		if err != nil {
			return nil, fmt.Errorf("table %s: snapshot as of %d: %w", t.name, opts.TimestampMillis, err)
		}
		if s == nil {
			return nil, fmt.Errorf("table %s: no snapshot at or before %d", t.name, opts.TimestampMillis)
		}
		return s, nil
	}
	return t.snapshots.Latest(ctx)
}

// Plan plans a batch scan.
func (t *Table) Plan(ctx context.Context, opts ScanOptions) (*Plan, error) {
	snap, err := t.ResolveSnapshot(ctx, opts)
	if err != nil {
		return nil, err
	}
	if snap == nil {
		return &Plan{}, nil
	}
	entries, err := t.liveEntries(ctx, snap, opts.Filter)
	if err != nil {
		return nil, err
	}
	dvs, err := t.deletionVectors(ctx, snap)
	if err != nil {
		return nil, err
	}
	skipL0 := !opts.AllLevels && (t.opts.DeletionVectorsEnabled() || t.opts.MergeEngine() == "first-row")
	type key struct {
		part   string
		bucket int32
	}
	groups := map[key]*Split{}
	var order []key
	for _, e := range entries {
		if skipL0 && t.HasPrimaryKey() && e.File.Level == 0 {
			continue
		}
		if e.Bucket == -2 {
			continue // postpone bucket: invisible until compaction assigns buckets
		}
		keep, err := t.fileMayMatch(ctx, e, opts.Filter)
		if err != nil {
			return nil, err
		}
		if !keep {
			continue
		}
		k := key{string(e.Partition), e.Bucket}
		s := groups[k]
		if s == nil {
			vals, err := t.decodePartition(e.Partition)
			if err != nil {
				return nil, err
			}
			s = &Split{Partition: e.Partition, PartitionValues: vals, Bucket: int(e.Bucket), TotalBuckets: int(e.TotalBuckets)}
			groups[k] = s
			order = append(order, k)
		}
		s.Files = append(s.Files, e.File)
		if ref, ok := dvs[dvKey{string(e.Partition), e.Bucket, e.File.FileName}]; ok {
			if s.DeletionVectors == nil {
				s.DeletionVectors = map[string]DVRef{}
			}
			s.DeletionVectors[e.File.FileName] = ref
		}
	}
	plan := &Plan{Snapshot: snap}
	sort.Slice(order, func(i, j int) bool {
		if order[i].part != order[j].part {
			return order[i].part < order[j].part
		}
		return order[i].bucket < order[j].bucket
	})
	for _, k := range order {
		s := groups[k]
		sort.SliceStable(s.Files, func(i, j int) bool {
			a, b := s.Files[i], s.Files[j]
			if a.Level != b.Level {
				return a.Level < b.Level
			}
			return a.MinSequenceNumber < b.MinSequenceNumber
		})
		plan.Splits = append(plan.Splits, *s)
	}
	return plan, nil
}

// PlanFiles plans the latest files of every level, level 0 included.
func (t *Table) PlanFiles(ctx context.Context, opts ScanOptions) (*Plan, error) {
	opts.AllLevels = true
	return t.Plan(ctx, opts)
}

// PartitionString renders partition values as "k1=v1/k2=v2" (the directory
// spelling), or "-" for an unpartitioned table.
func (t *Table) PartitionString(values []any) string {
	if len(t.partTypes) == 0 {
		return "-"
	}
	p, err := t.partitionDirOf(values)
	if err != nil {
		return fmt.Sprint(values)
	}
	return strings.TrimSuffix(p, "/")
}

// liveEntries reads the base and delta manifests of snap and merges their
// entries into the live files, pruning partitions with the filter.
func (t *Table) liveEntries(ctx context.Context, snap *snapshot.Snapshot, filter []Predicate) ([]manifest.Entry, error) {
	var metas []manifest.FileMeta
	for _, list := range []string{snap.BaseManifestList, snap.DeltaManifestList} {
		if list == "" {
			continue
		}
		ms, err := t.readManifestList(ctx, list)
		if err != nil {
			return nil, err
		}
		metas = append(metas, ms...)
	}
	var all []manifest.Entry
	for _, m := range metas {
		if !t.partitionStatsMayMatch(m.PartitionStats, m.NumAddedFiles+m.NumDeletedFiles, filter) {
			continue
		}
		es, err := t.readManifest(ctx, m.FileName)
		if err != nil {
			return nil, err
		}
		all = append(all, es...)
	}
	live, err := mergeEntries(all)
	if err != nil {
		return nil, fmt.Errorf("table %s snapshot %d: %w", t.name, snap.ID, err)
	}
	if len(filter) == 0 || len(t.partTypes) == 0 {
		return live, nil
	}
	out := live[:0]
	for _, e := range live {
		ok, err := t.partitionMatches(e.Partition, filter)
		if err != nil {
			return nil, err
		}
		if ok {
			out = append(out, e)
		}
	}
	return out, nil
}

// mergeEntries applies ADD and DELETE entries in order: a DELETE removes the ADD
// with the same identifier; an ADD of a live identifier is corruption.
func mergeEntries(entries []manifest.Entry) ([]manifest.Entry, error) {
	type slot struct {
		e    manifest.Entry
		live bool
	}
	idx := map[manifest.Identifier]int{}
	var slots []slot
	deleted := map[manifest.Identifier]bool{}
	for _, e := range entries {
		id := e.Identifier()
		switch e.Kind {
		case manifest.KindAdd:
			if i, ok := idx[id]; ok && slots[i].live {
				return nil, fmt.Errorf("file %s (bucket %d, level %d) is added twice", e.File.FileName, e.Bucket, e.File.Level)
			}
			if deleted[id] {
				// the DELETE came first (in an earlier manifest of a merged list)
				delete(deleted, id)
				continue
			}
			idx[id] = len(slots)
			slots = append(slots, slot{e, true})
		case manifest.KindDelete:
			if i, ok := idx[id]; ok && slots[i].live {
				slots[i].live = false
				delete(idx, id)
			} else {
				deleted[id] = true
			}
		default:
			return nil, fmt.Errorf("file %s has unknown entry kind %d", e.File.FileName, e.Kind)
		}
	}
	out := make([]manifest.Entry, 0, len(idx))
	for _, s := range slots {
		if s.live {
			out = append(out, s.e)
		}
	}
	return out, nil
}

func (t *Table) readManifestList(ctx context.Context, name string) ([]manifest.FileMeta, error) {
	p := t.manifestPath(name)
	data, err := t.fio.ReadFile(ctx, p)
	if err != nil {
		return nil, fmt.Errorf("table %s: read manifest list %s: %w", t.name, p, err)
	}
	ms, err := manifest.DecodeFileMetas(data)
	if err != nil {
		return nil, fmt.Errorf("table %s: manifest list %s: %w", t.name, p, err)
	}
	return ms, nil
}

func (t *Table) readManifest(ctx context.Context, name string) ([]manifest.Entry, error) {
	p := t.manifestPath(name)
	data, err := t.fio.ReadFile(ctx, p)
	if err != nil {
		return nil, fmt.Errorf("table %s: read manifest %s: %w", t.name, p, err)
	}
	es, err := manifest.DecodeEntries(data)
	if err != nil {
		return nil, fmt.Errorf("table %s: manifest %s: %w", t.name, p, err)
	}
	return es, nil
}

type dvKey struct {
	part   string
	bucket int32
	file   string
}

// deletionVectors reads the snapshot's index manifest for deletion vectors.
func (t *Table) deletionVectors(ctx context.Context, snap *snapshot.Snapshot) (map[dvKey]DVRef, error) {
	if snap.IndexManifest == "" {
		return nil, nil
	}
	p := t.manifestPath(snap.IndexManifest)
	data, err := t.fio.ReadFile(ctx, p)
	if err != nil {
		return nil, fmt.Errorf("table %s: read index manifest %s: %w", t.name, p, err)
	}
	es, err := manifest.DecodeIndexEntries(data)
	if err != nil {
		return nil, fmt.Errorf("table %s: index manifest %s: %w", t.name, p, err)
	}
	out := map[dvKey]DVRef{}
	for _, e := range es {
		if e.IndexType != manifest.IndexTypeDeletionVectors || e.Kind != manifest.KindAdd {
			continue
		}
		for _, r := range e.DeletionVectorRanges {
			out[dvKey{string(e.Partition), e.Bucket, r.DataFileName}] = DVRef{
				IndexFile: e.FileName, Offset: r.Offset, Length: r.Length,
				Bitmap64: t.opts.DeletionVectorsBitmap64(),
			}
		}
	}
	return out, nil
}

// partitionMatches evaluates the filter's partition-column predicates exactly.
func (t *Table) partitionMatches(serialized []byte, filter []Predicate) (bool, error) {
	var vals []any
	for _, p := range filter {
		i := indexOf(t.schema.PartitionKeys, p.Column)
		if i < 0 {
			continue
		}
		if vals == nil {
			var err error
			if vals, err = t.decodePartition(serialized); err != nil {
				return false, err
			}
		}
		if !p.matchesValue(vals[i]) {
			return false, nil
		}
	}
	return true, nil
}

// partitionStatsMayMatch uses a manifest's partition stats to skip it.
func (t *Table) partitionStatsMayMatch(st manifest.SimpleStats, n int64, filter []Predicate) bool {
	if len(filter) == 0 || len(t.partTypes) == 0 {
		return true
	}
	stats, err := decodeStats(st, nullableTypes(t.partTypes), n)
	if err != nil {
		return true // unreadable stats never prune
	}
	for _, p := range filter {
		i := indexOf(t.schema.PartitionKeys, p.Column)
		if i >= 0 && !p.mayMatch(t.partTypes[i], stats[i]) {
			return false
		}
	}
	return true
}

// fileMayMatch uses a data file's statistics to skip it. For primary-key
// tables only key columns may prune: skipping a file by a value column could
// hide the newest version of a key and resurrect an older one.
func (t *Table) fileMayMatch(ctx context.Context, e manifest.Entry, filter []Predicate) (bool, error) {
	if len(filter) == 0 {
		return true, nil
	}
	fs, err := t.schemaByID(ctx, e.File.SchemaID)
	if err != nil {
		return false, err
	}
	var statFields []types.Field
	var st manifest.SimpleStats
	if t.HasPrimaryKey() {
		st = e.File.KeyStats
		for _, k := range fs.TrimmedPrimaryKeys() {
			f, _ := fs.Field(k)
			statFields = append(statFields, f)
		}
	} else {
		st = e.File.ValueStats
		statFields = fs.Fields
		if e.File.ValueStatsCols != nil {
			statFields = statFields[:0:0]
			for _, n := range *e.File.ValueStatsCols {
				f, ok := fs.Field(n)
				if !ok {
					return true, nil
				}
				statFields = append(statFields, f)
			}
		}
	}
	stats, err := decodeStats(st, nullableTypes(fieldTypes(statFields)), e.File.RowCount)
	if err != nil {
		return true, nil
	}
	for _, p := range filter {
		cur, ok := t.schema.Field(p.Column)
		if !ok {
			continue
		}
		for i, f := range statFields {
			if f.ID == cur.ID && f.Type.Root == cur.Type.Root && f.Type.Scale == cur.Type.Scale {
				if !p.mayMatch(cur.Type, stats[i]) {
					return false, nil
				}
			}
		}
	}
	return true, nil
}

// decodeStats decodes SimpleStats for columns of the given types.
func decodeStats(st manifest.SimpleStats, ts []types.DataType, rowCount int64) ([]colStats, error) {
	out := make([]colStats, len(ts))
	decode := func(b []byte) ([]any, error) {
		arity, raw, err := binaryrow.Deserialize(b)
		if err != nil {
			return nil, err
		}
		if arity != len(ts) {
			return nil, fmt.Errorf("stats row has %d fields, want %d", arity, len(ts))
		}
		return binaryrow.Decode(ts, raw)
	}
	mins, err := decode(st.MinValues)
	if err != nil {
		return nil, err
	}
	maxs, err := decode(st.MaxValues)
	if err != nil {
		return nil, err
	}
	for i := range ts {
		out[i] = colStats{min: mins[i], max: maxs[i], rowCount: rowCount}
		if i < len(st.NullCounts) && st.NullCounts[i] != nil {
			out[i].nullCount, out[i].knownNull = *st.NullCounts[i], true
		}
	}
	return out, nil
}

func nullableTypes(ts []types.DataType) []types.DataType {
	out := make([]types.DataType, len(ts))
	for i, t := range ts {
		out[i] = t.WithNullable(true)
	}
	return out
}

func indexOf(xs []string, x string) int {
	for i, v := range xs {
		if v == x {
			return i
		}
	}
	return -1
}
