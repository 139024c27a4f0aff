package table

import (
	"context"
	"fmt"
	"path"
	"strings"
	"testing"
	"time"

	"github.com/weir-data/weir/fileio"
	"github.com/weir-data/weir/types"
)

// listFiles lists every file below dir (relative names).
func listFiles(t *testing.T, fio fileio.FileIO, dir string) map[string]bool {
	t.Helper()
	out := map[string]bool{}
	var walk func(d string)
	walk = func(d string) {
		infos, err := fio.List(context.Background(), d)
		if err != nil {
			t.Fatal(err)
		}
		for _, fi := range infos {
			p := path.Join(d, fi.Name)
			if fi.IsDir {
				walk(p)
			} else {
				out[strings.TrimPrefix(p, dir+"/")] = true
			}
		}
	}
	walk(dir)
	return out
}

func TestExpireSnapshots(t *testing.T) {
	ctx := context.Background()
	fio := testFS(t, "local")
	fields := []types.Field{{Name: "k", Type: types.NewInt().NotNull()}, {Name: "v", Type: types.NewBigInt()}}
	tbl := createTable(t, fio, "e", fields, nil, []string{"k"}, map[string]string{"bucket": "1", "write-only": "true"})
	want := map[int32]int64{}
	for c := int64(1); c <= 12; c++ {
		k := int32(c % 5)
		writeRows(t, tbl, c, 0, []any{types.Insert, k, c})
		want[k] = c
		if c%4 == 0 {
			if _, err := tbl.Compact(ctx, CompactOptions{Full: true}); err != nil {
				t.Fatal(err)
			}
		}
	}
	latest, _, _ := tbl.Snapshots().LatestID(ctx)
	before := readAll(t, tbl, ScanOptions{}, nil)
	atRetained := readAll(t, tbl, ScanOptions{SnapshotID: latest - 2}, nil)

	// Within time-retained nothing expires, whatever the counts say.
	res, err := tbl.ExpireSnapshots(ctx, ExpireOptions{RetainMin: 3, TimeRetained: time.Hour})
	if err != nil || res.To != 0 {
		t.Fatalf("expired %+v (%v) within snapshot.time-retained", res, err)
	}
	// Past it, all but the last 3 go (limit permitting).
	res, err = tbl.ExpireSnapshots(ctx, ExpireOptions{RetainMin: 3, TimeRetained: time.Millisecond, Now: time.Now().Add(time.Hour), Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	if res.From != 1 || res.To != latest-2 || res.DataFiles == 0 || res.Manifests == 0 {
		t.Fatalf("expire result %+v, latest %d", res, latest)
	}
	earliest, _, _ := tbl.Snapshots().EarliestID(ctx)
	if earliest != latest-2 {
		t.Fatalf("earliest %d, want %d", earliest, latest-2)
	}
	checkRows(t, "latest after expiry", readAll(t, tbl, ScanOptions{}, nil), before)
	checkRows(t, "oldest retained snapshot", readAll(t, tbl, ScanOptions{SnapshotID: latest - 2}, nil), atRetained)
	if _, err := tbl.Plan(ctx, ScanOptions{SnapshotID: 1}); err == nil || !strings.Contains(err.Error(), "snapshot-1") {
		t.Fatalf("reading an expired snapshot: %v", err)
	}
	if err := CheckTable(ctx, tbl); err != nil {
		t.Fatal(err)
	}
	// Every data file left on disk is reachable from a retained snapshot.
	reachable := map[string]bool{}
	for id := earliest; id <= latest; id++ {
		plan, err := tbl.PlanFiles(ctx, ScanOptions{SnapshotID: id})
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range plan.Splits {
			for _, f := range s.Files {
				reachable[path.Join("bucket-0", f.FileName)] = true
			}
		}
	}
	for f := range listFiles(t, fio, tbl.Path()) {
		if strings.HasPrefix(f, "bucket-0/") && !reachable[f] {
			t.Errorf("data file %s survived expiry but no retained snapshot reaches it", f)
		}
	}
	for f := range reachable {
		if !listFiles(t, fio, tbl.Path())[f] {
			t.Errorf("reachable data file %s was deleted", f)
		}
	}
}

// Expiry runs after commits by itself (not for write-only tables) and keeps
// snapshot.num-retained.min snapshots.
func TestExpireAfterCommit(t *testing.T) {
	ctx := context.Background()
	fields := []types.Field{{Name: "k", Type: types.NewInt().NotNull()}, {Name: "v", Type: types.NewBigInt()}}
	tbl := createTable(t, fileio.NewMemory(), "auto", fields, nil, []string{"k"}, map[string]string{
		"bucket": "1", "snapshot.num-retained.min": "2", "snapshot.num-retained.max": "4", "snapshot.time-retained": "1 h"})
	for c := int64(1); c <= 9; c++ {
		writeRows(t, tbl, c, 0, []any{types.Insert, int32(c), c})
	}
	ids, err := tbl.Snapshots().IDs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// num-retained.max = 4: older snapshots go even inside the hour.
	if len(ids) > 4 {
		t.Fatalf("%d snapshots retained (%v), want at most 4", len(ids), ids)
	}
	var want []string
	for c := int64(1); c <= 9; c++ {
		want = append(want, fmt.Sprintf("%d, %d", c, c))
	}
	checkRows(t, "rows", readAll(t, tbl, ScanOptions{}, nil), sorted(want...))
}
