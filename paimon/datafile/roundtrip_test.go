package datafile

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"

	"github.com/weir-data/weir/internal/fixture"
	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

func allTypesColumns() []Column {
	ts := []types.DataType{
		types.NewBoolean(),
		types.NewTinyInt(),
		types.NewSmallInt(),
		types.NewInt().NotNull(),
		types.NewBigInt(),
		types.NewFloat(),
		types.NewDouble(),
		types.NewDecimal(5, 2),
		types.NewDecimal(18, 4),
		types.NewDecimal(38, 10),
		types.NewString(),
		types.NewVarChar(10).NotNull(),
		types.NewChar(3),
		types.NewBytes(),
		types.NewBinary(2),
		types.NewDate(),
		types.NewTime(0),
		types.NewTimestamp(0),
		types.NewTimestamp(3),
		types.NewTimestamp(6),
		types.NewTimestamp(9),
		types.NewTimestampLTZ(3),
		types.NewTimestampLTZ(9),
	}
	cols := make([]Column, len(ts))
	for i, t := range ts {
		cols[i] = Column{ID: i, Name: fmt.Sprintf("c%02d", i), Type: t}
	}
	return cols
}

func dec(s string, p, sc int) types.Decimal {
	d, err := types.ParseDecimal(s, p, sc)
	if err != nil {
		panic(err)
	}
	return d
}

func allTypesRows() [][]any {
	pre := types.Timestamp{Millis: -2240521239999, NanoOfMilli: 1001} // 1899-01-01 00:59:20.001001001
	return [][]any{
		{true, int8(-128), int16(-32768), int32(-5), int64(math.MinInt64), float32(-1.5), -2.25,
			dec("-999.99", 5, 2), dec("-12345678901234.5678", 18, 4), dec("-1234567890123456789012345678.0123456789", 38, 10),
			"héllo wörld", "abc", "xyz", []byte{0, 1, 2}, []byte{9, 9}, int32(-719162), int32(0),
			types.Timestamp{Millis: -1000}, types.Timestamp{Millis: -1}, types.Timestamp{Millis: -1, NanoOfMilli: 999000}, pre,
			types.Timestamp{Millis: 1700000000123}, types.Timestamp{Millis: 1700000000123, NanoOfMilli: 456789}},
		{nil, nil, nil, int32(7), nil, nil, nil, nil, nil, nil, nil, "", nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil},
		{false, int8(127), int16(32767), int32(math.MaxInt32), int64(math.MaxInt64), float32(3.5), math.Inf(1),
			dec("999.99", 5, 2), dec("99999999999999.9999", 18, 4), dec("9999999999999999999999999999.9999999999", 38, 10),
			"日本語テキスト", "0123456789", "", []byte{}, []byte{0xff, 0}, int32(2932896), int32(86399000),
			types.Timestamp{Millis: 253402300799000}, types.Timestamp{Millis: 1234567890123}, types.Timestamp{Millis: 1234567890123, NanoOfMilli: 456000},
			types.Timestamp{Millis: 1234567890123, NanoOfMilli: 456789},
			types.Timestamp{Millis: 0}, types.Timestamp{Millis: 0, NanoOfMilli: 1}},
	}
}

func writeFile(t testing.TB, cols []Column, rows [][]any, opts WriterOptions) ([]byte, Result) {
	t.Helper()
	ts := make([]types.DataType, len(cols))
	for i, c := range cols {
		ts[i] = c.Type
	}
	b, err := vec.NewBatch(ts, len(rows))
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if err := b.AppendRow(types.Insert, r...); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	w, err := NewWriter(&buf, cols, opts)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Write(b); err != nil {
		t.Fatal(err)
	}
	res, err := w.Close()
	if err != nil {
		t.Fatal(err)
	}
	if res.FileSize != int64(buf.Len()) {
		t.Fatalf("FileSize %d, wrote %d bytes", res.FileSize, buf.Len())
	}
	return buf.Bytes(), res
}

func TestRoundTripAllTypes(t *testing.T) {
	cols := allTypesColumns()
	rows := allTypesRows()
	data, res := writeFile(t, cols, rows, WriterOptions{})
	if res.RowCount != int64(len(rows)) {
		t.Fatalf("RowCount %d", res.RowCount)
	}
	r, err := Open(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	got := readAll(t, r, cols)
	for i := range rows {
		for c := range cols {
			want := rows[i][c]
			if ts, ok := want.(types.Timestamp); ok {
				want = ts.Truncate(min(cols[c].Type.Precision, 9))
				if p := cols[c].Type.Precision; p > 3 && p <= 6 {
					want = ts.Truncate(6)
				} else if p <= 3 {
					want = ts.Truncate(3)
				}
			}
			if fmt.Sprint(got[i][c]) != fmt.Sprint(want) {
				t.Errorf("row %d column %s (%s): got %v, want %v", i, cols[c].Name, cols[c].Type, got[i][c], want)
			}
		}
	}
	// Columns() of a written file: names, ids, types (CHAR/VARCHAR read as
	// STRING, BINARY(n) as BYTES, TIME(0) as TIME(3), TIMESTAMP(0) as TIMESTAMP(3)).
	for i, c := range r.Columns() {
		if c.ID != cols[i].ID || c.Name != cols[i].Name || c.Type.Nullable != cols[i].Type.Nullable {
			t.Errorf("column %d: %+v, want %+v", i, c, cols[i])
		}
	}
}

func TestStats(t *testing.T) {
	cols := allTypesColumns()
	_, res := writeFile(t, cols, allTypesRows(), WriterOptions{})
	want := map[string]string{
		"c00": "false true 1",
		"c01": "-128 127 1",
		"c03": "-5 2147483647 0",
		"c04": "-9223372036854775808 9223372036854775807 1",
		"c05": "-1.5 3.5 1",
		"c06": "-2.25 +Inf 1",
		"c07": "-999.99 999.99 1",
		"c09": "-1234567890123456789012345678.0123456789 9999999999999999999999999999.9999999999 1",
		"c10": "héllo wörld 日本語テキスト 1",
		"c11": " abc 0",
		"c13": "<nil> <nil> 1", // BYTES: no min/max, as Paimon's Parquet stats extractor
		"c15": "-719162 2932896 1",
		"c18": "1969-12-31T23:59:59.999 2009-02-13T23:31:30.123 1",
		"c19": "1969-12-31T23:59:59.999999 2009-02-13T23:31:30.123456 1",
		"c20": "<nil> <nil> 1", // TIMESTAMP(9) is INT96: no min/max
	}
	for i, c := range cols {
		w, ok := want[c.Name]
		if !ok {
			continue
		}
		s := res.Stats[i]
		got := fmt.Sprintf("%s %s %d", fmtStat(s.Min, c.Type), fmtStat(s.Max, c.Type), *s.NullCount)
		if got != w {
			t.Errorf("%s (%s): stats %q, want %q", c.Name, c.Type, got, w)
		}
	}
}

func fmtStat(x any, t types.DataType) string {
	switch v := x.(type) {
	case types.Decimal:
		return v.String(t.Scale)
	case types.Timestamp:
		return v.Time().Format("2006-01-02T15:04:05.999999999")
	case nil:
		return "<nil>"
	}
	return fmt.Sprint(x)
}

func TestStatsModes(t *testing.T) {
	long := strings.Repeat("a", 20) + "z"
	cols := []Column{{ID: 1, Name: "s", Type: types.NewString()}, {ID: 2, Name: "i", Type: types.NewInt()}}
	rows := [][]any{{long, int32(3)}, {"b", nil}, {nil, int32(1)}}
	tests := []struct {
		mode     StatsMode
		min, max any
		nulls    any
	}{
		{StatsMode{}, strings.Repeat("a", 16), "b", int64(1)},
		{StatsTruncate(3), "aaa", "b", int64(1)},
		{StatsTruncate(1), "a", "b", int64(1)},
		{StatsFull, long, "b", int64(1)},
		{StatsCounts, nil, nil, int64(1)},
		{StatsNone, nil, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.mode.String(), func(t *testing.T) {
			_, res := writeFile(t, cols, rows, WriterOptions{StatsModes: []StatsMode{tt.mode, tt.mode}})
			s := res.Stats[0]
			var nulls any
			if s.NullCount != nil {
				nulls = *s.NullCount
			}
			if s.Min != tt.min || s.Max != tt.max || nulls != tt.nulls {
				t.Fatalf("stats %v %v %v, want %v %v %v", s.Min, s.Max, nulls, tt.min, tt.max, tt.nulls)
			}
		})
	}
}

func TestTruncate(t *testing.T) {
	tests := []struct {
		in       string
		n        int
		min, max string
		ok       bool
	}{
		{"abc", 16, "abc", "abc", true},
		{"abcdef", 3, "abc", "abd", true},
		{"Two roads diverged in a wood", 16, "Two roads diverg", "Two roads diverh", true},
		{"héllo", 2, "hé", "hê", true},
		{"日本語", 2, "日本", "日札", true},
		{"a\U0010FFFF\U0010FFFFb", 3, "a\U0010FFFF\U0010FFFF", "b", true},
		{"\U0010FFFF\U0010FFFFx", 2, "\U0010FFFF\U0010FFFF", "", false},
		{"a\uD7FFb", 2, "a\uD7FF", "a\uE000", true},
		{"ab😀cd", 3, "ab😀", "ab😁", true},
	}
	for _, tt := range tests {
		if got := truncateMin(tt.in, tt.n); got != tt.min {
			t.Errorf("truncateMin(%q, %d) = %q, want %q", tt.in, tt.n, got, tt.min)
		}
		got, ok := truncateMax(tt.in, tt.n)
		if got != tt.max || ok != tt.ok {
			t.Errorf("truncateMax(%q, %d) = %q, %v, want %q, %v", tt.in, tt.n, got, ok, tt.max, tt.ok)
		}
	}
}

func TestParseStatsMode(t *testing.T) {
	for in, want := range map[string]string{"none": "none", "COUNTS": "counts", "full": "full", "truncate(8)": "truncate(8)"} {
		m, err := ParseStatsMode(in)
		if err != nil || m.String() != want {
			t.Errorf("ParseStatsMode(%q) = %v, %v", in, m, err)
		}
	}
	for _, in := range []string{"", "truncate(0)", "truncate(x)", "all"} {
		if _, err := ParseStatsMode(in); err == nil {
			t.Errorf("ParseStatsMode(%q) succeeded", in)
		}
	}
}

func TestWriteErrors(t *testing.T) {
	cols := []Column{{ID: 0, Name: "k", Type: types.NewInt().NotNull()}}
	b, _ := vec.NewBatch([]types.DataType{types.NewInt()}, 1)
	_ = b.AppendRow(types.Insert, nil)
	w, err := NewWriter(&bytes.Buffer{}, cols, WriterOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Write(b); err == nil || !strings.Contains(err.Error(), `"k"`) {
		t.Fatalf("null in NOT NULL column: %v", err)
	}
	if _, err := NewWriter(&bytes.Buffer{}, []Column{{Name: "a", Type: types.RowType()}}, WriterOptions{}); err == nil {
		t.Fatal("ROW column accepted")
	}
	if _, err := NewWriter(&bytes.Buffer{}, cols, WriterOptions{StatsModes: []StatsMode{StatsTruncate(-1)}}); err == nil {
		t.Fatal("truncate(-1) accepted")
	}
}

// schemaElements describes a file's footer schema for comparison.
func schemaElements(t testing.TB, data []byte) []string {
	t.Helper()
	f, err := parquet.OpenFile(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range f.Metadata().Schema {
		out = append(out, fmt.Sprintf("%s type=%v len=%v rep=%v conv=%v scale=%v prec=%v id=%d logical=%v",
			e.Name, e.Type, e.TypeLength, e.RepetitionType, e.ConvertedType, e.Scale, e.Precision, e.FieldID, e.LogicalType.String()))
	}
	return out
}

// The footer schema of a written KeyValue file matches the Java-written file
// of the same table, and field id 0 is present in the raw footer.
func TestSchemaMatchesJava(t *testing.T) {
	javaPath := fixture.Path(t, "parquet", "pk_table_scan_and_read_mor.db", "pk_table_scan_and_read_mor",
		"f1=10", "bucket-0", "data-cf759363-12eb-4f9f-9549-965e455e8084-0.parquet")
	javaData, err := os.ReadFile(javaPath)
	if err != nil {
		t.Fatal(err)
	}
	key := []types.Field{{ID: 0, Name: "f0", Type: types.NewString().NotNull()}, {ID: 2, Name: "f2", Type: types.NewInt().NotNull()}}
	value := []types.Field{
		{ID: 0, Name: "f0", Type: types.NewString().NotNull()},
		{ID: 1, Name: "f1", Type: types.NewInt().NotNull()},
		{ID: 2, Name: "f2", Type: types.NewInt().NotNull()},
		{ID: 3, Name: "f3", Type: types.NewDouble()},
	}
	cols := KeyValueColumns(key, value)
	rows := [][]any{{"a", int32(1), int64(0), int8(0), "a", int32(10), int32(1), 1.0}}
	data, _ := writeFile(t, cols, rows, WriterOptions{})
	got, want := schemaElements(t, data), schemaElements(t, javaData)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("schema:\n got %s\nwant %s", strings.Join(got, "\n     "), strings.Join(want, "\n     "))
	}

	// append_complex_data: INT96, DATE, FIXED_LEN_BYTE_ARRAY(10) decimal, BYTES.
	javaPath = fixture.Path(t, "parquet", "append_complex_data.db", "append_complex_data",
		"f1=10", "bucket-0", "data-35f2719c-ffae-4697-960e-af95a0b4bd51-0.parquet")
	if javaData, err = os.ReadFile(javaPath); err != nil {
		t.Fatal(err)
	}
	acols := []Column{
		{0, "f1", types.NewInt()}, {1, "f2", types.NewInt()}, {2, "f3", types.NewDate()},
		{3, "f4", types.NewTimestamp(9)}, {4, "f5", types.NewDecimal(23, 5)}, {5, "f6", types.NewBytes()},
	}
	data, _ = writeFile(t, acols, [][]any{{int32(1), int32(1), int32(1), types.Timestamp{}, dec("1", 23, 5), []byte("x")}}, WriterOptions{})
	got, want = schemaElements(t, data), schemaElements(t, javaData)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("schema:\n got %s\nwant %s", strings.Join(got, "\n     "), strings.Join(want, "\n     "))
	}
	if !hasFieldIDZero(t, data) || !hasFieldIDZero(t, javaData) {
		t.Errorf("field id 0 missing from the raw footer (ours %v, java %v)", hasFieldIDZero(t, data), hasFieldIDZero(t, javaData))
	}
}

// hasFieldIDZero reports whether the first column's schema element carries
// field 9 (field_id) in the raw Thrift footer.
func hasFieldIDZero(t testing.TB, data []byte) bool {
	flen := int(uint32(data[len(data)-8]) | uint32(data[len(data)-7])<<8 | uint32(data[len(data)-6])<<16 | uint32(data[len(data)-5])<<24)
	meta := data[len(data)-8-flen : len(data)-8]
	s := &thriftScanner{b: meta}
	var last int16
	for {
		id, typ, err := s.fieldHeader(last)
		if err != nil || typ == 0 {
			t.Fatalf("no schema: %v", err)
		}
		last = id
		if id != 2 {
			if err := s.skip(typ, 0); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if _, _, err := s.listHeader(); err != nil {
			t.Fatal(err)
		}
		for i := range 2 { // root, then the first column
			var flast int16
			for {
				fid, ft, err := s.fieldHeader(flast)
				if err != nil {
					t.Fatal(err)
				}
				if ft == 0 {
					break
				}
				if i == 1 && fid == seFieldID {
					return true
				}
				if err := s.skip(ft, 0); err != nil {
					t.Fatal(err)
				}
				flast = fid
			}
		}
		return false
	}
}

func TestMultipleRowGroupsAndPages(t *testing.T) {
	cols := []Column{{ID: 1, Name: "k", Type: types.NewBigInt().NotNull()}, {ID: 2, Name: "s", Type: types.NewString()}}
	b, _ := vec.NewBatch([]types.DataType{cols[0].Type, cols[1].Type}, 10000)
	for i := range 10000 {
		var s any = fmt.Sprintf("value-%05d", i)
		if i%7 == 0 {
			s = nil
		}
		_ = b.AppendRow(types.Insert, int64(i), s)
	}
	var buf bytes.Buffer
	w, err := NewWriter(&buf, cols, WriterOptions{RowGroupSize: 30000, PageSize: 4096})
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		if err := w.Write(b); err != nil {
			t.Fatal(err)
		}
	}
	res, err := w.Close()
	if err != nil {
		t.Fatal(err)
	}
	r, err := Open(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	if n := len(r.f.RowGroups()); n < 3 {
		t.Fatalf("%d row groups", n)
	}
	rows := readAll(t, r, cols)
	for i, row := range rows {
		j := i % 10000
		if row[0] != int64(j) || (j%7 == 0) != (row[1] == nil) {
			t.Fatalf("row %d: %v", i, row)
		}
	}
	if res.Stats[1].Min != "value-00001" || *res.Stats[1].NullCount != 3*1429 {
		t.Fatalf("stats %+v %d", res.Stats[1], *res.Stats[1].NullCount)
	}
}

func TestOpenErrors(t *testing.T) {
	cols := []Column{{ID: 1, Name: "k", Type: types.NewInt()}}
	data, _ := writeFile(t, cols, [][]any{{int32(1)}}, WriterOptions{})
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"empty", nil, "not a parquet file"},
		{"text", []byte("hello, this is not parquet at all"), "not a parquet file"},
		{"truncated", data[:len(data)-10], "truncated"},
		{"bad footer", append(append([]byte{}, data[:len(data)-8]...), 0xff, 0xff, 0, 0, 'P', 'A', 'R', '1'), "footer"},
	}
	for _, tt := range tests {
		_, err := Open(bytes.NewReader(tt.data), int64(len(tt.data)))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want %q", tt.name, err, tt.want)
		}
	}
}

func FuzzOpen(f *testing.F) {
	cols := allTypesColumns()
	data, _ := writeFile(f, cols, allTypesRows(), WriterOptions{})
	f.Add(data)
	f.Add([]byte("PAR1PAR1"))
	f.Fuzz(func(t *testing.T, b []byte) {
		r, err := Open(bytes.NewReader(b), int64(len(b)))
		if err != nil {
			return
		}
		want := r.Columns()
		if len(want) > 64 {
			return
		}
		it, err := r.Read(want, ReadOptions{BatchSize: 7})
		if err != nil {
			return
		}
		for range 1000 {
			if _, err := it.Next(); err != nil {
				return
			}
		}
	})
}

// TestWriteColumnarSameBytes checks that WriteColumnar, given vectors or
// gathers, writes the file Write writes for the same rows (every type, nulls,
// several pages).
func TestWriteColumnarSameBytes(t *testing.T) {
	cols := allTypesColumns()
	ts := make([]types.DataType, len(cols))
	for i, c := range cols {
		ts[i] = c.Type
	}
	b, err := vec.NewBatch(ts, 3000)
	if err != nil {
		t.Fatal(err)
	}
	values := allTypesRows()
	for i := range 3000 {
		if err := b.AppendRow(types.Insert, values[i%len(values)]...); err != nil {
			t.Fatal(err)
		}
	}
	// The same rows as a gather from two halves, in a shuffled order, for
	// the gathering variant (and b, the gathered rows, for the others).
	halves := []*vec.Batch{b.Slice(0, 1500), b.Slice(1500, 3000)}
	var from, rows []int32
	for k := range 3000 {
		r := int32(k * 7 % 3000)
		from, rows = append(from, r/1500), append(rows, r%1500)
	}
	b = b.Gather(func() []int32 {
		g := make([]int32, len(rows))
		for k := range rows {
			g[k] = from[k]*1500 + rows[k]
		}
		return g
	}())
	write := func(mode string) ([]byte, Result) {
		var buf bytes.Buffer
		w, err := NewWriter(&buf, cols, WriterOptions{PageSize: 4096})
		if err != nil {
			t.Fatal(err)
		}
		switch mode {
		case "columnar":
			err = w.WriteColumnar(b.Len, func(i int) (ColumnRows, error) { return ColumnRows{Vec: b.Cols[i]}, nil })
		case "gather":
			err = w.WriteColumnar(b.Len, func(i int) (ColumnRows, error) {
				return ColumnRows{Srcs: []*vec.Vector{halves[0].Cols[i], halves[1].Cols[i]}, From: from, Rows: rows}, nil
			})
		default:
			err = w.Write(b)
		}
		if err != nil {
			t.Fatal(err)
		}
		res, err := w.Close()
		if err != nil {
			t.Fatal(err)
		}
		return buf.Bytes(), res
	}
	want, wantRes := write("write")
	for _, mode := range []string{"columnar", "gather"} {
		got, gotRes := write(mode)
		if !bytes.Equal(got, want) {
			t.Fatalf("%s: wrote %d bytes differing from Write's %d", mode, len(got), len(want))
		}
		if !reflect.DeepEqual(gotRes, wantRes) {
			t.Fatalf("%s: results differ:\n%v\n%v", mode, gotRes, wantRes)
		}
	}
}
