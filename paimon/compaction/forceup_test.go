package compaction

import (
	"slices"
	"testing"
)

// TestForceUpLevel0 follows ForceUpLevel0CompactionTest.testForceCompaction0
// and UniversalCompactionTest.testLookup.
func TestForceUpLevel0(t *testing.T) {
	tests := []struct {
		name      string
		u         *UniversalCompaction
		runs      []LevelSortedRun
		want      []int64
		wantLevel int
	}{
		// Universal picks nothing (2 runs < trigger 5); forcePickL0 takes both
		// level-0 runs = all runs -> max level 2.
		{"two level 0", universal(200, 1, 5), runs(lr(0, 1), lr(0, 1)), []int64{1, 1}, 2},
		// forcePickL0: L1 (10 > 1*1.01) is still absorbed because the pick is
		// forced and its level is <= 1 -> all runs -> level 2.
		{"level 0 and 1", universal(200, 1, 5), runs(lr(0, 1), lr(1, 10)), []int64{1, 10}, 2},
		// 6*1.01 < 10 on level 2 stops -> output 2-1 = 1.
		{"stop before level 2", universal(200, 1, 5), runs(lr(0, 1), lr(0, 5), lr(2, 10)), []int64{1, 5}, 1},
		{"only max level", universal(200, 1, 5), runs(lr(2, 10)), nil, 0},
		{"four level 0", universal(200, 1, 5), level0(1, 5, 10, 20), []int64{1, 5, 10, 20}, 2},
		// testLookup: size amplification (5*100 > 25*2) -> all to 2.
		{"lookup amplification", universal(25, 1, 3), level0(1, 2, 2, 2), []int64{1, 2, 2, 2}, 2},
		// testLookup: amplification (3*100 > 25*2) fires before the forced pick.
		{"lookup level 0 to max", universal(25, 1, 3), runs(lr(0, 1), lr(1, 2), lr(2, 2)), []int64{1, 2, 2}, 2},
		// testLookup: forced pick, 1*1.01 < 2 on level 2 stops -> level 1.
		{"lookup to empty level", universal(25, 1, 3), runs(lr(0, 1), lr(2, 2)), []int64{1}, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := &ForceUpLevel0{Universal: tc.u}
			u, ok := f.Pick(3, tc.runs)
			if tc.want == nil {
				if ok {
					t.Fatalf("picked %v", unitSizes(u))
				}
				return
			}
			if !ok || !slices.Equal(unitSizes(u), tc.want) || u.OutputLevel != tc.wantLevel {
				t.Fatalf("got %v level %d (%v), want %v level %d", unitSizes(u), u.OutputLevel, ok, tc.want, tc.wantLevel)
			}
		})
	}
}

// TestForceUpLevel0Gentle follows UniversalCompactionTest.testForcePickL0:
// in gentle mode the forced pick only happens every MaxInterval-th call.
func TestForceUpLevel0Gentle(t *testing.T) {
	f := &ForceUpLevel0{Universal: universal(25, 1, 5), MaxInterval: 5}
	for _, tc := range []struct {
		runs      []LevelSortedRun
		want      []int64
		wantLevel int
	}{
		{level0(1, 2, 2, 2), []int64{1, 2, 2, 2}, 2},
		{runs(lr(0, 2), lr(1, 2), lr(2, 2)), []int64{2, 2, 2}, 2},
		{runs(lr(0, 1), lr(2, 2)), []int64{1}, 1},
	} {
		for i := 1; i <= 5; i++ {
			u, ok := f.Pick(3, tc.runs)
			if i < 5 {
				if ok {
					t.Fatalf("call %d picked %v", i, unitSizes(u))
				}
				continue
			}
			if !ok || !slices.Equal(unitSizes(u), tc.want) || u.OutputLevel != tc.wantLevel {
				t.Fatalf("call %d: got %v level %d, want %v level %d", i, unitSizes(u), u.OutputLevel, tc.want, tc.wantLevel)
			}
		}
	}
}
