package table

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/weir-data/weir/fileio"
	"github.com/weir-data/weir/internal/fixture"
	"github.com/weir-data/weir/types"
)

// openFixture opens a Java-written fixture table read-only.
func openFixture(t *testing.T, name string) *Table {
	t.Helper()
	fio, err := fileio.NewLocal(fixture.Path(t, "parquet"))
	if err != nil {
		t.Fatal(err)
	}
	tbl, err := Open(context.Background(), fio, filepath.ToSlash(filepath.Join(name+".db", name)), name+"."+name)
	if err != nil {
		t.Fatal(err)
	}
	return tbl
}

// readAll scans a table and renders each row as "v1, v2, ..." (nulls as
// "null"), sorted, the way the fixture READMEs list rows.
func readAll(t *testing.T, tbl *Table, opts ScanOptions, proj []int) []string {
	t.Helper()
	ctx := context.Background()
	plan, err := tbl.Plan(ctx, opts)
	if err != nil {
		t.Fatal(err)
	}
	fields := tbl.Schema().Fields
	if proj == nil {
		for i := range fields {
			proj = append(proj, i)
		}
	}
	var rows []string
	for _, s := range plan.Splits {
		src, err := tbl.ReadSplit(ctx, s, ReadOptions{Projection: proj})
		if err != nil {
			t.Fatal(err)
		}
		for {
			b, err := src.Next(ctx)
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			for r := 0; r < b.Len; r++ {
				cells := make([]string, len(proj))
				for c, p := range proj {
					s, ok := types.FormatValue(fields[p].Type, b.Cols[c].Value(r), nil)
					if !ok {
						s = "null"
					}
					cells[c] = s
				}
				rows = append(rows, strings.Join(cells, ", "))
			}
		}
		if err := src.Close(); err != nil {
			t.Fatal(err)
		}
	}
	slices.Sort(rows)
	return rows
}

func sorted(rows ...string) []string {
	slices.Sort(rows)
	return rows
}

func checkRows(t *testing.T, what string, got, want []string) {
	t.Helper()
	if len(got) == 0 && len(want) == 0 {
		return
	}
	if !slices.Equal(got, want) {
		t.Fatalf("%s:\ngot  %d rows:\n  %s\nwant %d rows:\n  %s", what, len(got), strings.Join(got, "\n  "), len(want), strings.Join(want, "\n  "))
	}
}

const twoRoads = "Two roads diverged in a wood, and I took the one less traveled by, And that has made all the difference."

func TestFixturePKMergeOnRead(t *testing.T) {
	tbl := openFixture(t, "pk_table_scan_and_read_mor")
	snap1 := sorted(
		twoRoads+", 10, 1, 11.0", "Alice, 10, 1, 11.1", "Bob, 10, 0, 12.1", "Emily, 10, 0, 13.1",
		"Tony, 10, 0, 14.1", "Alex, 10, 0, 16.1", "David, 10, 0, 17.1", "Lucy, 20, 1, 14.1", "Paul, 20, 1, 18.1")
	snap2 := sorted(
		twoRoads+", 10, 1, 11.0", "Alice, 10, 1, 19.1", "Bob, 10, 0, 12.1", "Emily, 10, 0, 13.1",
		"Alex, 10, 0, 16.1", "David, 10, 0, 17.1", "Lucy, 20, 1, 14.1", "Paul, 20, 1, 18.1")
	snap4 := sorted(
		twoRoads+", 10, 1, 11.0", "Alice, 10, 1, 19.1", "Bob, 10, 0, 12.1", "Emily, 10, 0, 13.1",
		"Alex, 10, 0, 21.2", "David, 10, 0, 17.1", "Lucy, 20, 1, 14.1", "Paul, 20, 1, 18.1",
		"Skye, 10, 0, 21.0", "Marco, 10, 0, 21.1")
	snap5 := sorted(
		twoRoads+", 10, 1, 11.0", "Alice, 10, 1, 19.1", "Bob, 10, 0, 12.1", "Emily, 10, 0, 13.1",
		"David, 10, 0, 17.1", "Lucy, 20, 1, 14.1", "Paul, 20, 1, 18.1",
		"Skye, 10, 0, 21.0", "Marco, 10, 0, 21.1", "Skye2, 10, 0, 31.0", "Marco2, 10, 0, 31.1")
	for _, tc := range []struct {
		snap int64
		want []string
	}{{1, snap1}, {2, snap2}, {3, snap2}, {4, snap4}, {5, snap5}, {0, snap5}} {
		checkRows(t, "snapshot "+string(rune('0'+tc.snap)), readAll(t, tbl, ScanOptions{SnapshotID: tc.snap}, nil), tc.want)
	}
	// Projection and partition pruning.
	got := readAll(t, tbl, ScanOptions{Filter: []Predicate{{Column: "f1", Op: Eq, Values: []any{int32(20)}}}}, []int{3, 0})
	checkRows(t, "f1 = 20, projected", got, sorted("14.1, Lucy", "18.1, Paul"))
}

func TestFixturePartialUpdate(t *testing.T) {
	tbl := openFixture(t, "pk_table_partial_update")
	tbl, err := tbl.WithOptions(map[string]string{"ignore-delete": "true"})
	if err != nil {
		t.Fatal(err)
	}
	checkRows(t, "snapshot 2", readAll(t, tbl, ScanOptions{SnapshotID: 2}, nil), sorted(
		"0, 1, 100.0, true, new_apple",
		"1, 0, 2.0, false, null",
		"1, 1, 133.3, false, banana",
		"2, 1, 144.4, true, orange"))
	checkRows(t, "snapshot 1", readAll(t, tbl, ScanOptions{SnapshotID: 1}, nil), sorted(
		"0, 1, null, false, apple",
		"1, 0, 2.0, false, null",
		"1, 1, null, true, banana"))
}

func TestFixtureAppendComplexTypes(t *testing.T) {
	tbl := openFixture(t, "append_complex_data")
	snap1 := []string{
		"10, 1, 1234, 2033-05-18 03:33:20.000000000, 123456789987654321.45678, add",
		"20, 1, -1234, 1899-01-01 00:59:20.001001001, -123456789987654321.45678, bad",
		"10, 1, 19909, 2033-05-18 03:33:20.000001001, 12.30000, cat",
	}
	snap2 := append(slices.Clone(snap1),
		"10, 1, 0, 2008-12-28 00:00:00.000123456, null, dad",
		"10, 1, 100, 2008-12-28 00:00:00.000123450, -123.45000, eat",
		"10, 1, null, 1899-01-01 00:59:20.001001001, 0.00000, fat",
		"20, 0, -100, null, 0.00000, get")
	snap4 := append(slices.Clone(snap2), "10, 1, 20006, 2024-10-10 10:10:10.100100100, 1728551410100.10010, null")
	// f3 is a DATE printed as yyyy-MM-dd; render it as epoch days like the README.
	for _, tc := range []struct {
		snap int64
		want []string
	}{{1, snap1}, {2, snap2}, {3, snap4}, {4, snap4}} {
		got := readAll(t, tbl, ScanOptions{SnapshotID: tc.snap}, nil)
		checkRows(t, "append_complex_data", asEpochDays(t, got), sorted(tc.want...))
	}
}

// asEpochDays rewrites the DATE column (third) from yyyy-MM-dd to epoch days.
func asEpochDays(t *testing.T, rows []string) []string {
	t.Helper()
	var out []string
	for _, r := range rows {
		cells := strings.Split(r, ", ")
		if cells[2] != "null" {
			days, err := parseDate(cells[2])
			if err != nil {
				t.Fatal(err)
			}
			cells[2] = itoa(int64(days))
		}
		out = append(out, strings.Join(cells, ", "))
	}
	slices.Sort(out)
	return out
}

func itoa(n int64) string {
	s, _ := types.FormatValue(types.NewBigInt(), n, nil)
	return s
}

func TestFixtureAppendSchemaEvolution(t *testing.T) {
	tbl := openFixture(t, "append_table_with_alter_table")
	// Snapshot 1 was written under schema 0; read through the latest schema.
	checkRows(t, "snapshot 1", readAll(t, tbl, ScanOptions{SnapshotID: 1}, nil), sorted(
		"0, 1, 16, 13, null, 15, null", "0, 1, 26, 23, null, 25, null", "0, 1, 36, 33, null, 35, null",
		"1, 1, 46, 43, null, 45, null", "1, 1, 56, 53, null, 55, null"))
	checkRows(t, "latest schema", readAll(t, tbl, ScanOptions{}, nil), sorted(
		"0, 1, 16, 13, null, 15, null", "0, 1, 26, 23, null, 25, null", "0, 1, 36, 33, null, 35, null",
		"0, 1, 66, 63, 517, 65, 618", "0, 1, 76, 73, 527, 75, 628", "0, 1, 86, 83, 537, 85, 638",
		"1, 1, 46, 43, null, 45, null", "1, 1, 56, 53, null, 55, null",
		"1, 1, 96, 93, 547, 95, 648", "1, 1, 106, 103, 557, 105, 658"))
}

func TestFixturePKSchemaEvolutionWithDV(t *testing.T) {
	tbl := openFixture(t, "pk_table_with_alter_table")
	// Snapshot 1 is the APPEND of level-0 files: deletion-vector tables read
	// only compacted files, as Java does, so it is empty; snapshot 2 compacts.
	checkRows(t, "snapshot 1", readAll(t, tbl, ScanOptions{SnapshotID: 1}, nil), nil)
	snap2 := sorted(
		"1, "+twoRoads+", 2, 4, null, 6, 0, null",
		"1, Alice, 12, 14, null, 16, 0, null",
		"1, Bob, 22, 24, null, 26, 1, null",
		"1, Emily, 32, 34, null, 36, 1, null",
		"1, Tony, 42, 44, null, 46, 1, null",
		"1, Alex, 52, 54, null, 56, 1, null",
		"1, David, 62, 64, null, 66, 1, null",
		"1, Whether I shall turn out to be the hero of my own life., 72, 74, null, 76, 1, null",
		"1, Lily, 82, 84, null, 86, 1, null")
	checkRows(t, "snapshot 2", readAll(t, tbl, ScanOptions{SnapshotID: 2}, nil), snap2)
	checkRows(t, "snapshot 4", readAll(t, tbl, ScanOptions{SnapshotID: 4}, nil), sorted(
		"1, "+twoRoads+", 2, 4, null, 6, 0, null",
		"1, Alice, 12, 94, null, 96, 0, null",
		"1, Bob, 22, 24, null, 26, 1, null",
		"1, Emily, 32, 34, null, 36, 1, null",
		"1, Alex, 52, 54, null, 56, 1, null",
		"1, David, 62, 64, null, 66, 1, null",
		"1, Whether I shall turn out to be the hero of my own life., 72, 74, null, 76, 1, null"))
	checkRows(t, "latest schema", readAll(t, tbl, ScanOptions{}, nil), sorted(
		"1, Bob, 22, 24, null, 26, 1, null",
		"1, Emily, 32, 34, null, 36, 1, null",
		"1, David, 62, 64, null, 66, 1, null",
		"1, Whether I shall turn out to be the hero of my own life., 72, 74, null, 76, 1, null",
		"1, Alex, 52, 514, 518, 516, 1, 519",
		"1, "+twoRoads+", 2, 4, null, 6, 0, null",
		"1, Alice, 12, 94, null, 96, 0, null",
		"1, Paul, 502, 504, 508, 506, 0, 509"))
}

// pk_09 was written by Paimon 0.9 (nullable-union manifests, deletion vectors,
// APPEND/COMPACT pairs); it has no README, so the expected rows below are those
// of the same data set as pk_table_scan_and_read_mor, cross-checked with its
// deletion vectors (row 0 of one file, row 4 of another deleted).
func TestFixturePK09(t *testing.T) {
	tbl := openFixture(t, "pk_09")
	whether := "Whether I shall turn out to be the hero of my own life., 10, 1, "
	base := []string{twoRoads + ", 10, 1, 11.0", "Alex, 10, 0, 16.1", "Bob, 10, 0, 12.1", "David, 10, 0, 17.1",
		"Emily, 10, 0, 13.1", "Lucy, 20, 1, 14.1", "Paul, 20, 1, 18.1"}
	with := func(extra ...string) []string { return sorted(append(slices.Clone(base), extra...)...) }
	for _, tc := range []struct {
		snap int64
		want []string
	}{
		{1, nil}, // level 0 only: invisible to deletion-vector batch reads
		{2, with("Alice, 10, 1, 11.1", "Tony, 10, 0, 14.1")},
		{4, with("Alice, 10, 1, 11.1", "Tony, 10, 0, 14.1", "Lily, 10, 1, 20.1", whether+"19.1")},
		{6, with("Alice, 10, 1, 19.1", whether+"19.1")},
		{8, with("Alice, 10, 1, 21.1", whether+"19.1")},
	} {
		got := readAll(t, tbl, ScanOptions{SnapshotID: tc.snap}, nil)
		checkRows(t, fmt.Sprintf("pk_09 snapshot %d", tc.snap), got, tc.want)
	}
}

func TestFixtureAppend09OrcManifests(t *testing.T) {
	tbl := openFixture(t, "append_09")
	_, err := tbl.Plan(context.Background(), ScanOptions{})
	if err == nil || !strings.Contains(err.Error(), "ORC") {
		t.Fatalf("want a clear ORC manifest error, got %v", err)
	}
}

// The self-check's rules hold for every Java-written fixture (in the older
// manifest layouts Java still reads), and strict mode names a 0.9 manifest.
func TestCheckTableOnJavaFixtures(t *testing.T) {
	for _, name := range []string{"pk_09", "pk_table_scan_and_read_mor", "pk_table_with_alter_table",
		"pk_table_partial_update", "append_complex_data", "append_table_with_alter_table"} {
		t.Run(name, func(t *testing.T) {
			tbl := openFixture(t, name)
			if err := CheckTableWith(context.Background(), tbl, CheckOptions{AllowOlderJavaLayouts: true}); err != nil {
				t.Fatalf("Java-written table fails the check: %v", err)
			}
		})
	}
	err := CheckTable(context.Background(), openFixture(t, "pk_09"))
	if err == nil || !strings.Contains(err.Error(), "Avro schema differs") || !strings.Contains(err.Error(), "manifest") {
		t.Fatalf("strict check of a 0.9 table: %v", err)
	}
}
