package compaction

import (
	"slices"
	"strings"
	"testing"

	"github.com/weir-data/weir/paimon/manifest"
)

// describe renders a plan: "U name" for a metadata upgrade, "R a,b|c" for a
// rewrite of sections (runs joined by ";"), "!" when deletes are dropped,
// "+cl" when changelog is produced, and "keep name" for kept files.
func describe(p *CompactPlan) []string {
	var out []string
	for _, s := range p.Steps {
		var d string
		switch s.Kind {
		case StepUpgrade:
			d = "U " + s.File.FileName
		case StepRewrite:
			var secs []string
			for _, sec := range s.Sections {
				var rs []string
				for _, r := range sec {
					rs = append(rs, strings.Join(names(r.Files), ","))
				}
				secs = append(secs, strings.Join(rs, ";"))
			}
			d = "R " + strings.Join(secs, "|")
			if s.DropDelete {
				d += " !"
			}
		}
		if s.Changelog {
			d += " +cl"
		}
		out = append(out, d)
	}
	for _, f := range p.Kept {
		out = append(out, "keep "+f.FileName)
	}
	return out
}

func withDeletes(f manifest.DataFileMeta, n *int64) manifest.DataFileMeta {
	f.DeleteRowCount = n
	return f
}

// TestPlan checks MergeTreeCompactTask's upgrade-versus-rewrite decisions.
// Sizes: MinFileSize is 100, so files of size >= 100 are "large".
func TestPlan(t *testing.T) {
	k := newCmp(t)
	five := int64(5)
	tests := []struct {
		name       string
		unit       *Unit
		dropDelete bool
		opts       PlanOptions
		want       []string
	}{
		{
			// Section 1: a and b overlap -> candidate. Section 2: c is large
			// and alone -> flush candidates (rewrite a;b), upgrade c.
			// Section 3: d is small -> candidate; flushed at the end as a
			// single section with a single run -> upgraded, not rewritten.
			name: "overlap rewrite, large upgrade, lone small upgrade",
			unit: &Unit{OutputLevel: 3, Files: []manifest.DataFileMeta{
				kf(t, "a", 0, 1, 10, 500, 9), kf(t, "b", 0, 5, 20, 500, 8),
				kf(t, "c", 1, 30, 40, 500, 7), kf(t, "d", 2, 50, 60, 10, 6),
			}},
			dropDelete: false, opts: PlanOptions{MaxLevel: 5, MinFileSize: 100},
			want: []string{"R a;b", "U c", "U d"},
		},
		{
			// Adjacent small files of non-overlapping sections are rewritten
			// together (each its own section); the large file in the middle
			// splits them into two rewrites.
			name: "small files merged around a large one",
			unit: &Unit{OutputLevel: 2, Files: []manifest.DataFileMeta{
				kf(t, "s1", 0, 1, 2, 10, 9), kf(t, "s2", 0, 3, 4, 10, 8),
				kf(t, "L", 1, 5, 6, 1000, 7),
				kf(t, "s3", 1, 7, 8, 10, 6), kf(t, "s4", 1, 9, 10, 10, 5),
			}},
			dropDelete: true, opts: PlanOptions{MaxLevel: 5, MinFileSize: 100},
			want: []string{"R s1|s2 !", "U L", "R s3|s4 !"},
		},
		{
			// A file already on the output level is left alone.
			name: "kept on output level",
			unit: &Unit{OutputLevel: 2, Files: []manifest.DataFileMeta{
				kf(t, "new", 0, 1, 5, 500, 9), kf(t, "old", 2, 10, 20, 500, 1),
			}},
			opts: PlanOptions{MaxLevel: 5, MinFileSize: 100},
			want: []string{"U new", "keep old"},
		},
		{
			// compaction.force-rewrite-all-files rewrites even files on the
			// output level, and files that could be upgraded.
			name: "force rewrite all",
			unit: &Unit{OutputLevel: 2, Files: []manifest.DataFileMeta{
				kf(t, "new", 0, 1, 5, 500, 9), kf(t, "old", 2, 10, 20, 500, 1),
			}},
			dropDelete: true, opts: PlanOptions{MaxLevel: 5, MinFileSize: 100, ForceRewriteAll: true},
			want: []string{"R new !", "R old !"},
		},
		{
			// Going to the max level: a file with retracts or an unknown
			// delete count is rewritten alone (deletes dropped); a file with
			// a known zero delete count is upgraded.
			name: "max level needs known zero deletes",
			unit: &Unit{OutputLevel: 5, Files: []manifest.DataFileMeta{
				kf(t, "clean", 0, 1, 5, 500, 9),
				withDeletes(kf(t, "dirty", 0, 10, 15, 500, 8), &five),
				withDeletes(kf(t, "unknown", 1, 20, 25, 500, 7), nil),
			}},
			dropDelete: true, opts: PlanOptions{MaxLevel: 5, MinFileSize: 100},
			want: []string{"U clean", "R dirty !", "R unknown !"},
		},
		{
			// Below the max level retracts do not matter.
			name: "deletes fine below max level",
			unit: &Unit{OutputLevel: 3, Files: []manifest.DataFileMeta{
				withDeletes(kf(t, "dirty", 0, 10, 15, 500, 8), &five),
			}},
			opts: PlanOptions{MaxLevel: 5, MinFileSize: 100},
			want: []string{"U dirty"},
		},
		{
			// Files with expired records are rewritten instead of upgraded or
			// kept.
			name: "expired",
			unit: &Unit{OutputLevel: 3, Files: []manifest.DataFileMeta{
				kf(t, "exp", 0, 1, 5, 500, 9), kf(t, "ok", 0, 10, 15, 500, 8), kf(t, "exp3", 3, 20, 25, 500, 1),
			}},
			opts: PlanOptions{MaxLevel: 5, MinFileSize: 100, Expired: func(f *manifest.DataFileMeta) bool {
				return strings.HasPrefix(f.FileName, "exp")
			}},
			want: []string{"R exp", "U ok", "R exp3"},
		},
		{
			// FileRewrite units rewrite every file alone (FileRewriteCompactTask).
			name: "file rewrite unit",
			unit: &Unit{OutputLevel: 5, FileRewrite: true, Files: []manifest.DataFileMeta{
				kf(t, "x", 5, 1, 5, 500, 1), kf(t, "y", 5, 10, 15, 500, 1),
			}},
			dropDelete: true, opts: PlanOptions{MaxLevel: 5, MinFileSize: 100},
			want: []string{"R x !", "R y !"},
		},
		{
			// Lookup, deduplicate: a level-0 file is upgraded with changelog
			// and no rewrite; a level-1 file is a plain upgrade; the merge of
			// level-0 files produces changelog.
			name: "lookup deduplicate",
			unit: &Unit{OutputLevel: 3, Files: []manifest.DataFileMeta{
				kf(t, "a", 0, 1, 10, 500, 9), kf(t, "b", 0, 5, 20, 500, 8),
				kf(t, "c", 0, 30, 40, 500, 7), kf(t, "d", 1, 50, 60, 500, 6),
			}},
			opts: PlanOptions{MaxLevel: 5, MinFileSize: 100, Lookup: &LookupOptions{MergeEngine: "deduplicate"}},
			want: []string{"R a;b +cl", "U c +cl", "U d"},
		},
		{
			// Lookup, partial-update below the max level: the level-0 file is
			// rewritten with changelog (older records may merge into it).
			name: "lookup partial-update",
			unit: &Unit{OutputLevel: 3, Files: []manifest.DataFileMeta{kf(t, "c", 0, 30, 40, 500, 7)}},
			opts: PlanOptions{MaxLevel: 5, MinFileSize: 100, Lookup: &LookupOptions{MergeEngine: "partial-update"}},
			want: []string{"R c +cl"},
		},
		{
			// Lookup, partial-update to the max level: changelog, no rewrite.
			name: "lookup partial-update to max",
			unit: &Unit{OutputLevel: 5, Files: []manifest.DataFileMeta{kf(t, "c", 0, 30, 40, 500, 7)}},
			opts: PlanOptions{MaxLevel: 5, MinFileSize: 100, Lookup: &LookupOptions{MergeEngine: "partial-update"}},
			want: []string{"U c +cl"},
		},
		{
			// Lookup with deletion vectors: a level-0 file whose delete count
			// is unknown or > 0 is rewritten with changelog, dropping deletes
			// (forceDropDelete = DV), whatever the task's dropDelete.
			name: "lookup deletion vectors",
			unit: &Unit{OutputLevel: 3, Files: []manifest.DataFileMeta{
				withDeletes(kf(t, "u", 0, 1, 5, 500, 9), nil),
				kf(t, "z", 0, 10, 15, 500, 8),
			}},
			opts: PlanOptions{MaxLevel: 5, MinFileSize: 100, Lookup: &LookupOptions{MergeEngine: "deduplicate", DeletionVectors: true}},
			want: []string{"R u ! +cl", "U z +cl"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := Plan(tc.unit, tc.dropDelete, k, tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			if got := describe(p); !slices.Equal(got, tc.want) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
			// Every unit file is accounted for exactly once.
			var all []string
			for _, s := range p.Steps {
				all = append(all, names(s.Files())...)
			}
			all = append(all, names(p.Kept)...)
			slices.Sort(all)
			want := names(tc.unit.Files)
			slices.Sort(want)
			if !slices.Equal(all, want) {
				t.Errorf("plan covers %v, unit has %v", all, want)
			}
		})
	}
}

func TestPlanErrors(t *testing.T) {
	k := newCmp(t)
	if _, err := Plan(nil, false, k, PlanOptions{MaxLevel: 5}); err == nil {
		t.Error("nil unit")
	}
	if _, err := Plan(&Unit{OutputLevel: 6}, false, k, PlanOptions{MaxLevel: 5}); err == nil {
		t.Error("output level above max")
	}
	_, err := Plan(&Unit{OutputLevel: 2, Files: []manifest.DataFileMeta{kf(t, "hi", 3, 1, 2, 1, 1)}}, false, k, PlanOptions{MaxLevel: 5})
	if err == nil || !strings.Contains(err.Error(), "hi") {
		t.Errorf("file above output level: %v", err)
	}
	bad := kf(t, "bad", 0, 1, 2, 1, 1)
	bad.MaxKey = []byte{1}
	_, err = Plan(&Unit{OutputLevel: 2, Files: []manifest.DataFileMeta{bad}}, false, k, PlanOptions{MaxLevel: 5})
	if err == nil || !strings.Contains(err.Error(), "bad") {
		t.Errorf("corrupt key: %v", err)
	}
	if got := Upgraded(kf(t, "u", 0, 1, 2, 1, 1), 4); got.Level != 4 || got.FileName != "u" {
		t.Errorf("Upgraded: %+v", got)
	}
	if StepUpgrade.String() != "upgrade" || StepRewrite.String() != "rewrite" || StepKind(7).String() != "StepKind(7)" {
		t.Error("StepKind.String")
	}
}
