package table

import (
	"context"
	"path"
	"slices"
	"testing"
	"time"

	"github.com/weir-data/weir/types"
)

func TestRemoveOrphanFiles(t *testing.T) {
	ctx := context.Background()
	fio := testFS(t, "local")
	fields := []types.Field{{Name: "p", Type: types.NewInt().NotNull()}, {Name: "k", Type: types.NewInt().NotNull()}, {Name: "v", Type: types.NewString()}}
	tbl := createTable(t, fio, "o", fields, []string{"p"}, []string{"p", "k"}, map[string]string{"bucket": "1"})
	writeRows(t, tbl, 1, 0, []any{types.Insert, int32(1), int32(1), "a"})
	writeRows(t, tbl, 2, 0, []any{types.Insert, int32(2), int32(2), "b"})
	before := readAll(t, tbl, ScanOptions{}, nil)
	// Leftovers of failed commits, and a file Weir never writes.
	strays := []string{
		path.Join(tbl.Path(), "p=1/bucket-0/data-00000000-0000-0000-0000-000000000000-0.parquet"),
		path.Join(tbl.Path(), "manifest/manifest-00000000-0000-0000-0000-000000000000-0"),
		path.Join(tbl.Path(), "index/index-00000000-0000-0000-0000-000000000000-0"),
	}
	for _, p := range strays {
		if err := fio.WriteFile(ctx, p, []byte("junk")); err != nil {
			t.Fatal(err)
		}
	}
	unrelated := path.Join(tbl.Path(), "p=1/bucket-0/README.txt")
	if err := fio.WriteFile(ctx, unrelated, []byte("keep")); err != nil {
		t.Fatal(err)
	}
	// Within the age guard nothing goes.
	if got, err := tbl.RemoveOrphanFiles(ctx, OrphanOptions{}); err != nil || len(got) != 0 {
		t.Fatalf("young orphans removed: %v %v", got, err)
	}
	later := time.Now().Add(48 * time.Hour)
	got, err := tbl.RemoveOrphanFiles(ctx, OrphanOptions{DryRun: true, Now: later})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(got)
	want := slices.Clone(strays)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Fatalf("orphans %v, want %v", got, want)
	}
	if _, err := tbl.RemoveOrphanFiles(ctx, OrphanOptions{Now: later}); err != nil {
		t.Fatal(err)
	}
	for _, p := range strays {
		if ok, _ := fio.Exists(ctx, p); ok {
			t.Fatalf("orphan %s survived", p)
		}
	}
	if ok, _ := fio.Exists(ctx, unrelated); !ok {
		t.Fatal("a file Weir did not write was deleted")
	}
	checkRows(t, "rows", readAll(t, tbl, ScanOptions{}, nil), before)
	if err := CheckTable(ctx, tbl); err != nil {
		t.Fatal(err)
	}
}
