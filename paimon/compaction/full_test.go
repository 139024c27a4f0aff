package compaction

import (
	"slices"
	"testing"

	"github.com/weir-data/weir/paimon/manifest"
)

// TestPickFullCompaction follows CompactStrategy.pickFullCompaction.
func TestPickFullCompaction(t *testing.T) {
	maxRun := LevelSortedRun{Level: 5, Run: SortedRun{Files: []manifest.DataFileMeta{
		{FileName: "a", FileSize: 1, Level: 5}, {FileName: "b", FileSize: 2, Level: 5}, {FileName: "c", FileSize: 3, Level: 5},
	}}}
	rewriteB := func(f *manifest.DataFileMeta) bool { return f.FileName == "b" }
	all := func(*manifest.DataFileMeta) bool { return true }

	if _, ok := PickFullCompaction(6, nil, all); ok {
		t.Error("picked from no runs")
	}
	// Only the max level: nothing needs rewriting -> nothing.
	if u, ok := PickFullCompaction(6, []LevelSortedRun{maxRun}, nil); ok {
		t.Errorf("picked %v", names(u.Files))
	}
	// Only the max level: the files needing a rewrite, as a FileRewrite unit.
	u, ok := PickFullCompaction(6, []LevelSortedRun{maxRun}, rewriteB)
	if !ok || !u.FileRewrite || u.OutputLevel != 5 || !slices.Equal(names(u.Files), []string{"b"}) {
		t.Errorf("got %+v", u)
	}
	u, ok = PickFullCompaction(6, []LevelSortedRun{maxRun}, all)
	if !ok || !u.FileRewrite || len(u.Files) != 3 {
		t.Errorf("force all: %+v", u)
	}
	// Anything else: every run to the max level, merged.
	u, ok = PickFullCompaction(6, runs(lr(0, 1), lr(3, 2)), nil)
	if !ok || u.FileRewrite || u.OutputLevel != 5 || !slices.Equal(unitSizes(u), []int64{1, 2}) {
		t.Errorf("got %+v", u)
	}
	// A single run below the max level is moved up too.
	u, ok = PickFullCompaction(6, runs(lr(3, 2)), nil)
	if !ok || u.OutputLevel != 5 || len(u.Files) != 1 {
		t.Errorf("got %+v", u)
	}
}

func TestUnitTrivial(t *testing.T) {
	var nilUnit *Unit
	for _, tc := range []struct {
		u    *Unit
		want bool
	}{
		{nilUnit, true},
		{&Unit{OutputLevel: 3}, true},
		{&Unit{OutputLevel: 3, Files: []manifest.DataFileMeta{{Level: 3}}}, true},
		{&Unit{OutputLevel: 3, Files: []manifest.DataFileMeta{{Level: 0}}}, false},
		{&Unit{OutputLevel: 3, Files: []manifest.DataFileMeta{{Level: 3}, {Level: 3}}}, false},
	} {
		if got := tc.u.Trivial(); got != tc.want {
			t.Errorf("%+v: %v", tc.u, got)
		}
	}
}
