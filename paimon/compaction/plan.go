package compaction

import (
	"fmt"

	"github.com/weir-data/weir/paimon/manifest"
)

// StepKind says how a step produces its output files.
type StepKind int

const (
	// StepUpgrade moves one file to the output level by metadata only: the
	// same file is deleted on its old level and added on the new one (Java
	// DataFileMeta.upgrade). With Changelog set, the executor also reads the
	// file to produce lookup changelog (UpgradeStrategy.CHANGELOG_NO_REWRITE).
	StepUpgrade StepKind = iota
	// StepRewrite merges Sections by key (merge function applied, retracts
	// dropped when DropDelete) and writes new files on the output level.
	StepRewrite
)

func (k StepKind) String() string {
	switch k {
	case StepUpgrade:
		return "upgrade"
	case StepRewrite:
		return "rewrite"
	}
	return fmt.Sprintf("StepKind(%d)", int(k))
}

// Step is one action of a Plan.
type Step struct {
	Kind        StepKind
	OutputLevel int
	// File is the file a StepUpgrade moves.
	File manifest.DataFileMeta
	// Sections are the inputs of a StepRewrite: non-overlapping key sections
	// in key order, each a list of sorted runs to merge.
	Sections [][]SortedRun
	// DropDelete is set on a StepRewrite that may drop -U/-D records.
	DropDelete bool
	// Changelog is set when the step must also produce lookup changelog
	// (LookupOptions); the executor looks up levels above OutputLevel.
	Changelog bool
}

// Files returns the input files of the step.
func (s Step) Files() []manifest.DataFileMeta {
	if s.Kind == StepUpgrade {
		return []manifest.DataFileMeta{s.File}
	}
	var out []manifest.DataFileMeta
	for _, sec := range s.Sections {
		for _, r := range sec {
			out = append(out, r.Files...)
		}
	}
	return out
}

// CompactPlan is the ordered list of steps that carries out a Unit. Kept
// lists unit files left untouched because they already sit on the output
// level; they appear in no step and stay live.
type CompactPlan struct {
	Steps []Step
	Kept  []manifest.DataFileMeta
}

// PlanOptions carries what MergeTreeCompactTask knows besides the unit.
type PlanOptions struct {
	// MaxLevel is the bucket's max level (Levels.MaxLevel).
	MaxLevel int
	// MinFileSize is the compaction file size (Java
	// CoreOptions.compactionFileSize: target-file-size / 10 * 7): files of a
	// non-overlapping section smaller than this are rewritten together with
	// their small neighbours instead of upgraded.
	MinFileSize int64
	// ForceRewriteAll is compaction.force-rewrite-all-files.
	ForceRewriteAll bool
	// Expired reports files holding records past record-level.expire-time;
	// they are rewritten rather than upgraded. nil means none.
	Expired func(*manifest.DataFileMeta) bool
	// Lookup, when set, applies the upgrade rules of
	// LookupMergeTreeCompactRewriter (tables that need lookup).
	Lookup *LookupOptions
}

// LookupOptions describes a lookup table's rewriter.
type LookupOptions struct {
	// MergeEngine is the merge-engine option value.
	MergeEngine string
	// DeletionVectors is deletion-vectors.enabled.
	DeletionVectors bool
}

// Plan decides how to carry out unit, like Java's compaction tasks.
//
// A FileRewrite unit rewrites every file alone to the output level
// (FileRewriteCompactTask). Otherwise the files are split by
// IntervalPartition and, walking the sections in key order
// (MergeTreeCompactTask.doCompact):
//
//   - a section with several sorted runs (overlapping files) is a merge
//     candidate;
//   - in a section with a single sorted run, files below MinFileSize become
//     candidates too, while a large file first flushes the pending candidates
//     into one StepRewrite and is then upgraded.
//
// Pending candidates are flushed at the end. A flush of a single section with
// a single run upgrades its files instead of rewriting them. Upgrading a
// file (MergeTreeCompactTask.upgrade):
//
//   - already on the output level: kept, unless ForceRewriteAll or Expired
//     asks for a rewrite;
//   - to a level below the max level, or a file with a known zero
//     DeleteRowCount: a metadata-only StepUpgrade, unless ForceRewriteAll or
//     Expired asks for a rewrite;
//   - otherwise (retracts, or unknown delete count, going to the max level):
//     rewritten alone so the deletes are dropped.
//
// dropDelete is the task's flag (see ShouldDropDelete) and is set on every
// StepRewrite except the lookup changelog rewrites of single files, which
// drop deletes exactly when deletion vectors are enabled.
func Plan(unit *Unit, dropDelete bool, k *KeyComparator, opts PlanOptions) (*CompactPlan, error) {
	if unit == nil {
		return nil, fmt.Errorf("compaction: plan of nil unit")
	}
	if unit.OutputLevel < 0 || unit.OutputLevel > opts.MaxLevel {
		return nil, fmt.Errorf("compaction: unit output level %d out of range 0..%d", unit.OutputLevel, opts.MaxLevel)
	}
	for i := range unit.Files {
		f := &unit.Files[i]
		if f.Level < 0 || int(f.Level) > unit.OutputLevel {
			return nil, fmt.Errorf("compaction: file %s on level %d cannot be compacted to level %d", f.FileName, f.Level, unit.OutputLevel)
		}
	}
	p := &planner{unit: unit, dropDelete: dropDelete, opts: opts, plan: &CompactPlan{}}
	if unit.FileRewrite {
		for _, f := range unit.Files {
			p.rewriteFile(f)
		}
		return p.plan, nil
	}
	sections, err := IntervalPartition(unit.Files, k)
	if err != nil {
		return nil, err
	}
	var candidate [][]SortedRun
	for _, sec := range sections {
		if len(sec) > 1 {
			candidate = append(candidate, sec)
			continue
		}
		for _, f := range sec[0].Files {
			if f.FileSize < opts.MinFileSize {
				candidate = append(candidate, []SortedRun{{Files: []manifest.DataFileMeta{f}}})
			} else {
				candidate = p.flush(candidate)
				p.upgrade(f)
			}
		}
	}
	p.flush(candidate)
	return p.plan, nil
}

type planner struct {
	unit       *Unit
	dropDelete bool
	opts       PlanOptions
	plan       *CompactPlan
}

func (p *planner) out() int { return p.unit.OutputLevel }

func (p *planner) expired(f *manifest.DataFileMeta) bool {
	return p.opts.Expired != nil && p.opts.Expired(f)
}

// flush is MergeTreeCompactTask.rewrite: it returns the emptied candidate
// list.
func (p *planner) flush(candidate [][]SortedRun) [][]SortedRun {
	if len(candidate) == 0 {
		return candidate
	}
	if len(candidate) == 1 && len(candidate[0]) <= 1 {
		if len(candidate[0]) == 1 {
			for _, f := range candidate[0][0].Files {
				p.upgrade(f)
			}
		}
		return candidate[:0]
	}
	p.rewrite(candidate, p.dropDelete)
	return nil
}

// rewrite appends a merge step; lookup tables produce changelog when a
// level-0 file takes part and the output is above level 0
// (ChangelogMergeTreeRewriter.rewriteLookupChangelog).
func (p *planner) rewrite(sections [][]SortedRun, dropDelete bool) {
	st := Step{Kind: StepRewrite, OutputLevel: p.out(), Sections: sections, DropDelete: dropDelete}
	if p.opts.Lookup != nil && p.out() != 0 {
	outer:
		for _, sec := range sections {
			for _, r := range sec {
				for _, f := range r.Files {
					if f.Level == 0 {
						st.Changelog = true
						break outer
					}
				}
			}
		}
	}
	p.plan.Steps = append(p.plan.Steps, st)
}

func (p *planner) rewriteFile(f manifest.DataFileMeta) {
	p.rewrite([][]SortedRun{{{Files: []manifest.DataFileMeta{f}}}}, p.dropDelete)
}

// upgrade is MergeTreeCompactTask.upgrade followed by the rewriter's upgrade.
func (p *planner) upgrade(f manifest.DataFileMeta) {
	if int(f.Level) == p.out() {
		if p.opts.ForceRewriteAll || p.expired(&f) {
			p.rewriteFile(f)
		} else {
			p.plan.Kept = append(p.plan.Kept, f)
		}
		return
	}
	noDeletes := f.DeleteRowCount != nil && *f.DeleteRowCount == 0
	if p.out() != p.opts.MaxLevel || noDeletes {
		if p.opts.ForceRewriteAll || p.expired(&f) {
			p.rewriteFile(f)
			return
		}
		p.rewriterUpgrade(f)
		return
	}
	p.rewriteFile(f)
}

// rewriterUpgrade is CompactRewriter.upgrade: a plain metadata upgrade, or for
// lookup tables LookupMergeTreeCompactRewriter.upgradeStrategy:
//
//   - a file not on level 0: metadata only, no changelog;
//   - deletion vectors and a delete count that is unknown or > 0: rewrite
//     with changelog, dropping deletes;
//   - output to the max level, or merge-engine deduplicate: changelog, no
//     rewrite (the newest record wins, so the file's content stays valid);
//   - other merge engines: rewrite with changelog, since records already on
//     higher levels may merge into it.
func (p *planner) rewriterUpgrade(f manifest.DataFileMeta) {
	lk := p.opts.Lookup
	if lk == nil || f.Level != 0 {
		p.plan.Steps = append(p.plan.Steps, Step{Kind: StepUpgrade, OutputLevel: p.out(), File: f})
		return
	}
	withRewrite := true
	if lk.DeletionVectors && (f.DeleteRowCount == nil || *f.DeleteRowCount > 0) {
		withRewrite = true
	} else if p.out() == p.opts.MaxLevel || lk.MergeEngine == "deduplicate" {
		withRewrite = false
	}
	if withRewrite {
		p.plan.Steps = append(p.plan.Steps, Step{
			Kind: StepRewrite, OutputLevel: p.out(),
			Sections:   [][]SortedRun{{{Files: []manifest.DataFileMeta{f}}}},
			DropDelete: lk.DeletionVectors, Changelog: true,
		})
		return
	}
	p.plan.Steps = append(p.plan.Steps, Step{Kind: StepUpgrade, OutputLevel: p.out(), File: f, Changelog: true})
}

// Upgraded returns the metadata of f moved to level (Java
// DataFileMeta.upgrade): a copy with the new level and everything else kept.
func Upgraded(f manifest.DataFileMeta, level int) manifest.DataFileMeta {
	f.Level = int32(level)
	return f
}
