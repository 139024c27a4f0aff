package filesystem

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/weir-data/weir/connector"
	"github.com/weir-data/weir/engine/batch"
	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

func col(name string, t types.DataType) connector.Column {
	return connector.Column{Name: name, Type: t}
}

var allCols = []connector.Column{
	col("id", types.NewInt().NotNull()), col("s", types.NewString()), col("d", types.NewDecimal(10, 2)),
	col("big", types.NewDecimal(30, 5)), col("ts", types.NewTimestamp(6)), col("ltz", types.NewTimestampLTZ(3)),
	col("dt", types.NewDate()), col("tm", types.NewTime(3)), col("b", types.NewBoolean()), col("f", types.NewDouble()),
	col("r", types.NewFloat()), col("bin", types.NewBytes()), col("ti", types.NewTinyInt()), col("si", types.NewSmallInt()),
	col("l", types.NewBigInt()), col("ts9", types.NewTimestamp(9)), col("p", types.NewString()),
}

func testTable(dir, format string, partitioned bool, opts ...string) connector.TableInfo {
	t := connector.TableInfo{Name: "cat.db.t", Columns: allCols,
		Options: map[string]string{"connector": "filesystem", "path": dir, "format": format}}
	if partitioned {
		t.PartitionKeys = []string{"p"}
	}
	for i := 0; i+1 < len(opts); i += 2 {
		t.Options[opts[i]] = opts[i+1]
	}
	return t
}

func testRows(t *testing.T) *vec.Batch {
	t.Helper()
	b, err := vec.NewBatch(connector.TableInfo{Columns: allCols}.Types(), 8)
	if err != nil {
		t.Fatal(err)
	}
	big, _ := types.ParseDecimal("-123456789012345678901234.56789", 30, 5)
	rows := [][]any{
		{int32(1), "héllo, \"wörld\"\nline 2 ✓", types.DecimalFromInt64(-12345), big,
			types.Timestamp{Millis: 1700000000123, NanoOfMilli: 456000}, types.Timestamp{Millis: -1000},
			int32(-719162), int32(86399999), true, -1.5e300, float32(3.25), []byte{0, 1, 0xff, '\n'},
			int8(-128), int16(32767), int64(-9223372036854775808), types.Timestamp{Millis: 1, NanoOfMilli: 999999}, "a/b=c"},
		{int32(2), nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil},
		{int32(3), "", types.DecimalFromInt64(5), types.DecimalFromInt64(0), types.Timestamp{}, types.Timestamp{},
			int32(0), int32(0), false, 0.1, float32(-0.0), []byte{}, int8(0), int16(0), int64(0), types.Timestamp{}, "x"},
		{int32(4), "日本語 #tab\there", types.DecimalFromInt64(99999999), types.DecimalFromInt64(1),
			types.Timestamp{Millis: 253402300799999}, types.Timestamp{Millis: 1234567890123}, int32(2932896),
			int32(1), true, 1e-7, float32(1e10), []byte("\"quoted\""), int8(127), int16(-32768), int64(42),
			types.Timestamp{Millis: -86400000}, "x"},
	}
	for _, r := range rows {
		if err := b.AppendRow(types.Insert, r...); err != nil {
			t.Fatal(err)
		}
	}
	return b
}

func readAll(t *testing.T, tbl connector.TableInfo, proj []int) [][]any {
	return readSorted(t, tbl, proj, 0)
}

func readSorted(t *testing.T, tbl connector.TableInfo, proj []int, key int) [][]any {
	t.Helper()
	op, err := Factory{}.NewSource(context.Background(), tbl, connector.SourceRequest{Bounded: true, Projection: proj})
	if err != nil {
		t.Fatal(err)
	}
	bs, err := batch.Collect(context.Background(), op)
	if err != nil {
		t.Fatal(err)
	}
	var rows [][]any
	for _, b := range bs {
		for i := 0; i < b.Len; i++ {
			rows = append(rows, b.Row(i))
		}
	}
	sort.Slice(rows, func(i, j int) bool { return fmt.Sprint(rows[i][key]) < fmt.Sprint(rows[j][key]) })
	return rows
}

func writeAll(t *testing.T, tbl connector.TableInfo, req connector.SinkRequest, bs ...*vec.Batch) {
	t.Helper()
	ctx := context.Background()
	s, err := Factory{}.NewSink(ctx, tbl, req)
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range bs {
		if err := s.Write(ctx, b); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
}

func rowsOf(b *vec.Batch) [][]any {
	var rows [][]any
	for i := 0; i < b.Len; i++ {
		rows = append(rows, b.Row(i))
	}
	return rows
}

func TestRoundTrip(t *testing.T) {
	for _, tc := range []struct {
		format      string
		partitioned bool
		opts        []string
	}{
		{"csv", false, []string{"csv.null-literal", `\N`}},
		{"csv", true, []string{"csv.null-literal", "NULL", "csv.field-delimiter", "|", "csv.escape-character", `\\`, "csv.allow-comments", "true"}},
		{"json", false, nil},
		{"json", true, []string{"json.timestamp-format.standard", "ISO-8601"}},
		{"parquet", false, nil},
		{"parquet", true, nil},
	} {
		t.Run(fmt.Sprintf("%s/partitioned=%v/%v", tc.format, tc.partitioned, tc.opts), func(t *testing.T) {
			dir := t.TempDir()
			tbl := testTable("file://"+dir+"/t", tc.format, tc.partitioned, tc.opts...)
			in := testRows(t)
			writeAll(t, tbl, connector.SinkRequest{}, in)
			got := readAll(t, tbl, nil)
			want := rowsOf(in)
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("read back\n%v\nwant\n%v", got, want)
			}
			// Projection, partition column first.
			got = readSorted(t, tbl, []int{16, 0, 1}, 1)
			for i, r := range got {
				if fmt.Sprint(r) != fmt.Sprint([]any{want[i][16], want[i][0], want[i][1]}) {
					t.Errorf("projected row %d = %v", i, r)
				}
			}
			if tc.partitioned {
				if _, err := os.Stat(filepath.Join(dir, "t", "p=a%2Fb%3Dc")); err != nil {
					t.Errorf("partition directory: %v", err)
				}
				if _, err := os.Stat(filepath.Join(dir, "t", "p=__DEFAULT_PARTITION__")); err != nil {
					t.Errorf("default partition directory: %v", err)
				}
			}
		})
	}
}

func TestCSVWithoutNullLiteral(t *testing.T) {
	dir := t.TempDir()
	cols := []connector.Column{col("a", types.NewInt()), col("s", types.NewString())}
	tbl := connector.TableInfo{Name: "db.t", Columns: cols, Options: map[string]string{"connector": "filesystem", "path": dir, "format": "csv"}}
	b, _ := vec.NewBatch(tbl.Types(), 2)
	b.AppendRow(types.Insert, nil, nil)
	b.AppendRow(types.Insert, int32(1), "")
	writeAll(t, tbl, connector.SinkRequest{}, b)
	// As in Flink: a NULL string is written as an empty field and reads back
	// as the empty string; an empty number field reads as NULL.
	if got := fmt.Sprint(readAll(t, tbl, nil)); got != "[[1 ] [<nil> ]]" {
		t.Errorf("got %s", got)
	}
}

func TestOverwriteRollingAndVisibility(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	cols := []connector.Column{col("a", types.NewInt()), col("s", types.NewString()), col("p", types.NewInt())}
	tbl := connector.TableInfo{Name: "db.t", Columns: cols, PartitionKeys: []string{"p"},
		Options: map[string]string{"connector": "filesystem", "path": dir, "format": "json", "sink.rolling-policy.file-size": "1kb"}}
	mk := func(p int32, n int) *vec.Batch {
		b, _ := vec.NewBatch(tbl.Types(), n)
		for i := range n {
			b.AppendRow(types.Insert, int32(i), strings.Repeat("x", 50), p)
		}
		return b
	}
	writeAll(t, tbl, connector.SinkRequest{}, mk(1, 100), mk(2, 100))
	files, _ := filepath.Glob(filepath.Join(dir, "p=1", "part-*.json"))
	if len(files) < 5 {
		t.Errorf("%d files in p=1, want several (rolled at 1 KiB)", len(files))
	}
	// Splits divide the files.
	if n := countSplits(t, tbl, 3); n != 200 {
		t.Errorf("3 splits read %d rows, want 200", n)
	}
	// Written but not committed: invisible, and gone after Close.
	s, err := Factory{}.NewSink(ctx, tbl, connector.SinkRequest{})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Write(ctx, mk(3, 10)); err != nil {
		t.Fatal(err)
	}
	if n := len(readAll(t, tbl, nil)); n != 200 {
		t.Errorf("before commit: %d rows, want 200", n)
	}
	s.Close()
	if n := len(readAll(t, tbl, nil)); n != 200 {
		t.Errorf("after close without commit: %d rows, want 200", n)
	}
	// Overwrite partition 1 only (dynamic), then a static partition with no rows.
	writeAll(t, tbl, connector.SinkRequest{Overwrite: true}, mk(1, 3))
	if n := len(readAll(t, tbl, nil)); n != 103 {
		t.Errorf("after overwrite of p=1: %d rows, want 103", n)
	}
	b, _ := vec.NewBatch(tbl.Types(), 0)
	writeAll(t, tbl, connector.SinkRequest{Overwrite: true, StaticPartition: map[string]string{"p": "2"}}, b)
	if n := len(readAll(t, tbl, nil)); n != 3 {
		t.Errorf("after overwrite of p=2 with nothing: %d rows, want 3", n)
	}
	// Reading a single file.
	files, _ = filepath.Glob(filepath.Join(dir, "p=1", "part-*.json"))
	one := connector.TableInfo{Name: "db.one", Columns: cols[:2], Options: map[string]string{"connector": "filesystem", "path": files[0], "format": "json"}}
	if n := len(readAll(t, one, nil)); n != 3 {
		t.Errorf("single file: %d rows, want 3", n)
	}
}

func TestRejectsRetractions(t *testing.T) {
	dir := t.TempDir()
	cols := []connector.Column{col("a", types.NewInt())}
	tbl := connector.TableInfo{Name: "db.t", Columns: cols, Options: map[string]string{"connector": "filesystem", "path": dir, "format": "csv"}}
	s, err := Factory{}.NewSink(context.Background(), tbl, connector.SinkRequest{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	b, _ := vec.NewBatch(tbl.Types(), 1)
	b.AppendRow(types.UpdateBefore, int32(1))
	b.Kinds = []types.RowKind{types.UpdateBefore}
	err = s.Write(context.Background(), b)
	want := "filesystem table db.t accepts only inserts, but the query produces -U rows: write its result to a table with a primary key instead"
	if err == nil || err.Error() != want {
		t.Errorf("got %v", err)
	}
}

func countSplits(t *testing.T, tbl connector.TableInfo, splits int) int {
	t.Helper()
	total := 0
	for k := range splits {
		op, err := Factory{}.NewSource(context.Background(), tbl, connector.SourceRequest{Bounded: true, Split: k, Splits: splits})
		if err != nil {
			t.Fatal(err)
		}
		bs, err := batch.Collect(context.Background(), op)
		if err != nil {
			t.Fatal(err)
		}
		if len(bs) == 0 {
			t.Errorf("split %d of %d read nothing", k, splits)
		}
		for _, b := range bs {
			total += b.Len
		}
	}
	return total
}
