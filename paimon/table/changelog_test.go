package table

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// changelog-producer = input: every input record reaches the changelog files
// (unmerged, with its kind), streaming reads replay them, and expiry deletes
// them with their snapshots.
func TestInputChangelogProducer(t *testing.T) {
	ctx := context.Background()
	fio := testFS(t, "local")
	fields := []types.Field{{Name: "k", Type: types.NewInt().NotNull()}, {Name: "v", Type: types.NewString()}}
	tbl := createTable(t, fio, "cl", fields, nil, []string{"k"}, map[string]string{"bucket": "1", "changelog-producer": "input", "write-only": "true"})
	scan, err := tbl.NewStreamScan(ctx, StreamOptions{Mode: "latest"})
	if err != nil {
		t.Fatal(err)
	}
	writeRows(t, tbl, 1, 0, []any{types.Insert, int32(1), "a"}, []any{types.Insert, int32(2), "b"})
	writeRows(t, tbl, 2, 0,
		[]any{types.UpdateBefore, int32(1), "a"}, []any{types.UpdateAfter, int32(1), "a2"}, // same key, same buffer
		[]any{types.Delete, int32(2), "b"})
	var changes []string
	for {
		p, err := scan.Next(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if p == nil {
			break
		}
		for _, sp := range p.Splits {
			src, err := tbl.ReadSplit(ctx, sp, ReadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if err := drain(ctx, src, func(b *vec.Batch) {
				for r := 0; r < b.Len; r++ {
					changes = append(changes, fmt.Sprintf("%s %v %v", b.Kind(r), b.Cols[0].Value(r), b.Cols[1].Value(r)))
				}
			}); err != nil {
				t.Fatal(err)
			}
		}
	}
	want := []string{"+I 1 a", "+I 2 b", "-U 1 a", "+U 1 a2", "-D 2 b"}
	if strings.Join(changes, "; ") != strings.Join(want, "; ") {
		t.Fatalf("changelog:\n got  %v\n want %v", changes, want)
	}
	checkRows(t, "table", readAll(t, tbl, ScanOptions{}, nil), []string{"1, a2"})
	s, err := tbl.Snapshots().Latest(ctx)
	if err != nil || s.ChangelogManifestList == "" || s.ChangelogRecordCount == nil || *s.ChangelogRecordCount != 3 {
		t.Fatalf("snapshot changelog fields: %+v %v", s, err)
	}
	if err := CheckTable(ctx, tbl); err != nil {
		t.Fatal(err)
	}
	// Expiring snapshot 1 deletes its changelog file.
	count := func() int {
		n := 0
		for f := range listFiles(t, fio, tbl.Path()) {
			if strings.HasPrefix(f, "bucket-0/changelog-") {
				n++
			}
		}
		return n
	}
	if count() != 2 {
		t.Fatalf("%d changelog files, want 2", count())
	}
	wo, _ := tbl.WithOptions(map[string]string{"write-only": "false"})
	if _, err := wo.ExpireSnapshots(ctx, ExpireOptions{RetainMin: 1, TimeRetained: time.Nanosecond, Now: time.Now().Add(time.Hour)}); err != nil {
		t.Fatal(err)
	}
	if count() != 1 {
		t.Fatalf("%d changelog files after expiry, want 1", count())
	}
	if err := CheckTable(ctx, tbl); err != nil {
		t.Fatal(err)
	}
}
