package table

import (
	"context"
	"testing"

	"github.com/weir-data/weir/fileio"
	"github.com/weir-data/weir/paimon/manifest"
	"github.com/weir-data/weir/types"
)

// The lookup cache keeps decoded files under its byte budget, least recently
// used out first, and never evicts a file a compaction still uses.
func TestLookupCacheBudget(t *testing.T) {
	ctx := context.Background()
	fields := []types.Field{{Name: "k", Type: types.NewInt().NotNull()}, {Name: "v", Type: types.NewString()}}
	tbl := createTable(t, fileio.NewMemory(), "lc", fields, nil, []string{"k"}, map[string]string{"bucket": "1", "write-only": "true"})
	writeRows(t, tbl, 1, 0, []any{types.Insert, int32(1), "a"}, []any{types.Insert, int32(3), "c"})
	writeRows(t, tbl, 2, 0, []any{types.Insert, int32(2), "b"})
	plan, err := tbl.PlanFiles(ctx, ScanOptions{})
	if err != nil || len(plan.Splits) != 1 || len(plan.Splits[0].Files) != 2 {
		t.Fatalf("plan %+v %v", plan, err)
	}
	files := plan.Splits[0].Files
	partDir, err := tbl.partitionDir(plan.Splits[0].Partition)
	if err != nil {
		t.Fatal(err)
	}
	r := &splitReader{t: tbl, split: plan.Splits[0], proj: []int{0, 1}, size: pieceRows, dir: tbl.bucketDir(partDir, 0)}
	load := func(c *lookupCache, f manifest.DataFileMeta) *lookupFile {
		t.Helper()
		lf, err := c.get(ctx, r, f)
		if err != nil {
			t.Fatal(err)
		}
		return lf
	}
	one := load(newLookupCache(1<<30), files[0])
	if one.batch.Len != int(files[0].RowCount) {
		t.Fatalf("loaded %d rows of %d", one.batch.Len, files[0].RowCount)
	}
	for _, tc := range []struct {
		name      string
		budget    int64
		wantFiles int
	}{
		{"unbounded", 1 << 30, 2},
		{"room for one", one.bytes, 1},
		{"nothing", 1, 0},
	} {
		c := newLookupCache(tc.budget)
		a := load(c, files[0])
		b := load(c, files[1])
		if n, _ := c.size(); n != 2 {
			t.Errorf("%s: %d files cached while pinned, want 2", tc.name, n)
		}
		c.unpin([]*lookupFile{a, b})
		if n, bytes := c.size(); n != tc.wantFiles || bytes > max(tc.budget, 0) {
			t.Errorf("%s: %d files (%d bytes) after unpin, want %d within %d bytes", tc.name, n, bytes, tc.wantFiles, tc.budget)
		}
		if tc.wantFiles == 1 {
			if _, ok := c.files[files[1].FileName]; !ok {
				t.Errorf("%s: the most recently used file was evicted", tc.name)
			}
		}
	}
}
