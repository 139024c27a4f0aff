package compaction

// Strategy picks the next compaction of a bucket (Java CompactStrategy).
//
// runs must be ordered as Levels.LevelSortedRuns returns them: level-0 runs
// newest first, then one run per non-empty level in increasing order.
// Compaction is run based: it always takes a prefix of runs (the newest data)
// and writes it to one level. Pick reports false when nothing should be
// compacted; it returns false rather than failing on degenerate input
// (numLevels < 2, no runs).
type Strategy interface {
	Pick(numLevels int, runs []LevelSortedRun) (*Unit, bool)
}
