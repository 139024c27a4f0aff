package datafile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/weir-data/weir/internal/fixture"
	"github.com/weir-data/weir/types"
)

func openFile(t testing.TB, path string) *Reader {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	st, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	r, err := Open(f, st.Size())
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return r
}

// readAll reads every row of r as scalar rows.
func readAll(t testing.TB, r *Reader, want []Column) [][]any {
	t.Helper()
	it, err := r.Read(want, ReadOptions{BatchSize: 3})
	if err != nil {
		t.Fatal(err)
	}
	var rows [][]any
	for {
		b, err := it.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		for i := 0; i < b.Len; i++ {
			rows = append(rows, b.Row(i))
		}
	}
	if int64(len(rows)) != r.NumRows() {
		t.Fatalf("read %d rows, file has %d", len(rows), r.NumRows())
	}
	return rows
}

func TestReadAllFixtures(t *testing.T) {
	root := fixture.Path(t, "parquet")
	n := 0
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".parquet") {
			return err
		}
		n++
		r := openFile(t, p)
		readAll(t, r, r.Columns())
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Fatal("no parquet fixtures found")
	}
}

func fmtValue(x any, typ types.DataType) string {
	switch v := x.(type) {
	case nil:
		return "null"
	case types.Timestamp:
		return v.Time().Format("2006-01-02 15:04:05.999999999")
	case types.Decimal:
		return v.String(typ.Scale)
	case []byte:
		return string(v)
	}
	return fmt.Sprint(x)
}

func TestAppendComplexData(t *testing.T) {
	cols := []Column{
		{0, "f1", types.NewInt()},
		{1, "f2", types.NewInt()},
		{2, "f3", types.NewDate()},
		{3, "f4", types.NewTimestamp(9)},
		{4, "f5", types.NewDecimal(23, 5)},
		{5, "f6", types.NewBytes()},
	}
	files, err := filepath.Glob(fixture.Path(t, "parquet", "append_complex_data.db", "append_complex_data", "*", "*", "*.parquet"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no files: %v", err)
	}
	seen := map[string]bool{}
	for _, f := range files {
		r := openFile(t, f)
		for _, row := range readAll(t, r, cols) {
			parts := make([]string, len(row))
			for i, x := range row {
				parts[i] = fmtValue(x, cols[i].Type)
			}
			seen[strings.Join(parts, ",")] = true
		}
	}
	want := []string{
		"10,1,1234,2033-05-18 03:33:20,123456789987654321.45678,add",
		"20,1,-1234,1899-01-01 00:59:20.001001001,-123456789987654321.45678,bad",
		"10,1,19909,2033-05-18 03:33:20.000001001,12.30000,cat",
		"10,1,0,2008-12-28 00:00:00.000123456,null,dad",
		"10,1,100,2008-12-28 00:00:00.00012345,-123.45000,eat",
		"10,1,null,1899-01-01 00:59:20.001001001,0.00000,fat",
		"20,0,-100,null,0.00000,get",
		"10,1,20006,2024-10-10 10:10:10.1001001,1728551410100.10010,null",
	}
	var got []string
	for k := range seen {
		got = append(got, k)
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Fatalf("rows:\n got %q\nwant %q", got, want)
	}
}

func TestPrimaryKeyFixture(t *testing.T) {
	p := fixture.Path(t, "parquet", "pk_table_scan_and_read_mor.db", "pk_table_scan_and_read_mor",
		"f1=10", "bucket-0", "data-cf759363-12eb-4f9f-9549-965e455e8084-0.parquet")
	r := openFile(t, p)
	key := []types.Field{
		{ID: 0, Name: "f0", Type: types.NewString().NotNull()},
		{ID: 2, Name: "f2", Type: types.NewInt().NotNull()},
	}
	value := []types.Field{
		{ID: 0, Name: "f0", Type: types.NewString().NotNull()},
		{ID: 1, Name: "f1", Type: types.NewInt().NotNull()},
		{ID: 2, Name: "f2", Type: types.NewInt().NotNull()},
		{ID: 3, Name: "f3", Type: types.NewDouble()},
	}
	cols := KeyValueColumns(key, value)
	fileCols := r.Columns()
	if len(fileCols) != len(cols) {
		t.Fatalf("file has %d columns, want %d", len(fileCols), len(cols))
	}
	for i, c := range cols {
		if fileCols[i].ID != c.ID || fileCols[i].Name != c.Name || !fileCols[i].Type.Equal(c.Type) {
			t.Errorf("column %d: file %+v, want %+v", i, fileCols[i], c)
		}
	}
	long := "Two roads diverged in a wood, and I took the one less traveled by, And that has made all the difference."
	want := [][]any{
		// Compacted file of snapshot 3: Alice was updated (UPDATE_AFTER = 2) at sequence 2.
		{"Alice", int32(1), int64(2), int8(2), "Alice", int32(10), int32(1), 19.1},
		{long, int32(1), int64(0), int8(0), long, int32(10), int32(1), 11.0},
	}
	got := readAll(t, r, cols)
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("rows:\n got %v\nwant %v", got, want)
	}
	// Reading with a widened and a missing column.
	sub := []Column{
		{ID: 3, Name: "f3", Type: types.NewDouble()},
		{ID: 2, Name: "f2", Type: types.NewBigInt()},
		{ID: 9, Name: "f9", Type: types.NewString()},
	}
	got = readAll(t, r, sub)
	if fmt.Sprint(got) != "[[19.1 1 <nil>] [11 1 <nil>]]" {
		t.Fatalf("projected rows: %v", got)
	}
	if _, err := r.Read([]Column{{ID: 3, Name: "f3", Type: types.NewInt()}}, ReadOptions{}); err == nil || !strings.Contains(err.Error(), `"f3"`) {
		t.Fatalf("narrowing read: err = %v", err)
	}
}

// Files written by Paimon 0.9 carry no field ids: columns match by name.
func TestReadByNameWithoutFieldIDs(t *testing.T) {
	files, _ := filepath.Glob(fixture.Path(t, "parquet", "append_09.db", "append_09", "*", "*", "*.parquet"))
	if len(files) == 0 {
		t.Fatal("no append_09 files")
	}
	r := openFile(t, files[0])
	if r.HasFieldIDs() {
		t.Fatalf("0.9 file reports field ids: %+v", r.Columns())
	}
	cols := r.Columns()
	want := make([]Column, len(cols))
	for i, c := range cols {
		want[len(cols)-1-i] = Column{ID: 100 + i, Name: c.Name, Type: c.Type}
	}
	rows := readAll(t, r, want)
	if len(rows) == 0 || len(rows[0]) != len(cols) {
		t.Fatalf("rows: %v", rows)
	}
	// Columns were requested in reverse order: f0 (STRING) comes last.
	if _, ok := rows[0][len(cols)-1].(string); !ok {
		t.Fatalf("last column of %v is not f0", rows[0])
	}
}
