package compaction

import (
	"math"
	"testing"
)

func TestShouldStall(t *testing.T) {
	// Default trigger 5 -> stop trigger 8: writes wait above 8 sorted runs.
	for _, tc := range []struct {
		runs, stop  int
		stall, ckpt bool
	}{
		{8, 8, false, false}, {9, 8, true, false}, {10, 8, true, true},
		{0, 0, false, false}, {1, 0, true, false},
		{math.MaxInt32, math.MaxInt32, false, false},
	} {
		if got := ShouldStall(tc.runs, tc.stop); got != tc.stall {
			t.Errorf("ShouldStall(%d, %d) = %v", tc.runs, tc.stop, got)
		}
		if got := ShouldWaitForPreparingCheckpoint(tc.runs, tc.stop); got != tc.ckpt {
			t.Errorf("ShouldWaitForPreparingCheckpoint(%d, %d) = %v", tc.runs, tc.stop, got)
		}
	}
	if !ShouldStallRuns(level0(1, 1, 1), 2) || ShouldStallRuns(level0(1, 1), 2) {
		t.Error("ShouldStallRuns")
	}
}

func TestShouldDropDelete(t *testing.T) {
	for _, tc := range []struct {
		out, highest int
		dv, keep     bool
		want         bool
	}{
		{0, 0, false, false, false}, // level 0 output never drops
		{0, 0, true, false, false},
		{3, 5, false, false, false}, // older data above
		{5, 5, false, false, true},  // output is the highest level
		{4, 2, false, false, true},  // above every non-empty level
		{3, 5, true, false, true},   // deletion vectors
		{5, 5, false, true, false},  // chain table keeps deletes
	} {
		if got := ShouldDropDelete(tc.out, tc.highest, tc.dv, tc.keep); got != tc.want {
			t.Errorf("%+v: %v", tc, got)
		}
	}
}
