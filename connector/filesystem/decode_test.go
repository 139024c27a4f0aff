package filesystem

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/weir-data/weir/connector"
	"github.com/weir-data/weir/engine/batch"
	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

var smallCols = []connector.Column{col("a", types.NewInt()), col("s", types.NewString()), col("ts", types.NewTimestamp(3))}

// readFile writes content to a file and reads it as a table of smallCols.
func readFile(t *testing.T, format, content string, opts ...string) ([][]any, error) {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "data."+format), []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	tbl := connector.TableInfo{Name: "db.t", Columns: smallCols,
		Options: map[string]string{"connector": "filesystem", "path": dir, "format": format}}
	for i := 0; i+1 < len(opts); i += 2 {
		tbl.Options[opts[i]] = opts[i+1]
	}
	op, err := Factory{}.NewSource(context.Background(), tbl, connector.SourceRequest{Bounded: true})
	if err != nil {
		t.Fatal(err)
	}
	bs, err := batch.Collect(context.Background(), op)
	if err != nil {
		return nil, replacedErr{strings.ReplaceAll(err.Error(), dir, "DIR")}
	}
	var rows [][]any
	for _, b := range bs {
		for i := 0; i < b.Len; i++ {
			rows = append(rows, b.Row(i))
		}
	}
	return rows, nil
}

type replacedErr struct{ s string }

func (e replacedErr) Error() string { return e.s }

func TestMalformedInput(t *testing.T) {
	for _, tc := range []struct {
		format, content string
		opts            []string
		want            string // rows or error text
	}{
		{"csv", "1,a,2024-01-02 03:04:05.678\n\n2,\"b,\"\"c\"\"\",\n", nil, "[[1 a {1704164645678 0}] [2 b,\"c\" <nil>]]"},
		{"csv", "1,a,x\n", nil, `DIR/data.csv: line 1: column ts: "x" is not a TIMESTAMP (yyyy-MM-dd HH:mm:ss[.fffffffff]) (set 'csv.ignore-parse-errors' = 'true' to read it as NULL)`},
		{"csv", "1,a\n", nil, "DIR/data.csv: line 1: 2 fields, the table has 3 columns [a s ts] (set 'csv.ignore-parse-errors' = 'true' to skip such rows)"},
		{"csv", "1,a,\n2,\"open\n", nil, "DIR/data.csv: line 2: quoted field not closed before the end of the file"},
		{"csv", "x,a,\n1,b\n3,c,\n", []string{"csv.ignore-parse-errors", "true"}, "[[<nil> a <nil>] [3 c <nil>]]"},
		{"csv", "# comment\n1,a,\n", []string{"csv.allow-comments", "true"}, "[[1 a <nil>]]"},
		{"csv", "99999999999,a,\n", nil, `DIR/data.csv: line 1: column a: "99999999999" is not a INT (set 'csv.ignore-parse-errors' = 'true' to read it as NULL)`},
		{"csv", "1,\xff\xfe,\n", nil, "[[1 \uFFFD <nil>]]"},
		{"json", `{"a":1,"s":"x","ts":"2024-01-02 03:04:05"}` + "\n" + `{"s":null,"zz":{"n":[1,{"q":"}"}]}}`, nil,
			"[[1 x {1704164645000 0}] [<nil> <nil> <nil>]]"},
		{"json", `{"a":"12","s":{"k":1},"ts":null}`, nil, `[[12 {"k":1} <nil>]]`},
		{"json", `{"a":1,"s":"x"`, nil, "DIR/data.json: line 1: expected ',' or '}' (set 'json.ignore-parse-errors' = 'true' to skip such rows)"},
		{"json", `{"a":1.5}`, nil, `DIR/data.json: line 1: field a: "1.5" is not a INT (set 'json.ignore-parse-errors' = 'true' to skip such rows)`},
		{"json", `{"a":true}`, nil, `DIR/data.json: line 1: field a: "true" is not a INT (set 'json.ignore-parse-errors' = 'true' to skip such rows)`},
		{"json", `{"a":1,"a":2}`, nil, "DIR/data.json: line 1: field a appears twice (set 'json.ignore-parse-errors' = 'true' to skip such rows)"},
		{"json", `{"a":1}`, []string{"json.fail-on-missing-field", "true"}, "DIR/data.json: line 1: field s is missing ('json.fail-on-missing-field' is true) (set 'json.ignore-parse-errors' = 'true' to skip such rows)"},
		{"json", "[1]\n{\"a\":2e0,\"s\":\"\\u00e9\\ud83d\\ude00\\n\"}\n{\"a\":\"x\"}", []string{"json.ignore-parse-errors", "true"}, "[[2 é😀\n <nil>] [<nil> <nil> <nil>]]"},
		{"parquet", "PAR1 this is not parquet PAR1", nil, "ERR"},
	} {
		rows, err := readFile(t, tc.format, tc.content, tc.opts...)
		got := fmt.Sprint(rows)
		if err != nil {
			got = err.Error()
			if tc.want == "ERR" {
				continue
			}
		}
		if got != tc.want {
			t.Errorf("%s %q:\n got %s\nwant %s", tc.format, tc.content, got, tc.want)
		}
	}
}

func TestValidateMessages(t *testing.T) {
	for _, tc := range []struct {
		opts map[string]string
		want string
	}{
		{map[string]string{"format": "csv"}, "missing required option 'path' for connector filesystem of table db.t"},
		{map[string]string{"path": "/x", "format": "avro"},
			"invalid value 'avro' for option 'format' of connector filesystem (table db.t): expected one of 'csv', 'json', 'parquet'"},
		{map[string]string{"path": "/x", "format": "csv", "csv.field-delimter": ";"},
			"unknown option 'csv.field-delimter' for connector filesystem of table db.t (did you mean csv.field-delimiter?)"},
		{map[string]string{"path": "/x", "format": "csv", "json.ignore-parse-errors": "true"},
			"option 'json.ignore-parse-errors' of connector filesystem (table db.t): applies to format 'json', but the table's format is 'csv'"},
		{map[string]string{"path": "/x", "format": "csv", "csv.field-delimiter": ";;"},
			"invalid value ';;' for option 'csv.field-delimiter' of connector filesystem (table db.t): expected a single character, e.g. ',' or '\\t'"},
		{map[string]string{"path": "/x", "format": "parquet", "sink.rolling-policy.file-size": "big"},
			"invalid value 'big' for option 'sink.rolling-policy.file-size' of connector filesystem (table db.t): expected a positive memory size such as '128 mb' or '1 gb'"},
		{map[string]string{"path": "/x", "format": "json", "json.timestamp-format.standard": "RFC"},
			"invalid value 'RFC' for option 'json.timestamp-format.standard' of connector filesystem (table db.t): expected one of 'SQL', 'ISO-8601'"},
		{map[string]string{"path": "/x", "format": "json", "sink.partition-commit.policy.kind": "success-file,hive"},
			"invalid value 'success-file,hive' for option 'sink.partition-commit.policy.kind' of connector filesystem (table db.t): expected a comma-separated list of 'metastore', 'success-file', 'custom'"},
		{map[string]string{"path": "/x", "format": "json", "source.monitor-interval": "10 s", "sink.partition-commit.delay": "1 h",
			"sink.partition-commit.trigger": "partition-time", "partition.default-name": "NULLS"}, ""},
	} {
		tc.opts["connector"] = "filesystem"
		err := Factory{}.Validate(connector.TableInfo{Name: "db.t", Columns: smallCols, Options: tc.opts})
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != tc.want {
			t.Errorf("%v:\n got %s\nwant %s", tc.opts, got, tc.want)
		}
	}
}

// fuzzColumns are the columns the fuzz targets decode into.
var fuzzColumns = []connector.Column{col("a", types.NewInt()), col("s", types.NewString()), col("d", types.NewDecimal(20, 3)),
	col("ts", types.NewTimestampLTZ(6)), col("b", types.NewBytes()), col("dt", types.NewDate()), col("x", types.NewBoolean())}

func fuzzBatch(t *testing.T) (*vec.Batch, []*vec.Vector, []string) {
	b, err := vec.NewBatch(connector.TableInfo{Columns: fuzzColumns}.Types(), 0)
	if err != nil {
		t.Fatal(err)
	}
	names := make([]string, len(fuzzColumns))
	for i, c := range fuzzColumns {
		names[i] = c.Name
	}
	return b, b.Cols, names
}

// checkBatch verifies that decoding left a consistent batch.
func checkBatch(t *testing.T, b *vec.Batch) {
	for _, v := range b.Cols {
		if v.Len != b.Len {
			t.Fatalf("vector has %d rows, batch %d", v.Len, b.Len)
		}
		for i := 0; i < b.Len; i++ {
			_ = v.Value(i)
		}
	}
}

func FuzzCSVDecode(f *testing.F) {
	f.Add([]byte("1,a,1.5,2024-01-01 00:00:00Z,AAE=,2024-02-29,true\n"), byte(','), false, false)
	f.Add([]byte("\"x\ny\",\"\"\"\",,,,,\r\n# c\n"), byte(';'), true, true)
	f.Add([]byte("1\\,2,3\n"), byte(','), false, true)
	f.Fuzz(func(t *testing.T, data []byte, delim byte, ignore, comments bool) {
		if delim == '"' || delim == '\\' || delim == '\n' || delim == '\r' {
			return
		}
		opt := &csvOptions{delim: delim, quote: '"', escape: '\\', ignoreErrors: ignore, allowComments: comments, nullLiteral: "N", hasNull: true}
		b, outs, names := fuzzBatch(t)
		d := &csvDecoder{rd: newCSVReader(bytes.NewReader(data), opt), names: names, outs: outs, file: "fuzz"}
		for {
			b.Reset()
			n, err := d.decode(b, 3)
			checkBatch(t, b)
			if n != b.Len {
				t.Fatalf("decode returned %d, batch has %d", n, b.Len)
			}
			if err != nil {
				if err != io.EOF && ignore && strings.Contains(err.Error(), "column") {
					t.Fatalf("field error despite ignore-parse-errors: %v", err)
				}
				return
			}
		}
	})
}

func FuzzJSONDecode(f *testing.F) {
	f.Add([]byte(`{"a":1,"s":"x","d":1.5,"ts":"2024-01-01 00:00:00.123456Z","b":"AAE=","dt":"2024-02-29","x":true}` + "\n"))
	f.Add([]byte(`{"s":{"n":[1,"]"]},"zz":null}` + "\n" + `{"a":"\ud83d\ude00"}`))
	f.Add([]byte("{\"a\":1e3}\n\n{}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, ignore := range []bool{false, true} {
			b, outs, names := fuzzBatch(t)
			d := newJSONDecoder(bytes.NewReader(data), &jsonOptions{ignoreErrors: ignore}, "fuzz", names, outs)
			for {
				b.Reset()
				n, err := d.decode(b, 2)
				checkBatch(t, b)
				if n != b.Len {
					t.Fatalf("decode returned %d, batch has %d", n, b.Len)
				}
				if err != nil {
					break
				}
			}
		}
	})
}

// TestRoundTripText checks the text forms written are read back for edge
// values (encoder and decoder agree).
func TestRoundTripText(t *testing.T) {
	for _, s := range []string{"", "a", "-0.001", "12345678901234567.123"} {
		v := vec.MustNew(types.NewDecimal(20, 3), 1)
		var scratch []byte
		if err := appendParsed(v, []byte(s), &scratch); err != nil {
			if s == "" {
				continue
			}
			if s == "a" {
				continue
			}
			t.Fatalf("%q: %v", s, err)
		}
		if got := string(appendText(nil, v, 0, ' ', true)); got != map[string]string{"-0.001": "-0.001", "12345678901234567.123": "12345678901234567.123"}[s] {
			t.Errorf("%q -> %q", s, got)
		}
	}
}
