// Package compaction is the pure planning half of Paimon's LSM compaction for
// primary-key tables: which files of one bucket to compact, to which level,
// and which of them can be moved by metadata only versus merged and
// rewritten. It performs no I/O; an executor reads and writes the files a
// plan names and feeds the result back through Levels.Update.
//
// It mirrors Apache Paimon's Java implementation (paimon-core,
// org.apache.paimon.mergetree and .mergetree.compact):
//
//   - Levels (Levels.java): the live files of a bucket, level 0 as one sorted
//     run per file (newest first), every level >= 1 as one sorted run of
//     non-overlapping files ordered by min key.
//   - SortedRun, LevelSortedRun (SortedRun.java, LevelSortedRun.java).
//   - IntervalPartition (IntervalPartition.java): sections of overlapping key
//     ranges, each split into the minimum number of sorted runs.
//   - UniversalCompaction (UniversalCompaction.java), ForceUpLevel0
//     (ForceUpLevel0Compaction.java), EarlyFullCompaction
//     (EarlyFullCompaction.java), OffPeakHours (OffPeakHours.java) and
//     PickFullCompaction (CompactStrategy.pickFullCompaction): the pickers.
//   - Unit (compact/CompactUnit.java).
//   - Plan (MergeTreeCompactTask.doCompact / upgrade, FileRewriteCompactTask,
//     LookupMergeTreeCompactRewriter.upgradeStrategy): upgrade-versus-rewrite.
//   - ShouldStall (MergeTreeCompactManager.shouldWaitForLatestCompaction) and
//     ShouldDropDelete (MergeTreeCompactManager.triggerCompaction).
//
// Keys are compared as Paimon does, field by field on the decoded BinaryRow
// (binaryrow.Compare), so a KeyComparator needs the key field types. Files
// whose keys cannot be decoded are reported as errors naming the file; no
// function panics on bad input.
package compaction
