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
	if t.opts.DeletionVectorsEnabled() || t.opts.ChangelogProducer() != "none" {
		return res, fmt.Errorf("table %s: compacting deletion-vector or changelog-producer tables is not supported yet", t.name)
	}
	w, err := t.NewWriter(ctx, WriterOptions{CommitUser: opts.CommitUser})
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
	for _, sp := range plan.Splits {
		msg, n, err := t.compactBucket(ctx, w, cfg, keys, sp, opts.Full, &res)
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
	sp Split, full bool, res *CompactResult) (CommitMessage, bool, error) {
	msg := CommitMessage{Partition: sp.Partition, Bucket: sp.Bucket, TotalBuckets: sp.TotalBuckets}
	levels, err := compaction.NewLevels(keys, sp.Files, cfg.NumLevels)
	if err != nil {
		return msg, false, fmt.Errorf("table %s bucket %d: %w", t.name, sp.Bucket, err)
	}
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
		return msg, false, nil
	}
	dropDelete := compaction.ShouldDropDelete(unit.OutputLevel, levels.NonEmptyHighestLevel(), false, false)
	cp, err := compaction.Plan(unit, dropDelete, keys, compaction.PlanOptions{MaxLevel: levels.MaxLevel(), MinFileSize: cfg.CompactionFileSize})
	if err != nil {
		return msg, false, fmt.Errorf("table %s bucket %d: plan compaction: %w", t.name, sp.Bucket, err)
	}
	bw := &bucketWriter{key: bucketKey{string(sp.Partition), sp.Bucket}}
	for _, step := range cp.Steps {
		switch step.Kind {
		case compaction.StepUpgrade:
			msg.CompactBefore = append(msg.CompactBefore, step.File)
			msg.CompactAfter = append(msg.CompactAfter, compaction.Upgraded(step.File, step.OutputLevel))
			res.Upgraded++
		case compaction.StepRewrite:
			before := step.Files()
			after, err := t.rewrite(ctx, w, bw, sp, step)
			if err != nil {
				msg.CompactAfter = append(msg.CompactAfter, after...)
				w.abortFiles(ctx, []CommitMessage{msg})
				return msg, false, err
			}
			msg.CompactBefore = append(msg.CompactBefore, before...)
			msg.CompactAfter = append(msg.CompactAfter, after...)
			res.Rewritten += len(before)
			res.Written += len(after)
		}
	}
	return msg, len(msg.CompactBefore) > 0, nil
}

// rewrite merges the sections of a rewrite step and writes the result on the
// step's output level, rolling files at target-file-size.
func (t *Table) rewrite(ctx context.Context, w *Writer, bw *bucketWriter, sp Split, step compaction.Step) ([]manifest.DataFileMeta, error) {
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
			if fw == nil {
				if fw, err = w.openFile(ctx, bw); err != nil {
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

// abortFiles deletes files written for messages that were never committed.
func (w *Writer) abortFiles(ctx context.Context, msgs []CommitMessage) {
	for _, m := range msgs {
		partDir, err := w.t.partitionDir(m.Partition)
		if err != nil {
			continue
		}
		for _, f := range m.CompactAfter {
			if f.Level >= 0 && !containsFile(m.CompactBefore, f.FileName) {
				_ = w.t.fio.Delete(ctx, w.t.bucketDir(partDir, m.Bucket)+"/"+f.FileName)
			}
		}
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
