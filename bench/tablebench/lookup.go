package tablebench

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/weir-data/weir/fileio"
	"github.com/weir-data/weir/paimon/catalog"
	"github.com/weir-data/weir/paimon/table"
	"github.com/weir-data/weir/vec"
)

// LookupColumns is the number of columns of the lookup benchmark's table:
// the INT key and the first LookupColumns-1 STRING(10) columns of Columns.
const LookupColumns = 10

// LookupResult compares the same upsert stream written with
// changelog-producer = none and = lookup.
type LookupResult struct {
	Rows, Keys, CommitEvery int
	None, Lookup            time.Duration
	// NoneCPU and LookupCPU are the process CPU time (user + system) of
	// each run, background compaction included: on a shared machine a
	// steadier measure of cost than wall time. Zero when not measured.
	NoneCPU, LookupCPU time.Duration
	// ChangelogRows are the rows of the lookup table's changelog files.
	ChangelogRows int64
}

// Ratio is the cost of lookup relative to none (Lookup / None).
func (r LookupResult) Ratio() float64 { return r.Lookup.Seconds() / r.None.Seconds() }

// Lookup writes rows random-key upserts (keys in [0, keys)) into one bucket of
// two primary-key tables in dir, one with changelog-producer = none and one
// with lookup, committing every commitEvery rows with the writer's
// compaction on (lookup waits for level 0 to be compacted at every commit,
// lookup-wait), and reports the time each took.
func Lookup(ctx context.Context, dir string, rows, keys, commitEvery int) (LookupResult, error) {
	res := LookupResult{Rows: rows, Keys: keys, CommitEvery: commitEvery}
	fio, err := fileio.NewLocal(dir)
	if err != nil {
		return res, err
	}
	cat := catalog.New(fio)
	if err := cat.CreateDatabase(ctx, "bench", true); err != nil {
		return res, err
	}
	const batch = 4096
	pool := GenerateBatches(32*batch, batch, int32(keys), 7)
	for i, b := range pool {
		pool[i] = &vec.Batch{Cols: b.Cols[:LookupColumns], Len: b.Len}
	}
	for _, producer := range []string{"none", "lookup"} {
		t, err := cat.CreateTable(ctx, catalog.Identifier{Database: "bench", Table: "lookup_" + producer}, catalog.TableSpec{
			Columns: Columns()[:LookupColumns], PrimaryKeys: []string{"k"},
			Options: map[string]string{"bucket": "1", "changelog-producer": producer},
		}, false)
		if err != nil {
			return res, err
		}
		cpu0 := processCPU()
		d, err := upsertStream(ctx, t, pool, rows, keys, commitEvery)
		if err != nil {
			return res, fmt.Errorf("changelog-producer %s: %w", producer, err)
		}
		cpu := processCPU() - cpu0
		if producer == "none" {
			res.None, res.NoneCPU = d, cpu
			continue
		}
		res.Lookup, res.LookupCPU = d, cpu
		if res.ChangelogRows, err = changelogRows(ctx, t); err != nil {
			return res, err
		}
	}
	return res, nil
}

// upsertStream writes the benchmark stream (the same for every call with the
// same arguments) and returns how long writing and committing took.
func upsertStream(ctx context.Context, t *table.Table, pool []*vec.Batch, rows, keys, commitEvery int) (time.Duration, error) {
	w, err := t.NewWriter(ctx, table.WriterOptions{CommitUser: "bench"})
	if err != nil {
		return 0, err
	}
	defer w.Close(ctx)
	rng := rand.New(rand.NewPCG(uint64(rows), uint64(keys)))
	start := time.Now()
	var id int64
	pending := 0
	for done := 0; done < rows; {
		b := pool[(done/pool[0].Len)%len(pool)]
		if n := rows - done; n < b.Len {
			b = b.Slice(0, n)
		}
		for i := range b.Cols[0].I32[:b.Len] {
			b.Cols[0].I32[i] = rng.Int32N(int32(keys))
		}
		if err := w.Write(ctx, b); err != nil {
			return 0, err
		}
		done += b.Len
		pending += b.Len
		if pending >= commitEvery || done == rows {
			pending = 0
			id++
			msgs, err := w.Prepare(ctx)
			if err != nil {
				return 0, err
			}
			if _, err := t.Commit(ctx, "bench", table.Committable{Identifier: id, Messages: msgs}); err != nil {
				return 0, err
			}
		}
	}
	return time.Since(start), nil
}

// changelogRows sums the changelog record counts of the table's snapshots.
func changelogRows(ctx context.Context, t *table.Table) (int64, error) {
	latest, ok, err := t.Snapshots().LatestID(ctx)
	if err != nil || !ok {
		return 0, err
	}
	var n int64
	for id := int64(1); id <= latest; id++ {
		s, err := t.Snapshots().Read(ctx, id)
		if err != nil {
			return 0, err
		}
		if s.ChangelogRecordCount != nil {
			n += *s.ChangelogRecordCount
		}
	}
	return n, nil
}

// CPURatio is LookupCPU / NoneCPU (0 when not measured).
func (r LookupResult) CPURatio() float64 {
	if r.NoneCPU <= 0 {
		return 0
	}
	return r.LookupCPU.Seconds() / r.NoneCPU.Seconds()
}

// FormatLookup renders a lookup result.
func FormatLookup(r LookupResult) string {
	return fmt.Sprintf("none %.1f s wall, %.1f s CPU (%.0f rows/s); lookup %.1f s wall, %.1f s CPU (%.0f rows/s), %d changelog rows\n"+
		"lookup/none = %.2fx wall, %.2fx CPU",
		r.None.Seconds(), r.NoneCPU.Seconds(), float64(r.Rows)/r.None.Seconds(),
		r.Lookup.Seconds(), r.LookupCPU.Seconds(), float64(r.Rows)/r.Lookup.Seconds(),
		r.ChangelogRows, r.Ratio(), r.CPURatio())
}
