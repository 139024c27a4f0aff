package compaction

// ShouldStall is the write-stall rule (Java
// MergeTreeCompactManager.shouldWaitForLatestCompaction): a writer must wait
// for the running compaction while the bucket has more sorted runs than
// num-sorted-run.stop-trigger (default compaction trigger + 3).
func ShouldStall(numSortedRuns, stopTrigger int) bool {
	return int64(numSortedRuns) > int64(stopTrigger)
}

// ShouldStallRuns applies ShouldStall to the runs of Levels.LevelSortedRuns.
func ShouldStallRuns(runs []LevelSortedRun, stopTrigger int) bool {
	return ShouldStall(len(runs), stopTrigger)
}

// ShouldWaitForPreparingCheckpoint is the stricter rule applied when a
// checkpoint is prepared (Java shouldWaitForPreparingCheckpoint): more than
// stop-trigger + 1 sorted runs.
func ShouldWaitForPreparingCheckpoint(numSortedRuns, stopTrigger int) bool {
	return int64(numSortedRuns) > int64(stopTrigger)+1
}
