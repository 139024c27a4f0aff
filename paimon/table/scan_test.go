package table

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/weir-data/weir/fileio"
	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

func TestScanTimeTravel(t *testing.T) {
	ctx := context.Background()
	tbl := createTable(t, fileio.NewMemory(), "tt", []types.Field{{Name: "a", Type: types.NewInt()}}, nil, nil, nil)
	var times []int64
	for i := int32(1); i <= 3; i++ {
		writeCommit(t, tbl, "u", int64(i), intBatch(t, i))
		s, err := tbl.Snapshots().Latest(ctx)
		if err != nil {
			t.Fatal(err)
		}
		times = append(times, s.TimeMillis)
		time.Sleep(3 * time.Millisecond) // distinct commit times
	}
	for _, tc := range []struct {
		name     string
		opts     ScanOptions
		wantSnap int64
		want     []string
		wantErr  string
	}{
		{"latest", ScanOptions{}, 3, []string{"1", "2", "3"}, ""},
		{"snapshot 1", ScanOptions{SnapshotID: 1}, 1, []string{"1"}, ""},
		{"snapshot 2", ScanOptions{SnapshotID: 2}, 2, []string{"1", "2"}, ""},
		{"snapshot id wins over time", ScanOptions{SnapshotID: 1, TimestampMillis: times[2]}, 1, []string{"1"}, ""},
		{"at snapshot 1's time", ScanOptions{TimestampMillis: times[0]}, 1, []string{"1"}, ""},
		{"between snapshots 2 and 3", ScanOptions{TimestampMillis: times[2] - 1}, 2, []string{"1", "2"}, ""},
		{"at snapshot 3's time", ScanOptions{TimestampMillis: times[2]}, 3, []string{"1", "2", "3"}, ""},
		{"in the future", ScanOptions{TimestampMillis: times[2] + 3600_000}, 3, []string{"1", "2", "3"}, ""},
		{"before the first snapshot", ScanOptions{TimestampMillis: times[0] - 1}, 0, nil, "no snapshot at or before"},
		{"missing snapshot id", ScanOptions{SnapshotID: 9}, 0, nil, "snapshot 9"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			plan, err := tbl.Plan(ctx, tc.opts)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) || !strings.Contains(err.Error(), "default.tt") {
					t.Fatalf("Plan: %v, want an error with %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if plan.Snapshot.ID != tc.wantSnap {
				t.Fatalf("planned snapshot %d, want %d", plan.Snapshot.ID, tc.wantSnap)
			}
			checkRows(t, "rows", readAll(t, tbl, tc.opts, nil), tc.want)
		})
	}
}

// evalPredicates applies predicates to rendered rows of (n INT, s STRING) —
// what a caller does with the rows of a scan after file skipping.
func evalPredicates(t *testing.T, tbl *Table, rows []string, preds []Predicate) []string {
	t.Helper()
	var out []string
	for _, r := range rows {
		cells := strings.Split(r, ", ")
		ok := true
		for _, p := range preds {
			i := slices.IndexFunc(tbl.Schema().Fields, func(f types.Field) bool { return f.Name == p.Column })
			var v any
			if cells[i] != "null" {
				if tbl.Schema().Fields[i].Type.Root == types.Int {
					n, err := strconv.Atoi(cells[i])
					if err != nil {
						t.Fatal(err)
					}
					v = int32(n)
				} else {
					v = cells[i]
				}
			}
			if !p.matchesValue(v) {
				ok = false
			}
		}
		if ok {
			out = append(out, r)
		}
	}
	return out
}

func planFiles(t *testing.T, tbl *Table, opts ScanOptions) int {
	t.Helper()
	plan, err := tbl.Plan(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, s := range plan.Splits {
		n += len(s.Files)
	}
	return n
}

// TestScanFileSkipping writes four files with disjoint ranges of n (0–99,
// 100–199, ...) into an append table; predicates on n must skip the files
// that cannot match and keep the rows that do.
func TestScanFileSkipping(t *testing.T) {
	for _, statsMode := range []string{"", "none"} {
		t.Run("stats-mode="+statsMode, func(t *testing.T) {
			opts := map[string]string{}
			if statsMode != "" {
				opts["fields.n.stats-mode"] = statsMode
			}
			tbl := createTable(t, fileio.NewMemory(), "skip", []types.Field{
				{Name: "n", Type: types.NewInt()}, {Name: "s", Type: types.NewString()},
			}, nil, nil, opts)
			for f := 0; f < 4; f++ {
				b, _ := vec.NewBatch(fieldTypes(tbl.Schema().Fields), 100)
				for i := 0; i < 100; i += 10 {
					var s any = fmt.Sprintf("f%d", f)
					if i == 50 {
						s = nil
					}
					_ = b.AppendRow(types.Insert, int32(f*100+i), s)
				}
				if f == 3 {
					_ = b.AppendRow(types.Insert, nil, "nulls") // file 3 also has a null n
				}
				writeCommit(t, tbl, "u", int64(f+1), b)
			}
			all := readAll(t, tbl, ScanOptions{}, nil)
			if len(all) != 41 || planFiles(t, tbl, ScanOptions{}) != 4 {
				t.Fatalf("wrote %d rows", len(all))
			}
			i32 := func(v int32) []any { return []any{v} }
			for _, tc := range []struct {
				name  string
				preds []Predicate
				files int // files planned with stats
			}{
				{"n = 150", []Predicate{{Column: "n", Op: Eq, Values: i32(150)}}, 1},
				{"n = 155 (no row, in range)", []Predicate{{Column: "n", Op: Eq, Values: i32(155)}}, 1},
				{"n = 1000", []Predicate{{Column: "n", Op: Eq, Values: i32(1000)}}, 0},
				{"n >= 250", []Predicate{{Column: "n", Op: GtEq, Values: i32(250)}}, 2},
				{"n > 290", []Predicate{{Column: "n", Op: Gt, Values: i32(290)}}, 1},
				{"n > 390", []Predicate{{Column: "n", Op: Gt, Values: i32(390)}}, 0},
				{"n < 100", []Predicate{{Column: "n", Op: Lt, Values: i32(100)}}, 1},
				{"n <= 100", []Predicate{{Column: "n", Op: LtEq, Values: i32(100)}}, 2},
				{"n in (5, 210, 390)", []Predicate{{Column: "n", Op: In, Values: []any{int32(5), int32(210), int32(390)}}}, 3},
				{"n in (105, 5000)", []Predicate{{Column: "n", Op: In, Values: []any{int32(105), int32(5000)}}}, 1},
				{"n <> 0", []Predicate{{Column: "n", Op: NotEq, Values: i32(0)}}, 4},
				{"n is null", []Predicate{{Column: "n", Op: IsNull}}, 1},
				{"n is not null", []Predicate{{Column: "n", Op: IsNotNull}}, 4},
				{"range", []Predicate{{Column: "n", Op: Gt, Values: i32(120)}, {Column: "n", Op: Lt, Values: i32(220)}}, 2},
				{"s = f2 (string stats)", []Predicate{{Column: "s", Op: Eq, Values: []any{"f2"}}}, 1},
				{"s is null", []Predicate{{Column: "s", Op: IsNull}}, 4},
				{"unknown column", []Predicate{{Column: "zz", Op: Eq, Values: i32(1)}}, 4},
				{"literal of another type", []Predicate{{Column: "n", Op: Eq, Values: []any{int64(150)}}}, 4},
			} {
				t.Run(tc.name, func(t *testing.T) {
					want := tc.files
					if statsMode == "none" && !strings.HasPrefix(tc.name, "s ") {
						want = 4 // no stats on n: nothing can be skipped
					}
					if got := planFiles(t, tbl, ScanOptions{Filter: tc.preds}); got != want {
						t.Fatalf("planned %d files, want %d", got, want)
					}
					if strings.HasPrefix(tc.name, "unknown") || strings.HasPrefix(tc.name, "literal") {
						return
					}
					got := evalPredicates(t, tbl, readAll(t, tbl, ScanOptions{Filter: tc.preds}, nil), tc.preds)
					checkRows(t, "filtered rows", got, evalPredicates(t, tbl, all, tc.preds))
				})
			}
		})
	}
}

// TestScanPrimaryKeyNoValueSkipping: a primary-key table may skip files by
// key ranges, never by value columns — skipping the file with a key's newest
// version would resurrect an older one.
func TestScanPrimaryKeyNoValueSkipping(t *testing.T) {
	tbl := createTable(t, fileio.NewMemory(), "pk", []types.Field{
		{Name: "k", Type: types.NewInt()}, {Name: "v", Type: types.NewInt()},
	}, nil, []string{"k"}, map[string]string{"bucket": "1"})
	kv := func(kind types.RowKind, pairs ...int32) *vec.Batch {
		b, _ := vec.NewBatch(fieldTypes(tbl.Schema().Fields), len(pairs)/2)
		for i := 0; i < len(pairs); i += 2 {
			_ = b.AppendRow(kind, pairs[i], pairs[i+1])
		}
		return b
	}
	writeCommit(t, tbl, "u", 1, kv(types.Insert, 1, 10, 2, 20, 3, 30))
	writeCommit(t, tbl, "u", 2, kv(types.UpdateAfter, 1, 99))
	writeCommit(t, tbl, "u", 3, kv(types.Delete, 2, 20))
	writeCommit(t, tbl, "u", 4, kv(types.Insert, 100, 1, 110, 2))

	all := readAll(t, tbl, ScanOptions{}, nil)
	checkRows(t, "all rows", all, sorted("1, 99", "3, 30", "100, 1", "110, 2"))
	for _, tc := range []struct {
		name  string
		preds []Predicate
		files int
	}{
		{"v = 10 keeps every file", []Predicate{{Column: "v", Op: Eq, Values: []any{int32(10)}}}, 4},
		{"v = 20 keeps the delete", []Predicate{{Column: "v", Op: Eq, Values: []any{int32(20)}}}, 4},
		{"v < 50", []Predicate{{Column: "v", Op: Lt, Values: []any{int32(50)}}}, 4},
		{"k = 105 skips by key range", []Predicate{{Column: "k", Op: Eq, Values: []any{int32(105)}}}, 1},
		{"k = 2", []Predicate{{Column: "k", Op: Eq, Values: []any{int32(2)}}}, 2},
		{"k = 1 keeps the update", []Predicate{{Column: "k", Op: Eq, Values: []any{int32(1)}}}, 2},
		{"k > 50", []Predicate{{Column: "k", Op: Gt, Values: []any{int32(50)}}}, 1},
		{"k = 1 and v = 10", []Predicate{{Column: "k", Op: Eq, Values: []any{int32(1)}}, {Column: "v", Op: Eq, Values: []any{int32(10)}}}, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := planFiles(t, tbl, ScanOptions{Filter: tc.preds}); got != tc.files {
				t.Fatalf("planned %d files, want %d", got, tc.files)
			}
			// After the caller applies the filter, the rows equal those of a
			// full read: no old version of a matching key comes back.
			got := evalPredicates(t, tbl, readAll(t, tbl, ScanOptions{Filter: tc.preds}, nil), tc.preds)
			checkRows(t, "filtered rows", got, evalPredicates(t, tbl, all, tc.preds))
		})
	}
}

// TestScanProjection reads columns in any order and subset.
func TestScanProjection(t *testing.T) {
	for _, pk := range []bool{false, true} {
		t.Run(fmt.Sprintf("pk=%v", pk), func(t *testing.T) {
			var keys []string
			opts := map[string]string{}
			if pk {
				keys, opts["bucket"] = []string{"region", "id"}, "2"
			}
			tbl := createTable(t, fileio.NewMemory(), "orders", ordersFields(), []string{"region"}, keys, opts)
			writeCommit(t, tbl, "u", 1, ordersBatch(t, tbl, []orderRow{
				{types.Insert, "eu", 1, 1000, "a"}, {types.Insert, "us", 2, 250, nil},
			}))
			for _, tc := range []struct {
				proj []int
				want []string
			}{
				{[]int{3, 0}, []string{"a, eu", "null, us"}},
				{[]int{2}, []string{"10.00", "2.50"}},
				{[]int{4, 1, 0}, []string{"1970-01-01 00:00:01.000001, 1, eu", "1970-01-01 00:00:02.000001, 2, us"}},
				{[]int{1, 1}, []string{"1, 1", "2, 2"}},
			} {
				got := readAll(t, tbl, ScanOptions{}, tc.proj)
				checkRows(t, fmt.Sprint(tc.proj), got, sorted(tc.want...))
			}
			plan, err := tbl.Plan(context.Background(), ScanOptions{})
			if err != nil {
				t.Fatal(err)
			}
			for _, bad := range [][]int{{5}, {-1}, {0, 9}} {
				if _, err := tbl.ReadSplit(context.Background(), plan.Splits[0], ReadOptions{Projection: bad}); err == nil || !strings.Contains(err.Error(), "projection") {
					t.Fatalf("projection %v: %v", bad, err)
				}
			}
		})
	}
}
