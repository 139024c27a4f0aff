package table

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/weir-data/weir/fileio"
	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// applyStep applies a stream step to a replayed state keyed by the first column.
func applyStep(t *testing.T, tbl *Table, p *StreamPlan, state map[string]string) {
	t.Helper()
	ctx := context.Background()
	if p.Full {
		clear(state)
	}
	fields := tbl.Schema().Fields
	for _, sp := range p.Splits {
		if p.Full == sp.Raw {
			t.Fatalf("snapshot %d: full=%v but split raw=%v", p.SnapshotID, p.Full, sp.Raw)
		}
		src, err := tbl.ReadSplit(ctx, sp, ReadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		err = drain(ctx, src, func(b *vec.Batch) {
			for r := 0; r < b.Len; r++ {
				cells := make([]string, len(fields))
				for c := range fields {
					s, ok := types.FormatValue(fields[c].Type, b.Cols[c].Value(r), nil)
					if !ok {
						s = "null"
					}
					cells[c] = s
				}
				switch b.Kind(r) {
				case types.Insert, types.UpdateAfter:
					state[cells[0]] = strings.Join(cells, ", ")
				case types.Delete:
					delete(state, cells[0])
				}
			}
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

func drain(ctx context.Context, src BatchSource, fn func(*vec.Batch)) error {
	defer src.Close()
	for {
		b, err := src.Next(ctx)
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		fn(b)
	}
}

func stateRows(state map[string]string) []string {
	var out []string
	for _, v := range state {
		out = append(out, v)
	}
	slices.Sort(out)
	return out
}

// A streaming scan from the latest state, replayed (upserts and deletes in
// the order of snapshots), always equals a batch read of the table — through
// updates, deletes and background compactions.
func TestStreamScanReplaysToTable(t *testing.T) {
	ctx := context.Background()
	fields := []types.Field{{Name: "k", Type: types.NewInt().NotNull()}, {Name: "v", Type: types.NewBigInt()}}
	tbl := createTable(t, fileio.NewMemory(), "s", fields, nil, []string{"k"}, map[string]string{
		"bucket": "2", "num-sorted-run.compaction-trigger": "2"})
	writeRows(t, tbl, 1, 0, []any{types.Insert, int32(1), int64(1)}, []any{types.Insert, int32(2), int64(2)})
	scan, err := tbl.NewStreamScan(ctx, StreamOptions{})
	if err != nil {
		t.Fatal(err)
	}
	state := map[string]string{}
	p, err := scan.Next(ctx)
	if err != nil || p == nil || !p.Full || p.SnapshotID != 1 {
		t.Fatalf("first step %+v %v", p, err)
	}
	applyStep(t, tbl, p, state)
	if p, err := scan.Next(ctx); err != nil || p != nil {
		t.Fatalf("caught up, got %+v %v", p, err)
	}
	rng := rand.New(rand.NewPCG(5, 6))
	model := map[int32]int64{1: 1, 2: 2}
	for c := int64(2); c <= 15; c++ {
		var rows [][]any
		for i := 0; i < 10; i++ {
			k := int32(rng.IntN(20))
			if old, ok := model[k]; ok && rng.IntN(3) == 0 {
				rows = append(rows, []any{types.Delete, k, old})
				delete(model, k)
				continue
			}
			v := int64(rng.IntN(1000))
			kind := types.Insert
			if _, ok := model[k]; ok {
				kind = types.UpdateAfter
			}
			rows = append(rows, []any{kind, k, v})
			model[k] = v
		}
		writeRows(t, tbl, c, 0, rows...)
		for {
			p, err := scan.Next(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if p == nil {
				break
			}
			applyStep(t, tbl, p, state)
		}
		checkRows(t, fmt.Sprintf("replay after commit %d", c), stateRows(state), readAll(t, tbl, ScanOptions{}, nil))
	}
}

func TestStreamScanStartModes(t *testing.T) {
	ctx := context.Background()
	fields := []types.Field{{Name: "k", Type: types.NewInt().NotNull()}, {Name: "v", Type: types.NewBigInt()}}
	tbl := createTable(t, fileio.NewMemory(), "m", fields, nil, []string{"k"}, map[string]string{"bucket": "1", "write-only": "true"})
	for c := int64(1); c <= 3; c++ {
		writeRows(t, tbl, c, 0, []any{types.Insert, int32(c), c})
	}
	steps := func(opts StreamOptions) []string {
		t.Helper()
		scan, err := tbl.NewStreamScan(ctx, opts)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for {
			p, err := scan.Next(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if p == nil {
				return out
			}
			out = append(out, fmt.Sprintf("%d/%v", p.SnapshotID, p.Full))
		}
	}
	for _, tc := range []struct {
		opts StreamOptions
		want []string
	}{
		{StreamOptions{}, []string{"3/true"}},
		{StreamOptions{Mode: "latest"}, nil},
		{StreamOptions{Mode: "from-snapshot", SnapshotID: 2}, []string{"2/false", "3/false"}},
		{StreamOptions{Mode: "from-snapshot-full", SnapshotID: 2}, []string{"2/true", "3/false"}},
	} {
		if got := steps(tc.opts); !slices.Equal(got, tc.want) {
			t.Errorf("%+v: steps %v, want %v", tc.opts, got, tc.want)
		}
	}
	if _, err := tbl.NewStreamScan(ctx, StreamOptions{Mode: "from-snapshot"}); err == nil {
		t.Fatal("from-snapshot without a snapshot id accepted")
	}
	// A stream that falls behind expiry gets a clear error, not missing files.
	scan, err := tbl.NewStreamScan(ctx, StreamOptions{Mode: "from-snapshot", SnapshotID: 1})
	if err != nil {
		t.Fatal(err)
	}
	for c := int64(4); c <= 6; c++ {
		writeRows(t, tbl, c, 0, []any{types.Insert, int32(c), c})
	}
	wo, err := tbl.WithOptions(map[string]string{"write-only": "false"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := wo.ExpireSnapshots(ctx, ExpireOptions{RetainMin: 2, TimeRetained: 1, Limit: 100}); err != nil {
		t.Fatal(err)
	}
	if _, err := scan.Next(ctx); err == nil || !strings.Contains(err.Error(), "expired before the streaming scan read it") {
		t.Fatalf("want an expiry error, got %v", err)
	}
}
