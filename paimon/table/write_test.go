package table

import (
	"context"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/weir-data/weir/fileio"
	"github.com/weir-data/weir/paimon/schema"
	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// createTable writes schema-0 of a new table and opens it.
func createTable(t testing.TB, fio fileio.FileIO, name string, fields []types.Field, part, pk []string, opts map[string]string) *Table {
	t.Helper()
	ctx := context.Background()
	s, err := schema.NewTable(fields, part, pk, opts, "")
	if err != nil {
		t.Fatal(err)
	}
	dir := "default.db/" + name
	ok, err := schema.NewManager(fio, dir).Commit(ctx, s)
	if err != nil || !ok {
		t.Fatalf("create schema: %v %v", ok, err)
	}
	tbl, err := Open(ctx, fio, dir, "default."+name)
	if err != nil {
		t.Fatal(err)
	}
	return tbl
}

func ordersFields() []types.Field {
	return []types.Field{
		{Name: "region", Type: types.NewString()},
		{Name: "id", Type: types.NewBigInt()},
		{Name: "amount", Type: types.NewDecimal(12, 2)},
		{Name: "note", Type: types.NewString()},
		{Name: "at", Type: types.NewTimestamp(6)},
	}
}

type orderRow struct {
	kind   types.RowKind
	region string
	id     int64
	amount int64 // cents
	note   any
}

func ordersBatch(t testing.TB, tbl *Table, rows []orderRow) *vec.Batch {
	t.Helper()
	b, err := vec.NewBatch(fieldTypes(tbl.Schema().Fields), len(rows))
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if err := b.AppendRow(r.kind, r.region, r.id, r.amount, r.note, types.Timestamp{Millis: r.id * 1000, NanoOfMilli: 1000}); err != nil {
			t.Fatal(err)
		}
	}
	return b
}

func writeCommit(t testing.TB, tbl *Table, user string, id int64, batches ...*vec.Batch) CommitResult {
	t.Helper()
	ctx := context.Background()
	w, err := tbl.NewWriter(ctx, WriterOptions{CommitUser: user})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close(ctx)
	for _, b := range batches {
		if err := w.Write(ctx, b); err != nil {
			t.Fatal(err)
		}
	}
	msgs, err := w.Prepare(ctx)
	if err != nil {
		t.Fatal(err)
	}
	res, err := tbl.Commit(ctx, user, Committable{Identifier: id, Messages: msgs})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestWritePrimaryKeyMergeOnRead(t *testing.T) {
	for _, fsName := range []string{"memory", "local"} {
		t.Run(fsName, func(t *testing.T) {
			fio := testFS(t, fsName)
			tbl := createTable(t, fio, "orders", ordersFields(), []string{"region"}, []string{"region", "id"},
				map[string]string{"bucket": "2"})
			writeCommit(t, tbl, "u1", 1, ordersBatch(t, tbl, []orderRow{
				{types.Insert, "eu", 1, 1000, "a"}, {types.Insert, "eu", 2, 2000, nil}, {types.Insert, "us", 1, 500, "c"},
				{types.Insert, "eu", 3, 300, "x"}, {types.Insert, "eu", 3, 301, "y"}, // same key twice in one buffer
			}))
			writeCommit(t, tbl, "u1", 2, ordersBatch(t, tbl, []orderRow{
				{types.UpdateBefore, "eu", 1, 1000, "a"}, {types.UpdateAfter, "eu", 1, 3000, "a2"},
				{types.Delete, "us", 1, 500, "c"}, {types.Insert, "us", 2, 700, nil},
			}))
			writeCommit(t, tbl, "u1", 3, ordersBatch(t, tbl, []orderRow{
				{types.Insert, "us", 1, 900, "back"}, {types.Delete, "eu", 2, 0, nil},
			}))
			got := readAll(t, tbl, ScanOptions{}, []int{0, 1, 2, 3})
			checkRows(t, "latest", got, sorted("eu, 1, 30.00, a2", "eu, 3, 3.01, y", "us, 1, 9.00, back", "us, 2, 7.00, null"))
			got = readAll(t, tbl, ScanOptions{SnapshotID: 1}, []int{0, 1, 2, 3})
			checkRows(t, "snapshot 1", got, sorted("eu, 1, 10.00, a", "eu, 2, 20.00, null", "eu, 3, 3.01, y", "us, 1, 5.00, c"))
			// Timestamps survive with microsecond precision.
			got = readAll(t, tbl, ScanOptions{}, []int{1, 4})
			if !slices.Contains(got, "1, 1970-01-01 00:00:01.000001") {
				t.Fatalf("timestamp column: %v", got)
			}
			// Snapshot bookkeeping.
			s, err := tbl.Snapshots().Latest(context.Background())
			if err != nil || s.ID != 3 || s.CommitIdentifier != 3 || s.TotalRecordCount != 4+3+2 || s.DeltaRecordCount != 2 {
				t.Fatalf("latest snapshot %+v, %v", s, err)
			}
			if err := CheckTable(context.Background(), tbl); err != nil {
				t.Fatalf("self-check: %v", err)
			}
		})
	}
}

func TestCommitExactlyOnce(t *testing.T) {
	fio := fileio.NewMemory()
	tbl := createTable(t, fio, "t", ordersFields(), nil, []string{"region", "id"}, map[string]string{"bucket": "1"})
	ctx := context.Background()
	w, err := tbl.NewWriter(ctx, WriterOptions{CommitUser: "job-1"})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Write(ctx, ordersBatch(t, tbl, []orderRow{{types.Insert, "eu", 1, 100, nil}})); err != nil {
		t.Fatal(err)
	}
	msgs, err := w.Prepare(ctx)
	if err != nil {
		t.Fatal(err)
	}
	c := Committable{Identifier: 7, Messages: msgs}
	if res, err := tbl.Commit(ctx, "job-1", c); err != nil || len(res.SnapshotIDs) != 1 {
		t.Fatalf("first commit: %+v %v", res, err)
	}
	// A restarted job re-commits the same checkpoint: a no-op.
	if res, err := tbl.Commit(ctx, "job-1", c); err != nil || !res.AlreadyCommitted {
		t.Fatalf("repeated commit: %+v %v", res, err)
	}
	for _, tc := range []struct {
		user string
		id   int64
		want bool
	}{{"job-1", 7, true}, {"job-1", 6, true}, {"job-1", 8, false}, {"job-2", 7, false}} {
		got, err := tbl.IsCommitted(ctx, tc.user, tc.id)
		if err != nil || got != tc.want {
			t.Fatalf("IsCommitted(%s, %d) = %v, %v", tc.user, tc.id, got, err)
		}
	}
	checkRows(t, "rows", readAll(t, tbl, ScanOptions{}, []int{0, 1}), []string{"eu, 1"})
}

func TestConcurrentCommitters(t *testing.T) {
	for _, fsName := range []string{"memory", "local", "s3"} {
		t.Run(fsName, func(t *testing.T) {
			fio := testFS(t, fsName)
			tbl := createTable(t, fio, "events", []types.Field{
				{Name: "id", Type: types.NewBigInt()}, {Name: "who", Type: types.NewString()},
			}, nil, nil, nil)
			const writers, commits, perCommit = 6, 4, 10
			var wg sync.WaitGroup
			errs := make(chan error, writers)
			for w := 0; w < writers; w++ {
				wg.Add(1)
				go func(w int) {
					defer wg.Done()
					ctx := context.Background()
					// Each writer opens the table itself, like a separate process.
					tw, err := Open(ctx, fio, tbl.Path(), tbl.Name())
					if err != nil {
						errs <- err
						return
					}
					user := fmt.Sprintf("writer-%d", w)
					for c := 0; c < commits; c++ {
						wr, err := tw.NewWriter(ctx, WriterOptions{CommitUser: user})
						if err != nil {
							errs <- err
							return
						}
						b, _ := vec.NewBatch([]types.DataType{types.NewBigInt(), types.NewString()}, perCommit)
						for i := 0; i < perCommit; i++ {
							_ = b.AppendRow(types.Insert, int64(w*1000+c*100+i), user)
						}
						if err := wr.Write(ctx, b); err != nil {
							errs <- err
							return
						}
						msgs, err := wr.Prepare(ctx)
						if err != nil {
							errs <- err
							return
						}
						if _, err := tw.Commit(ctx, user, Committable{Identifier: int64(c + 1), Messages: msgs}); err != nil {
							errs <- err
							return
						}
					}
				}(w)
			}
			wg.Wait()
			close(errs)
			for err := range errs {
				t.Fatal(err)
			}
			rows := readAll(t, tbl, ScanOptions{}, []int{0})
			if len(rows) != writers*commits*perCommit {
				t.Fatalf("read %d rows, want %d", len(rows), writers*commits*perCommit)
			}
			s, err := tbl.Snapshots().Latest(context.Background())
			if err != nil || s.ID != writers*commits || s.TotalRecordCount != writers*commits*perCommit {
				t.Fatalf("latest snapshot %+v %v", s, err)
			}
			for i := 1; i < len(rows); i++ {
				if rows[i] == rows[i-1] {
					t.Fatalf("row %s duplicated", rows[i])
				}
			}
			if err := CheckTable(context.Background(), tbl); err != nil {
				t.Fatalf("self-check: %v", err)
			}
		})
	}
}

func TestWriteRejectsBadInput(t *testing.T) {
	fio := fileio.NewMemory()
	ctx := context.Background()
	app := createTable(t, fio, "app", []types.Field{{Name: "id", Type: types.NewBigInt().NotNull()}}, nil, nil, nil)
	w, err := app.NewWriter(ctx, WriterOptions{})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := vec.NewBatch([]types.DataType{types.NewBigInt().NotNull()}, 1)
	_ = b.AppendRow(types.Delete, int64(1))
	if err := w.Write(ctx, b); err == nil {
		t.Fatal("append table accepted a -D row")
	}
	b, _ = vec.NewBatch([]types.DataType{types.NewBigInt().NotNull()}, 1)
	_ = b.AppendRow(types.Insert, nil)
	if err := w.Write(ctx, b); err == nil {
		t.Fatal("NOT NULL column accepted a null")
	}
	b, _ = vec.NewBatch([]types.DataType{types.NewString()}, 1)
	_ = b.AppendRow(types.Insert, "x")
	if err := w.Write(ctx, b); err == nil {
		t.Fatal("wrong column type accepted")
	}
}

func TestAppendTableRandomized(t *testing.T) {
	fio := fileio.NewMemory()
	tbl := createTable(t, fio, "logs", []types.Field{
		{Name: "day", Type: types.NewDate()}, {Name: "n", Type: types.NewInt()}, {Name: "s", Type: types.NewString()},
	}, []string{"day"}, nil, map[string]string{"bucket": "3", "bucket-key": "n"})
	rng := rand.New(rand.NewPCG(3, 4))
	var want []string
	for c := int64(1); c <= 5; c++ {
		b, _ := vec.NewBatch(fieldTypes(tbl.Schema().Fields), 100)
		for i := 0; i < 100; i++ {
			day := int32(19000 + rng.IntN(3))
			n := int32(rng.IntN(1000))
			var s any = fmt.Sprintf("s%d", rng.IntN(50))
			if rng.IntN(10) == 0 {
				s = nil
			}
			_ = b.AppendRow(types.Insert, day, n, s)
			str := "null"
			if s != nil {
				str = s.(string)
			}
			want = append(want, fmt.Sprintf("%s, %d, %s", types.FormatDate(day), n, str))
		}
		writeCommit(t, tbl, "u", c, b)
	}
	checkRows(t, "append", readAll(t, tbl, ScanOptions{}, nil), sorted(want...))
	// Partition pruning only keeps one day.
	plan, err := tbl.Plan(context.Background(), ScanOptions{Filter: []Predicate{{Column: "day", Op: Eq, Values: []any{int32(19001)}}}})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range plan.Splits {
		if s.PartitionValues[0] != int32(19001) {
			t.Fatalf("split of partition %v not pruned", s.PartitionValues)
		}
	}
	if err := CheckTable(context.Background(), tbl); err != nil {
		t.Fatalf("self-check: %v", err)
	}
}

// Tables whose writes Weir cannot produce yet are refused rather than
// written wrongly; ignore-delete drops retractions.
func TestWriterRefusesUnsupportedEngines(t *testing.T) {
	fio := fileio.NewMemory()
	ctx := context.Background()
	for i, opts := range []map[string]string{
		{"bucket": "1", "rowkind.field": "note"},
		{"bucket": "1", "deletion-vectors.enabled": "true"},
	} {
		tbl := createTable(t, fio, fmt.Sprintf("t%d", i), ordersFields(), nil, []string{"region", "id"}, opts)
		if _, err := tbl.NewWriter(ctx, WriterOptions{}); err == nil || !strings.Contains(err.Error(), "not supported yet") {
			t.Errorf("options %v: NewWriter = %v, want a not-supported error", opts, err)
		}
	}
	tbl := createTable(t, fio, "ignore", ordersFields(), nil, []string{"region", "id"}, map[string]string{"bucket": "1", "ignore-delete": "true"})
	writeCommit(t, tbl, "u", 1, ordersBatch(t, tbl, []orderRow{{types.Insert, "eu", 1, 100, "a"}}))
	writeCommit(t, tbl, "u", 2, ordersBatch(t, tbl, []orderRow{{types.Delete, "eu", 1, 100, "a"}, {types.Insert, "eu", 2, 200, "b"}}))
	checkRows(t, "ignore-delete", readAll(t, tbl, ScanOptions{}, []int{0, 1}), sorted("eu, 1", "eu, 2"))
}

// TestWriteOwnership checks both hand-over contracts: Write copies (the
// caller may reuse the batch at once), WriteOwned keeps the batch and never
// modifies it.
func TestWriteOwnership(t *testing.T) {
	ctx := context.Background()
	tbl := createTable(t, fileio.NewMemory(), "t", ordersFields(), nil, []string{"region", "id"}, map[string]string{"bucket": "1"})
	w, err := tbl.NewWriter(ctx, WriterOptions{CommitUser: "u"})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close(ctx)
	reused := ordersBatch(t, tbl, []orderRow{{types.Insert, "eu", 2, 200, "b"}, {types.Insert, "eu", 1, 100, "a"}})
	if err := w.Write(ctx, reused); err != nil {
		t.Fatal(err)
	}
	reused.CopyFrom(ordersBatch(t, tbl, []orderRow{{types.Insert, "us", 9, 900, "z"}}))
	owned := ordersBatch(t, tbl, []orderRow{{types.Insert, "eu", 3, 300, "c"}, {types.Insert, "eu", 1, 101, "a2"}})
	before := owned.Clone()
	if err := w.WriteOwned(ctx, owned); err != nil {
		t.Fatal(err)
	}
	msgs, err := w.Prepare(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tbl.Commit(ctx, "u", Committable{Identifier: 1, Messages: msgs}); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(owned, before) {
		t.Fatal("WriteOwned modified the batch")
	}
	got := readAll(t, tbl, ScanOptions{}, []int{0, 1, 2, 3})
	checkRows(t, "latest", got, sorted("eu, 1, 1.01, a2", "eu, 2, 2.00, b", "eu, 3, 3.00, c"))
}
