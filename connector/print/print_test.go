package print

import (
	"bytes"
	"context"
	"testing"

	"github.com/weir-data/weir/connector"
	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

func TestPrintLines(t *testing.T) {
	ctx := context.Background()
	cols := []connector.Column{
		{Name: "b", Type: types.NewBoolean()}, {Name: "i", Type: types.NewInt()}, {Name: "s", Type: types.NewString()},
		{Name: "d", Type: types.NewDecimal(10, 2)}, {Name: "tiny", Type: types.NewDecimal(10, 8)}, {Name: "big", Type: types.NewDecimal(30, 3)},
		{Name: "f", Type: types.NewFloat()}, {Name: "db", Type: types.NewDouble()},
		{Name: "dt", Type: types.NewDate()}, {Name: "tm", Type: types.NewTime(3)},
		{Name: "ts", Type: types.NewTimestamp(6)}, {Name: "ltz", Type: types.NewTimestampLTZ(3)}, {Name: "bin", Type: types.NewBytes()},
	}
	tbl := connector.TableInfo{Name: "db.t", Columns: cols, Options: map[string]string{"connector": "print", "print-identifier": "out"}}
	var out bytes.Buffer
	f := &Factory{Stdout: &out}
	s, err := f.NewSink(ctx, tbl, connector.SinkRequest{})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := vec.NewBatch(tbl.Types(), 2)
	big, _ := types.ParseDecimal("-1234567890123456789012.5", 30, 3)
	if err := b.AppendRow(types.Insert, true, int32(-7), "héllo", types.DecimalFromInt64(12345), types.DecimalFromInt64(5),
		big, float32(1.5), 1e7, int32(19000), int32(45296000), types.Timestamp{Millis: 1700000000123, NanoOfMilli: 456000},
		types.Timestamp{Millis: 1700000000000}, []byte{1, 0xfe}); err != nil {
		t.Fatal(err)
	}
	if err := b.AppendRow(types.UpdateBefore, nil, nil, nil, nil, nil, nil, nil, nil, nil, int32(3600000), types.Timestamp{Millis: 0}, nil, []byte{}); err != nil {
		t.Fatal(err)
	}
	if err := s.Write(ctx, b); err != nil {
		t.Fatal(err)
	}
	if err := s.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	want := "out> +I[true, -7, héllo, 123.45, 5E-8, -1234567890123456789012.500, 1.5, 1.0E7, 2022-01-08, 12:34:56, 2023-11-14T22:13:20.123456, 2023-11-14T22:13:20Z, [1, -2]]\n" +
		"out> -U[null, null, null, null, null, null, null, null, null, 01:00, 1970-01-01T00:00, null, []]\n"
	if out.String() != want {
		t.Errorf("got\n%swant\n%s", out.String(), want)
	}
}

func TestPrintPrefixAndOptions(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		opts    map[string]string
		want    string
		wantErr string
	}{
		{map[string]string{}, "+I[1]\n", ""},
		{map[string]string{"sink.parallelism": "2"}, "1> +I[1]\n", ""},
		{map[string]string{"sink.parallelism": "2", "print-identifier": "x"}, "x:1> +I[1]\n", ""},
		{map[string]string{"standard-error": "true"}, "", ""},
		{map[string]string{"standard-error": "yes"}, "", "invalid value 'yes' for option 'standard-error' of connector print (table db.t): expected 'true' or 'false'"},
		{map[string]string{"sink.parallelism": "0"}, "", "invalid value '0' for option 'sink.parallelism' of connector print (table db.t): expected an integer from 1 to 2147483647"},
		{map[string]string{"print-identifer": "x"}, "", "unknown option 'print-identifer' for connector print of table db.t (did you mean print-identifier?)"},
	} {
		tc.opts["connector"] = "print"
		tbl := connector.TableInfo{Name: "db.t", Columns: []connector.Column{{Name: "a", Type: types.NewInt()}}, Options: tc.opts}
		var out, errOut bytes.Buffer
		s, err := (&Factory{Stdout: &out, Stderr: &errOut}).NewSink(ctx, tbl, connector.SinkRequest{})
		if tc.wantErr != "" {
			if err == nil || err.Error() != tc.wantErr {
				t.Errorf("%v: error %v, want %s", tc.opts, err, tc.wantErr)
			}
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		b, _ := vec.NewBatch(tbl.Types(), 1)
		b.AppendRow(types.Insert, int32(1))
		if err := s.Write(ctx, b); err != nil {
			t.Fatal(err)
		}
		s.Close()
		if out.String() != tc.want {
			t.Errorf("%v: got %q, want %q", tc.opts, out.String(), tc.want)
		}
		if tc.opts["standard-error"] == "true" && errOut.String() != "+I[1]\n" {
			t.Errorf("stderr got %q", errOut.String())
		}
	}
}
