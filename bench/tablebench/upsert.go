package tablebench

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/weir-data/weir/fileio"
	"github.com/weir-data/weir/paimon/catalog"
	"github.com/weir-data/weir/paimon/table"
)

// UpsertResult is the outcome of a sustained upsert run.
type UpsertResult struct {
	Rows     int64
	Duration time.Duration
	// MaxStall is the longest single Write or Prepare+Commit call: the worst
	// pause a writer saw (waiting for compaction at the stop trigger included).
	MaxStall time.Duration
	// MaxRuns is the largest number of sorted runs the bucket had after a commit.
	MaxRuns  int
	Compacts int
	Commits  int64
}

// RowsPerSecond is Rows / Duration.
func (r UpsertResult) RowsPerSecond() float64 { return float64(r.Rows) / r.Duration.Seconds() }

// Upsert writes rows random-key upserts (keys in [0, keys)) of an INT key and
// 20 STRING(10) columns into one bucket of a primary-key table in dir, with a
// commit every commitEvery rows (a checkpoint) and the writer's background
// compaction on.
func Upsert(ctx context.Context, dir string, rows, keys, commitEvery int) (UpsertResult, error) {
	var res UpsertResult
	fio, err := fileio.NewLocal(dir)
	if err != nil {
		return res, err
	}
	cat := catalog.New(fio)
	if err := cat.CreateDatabase(ctx, "bench", true); err != nil {
		return res, err
	}
	t, err := cat.CreateTable(ctx, catalog.Identifier{Database: "bench", Table: "upsert"}, catalog.TableSpec{
		Columns: Columns(), PrimaryKeys: []string{"k"}, Options: map[string]string{"bucket": "1"},
	}, false)
	if err != nil {
		return res, err
	}
	w, err := t.NewWriter(ctx, table.WriterOptions{CommitUser: "upsert"})
	if err != nil {
		return res, err
	}
	defer w.Close(ctx)
	const batch = 4096
	// A pool of generated rows, reused with fresh random keys for every batch
	// (Write copies what it buffers), so that generating data is not timed.
	pool := GenerateBatches(32*batch, batch, int32(keys), 99)
	rng := rand.New(rand.NewPCG(uint64(rows), uint64(keys)))
	start := time.Now()
	var id int64
	pending := 0
	for done := 0; done < rows; {
		n := min(batch, rows-done)
		b := pool[(done/batch)%len(pool)]
		if n < b.Len {
			b = b.Slice(0, n)
		}
		for i := range b.Cols[0].I32 {
			b.Cols[0].I32[i] = rng.Int32N(int32(keys))
		}
		t0 := time.Now()
		if err := w.Write(ctx, b); err != nil {
			return res, err
		}
		res.MaxStall = max(res.MaxStall, time.Since(t0))
		done += n
		pending += n
		if pending >= commitEvery || done == rows {
			pending = 0
			id++
			t0 := time.Now()
			msgs, err := w.Prepare(ctx)
			if err != nil {
				return res, err
			}
			cr, err := t.Commit(ctx, "upsert", table.Committable{Identifier: id, Messages: msgs})
			if err != nil {
				return res, err
			}
			res.MaxStall = max(res.MaxStall, time.Since(t0))
			if len(cr.SnapshotIDs) > 1 {
				res.Compacts++
			}
			plan, err := t.PlanFiles(ctx, table.ScanOptions{})
			if err != nil {
				return res, err
			}
			for _, sp := range plan.Splits {
				res.MaxRuns = max(res.MaxRuns, sortedRuns(sp))
			}
		}
	}
	res.Duration = time.Since(start)
	res.Rows = int64(rows)
	res.Commits = id
	return res, nil
}

// sortedRuns counts a split's sorted runs: each level-0 file, plus each
// non-empty higher level.
func sortedRuns(sp table.Split) int {
	n := 0
	levels := map[int32]bool{}
	for _, f := range sp.Files {
		if f.Level == 0 {
			n++
		} else if !levels[f.Level] {
			levels[f.Level] = true
			n++
		}
	}
	return n
}

// FormatUpsert renders an upsert result.
func FormatUpsert(r UpsertResult) string {
	return fmt.Sprintf("%d rows in %.1f s = %.0f rows/s; longest stall %s; at most %d sorted runs; %d commits, %d with a compaction",
		r.Rows, r.Duration.Seconds(), r.RowsPerSecond(), r.MaxStall.Round(time.Millisecond), r.MaxRuns, r.Commits, r.Compacts)
}
