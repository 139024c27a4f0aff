package table

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/weir-data/weir/types"
)

// A tag keeps its snapshot readable through compaction and snapshot expiry;
// once the tag is deleted, orphan clean-up removes the files only it kept.
func TestTagsSurviveExpiry(t *testing.T) {
	ctx := context.Background()
	fio := testFS(t, "local")
	fields := []types.Field{{Name: "k", Type: types.NewInt().NotNull()}, {Name: "v", Type: types.NewString()}}
	tbl := createTable(t, fio, "tg", fields, nil, []string{"k"}, map[string]string{"bucket": "1", "write-only": "true"})
	writeRows(t, tbl, 1, 0, []any{types.Insert, int32(1), "one"})
	writeRows(t, tbl, 2, 0, []any{types.Insert, int32(2), "two"})
	if err := tbl.CreateTag(ctx, "release-1", 2, time.Hour); err != nil {
		t.Fatal(err)
	}
	atTag := readAll(t, tbl, ScanOptions{Tag: "release-1"}, nil)
	checkRows(t, "tag", atTag, sorted("1, one", "2, two"))
	// Rewrite everything, then expire all but the last snapshot.
	writeRows(t, tbl, 3, 0, []any{types.Insert, int32(1), "uno"}, []any{types.Delete, int32(2), "two"})
	if _, err := tbl.Compact(ctx, CompactOptions{Full: true}); err != nil {
		t.Fatal(err)
	}
	writeRows(t, tbl, 4, 0, []any{types.Insert, int32(3), "tres"})
	latest, _, _ := tbl.Snapshots().LatestID(ctx)
	if _, err := tbl.ExpireSnapshots(ctx, ExpireOptions{RetainMin: 1, TimeRetained: time.Nanosecond, Now: time.Now().Add(time.Hour), Limit: 100}); err != nil {
		t.Fatal(err)
	}
	if earliest, _, _ := tbl.Snapshots().EarliestID(ctx); earliest != latest {
		t.Fatalf("earliest %d, want %d", earliest, latest)
	}
	checkRows(t, "tag after expiry", readAll(t, tbl, ScanOptions{Tag: "release-1"}, nil), atTag)
	checkRows(t, "latest", readAll(t, tbl, ScanOptions{}, nil), sorted("1, uno", "3, tres"))
	if orphans, err := tbl.RemoveOrphanFiles(ctx, OrphanOptions{DryRun: true, Now: time.Now().Add(48 * time.Hour)}); err != nil || len(orphans) != 0 {
		t.Fatalf("files the tag reaches counted as orphans: %v %v", orphans, err)
	}
	tags, err := tbl.Tags(ctx)
	if err != nil || len(tags) != 1 || tags[0].Name != "release-1" || tags[0].SnapshotID != 2 {
		t.Fatalf("tags %+v %v", tags, err)
	}
	if err := tbl.CreateTag(ctx, "release-1", 0, 0); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Fatalf("duplicate tag: %v", err)
	}
	for _, bad := range []string{"", "42", "a/b"} {
		if err := tbl.CreateTag(ctx, bad, 0, 0); err == nil {
			t.Fatalf("tag name %q accepted", bad)
		}
	}
	// Delete the tag: its files become orphans and go.
	if err := tbl.DeleteTag(ctx, "release-1"); err != nil {
		t.Fatal(err)
	}
	orphans, err := tbl.RemoveOrphanFiles(ctx, OrphanOptions{Now: time.Now().Add(48 * time.Hour)})
	if err != nil || len(orphans) == 0 {
		t.Fatalf("after deleting the tag: orphans %v %v", orphans, err)
	}
	checkRows(t, "latest after clean-up", readAll(t, tbl, ScanOptions{}, nil), sorted("1, uno", "3, tres"))
	if err := CheckTable(ctx, tbl); err != nil {
		t.Fatal(err)
	}
	if _, err := tbl.Plan(ctx, ScanOptions{Tag: "release-1"}); err == nil {
		t.Fatal("deleted tag still readable")
	}
}
