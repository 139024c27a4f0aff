package display

import (
	"bytes"
	"testing"
	"time"

	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

func TestWriters(t *testing.T) {
	cols := []Column{{"id", types.NewInt()}, {"name", types.NewString()}, {"amount", types.NewDecimal(10, 2)}, {"at", types.NewTimestampLTZ(3)}}
	ts := make([]types.DataType, len(cols))
	for i, c := range cols {
		ts[i] = c.Type
	}
	b, _ := vec.NewBatch(ts, 2)
	_ = b.AppendRow(types.Insert, int32(1), "a,b", int64(1050), types.Timestamp{Millis: 0})
	_ = b.AppendRow(types.Insert, int32(2), nil, nil, nil)
	tests := []struct {
		f    Format
		loc  *time.Location
		want string
	}{
		{CSV, nil, "id,name,amount,at\n1,\"a,b\",10.50,1970-01-01 00:00:00.000\n2,,,\n"},
		{CSV, time.FixedZone("X", 3600), "id,name,amount,at\n1,\"a,b\",10.50,1970-01-01 01:00:00.000\n2,,,\n"},
		{JSON, nil, "{\"id\":1,\"name\":\"a,b\",\"amount\":10.50,\"at\":\"1970-01-01 00:00:00.000\"}\n{\"id\":2,\"name\":null,\"amount\":null,\"at\":null}\n"},
		{Table, nil, "+----+------+--------+-------------------------+\n| id | name | amount | at                      |\n+----+------+--------+-------------------------+\n|  1 |  a,b |  10.50 | 1970-01-01 00:00:00.000 |\n|  2 | <NULL> | <NULL> | <NULL> |\n"},
	}
	for _, tc := range tests {
		var out bytes.Buffer
		w, err := NewWriter(&out, tc.f, cols, tc.loc)
		if err != nil {
			t.Fatal(err)
		}
		if err := w.Write(b); err != nil {
			t.Fatal(err)
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		if tc.f == Table {
			if !bytes.Contains(out.Bytes(), []byte("2 row(s) in set")) || !bytes.Contains(out.Bytes(), []byte("<NULL>")) {
				t.Fatalf("table output:\n%s", out.String())
			}
			continue
		}
		if out.String() != tc.want {
			t.Fatalf("%s: got\n%q\nwant\n%q", tc.f, out.String(), tc.want)
		}
	}
	if _, err := ParseFormat("xml"); err == nil {
		t.Fatal("unknown format accepted")
	}
}
