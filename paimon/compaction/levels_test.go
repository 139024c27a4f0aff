package compaction

import (
	"slices"
	"strings"
	"testing"

	"github.com/weir-data/weir/paimon/manifest"
	"github.com/weir-data/weir/types"
)

func TestNewLevels(t *testing.T) {
	k := newCmp(t)
	files := []manifest.DataFileMeta{
		kf(t, "l0-old", 0, 1, 100, 10, 5),
		kf(t, "l0-new", 0, 1, 100, 10, 9),
		kf(t, "l0-tie-b", 0, 1, 100, 10, 7),
		kf(t, "l0-tie-a", 0, 1, 100, 10, 7),
		kf(t, "l2-b", 2, 50, 60, 30, 2),
		kf(t, "l2-a", 2, 1, 49, 20, 3),
		kf(t, "l5", 5, 1, 1000, 1000, 1),
	}
	l, err := NewLevels(k, files, 6)
	if err != nil {
		t.Fatal(err)
	}
	// Level 0 newest first by max sequence, ties by file name.
	if got := names(l.Level0()); !slices.Equal(got, []string{"l0-new", "l0-tie-a", "l0-tie-b", "l0-old"}) {
		t.Errorf("level 0 = %v", got)
	}
	r, err := l.RunOfLevel(2)
	if err != nil || !slices.Equal(names(r.Files), []string{"l2-a", "l2-b"}) {
		t.Errorf("level 2 = %v %v", names(r.Files), err)
	}
	if _, err := l.RunOfLevel(0); err == nil {
		t.Error("RunOfLevel(0) did not fail")
	}
	if _, err := l.RunOfLevel(6); err == nil {
		t.Error("RunOfLevel(6) did not fail")
	}
	if n := l.NumberOfSortedRuns(); n != 6 {
		t.Errorf("sorted runs = %d", n)
	}
	if h := l.NonEmptyHighestLevel(); h != 5 {
		t.Errorf("highest = %d", h)
	}
	if l.NumberOfLevels() != 6 || l.MaxLevel() != 5 || l.TotalFileSize() != 1090 {
		t.Errorf("levels %d max %d size %d", l.NumberOfLevels(), l.MaxLevel(), l.TotalFileSize())
	}
	var lv []int
	for _, r := range l.LevelSortedRuns() {
		lv = append(lv, r.Level)
	}
	if !slices.Equal(lv, []int{0, 0, 0, 0, 2, 5}) {
		t.Errorf("run levels %v", lv)
	}
	if got := names(l.AllFiles()); !slices.Equal(got, []string{"l0-new", "l0-tie-a", "l0-tie-b", "l0-old", "l2-a", "l2-b", "l5"}) {
		t.Errorf("all files %v", got)
	}
}

func TestLevelsEmptyAndRestoredNumLevels(t *testing.T) {
	k := newCmp(t)
	l, err := NewLevels(k, nil, 3)
	if err != nil {
		t.Fatal(err)
	}
	if l.NonEmptyHighestLevel() != -1 || l.NumberOfSortedRuns() != 0 {
		t.Error("empty levels")
	}
	if err := l.AddLevel0File(kf(t, "a", 0, 1, 2, 1, 1)); err != nil {
		t.Fatal(err)
	}
	if l.NonEmptyHighestLevel() != 0 {
		t.Error("highest should be 0")
	}
	if err := l.AddLevel0File(kf(t, "b", 1, 1, 2, 1, 1)); err == nil {
		t.Error("AddLevel0File accepted a level-1 file")
	}
	// A file above num-levels raises the number of levels (num-levels changed).
	l, err = NewLevels(k, []manifest.DataFileMeta{kf(t, "x", 7, 1, 2, 1, 1)}, 3)
	if err != nil || l.NumberOfLevels() != 8 {
		t.Fatalf("restored levels %v %v", l, err)
	}
}

func TestLevelsInvariants(t *testing.T) {
	k := newCmp(t)
	bad := kf(t, "bad", 1, 1, 2, 1, 1)
	bad.MaxKey = []byte{0, 0}
	wide, err := NewKeyComparator([]types.DataType{types.NewInt(), types.NewInt()})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name      string
		k         *KeyComparator
		files     []manifest.DataFileMeta
		numLevels int
		want      []string // substrings of the error
	}{
		{"overlap", k, []manifest.DataFileMeta{kf(t, "a", 1, 1, 10, 1, 1), kf(t, "b", 1, 10, 20, 1, 1)}, 3, []string{"level 1", "a", "b", "overlap"}},
		{"contained", k, []manifest.DataFileMeta{kf(t, "a", 2, 1, 100, 1, 1), kf(t, "b", 2, 10, 20, 1, 1)}, 3, []string{"level 2", "files a and b overlap"}},
		{"negative level", k, []manifest.DataFileMeta{kf(t, "n", -1, 1, 2, 1, 1)}, 3, []string{"n", "negative"}},
		{"duplicate", k, []manifest.DataFileMeta{kf(t, "d", 0, 1, 2, 1, 1), kf(t, "d", 2, 5, 6, 1, 1)}, 3, []string{"d", "already live"}},
		{"min > max", k, []manifest.DataFileMeta{kf(t, "r", 0, 5, 1, 1, 1)}, 3, []string{"r", "min key is greater"}},
		{"corrupt key", k, []manifest.DataFileMeta{bad}, 3, []string{"bad"}},
		{"wrong arity", wide, []manifest.DataFileMeta{kf(t, "w", 0, 1, 2, 1, 1)}, 3, []string{"w", "arity"}},
		{"one level", k, nil, 1, []string{"at least 2"}},
		{"nil comparator", nil, nil, 3, []string{"nil key comparator"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := NewLevels(tc.k, tc.files, tc.numLevels)
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
		})
	}
}

func TestLevelsUpdate(t *testing.T) {
	k := newCmp(t)
	a := kf(t, "a", 0, 1, 10, 1, 3)
	b := kf(t, "b", 0, 5, 20, 1, 4)
	c := kf(t, "c", 2, 30, 40, 5, 1)
	l, err := NewLevels(k, []manifest.DataFileMeta{a, b, c}, 3)
	if err != nil {
		t.Fatal(err)
	}
	// Merge a and b into level 1, upgrade c to level 2 (no-op level change).
	out := kf(t, "out", 1, 1, 20, 2, 3)
	out.MaxSequenceNumber = 4
	if err := l.Update([]manifest.DataFileMeta{a, b}, []manifest.DataFileMeta{out}); err != nil {
		t.Fatal(err)
	}
	if len(l.Level0()) != 0 || l.NumberOfSortedRuns() != 2 || l.NonEmptyHighestLevel() != 2 {
		t.Fatalf("after merge: %v runs %d", names(l.AllFiles()), l.NumberOfSortedRuns())
	}
	// Upgrade out from level 1 to level 2 by metadata.
	if err := l.Update([]manifest.DataFileMeta{out}, []manifest.DataFileMeta{Upgraded(out, 2)}); err != nil {
		t.Fatal(err)
	}
	r, _ := l.RunOfLevel(2)
	if !slices.Equal(names(r.Files), []string{"out", "c"}) || l.NumberOfSortedRuns() != 1 {
		t.Fatalf("after upgrade: level 2 %v", names(r.Files))
	}
	snapshot := names(l.AllFiles())
	// Failing updates leave the levels unchanged.
	for _, tc := range []struct {
		name          string
		before, after []manifest.DataFileMeta
		want          string
	}{
		{"missing before", []manifest.DataFileMeta{a}, nil, "removing file a: not live on level 0"},
		{"overlap", nil, []manifest.DataFileMeta{kf(t, "z", 2, 35, 50, 1, 9)}, "files c and z overlap"},
		{"level out of range", nil, []manifest.DataFileMeta{kf(t, "z", 3, 35, 50, 1, 9)}, "adding file z: level 3 out of range"},
		{"before level out of range", []manifest.DataFileMeta{kf(t, "z", 9, 35, 50, 1, 9)}, nil, "removing file z: level 9"},
		{"duplicate", nil, []manifest.DataFileMeta{kf(t, "c", 0, 1, 2, 1, 9)}, "adding file c to level 0: already live on level 2"},
	} {
		err := l.Update(tc.before, tc.after)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want %q", tc.name, err, tc.want)
		}
		if got := names(l.AllFiles()); !slices.Equal(got, snapshot) {
			t.Errorf("%s: levels changed to %v", tc.name, got)
		}
	}
}
