package connector

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/weir-data/weir/engine/batch"
	"github.com/weir-data/weir/types"
)

type fakeFactory struct{ name string }

func (f fakeFactory) Name() string { return f.name }
func (f fakeFactory) OptionKeys() []OptionSpec {
	return []OptionSpec{
		{Key: "rows-per-second", Default: "10000"},
		{Key: "path", Required: true},
		{Key: "fields.#.kind", Default: "random"},
	}
}
func (f fakeFactory) Validate(t TableInfo) error {
	if err := CheckKeys(f.name, f.OptionKeys(), t); err != nil {
		return err
	}
	o := NewOptions(f.name, t)
	o.Int("rows-per-second", 10000, 1, 1<<62)
	return o.Err()
}
func (f fakeFactory) NewSource(context.Context, TableInfo, SourceRequest) (batch.Operator, error) {
	return nil, ErrNotSource
}
func (f fakeFactory) NewSink(context.Context, TableInfo, SinkRequest) (Sink, error) {
	return nil, ErrNotSink
}

func TestLookup(t *testing.T) {
	r := NewRegistry()
	r.Register(fakeFactory{"datagen"})
	r.Register(fakeFactory{"filesystem"})
	for _, tc := range []struct{ name, want string }{
		{"datagen", ""},
		{"kafak", "unknown connector 'kafak' (did you mean kafka?)"},
		{"datagn", "unknown connector 'datagn' (did you mean datagen?)"},
		{"kafka", "connector 'kafka' is not available in Weir yet (available: [datagen filesystem])"},
		{"zzzzzzzz", "unknown connector 'zzzzzzzz' (available: [datagen filesystem])"},
		{"Datagen", "unknown connector 'Datagen' (did you mean datagen?)"},
	} {
		f, err := r.Lookup(tc.name)
		if tc.want == "" {
			if err != nil || f.Name() != tc.name {
				t.Errorf("Lookup(%q) = %v, %v", tc.name, f, err)
			}
			continue
		}
		if err == nil || err.Error() != tc.want {
			t.Errorf("Lookup(%q) error = %v, want %s", tc.name, err, tc.want)
		}
	}
	if got := r.Names(); strings.Join(got, ",") != "datagen,filesystem" {
		t.Errorf("Names() = %v", got)
	}
}

func TestRegisterDuplicatePanics(t *testing.T) {
	r := NewRegistry()
	r.Register(fakeFactory{"x"})
	defer func() {
		if recover() == nil {
			t.Fatal("no panic on duplicate")
		}
	}()
	r.Register(fakeFactory{"x"})
}

func TestValidateMessages(t *testing.T) {
	r := NewRegistry()
	r.Register(fakeFactory{"datagen"})
	cols := []Column{{Name: "id", Type: types.NewInt()}, {Name: "name", Type: types.NewString()}}
	for _, tc := range []struct {
		opts map[string]string
		want string
	}{
		{map[string]string{"connector": "datagen", "path": "/x"}, ""},
		{map[string]string{"connector": "datagen", "path": "/x", "property-version": "1", "fields.id.kind": "sequence"}, ""},
		{map[string]string{"connector": "datagen", "path": "/x", "rows-per-sec0": "1"},
			"unknown option 'rows-per-sec0' for connector datagen of table db.t (did you mean rows-per-second?)"},
		{map[string]string{"connector": "datagen", "path": "/x", "fields.idd.kind": "random"},
			"unknown option 'fields.idd.kind' for connector datagen of table db.t (did you mean fields.id.kind?)"},
		{map[string]string{"connector": "datagen"},
			"missing required option 'path' for connector datagen of table db.t"},
		{map[string]string{"connector": "datagen", "path": "/x", "rows-per-second": "fast"},
			"invalid value 'fast' for option 'rows-per-second' of connector datagen (table db.t): expected an integer from 1 to 4611686018427387904"},
		{map[string]string{"connector": "datagen", "bogus-thing-entirely": "1"},
			"unknown option 'bogus-thing-entirely' for connector datagen of table db.t\n" +
				"missing required option 'path' for connector datagen of table db.t"},
		{map[string]string{"path": "/x"}, "table db.t has no 'connector' option: add WITH ('connector' = '...')"},
		{map[string]string{"connector": "datagem"}, "table db.t: unknown connector 'datagem' (did you mean datagen?)"},
	} {
		_, err := r.Validate(TableInfo{Name: "db.t", Columns: cols, Options: tc.opts})
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != tc.want {
			t.Errorf("Validate(%v):\n got %s\nwant %s", tc.opts, got, tc.want)
		}
	}
}

func TestParseDurationAndSize(t *testing.T) {
	for in, want := range map[string]time.Duration{
		"10 s": 10 * time.Second, "5min": 5 * time.Minute, "100": 100 * time.Millisecond,
		"1 h": time.Hour, "2d": 48 * time.Hour, "7 ms": 7 * time.Millisecond,
	} {
		if got, err := ParseDuration(in); err != nil || got != want {
			t.Errorf("ParseDuration(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "s", "10 parsecs", "99999999999999999999 d", "-1 s"} {
		if _, err := ParseDuration(bad); err == nil {
			t.Errorf("ParseDuration(%q) succeeded", bad)
		}
	}
	for in, want := range map[string]int64{"128MB": 128 << 20, "1 gb": 1 << 30, "512k": 512 << 10, "100": 100} {
		if got, err := ParseMemorySize(in); err != nil || got != want {
			t.Errorf("ParseMemorySize(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "mb", "1 xb", "99999999999 tb"} {
		if _, err := ParseMemorySize(bad); err == nil {
			t.Errorf("ParseMemorySize(%q) succeeded", bad)
		}
	}
}

func TestOptionsAccessors(t *testing.T) {
	o := NewOptions("c", TableInfo{Name: "t", Options: map[string]string{
		"b": "TRUE", "e": "iso-8601", "ch": `\t`, "bad-ch": "ab", "f": "0.5", "bad-f": "NaN",
	}})
	if !o.Bool("b", false) || o.Enum("e", "SQL", "SQL", "ISO-8601") != "ISO-8601" || o.Char("ch", ',') != '\t' ||
		o.Float("f", 0, 0, 1) != 0.5 || o.Bool("missing", true) != true {
		t.Error("accessors returned wrong values")
	}
	if o.Err() != nil {
		t.Fatal(o.Err())
	}
	o.Char("bad-ch", ',')
	o.Float("bad-f", 0, 0, 1)
	want := "invalid value 'ab' for option 'bad-ch' of connector c (table t): expected a single character, e.g. ',' or '\\t'\n" +
		"invalid value 'NaN' for option 'bad-f' of connector c (table t): expected a number from 0 to 1"
	if err := o.Err(); err == nil || err.Error() != want {
		t.Errorf("got %v\nwant %s", err, want)
	}
}
