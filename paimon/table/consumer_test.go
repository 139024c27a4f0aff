package table

import (
	"context"
	"testing"
	"time"

	"github.com/weir-data/weir/fileio"
	"github.com/weir-data/weir/types"
)

// A consumer pins the snapshot a streaming job reads next: expiry keeps it, so
// the job never finds it gone (seed 000's "snapshot no such file"); a
// restarted scan with the same consumer id resumes there.
func TestConsumerPinsSnapshots(t *testing.T) {
	ctx := context.Background()
	fields := []types.Field{{Name: "k", Type: types.NewInt().NotNull()}, {Name: "v", Type: types.NewBigInt()}}
	tbl := createTable(t, fileio.NewMemory(), "cons", fields, nil, []string{"k"}, map[string]string{"bucket": "1", "write-only": "true"})
	writeRows(t, tbl, 1, 0, []any{types.Insert, int32(1), int64(1)})
	scan, err := tbl.NewStreamScan(ctx, StreamOptions{ConsumerID: "job-1"})
	if err != nil {
		t.Fatal(err)
	}
	if p, err := scan.Next(ctx); err != nil || p == nil || !p.Full {
		t.Fatalf("full step %+v %v", p, err)
	}
	if err := scan.Checkpoint(ctx); err != nil {
		t.Fatal(err)
	}
	if next, ok, err := tbl.Consumer(ctx, "job-1"); err != nil || !ok || next != 2 {
		t.Fatalf("consumer position %d %v %v", next, ok, err)
	}
	for c := int64(2); c <= 6; c++ {
		writeRows(t, tbl, c, 0, []any{types.Insert, int32(c), c})
	}
	// Aggressive expiry: without the consumer everything but snapshot 6 would go.
	expire := func() {
		t.Helper()
		if _, err := tbl.ExpireSnapshots(ctx, ExpireOptions{RetainMin: 1, TimeRetained: time.Nanosecond, Now: time.Now().Add(time.Hour), Limit: 100}); err != nil {
			t.Fatal(err)
		}
	}
	expire()
	if earliest, _, _ := tbl.Snapshots().EarliestID(ctx); earliest != 2 {
		t.Fatalf("earliest %d: the consumer's next snapshot 2 was expired", earliest)
	}
	// The job reads on without a missing snapshot; a restart resumes.
	if p, err := scan.Next(ctx); err != nil || p == nil || p.SnapshotID != 2 {
		t.Fatalf("next step %+v %v", p, err)
	}
	if err := scan.Checkpoint(ctx); err != nil {
		t.Fatal(err)
	}
	restarted, err := tbl.NewStreamScan(ctx, StreamOptions{ConsumerID: "job-1"})
	if err != nil {
		t.Fatal(err)
	}
	if p, err := restarted.Next(ctx); err != nil || p == nil || p.Full || p.SnapshotID != 3 {
		t.Fatalf("restarted scan's first step %+v %v", p, err)
	}
	// Once the consumer is gone, its snapshots expire.
	if err := tbl.DeleteConsumer(ctx, "job-1"); err != nil {
		t.Fatal(err)
	}
	expire()
	if earliest, _, _ := tbl.Snapshots().EarliestID(ctx); earliest != 6 {
		t.Fatalf("earliest %d after the consumer left, want 6", earliest)
	}
}
