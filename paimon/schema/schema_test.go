package schema

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/weir-data/weir/fileio"
	"github.com/weir-data/weir/internal/fixture"
	"github.com/weir-data/weir/types"
)

func fixtureSchemas(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(fixture.Path(t, "parquet"), "*.db", "*", "schema", "schema-*"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixture schema files: %v", err)
	}
	return files
}

func TestFixturesRoundTrip(t *testing.T) {
	for _, f := range fixtureSchemas(t) {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		s, err := Parse(data)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		out, err := s.Marshal()
		if err != nil {
			t.Fatalf("%s: marshal: %v", f, err)
		}
		if !bytes.Equal(out, data) {
			t.Errorf("%s: re-marshalled schema differs\n--- got\n%s\n--- want\n%s", f, out, data)
		}
	}
}

func TestPk09(t *testing.T) {
	data, err := os.ReadFile(fixture.Path(t, "parquet", "pk_09.db", "pk_09", "schema", "schema-0"))
	if err != nil {
		t.Fatal(err)
	}
	s, err := Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	if s.Version != 3 || s.ID != 0 || s.HighestFieldID != 3 || s.TimeMillis != 1755758621910 {
		t.Errorf("header = %d %d %d %d", s.Version, s.ID, s.HighestFieldID, s.TimeMillis)
	}
	want := []types.Field{
		{ID: 0, Name: "f0", Type: types.NewString().NotNull()},
		{ID: 1, Name: "f1", Type: types.NewInt().NotNull()},
		{ID: 2, Name: "f2", Type: types.NewInt().NotNull()},
		{ID: 3, Name: "f3", Type: types.NewDouble()},
	}
	for i, f := range want {
		if !s.Fields[i].Type.Equal(f.Type) || s.Fields[i].Name != f.Name || s.Fields[i].ID != f.ID {
			t.Errorf("field %d = %+v, want %+v", i, s.Fields[i], f)
		}
	}
	if got := strings.Join(s.TrimmedPrimaryKeys(), ","); got != "f0,f2" {
		t.Errorf("trimmed pk = %s", got)
	}
	if got := strings.Join(s.BucketKeys(), ","); got != "f2" {
		t.Errorf("bucket keys = %s", got)
	}
	wantKeys := "bucket,bucket-key,manifest.format,file.format,deletion-vectors.enabled,commit.force-compact"
	if got := strings.Join(s.OptionKeys(), ","); got != wantKeys {
		t.Errorf("option order = %s", got)
	}
	if f, ok := s.Field("f3"); !ok || f.ID != 3 {
		t.Errorf("Field(f3) = %+v %v", f, ok)
	}
	if rt := s.LogicalRowType(); rt.Root != types.Row || len(rt.Fields) != 4 {
		t.Errorf("row type = %v", rt)
	}
}

func TestLegacyDefaults(t *testing.T) {
	tests := []struct {
		name, json       string
		bucket, format   string
		hasBucket, hasFF bool
	}{
		{"v1 no version", `{"id":0,"fields":[{"id":0,"name":"a","type":"INT"}],"highestFieldId":0,"partitionKeys":[],"primaryKeys":[],"options":{}}`, "1", "orc", true, true},
		{"v1 bucket set", `{"version":1,"id":0,"fields":[],"highestFieldId":-1,"partitionKeys":[],"primaryKeys":[],"options":{"bucket":"4"}}`, "4", "orc", true, true},
		{"v2", `{"version":2,"id":0,"fields":[],"highestFieldId":-1,"partitionKeys":[],"primaryKeys":[],"options":{}}`, "", "orc", false, true},
		{"v2 format", `{"version":2,"id":0,"fields":[],"highestFieldId":-1,"partitionKeys":[],"primaryKeys":[],"options":{"file.format":"parquet"}}`, "", "parquet", false, true},
		{"v3", `{"version":3,"id":0,"fields":[],"highestFieldId":-1,"partitionKeys":[],"primaryKeys":[],"options":{}}`, "", "", false, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Parse([]byte(tc.json))
			if err != nil {
				t.Fatal(err)
			}
			b, ok := s.Options["bucket"]
			if ok != tc.hasBucket || b != tc.bucket {
				t.Errorf("bucket = %q %v", b, ok)
			}
			ff, ok := s.Options["file.format"]
			if ok != tc.hasFF || ff != tc.format {
				t.Errorf("file.format = %q %v", ff, ok)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ name, json, want string }{
		{"unknown type", `{"version":3,"id":0,"fields":[{"id":0,"name":"col","type":"GEOMETRY"}],"highestFieldId":0}`, `field "col": unknown type "GEOMETRY"`},
		{"unknown complex", `{"version":3,"id":0,"fields":[{"id":0,"name":"v","type":{"type":"VECTOR","element":"FLOAT","length":4}}],"highestFieldId":0}`, `field "v": unknown type "VECTOR"`},
		{"newer", `{"version":4,"id":0,"fields":[],"highestFieldId":0}`, "newer Paimon schema format version 4"},
		{"truncated", `{"version":3,"id":0,"fie`, "malformed JSON"},
		{"no id", `{"version":3,"fields":[],"highestFieldId":0}`, `missing "id"`},
		{"bad decimal", `{"version":3,"id":0,"fields":[{"id":0,"name":"d","type":"DECIMAL(40, 2)"}],"highestFieldId":0}`, "precision"},
		{"not object", `[1]`, "malformed JSON"},
		{"trailing", `{"version":3,"id":0,"fields":[],"highestFieldId":0} x`, "unexpected data"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse([]byte(tc.json))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want it to contain %q", err, tc.want)
			}
		})
	}
}

func TestParseType(t *testing.T) {
	tests := []struct {
		in   string
		want types.DataType
		out  string
	}{
		{"INT", types.NewInt(), "INT"},
		{"integer not null", types.NewInt().NotNull(), "INT NOT NULL"},
		{"STRING NOT NULL", types.NewString().NotNull(), "STRING NOT NULL"},
		{"VARCHAR(2147483647)", types.NewString(), "STRING"},
		{"VARCHAR(10)", types.NewVarChar(10), "VARCHAR(10)"},
		{"CHAR", types.NewChar(1), "CHAR(1)"},
		{"CHAR(5) NULL", types.NewChar(5), "CHAR(5)"},
		{"BINARY(3)", types.NewBinary(3), "BINARY(3)"},
		{"VARBINARY(7)", types.NewVarBinary(7), "VARBINARY(7)"},
		{"BYTES", types.NewBytes(), "BYTES"},
		{"DECIMAL(23, 5)", types.NewDecimal(23, 5), "DECIMAL(23, 5)"},
		{"DECIMAL", types.NewDecimal(10, 0), "DECIMAL(10, 0)"},
		{"NUMERIC(5)", types.NewDecimal(5, 0), "DECIMAL(5, 0)"},
		{"DEC(38,38)", types.NewDecimal(38, 38), "DECIMAL(38, 38)"},
		{"TIME", types.NewTime(0), "TIME(0)"},
		{"TIME(3)", types.NewTime(3), "TIME(3)"},
		{"TIMESTAMP", types.NewTimestamp(6), "TIMESTAMP(6)"},
		{"TIMESTAMP(9) WITHOUT TIME ZONE", types.NewTimestamp(9), "TIMESTAMP(9)"},
		{"TIMESTAMP(3) WITH LOCAL TIME ZONE NOT NULL", types.NewTimestampLTZ(3).NotNull(), "TIMESTAMP(3) WITH LOCAL TIME ZONE NOT NULL"},
		{"TIMESTAMP_LTZ(6)", types.NewTimestampLTZ(6), "TIMESTAMP(6) WITH LOCAL TIME ZONE"},
		{"BOOLEAN", types.NewBoolean(), "BOOLEAN"},
		{"TINYINT", types.NewTinyInt(), "TINYINT"},
		{"SMALLINT", types.NewSmallInt(), "SMALLINT"},
		{"BIGINT", types.NewBigInt(), "BIGINT"},
		{"FLOAT", types.NewFloat(), "FLOAT"},
		{"DOUBLE PRECISION", types.NewDouble(), "DOUBLE"},
		{"DATE", types.NewDate(), "DATE"},
		{"VARIANT", types.DataType{Root: types.Variant, Nullable: true}, "VARIANT"},
		{"BLOB NOT NULL", types.DataType{Root: types.Blob}, "BLOB NOT NULL"},
		{"ARRAY<INT NOT NULL>", types.DataType{Root: types.Array, Nullable: true, Elem: ptr(types.NewInt().NotNull())}, "ARRAY<INT NOT NULL>"},
		{"MAP<STRING, BIGINT> NOT NULL", types.DataType{Root: types.Map, Key: ptr(types.NewString()), Value: ptr(types.NewBigInt())}, "MAP<STRING, BIGINT> NOT NULL"},
	}
	for _, tc := range tests {
		got, err := ParseType(tc.in)
		if err != nil {
			t.Errorf("%q: %v", tc.in, err)
			continue
		}
		if !got.Equal(tc.want) {
			t.Errorf("%q = %v, want %v", tc.in, got, tc.want)
		}
		if s := FormatType(got); s != tc.out {
			t.Errorf("FormatType(%q) = %q, want %q", tc.in, s, tc.out)
		}
	}
	for _, bad := range []string{"", "FOO", "INT(3", "DECIMAL(3, 4)", "TIMESTAMP(10)", "VARCHAR(0)", "INT NOT", "ROW<a INT>", "ARRAY<INT", "INT INT", "TIME(99999999999999999999)"} {
		if _, err := ParseType(bad); err == nil {
			t.Errorf("ParseType(%q) succeeded", bad)
		}
	}
}

func ptr(t types.DataType) *types.DataType { return &t }

func TestComplexTypesRoundTrip(t *testing.T) {
	in := `{
  "version" : 3,
  "id" : 2,
  "fields" : [ {
    "id" : 0,
    "name" : "a",
    "type" : {
      "type" : "ARRAY NOT NULL",
      "element" : "INT"
    },
    "description" : "an \"array\"\n\u0001é"
  }, {
    "id" : 1,
    "name" : "m",
    "type" : {
      "type" : "MAP",
      "key" : "STRING NOT NULL",
      "value" : {
        "type" : "MULTISET",
        "element" : "DECIMAL(5, 2)"
      }
    },
    "defaultValue" : ""
  }, {
    "id" : 2,
    "name" : "r",
    "type" : {
      "type" : "ROW",
      "fields" : [ {
        "id" : 3,
        "name" : "x",
        "type" : "TIMESTAMP(6) WITH LOCAL TIME ZONE"
      }, {
        "id" : 4,
        "name" : "y",
        "type" : {
          "type" : "ROW NOT NULL",
          "fields" : [ {
            "id" : 5,
            "name" : "z",
            "type" : "VARIANT"
          } ]
        }
      } ]
    }
  } ],
  "highestFieldId" : 5,
  "partitionKeys" : [ ],
  "primaryKeys" : [ ],
  "options" : { },
  "comment" : "",
  "timeMillis" : 0
}`
	s, err := Parse([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if s.Fields[2].Type.Fields[1].Type.Fields[0].ID != 5 || s.Fields[0].Description != "an \"array\"\n\x01é" {
		t.Errorf("parsed = %+v", s.Fields)
	}
	out, err := s.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	if string(out) != in {
		t.Errorf("round trip differs:\n%s", out)
	}
	tj, err := FormatTypeJSON(s.Fields[0].Type)
	if err != nil {
		t.Fatal(err)
	}
	back, err := ParseTypeJSON(tj)
	if err != nil || !back.Equal(s.Fields[0].Type) {
		t.Errorf("type JSON round trip: %s %v", tj, err)
	}
}

func TestNewTable(t *testing.T) {
	row := types.RowType(types.Field{Name: "x", Type: types.NewInt()}, types.Field{Name: "y", Type: types.NewString()})
	fields := []types.Field{
		{Name: "dt", Type: types.NewString()},
		{Name: "id", Type: types.NewBigInt()},
		{Name: "nested", Type: types.DataType{Root: types.Array, Nullable: true, Elem: &row}},
		{Name: "v", Type: types.NewDouble()},
	}
	s, err := NewTable(fields, []string{"dt"}, []string{"dt", "id"}, map[string]string{"bucket": "2", "merge-engine": "aggregation"}, "c")
	if err != nil {
		t.Fatal(err)
	}
	ids := []int{s.Fields[0].ID, s.Fields[1].ID, s.Fields[2].ID, s.Fields[2].Type.Elem.Fields[0].ID, s.Fields[2].Type.Elem.Fields[1].ID, s.Fields[3].ID}
	if want := []int{0, 1, 2, 3, 4, 5}; !equalInts(ids, want) {
		t.Errorf("ids = %v, want %v", ids, want)
	}
	if s.HighestFieldID != 5 || s.Fields[0].Type.Nullable || s.Fields[1].Type.Nullable || !s.Fields[3].Type.Nullable {
		t.Errorf("schema = %+v", s)
	}
	if fields[1].Type.Nullable != true {
		t.Errorf("input fields modified")
	}
	if got := strings.Join(s.OptionKeys(), ","); got != "bucket,merge-engine" {
		t.Errorf("options = %s", got)
	}
	data, err := s.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	back, err := Parse(data)
	if err != nil || back.HighestFieldID != 5 || back.Comment != "c" {
		t.Fatalf("parse back: %v %+v", err, back)
	}

	bad := []struct {
		name        string
		fields      []types.Field
		part, pk    []string
		opts        map[string]string
		wantContain string
	}{
		{"no columns", nil, nil, nil, nil, "at least one column"},
		{"dup", []types.Field{{Name: "a", Type: types.NewInt()}, {Name: "a", Type: types.NewInt()}}, nil, nil, nil, `duplicate column name "a"`},
		{"dup nested", []types.Field{{Name: "r", Type: types.RowType(types.Field{Name: "q", Type: types.NewInt()}, types.Field{Name: "q", Type: types.NewInt()})}}, nil, nil, nil, `"q"`},
		{"missing pk", []types.Field{{Name: "a", Type: types.NewInt()}}, nil, []string{"b"}, nil, `primary key "b"`},
		{"missing part", []types.Field{{Name: "a", Type: types.NewInt()}}, []string{"p"}, nil, nil, `partition key "p"`},
		{"pk only partitions", []types.Field{{Name: "a", Type: types.NewInt()}}, []string{"a"}, []string{"a"}, nil, "must not consist of partition columns"},
		{"bucket key partition", []types.Field{{Name: "a", Type: types.NewInt()}, {Name: "b", Type: types.NewInt()}}, []string{"a"}, nil, map[string]string{"bucket-key": "a"}, "must not be a partition key"},
		{"bucket key missing", []types.Field{{Name: "a", Type: types.NewInt()}}, nil, nil, map[string]string{"bucket-key": "zz"}, `bucket key "zz"`},
	}
	for _, tc := range bad {
		t.Run(tc.name, func(t *testing.T) {
			_, err := NewTable(tc.fields, tc.part, tc.pk, tc.opts, "")
			if err == nil || !strings.Contains(err.Error(), tc.wantContain) {
				t.Errorf("err = %v, want %q", err, tc.wantContain)
			}
		})
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestSetRemoveOption(t *testing.T) {
	s := &TableSchema{}
	s.SetOption("b", "1")
	s.SetOption("a", "2")
	s.SetOption("b", "3")
	s.Options["0direct"] = "x"
	s.RemoveOption("a")
	if got := strings.Join(s.OptionKeys(), ","); got != "b,0direct" {
		t.Errorf("keys = %s", got)
	}
	if s.Options["b"] != "3" {
		t.Errorf("b = %s", s.Options["b"])
	}
}

func managers(t *testing.T) map[string]fileio.FileIO {
	local, err := fileio.NewLocal(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return map[string]fileio.FileIO{"memory": fileio.NewMemory(), "local": local}
}

func TestManager(t *testing.T) {
	ctx := context.Background()
	for name, fs := range managers(t) {
		t.Run(name, func(t *testing.T) {
			m := NewManager(fs, "db.db/t")
			if s, err := m.Latest(ctx); err != nil || s != nil {
				t.Fatalf("empty latest = %v %v", s, err)
			}
			s0, err := NewTable([]types.Field{{Name: "a", Type: types.NewInt()}}, nil, nil, nil, "")
			if err != nil {
				t.Fatal(err)
			}
			if ok, err := m.Commit(ctx, s0); !ok || err != nil {
				t.Fatalf("commit 0: %v %v", ok, err)
			}
			if ok, err := m.Commit(ctx, s0); ok || err != nil {
				t.Fatalf("second commit 0: %v %v", ok, err)
			}
			var wg sync.WaitGroup
			var mu sync.Mutex
			wins := 0
			for i := 0; i < 8; i++ {
				wg.Add(1)
				go func(i int) {
					defer wg.Done()
					s1 := *s0
					s1.ID = 1
					s1.Comment = strings.Repeat("x", i)
					ok, err := m.Commit(ctx, &s1)
					if err != nil {
						t.Error(err)
					}
					if ok {
						mu.Lock()
						wins++
						mu.Unlock()
					}
				}(i)
			}
			wg.Wait()
			if wins != 1 {
				t.Errorf("%d concurrent commits of schema-1 won", wins)
			}
			latest, err := m.Latest(ctx)
			if err != nil || latest.ID != 1 {
				t.Fatalf("latest = %v %v", latest, err)
			}
			all, err := m.List(ctx)
			if err != nil || len(all) != 2 {
				t.Fatalf("list = %v %v", all, err)
			}
			if _, err := m.Read(ctx, 7); err == nil || !strings.Contains(err.Error(), "schema/schema-7") {
				t.Errorf("missing schema error = %v", err)
			}
			if err := fs.WriteFile(ctx, "db.db/t/schema/schema-9", []byte(`{"version":3,"id":9,`)); err != nil {
				t.Fatal(err)
			}
			if _, err := m.Read(ctx, 9); err == nil || !strings.Contains(err.Error(), "schema/schema-9") {
				t.Errorf("corrupt schema error = %v", err)
			}
		})
	}
}

func TestManagerFixture(t *testing.T) {
	fs, err := fileio.NewLocal(fixture.Path(t, "parquet"))
	if err != nil {
		t.Fatal(err)
	}
	m := NewManager(fs, "pk_table_with_alter_table.db/pk_table_with_alter_table")
	s, err := m.Latest(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if s.ID != 1 || s.HighestFieldID != 9 || s.Fields[4].Description != "" || s.Fields[2].Name != "key_2" {
		t.Errorf("latest = %+v", s)
	}
}

func FuzzParse(f *testing.F) {
	for _, p := range []string{
		`{"version":3,"id":0,"fields":[{"id":0,"name":"a","type":{"type":"ROW","fields":[{"id":1,"name":"b","type":"INT"}]}}],"highestFieldId":1,"partitionKeys":[],"primaryKeys":[],"options":{"a":"b"}}`,
		`{"id":0,"fields":[],"highestFieldId":0}`,
	} {
		f.Add([]byte(p))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := Parse(data)
		if err != nil {
			return
		}
		out, err := s.Marshal()
		if err != nil {
			return
		}
		s2, err := Parse(out)
		if err != nil {
			t.Fatalf("re-parse of marshalled schema failed: %v\n%s", err, out)
		}
		out2, err := s2.Marshal()
		if err != nil || !bytes.Equal(out, out2) {
			t.Fatalf("marshal not stable:\n%s\n%s", out, out2)
		}
	})
}
