package table

import (
	"context"
	"fmt"
	"slices"

	"github.com/weir-data/weir/paimon/compaction"
	"github.com/weir-data/weir/paimon/manifest"
)

// writerCompaction is a writer's LSM view of the buckets it writes and its
// background compaction, as Paimon's MergeTreeWriter runs it: after each flush
// the writer may start one compaction in the background; Prepare hands its
// finished results to the next commit (a COMPACT snapshot after the APPEND);
// the writer waits for compaction only when a bucket has more sorted runs than
// num-sorted-run.stop-trigger. With write-only = true it never compacts
// (a dedicated `weir table compact` does).
type writerCompaction struct {
	cfg    compaction.Config
	keys   *compaction.KeyComparator
	levels map[bucketKey]*compaction.Levels
	cw     *Writer // writes compaction output; used only by the running task

	task    *compactTask
	results map[bucketKey]*compactResult // finished, not yet in a commit

	// cache holds files looked up by compactions (tables that need
	// lookup); prepares counts Prepare calls for full-compaction.delta-commits.
	cache    *lookupCache
	prepares int
	// fullEvery forces a full compaction every that many Prepare calls (0:
	// never); lookupWait makes Prepare compact level 0 away.
	fullEvery  int
	lookupWait bool
}

type compactTask struct {
	key       bucketKey
	done      chan struct{}
	before    []manifest.DataFileMeta
	after     []manifest.DataFileMeta
	changelog []manifest.DataFileMeta
	err       error
}

type compactResult struct {
	before, after, changelog []manifest.DataFileMeta
}

// initCompaction sets up compaction for a primary-key writer.
func (w *Writer) initCompaction(ctx context.Context) error {
	t := w.t
	if !t.HasPrimaryKey() || t.opts.WriteOnly() {
		return nil
	}
	cfg, err := compaction.ConfigFromOptions(t.opts)
	if err != nil {
		return fmt.Errorf("table %s: %w", t.name, err)
	}
	keys, err := compaction.NewKeyComparator(fieldTypes(t.keyFields))
	if err != nil {
		return fmt.Errorf("table %s: %w", t.name, err)
	}
	cw, err := t.newWriter(ctx, WriterOptions{CommitUser: w.user}, false)
	if err != nil {
		return err
	}
	w.compact = &writerCompaction{cfg: cfg, keys: keys, cw: cw,
		levels: map[bucketKey]*compaction.Levels{}, results: map[bucketKey]*compactResult{},
		cache: t.newLookupCacheIfNeeded(), lookupWait: t.lookupWait()}
	if w.compact.fullEvery, err = t.fullCompactionEvery(w.commitInterval); err != nil {
		return err
	}
	return nil
}

// levelsOf returns a bucket's levels, built from its live files on first use.
func (w *Writer) levelsOf(key bucketKey) (*compaction.Levels, error) {
	c := w.compact
	if l, ok := c.levels[key]; ok {
		return l, nil
	}
	l, err := compaction.NewLevels(c.keys, w.live[key], c.cfg.NumLevels)
	if err != nil {
		return nil, fmt.Errorf("table %s bucket %d: %w", w.t.name, key.bucket, err)
	}
	c.levels[key] = l
	return l, nil
}

// afterFlush records new level-0 files, collects a finished compaction,
// waits for compaction while the bucket is over the stop trigger, and starts
// a new background compaction when one is due.
func (w *Writer) afterFlush(ctx context.Context, key bucketKey, files []manifest.DataFileMeta) error {
	c := w.compact
	if c == nil {
		return nil
	}
	l, err := w.levelsOf(key)
	if err != nil {
		return err
	}
	for _, f := range files {
		if err := l.AddLevel0File(f); err != nil {
			return fmt.Errorf("table %s bucket %d: %w", w.t.name, key.bucket, err)
		}
	}
	if err := w.collectCompaction(ctx, false); err != nil {
		return err
	}
	for compaction.ShouldStall(l.NumberOfSortedRuns(), c.cfg.StopTrigger) {
		// Write stall: finish the running compaction, or compact this bucket now.
		if c.task != nil {
			if err := w.collectCompaction(ctx, true); err != nil {
				return err
			}
			continue
		}
		if !w.startCompaction(ctx, key) {
			break
		}
		if err := w.collectCompaction(ctx, true); err != nil {
			return err
		}
	}
	if c.task == nil {
		w.startCompaction(ctx, key)
	}
	return nil
}

// startCompaction starts a background compaction of the bucket if one is
// picked; it reports whether it started one.
func (w *Writer) startCompaction(ctx context.Context, key bucketKey) bool {
	return w.startCompactionOf(ctx, key, false)
}

// startCompactionOf starts a background compaction of the bucket (a full
// compaction if full) if one is picked; it reports whether it started one.
func (w *Writer) startCompactionOf(ctx context.Context, key bucketKey, full bool) bool {
	c := w.compact
	l := c.levels[key]
	job, ok := pickCompaction(c.cfg, l, full)
	if !ok {
		return false
	}
	job.cache = c.cache
	task := &compactTask{key: key, done: make(chan struct{})}
	c.task = task
	// The task outlives the Write or Prepare call that started it.
	ctx = context.WithoutCancel(ctx)
	go func() {
		defer close(task.done)
		task.before, task.after, task.changelog, _, task.err = w.t.runCompaction(ctx, c.cw, c.cfg, c.keys, []byte(key.part), key.bucket, job)
	}()
	return true
}

// collectCompaction applies a finished compaction (waiting for it if wait).
func (w *Writer) collectCompaction(ctx context.Context, wait bool) error {
	c := w.compact
	if c == nil || c.task == nil {
		return nil
	}
	task := c.task
	if wait {
		select {
		case <-task.done:
		case <-ctx.Done():
			return ctx.Err()
		}
	} else {
		select {
		case <-task.done:
		default:
			return nil
		}
	}
	c.task = nil
	if task.err != nil {
		return fmt.Errorf("table %s: compaction of bucket %d: %w", w.t.name, task.key.bucket, task.err)
	}
	if err := c.levels[task.key].Update(task.before, task.after); err != nil {
		w.deleteWritten(ctx, []byte(task.key.part), task.key.bucket, rewrittenOnly(task.after, task.before))
		w.deleteWritten(ctx, []byte(task.key.part), task.key.bucket, task.changelog)
		return fmt.Errorf("table %s: compaction of bucket %d: %w", w.t.name, task.key.bucket, err)
	}
	r := c.results[task.key]
	if r == nil {
		r = &compactResult{}
		c.results[task.key] = r
	}
	// A file written or upgraded by an earlier compaction of this commit
	// and compacted again never reaches a snapshot: it leaves the result
	// instead of being deleted by it (Paimon's MergeTreeWriter.updateCompactResult).
	for _, f := range task.before {
		i := slices.IndexFunc(r.after, func(a manifest.DataFileMeta) bool { return a.FileName == f.FileName })
		if i < 0 {
			r.before = append(r.before, f)
			continue
		}
		r.after = slices.Delete(r.after, i, i+1)
		if !containsFile(r.before, f.FileName) && !containsFile(task.after, f.FileName) {
			// An intermediate file, not the upgrade of a committed one.
			w.deleteWritten(ctx, []byte(task.key.part), task.key.bucket, []manifest.DataFileMeta{f})
		}
	}
	r.after = append(r.after, task.after...)
	r.changelog = append(r.changelog, task.changelog...)
	return nil
}

// takeCompactions moves the finished compactions into commit messages.
func (w *Writer) takeCompactions(msgs []CommitMessage) []CommitMessage {
	c := w.compact
	if c == nil || len(c.results) == 0 {
		return msgs
	}
	keys := make([]bucketKey, 0, len(c.results))
	for k := range c.results {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b bucketKey) int {
		if a.part != b.part {
			if a.part < b.part {
				return -1
			}
			return 1
		}
		return a.bucket - b.bucket
	})
	for _, k := range keys {
		r := c.results[k]
		i := slices.IndexFunc(msgs, func(m CommitMessage) bool { return string(m.Partition) == k.part && m.Bucket == k.bucket })
		if i < 0 {
			msgs = append(msgs, CommitMessage{Partition: []byte(k.part), Bucket: k.bucket, TotalBuckets: w.numBuckets})
			i = len(msgs) - 1
		}
		msgs[i].CompactBefore = append(msgs[i].CompactBefore, r.before...)
		msgs[i].CompactAfter = append(msgs[i].CompactAfter, r.after...)
		msgs[i].CompactChangelog = append(msgs[i].CompactChangelog, r.changelog...)
	}
	clear(c.results)
	return msgs
}

// Close waits for a running compaction and deletes the files of compactions
// that were never handed to a commit. Call it when done with the writer.
func (w *Writer) Close(ctx context.Context) error {
	defer w.removeSpill()
	c := w.compact
	if c == nil {
		return nil
	}
	if c.task != nil {
		<-c.task.done
		if c.task.err == nil {
			w.deleteWritten(ctx, []byte(c.task.key.part), c.task.key.bucket, rewrittenOnly(c.task.after, c.task.before))
			w.deleteWritten(ctx, []byte(c.task.key.part), c.task.key.bucket, c.task.changelog)
		}
		c.task = nil
	}
	for k, r := range c.results {
		w.deleteWritten(ctx, []byte(k.part), k.bucket, rewrittenOnly(r.after, r.before))
		w.deleteWritten(ctx, []byte(k.part), k.bucket, r.changelog)
	}
	clear(c.results)
	return nil
}
