package table

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/weir-data/weir/fileio"
	"github.com/weir-data/weir/paimon/snapshot"
	"github.com/weir-data/weir/types"
)

// filesByLevel counts the live files per level.
func filesByLevel(t *testing.T, tbl *Table) map[int32]int {
	t.Helper()
	plan, err := tbl.PlanFiles(context.Background(), ScanOptions{})
	if err != nil {
		t.Fatal(err)
	}
	out := map[int32]int{}
	for _, s := range plan.Splits {
		for _, f := range s.Files {
			out[f.Level]++
		}
	}
	return out
}

// A random stream of upserts and deletes over several commits, compacted
// fully or by universal picks at random points, always reads like a model map,
// and the table stays valid; a full compaction leaves one run on the top level
// with no deletes in it.
func TestCompactKeepsRows(t *testing.T) {
	for _, engine := range []string{"deduplicate", "aggregation"} {
		t.Run(engine, func(t *testing.T) {
			fields := []types.Field{{Name: "k", Type: types.NewInt().NotNull()}, {Name: "v", Type: types.NewBigInt()}}
			opts := map[string]string{"bucket": "2", "num-sorted-run.compaction-trigger": "3"}
			if engine == "aggregation" {
				opts["merge-engine"] = "aggregation"
				opts["fields.v.aggregate-function"] = "sum"
			}
			tbl := createTable(t, fileio.NewMemory(), "c", fields, nil, []string{"k"}, opts)
			rng := rand.New(rand.NewPCG(7, 8))
			model := map[int32]int64{}
			ctx := context.Background()
			for c := int64(1); c <= 12; c++ {
				var rows [][]any
				for i := 0; i < 40; i++ {
					k := int32(rng.IntN(60))
					v := int64(rng.IntN(100))
					old, exists := model[k]
					switch {
					case exists && rng.IntN(4) == 0: // delete (aggregation: retract the sum)
						rows = append(rows, []any{types.Delete, k, old})
						if engine == "aggregation" {
							model[k] = 0 // sum minus itself; the row stays with 0
						} else {
							delete(model, k)
						}
					case engine == "aggregation":
						rows = append(rows, []any{types.Insert, k, v})
						model[k] += v
					default:
						rows = append(rows, []any{types.Insert, k, v})
						model[k] = v
					}
				}
				writeRows(t, tbl, c, 0, rows...)
				if c%4 == 0 || rng.IntN(3) == 0 {
					res, err := tbl.Compact(ctx, CompactOptions{Full: c%4 == 0})
					if err != nil {
						t.Fatalf("commit %d: compact: %v", c, err)
					}
					if len(res.Commit.SnapshotIDs) > 0 {
						s, err := tbl.Snapshots().Read(ctx, res.Commit.SnapshotIDs[0])
						if err != nil || s.CommitKind != snapshot.Compact {
							t.Fatalf("compaction snapshot %+v %v", s, err)
						}
					}
				}
				var want []string
				for k, v := range model {
					want = append(want, fmt.Sprintf("%d, %d", k, v))
				}
				checkRows(t, fmt.Sprintf("after commit %d", c), readAll(t, tbl, ScanOptions{}, nil), sorted(want...))
				if err := CheckTable(ctx, tbl); err != nil {
					t.Fatalf("commit %d: %v", c, err)
				}
			}
			// A final full compaction: one run on the top level, no level 0.
			if _, err := tbl.Compact(ctx, CompactOptions{Full: true}); err != nil {
				t.Fatal(err)
			}
			levels := filesByLevel(t, tbl)
			top := int32(tbl.Options().NumLevels() - 1)
			for l, n := range levels {
				if l != top {
					t.Fatalf("after full compaction: %d files on level %d (%v)", n, l, levels)
				}
			}
			plan, _ := tbl.PlanFiles(ctx, ScanOptions{})
			for _, s := range plan.Splits {
				for _, f := range s.Files {
					if f.DeleteRowCount != nil && *f.DeleteRowCount != 0 {
						t.Fatalf("top-level file %s keeps %d deletes", f.FileName, *f.DeleteRowCount)
					}
				}
			}
			// Nothing left to do: a second full compaction commits nothing.
			res, err := tbl.Compact(ctx, CompactOptions{Full: true})
			if err != nil || len(res.Commit.SnapshotIDs) != 0 {
				t.Fatalf("second full compaction: %+v %v", res, err)
			}
		})
	}
}

// First-row tables are invisible to batch reads until compacted out of level 0.
func TestCompactMakesFirstRowVisible(t *testing.T) {
	fields := []types.Field{{Name: "k", Type: types.NewInt().NotNull()}, {Name: "v", Type: types.NewString()}}
	tbl := createTable(t, fileio.NewMemory(), "fr", fields, nil, []string{"k"}, map[string]string{"bucket": "1", "merge-engine": "first-row", "write-only": "true"})
	writeRows(t, tbl, 1, 0, []any{types.Insert, int32(1), "first"})
	writeRows(t, tbl, 2, 0, []any{types.Insert, int32(1), "second"}, []any{types.Insert, int32(2), "x"})
	checkRows(t, "before compaction", readAll(t, tbl, ScanOptions{}, nil), nil)
	if _, err := tbl.Compact(context.Background(), CompactOptions{Full: true}); err != nil {
		t.Fatal(err)
	}
	checkRows(t, "after compaction", readAll(t, tbl, ScanOptions{}, nil), sorted("1, first", "2, x"))
}

func TestCompactRefusesAppendTables(t *testing.T) {
	tbl := createTable(t, fileio.NewMemory(), "a", []types.Field{{Name: "x", Type: types.NewInt()}}, nil, nil, nil)
	if _, err := tbl.Compact(context.Background(), CompactOptions{}); err == nil {
		t.Fatal("append table compaction should be refused for now")
	}
}
