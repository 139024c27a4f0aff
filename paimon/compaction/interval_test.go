package compaction

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/weir-data/weir/paimon/manifest"
)

type ival struct{ lo, hi int32 }

func sectionsString(secs [][]SortedRun) string {
	var b strings.Builder
	for i, sec := range secs {
		if i > 0 {
			b.WriteString(" | ")
		}
		for j, r := range sec {
			if j > 0 {
				b.WriteString(" ; ")
			}
			b.WriteString(strings.Join(names(r.Files), ","))
		}
	}
	return b.String()
}

// TestIntervalPartition follows IntervalPartitionTest: sections of
// overlapping ranges, each split into the fewest sorted runs.
func TestIntervalPartition(t *testing.T) {
	k := newCmp(t)
	for _, tc := range []struct {
		name  string
		files []ival
		want  string // files named by their index; runs ";", sections "|"
	}{
		{"empty", nil, ""},
		{"single", []ival{{1, 5}}, "0"},
		{"disjoint", []ival{{30, 40}, {1, 10}, {11, 20}}, "1 | 2 | 0"},
		// [1,10] and [5,15] overlap; [16,20] starts after bound 15.
		{"overlap then gap", []ival{{1, 10}, {5, 15}, {16, 20}}, "0 ; 1 | 2"},
		// Touching keys (10 == 10) overlap: max key is inclusive.
		{"touching", []ival{{1, 10}, {10, 20}}, "0 ; 1"},
		// One long file covers three short ones: two runs in one section.
		{"covering", []ival{{1, 100}, {1, 10}, {20, 30}, {40, 50}}, "1,2,3 ; 0"},
		// Greedy packing: [3,8] overlaps [1,5] and opens a second run; [6,10]
		// goes to the run whose last max key is smallest (5); [11,12] starts a
		// new section.
		{"greedy", []ival{{1, 5}, {3, 8}, {6, 10}, {11, 12}}, "0,2 ; 1 | 3"},
		// [7,9] overlaps both runs' tails (10 and 8) and opens a third run.
		{"three runs", []ival{{1, 5}, {3, 8}, {6, 10}, {7, 9}}, "0,2 ; 1 ; 3"},
		// Equal min keys order by max key.
		{"same min", []ival{{1, 9}, {1, 3}, {4, 5}}, "1,2 ; 0"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var files []manifest.DataFileMeta
			for i, iv := range tc.files {
				files = append(files, kf(t, fmt.Sprint(i), 0, iv.lo, iv.hi, 1, int64(i)))
			}
			secs, err := IntervalPartition(files, k)
			if err != nil {
				t.Fatal(err)
			}
			if got := sectionsString(secs); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
	bad := kf(t, "bad", 0, 1, 2, 1, 1)
	bad.MinKey = nil
	if _, err := IntervalPartition([]manifest.DataFileMeta{bad}, k); err == nil || !strings.Contains(err.Error(), "bad") {
		t.Errorf("corrupt key: %v", err)
	}
	if _, err := IntervalPartition(nil, nil); err == nil {
		t.Error("nil comparator accepted")
	}
}

// TestIntervalPartitionRandom checks the partition properties on random
// input: every file appears once, runs do not overlap, sections do not
// overlap each other, and the number of runs of a section equals its maximum
// point overlap (the greedy algorithm is optimal).
func TestIntervalPartitionRandom(t *testing.T) {
	k := newCmp(t)
	rng := rand.New(rand.NewPCG(1, 2))
	for iter := 0; iter < 200; iter++ {
		n := rng.IntN(20)
		var files []manifest.DataFileMeta
		var ivs []ival
		for i := 0; i < n; i++ {
			lo := int32(rng.IntN(100))
			hi := lo + int32(rng.IntN(15))
			ivs = append(ivs, ival{lo, hi})
			files = append(files, kf(t, fmt.Sprint(i), 0, lo, hi, 1, int64(i)))
		}
		secs, err := IntervalPartition(files, k)
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		prevHi := int32(-1)
		for _, sec := range secs {
			secLo, secHi := int32(1<<30), int32(-1)
			var secIvs []ival
			for _, r := range sec {
				for j, f := range r.Files {
					if seen[f.FileName] {
						t.Fatalf("file %s twice", f.FileName)
					}
					seen[f.FileName] = true
					var idx int
					fmt.Sscan(f.FileName, &idx)
					iv := ivs[idx]
					secIvs = append(secIvs, iv)
					secLo, secHi = min(secLo, iv.lo), max(secHi, iv.hi)
					if j > 0 {
						var p int
						fmt.Sscan(r.Files[j-1].FileName, &p)
						if ivs[p].hi >= iv.lo {
							t.Fatalf("run overlaps: %v", sectionsString(secs))
						}
					}
				}
			}
			if secLo <= prevHi {
				t.Fatalf("sections overlap: %v", sectionsString(secs))
			}
			prevHi = secHi
			depth := 0
			for x := secLo; x <= secHi; x++ {
				d := 0
				for _, iv := range secIvs {
					if iv.lo <= x && x <= iv.hi {
						d++
					}
				}
				depth = max(depth, d)
			}
			if depth != len(sec) {
				t.Fatalf("section has %d runs, max overlap %d: %v", len(sec), depth, sectionsString(secs))
			}
		}
		if len(seen) != n {
			t.Fatalf("%d of %d files", len(seen), n)
		}
	}
}
