package table

import (
	"context"
	"fmt"
	"testing"

	"github.com/weir-data/weir/fileio"
	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// writeRows writes rows in one writer, flushing after every flushEvery rows
// (0: only at Prepare), and commits them.
func writeRows(t *testing.T, tbl *Table, id int64, flushEvery int, rows ...[]any) {
	t.Helper()
	ctx := context.Background()
	w, err := tbl.NewWriter(ctx, WriterOptions{CommitUser: "u"})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close(ctx)
	ts := fieldTypes(tbl.Schema().Fields)
	for i, r := range rows {
		b, _ := vec.NewBatch(ts, 1)
		if err := b.AppendRow(r[0].(types.RowKind), r[1:]...); err != nil {
			t.Fatal(err)
		}
		if err := w.Write(ctx, b); err != nil {
			t.Fatal(err)
		}
		if flushEvery > 0 && (i+1)%flushEvery == 0 {
			if err := w.flushAll(ctx); err != nil {
				t.Fatal(err)
			}
		}
	}
	msgs, err := w.Prepare(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tbl.Commit(ctx, "u", Committable{Identifier: id, Messages: msgs}); err != nil {
		t.Fatal(err)
	}
}

// The seed-000 pitfall: an update 10 → 30 delivered as -U 10, +U 30 into a
// `sum` table gives 30, never 40 — whether the rows meet in one write buffer,
// in separate files of one commit, or in separate commits.
func TestAggregationSumWithRetractions(t *testing.T) {
	fields := []types.Field{{Name: "k", Type: types.NewInt().NotNull()}, {Name: "amount", Type: types.NewBigInt()}, {Name: "n", Type: types.NewBigInt()}}
	opts := map[string]string{"bucket": "1", "merge-engine": "aggregation",
		"fields.amount.aggregate-function": "sum",
		// (count adds 1 per merged record in Paimon, so it depends on flush
		// points; max with ignore-retract does not)
		"fields.n.aggregate-function": "max", "fields.n.ignore-retract": "true"}
	for _, flushEvery := range []int{0, 1, 2} {
		for _, split := range []bool{false, true} {
			t.Run(fmt.Sprintf("flush-every-%d-split-%v", flushEvery, split), func(t *testing.T) {
				tbl := createTable(t, fileio.NewMemory(), "dwm", fields, nil, []string{"k"}, opts)
				ins := [][]any{{types.Insert, int32(1), int64(10), int64(1)}, {types.Insert, int32(2), int64(5), int64(4)}}
				upd := [][]any{{types.UpdateBefore, int32(1), int64(10), int64(1)}, {types.UpdateAfter, int32(1), int64(30), int64(3)},
					{types.Insert, int32(2), int64(7), int64(2)}}
				if split {
					writeRows(t, tbl, 1, flushEvery, ins...)
					writeRows(t, tbl, 2, flushEvery, upd...)
				} else {
					writeRows(t, tbl, 1, flushEvery, append(ins, upd...)...)
				}
				checkRows(t, "sums", readAll(t, tbl, ScanOptions{}, nil), sorted("1, 30, 3", "2, 12, 4"))
				if err := CheckTable(context.Background(), tbl); err != nil {
					t.Fatal(err)
				}
			})
		}
	}
}

// Partial-update, first-row and sequence.field write and read back as Paimon
// defines them.
func TestEngineWrites(t *testing.T) {
	fields := []types.Field{{Name: "k", Type: types.NewInt().NotNull()}, {Name: "a", Type: types.NewString()},
		{Name: "b", Type: types.NewString()}, {Name: "v", Type: types.NewInt()}}
	tests := []struct {
		name string
		opts map[string]string
		rows [][]any
		want []string
	}{
		{"partial-update", map[string]string{"merge-engine": "partial-update"},
			[][]any{{types.Insert, int32(1), "a1", nil, int32(1)}, {types.Insert, int32(1), nil, "b1", nil}, {types.Insert, int32(1), "a2", nil, nil}},
			[]string{"1, a2, b1, 1"}},
		{"first-row", map[string]string{"merge-engine": "first-row"},
			[][]any{{types.Insert, int32(1), "first", nil, int32(1)}, {types.Insert, int32(1), "second", nil, int32(2)}},
			nil}, // batch reads of first-row tables skip level 0 (read with AllLevels below)
		{"sequence.field", map[string]string{"sequence.field": "v"},
			[][]any{{types.Insert, int32(1), "newest", nil, int32(9)}, {types.Insert, int32(1), "late but older", nil, int32(3)}},
			[]string{"1, newest, null, 9"}},
	}
	for _, tc := range tests {
		for _, flushEvery := range []int{0, 1} {
			t.Run(fmt.Sprintf("%s/flush-every-%d", tc.name, flushEvery), func(t *testing.T) {
				opts := map[string]string{"bucket": "1"}
				for k, v := range tc.opts {
					opts[k] = v
				}
				tbl := createTable(t, fileio.NewMemory(), "t", fields, nil, []string{"k"}, opts)
				writeRows(t, tbl, 1, flushEvery, tc.rows...)
				got := readAll(t, tbl, ScanOptions{}, nil)
				if tc.name == "first-row" && len(got) > 0 {
					// The writer's background compaction may already have lifted
					// the rows out of level 0; then the first row is visible.
					checkRows(t, tc.name, got, []string{"1, first, null, 1"})
				} else {
					checkRows(t, tc.name, got, tc.want)
				}
				if tc.name == "first-row" {
					checkRows(t, "first-row, all levels", readAll(t, tbl, ScanOptions{AllLevels: true}, nil), []string{"1, first, null, 1"})
				}
			})
		}
	}
}
