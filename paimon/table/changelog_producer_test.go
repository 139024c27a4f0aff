package table

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/weir-data/weir/fileio"
	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// streamChanges reads every change a streaming scan has not read yet.
func streamChanges(t *testing.T, tbl *Table, scan *StreamScan) []string {
	t.Helper()
	ctx := context.Background()
	var changes []string
	for {
		p, err := scan.Next(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if p == nil {
			return changes
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
}

// changelog-producer = lookup and full-compaction: what a streaming reader
// sees, commit by commit, for upserts, an unchanged upsert (row-deduplicate)
// and a delete; changelog files sit in the bucket directory and are listed
// only by COMPACT snapshots.
func TestCompactionChangelogProducers(t *testing.T) {
	commits := [][][]any{
		{{types.Insert, int32(1), "a"}, {types.Insert, int32(2), "b"}},
		{{types.Insert, int32(1), "a2"}, {types.Insert, int32(2), "b"}, {types.Insert, int32(3), "c"}},
		{{types.Delete, int32(3), "c"}},
	}
	for _, tc := range []struct {
		producer string
		dedup    bool
		want     []string // per commit
	}{
		{"lookup", false, []string{"+I 1 a; +I 2 b", "-U 1 a; +U 1 a2; -U 2 b; +U 2 b; +I 3 c", "-D 3 c"}},
		{"lookup", true, []string{"+I 1 a; +I 2 b", "-U 1 a; +U 1 a2; +I 3 c", "-D 3 c"}},
		{"full-compaction", true, []string{"+I 1 a; +I 2 b", "-U 1 a; +U 1 a2; +I 3 c", "-D 3 c"}},
	} {
		t.Run(fmt.Sprintf("%s/dedup=%v", tc.producer, tc.dedup), func(t *testing.T) {
			ctx := context.Background()
			fio := fileio.NewMemory()
			fields := []types.Field{{Name: "k", Type: types.NewInt().NotNull()}, {Name: "v", Type: types.NewString()}}
			tbl := createTable(t, fio, "cl", fields, nil, []string{"k"}, map[string]string{"bucket": "1",
				"changelog-producer": tc.producer, "changelog-producer.row-deduplicate": fmt.Sprint(tc.dedup)})
			scan, err := tbl.NewStreamScan(ctx, StreamOptions{Mode: "latest"})
			if err != nil {
				t.Fatal(err)
			}
			for i, rows := range commits {
				writeRows(t, tbl, int64(i+1), 0, rows...)
				if got := strings.Join(streamChanges(t, tbl, scan), "; "); got != tc.want[i] {
					t.Fatalf("commit %d: changelog\n got  %s\n want %s", i+1, got, tc.want[i])
				}
			}
			checkRows(t, "table", readAll(t, tbl, ScanOptions{}, nil), sorted("1, a2", "2, b"))
			latest, _, _ := tbl.Snapshots().LatestID(ctx)
			for id := int64(1); id <= latest; id++ {
				s, _ := tbl.Snapshots().Read(ctx, id)
				if (s.ChangelogManifestList != "") != (s.CommitKind == "COMPACT") {
					t.Errorf("snapshot %d (%s): changelog list %q", id, s.CommitKind, s.ChangelogManifestList)
				}
			}
			n := 0
			for f := range listFiles(t, fio, tbl.Path()) {
				if strings.HasPrefix(f, "bucket-0/changelog-") && strings.HasSuffix(f, ".parquet") {
					n++
				}
			}
			if n != len(commits) {
				t.Errorf("%d changelog files in bucket-0, want %d", n, len(commits))
			}
			if err := CheckTable(ctx, tbl); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// first-row with changelog-producer = lookup: only a key's first appearance
// is a change.
func TestFirstRowLookupChangelog(t *testing.T) {
	ctx := context.Background()
	fields := []types.Field{{Name: "k", Type: types.NewInt().NotNull()}, {Name: "v", Type: types.NewString()}}
	tbl := createTable(t, fileio.NewMemory(), "fr", fields, nil, []string{"k"}, map[string]string{"bucket": "1",
		"merge-engine": "first-row", "changelog-producer": "lookup"})
	scan, err := tbl.NewStreamScan(ctx, StreamOptions{Mode: "latest"})
	if err != nil {
		t.Fatal(err)
	}
	writeRows(t, tbl, 1, 0, []any{types.Insert, int32(1), "first"})
	writeRows(t, tbl, 2, 0, []any{types.Insert, int32(1), "second"}, []any{types.Insert, int32(2), "x"})
	if got := strings.Join(streamChanges(t, tbl, scan), "; "); got != "+I 1 first; +I 2 x" {
		t.Fatalf("changelog %s", got)
	}
	checkRows(t, "table", readAll(t, tbl, ScanOptions{}, nil), sorted("1, first", "2, x"))
}

// How often a writer forces a full compaction, as Paimon's Flink sink
// derives it.
func TestFullCompactionEvery(t *testing.T) {
	for _, tc := range []struct {
		opts     map[string]string
		interval time.Duration
		want     int
	}{
		{map[string]string{}, 0, 0},
		{map[string]string{"changelog-producer": "full-compaction"}, 0, 1},
		{map[string]string{"changelog-producer": "full-compaction", "full-compaction.delta-commits": "3"}, 0, 3},
		{map[string]string{"full-compaction.delta-commits": "2"}, 0, 2}, // any producer
		{map[string]string{"changelog-producer": "full-compaction", "changelog-producer.compaction-interval": "2 min"}, 30 * time.Second, 4},
		{map[string]string{"changelog-producer": "full-compaction", "changelog-producer.compaction-interval": "10 s"}, time.Minute, 1},
		{map[string]string{"changelog-producer.compaction-interval": "1 min"}, 0, 1},
		{map[string]string{"changelog-producer": "full-compaction", "full-compaction.delta-commits": "5",
			"changelog-producer.compaction-interval": "1 min"}, time.Second, 5},
	} {
		opts := map[string]string{"bucket": "1"}
		for k, v := range tc.opts {
			opts[k] = v
		}
		tbl := createTable(t, fileio.NewMemory(), "t", []types.Field{{Name: "k", Type: types.NewInt().NotNull()}}, nil, []string{"k"}, opts)
		got, err := tbl.fullCompactionEvery(tc.interval)
		if err != nil || got != tc.want {
			t.Errorf("%v, interval %s: every %d commits (%v), want %d", tc.opts, tc.interval, got, err, tc.want)
		}
	}
}
