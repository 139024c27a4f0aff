package table

import (
	"context"
	"strings"
	"testing"

	"github.com/weir-data/weir/fileio"
	"github.com/weir-data/weir/paimon/schema"
	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// withOptionsSchema commits a new schema version of t with extra options (as an
// ALTER TABLE ... SET would) and reopens the table.
func withOptionsSchema(t *testing.T, tbl *Table, set map[string]string) *Table {
	t.Helper()
	ctx := context.Background()
	s := *tbl.Schema()
	s.ID++
	s.Options = map[string]string{}
	for k, v := range tbl.Schema().Options {
		s.Options[k] = v
	}
	for k, v := range set {
		s.Options[k] = v
	}
	ok, err := schema.NewManager(tbl.FileIO(), tbl.Path()).Commit(ctx, &s)
	if err != nil || !ok {
		t.Fatalf("commit schema %d: %v %v", s.ID, ok, err)
	}
	out, err := Open(ctx, tbl.FileIO(), tbl.Path(), tbl.Name())
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func engineBatch(t *testing.T, rows ...[]any) *vec.Batch {
	t.Helper()
	b, err := vec.NewBatch([]types.DataType{types.NewInt().NotNull(), types.NewBigInt(), types.NewString(), types.NewInt()}, len(rows))
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if err := b.AppendRow(r[0].(types.RowKind), r[1:]...); err != nil {
			t.Fatal(err)
		}
	}
	return b
}

// Merge-on-read applies the table's merge engine across sorted runs: sums add
// up (retractions subtract), listagg concatenates, first-row keeps the first,
// and sequence.field orders records before deduplicating.
func TestMergeEnginesOnRead(t *testing.T) {
	fields := []types.Field{
		{Name: "k", Type: types.NewInt().NotNull()}, {Name: "v", Type: types.NewBigInt()},
		{Name: "s", Type: types.NewString()}, {Name: "seq", Type: types.NewInt()},
	}
	write := func(t *testing.T) *Table {
		tbl := createTable(t, fileio.NewMemory(), "t", fields, nil, []string{"k"}, map[string]string{"bucket": "1"})
		// Three commits = three level-0 runs; each run has one record per key.
		writeCommit(t, tbl, "u", 1, engineBatch(t,
			[]any{types.Insert, int32(1), int64(10), "a", int32(3)},
			[]any{types.Insert, int32(2), int64(7), "x", int32(1)}))
		writeCommit(t, tbl, "u", 2, engineBatch(t,
			[]any{types.Insert, int32(1), int64(30), "b", int32(1)}))
		writeCommit(t, tbl, "u", 3, engineBatch(t,
			[]any{types.UpdateBefore, int32(1), int64(10), "a", int32(2)},
			[]any{types.Insert, int32(3), int64(1), nil, int32(9)}))
		return tbl
	}
	tests := []struct {
		name string
		set  map[string]string
		want []string
	}{
		// The newest record of key 1 is a -U: the key is gone.
		{"deduplicate", nil, []string{"2, 7, x, 1", "3, 1, null, 9"}},
		{"aggregation sum with retraction", map[string]string{
			"merge-engine": "aggregation", "fields.v.aggregate-function": "sum",
			"fields.s.aggregate-function": "listagg", "fields.s.ignore-retract": "true",
			"fields.seq.aggregate-function": "max", "fields.seq.ignore-retract": "true"},
			// v: 10 + 30 - 10 = 30; s: "a,b" (the -U ignored); seq: max(3, 1) = 3
			[]string{"1, 30, a,b, 3", "2, 7, x, 1", "3, 1, null, 9"}},
		// First-row keeps the first version (the -U is ignored). Batch reads of
		// first-row tables skip level 0, as Java's do, so this case reads all
		// levels to exercise the merge.
		{"first-row", map[string]string{"merge-engine": "first-row", "ignore-delete": "true"},
			[]string{"1, 10, a, 3", "2, 7, x, 1", "3, 1, null, 9"}},
		{"sequence.field orders versions", map[string]string{"sequence.field": "seq"},
			// key 1 versions by seq: 30/b (1), then -U (2), then 10/a (3): the newest is a/3.
			[]string{"1, 10, a, 3", "2, 7, x, 1", "3, 1, null, 9"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tbl := write(t)
			if tc.set != nil {
				tbl = withOptionsSchema(t, tbl, tc.set)
			}
			opts := ScanOptions{AllLevels: tc.name == "first-row"}
			checkRows(t, tc.name, readAll(t, tbl, opts, nil), sorted(tc.want...))
			if tc.name == "first-row" {
				checkRows(t, "first-row batch read skips level 0", readAll(t, tbl, ScanOptions{}, nil), nil)
			}
			// Projection gives the same values for the projected columns.
			got := readAll(t, tbl, opts, []int{1, 0})
			if len(got) != len(tc.want) {
				t.Fatalf("projected read: %v", got)
			}
		})
	}
	// A retraction reaching a function that cannot take one fails with
	// Paimon's error naming the field and the ignore-retract option.
	tbl := withOptionsSchema(t, write(t), map[string]string{"merge-engine": "aggregation", "fields.v.aggregate-function": "max"})
	_, err := tbl.Plan(context.Background(), ScanOptions{})
	if err != nil {
		t.Fatal(err)
	}
	err = tbl.Scan(context.Background(), ScanOptions{}, ReadOptions{}, func(*vec.Batch) error { return nil })
	if err == nil || !strings.Contains(err.Error(), "fields.v.ignore-retract") {
		t.Fatalf("want a retraction error naming field v and ignore-retract, got %v", err)
	}
}
