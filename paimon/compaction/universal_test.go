package compaction

import (
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/weir-data/weir/paimon/manifest"
)

func universal(maxAmp, ratio, trigger int) *UniversalCompaction {
	return &UniversalCompaction{MaxSizeAmp: maxAmp, SizeRatio: ratio, NumRunCompactionTrigger: trigger}
}

// TestUniversalPick checks each branch of UniversalCompaction.pick with the
// picks derived from the Java code (cases follow Paimon's
// UniversalCompactionTest where one exists).
func TestUniversalPick(t *testing.T) {
	tests := []struct {
		name      string
		u         *UniversalCompaction
		numLevels int
		runs      []LevelSortedRun
		want      []int64 // nil: no pick
		wantLevel int
	}{
		{
			// pickForSizeAmp: (1+2+3)*100 = 600 > 25*3 -> all runs to max level.
			name: "size amplification", u: universal(25, 1, 3), numLevels: 3,
			runs: level0(1, 2, 3, 3), want: []int64{1, 2, 3, 3}, wantLevel: 2,
		},
		{
			// pickForSizeAmp: 3*100 = 300 <= 25*50; pickForSizeRatio: 1*1.01 >= 1
			// takes L1 (compaction triggered), then L2; 3*1.01 < 50 on level 3
			// stops. createUnit: next run level 3 -> output 2.
			name: "size ratio", u: universal(25, 1, 3), numLevels: 4,
			runs: runs(lr(0, 1), lr(1, 1), lr(2, 1), lr(3, 50)), want: []int64{1, 1, 1}, wantLevel: 2,
		},
		{
			// size ratio: 1*1.01 < 2 and not yet triggered -> no pick. File num:
			// 4 > 3 runs, candidateCount = 4-3+1 = 2 (size 3, triggered); 3*1.01
			// >= 3 takes L2; 6*1.01 < 50 on level 3 stops -> output 2.
			name: "file number then size ratio", u: universal(25, 1, 3), numLevels: 4,
			runs: runs(lr(0, 1), lr(1, 2), lr(2, 3), lr(3, 50)), want: []int64{1, 2, 3}, wantLevel: 2,
		},
		{
			// Fewer runs than the trigger: amplification and ratio do not apply,
			// file number does not exceed the trigger.
			name: "below trigger", u: universal(25, 1, 5), numLevels: 6,
			runs: runs(lr(0, 1), lr(0, 100), lr(5, 1)), want: nil,
		},
		{
			// Ratio check breaks at once (1*1.01 < 2, not triggered) and there
			// are exactly trigger runs: nothing.
			name: "no rule fires", u: universal(200, 1, 5), numLevels: 6,
			runs: runs(lr(0, 1), lr(0, 2), lr(0, 4), lr(1, 8), lr(5, 1000)), want: nil,
		},
		{
			// testNoOutputLevel0: size ratio takes 1,1 (L0) and L1 1; 3*1.01 < 50
			// on level 2 stops; createUnit output = 2-1 = 1.
			name: "no output level 0, ratio", u: universal(25, 1, 3), numLevels: 3,
			runs: runs(lr(0, 1), lr(0, 1), lr(1, 1), lr(2, 50)), want: []int64{1, 1, 1}, wantLevel: 1,
		},
		{
			// testNoOutputLevel0: file num pick of 2 level-0 runs absorbs L1 3.
			name: "no output level 0, file num", u: universal(25, 1, 3), numLevels: 3,
			runs: runs(lr(0, 1), lr(0, 2), lr(1, 3), lr(2, 50)), want: []int64{1, 2, 3}, wantLevel: 1,
		},
		{
			// testExtremeCaseNoOutputLevel0: no amplification (102700 <= 200 *
			// 1048576); size ratio takes 1,1,1 and, once triggered, absorbs the
			// larger level-0 runs too (level <= 1) -> all runs -> max level 5.
			name: "extreme level 0 sizes", u: universal(200, 1, 5), numLevels: 6,
			runs: level0(1, 1, 1, 1024, 1024*1024), want: []int64{1, 1, 1, 1024, 1024 * 1024}, wantLevel: 5,
		},
		{
			// PR #9185 (level 1 inflation). Amplification: 2000204*100 <= 200*1e8.
			// Size ratio: the level-0 runs chain (1*1.01 >= 1, triggered); level 1
			// (100 > 4*1.01) is absorbed anyway because its level is <= 1; then
			// 104*1.01 >= 100 takes level 2; 204*1.01 < 1e6 on level 3 stops.
			// Output = 3-1 = 2. (Before #9185 the pick stopped at level 1 and
			// went to level 1 with {1,1,1,1,100}, growing level 1 forever.)
			name: "level 1 absorbed after trigger", u: universal(200, 1, 8), numLevels: 6,
			runs: runs(lr(0, 1), lr(0, 1), lr(0, 1), lr(0, 1), lr(1, 100), lr(2, 100),
				lr(3, 1e6), lr(4, 1e6), lr(5, 1e8)),
			want: []int64{1, 1, 1, 1, 100, 100}, wantLevel: 2,
		},
		{
			// Amplification: 1000103*100 <= 1000*1e7. Size ratio: 1*1.01 < 100
			// before any trigger -> nothing. File num: 6 runs > 5 -> start with
			// 6-5+1 = 2 runs (1, 100); the next level-0 runs 1 and 1 fit the
			// ratio; L3 (1e6) stops. Next run is level 3 -> output 2.
			name: "file num to level below next run", u: universal(1000, 1, 5), numLevels: 6,
			runs: runs(lr(0, 1), lr(0, 100), lr(0, 1), lr(0, 1), lr(3, 1e6), lr(5, 1e7)),
			want: []int64{1, 100, 1, 1}, wantLevel: 2,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			u, ok := tc.u.Pick(tc.numLevels, tc.runs)
			if tc.want == nil {
				if ok {
					t.Fatalf("picked %v to level %d, want nothing", unitSizes(u), u.OutputLevel)
				}
				return
			}
			if !ok {
				t.Fatalf("no pick, want %v", tc.want)
			}
			if got := unitSizes(u); !slices.Equal(got, tc.want) || u.OutputLevel != tc.wantLevel {
				t.Fatalf("picked %v to level %d, want %v to level %d", got, u.OutputLevel, tc.want, tc.wantLevel)
			}
		})
	}
}

// TestCreateUnitOutputLevel follows UniversalCompactionTest.testOutputLevel:
// runs on levels 0,0,1,3,4, maxLevel 5.
func TestCreateUnitOutputLevel(t *testing.T) {
	u := universal(25, 1, 3)
	mk := func() []LevelSortedRun { return runs(lr(0, 1), lr(0, 1), lr(1, 1), lr(3, 1), lr(4, 1)) }
	for _, tc := range []struct{ runCount, wantLevel, wantFiles int }{
		{1, 1, 3}, // next is level 0 -> output 0 -> absorb up to L1 -> level 1
		{2, 1, 3}, // next is L1 -> max(0, 1-1) = 0 -> absorb L1 -> level 1
		{3, 2, 3}, // next is L3 -> 2
		{4, 3, 4}, // next is L4 -> 3
		{5, 5, 5}, // all runs -> max level
	} {
		unit := u.createUnit(mk(), 5, tc.runCount)
		if unit.OutputLevel != tc.wantLevel || len(unit.Files) != tc.wantFiles {
			t.Errorf("runCount %d: level %d files %d, want level %d files %d", tc.runCount, unit.OutputLevel, len(unit.Files), tc.wantLevel, tc.wantFiles)
		}
	}
}

// TestSizeAmplificationSequence follows
// UniversalCompactionTest.testSizeAmplification: add a level-0 run of size 1,
// apply pickForSizeAmp (maxAmp 25, trigger 1), repeat.
func TestSizeAmplificationSequence(t *testing.T) {
	u := universal(25, 0, 1)
	want := [][]int64{{2}, {3}, {4}, {1, 4}, {6}, {1, 6}, {8}, {1, 8}, {1, 1, 8}, {11}, {1, 11}, {1, 1, 11}, {14}, {1, 14}, {1, 1, 14}, {1, 1, 1, 14}, {18}}
	sizes := []int64{1}
	for i, w := range want {
		sizes = append([]int64{1}, sizes...)
		if unit, ok := u.PickForSizeAmp(3, level0(sizes...)); ok {
			var sum int64
			for _, f := range unit.Files {
				sum += f.FileSize
			}
			sizes = []int64{sum}
		}
		if !slices.Equal(sizes, w) {
			t.Fatalf("step %d: %v, want %v", i, sizes, w)
		}
	}
}

// pickRatio is Java's UniversalCompactionTest.pickForSizeRatio helper: runs
// on levels 0..n-1, maxLevel n; the compacted prefix is replaced by its sum.
func pickRatio(u *UniversalCompaction, sizes []int64) []int64 {
	var rs []LevelSortedRun
	for i, s := range sizes {
		rs = append(rs, lr(i, s))
	}
	unit, ok := u.PickForSizeRatio(len(sizes), rs)
	if !ok {
		return sizes
	}
	var sum int64
	for _, f := range unit.Files {
		sum += f.FileSize
	}
	return append([]int64{sum}, sizes[len(unit.Files):]...)
}

// TestSizeRatioSequence follows UniversalCompactionTest.testSizeRatio
// (maxAmp 25, ratio 1, trigger 5), which the PR #9185 rule leaves unchanged.
func TestSizeRatioSequence(t *testing.T) {
	u := universal(25, 1, 5)
	want := [][]int64{
		{5}, {1, 5}, {1, 1, 5}, {1, 1, 1, 5}, {4, 5}, {1, 4, 5}, {1, 1, 4, 5}, {3, 4, 5},
		{1, 3, 4, 5}, {2, 3, 4, 5}, {1, 2, 3, 4, 5}, {16}, {1, 16}, {1, 1, 16}, {1, 1, 1, 16},
		{4, 16}, {1, 4, 16}, {1, 1, 4, 16}, {3, 4, 16}, {1, 3, 4, 16}, {2, 3, 4, 16},
		{1, 2, 3, 4, 16}, {11, 16},
	}
	sizes := []int64{1, 1, 1, 1}
	for i, w := range want {
		sizes = pickRatio(u, append([]int64{1}, sizes...))
		if !slices.Equal(sizes, w) {
			t.Fatalf("step %d: %v, want %v", i, sizes, w)
		}
	}
}

// TestSizeRatioThreshold follows UniversalCompactionTest.testSizeRatioThreshold:
// 8*1.10 < 9 stops at once; 8*1.20 >= 9 and 17*1.2 >= 10 take everything.
func TestSizeRatioThreshold(t *testing.T) {
	sizes := []int64{8, 9, 10}
	if got := pickRatio(universal(25, 10, 2), sizes); !slices.Equal(got, []int64{8, 9, 10}) {
		t.Errorf("ratio 10: %v", got)
	}
	if got := pickRatio(universal(25, 20, 2), sizes); !slices.Equal(got, []int64{27}) {
		t.Errorf("ratio 20: %v", got)
	}
}

// TestOffPeakRatio: the off-peak ratio is added to the size ratio inside the
// window only.
func TestOffPeakRatio(t *testing.T) {
	hour := 3
	u := universal(25, 10, 2)
	u.OffPeak = NewOffPeakHours(22, 6, 10) // wraps midnight
	u.Now = func() time.Time { return time.Date(2024, 1, 1, hour, 0, 0, 0, time.Local) }
	if got := pickRatio(u, []int64{8, 9, 10}); !slices.Equal(got, []int64{27}) {
		t.Errorf("off-peak: %v", got)
	}
	hour = 12
	if got := pickRatio(u, []int64{8, 9, 10}); !slices.Equal(got, []int64{8, 9, 10}) {
		t.Errorf("peak: %v", got)
	}
	for _, tc := range []struct{ s, e, h, want int }{
		{-1, -1, 3, -1}, {5, 5, 5, -1}, {2, 4, 2, 7}, {2, 4, 4, 0}, {22, 2, 23, 7}, {22, 2, 1, 7}, {22, 2, 2, 0},
	} {
		o := NewOffPeakHours(tc.s, tc.e, 7)
		if tc.want < 0 {
			if o != nil {
				t.Errorf("%d-%d: want no window", tc.s, tc.e)
			}
			continue
		}
		if got := o.CurrentRatio(tc.h); got != tc.want {
			t.Errorf("%d-%d at %d: %d, want %d", tc.s, tc.e, tc.h, got, tc.want)
		}
	}
}

// TestOptimizationInterval follows
// UniversalCompactionTest.testOptimizedCompactionInterval with
// EarlyFullCompaction (maxAmp 100, ratio 1, trigger 3, interval 1 s).
func TestOptimizationInterval(t *testing.T) {
	now := time.UnixMilli(0)
	clock := func() time.Time { return now }
	u := universal(100, 1, 3)
	u.Early = &EarlyFullCompaction{Interval: time.Second, Now: clock}
	pick := func(rs []LevelSortedRun) []int64 {
		unit, ok := u.Pick(3, rs)
		if !ok {
			return nil
		}
		if unit.OutputLevel != 2 {
			t.Fatalf("output level %d", unit.OutputLevel)
		}
		return unitSizes(unit)
	}
	// First call: never fully compacted -> full compaction.
	if got := pick(runs(lr(0, 1), lr(1, 3), lr(2, 5))); !slices.Equal(got, []int64{1, 3, 5}) {
		t.Fatalf("first: %v", got)
	}
	now = time.UnixMilli(1001) // 1001 ms > 1 s since the last one
	if got := pick(runs(lr(0, 1), lr(1, 3), lr(2, 5))); !slices.Equal(got, []int64{1, 3, 5}) {
		t.Fatalf("second: %v", got)
	}
	// Same time: interval not passed; amplification 400 <= 500; ratio 1*1.01
	// < 3 stops; 3 runs do not exceed trigger 3.
	if got := pick(runs(lr(0, 1), lr(1, 3), lr(2, 5))); got != nil {
		t.Fatalf("third: %v", got)
	}
	now = time.UnixMilli(1500) // amplification 600 > 500 -> full, and it resets the interval
	if got := pick(runs(lr(0, 3), lr(1, 3), lr(2, 5))); !slices.Equal(got, []int64{3, 3, 5}) {
		t.Fatalf("fourth: %v", got)
	}
	now = time.UnixMilli(2001) // only 501 ms since the amplification pick
	if got := pick(runs(lr(0, 1), lr(1, 3), lr(2, 5))); got != nil {
		t.Fatalf("fifth: %v", got)
	}
	// A single run is never picked by the early trigger.
	now = time.UnixMilli(10_000)
	if got := pick(runs(lr(2, 5))); got != nil {
		t.Fatalf("single run: %v", got)
	}
}

func TestEarlySizeThresholds(t *testing.T) {
	e := &EarlyFullCompaction{TotalSizeThreshold: 100}
	if u, ok := e.TryFullCompact(3, runs(lr(0, 10), lr(2, 50))); !ok || u.OutputLevel != 2 || len(u.Files) != 2 {
		t.Fatalf("total below threshold: %v %v", u, ok)
	}
	if _, ok := e.TryFullCompact(3, runs(lr(0, 60), lr(2, 50))); ok {
		t.Fatal("total above threshold picked")
	}
	e = &EarlyFullCompaction{IncrementalSizeThreshold: 100}
	if _, ok := e.TryFullCompact(3, runs(lr(0, 60), lr(2, 5000))); ok {
		t.Fatal("incremental below threshold picked")
	}
	if _, ok := e.TryFullCompact(3, runs(lr(0, 60), lr(1, 50), lr(2, 5000))); !ok {
		t.Fatal("incremental above threshold not picked")
	}
}

func TestPickDegenerateInput(t *testing.T) {
	u := universal(200, 1, 0)
	if _, ok := u.Pick(6, nil); ok {
		t.Error("picked from no runs")
	}
	if _, ok := u.Pick(1, level0(1, 2)); ok {
		t.Error("picked with one level")
	}
	if _, ok := u.Pick(0, level0(1, 2)); ok {
		t.Error("picked with zero levels")
	}
	f := &ForceUpLevel0{}
	if _, ok := f.Pick(3, level0(1)); ok {
		t.Error("nil universal picked")
	}
}

// TestPickNeverPanics feeds the pickers unordered, out-of-range input.
func TestPickNeverPanics(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	for i := 0; i < 2000; i++ {
		var rs []LevelSortedRun
		for range rng.IntN(12) {
			rs = append(rs, lr(rng.IntN(11)-2, int64(rng.IntN(2000)-100)))
		}
		u := universal(rng.IntN(300)-10, rng.IntN(5)-1, rng.IntN(8)-1)
		numLevels := rng.IntN(8) - 1
		u.Pick(numLevels, rs)
		u.ForcePickL0(numLevels, rs)
		(&ForceUpLevel0{Universal: u, MaxInterval: rng.IntN(3)}).Pick(numLevels, rs)
		PickFullCompaction(numLevels, rs, func(*manifest.DataFileMeta) bool { return true })
	}
}
