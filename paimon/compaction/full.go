package compaction

import "github.com/weir-data/weir/paimon/manifest"

// PickFullCompaction picks a compaction of every file to the max level (Java
// CompactStrategy.pickFullCompaction, used for forced full compactions such
// as full-compaction.delta-commits and dedicated compaction jobs):
//
//   - no runs: nothing;
//   - only the max level is populated: a FileRewrite unit of the files for
//     which needsRewrite is true (compaction.force-rewrite-all-files, files
//     with expired records, files with a deletion vector), or nothing;
//   - otherwise all runs to the max level.
//
// needsRewrite may be nil (no file needs rewriting).
func PickFullCompaction(numLevels int, runs []LevelSortedRun, needsRewrite func(*manifest.DataFileMeta) bool) (*Unit, bool) {
	if numLevels < 2 || len(runs) == 0 {
		return nil, false
	}
	maxLevel := numLevels - 1
	if len(runs) == 1 && runs[0].Level == maxLevel {
		var files []manifest.DataFileMeta
		for i := range runs[0].Run.Files {
			f := &runs[0].Run.Files[i]
			if needsRewrite != nil && needsRewrite(f) {
				files = append(files, *f)
			}
		}
		if len(files) == 0 {
			return nil, false
		}
		return &Unit{OutputLevel: maxLevel, Files: files, FileRewrite: true}, true
	}
	return UnitFromLevelRuns(maxLevel, runs), true
}
