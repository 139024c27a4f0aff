package compaction

import "time"

// UniversalCompaction is Paimon's default picker (Java UniversalCompaction,
// after RocksDB's universal compaction): it trades read and space
// amplification for low write amplification. Pick tries, in order:
//
//  0. EarlyFullCompaction, when configured;
//  1. size amplification: with at least NumRunCompactionTrigger runs, when
//     the runs above the oldest one are more than MaxSizeAmp percent of the
//     oldest run, compact everything to the max level;
//  2. size ratio: with at least NumRunCompactionTrigger runs, grow a
//     candidate prefix from the newest run while the next run is not larger
//     than the candidates' total by more than SizeRatio percent;
//  3. file number: with more than NumRunCompactionTrigger runs, start from
//     the newest runs - trigger + 1 runs and grow the prefix by size ratio.
//
// Once a compaction is triggered, runs on level 0 or 1 are always absorbed
// even if they are larger (Paimon PR #9185, which keeps level 1 from growing
// without bound); the prefix only stops before a larger run on level >= 2.
//
// The picker is stateful only through Early; it is not safe for concurrent
// use.
type UniversalCompaction struct {
	// MaxSizeAmp is compaction.max-size-amplification-percent (default 200).
	MaxSizeAmp int
	// SizeRatio is compaction.size-ratio (default 1).
	SizeRatio int
	// NumRunCompactionTrigger is num-sorted-run.compaction-trigger (default 5).
	NumRunCompactionTrigger int
	// Early triggers full compactions ahead of the rules; nil disables.
	Early *EarlyFullCompaction
	// OffPeak adds to SizeRatio during off-peak hours; nil disables.
	OffPeak *OffPeakHours
	// Now is the clock for OffPeak; nil means time.Now.
	Now func() time.Time
}

// Pick implements Strategy.
func (u *UniversalCompaction) Pick(numLevels int, runs []LevelSortedRun) (*Unit, bool) {
	if numLevels < 2 || len(runs) == 0 {
		return nil, false
	}
	maxLevel := numLevels - 1
	if unit, ok := u.Early.TryFullCompact(numLevels, runs); ok {
		return unit, true
	}
	if unit, ok := u.PickForSizeAmp(maxLevel, runs); ok {
		return unit, true
	}
	if unit, ok := u.PickForSizeRatio(maxLevel, runs); ok {
		return unit, true
	}
	if len(runs) > u.NumRunCompactionTrigger {
		candidates := len(runs) - u.NumRunCompactionTrigger + 1
		return u.pickForSizeRatio(maxLevel, runs, candidates, false)
	}
	return nil, false
}

// PickForSizeAmp is rule 1: a full compaction to maxLevel when
// sum(size of all runs but the last) * 100 > MaxSizeAmp * size(last run).
func (u *UniversalCompaction) PickForSizeAmp(maxLevel int, runs []LevelSortedRun) (*Unit, bool) {
	if len(runs) == 0 || len(runs) < u.NumRunCompactionTrigger {
		return nil, false
	}
	var candidate int64
	for _, r := range runs[:len(runs)-1] {
		candidate += r.Run.TotalSize()
	}
	earliest := runs[len(runs)-1].Run.TotalSize()
	if candidate*100 > int64(u.MaxSizeAmp)*earliest {
		u.Early.UpdateLastFullCompaction()
		return UnitFromLevelRuns(maxLevel, runs), true
	}
	return nil, false
}

// PickForSizeRatio is rule 2: the size-ratio pick starting from the newest
// run alone, only with at least NumRunCompactionTrigger runs.
func (u *UniversalCompaction) PickForSizeRatio(maxLevel int, runs []LevelSortedRun) (*Unit, bool) {
	if len(runs) == 0 || len(runs) < u.NumRunCompactionTrigger {
		return nil, false
	}
	return u.pickForSizeRatio(maxLevel, runs, 1, false)
}

// ForcePickL0 compacts all level-0 runs, growing the prefix by size ratio,
// and never returns an output level of 0 (Java UniversalCompaction.forcePickL0,
// used by ForceUpLevel0).
func (u *UniversalCompaction) ForcePickL0(numLevels int, runs []LevelSortedRun) (*Unit, bool) {
	if numLevels < 2 {
		return nil, false
	}
	n := 0
	for n < len(runs) && runs[n].Level <= 0 {
		n++
	}
	if n == 0 {
		return nil, false
	}
	return u.pickForSizeRatio(numLevels-1, runs, n, true)
}

func (u *UniversalCompaction) offPeakRatio() int {
	if u.OffPeak == nil {
		return 0
	}
	now := time.Now
	if u.Now != nil {
		now = u.Now
	}
	return u.OffPeak.CurrentRatio(now().Hour())
}

// pickForSizeRatio grows a prefix of candidateCount runs (Java
// pickForSizeRatio(maxLevel, runs, candidateCount, forcePick)).
func (u *UniversalCompaction) pickForSizeRatio(maxLevel int, runs []LevelSortedRun, candidateCount int, force bool) (*Unit, bool) {
	candidateCount = min(max(candidateCount, 0), len(runs))
	var size int64
	for _, r := range runs[:candidateCount] {
		size += r.Run.TotalSize()
	}
	factor := (100.0 + float64(u.SizeRatio) + float64(u.offPeakRatio())) / 100.0
	triggered := force || candidateCount > 1
	for i := candidateCount; i < len(runs); i++ {
		next := runs[i]
		if float64(size)*factor < float64(next.Run.TotalSize()) {
			if !triggered || next.Level > 1 {
				break
			}
		}
		size += next.Run.TotalSize()
		candidateCount++
		triggered = true
	}
	if !triggered || candidateCount == 0 {
		return nil, false
	}
	return u.createUnit(runs, maxLevel, candidateCount), true
}

// createUnit decides the output level of the first runCount runs (Java
// UniversalCompaction.createUnit): the max level when all runs are taken,
// else one below the next run's level. Output to level 0 is avoided by also
// taking the following runs up to and including the first run on a level
// >= 1, whose level becomes the output level; taking every run means a full
// compaction to maxLevel.
func (u *UniversalCompaction) createUnit(runs []LevelSortedRun, maxLevel, runCount int) *Unit {
	var out int
	if runCount == len(runs) {
		out = maxLevel
	} else {
		out = max(0, runs[runCount].Level-1)
	}
	if out == 0 {
		for i := runCount; i < len(runs); i++ {
			runCount++
			if runs[i].Level != 0 {
				out = runs[i].Level
				break
			}
		}
	}
	if runCount == len(runs) {
		u.Early.UpdateLastFullCompaction()
		out = maxLevel
	}
	return UnitFromLevelRuns(out, runs[:runCount])
}
