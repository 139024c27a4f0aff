package table

import (
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/weir-data/weir/fileio"
	"github.com/weir-data/weir/types"
)

// Schema changes at the storage level: every version's files read through the
// latest schema (added columns null for old rows, renames and moves by field
// id, retyped columns cast), and the table stays valid.
func TestAlterTableEvolution(t *testing.T) {
	ctx := context.Background()
	fields := []types.Field{{Name: "k", Type: types.NewInt().NotNull()}, {Name: "a", Type: types.NewInt()},
		{Name: "b", Type: types.NewString()}, {Name: "gone", Type: types.NewInt()}}
	tbl := createTable(t, fileio.NewMemory(), "alt", fields, nil, []string{"k"}, map[string]string{"bucket": "1"})
	writeRows(t, tbl, 1, 0, []any{types.Insert, int32(1), int32(10), "x", int32(7)})

	tbl, err := tbl.Alter(ctx,
		SchemaChange{Kind: AddColumn, Column: "c", Type: types.NewString(), Comment: "new", After: "k"},
		SchemaChange{Kind: RenameColumn, Column: "b", NewName: "b2"},
		SchemaChange{Kind: DropColumn, Column: "gone"},
		SchemaChange{Kind: UpdateColumnType, Column: "a", Type: types.NewBigInt()},
		SchemaChange{Kind: MoveColumn, Column: "b2", First: true},
		SchemaChange{Kind: SetOption, Key: "snapshot.num-retained.min", Value: "20"},
		SchemaChange{Kind: UpdateComment, Comment: "evolved"},
	)
	if err != nil {
		t.Fatal(err)
	}
	if tbl.Schema().ID != 1 || tbl.Schema().Comment != "evolved" || tbl.Options().SnapshotNumRetainedMin() != 20 {
		t.Fatalf("schema %d comment %q", tbl.Schema().ID, tbl.Schema().Comment)
	}
	var names []string
	for _, f := range tbl.Schema().Fields {
		names = append(names, f.Name+" "+f.Type.String())
	}
	if got := strings.Join(names, ", "); got != "b2 STRING, k INT NOT NULL, c STRING, a BIGINT" {
		t.Fatalf("fields after ALTER: %s", got)
	}
	writeRows(t, tbl, 2, 0, []any{types.Insert, "y", int32(2), "c2", int64(1) << 40})
	checkRows(t, "after alter", readAll(t, tbl, ScanOptions{}, nil), sorted("x, 1, null, 10", "y, 2, c2, 1099511627776"))
	// The old snapshot reads through the new schema too.
	checkRows(t, "snapshot 1", readAll(t, tbl, ScanOptions{SnapshotID: 1}, nil), []string{"x, 1, null, 10"})
	if err := CheckTable(ctx, tbl); err != nil {
		t.Fatal(err)
	}
	// A table opened before the change sees the new schema after reopening.
	reopened, err := Open(ctx, tbl.FileIO(), tbl.Path(), tbl.Name())
	if err != nil || reopened.Schema().ID != 1 {
		t.Fatalf("reopen: %v", err)
	}
}

func TestAlterTableRejects(t *testing.T) {
	ctx := context.Background()
	fields := []types.Field{{Name: "p", Type: types.NewInt().NotNull()}, {Name: "k", Type: types.NewInt().NotNull()},
		{Name: "v", Type: types.NewString()}}
	tbl := createTable(t, fileio.NewMemory(), "rej", fields, []string{"p"}, []string{"p", "k"}, map[string]string{"bucket": "2"})
	tests := []struct {
		name   string
		change SchemaChange
		want   string
	}{
		{"immutable option", SchemaChange{Kind: SetOption, Key: "merge-engine", Value: "aggregation"}, "'merge-engine' is not supported"},
		{"bucket rescale", SchemaChange{Kind: SetOption, Key: "bucket", Value: "4"}, "rescale"},
		{"bucket to dynamic", SchemaChange{Kind: SetOption, Key: "bucket", Value: "-1"}, "-1"},
		{"unknown option", SchemaChange{Kind: SetOption, Key: "buckett", Value: "1"}, "buckett"},
		{"drop primary key", SchemaChange{Kind: DropColumn, Column: "k"}, "primary key"},
		{"rename partition", SchemaChange{Kind: RenameColumn, Column: "p", NewName: "q"}, "partition"},
		{"add existing", SchemaChange{Kind: AddColumn, Column: "v", Type: types.NewInt()}, "already exists"},
		{"add not null", SchemaChange{Kind: AddColumn, Column: "w", Type: types.NewInt().NotNull()}, "NOT NULL"},
		{"retype key", SchemaChange{Kind: UpdateColumnType, Column: "k", Type: types.NewBigInt().NotNull()}, "primary key"},
		{"no cast", SchemaChange{Kind: UpdateColumnType, Column: "v", Type: types.NewTimestamp(3)}, "no cast"},
		{"to not null", SchemaChange{Kind: UpdateColumnType, Column: "v", Type: types.NewString().NotNull()}, "NOT NULL"},
		{"missing column", SchemaChange{Kind: DropColumn, Column: "nope"}, "does not exist"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tbl.Alter(ctx, tc.change)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want an error containing %q", err, tc.want)
			}
		})
	}
	// Nothing was written.
	if ids, _ := tbl.schemas.IDs(ctx); len(ids) != 1 {
		t.Fatalf("failed ALTERs wrote schemas %v", ids)
	}
}

// Concurrent ALTERs each land as their own schema version.
func TestAlterTableConcurrent(t *testing.T) {
	ctx := context.Background()
	tbl := createTable(t, fileio.NewMemory(), "conc", []types.Field{{Name: "k", Type: types.NewInt().NotNull()}}, nil, []string{"k"}, map[string]string{"bucket": "1"})
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			_, err := tbl.Alter(ctx, SchemaChange{Kind: AddColumn, Column: string(rune('a' + i)), Type: types.NewInt()})
			errs <- err
		}(i)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	latest, err := Open(ctx, tbl.FileIO(), tbl.Path(), tbl.Name())
	if err != nil {
		t.Fatal(err)
	}
	if latest.Schema().ID != 4 || len(latest.Schema().Fields) != 5 || latest.Schema().HighestFieldID != 4 {
		t.Fatalf("after 4 concurrent ALTERs: schema %d with %d fields, highest id %d", latest.Schema().ID, len(latest.Schema().Fields), latest.Schema().HighestFieldID)
	}
}
