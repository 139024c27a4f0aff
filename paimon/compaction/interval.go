package compaction

import (
	"fmt"
	"slices"

	"github.com/weir-data/weir/paimon/manifest"
)

// IntervalPartition splits files into sections (Java IntervalPartition):
// sections are ordered by key and their key ranges do not overlap; within a
// section, files whose ranges chain together are grouped into the minimum
// number of sorted runs. Merge-on-read and compaction merge each section on
// its own.
//
// Files are ordered by (min key, max key), stably. A section ends when the
// next file's min key is greater than the largest max key seen in it. Inside
// a section each file is appended to the run whose last max key is smallest
// if that key is below the file's min key, else it starts a new run. Runs are
// returned in creation order (Java leaves their order unspecified).
func IntervalPartition(files []manifest.DataFileMeta, k *KeyComparator) ([][]SortedRun, error) {
	if k == nil {
		return nil, fmt.Errorf("compaction: nil key comparator")
	}
	if err := k.checkFiles(files); err != nil {
		return nil, err
	}
	sorted := slices.Clone(files)
	s := sorter{k: k}
	slices.SortStableFunc(sorted, func(a, b manifest.DataFileMeta) int {
		if c := s.cmp(a.MinKey, b.MinKey); c != 0 {
			return c
		}
		return s.cmp(a.MaxKey, b.MaxKey)
	})
	if s.err != nil {
		return nil, fmt.Errorf("compaction: interval partition: %w", s.err)
	}

	var result [][]SortedRun
	var section []manifest.DataFileMeta
	var bound []byte
	for _, f := range sorted {
		if len(section) > 0 && s.cmp(f.MinKey, bound) > 0 {
			result = append(result, partitionSection(section, &s))
			section, bound = nil, nil
		}
		section = append(section, f)
		if bound == nil || s.cmp(f.MaxKey, bound) > 0 {
			bound = f.MaxKey
		}
	}
	if len(section) > 0 {
		result = append(result, partitionSection(section, &s))
	}
	if s.err != nil {
		return nil, fmt.Errorf("compaction: interval partition: %w", s.err)
	}
	return result, nil
}

// partitionSection greedily packs the files of one section (sorted by min
// key) into the fewest sorted runs.
func partitionSection(files []manifest.DataFileMeta, s *sorter) []SortedRun {
	var runs [][]manifest.DataFileMeta
	for _, f := range files {
		best := -1
		for i, r := range runs {
			if best < 0 || s.cmp(r[len(r)-1].MaxKey, runs[best][len(runs[best])-1].MaxKey) < 0 {
				best = i
			}
		}
		if best >= 0 && s.cmp(f.MinKey, runs[best][len(runs[best])-1].MaxKey) > 0 {
			runs[best] = append(runs[best], f)
		} else {
			runs = append(runs, []manifest.DataFileMeta{f})
		}
	}
	out := make([]SortedRun, len(runs))
	for i, r := range runs {
		out[i] = SortedRun{Files: r}
	}
	return out
}
