package table

import (
	"context"
	"strings"
	"testing"

	"github.com/weir-data/weir/fileio"
	"github.com/weir-data/weir/paimon/snapshot"
	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

func overwriteRows(t *testing.T, tbl *Table, ow Overwrite, rows ...[]any) error {
	t.Helper()
	ctx := context.Background()
	w, err := tbl.NewWriter(ctx, WriterOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close(ctx)
	b, _ := vec.NewBatch(fieldTypes(tbl.Schema().Fields), len(rows))
	for _, r := range rows {
		if err := b.AppendRow(types.Insert, r...); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Write(ctx, b); err != nil {
		t.Fatal(err)
	}
	msgs, err := w.Prepare(ctx)
	if err != nil {
		t.Fatal(err)
	}
	_, err = tbl.CommitOverwrite(ctx, w.CommitUser(), Committable{Identifier: BatchCommitIdentifier, Messages: msgs}, ow)
	return err
}

func TestCommitOverwrite(t *testing.T) {
	fields := []types.Field{{Name: "dt", Type: types.NewString().NotNull()}, {Name: "k", Type: types.NewInt().NotNull()}, {Name: "v", Type: types.NewString()}}
	setup := func(t *testing.T, pk bool) *Table {
		var keys []string
		opts := map[string]string{"bucket": "2", "bucket-key": "k"}
		if pk {
			keys = []string{"dt", "k"}
		}
		tbl := createTable(t, fileio.NewMemory(), "ow", fields, []string{"dt"}, keys, opts)
		writeRows(t, tbl, 1, 0,
			[]any{types.Insert, "d1", int32(1), "a"}, []any{types.Insert, "d1", int32(2), "b"},
			[]any{types.Insert, "d2", int32(1), "c"}, []any{types.Insert, "d3", int32(1), "d"})
		return tbl
	}
	tests := []struct {
		name string
		ow   Overwrite
		rows [][]any
		want []string
	}{
		{"static partition", Overwrite{Static: map[string]any{"dt": "d1"}}, [][]any{{"d1", int32(9), "x"}},
			[]string{"d1, 9, x", "d2, 1, c", "d3, 1, d"}},
		{"dynamic partitions", Overwrite{Dynamic: true}, [][]any{{"d2", int32(7), "y"}, {"d4", int32(1), "z"}},
			[]string{"d1, 1, a", "d1, 2, b", "d2, 7, y", "d3, 1, d", "d4, 1, z"}},
		{"whole table", Overwrite{}, [][]any{{"d5", int32(1), "w"}}, []string{"d5, 1, w"}},
		{"truncate", Overwrite{}, nil, nil},
	}
	for _, pk := range []bool{true, false} {
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				tbl := setup(t, pk)
				if err := overwriteRows(t, tbl, tc.ow, tc.rows...); err != nil {
					t.Fatal(err)
				}
				checkRows(t, "after overwrite", readAll(t, tbl, ScanOptions{}, nil), sorted(tc.want...))
				s, err := tbl.Snapshots().Latest(context.Background())
				if err != nil || s.CommitKind != snapshot.Overwrite {
					t.Fatalf("latest snapshot %+v %v, want OVERWRITE", s, err)
				}
				if err := CheckTable(context.Background(), tbl); err != nil {
					t.Fatal(err)
				}
			})
		}
	}
	tbl := setup(t, true)
	err := overwriteRows(t, tbl, Overwrite{Static: map[string]any{"k": int32(1)}}, []any{"d1", int32(1), "x"})
	if err == nil || !strings.Contains(err.Error(), "not a partition key") {
		t.Fatalf("overwrite by a non-partition column: %v", err)
	}
}
