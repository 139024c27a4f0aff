package compaction

// ShouldDropDelete reports whether a compaction writing to outputLevel may
// drop retract (-U/-D) records (Java MergeTreeCompactManager.triggerCompaction):
// never when writing level 0 or when deletes must be kept (chain tables);
// otherwise when no older data lies above the output level (outputLevel >=
// the highest non-empty level) or deletion vectors are enabled.
func ShouldDropDelete(outputLevel, nonEmptyHighestLevel int, deletionVectors, forceKeepDelete bool) bool {
	return !forceKeepDelete && outputLevel != 0 &&
		(outputLevel >= nonEmptyHighestLevel || deletionVectors)
}
