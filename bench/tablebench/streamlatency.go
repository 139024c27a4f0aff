package tablebench

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/weir-data/weir/fileio"
	"github.com/weir-data/weir/paimon/catalog"
	"github.com/weir-data/weir/paimon/table"
)

// StreamLatencyResult is the commit-to-visible latency of a streaming scan.
type StreamLatencyResult struct {
	Commits       int
	RowsPerCommit int
	Interval      time.Duration // between commits
	Poll          time.Duration // the scan's poll interval when caught up
	// Latencies, one per commit: from the snapshot's commit time (its
	// timeMillis, taken just before the snapshot file is created) to the
	// moment the scan has read the commit's rows.
	P50, P99, Max time.Duration
	// PollCost is the median duration of a Next call that found nothing new.
	PollCost time.Duration
}

// StreamLatency commits rowsPerCommit upserts every interval into a
// primary-key table in dir, commits times, while a NewStreamScan poller
// (Next, then sleep poll when caught up) reads every change; it reports the
// distribution of commit-to-visible latency.
func StreamLatency(ctx context.Context, dir string, commits, rowsPerCommit int, interval, poll time.Duration) (StreamLatencyResult, error) {
	res := StreamLatencyResult{Commits: commits, RowsPerCommit: rowsPerCommit, Interval: interval, Poll: poll}
	fio, err := fileio.NewLocal(dir)
	if err != nil {
		return res, err
	}
	cat := catalog.New(fio)
	if err := cat.CreateDatabase(ctx, "bench", true); err != nil {
		return res, err
	}
	t, err := cat.CreateTable(ctx, catalog.Identifier{Database: "bench", Table: "stream"}, catalog.TableSpec{
		Columns: Columns(), PrimaryKeys: []string{"k"}, Options: map[string]string{"bucket": "1"},
	}, false)
	if err != nil {
		return res, err
	}
	scan, err := t.NewStreamScan(ctx, table.StreamOptions{Mode: "latest"})
	if err != nil {
		return res, err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type seen struct {
		id   int64
		at   time.Time
		rows int64
	}
	seenc := make(chan seen, commits)
	pollErr := make(chan error, 1)
	var idle []time.Duration
	go func() {
		defer close(seenc)
		for got := 0; got < commits; {
			t0 := time.Now()
			plan, err := scan.Next(ctx)
			if err != nil {
				pollErr <- err
				return
			}
			if plan == nil {
				idle = append(idle, time.Since(t0))
				select {
				case <-ctx.Done():
					return
				case <-time.After(poll):
				}
				continue
			}
			var rows int64
			for _, sp := range plan.Splits {
				src, err := t.ReadSplit(ctx, sp, table.ReadOptions{})
				if err != nil {
					pollErr <- err
					return
				}
				for {
					b, err := src.Next(ctx)
					if errors.Is(err, io.EOF) {
						break
					}
					if err != nil {
						src.Close()
						pollErr <- err
						return
					}
					rows += int64(b.Len)
				}
				src.Close()
			}
			seenc <- seen{plan.SnapshotID, time.Now(), rows}
			got++
		}
	}()
	w, err := t.NewWriter(ctx, table.WriterOptions{CommitUser: "stream", Streaming: true})
	if err != nil {
		return res, err
	}
	defer w.Close(ctx)
	pool := GenerateBatches(rowsPerCommit, rowsPerCommit, 1_000_000, 7)
	committed := map[int64]time.Time{}
	tick := time.NewTicker(interval)
	defer tick.Stop()
	for c := 1; c <= commits; c++ {
		<-tick.C
		b := pool[0]
		for i := range b.Cols[0].I32 {
			b.Cols[0].I32[i] = int32((c*rowsPerCommit + i) % 1_000_000)
		}
		if err := w.Write(ctx, b); err != nil {
			return res, err
		}
		msgs, err := w.Prepare(ctx)
		if err != nil {
			return res, err
		}
		cr, err := t.Commit(ctx, "stream", table.Committable{Identifier: int64(c), Messages: msgs})
		if err != nil {
			return res, err
		}
		for _, id := range cr.SnapshotIDs {
			s, err := t.Snapshots().Read(ctx, id)
			if err != nil {
				return res, err
			}
			committed[id] = time.UnixMilli(s.TimeMillis)
		}
	}
	var lat []time.Duration
	timeout := time.After(10*time.Second + 2*poll)
	for len(lat) < commits {
		select {
		case s, ok := <-seenc:
			if !ok {
				select {
				case err := <-pollErr:
					return res, err
				default:
					return res, fmt.Errorf("stream latency: the scan stopped after %d of %d commits", len(lat), commits)
				}
			}
			at, ok := committed[s.id]
			if !ok {
				return res, fmt.Errorf("stream latency: the scan returned snapshot %d, which the benchmark did not commit", s.id)
			}
			if s.rows != int64(rowsPerCommit) {
				return res, fmt.Errorf("stream latency: snapshot %d brought %d rows, want %d", s.id, s.rows, rowsPerCommit)
			}
			lat = append(lat, max(s.at.Sub(at), 0))
		case err := <-pollErr:
			return res, err
		case <-timeout:
			return res, fmt.Errorf("stream latency: only %d of %d commits became visible", len(lat), commits)
		}
	}
	cancel()
	for range seenc { // wait for the poller to stop
	}
	slices.Sort(lat)
	res.P50, res.P99, res.Max = pct(lat, 50), pct(lat, 99), lat[len(lat)-1]
	slices.Sort(idle)
	if len(idle) > 0 {
		res.PollCost = pct(idle, 50)
	}
	return res, nil
}

// pct returns the p-th percentile of sorted durations (nearest rank).
func pct(sorted []time.Duration, p int) time.Duration {
	i := (p*len(sorted)+99)/100 - 1
	return sorted[max(0, min(i, len(sorted)-1))]
}

// FormatStreamLatency renders a result.
func FormatStreamLatency(r StreamLatencyResult) string {
	var b strings.Builder
	fmt.Fprintf(&b, "commit → visible (rows read by the streaming scan), %d commits of %d rows every %s, poll every %s:\n",
		r.Commits, r.RowsPerCommit, r.Interval, r.Poll)
	fmt.Fprintf(&b, "  p50 %s  p99 %s  max %s  (target: p99 ≤ 200ms)\n", ms(r.P50), ms(r.P99), ms(r.Max))
	fmt.Fprintf(&b, "  idle poll (Next finding nothing) p50 %s", r.PollCost.Round(time.Microsecond))
	return b.String()
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1fms", float64(d.Microseconds())/1000) }
