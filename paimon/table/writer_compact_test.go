package table

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/weir-data/weir/fileio"
	"github.com/weir-data/weir/paimon/snapshot"
	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// A long-lived writer compacts in the background: sorted runs stay bounded by
// the stop trigger, compactions land as COMPACT snapshots after their APPEND,
// and the rows always match a model.
func TestWriterCompactsInBackground(t *testing.T) {
	for _, fsName := range []string{"memory", "local"} {
		t.Run(fsName, func(t *testing.T) {
			ctx := context.Background()
			fields := []types.Field{{Name: "k", Type: types.NewInt().NotNull()}, {Name: "v", Type: types.NewBigInt()}}
			tbl := createTable(t, testFS(t, fsName), "bg", fields, nil, []string{"k"}, map[string]string{
				"bucket": "2", "num-sorted-run.compaction-trigger": "3", "num-sorted-run.stop-trigger": "5"})
			w, err := tbl.NewWriter(ctx, WriterOptions{CommitUser: "job"})
			if err != nil {
				t.Fatal(err)
			}
			defer w.Close(ctx)
			rng := rand.New(rand.NewPCG(11, 12))
			model := map[int32]int64{}
			compacts := 0
			for c := int64(1); c <= 25; c++ {
				b := engineRows(t, tbl)
				for i := 0; i < 30; i++ {
					k, v := int32(rng.IntN(80)), int64(rng.IntN(1000))
					if _, ok := model[k]; ok && rng.IntN(5) == 0 {
						_ = b.AppendRow(types.Delete, k, model[k])
						delete(model, k)
						continue
					}
					_ = b.AppendRow(types.Insert, k, v)
					model[k] = v
				}
				if err := w.Write(ctx, b); err != nil {
					t.Fatal(err)
				}
				msgs, err := w.Prepare(ctx)
				if err != nil {
					t.Fatal(err)
				}
				res, err := tbl.Commit(ctx, "job", Committable{Identifier: c, Messages: msgs})
				if err != nil {
					t.Fatal(err)
				}
				for _, id := range res.SnapshotIDs {
					s, _ := tbl.Snapshots().Read(ctx, id)
					if s.CommitKind == snapshot.Compact {
						compacts++
					}
				}
				var want []string
				for k, v := range model {
					want = append(want, fmt.Sprintf("%d, %d", k, v))
				}
				checkRows(t, fmt.Sprintf("commit %d", c), readAll(t, tbl, ScanOptions{}, nil), sorted(want...))
				// Sorted runs per bucket stay within the stop trigger (+ this commit's file).
				plan, err := tbl.PlanFiles(ctx, ScanOptions{})
				if err != nil {
					t.Fatal(err)
				}
				for _, s := range plan.Splits {
					runs, err := tbl.sortedRuns(s.Files)
					if err != nil {
						t.Fatal(err)
					}
					if len(runs) > 5+1 {
						t.Fatalf("commit %d: bucket %d has %d sorted runs (stop trigger 5)", c, s.Bucket, len(runs))
					}
				}
			}
			if compacts == 0 {
				t.Fatal("the writer never compacted")
			}
			if err := CheckTable(ctx, tbl); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// A write-only writer never compacts.
func TestWriteOnlyDoesNotCompact(t *testing.T) {
	ctx := context.Background()
	fields := []types.Field{{Name: "k", Type: types.NewInt().NotNull()}, {Name: "v", Type: types.NewBigInt()}}
	tbl := createTable(t, fileio.NewMemory(), "wo", fields, nil, []string{"k"}, map[string]string{
		"bucket": "1", "num-sorted-run.compaction-trigger": "2", "write-only": "true"})
	w, err := tbl.NewWriter(ctx, WriterOptions{CommitUser: "job"})
	if err != nil {
		t.Fatal(err)
	}
	for c := int64(1); c <= 8; c++ {
		b := engineRows(t, tbl)
		_ = b.AppendRow(types.Insert, int32(c), c)
		if err := w.Write(ctx, b); err != nil {
			t.Fatal(err)
		}
		msgs, err := w.Prepare(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := tbl.Commit(ctx, "job", Committable{Identifier: c, Messages: msgs}); err != nil {
			t.Fatal(err)
		}
	}
	if n := filesByLevel(t, tbl)[0]; n != 8 {
		t.Fatalf("write-only table has %d level-0 files, want 8", n)
	}
}

// engineRows returns an empty batch of the table's columns.
func engineRows(t *testing.T, tbl *Table) *vec.Batch {
	t.Helper()
	b, err := vec.NewBatch(fieldTypes(tbl.Schema().Fields), 32)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
