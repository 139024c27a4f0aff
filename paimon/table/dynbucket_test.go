package table

import (
	"context"
	"fmt"
	"path"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/weir-data/weir/fileio"
	"github.com/weir-data/weir/paimon/bucket"
	"github.com/weir-data/weir/paimon/hashindex"
	"github.com/weir-data/weir/paimon/manifest"
	"github.com/weir-data/weir/types"
)

// keyBuckets maps "region/id" to the bucket its live row is in.
func keyBuckets(t *testing.T, tbl *Table) map[string]int {
	t.Helper()
	ctx := context.Background()
	plan, err := tbl.Plan(ctx, ScanOptions{})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]int{}
	for _, s := range plan.Splits {
		if s.TotalBuckets != -1 {
			t.Fatalf("split of bucket %d has total buckets %d, want -1", s.Bucket, s.TotalBuckets)
		}
		src, err := tbl.ReadSplit(ctx, s, ReadOptions{Projection: []int{0, 1}})
		if err != nil {
			t.Fatal(err)
		}
		for {
			b, err := src.Next(ctx)
			if err != nil {
				break
			}
			for r := 0; r < b.Len; r++ {
				k := fmt.Sprintf("%v/%v", b.Cols[0].Value(r), b.Cols[1].Value(r))
				if prev, dup := out[k]; dup {
					t.Fatalf("key %s is in buckets %d and %d", k, prev, s.Bucket)
				}
				out[k] = s.Bucket
			}
		}
		src.Close()
	}
	return out
}

// hashEntries returns the HASH entries of the latest index manifest by "partition-dir/bucket".
func hashEntries(t *testing.T, tbl *Table) map[string]manifest.IndexEntry {
	t.Helper()
	ctx := context.Background()
	s, err := tbl.Snapshots().Latest(ctx)
	if err != nil || s == nil || s.IndexManifest == "" {
		t.Fatalf("latest snapshot %+v has no index manifest (%v)", s, err)
	}
	es, err := tbl.readIndexManifest(ctx, s.IndexManifest)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]manifest.IndexEntry{}
	for _, e := range es {
		if e.IndexType != manifest.IndexTypeHash || e.Kind != manifest.KindAdd {
			t.Fatalf("unexpected index entry %+v", e)
		}
		dir, err := tbl.partitionDir(e.Partition)
		if err != nil {
			t.Fatal(err)
		}
		out[path.Join(dir, fmt.Sprint(e.Bucket))] = e
	}
	return out
}

// idHash is the hash Paimon keeps for an orders key whose trimmed primary key is (id).
func idHash(t *testing.T, tbl *Table, id int64) int32 {
	t.Helper()
	h, err := bucket.NewKeyHasher([]types.DataType{types.NewBigInt().NotNull()}, []int{1})
	if err != nil {
		t.Fatal(err)
	}
	b := ordersBatch(t, tbl, []orderRow{{types.Insert, "x", id, 0, nil}})
	v, err := h.Hash(b, 0)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func dynOrders(t *testing.T, fio fileio.FileIO, opts map[string]string) *Table {
	o := map[string]string{"dynamic-bucket.target-row-num": "3"}
	for k, v := range opts {
		o[k] = v
	}
	return createTable(t, fio, "dyn", ordersFields(), []string{"region"}, []string{"region", "id"}, o)
}

func TestDynamicBucketWriteRestartWrite(t *testing.T) {
	for _, fsName := range []string{"memory", "local"} {
		t.Run(fsName, func(t *testing.T) {
			ctx := context.Background()
			fio := testFS(t, fsName)
			tbl := dynOrders(t, fio, nil)
			if tbl.Options().Bucket() != -1 {
				t.Fatalf("default bucket = %d, want -1", tbl.Options().Bucket())
			}
			var rows []orderRow
			for id := int64(1); id <= 5; id++ {
				rows = append(rows, orderRow{types.Insert, "eu", id, id * 100, "v1"})
			}
			rows = append(rows, orderRow{types.Insert, "us", 1, 1, "v1"}, orderRow{types.Insert, "us", 2, 2, "v1"})
			writeCommit(t, tbl, "job", 1, ordersBatch(t, tbl, rows))
			want := map[string]int{"eu/1": 0, "eu/2": 0, "eu/3": 0, "eu/4": 1, "eu/5": 1, "us/1": 0, "us/2": 0}
			if got := keyBuckets(t, tbl); !mapsEqual(got, want) {
				t.Fatalf("buckets after the first commit %v, want %v", got, want)
			}
			first := hashEntries(t, tbl)
			checkHashFile(t, tbl, first["region=eu/0"], 1, 2, 3)
			checkHashFile(t, tbl, first["region=eu/1"], 4, 5)
			checkHashFile(t, tbl, first["region=us/0"], 1, 2)
			if len(first) != 3 {
				t.Fatalf("index entries %v", first)
			}

			// A restarted writer (a new process: the table opened again)
			// continues from the index: known keys keep their bucket, new
			// keys fill bucket 1, then open bucket 2.
			tbl2, err := Open(ctx, fio, tbl.Path(), tbl.Name())
			if err != nil {
				t.Fatal(err)
			}
			writeCommit(t, tbl2, "job", 2, ordersBatch(t, tbl2, []orderRow{
				{types.UpdateAfter, "eu", 2, 222, "v2"}, {types.Insert, "eu", 6, 600, "v2"},
				{types.Insert, "eu", 7, 700, "v2"}, {types.Delete, "eu", 4, 0, nil},
			}))
			want = map[string]int{"eu/1": 0, "eu/2": 0, "eu/3": 0, "eu/5": 1, "eu/6": 1, "eu/7": 2, "us/1": 0, "us/2": 0}
			if got := keyBuckets(t, tbl2); !mapsEqual(got, want) {
				t.Fatalf("buckets after the restart %v, want %v", got, want)
			}
			second := hashEntries(t, tbl2)
			checkHashFile(t, tbl2, second["region=eu/0"], 1, 2, 3)
			checkHashFile(t, tbl2, second["region=eu/1"], 4, 5, 6)
			checkHashFile(t, tbl2, second["region=eu/2"], 7)
			// Unchanged buckets keep their file; changed ones get a new one.
			if second["region=us/0"].FileName != first["region=us/0"].FileName || second["region=eu/0"].FileName != first["region=eu/0"].FileName {
				t.Fatal("an unchanged bucket's hash index file was rewritten")
			}
			if second["region=eu/1"].FileName == first["region=eu/1"].FileName {
				t.Fatal("bucket eu/1 changed but kept its hash index file")
			}
			checkRows(t, "rows", readAll(t, tbl2, ScanOptions{}, []int{0, 1, 2, 3}), sorted(
				"eu, 1, 1.00, v1", "eu, 2, 2.22, v2", "eu, 3, 3.00, v1", "eu, 5, 5.00, v1", "eu, 6, 6.00, v2", "eu, 7, 7.00, v2",
				"us, 1, 0.01, v1", "us, 2, 0.02, v1"))
			// Snapshot 1 still reads with its own index manifest.
			checkRows(t, "snapshot 1", readAll(t, tbl2, ScanOptions{SnapshotID: 1}, []int{1}), sorted("1", "2", "3", "4", "5", "1", "2"))
			if err := CheckTable(ctx, tbl2); err != nil {
				t.Fatalf("self-check: %v", err)
			}
			// Compaction treats dynamic buckets as ordinary ones.
			if _, err := tbl2.Compact(ctx, CompactOptions{Full: true}); err != nil {
				t.Fatal(err)
			}
			if got := keyBuckets(t, tbl2); !mapsEqual(got, want) {
				t.Fatalf("buckets after compaction %v, want %v", got, want)
			}
			if err := CheckTable(ctx, tbl2); err != nil {
				t.Fatalf("self-check after compaction: %v", err)
			}
		})
	}
}

func mapsEqual(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// checkHashFile checks a HASH index file byte for byte: the big-endian hashes
// of the ids' keys in assignment order, size and row count as listed.
func checkHashFile(t *testing.T, tbl *Table, e manifest.IndexEntry, ids ...int64) {
	t.Helper()
	if e.FileName == "" {
		t.Fatalf("no hash index entry (want ids %v)", ids)
	}
	var hs []int32
	for _, id := range ids {
		hs = append(hs, idHash(t, tbl, id))
	}
	want := hashindex.Encode(nil, hs)
	data, err := tbl.FileIO().ReadFile(context.Background(), path.Join(tbl.Path(), "index", e.FileName))
	if err != nil {
		t.Fatal(err)
	}
	if string(data) != string(want) || e.FileSize != int64(len(want)) || e.RowCount != int64(len(ids)) ||
		e.DeletionVectorRanges != nil || e.ExternalPath != nil || !strings.HasPrefix(e.FileName, "index-") {
		t.Fatalf("hash index %s: % x (size %d, rows %d), want % x for ids %v", e.FileName, data, e.FileSize, e.RowCount, want, ids)
	}
}

func TestDynamicBucketUnpartitionedAndAssigners(t *testing.T) {
	ctx := context.Background()
	fio := fileio.NewMemory()
	tbl := createTable(t, fio, "dyn2", ordersFields(), nil, []string{"region", "id"},
		map[string]string{"bucket": "-1", "dynamic-bucket.target-row-num": "2", "dynamic-bucket.initial-buckets": "2",
			"dynamic-bucket.max-buckets": "4"})
	var rows []orderRow
	for id := int64(0); id < 40; id++ {
		rows = append(rows, orderRow{types.Insert, "r", id, id, nil})
	}
	writeCommit(t, tbl, "u", 1, ordersBatch(t, tbl, rows))
	got := keyBuckets(t, tbl)
	if len(got) != 40 {
		t.Fatalf("%d keys", len(got))
	}
	used := map[int]int{}
	for _, b := range got {
		used[b]++
	}
	// Two assigners open buckets 0,2 and 1,3; max-buckets caps them at 4.
	if len(used) != 4 || used[0] == 0 || used[1] == 0 || used[2] == 0 || used[3] == 0 {
		t.Fatalf("bucket use %v, want buckets 0..3", used)
	}
	// Writing every key again moves none.
	writeCommit(t, tbl, "u", 2, ordersBatch(t, tbl, rows))
	if again := keyBuckets(t, tbl); !mapsEqual(again, got) {
		t.Fatalf("rewriting the keys moved them: %v, was %v", again, got)
	}
	if err := CheckTable(ctx, tbl); err != nil {
		t.Fatal(err)
	}
}

func TestDynamicBucketRefusals(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name     string
		part, pk []string
		opts     map[string]string
		want     string
	}{
		{"cross partition", []string{"region"}, []string{"id"}, nil, "cross-partition upsert"},
		{"target", nil, []string{"id"}, map[string]string{"dynamic-bucket.target-row-num": "0"}, "target-row-num"},
		{"max buckets", nil, []string{"id"}, map[string]string{"dynamic-bucket.max-buckets": "0"}, "max-buckets"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tbl := createTable(t, fileio.NewMemory(), "t", ordersFields(), tc.part, tc.pk, tc.opts)
			_, err := tbl.NewWriter(ctx, WriterOptions{})
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "default.t") {
				t.Fatalf("NewWriter error %v, want one naming the table and %q", err, tc.want)
			}
		})
	}
}

func TestDynamicBucketCorruptIndex(t *testing.T) {
	ctx := context.Background()
	fio := fileio.NewMemory()
	tbl := dynOrders(t, fio, nil)
	writeCommit(t, tbl, "u", 1, ordersBatch(t, tbl, []orderRow{{types.Insert, "eu", 1, 1, nil}}))
	e := hashEntries(t, tbl)["region=eu/0"]
	if err := fio.WriteFile(ctx, path.Join(tbl.Path(), "index", e.FileName), []byte{1, 2, 3}); err != nil {
		t.Fatal(err)
	}
	w, err := tbl.NewWriter(ctx, WriterOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close(ctx)
	err = w.Write(ctx, ordersBatch(t, tbl, []orderRow{{types.Insert, "eu", 2, 2, nil}}))
	if err == nil || !strings.Contains(err.Error(), e.FileName) || !strings.Contains(err.Error(), "corrupt") {
		t.Fatalf("write over a corrupt hash index: %v", err)
	}
	if err := CheckTable(ctx, tbl); err == nil || !strings.Contains(err.Error(), e.FileName) {
		t.Fatalf("CheckTable over a corrupt hash index: %v", err)
	}
}

func TestDynamicBucketExpiryOrphansDropStream(t *testing.T) {
	ctx := context.Background()
	fio := fileio.NewMemory()
	tbl := dynOrders(t, fio, nil)
	scan, err := tbl.NewStreamScan(ctx, StreamOptions{Mode: "latest"})
	if err != nil {
		t.Fatal(err)
	}
	var superseded []string
	for c := int64(1); c <= 4; c++ {
		before := map[string]manifest.IndexEntry{}
		if c > 1 {
			before = hashEntries(t, tbl)
		}
		writeCommit(t, tbl, "u", c, ordersBatch(t, tbl, []orderRow{
			{types.Insert, "eu", c, c, nil}, {types.Insert, "us", c, c, nil}}))
		after := hashEntries(t, tbl)
		for k, e := range before {
			if after[k].FileName != e.FileName {
				superseded = append(superseded, e.FileName)
			}
		}
		// The streaming scan sees each commit's rows, as in any bucket.
		plan, err := scan.Next(ctx)
		if err != nil || plan == nil || len(plan.Splits) != 2 {
			t.Fatalf("stream step %d: %+v %v", c, plan, err)
		}
	}
	if len(superseded) == 0 {
		t.Fatal("no hash index file was superseded")
	}
	live := hashEntries(t, tbl)
	// Orphan clean-up keeps every index file a snapshot lists.
	removed, err := tbl.RemoveOrphanFiles(ctx, OrphanOptions{Now: time.Now().Add(48 * time.Hour)})
	if err != nil || len(removed) != 0 {
		t.Fatalf("orphans removed %v, %v", removed, err)
	}
	// Expiry down to the latest snapshot deletes superseded index files only.
	res, err := tbl.ExpireSnapshots(ctx, ExpireOptions{RetainMin: 1, RetainMax: 1})
	if err != nil || res.Indexes != len(superseded) {
		t.Fatalf("expire: %+v %v; want %d index files deleted", res, err, len(superseded))
	}
	for _, name := range superseded {
		if ok, _ := fio.Exists(ctx, path.Join(tbl.Path(), "index", name)); ok {
			t.Fatalf("superseded hash index %s survived expiry", name)
		}
	}
	for k, e := range live {
		if ok, _ := fio.Exists(ctx, path.Join(tbl.Path(), "index", e.FileName)); !ok {
			t.Fatalf("live hash index %s of %s deleted by expiry", e.FileName, k)
		}
	}
	if err := CheckTable(ctx, tbl); err != nil {
		t.Fatal(err)
	}
	// Dropping a partition drops its hash index; a new writer starts it afresh.
	if _, err := tbl.DropPartitions(ctx, [][]any{{"us"}}); err != nil {
		t.Fatal(err)
	}
	after := hashEntries(t, tbl)
	for k := range after {
		if strings.HasPrefix(k, "region=us/") {
			t.Fatalf("dropped partition keeps hash index %s", k)
		}
	}
	writeCommit(t, tbl, "u", 5, ordersBatch(t, tbl, []orderRow{{types.Insert, "us", 9, 9, nil}}))
	if got := keyBuckets(t, tbl)["us/9"]; got != 0 {
		t.Fatalf("first key of the re-created partition in bucket %d", got)
	}
	names := slices.Collect(func(yield func(string) bool) {
		for k := range hashEntries(t, tbl) {
			if !yield(k) {
				return
			}
		}
	})
	slices.Sort(names)
	if !slices.Equal(names, []string{"region=eu/0", "region=eu/1", "region=us/0"}) {
		t.Fatalf("hash index buckets %v", names)
	}
	if err := CheckTable(ctx, tbl); err != nil {
		t.Fatal(err)
	}
}
