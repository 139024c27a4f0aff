package table

import (
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/weir-data/weir/fileio"
	"github.com/weir-data/weir/paimon/merge"
	"github.com/weir-data/weir/paimon/snapshot"
	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

var changelogSeed = flag.Uint64("changelog.seed", 0, "seed of TestChangelogModel (0: time-based)")

// clEngine is one merge engine of the model test: its table options and a
// generator of input records.
type clEngine struct {
	name string
	opts map[string]string
	// gen appends a random record for key k given the model's current row
	// (nil when absent).
	gen func(rng *rand.Rand, b *vec.Batch, k int32, cur []any)
}

func clEngines() []clEngine {
	dedupFloor, dedupTop := map[int32]int64{}, map[int32]int64{}
	val := func(rng *rand.Rand) any {
		if rng.IntN(4) == 0 {
			return nil
		}
		return int64(rng.IntN(50))
	}
	str := func(rng *rand.Rand) any {
		if rng.IntN(4) == 0 {
			return nil
		}
		return fmt.Sprintf("s%d", rng.IntN(20))
	}
	return []clEngine{
		{name: "deduplicate", opts: map[string]string{"sequence.field": "sq"},
			// Upserts carry out-of-order sequence values; a retraction
			// carries the key's largest one and later records larger ones.
			// (A delete dropped by a full compaction no longer shadows
			// late-arriving older versions, in Paimon as here; the model,
			// which merges the whole history, would keep shadowing them.)
			gen: func(rng *rand.Rand, b *vec.Batch, k int32, cur []any) {
				floor, top := dedupFloor[k], dedupTop[k]
				sq := floor + int64(rng.IntN(100))
				dedupTop[k] = max(top, sq)
				switch n := rng.IntN(10); {
				case n < 2 && cur != nil:
					_ = b.AppendRow(types.Delete, k, top, val(rng), str(rng))
					dedupFloor[k], dedupTop[k] = top, top
				case n < 4 && cur != nil:
					_ = b.AppendRow(types.UpdateBefore, k, top, cur[2], cur[3])
					_ = b.AppendRow(types.UpdateAfter, k, top+int64(rng.IntN(3)), val(rng), str(rng))
					dedupFloor[k], dedupTop[k] = top, top+2
				default:
					_ = b.AppendRow(types.Insert, k, sq, val(rng), str(rng))
				}
			}},
		{name: "first-row", opts: map[string]string{"merge-engine": "first-row"},
			gen: func(rng *rand.Rand, b *vec.Batch, k int32, _ []any) {
				_ = b.AppendRow(types.Insert, k, int64(rng.IntN(100)), val(rng), str(rng))
			}},
		// Retractions are ignored (ignore-delete): with
		// partial-update.remove-record-on-delete a delete merged into an
		// insert in the write buffer cannot reset fields on older levels, in
		// Paimon as here, so the whole-history model would not hold.
		{name: "partial-update", opts: map[string]string{"merge-engine": "partial-update", "ignore-delete": "true"},
			gen: func(rng *rand.Rand, b *vec.Batch, k int32, cur []any) {
				if cur != nil && rng.IntN(6) == 0 {
					_ = b.AppendRow(types.Delete, k, cur[1], cur[2], cur[3])
					return
				}
				kind := types.Insert
				if cur != nil && rng.IntN(2) == 0 {
					kind = types.UpdateAfter
				}
				_ = b.AppendRow(kind, k, val(rng), val(rng), str(rng))
			}},
		{name: "aggregation", opts: map[string]string{"merge-engine": "aggregation", "fields.a.aggregate-function": "sum",
			"fields.sq.aggregate-function": "sum", "fields.b.ignore-retract": "true"},
			gen: func(rng *rand.Rand, b *vec.Batch, k int32, cur []any) {
				switch n := rng.IntN(10); {
				case n < 2:
					_ = b.AppendRow(types.Delete, k, int64(rng.IntN(5)), val(rng), str(rng))
				case n < 4:
					_ = b.AppendRow(types.UpdateBefore, k, int64(rng.IntN(5)), val(rng), nil)
					_ = b.AppendRow(types.UpdateAfter, k, int64(rng.IntN(5)), val(rng), str(rng))
				default:
					_ = b.AppendRow(types.Insert, k, int64(rng.IntN(5)), val(rng), str(rng))
				}
			}},
	}
}

// clModel is the oracle: every input record of every key, merged at once
// with the table's merge function (package merge, tested on its own). The
// LSM tree — buffers, flushes, compactions, lookups — must give the same
// rows as merging each key's whole history.
type clModel struct {
	fn      merge.Function
	seqCmp  *merge.SequenceComparator
	types   []types.DataType
	history map[int32]*vec.Batch
}

func newCLModel(t *testing.T, tbl *Table) *clModel {
	fn, err := merge.New(tbl.Options(), tbl.Schema().Fields, tbl.Schema().PrimaryKeys...)
	if err != nil {
		t.Fatal(err)
	}
	seqCmp, err := merge.NewSequenceComparator(tbl.Options(), tbl.Schema().Fields)
	if err != nil {
		t.Fatal(err)
	}
	return &clModel{fn: fn, seqCmp: seqCmp, types: fieldTypes(tbl.Schema().Fields), history: map[int32]*vec.Batch{}}
}

func (m *clModel) add(kind types.RowKind, row []any) {
	k := row[0].(int32)
	h := m.history[k]
	if h == nil {
		h, _ = vec.NewBatch(m.types, 8)
		m.history[k] = h
	}
	_ = h.AppendRow(kind, row...)
}

// row returns the merged row of key k, or nil when the key is absent.
func (m *clModel) row(t *testing.T, k int32) []any {
	h := m.history[k]
	if h == nil {
		return nil
	}
	g := merge.Group{Batches: []*vec.Batch{h}}
	for r := 0; r < h.Len; r++ {
		g.Add(0, int32(r), h.Kind(r), int64(r))
	}
	if m.seqCmp != nil {
		merge.SortGroup(&g, m.seqCmp)
	}
	out, _ := vec.NewBatch(m.types, 1)
	res, err := m.fn.Merge(&g, out)
	if err != nil {
		t.Fatalf("model merge of key %d: %v", k, err)
	}
	if !res.Emitted || !res.Kind.IsAdd() {
		return nil
	}
	if out.Len == 0 { // deduplicate and first-row pick a record
		return h.Row(int(g.Refs[res.Pick].Row))
	}
	return out.Row(0)
}

func (m *clModel) rows(t *testing.T) []string {
	var out []string
	for k := range m.history {
		if r := m.row(t, k); r != nil {
			out = append(out, clRow(r))
		}
	}
	slices.Sort(out)
	return out
}

func clRow(r []any) string {
	parts := make([]string, len(r))
	for i, v := range r {
		if v == nil {
			parts[i] = "null"
		} else {
			parts[i] = fmt.Sprint(v)
		}
	}
	return strings.Join(parts, ", ")
}

// TestChangelogModel writes random streams of +I/-U/+U/-D into every merge
// engine × changelog producer, with random flushes, commits, writer
// restarts and dedicated compactions, and checks after every commit that
//
//   - the batch read equals the model;
//   - the streamed changes replayed from empty equal the table: for none
//     and input by merging them like input, for lookup and full-compaction
//     as a changelog (+I/+U insert, -U/-D must delete exactly the current
//     row) at every point where changelog is produced for all data (every
//     commit for lookup, every forced full compaction for full-compaction);
//   - lookup and full-compaction changelog is made of +I, -D and -U/+U per
//     key (never an unchanged pair with changelog-producer.row-deduplicate),
//     so that, replayed, it is the diff between consecutive states.
func TestChangelogModel(t *testing.T) {
	seed := *changelogSeed
	if seed == 0 {
		seed = uint64(time.Now().UnixNano())
	}
	t.Logf("seed %d (rerun with -changelog.seed=%d)", seed, seed)
	for ei := range clEngines() {
		for _, producer := range []string{"none", "input", "lookup", "full-compaction"} {
			eng := clEngines()[ei] // fresh generator state
			if eng.name == "first-row" && (producer == "input" || producer == "full-compaction") {
				continue // Paimon allows only none and lookup for first-row
			}
			t.Run(eng.name+"/"+producer, func(t *testing.T) {
				runChangelogModel(t, seed, eng, producer)
			})
		}
	}
}

func runChangelogModel(t *testing.T, seed uint64, eng clEngine, producer string) {
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(seed, uint64(len(eng.name)*7+len(producer))))
	fail := func(format string, args ...any) {
		t.Helper()
		t.Fatalf("seed %d: "+format, append([]any{seed}, args...)...)
	}
	dedup := rng.IntN(2) == 0
	opts := map[string]string{"bucket": "2", "changelog-producer": producer,
		"num-sorted-run.compaction-trigger": "3", "num-sorted-run.stop-trigger": "6", "num-levels": "4",
		"changelog-producer.row-deduplicate": fmt.Sprint(dedup)}
	fullEvery := 1 + rng.IntN(3)
	if producer == "full-compaction" {
		opts["full-compaction.delta-commits"] = fmt.Sprint(fullEvery)
	}
	for k, v := range eng.opts {
		opts[k] = v
	}
	fields := []types.Field{{Name: "k", Type: types.NewInt().NotNull()}, {Name: "sq", Type: types.NewBigInt()},
		{Name: "a", Type: types.NewBigInt()}, {Name: "b", Type: types.NewString()}}
	tbl := createTable(t, fileio.NewMemory(), "m", fields, nil, []string{"k"}, opts)
	model := newCLModel(t, tbl)
	streamed := newCLModel(t, tbl) // none, input: the streamed changes merged like input
	replay := map[int32][]any{}    // lookup, full-compaction: the changelog applied
	scan, err := tbl.NewStreamScan(ctx, StreamOptions{Mode: "latest"})
	if err != nil {
		fail("%v", err)
	}
	w, err := tbl.NewWriter(ctx, WriterOptions{CommitUser: "job"})
	if err != nil {
		fail("%v", err)
	}
	defer func() { w.Close(ctx) }()
	prepares := 0
	for commit := int64(1); commit <= 16; commit++ {
		n := 1 + rng.IntN(25)
		for i := 0; i < n; i++ {
			b := engineRows(t, tbl)
			k := int32(rng.IntN(24))
			eng.gen(rng, b, k, model.row(t, k))
			for r := 0; r < b.Len; r++ {
				model.add(b.Kind(r), b.Row(r))
			}
			if err := w.Write(ctx, b); err != nil {
				fail("write: %v", err)
			}
			if rng.IntN(12) == 0 {
				if err := w.flushAll(ctx); err != nil {
					fail("flush: %v", err)
				}
			}
		}
		msgs, err := w.Prepare(ctx)
		if err != nil {
			fail("prepare: %v", err)
		}
		prepares++
		if _, err := tbl.Commit(ctx, "job", Committable{Identifier: commit, Messages: msgs}); err != nil {
			fail("commit %d: %v", commit, err)
		}
		fullPoint := producer == "full-compaction" && prepares%fullEvery == 0
		if rng.IntN(6) == 0 {
			// A restart with a dedicated compaction in between.
			if err := w.Close(ctx); err != nil {
				fail("close: %v", err)
			}
			full := rng.IntN(2) == 0
			if _, err := tbl.Compact(ctx, CompactOptions{Full: full}); err != nil {
				fail("compact: %v", err)
			}
			fullPoint = fullPoint || (producer == "full-compaction" && full)
			if w, err = tbl.NewWriter(ctx, WriterOptions{CommitUser: "job"}); err != nil {
				fail("%v", err)
			}
			prepares = 0
		}
		want := model.rows(t)
		got := readAll(t, tbl, ScanOptions{}, nil)
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			fail("commit %d: table\n got  %v\n want %v", commit, got, want)
		}
		// Stream the new snapshots' changes.
		for {
			p, err := scan.Next(ctx)
			if err != nil {
				fail("stream: %v", err)
			}
			if p == nil {
				break
			}
			perKey := map[int32][]string{}
			for _, sp := range p.Splits {
				src, err := tbl.ReadSplit(ctx, sp, ReadOptions{})
				if err != nil {
					fail("%v", err)
				}
				if err := drain(ctx, src, func(b *vec.Batch) {
					for r := 0; r < b.Len; r++ {
						row, kind := b.Row(r), b.Kind(r)
						k := row[0].(int32)
						if producer == "none" || producer == "input" {
							streamed.add(kind, row)
							continue
						}
						perKey[k] = append(perKey[k], kind.String()+" "+clRow(row))
						cur, ok := replay[k]
						switch {
						case kind.IsAdd() && ok:
							fail("snapshot %d: %s %v but the key holds %v", p.SnapshotID, kind, clRow(row), clRow(cur))
						case kind.IsAdd():
							replay[k] = row
						case !ok || clRow(cur) != clRow(row):
							fail("snapshot %d: %s %v but the key holds %v", p.SnapshotID, kind, clRow(row), clRow(cur))
						default:
							delete(replay, k)
						}
					}
				}); err != nil {
					fail("read changes: %v", err)
				}
			}
			// One snapshot may hold the changelog of several compactions:
			// per key a series of +I, -D and -U/+U (the replay above
			// checks that they chain from the previous state to the next).
			for k, rows := range perKey {
				for i := 0; i < len(rows); i++ {
					switch {
					case strings.HasPrefix(rows[i], "+I"), strings.HasPrefix(rows[i], "-D"):
					case strings.HasPrefix(rows[i], "-U") && i+1 < len(rows) && strings.HasPrefix(rows[i+1], "+U"):
						if dedup && rows[i][3:] == rows[i+1][3:] {
							fail("snapshot %d: key %d: unchanged row in changelog with row-deduplicate: %v", p.SnapshotID, k, rows)
						}
						i++
					default:
						fail("snapshot %d: key %d changes %v are not a series of +I, -D and -U/+U", p.SnapshotID, k, rows)
					}
				}
			}
		}
		var replayed []string
		switch producer {
		case "none", "input":
			replayed = streamed.rows(t)
		case "lookup", "full-compaction":
			if producer == "full-compaction" && !fullPoint {
				continue
			}
			for _, r := range replay {
				replayed = append(replayed, clRow(r))
			}
			slices.Sort(replayed)
		}
		if strings.Join(replayed, "\n") != strings.Join(want, "\n") {
			fail("commit %d: replayed changes\n got  %v\n want %v", commit, replayed, want)
		}
	}
	if err := CheckTable(ctx, tbl); err != nil {
		fail("check: %v", err)
	}
	// Every COMPACT snapshot with changelog names changelog files.
	if producer == "lookup" || producer == "full-compaction" {
		latest, _, _ := tbl.Snapshots().LatestID(ctx)
		found := false
		for id := int64(1); id <= latest; id++ {
			s, err := tbl.Snapshots().Read(ctx, id)
			if err != nil {
				fail("%v", err)
			}
			if s.ChangelogManifestList != "" {
				found = true
				if s.CommitKind != snapshot.Compact {
					fail("snapshot %d (%s) has changelog", id, s.CommitKind)
				}
			}
		}
		if !found {
			fail("no snapshot has changelog")
		}
	}
}
