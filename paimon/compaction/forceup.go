package compaction

// ForceUpLevel0 is the strategy of tables that need lookup (changelog-producer
// lookup, deletion vectors, first-row, force-lookup) or set
// compaction.force-up-level-0 (Java ForceUpLevel0Compaction): when the
// universal rules pick nothing, it still compacts all level-0 files upwards,
// because readers of such tables skip level 0.
//
// With MaxInterval > 0 (lookup-compact = gentle, lookup-compact.max-interval)
// the forced pick happens only on every MaxInterval-th call that the
// universal rules left empty. ForceUpLevel0 is stateful and not safe for
// concurrent use.
type ForceUpLevel0 struct {
	Universal   *UniversalCompaction
	MaxInterval int

	count int
}

// Pick implements Strategy.
func (f *ForceUpLevel0) Pick(numLevels int, runs []LevelSortedRun) (*Unit, bool) {
	if f.Universal == nil {
		return nil, false
	}
	if unit, ok := f.Universal.Pick(numLevels, runs); ok {
		return unit, true
	}
	if f.MaxInterval <= 0 {
		return f.Universal.ForcePickL0(numLevels, runs)
	}
	f.count++
	if f.count >= f.MaxInterval {
		f.count = 0
		return f.Universal.ForcePickL0(numLevels, runs)
	}
	return nil, false
}
