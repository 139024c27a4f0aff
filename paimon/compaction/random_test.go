package compaction

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/weir-data/weir/paimon/manifest"
)

// simulator drives Levels, a Strategy and Plan like MergeTreeCompactManager
// does, executing plans by synthesizing output files.
type simulator struct {
	t       *testing.T
	k       *KeyComparator
	l       *Levels
	s       Strategy
	lookup  *LookupOptions
	dv      bool
	names   int
	minSize int64
	// statistics
	units, upgrades, rewrites, kept int
}

func (s *simulator) name(prefix string) string {
	s.names++
	return fmt.Sprintf("%s-%d", prefix, s.names)
}

// execute turns a plan into the compaction result (before, after).
func (s *simulator) execute(p *CompactPlan) (before, after []manifest.DataFileMeta) {
	for _, st := range p.Steps {
		in := st.Files()
		before = append(before, in...)
		if st.Kind == StepUpgrade {
			after = append(after, Upgraded(st.File, st.OutputLevel))
			continue
		}
		out := in[0]
		out.FileName = s.name("compact")
		out.Level = int32(st.OutputLevel)
		out.FileSize = 0
		for _, f := range in {
			if c, _ := s.k.Compare(f.MinKey, out.MinKey); c < 0 {
				out.MinKey = f.MinKey
			}
			if c, _ := s.k.Compare(f.MaxKey, out.MaxKey); c > 0 {
				out.MaxKey = f.MaxKey
			}
			out.MinSequenceNumber = min(out.MinSequenceNumber, f.MinSequenceNumber)
			out.MaxSequenceNumber = max(out.MaxSequenceNumber, f.MaxSequenceNumber)
			out.FileSize += f.FileSize
		}
		if st.DropDelete {
			zero := int64(0)
			out.DeleteRowCount = &zero
		} else {
			out.DeleteRowCount = nil
		}
		after = append(after, out)
	}
	return before, after
}

// compact runs one picked unit through Plan and Levels.Update.
func (s *simulator) compact(u *Unit) {
	t := s.t
	dd := ShouldDropDelete(u.OutputLevel, s.l.NonEmptyHighestLevel(), s.dv, false)
	p, err := Plan(u, dd, s.k, PlanOptions{MaxLevel: s.l.MaxLevel(), MinFileSize: s.minSize, Lookup: s.lookup})
	if err != nil {
		t.Fatal(err)
	}
	s.units++
	s.kept += len(p.Kept)
	for _, st := range p.Steps {
		if st.Kind == StepUpgrade {
			s.upgrades++
		} else {
			s.rewrites++
		}
	}
	sizeBefore := s.l.TotalFileSize()
	before, after := s.execute(p)
	if len(before)+len(p.Kept) != len(u.Files) {
		t.Fatalf("plan covers %d+%d of %d files", len(before), len(p.Kept), len(u.Files))
	}
	if err := s.l.Update(before, after); err != nil {
		t.Fatalf("update: %v", err)
	}
	if got := s.l.TotalFileSize(); got != sizeBefore {
		t.Fatalf("total size %d, was %d", got, sizeBefore)
	}
	s.checkOrder()
}

// checkOrder asserts the LSM ordering invariant: every run holds strictly
// newer records than every run after it.
func (s *simulator) checkOrder() {
	rs := s.l.LevelSortedRuns()
	for i := 1; i < len(rs); i++ {
		var newerMin, olderMax int64 = 1 << 62, -1
		for _, f := range rs[i-1].Run.Files {
			newerMin = min(newerMin, f.MinSequenceNumber)
		}
		for _, f := range rs[i].Run.Files {
			olderMax = max(olderMax, f.MaxSequenceNumber)
		}
		if newerMin <= olderMax {
			s.t.Fatalf("run %d (level %d) has sequence %d not newer than run %d (level %d) max %d",
				i-1, rs[i-1].Level, newerMin, i, rs[i].Level, olderMax)
		}
	}
}

// TestRandomizedCompaction repeatedly flushes level-0 files, picks and
// applies compactions, and checks that the number of sorted runs stays within
// the trigger after compaction (so writes never stall), levels >= 1 never
// overlap (Levels.Update validates), sizes are conserved and the sequence
// ordering of runs holds.
func TestRandomizedCompaction(t *testing.T) {
	const trigger, stop, numLevels = 5, 8, 6
	modes := []struct {
		name   string
		lookup bool
		early  bool
	}{
		{"universal", false, false},
		{"lookup gentle with deletion vectors", true, false},
		{"universal with optimization interval", false, true},
	}
	for mi, mode := range modes {
		t.Run(mode.name, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(uint64(mi+1), 42))
			k := newCmp(t)
			l, err := NewLevels(k, nil, numLevels)
			if err != nil {
				t.Fatal(err)
			}
			now := time.UnixMilli(0)
			u := &UniversalCompaction{MaxSizeAmp: 200, SizeRatio: 1, NumRunCompactionTrigger: trigger}
			if mode.early {
				u.Early = &EarlyFullCompaction{Interval: time.Minute, Now: func() time.Time { return now }}
			}
			sim := &simulator{t: t, k: k, l: l, s: u, minSize: 100}
			if mode.lookup {
				sim.s = &ForceUpLevel0{Universal: u, MaxInterval: 2 * trigger}
				sim.lookup = &LookupOptions{MergeEngine: "deduplicate", DeletionVectors: true}
				sim.dv = true
			}
			seq := int64(0)
			for round := 0; round < 400; round++ {
				now = now.Add(time.Duration(rng.IntN(20)) * time.Second)
				for range 1 + rng.IntN(2) {
					lo := int32(rng.IntN(1000))
					seq++
					f := kf(t, sim.name("data"), 0, lo, lo+int32(rng.IntN(300)), int64(1+rng.IntN(300)), seq)
					switch rng.IntN(3) {
					case 0:
						f.DeleteRowCount = nil
					case 1:
						d := int64(rng.IntN(5))
						f.DeleteRowCount = &d
					}
					if err := l.AddLevel0File(f); err != nil {
						t.Fatal(err)
					}
				}
				if ShouldStall(l.NumberOfSortedRuns(), stop) {
					t.Fatalf("round %d: %d sorted runs stall writes", round, l.NumberOfSortedRuns())
				}
				if round%97 == 96 {
					// A forced full compaction (full-compaction.delta-commits).
					unit, ok := PickFullCompaction(l.NumberOfLevels(), l.LevelSortedRuns(), func(f *manifest.DataFileMeta) bool {
						return f.DeleteRowCount == nil || *f.DeleteRowCount > 0
					})
					if ok {
						sim.compact(unit)
					}
					if n := l.NumberOfSortedRuns(); n != 1 || l.NonEmptyHighestLevel() != l.MaxLevel() {
						t.Fatalf("round %d: after full compaction %d runs, highest level %d", round, n, l.NonEmptyHighestLevel())
					}
					continue
				}
				// Compact until the strategy is satisfied, as the compact manager
				// re-triggers after each finished compaction.
				for range 20 {
					unit, ok := sim.s.Pick(l.NumberOfLevels(), l.LevelSortedRuns())
					if !ok || unit.Trivial() {
						break
					}
					sim.compact(unit)
				}
				if n := l.NumberOfSortedRuns(); n > trigger {
					t.Fatalf("round %d: %d sorted runs after compaction, trigger %d", round, n, trigger)
				}
			}
			t.Logf("%d units, %d upgrades, %d rewrites, %d kept; final runs %d", sim.units, sim.upgrades, sim.rewrites, sim.kept, l.NumberOfSortedRuns())
			if sim.units < 50 || sim.upgrades == 0 || sim.rewrites == 0 {
				t.Fatalf("simulation too weak: %d units, %d upgrades, %d rewrites", sim.units, sim.upgrades, sim.rewrites)
			}
			if mode.lookup {
				// Radical-style flush: the forced pick empties level 0.
				f := &ForceUpLevel0{Universal: u}
				for range 3 {
					unit, ok := f.Pick(l.NumberOfLevels(), l.LevelSortedRuns())
					if !ok || unit.Trivial() {
						break
					}
					sim.compact(unit)
				}
				if len(l.Level0()) != 0 {
					t.Fatalf("level 0 not flushed: %v", names(l.Level0()))
				}
			}
		})
	}
}
