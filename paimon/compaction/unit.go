package compaction

import "github.com/weir-data/weir/paimon/manifest"

// Unit is one compaction job picked by a strategy (Java CompactUnit): the
// input files and the level the output goes to. FileRewrite units (from
// PickFullCompaction when only the max level is populated) rewrite every file
// on its own instead of merging by key (Java FileRewriteCompactTask).
type Unit struct {
	OutputLevel int
	Files       []manifest.DataFileMeta
	FileRewrite bool
}

// UnitFromLevelRuns concatenates the files of runs (Java
// CompactUnit.fromLevelRuns).
func UnitFromLevelRuns(outputLevel int, runs []LevelSortedRun) *Unit {
	var files []manifest.DataFileMeta
	for _, r := range runs {
		files = append(files, r.Run.Files...)
	}
	return &Unit{OutputLevel: outputLevel, Files: files}
}

// Trivial reports whether running the unit would change nothing: it has no
// file, or a single file already on the output level. MergeTreeCompactManager
// drops such picks of the normal (non-full) strategy before submitting them.
func (u *Unit) Trivial() bool {
	return u == nil || len(u.Files) == 0 ||
		(len(u.Files) == 1 && int(u.Files[0].Level) == u.OutputLevel)
}
