package cdc

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/weir-data/weir/connector"
	"github.com/weir-data/weir/types"
)

func TestValidate(t *testing.T) {
	cols := []connector.Column{{Name: "id", Type: types.NewBigInt()}}
	base := map[string]string{"connector": "postgres-cdc", "hostname": "h", "username": "u", "password": "p",
		"database-name": "d", "schema-name": "s", "table-name": "t"}
	with := func(kv ...string) map[string]string {
		m := map[string]string{}
		for k, v := range base {
			m[k] = v
		}
		for i := 0; i+1 < len(kv); i += 2 {
			if kv[i+1] == "" {
				delete(m, kv[i])
			} else {
				m[kv[i]] = kv[i+1]
			}
		}
		return m
	}
	tests := []struct {
		name string
		opts map[string]string
		want string // "" = valid
	}{
		{"minimal", base, ""},
		{"debezium pass-through", with("debezium.slot.name", "s1", "debezium.snapshot.mode", "never", "decoding.plugin.name", "wal2json"), ""},
		{"typo", with("hostnme", "x"), "unknown option 'hostnme' for connector postgres-cdc of table db.t (did you mean hostname?)"},
		{"missing", with("schema-name", ""), "missing required option 'schema-name'"},
		{"bare prefix", with("debezium.", "x"), "unknown option 'debezium.'"},
	}
	f, err := connector.Lookup("postgres-cdc")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range tests {
		err := f.Validate(connector.TableInfo{Name: "db.t", Columns: cols, Options: tc.opts})
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%s: %v", tc.name, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("%s: got %v, want %q", tc.name, err, tc.want)
		}
	}
	// Values are checked when the table is read, as Flink does.
	for opts, want := range map[*map[string]string]string{
		ptr(with("port", "端口号")):                   "invalid value '端口号' for option 'port'",
		ptr(with("scan.startup.mode", "earliest")): "expected one of initial, latest-offset, committed-offset, snapshot",
	} {
		ti := connector.TableInfo{Name: "db.t", Columns: cols, Options: *opts}
		if err := f.Validate(ti); err != nil {
			t.Errorf("Validate checks values: %v", err)
		}
		if _, err := f.NewSource(context.Background(), ti, connector.SourceRequest{}); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("NewSource: %v, want %q", err, want)
		}
	}
	ti := connector.TableInfo{Name: "db.t", Columns: cols, Options: base}
	if _, err := f.NewSource(context.Background(), ti, connector.SourceRequest{Bounded: true}); !errors.Is(err, connector.ErrNotSource) {
		t.Errorf("NewSource: %v", err)
	}
	if _, err := f.NewSink(context.Background(), ti, connector.SinkRequest{}); !errors.Is(err, connector.ErrNotSink) {
		t.Errorf("NewSink: %v", err)
	}
	for _, n := range []string{"mysql-cdc", "sqlserver-cdc"} {
		if _, err := connector.Lookup(n); err != nil {
			t.Errorf("%s: %v", n, err)
		}
	}
}

func ptr[T any](v T) *T { return &v }
