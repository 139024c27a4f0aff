package compaction

import (
	"fmt"
	"slices"

	"github.com/weir-data/weir/paimon/manifest"
)

// SortedRun is a list of files ordered by key whose [MinKey, MaxKey]
// intervals do not overlap (Java SortedRun).
type SortedRun struct {
	Files []manifest.DataFileMeta
}

// TotalSize is the sum of the files' sizes.
func (r SortedRun) TotalSize() int64 {
	var n int64
	for i := range r.Files {
		n += r.Files[i].FileSize
	}
	return n
}

// IsEmpty reports whether the run has no file.
func (r SortedRun) IsEmpty() bool { return len(r.Files) == 0 }

// LevelSortedRun is a sorted run together with the level it lives on (Java
// LevelSortedRun). Level-0 runs hold exactly one file.
type LevelSortedRun struct {
	Level int
	Run   SortedRun
}

// sortedRunFromUnsorted orders files by min key and checks that neighbours do
// not overlap (Java SortedRun.fromUnsorted + validate), naming the two files
// on overlap. files is sorted in place.
func sortedRunFromUnsorted(level int, files []manifest.DataFileMeta, k *KeyComparator) (SortedRun, error) {
	s := sorter{k: k}
	slices.SortStableFunc(files, func(a, b manifest.DataFileMeta) int { return s.cmp(a.MinKey, b.MinKey) })
	if s.err != nil {
		return SortedRun{}, fmt.Errorf("compaction: level %d: sorting by min key: %w", level, s.err)
	}
	for i := 1; i < len(files); i++ {
		c, err := k.Compare(files[i].MinKey, files[i-1].MaxKey)
		if err != nil {
			return SortedRun{}, fmt.Errorf("compaction: level %d: files %s and %s: %w", level, files[i-1].FileName, files[i].FileName, err)
		}
		if c <= 0 {
			return SortedRun{}, fmt.Errorf("compaction: level %d: key ranges of files %s and %s overlap", level, files[i-1].FileName, files[i].FileName)
		}
	}
	return SortedRun{Files: files}, nil
}
