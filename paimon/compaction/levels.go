package compaction

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/weir-data/weir/paimon/manifest"
)

// Levels holds the live data files of one bucket by LSM level (Java
// mergetree.Levels). Level 0 is a set of individual sorted runs ordered
// newest first; every level >= 1 is one sorted run of non-overlapping files
// ordered by min key. A Levels is not safe for concurrent use.
type Levels struct {
	k      *KeyComparator
	level0 []manifest.DataFileMeta // newest first, see level0Order
	levels []SortedRun             // levels[i] is level i+1
}

// level0Order is Java's level-0 TreeSet comparator: larger max sequence
// number first; equal sequence numbers ordered by file name so that files
// written concurrently by several jobs are all kept.
func level0Order(a, b manifest.DataFileMeta) int {
	if a.MaxSequenceNumber != b.MaxSequenceNumber {
		return cmp.Compare(b.MaxSequenceNumber, a.MaxSequenceNumber)
	}
	return cmp.Compare(a.FileName, b.FileName)
}

// NewLevels arranges a bucket's live files into levels. The number of levels
// is the larger of numLevels and the highest file level + 1 (as Java does
// when num-levels was changed) and must be at least 2. It fails, naming the
// files, on a negative level, a duplicate file name, an undecodable key or
// min key > max key, and on overlapping key ranges within a level >= 1.
func NewLevels(k *KeyComparator, files []manifest.DataFileMeta, numLevels int) (*Levels, error) {
	if k == nil {
		return nil, fmt.Errorf("compaction: nil key comparator")
	}
	n := numLevels
	for i := range files {
		if files[i].Level < 0 {
			return nil, fmt.Errorf("compaction: file %s has negative level %d", files[i].FileName, files[i].Level)
		}
		n = max(n, int(files[i].Level)+1)
	}
	if n < 2 {
		return nil, fmt.Errorf("compaction: number of levels must be at least 2, got %d", n)
	}
	l := &Levels{k: k, levels: make([]SortedRun, n-1)}
	if err := l.Update(nil, files); err != nil {
		return nil, err
	}
	return l, nil
}

// NumberOfLevels is the number of levels, including level 0.
func (l *Levels) NumberOfLevels() int { return len(l.levels) + 1 }

// MaxLevel is the highest level number (NumberOfLevels - 1).
func (l *Levels) MaxLevel() int { return len(l.levels) }

// Level0 returns the level-0 files, newest first. The slice is a copy.
func (l *Levels) Level0() []manifest.DataFileMeta { return slices.Clone(l.level0) }

// RunOfLevel returns the sorted run of a level >= 1 (its Files alias the
// Levels' storage and must not be modified).
func (l *Levels) RunOfLevel(level int) (SortedRun, error) {
	if level <= 0 || level > len(l.levels) {
		return SortedRun{}, fmt.Errorf("compaction: level %d has no single sorted run (levels 1..%d)", level, len(l.levels))
	}
	return l.levels[level-1], nil
}

// NumberOfSortedRuns counts each level-0 file plus each non-empty level >= 1.
func (l *Levels) NumberOfSortedRuns() int {
	n := len(l.level0)
	for _, r := range l.levels {
		if !r.IsEmpty() {
			n++
		}
	}
	return n
}

// NonEmptyHighestLevel returns the highest level holding a file, or -1 when
// the bucket is empty.
func (l *Levels) NonEmptyHighestLevel() int {
	for i := len(l.levels) - 1; i >= 0; i-- {
		if !l.levels[i].IsEmpty() {
			return i + 1
		}
	}
	if len(l.level0) > 0 {
		return 0
	}
	return -1
}

// TotalFileSize is the size of all files.
func (l *Levels) TotalFileSize() int64 {
	var n int64
	for _, f := range l.level0 {
		n += f.FileSize
	}
	for _, r := range l.levels {
		n += r.TotalSize()
	}
	return n
}

// LevelSortedRuns lists the sorted runs newest first: every level-0 file as
// its own run, then each non-empty level >= 1 in increasing level order. This
// is the input of the pickers.
func (l *Levels) LevelSortedRuns() []LevelSortedRun {
	runs := make([]LevelSortedRun, 0, l.NumberOfSortedRuns())
	for _, f := range l.level0 {
		runs = append(runs, LevelSortedRun{Level: 0, Run: SortedRun{Files: []manifest.DataFileMeta{f}}})
	}
	for i, r := range l.levels {
		if !r.IsEmpty() {
			runs = append(runs, LevelSortedRun{Level: i + 1, Run: SortedRun{Files: slices.Clone(r.Files)}})
		}
	}
	return runs
}

// AllFiles returns every file in LevelSortedRuns order.
func (l *Levels) AllFiles() []manifest.DataFileMeta {
	var out []manifest.DataFileMeta
	for _, r := range l.LevelSortedRuns() {
		out = append(out, r.Run.Files...)
	}
	return out
}

// AddLevel0File adds a newly flushed level-0 file.
func (l *Levels) AddLevel0File(f manifest.DataFileMeta) error {
	if f.Level != 0 {
		return fmt.Errorf("compaction: file %s is on level %d, not 0", f.FileName, f.Level)
	}
	return l.Update(nil, []manifest.DataFileMeta{f})
}

// Update applies a compaction result (Java Levels.update): every file of
// before is removed from the level it names and every file of after is added
// to its level. A file both in before and after (an upgrade) moves. Update is
// atomic: on error the Levels is unchanged. It fails, naming the files, when
// a before file is not live on its level, an after file's level is out of
// range or duplicates a live file name, or a level >= 1 would overlap.
func (l *Levels) Update(before, after []manifest.DataFileMeta) error {
	if err := l.k.checkFiles(after); err != nil {
		return err
	}
	n := len(l.levels) + 1
	level0 := slices.Clone(l.level0)
	byLevel := make([][]manifest.DataFileMeta, n)
	changed := make([]bool, n)
	for i, r := range l.levels {
		byLevel[i+1] = r.Files
	}
	for _, b := range before {
		lv := int(b.Level)
		if lv < 0 || lv >= n {
			return fmt.Errorf("compaction: removing file %s: level %d out of range 0..%d", b.FileName, lv, n-1)
		}
		list := level0
		if lv > 0 {
			list = byLevel[lv]
		}
		i := slices.IndexFunc(list, func(f manifest.DataFileMeta) bool { return f.FileName == b.FileName })
		if i < 0 {
			return fmt.Errorf("compaction: removing file %s: not live on level %d", b.FileName, lv)
		}
		list = slices.Delete(slices.Clone(list), i, i+1)
		if lv == 0 {
			level0 = list
		} else {
			byLevel[lv] = list
			changed[lv] = true
		}
	}
	live := make(map[string]int, len(level0))
	for _, f := range level0 {
		live[f.FileName] = 0
	}
	for lv := 1; lv < n; lv++ {
		for _, f := range byLevel[lv] {
			live[f.FileName] = lv
		}
	}
	for _, a := range after {
		lv := int(a.Level)
		if lv < 0 || lv >= n {
			return fmt.Errorf("compaction: adding file %s: level %d out of range 0..%d", a.FileName, lv, n-1)
		}
		if prev, ok := live[a.FileName]; ok {
			return fmt.Errorf("compaction: adding file %s to level %d: already live on level %d", a.FileName, lv, prev)
		}
		live[a.FileName] = lv
		if lv == 0 {
			level0 = append(level0, a)
		} else {
			byLevel[lv] = append(slices.Clone(byLevel[lv]), a)
			changed[lv] = true
		}
	}
	slices.SortFunc(level0, level0Order)
	levels := slices.Clone(l.levels)
	for lv := 1; lv < n; lv++ {
		if !changed[lv] {
			continue
		}
		run, err := sortedRunFromUnsorted(lv, byLevel[lv], l.k)
		if err != nil {
			return err
		}
		levels[lv-1] = run
	}
	l.level0, l.levels = level0, levels
	return nil
}
