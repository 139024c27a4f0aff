package partition

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/weir-data/weir/internal/fixture"
	"github.com/weir-data/weir/types"
)

func legacy() Options    { return DefaultOptions() }
func nonLegacy() Options { o := DefaultOptions(); o.Legacy = false; return o }

func TestPathOf(t *testing.T) {
	dt := types.NewDate()
	ts0 := types.Timestamp{Millis: 1767268800000} // 2026-01-01T12:00:00Z
	tests := []struct {
		name  string
		types []types.DataType
		value any
		opts  Options
		want  string
	}{
		{"int", []types.DataType{types.NewInt()}, int32(10), legacy(), "k=10/"},
		{"negative bigint", []types.DataType{types.NewBigInt()}, int64(-5), legacy(), "k=-5/"},
		{"bool", []types.DataType{types.NewBoolean()}, true, legacy(), "k=true/"},
		{"tinyint", []types.DataType{types.NewTinyInt()}, int8(-1), legacy(), "k=-1/"},
		{"smallint", []types.DataType{types.NewSmallInt()}, int16(300), legacy(), "k=300/"},
		{"float", []types.DataType{types.NewFloat()}, float32(1.5), legacy(), "k=1.5/"},
		{"double exponent", []types.DataType{types.NewDouble()}, 1e7, legacy(), "k=1.0E7/"},
		{"decimal plain", []types.DataType{types.NewDecimal(10, 3)}, types.DecimalFromInt64(-1500), legacy(), "k=-1.500/"},
		{"decimal small", []types.DataType{types.NewDecimal(10, 3)}, types.DecimalFromInt64(5), legacy(), "k=0.005/"},
		{"string escaped", []types.DataType{types.NewString()}, "a/b:c", legacy(), "k=a%2Fb%3Ac/"},
		{"char", []types.DataType{types.NewChar(2)}, "ab", legacy(), "k=ab/"},
		{"date legacy epoch days", []types.DataType{dt}, int32(19415), legacy(), "k=19415/"},
		{"date non-legacy", []types.DataType{dt}, int32(19415), nonLegacy(), "k=2023-02-27/"},
		{"time legacy", []types.DataType{types.NewTime(0)}, int32(3_600_000), legacy(), "k=3600000/"},
		{"time non-legacy", []types.DataType{types.NewTime(0)}, int32(3_600_000), nonLegacy(), "k=01%3A00%3A00/"},
		{"timestamp legacy no seconds", []types.DataType{types.NewTimestamp(3)}, ts0, legacy(), "k=2026-01-01T12%3A00/"},
		{"timestamp legacy millis", []types.DataType{types.NewTimestamp(3)}, types.Timestamp{Millis: 1767268805120}, legacy(), "k=2026-01-01T12%3A00%3A05.120/"},
		{"timestamp legacy micros", []types.DataType{types.NewTimestamp(6)}, types.Timestamp{Millis: 1767268800000, NanoOfMilli: 1000}, legacy(), "k=2026-01-01T12%3A00%3A00.000001/"},
		{"timestamp legacy nanos", []types.DataType{types.NewTimestamp(9)}, types.Timestamp{Millis: 1767268800000, NanoOfMilli: 1}, legacy(), "k=2026-01-01T12%3A00%3A00.000000001/"},
		{"timestamp legacy pre-epoch", []types.DataType{types.NewTimestamp(3)}, types.Timestamp{Millis: -1}, legacy(), "k=1969-12-31T23%3A59%3A59.999/"},
		{"timestamp legacy year 1", []types.DataType{types.NewTimestamp(3)}, types.Timestamp{Millis: -62135596800000}, legacy(), "k=0001-01-01T00%3A00/"},
		{"timestamp legacy year 10000", []types.DataType{types.NewTimestamp(3)}, types.Timestamp{Millis: 253402300800000}, legacy(), "k=+10000-01-01T00%3A00/"},
		{"timestamp non-legacy", []types.DataType{types.NewTimestamp(3)}, ts0, nonLegacy(), "k=2026-01-01 12%3A00%3A00.000/"},
		{"timestamp non-legacy p0", []types.DataType{types.NewTimestamp(0)}, ts0, nonLegacy(), "k=2026-01-01 12%3A00%3A00/"},
		{"timestamp_ltz non-legacy zone", []types.DataType{types.NewTimestampLTZ(0)}, ts0,
			Options{Location: time.FixedZone("UTC+8", 8*3600)}, "k=2026-01-01 20%3A00%3A00/"},
		{"binary non-legacy", []types.DataType{types.NewBytes()}, []byte("raw"), nonLegacy(), "k=raw/"},
		{"null", []types.DataType{types.NewInt()}, nil, legacy(), "k=__DEFAULT_PARTITION__/"},
		{"empty string", []types.DataType{types.NewString()}, "", legacy(), "k=__DEFAULT_PARTITION__/"},
		{"blank string", []types.DataType{types.NewString()}, " \t\u3000", legacy(), "k=__DEFAULT_PARTITION__/"},
		{"no-break space is not blank", []types.DataType{types.NewString()}, "\u00a0", legacy(), "k=\u00a0/"},
		{"custom default name", []types.DataType{types.NewString()}, nil, Options{DefaultName: "__HIVE_DEFAULT_PARTITION__", Legacy: true}, "k=__HIVE_DEFAULT_PARTITION__/"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := PathOf([]string{"k"}, tc.types, []any{tc.value}, tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("PathOf = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestPathOfErrors(t *testing.T) {
	tests := []struct {
		name   string
		names  []string
		types  []types.DataType
		values []any
		opts   Options
	}{
		{"length mismatch", []string{"a"}, nil, nil, legacy()},
		{"type mismatch", []string{"a"}, []types.DataType{types.NewInt()}, []any{int64(1)}, legacy()},
		{"legacy binary", []string{"a"}, []types.DataType{types.NewBytes()}, []any{[]byte("x")}, legacy()},
		{"empty key", []string{""}, []types.DataType{types.NewInt()}, []any{int32(1)}, legacy()},
		{"nested type", []string{"a"}, []types.DataType{{Root: types.Array}}, []any{int32(1)}, legacy()},
		{"bad timestamp", []string{"a"}, []types.DataType{types.NewTimestamp(9)}, []any{types.Timestamp{NanoOfMilli: -1}}, legacy()},
	}
	for _, tc := range tests {
		if _, err := PathOf(tc.names, tc.types, tc.values, tc.opts); err == nil {
			t.Errorf("%s: PathOf succeeded", tc.name)
		}
	}
}

func TestMultipleKeysAndEmpty(t *testing.T) {
	got, err := PathOf([]string{"key0", "key1"}, []types.DataType{types.NewInt(), types.NewInt()}, []any{int32(0), int32(1)}, legacy())
	if err != nil || got != "key0=0/key1=1/" {
		t.Errorf("PathOf = %q, %v", got, err)
	}
	if got, err := PathOf(nil, nil, nil, legacy()); err != nil || got != "" {
		t.Errorf("unpartitioned PathOf = %q, %v", got, err)
	}
}

func TestParse(t *testing.T) {
	tests := []struct {
		path string
		want []KV
	}{
		{"f1=10", []KV{{"f1", "10"}}},
		{"/key0=0/key1=1/", []KV{{"key0", "0"}, {"key1", "1"}}},
		{"dt=2026-01-01T12%3A00/", []KV{{"dt", "2026-01-01T12:00"}}},
		{"a=b=c", []KV{{"a=b", "c"}}},
		{"a=b=", []KV{{"a", "b="}}},
		{"", nil},
	}
	for _, tc := range tests {
		got, err := Parse(tc.path)
		if err != nil {
			t.Errorf("Parse(%q): %v", tc.path, err)
			continue
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("Parse(%q) = %v, want %v", tc.path, got, tc.want)
		}
	}
	for _, bad := range []string{"noequals", "=v", "k=", "=", "ok=1/bad"} {
		if _, err := Parse(bad); err == nil {
			t.Errorf("Parse(%q) succeeded", bad)
		}
	}
}

func TestRoundTrip(t *testing.T) {
	kvs := []KV{{"we:ird/key", "va=lue%?"}, {"k2", "ok"}}
	p, err := Path(kvs)
	if err != nil {
		t.Fatal(err)
	}
	back, err := Parse(p)
	if err != nil || !slices.Equal(back, kvs) {
		t.Errorf("Parse(Path(kvs)) = %v, %v", back, err)
	}
}

// Every partition directory in the Java-written fixture tables (INT partition
// keys) is what PathOf spells for its values.
func TestFixtureDirectories(t *testing.T) {
	tables := map[string][]string{
		"pk_09":                         {"f1"},
		"append_09":                     {"f1"},
		"append_complex_data":           {"f1"},
		"pk_table_scan_and_read_mor":    {"f1"},
		"append_table_with_alter_table": {"key0", "key1"},
		"pk_table_with_alter_table":     {"key0", "key1"},
	}
	for table, keys := range tables {
		root := fixture.Path(t, "parquet", table+".db", table)
		var leaves []string
		err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(root, p)
			if d.IsDir() && strings.Count(rel, "=") == len(keys) && strings.Count(rel, "/") == len(keys)-1 {
				leaves = append(leaves, filepath.ToSlash(rel)+"/")
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(leaves) == 0 {
			t.Fatalf("%s: no partition directories found", table)
		}
		for _, leaf := range leaves {
			kvs, err := Parse(leaf)
			if err != nil {
				t.Fatalf("%s: %v", table, err)
			}
			ts := make([]types.DataType, len(kvs))
			vals := make([]any, len(kvs))
			names := make([]string, len(kvs))
			for i, kv := range kvs {
				n, err := strconv.ParseInt(kv.Value, 10, 32)
				if err != nil {
					t.Fatalf("%s %s: %v", table, leaf, err)
				}
				names[i], ts[i], vals[i] = kv.Key, types.NewInt(), int32(n)
			}
			if !slices.Equal(names, keys) {
				t.Errorf("%s %s: keys %v, want %v", table, leaf, names, keys)
			}
			got, err := PathOf(names, ts, vals, DefaultOptions())
			if err != nil || got != leaf {
				t.Errorf("%s: PathOf = %q (%v), directory %q", table, got, err, leaf)
			}
		}
	}
}
