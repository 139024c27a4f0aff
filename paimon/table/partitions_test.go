package table

import (
	"context"
	"testing"
	"time"

	"github.com/weir-data/weir/fileio"
	"github.com/weir-data/weir/paimon/snapshot"
	"github.com/weir-data/weir/types"
)

func TestExpirePartitions(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2024, 6, 10, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name  string
		part  []types.Field
		opts  map[string]string
		rows  [][]any // partition values..., k
		kept  []string
		drops int
	}{
		{"default first field", []types.Field{{Name: "dt", Type: types.NewString().NotNull()}},
			map[string]string{"partition.expiration-time": "30 d"},
			[][]any{{"2024-01-01", int32(1)}, {"2024-06-01", int32(2)}, {"not-a-date", int32(3)}},
			[]string{"2024-06-01, 2", "not-a-date, 3"}, 1},
		{"pattern and formatter", []types.Field{{Name: "day", Type: types.NewString().NotNull()}, {Name: "hour", Type: types.NewString().NotNull()}},
			map[string]string{"partition.expiration-time": "2 d", "partition.timestamp-pattern": "$day $hour:00:00",
				"partition.timestamp-formatter": "yyyyMMdd HH:mm:ss"},
			[][]any{{"20240607", "23", int32(1)}, {"20240608", "13", int32(2)}, {"20240610", "01", int32(3)}},
			[]string{"20240608, 13, 2", "20240610, 01, 3"}, 1},
		{"date typed partition", []types.Field{{Name: "d", Type: types.NewDate().NotNull()}},
			map[string]string{"partition.expiration-time": "7 d"},
			[][]any{{int32(19800), int32(1)}, {int32(19883), int32(2)}}, // 2024-03-19 and 2024-06-09
			[]string{"2024-06-09, 2"}, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fields := append(append([]types.Field{}, tc.part...), types.Field{Name: "k", Type: types.NewInt().NotNull()})
			var partNames, pk []string
			for _, f := range tc.part {
				partNames = append(partNames, f.Name)
			}
			pk = append(append(pk, partNames...), "k")
			opts := map[string]string{"bucket": "1", "write-only": "true"}
			for k, v := range tc.opts {
				opts[k] = v
			}
			tbl := createTable(t, fileio.NewMemory(), "pe", fields, partNames, pk, opts)
			for i, r := range tc.rows {
				writeRows(t, tbl, int64(i+1), 0, append([]any{types.Insert}, r...))
			}
			dropped, err := tbl.ExpirePartitions(ctx, now)
			if err != nil {
				t.Fatal(err)
			}
			if len(dropped) != tc.drops {
				t.Fatalf("dropped %v, want %d partitions", dropped, tc.drops)
			}
			checkRows(t, "kept", readAll(t, tbl, ScanOptions{}, nil), sorted(tc.kept...))
			s, err := tbl.Snapshots().Latest(ctx)
			if err != nil || s.CommitKind != snapshot.Overwrite {
				t.Fatalf("latest snapshot %+v %v, want an OVERWRITE", s, err)
			}
			if err := CheckTable(ctx, tbl); err != nil {
				t.Fatal(err)
			}
			// Nothing more to expire.
			if again, err := tbl.ExpirePartitions(ctx, now); err != nil || len(again) != 0 {
				t.Fatalf("second run dropped %v %v", again, err)
			}
		})
	}
}

// With partition.expiration-time set, commits expire old partitions by
// themselves (once per check interval).
func TestPartitionExpiryAfterCommit(t *testing.T) {
	fields := []types.Field{{Name: "dt", Type: types.NewString().NotNull()}, {Name: "k", Type: types.NewInt().NotNull()}}
	tbl := createTable(t, fileio.NewMemory(), "auto", fields, []string{"dt"}, []string{"dt", "k"},
		map[string]string{"bucket": "1", "partition.expiration-time": "1 d", "partition.expiration-check-interval": "1 ms"})
	writeRows(t, tbl, 1, 0, []any{types.Insert, "2000-01-01", int32(1)})
	today := time.Now().UTC().Format("2006-01-02")
	time.Sleep(2 * time.Millisecond)
	writeRows(t, tbl, 2, 0, []any{types.Insert, today, int32(2)})
	checkRows(t, "after commits", readAll(t, tbl, ScanOptions{}, nil), []string{today + ", 2"})
}
