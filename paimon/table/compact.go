package table

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/google/uuid"

	"github.com/weir-data/weir/paimon/compaction"
	"github.com/weir-data/weir/paimon/manifest"
	"github.com/weir-data/weir/paimon/merge"
)

// CompactOptions configure a dedicated compaction.
type CompactOptions struct {
	// Full compacts every bucket into one sorted run on the highest level
	// (dropping deletes); otherwise Paimon's universal compaction picks what
	// to compact per bucket, if anything.
	Full bool
	// CommitUser identifies the compaction's commit (a new UUID when empty).
	CommitUser string
}

// CompactResult describes a compaction.
type CompactResult struct {
	Commit CommitResult
	// Buckets is the number of buckets compacted.
	Buckets int
	// Rewritten, Upgraded and Written count files read and rewritten, files
	// moved to another level by metadata only, and files written.
	Rewritten, Upgraded, Written int
}

// Compact compacts the table's primary-key buckets once, synchronously, and
// commits the result as a COMPACT snapshot. It is safe beside a running
// writer: the commit's conflict checks fail it (ErrCommitConflict, nothing
// changed) if a concurrent compaction replaced the same files.
func (t *Table) Compact(ctx context.Context, opts CompactOptions) (CompactResult, error) {
	var res CompactResult
	if !t.HasPrimaryKey() {
		return res, fmt.Errorf("table %s: compacting append tables is not supported yet", t.name)
	}
	if t.opts.DeletionVectorsEnabled() {
		return res, fmt.Errorf("table %s: compacting deletion-vector tables is not supported yet", t.name)
	}
	w, err := t.newWriter(ctx, WriterOptions{CommitUser: opts.CommitUser}, false)
	if err != nil {
		return res, err
	}
	cfg, err := compaction.ConfigFromOptions(t.opts)
	if err != nil {
		return res, fmt.Errorf("table %s: %w", t.name, err)
	}
	keys, err := compaction.NewKeyComparator(fieldTypes(t.keyFields))
	if err != nil {
		return res, fmt.Errorf("table %s: %w", t.name, err)
	}
	plan, err := t.PlanFiles(ctx, ScanOptions{})
	if err != nil {
		return res, err
	}
	if plan.Snapshot == nil {
		return res, nil
	}
	var msgs []CommitMessage
	cache := t.newLookupCacheIfNeeded()
	for _, sp := range plan.Splits {
		msg, n, err := t.compactBucket(ctx, w, cfg, keys, cache, sp, opts.Full, &res)
		if err != nil {
			w.abortFiles(ctx, msgs)
			return res, err
		}
		if n {
			msgs = append(msgs, msg)
			res.Buckets++
		}
	}
	if len(msgs) == 0 {
		return res, nil
	}
	user := w.CommitUser()
	if opts.CommitUser == "" {
		user = "compact-" + uuid.NewString()
	}
	cr, err := t.Commit(ctx, user, Committable{Identifier: BatchCommitIdentifier, Messages: msgs})
	if err != nil {
		w.abortFiles(ctx, msgs)
		return res, err
	}
	res.Commit = cr
	return res, nil
}

// compactBucket picks and carries out a compaction of one bucket.
func (t *Table) compactBucket(ctx context.Context, w *Writer, cfg compaction.Config, keys *compaction.KeyComparator,
	cache *lookupCache, sp Split, full bool, res *CompactResult) (CommitMessage, bool, error) {
	msg := CommitMessage{Partition: sp.Partition, Bucket: sp.Bucket, TotalBuckets: sp.TotalBuckets}
	levels, err := compaction.NewLevels(keys, sp.Files, cfg.NumLevels)
	if err != nil {
		return msg, false, fmt.Errorf("table %s bucket %d: %w", t.name, sp.Bucket, err)
	}
	job, ok := pickCompaction(cfg, levels, full)
	if !ok {
		return msg, false, nil
	}
	job.cache = cache
	before, after, changelog, stats, err := t.runCompaction(ctx, w, cfg, keys, sp.Partition, sp.Bucket, job)
	if err != nil {
		return msg, false, err
	}
	msg.CompactBefore, msg.CompactAfter, msg.CompactChangelog = before, after, changelog
	res.Rewritten += stats.Rewritten
	res.Written += stats.Written
	res.Upgraded += stats.Upgraded
	return msg, len(before) > 0, nil
}

// compactJob is a picked compaction: the unit and whether it drops deletes.
type compactJob struct {
	unit       *compaction.Unit
	dropDelete bool
	maxLevel   int
	// above are the files of each level above the output level at pick
	// time (indexed by level; lookups read them, and only this compaction
	// may change them); cache holds looked-up files (nil: a new one).
	above [][]manifest.DataFileMeta
	cache *lookupCache
}

// pickCompaction picks a compaction of a bucket: Paimon's universal
// compaction, or a full compaction.
func pickCompaction(cfg compaction.Config, levels *compaction.Levels, full bool) (compactJob, bool) {
	runs := levels.LevelSortedRuns()
	numLevels := levels.MaxLevel() + 1
	var unit *compaction.Unit
	var ok bool
	if full {
		unit, ok = compaction.PickFullCompaction(numLevels, runs, nil)
	} else {
		unit, ok = cfg.NewStrategy(time.Now, time.Time{}).Pick(numLevels, runs)
	}
	if !ok || unit == nil || len(unit.Files) == 0 {
		return compactJob{}, false
	}
	above := make([][]manifest.DataFileMeta, levels.MaxLevel()+1)
	for l := max(unit.OutputLevel+1, 1); l <= levels.MaxLevel(); l++ {
		if run, err := levels.RunOfLevel(l); err == nil {
			above[l] = run.Files
		}
	}
	return compactJob{
		unit:       unit,
		dropDelete: compaction.ShouldDropDelete(unit.OutputLevel, levels.NonEmptyHighestLevel(), false, false),
		maxLevel:   levels.MaxLevel(),
		above:      above,
	}, true
}

// runCompaction carries out a picked compaction: files upgraded by metadata,
// sections merged and rewritten, changelog produced where the table's
// changelog producer asks for it (see stepChangelog). It returns the files
// replaced and written and the changelog files (none committed).
func (t *Table) runCompaction(ctx context.Context, w *Writer, cfg compaction.Config, keys *compaction.KeyComparator,
	partition []byte, bucket int, job compactJob) (before, after, changelog []manifest.DataFileMeta, stats CompactResult, err error) {
	po := compaction.PlanOptions{MaxLevel: job.maxLevel, MinFileSize: cfg.CompactionFileSize}
	if cfg.NeedLookup {
		engine := cfg.MergeEngine
		if len(t.opts.SequenceField()) > 0 {
			// An upgraded (not rewritten) file would hide a newer version
			// on a higher level from lookup reads: rewrite as the other
			// engines do.
			engine += "+sequence.field"
		}
		po.Lookup = &compaction.LookupOptions{MergeEngine: engine, DeletionVectors: cfg.DeletionVectors}
	}
	cp, err := compaction.Plan(job.unit, job.dropDelete, keys, po)
	if err != nil {
		return nil, nil, nil, stats, fmt.Errorf("table %s bucket %d: plan compaction: %w", t.name, bucket, err)
	}
	bw := &bucketWriter{key: bucketKey{string(partition), bucket}}
	fail := func(err error) ([]manifest.DataFileMeta, []manifest.DataFileMeta, []manifest.DataFileMeta, CompactResult, error) {
		w.deleteWritten(ctx, partition, bucket, rewrittenOnly(after, before))
		w.deleteWritten(ctx, partition, bucket, changelog)
		return nil, nil, nil, stats, err
	}
	for _, step := range cp.Steps {
		cl, err := t.stepChangelog(ctx, w, bw, job, partition, bucket, step)
		if err != nil {
			return fail(err)
		}
		switch {
		case step.Kind == compaction.StepUpgrade && cl == nil:
			before = append(before, step.File)
			after = append(after, compaction.Upgraded(step.File, step.OutputLevel))
			stats.Upgraded++
		case step.Kind == compaction.StepUpgrade:
			// Changelog without rewrite: the file is read for its changes
			// and moved up by metadata.
			sec := compaction.Step{Kind: compaction.StepRewrite, OutputLevel: step.OutputLevel, DropDelete: step.DropDelete,
				Sections: [][]compaction.SortedRun{{{Files: []manifest.DataFileMeta{step.File}}}}}
			_, err := t.rewrite(ctx, w, bw, Split{Partition: partition, Bucket: bucket}, sec, cl, false)
			files, ferr := cl.finish()
			changelog = append(changelog, files...)
			if err = errors.Join(err, ferr); err != nil {
				cl.abort()
				return fail(err)
			}
			before = append(before, step.File)
			after = append(after, compaction.Upgraded(step.File, step.OutputLevel))
			stats.Upgraded++
		default:
			in := step.Files()
			out, err := t.rewrite(ctx, w, bw, Split{Partition: partition, Bucket: bucket}, step, cl, true)
			if cl != nil {
				files, ferr := cl.finish()
				changelog = append(changelog, files...)
				err = errors.Join(err, ferr)
			}
			if err != nil {
				if cl != nil {
					cl.abort()
				}
				w.deleteWritten(ctx, partition, bucket, out)
				return fail(err)
			}
			before = append(before, in...)
			after = append(after, out...)
			stats.Rewritten += len(in)
			stats.Written += len(out)
		}
	}
	return before, after, changelog, stats, nil
}

// stepChangelog returns the groupHook of a compaction step, or nil when the
// step is a plain merge:
//
//   - tables that need lookup (changelog-producer lookup, first-row,
//     force-lookup): the steps the planner marks (level-0 files compacted
//     above level 0) look up older versions in the levels above the output
//     level; with changelog-producer = lookup they also write changelog
//     (LookupMergeTreeCompactRewriter);
//   - changelog-producer = full-compaction: steps whose output is the max
//     level (FullChangelogMergeTreeCompactRewriter).
func (t *Table) stepChangelog(ctx context.Context, w *Writer, bw *bucketWriter, job compactJob, partition []byte, bucket int,
	step compaction.Step) (*compactChangelog, error) {
	producer := t.opts.ChangelogProducer()
	switch {
	case step.Changelog:
		mode := lookupChangelog
		if t.opts.MergeEngine() == "first-row" {
			mode = firstRowChangelog
		}
		cache := job.cache
		if cache == nil {
			cache = t.newLookupCacheIfNeeded()
		}
		ll, err := t.newLookupLevels(cache, partition, bucket, job.above, step.OutputLevel)
		if err != nil {
			return nil, err
		}
		return t.newCompactChangelog(ctx, w, bw, mode, producer == "lookup", step.OutputLevel, job.maxLevel, ll)
	case producer == "full-compaction" && step.OutputLevel == job.maxLevel:
		return t.newCompactChangelog(ctx, w, bw, fullChangelog, true, step.OutputLevel, job.maxLevel, nil)
	}
	return nil, nil
}

// newLookupCacheIfNeeded returns a lookup cache of lookup.cache-max-memory-size
// bytes for tables that need lookup, else nil.
func (t *Table) newLookupCacheIfNeeded() *lookupCache {
	if !t.needLookup() {
		return nil
	}
	return newLookupCache(t.lookupCacheBudget())
}

// rewrittenOnly returns the files of after that are not upgrades of before.
func rewrittenOnly(after, before []manifest.DataFileMeta) []manifest.DataFileMeta {
	var out []manifest.DataFileMeta
	for _, f := range after {
		if !containsFile(before, f.FileName) {
			out = append(out, f)
		}
	}
	return out
}

// deleteWritten deletes uncommitted files of a bucket.
func (w *Writer) deleteWritten(ctx context.Context, partition []byte, bucket int, files []manifest.DataFileMeta) {
	partDir, err := w.t.partitionDir(partition)
	if err != nil {
		return
	}
	for _, f := range files {
		_ = w.t.fio.Delete(ctx, w.t.bucketDir(partDir, bucket)+"/"+f.FileName)
	}
}

// rewrite merges the sections of a rewrite step and writes the result on the
// step's output level, rolling files at target-file-size.
//
// cl, when not nil, sees every key (changelog, lookups); without writeData
// the merged rows are only handed to cl (a changelog-producing upgrade).
func (t *Table) rewrite(ctx context.Context, w *Writer, bw *bucketWriter, sp Split, step compaction.Step,
	cl *compactChangelog, writeData bool) ([]manifest.DataFileMeta, error) {
	if cl != nil && cl.lookup != nil {
		defer cl.lookup.close()
	}
	all := make([]int, len(t.schema.Fields))
	for i := range all {
		all[i] = i
	}
	partDir, err := t.partitionDir(sp.Partition)
	if err != nil {
		return nil, err
	}
	r := &splitReader{t: t, split: Split{Partition: sp.Partition, Bucket: sp.Bucket}, proj: all, size: pieceRows,
		dir: t.bucketDir(partDir, sp.Bucket)}
	fn, err := merge.New(t.opts, t.schema.Fields, t.schema.PrimaryKeys...)
	if err != nil {
		return nil, fmt.Errorf("table %s: %w", t.name, err)
	}
	seqCmp, err := merge.NewSequenceComparator(t.opts, t.schema.Fields)
	if err != nil {
		return nil, fmt.Errorf("table %s: %w", t.name, err)
	}
	target := t.opts.TargetFileSize(true)
	var out []manifest.DataFileMeta
	var fw *fileWriter
	closeFile := func() error {
		if fw == nil {
			return nil
		}
		meta, err := fw.close()
		fw = nil
		if err != nil {
			return err
		}
		out = append(out, meta)
		return nil
	}
	for _, section := range step.Sections {
		sources := make([]BatchSource, 0, len(section))
		for _, run := range section {
			src, err := r.kvConcat(ctx, run.Files)
			if err != nil {
				return out, err
			}
			sources = append(sources, src)
		}
		m, err := newKVMerger(ctx, kvLayout{nk: len(t.keyFields)}, fn, seqCmp, t.opts.IgnoreDelete(),
			fieldTypes(t.schema.Fields), nil, sources, pieceRows)
		if err != nil {
			return out, fmt.Errorf("table %s: compact bucket %d: %w", t.name, sp.Bucket, err)
		}
		m.keepRetract = !step.DropDelete
		m.lookupMerge = t.lookupMerges()
		if cl != nil {
			m.hook = cl
		}
		for {
			b, err := m.Next(ctx)
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				m.Close()
				if fw != nil {
					fw.abort()
				}
				return out, fmt.Errorf("table %s: compact bucket %d: %w", t.name, sp.Bucket, err)
			}
			if !writeData {
				continue
			}
			if fw == nil {
				if fw, err = w.openFile(ctx, bw, t.opts.DataFilePrefix()); err != nil {
					m.Close()
					return out, err
				}
				fw.level, fw.source = int32(step.OutputLevel), manifest.FileSourceCompact
			}
			if err := fw.write(b, m.outSeqs, m.outKinds); err != nil {
				m.Close()
				fw.abort()
				return out, err
			}
			if fw.bytes >= target {
				if err := closeFile(); err != nil {
					m.Close()
					return out, err
				}
			}
		}
		if err := m.Close(); err != nil {
			return out, err
		}
	}
	return out, closeFile()
}

// abortFiles deletes the files compactions wrote for messages that were
// never committed (upgraded files are the inputs themselves and stay).
func (w *Writer) abortFiles(ctx context.Context, msgs []CommitMessage) {
	for _, m := range msgs {
		w.deleteWritten(ctx, m.Partition, m.Bucket, m.CompactChangelog)
		w.deleteWritten(ctx, m.Partition, m.Bucket, rewrittenOnly(m.CompactAfter, m.CompactBefore))
	}
}

func containsFile(files []manifest.DataFileMeta, name string) bool {
	for _, f := range files {
		if f.FileName == name {
			return true
		}
	}
	return false
}
