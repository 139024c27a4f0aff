package table

import (
	"context"
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/weir-data/weir/fileio"
	"github.com/weir-data/weir/paimon/binaryrow"
	"github.com/weir-data/weir/paimon/manifest"
	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// kvTable is a primary-key table (k INT, v INT) with one bucket.
func kvTable(t *testing.T, fio fileio.FileIO) *Table {
	t.Helper()
	return createTable(t, fio, "kv", []types.Field{
		{Name: "k", Type: types.NewInt()}, {Name: "v", Type: types.NewInt()},
	}, nil, []string{"k"}, map[string]string{"bucket": "1"})
}

func kvBatch(t *testing.T, tbl *Table, from, to int32) *vec.Batch {
	t.Helper()
	b, err := vec.NewBatch(fieldTypes(tbl.Schema().Fields), int(to-from+1))
	if err != nil {
		t.Fatal(err)
	}
	for k := from; k <= to; k++ {
		if err := b.AppendRow(types.Insert, k, k*10); err != nil {
			t.Fatal(err)
		}
	}
	return b
}

// liveFiles returns the live files of the latest snapshot, level 0 included,
// in commit order.
func liveFiles(t *testing.T, tbl *Table) []manifest.DataFileMeta {
	t.Helper()
	plan, err := tbl.PlanFiles(context.Background(), ScanOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var out []manifest.DataFileMeta
	for _, s := range plan.Splits {
		out = append(out, s.Files...)
	}
	slices.SortFunc(out, func(a, b manifest.DataFileMeta) int { return int(a.MinSequenceNumber - b.MinSequenceNumber) })
	return out
}

func atLevel(f manifest.DataFileMeta, level int32) manifest.DataFileMeta {
	f.Level = level
	return f
}

// compaction is a commit message that replaces before with after in bucket 0
// of an unpartitioned table.
func compactMsg(tbl *Table, before, after []manifest.DataFileMeta) Committable {
	return Committable{Identifier: BatchCommitIdentifier, Messages: []CommitMessage{{
		Partition: emptyPartition(), Bucket: 0, TotalBuckets: tbl.Options().Bucket(),
		CompactBefore: before, CompactAfter: after,
	}}}
}

func emptyPartition() []byte { return binaryrow.EmptyRow() }

func latestID(t *testing.T, tbl *Table) int64 {
	t.Helper()
	s, err := tbl.Snapshots().Latest(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if s == nil {
		return 0
	}
	return s.ID
}

// TestCommitConflicts: a commit that cannot apply on top of the latest
// snapshot fails with ErrCommitConflict, leaves no snapshot and no manifest
// files behind, and the table stays readable and valid.
func TestCommitConflicts(t *testing.T) {
	for _, tc := range []struct {
		name string
		// first is committed, then second must conflict. files are the live
		// files after the setup commits.
		first, second func(tbl *Table, files []manifest.DataFileMeta) Committable
	}{
		{
			name: "both delete the same file",
			first: func(tbl *Table, f []manifest.DataFileMeta) Committable {
				return compactMsg(tbl, f[:1], []manifest.DataFileMeta{atLevel(f[0], 1)})
			},
			second: func(tbl *Table, f []manifest.DataFileMeta) Committable {
				return compactMsg(tbl, f[:1], []manifest.DataFileMeta{atLevel(f[0], 2)})
			},
		},
		{
			name: "delete of an already deleted file, nothing added",
			first: func(tbl *Table, f []manifest.DataFileMeta) Committable {
				return compactMsg(tbl, f[:1], []manifest.DataFileMeta{atLevel(f[0], 3)})
			},
			second: func(tbl *Table, f []manifest.DataFileMeta) Committable {
				return compactMsg(tbl, f[:2], []manifest.DataFileMeta{atLevel(f[1], 3)})
			},
		},
		{
			name: "LSM overlap with a file another commit put at level 1",
			first: func(tbl *Table, f []manifest.DataFileMeta) Committable {
				return compactMsg(tbl, f[:1], []manifest.DataFileMeta{atLevel(f[0], 1)})
			},
			second: func(tbl *Table, f []manifest.DataFileMeta) Committable {
				return compactMsg(tbl, f[1:2], []manifest.DataFileMeta{atLevel(f[1], 1)})
			},
		},
		{
			name: "LSM overlap within one commit",
			first: func(tbl *Table, f []manifest.DataFileMeta) Committable {
				return compactMsg(tbl, f[2:3], []manifest.DataFileMeta{atLevel(f[2], 4)}) // harmless
			},
			second: func(tbl *Table, f []manifest.DataFileMeta) Committable {
				return compactMsg(tbl, f[:2], []manifest.DataFileMeta{atLevel(f[0], 1), atLevel(f[1], 1)})
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			fio := fileio.NewMemory()
			tbl := kvTable(t, fio)
			writeCommit(t, tbl, "w", 1, kvBatch(t, tbl, 1, 10))  // file 0: keys 1..10
			writeCommit(t, tbl, "w", 2, kvBatch(t, tbl, 5, 15))  // file 1: keys 5..15, overlaps file 0
			writeCommit(t, tbl, "w", 3, kvBatch(t, tbl, 50, 60)) // file 2: keys 50..60
			files := liveFiles(t, tbl)
			if len(files) != 3 {
				t.Fatalf("%d live files", len(files))
			}
			want := readAll(t, tbl, ScanOptions{}, nil)
			if _, err := tbl.Commit(ctx, "compactor-1", tc.first(tbl, files)); err != nil {
				t.Fatalf("first commit: %v", err)
			}
			id := latestID(t, tbl)
			before := manifestNames(t, fio, tbl)
			_, err := tbl.Commit(ctx, "compactor-2", tc.second(tbl, files))
			if !errors.Is(err, ErrCommitConflict) {
				t.Fatalf("second commit: %v, want ErrCommitConflict", err)
			}
			if got := latestID(t, tbl); got != id {
				t.Fatalf("conflicting commit created snapshot %d", got)
			}
			if after := manifestNames(t, fio, tbl); !slices.Equal(after, before) {
				t.Fatalf("conflicting commit left manifest files:\nbefore %q\nafter  %q", before, after)
			}
			if err := CheckTable(ctx, tbl); err != nil {
				t.Fatalf("self-check: %v", err)
			}
			checkRows(t, "rows", readAll(t, tbl, ScanOptions{}, nil), want)
		})
	}
}

// TestCommitNoConflict: compactions of disjoint files, and non-overlapping
// key ranges at one level, both land.
func TestCommitNoConflict(t *testing.T) {
	ctx := context.Background()
	tbl := kvTable(t, fileio.NewMemory())
	writeCommit(t, tbl, "w", 1, kvBatch(t, tbl, 1, 10))
	writeCommit(t, tbl, "w", 2, kvBatch(t, tbl, 20, 30))
	writeCommit(t, tbl, "w", 3, kvBatch(t, tbl, 25, 40))
	f := liveFiles(t, tbl)
	want := readAll(t, tbl, ScanOptions{}, nil)
	if _, err := tbl.Commit(ctx, "c1", compactMsg(tbl, f[:1], []manifest.DataFileMeta{atLevel(f[0], 1)})); err != nil {
		t.Fatal(err)
	}
	if _, err := tbl.Commit(ctx, "c2", compactMsg(tbl, f[1:2], []manifest.DataFileMeta{atLevel(f[1], 1)})); err != nil {
		t.Fatalf("disjoint key ranges at level 1: %v", err)
	}
	// file 2 overlaps file 1 but goes to another level.
	if _, err := tbl.Commit(ctx, "c3", compactMsg(tbl, f[2:3], []manifest.DataFileMeta{atLevel(f[2], 2)})); err != nil {
		t.Fatalf("other level: %v", err)
	}
	if err := CheckTable(ctx, tbl); err != nil {
		t.Fatalf("self-check: %v", err)
	}
	checkRows(t, "rows", readAll(t, tbl, ScanOptions{}, nil), want)
}

// TestConcurrentCompactionsOfOneFile races two committers that both compact
// the same file: exactly one lands, the other gets ErrCommitConflict.
func TestConcurrentCompactionsOfOneFile(t *testing.T) {
	for _, fsName := range []string{"memory", "local"} {
		t.Run(fsName, func(t *testing.T) {
			ctx := context.Background()
			for round := 0; round < 5; round++ {
				fio := testFS(t, fsName)
				tbl := kvTable(t, fio)
				writeCommit(t, tbl, "w", 1, kvBatch(t, tbl, 1, 10))
				f := liveFiles(t, tbl)
				var wg sync.WaitGroup
				errs := make([]error, 2)
				for i := range errs {
					wg.Add(1)
					go func(i int) {
						defer wg.Done()
						tw, err := Open(ctx, fio, tbl.Path(), tbl.Name())
						if err != nil {
							errs[i] = err
							return
						}
						_, errs[i] = tw.Commit(ctx, "compactor-"+string(rune('a'+i)),
							compactMsg(tw, f[:1], []manifest.DataFileMeta{atLevel(f[0], int32(i+1))}))
					}(i)
				}
				wg.Wait()
				ok, conflicts := 0, 0
				for _, err := range errs {
					switch {
					case err == nil:
						ok++
					case errors.Is(err, ErrCommitConflict):
						conflicts++
					default:
						t.Fatal(err)
					}
				}
				if ok != 1 || conflicts != 1 {
					t.Fatalf("round %d: %d commits landed, %d conflicts: %v", round, ok, conflicts, errs)
				}
				if id := latestID(t, tbl); id != 2 {
					t.Fatalf("latest snapshot %d, want 2", id)
				}
				// Manifest lists: two per snapshot, none orphaned.
				lists := 0
				for _, n := range manifestNames(t, fio, tbl) {
					if len(n) > len("manifest-list-") && n[:len("manifest-list-")] == "manifest-list-" {
						lists++
					}
				}
				if lists != 4 {
					t.Fatalf("%d manifest lists for 2 snapshots", lists)
				}
				if err := CheckTable(ctx, tbl); err != nil {
					t.Fatalf("self-check: %v", err)
				}
			}
		})
	}
}

// TestWriteBucketLayout: a table with 'bucket' = '1' writes bucket 0 (bucket
// ids run from 0 to bucket-1, as Java's hash % bucket), and a table whose
// file.format Weir cannot write is refused instead of getting Parquet files
// named .orc.
func TestWriteBucketLayout(t *testing.T) {
	ctx := context.Background()
	fio := fileio.NewMemory()
	tbl := kvTable(t, fio)
	writeCommit(t, tbl, "w", 1, kvBatch(t, tbl, 1, 3))
	plan, err := tbl.Plan(ctx, ScanOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Splits) != 1 || plan.Splits[0].Bucket != 0 || plan.Splits[0].TotalBuckets != 1 {
		t.Fatalf("splits %+v", plan.Splits)
	}
	name := plan.Splits[0].Files[0].FileName
	if ok, err := fio.Exists(ctx, tbl.Path()+"/bucket-0/"+name); err != nil || !ok {
		t.Fatalf("data file not in bucket-0: %v %v", ok, err)
	}
	for _, format := range []string{"orc", "avro"} {
		other := createTable(t, fio, "f_"+format, []types.Field{{Name: "a", Type: types.NewInt()}}, nil, nil, map[string]string{"file.format": format})
		if _, err := other.NewWriter(ctx, WriterOptions{}); err == nil || !strings.Contains(err.Error(), "'file.format' = '"+format+"'") {
			t.Fatalf("writer for file.format=%s: %v", format, err)
		}
	}
}
