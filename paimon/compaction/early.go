package compaction

import (
	"time"

	"github.com/weir-data/weir/paimon/manifest"
)

// EarlyFullCompaction triggers a full compaction ahead of the universal
// rules (Java EarlyFullCompaction): when compaction.optimization-interval has
// passed since the last full compaction, when the bucket is smaller than
// compaction.total-size-threshold, or when the data above the max level
// exceeds compaction.incremental-size-threshold. It is stateful (the time of
// the last full compaction) and not safe for concurrent use.
type EarlyFullCompaction struct {
	// Interval is compaction.optimization-interval; 0 disables it.
	Interval time.Duration
	// TotalSizeThreshold is compaction.total-size-threshold in bytes; 0
	// disables it.
	TotalSizeThreshold int64
	// IncrementalSizeThreshold is compaction.incremental-size-threshold in
	// bytes; 0 disables it.
	IncrementalSizeThreshold int64
	// Now is the clock; nil means time.Now.
	Now func() time.Time

	last    time.Time
	hasLast bool
}

// SetLastFullCompaction records when the last full compaction happened, e.g.
// from EstimateLastFullCompaction when a writer restores a bucket.
func (e *EarlyFullCompaction) SetLastFullCompaction(t time.Time) {
	e.last, e.hasLast = t, true
}

// UpdateLastFullCompaction records that a full compaction happens now.
func (e *EarlyFullCompaction) UpdateLastFullCompaction() {
	if e != nil {
		e.SetLastFullCompaction(e.now())
	}
}

func (e *EarlyFullCompaction) now() time.Time {
	if e.Now != nil {
		return e.Now()
	}
	return time.Now()
}

// TryFullCompact returns a unit of all runs to the max level when one of the
// thresholds fires, in Java's order: interval, total size, incremental size.
// A single run is never picked.
func (e *EarlyFullCompaction) TryFullCompact(numLevels int, runs []LevelSortedRun) (*Unit, bool) {
	if e == nil || len(runs) <= 1 || numLevels < 2 {
		return nil, false
	}
	maxLevel := numLevels - 1
	if e.Interval > 0 {
		if !e.hasLast || e.now().Sub(e.last) > e.Interval {
			e.UpdateLastFullCompaction()
			return UnitFromLevelRuns(maxLevel, runs), true
		}
	}
	if e.TotalSizeThreshold > 0 {
		var total int64
		for _, r := range runs {
			total += r.Run.TotalSize()
		}
		if total < e.TotalSizeThreshold {
			e.UpdateLastFullCompaction()
			return UnitFromLevelRuns(maxLevel, runs), true
		}
	}
	if e.IncrementalSizeThreshold > 0 {
		var inc int64
		for _, r := range runs {
			if r.Level != maxLevel {
				inc += r.Run.TotalSize()
			}
		}
		if inc > e.IncrementalSizeThreshold {
			e.UpdateLastFullCompaction()
			return UnitFromLevelRuns(maxLevel, runs), true
		}
	}
	return nil, false
}

// EstimateLastFullCompaction guesses the time of the last full compaction of
// a restored bucket as the newest creation time of its max-level files (Java
// MergeTreeCompactManagerFactory.estimateLastFullCompactionTime). Creation
// times are local wall-clock readings stored as if UTC (paimon-format.md
// pitfall 8); they are interpreted in loc (nil means time.Local), as Java
// interprets them in the JVM's default zone.
func EstimateLastFullCompaction(files []manifest.DataFileMeta, numLevels int, loc *time.Location) (time.Time, bool) {
	if loc == nil {
		loc = time.Local
	}
	maxLevel := numLevels - 1
	var best int64
	found := false
	for i := range files {
		f := &files[i]
		if int(f.Level) != maxLevel || f.CreationTime == nil {
			continue
		}
		if !found || *f.CreationTime > best {
			best, found = *f.CreationTime, true
		}
	}
	if !found {
		return time.Time{}, false
	}
	w := time.UnixMilli(best).UTC()
	return time.Date(w.Year(), w.Month(), w.Day(), w.Hour(), w.Minute(), w.Second(), w.Nanosecond(), loc), true
}
