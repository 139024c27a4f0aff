package datagen

import (
	"context"
	"math"
	"math/big"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/weir-data/weir/connector"
	"github.com/weir-data/weir/engine/batch"
	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

var fixedNow = time.Date(2024, 3, 15, 10, 30, 45, 123456789, time.UTC)

func table(cols []connector.Column, opts map[string]string) connector.TableInfo {
	o := map[string]string{"connector": "datagen"}
	for k, v := range opts {
		o[k] = v
	}
	return connector.TableInfo{Name: "db.t", Columns: cols, Options: o}
}

func col(name string, t types.DataType) connector.Column {
	return connector.Column{Name: name, Type: t}
}

func collect(t *testing.T, tbl connector.TableInfo, req connector.SourceRequest) []*vec.Batch {
	t.Helper()
	op, err := (&Factory{Now: func() time.Time { return fixedNow }}).NewSource(context.Background(), tbl, req)
	if err != nil {
		t.Fatal(err)
	}
	out, err := batch.Collect(context.Background(), op)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestValidateMessages(t *testing.T) {
	cols := []connector.Column{col("id", types.NewBigInt()), col("s", types.NewVarChar(10)), col("ts", types.NewTimestamp(3)),
		col("k", types.NewInt().NotNull()), col("a", types.DataType{Root: types.Array, Nullable: true, Elem: &types.DataType{Root: types.Int}})}
	for _, tc := range []struct {
		opts map[string]string
		want string
	}{
		{map[string]string{"rows-per-sec0": "5"},
			"unknown option 'rows-per-sec0' for connector datagen of table db.t (did you mean rows-per-second?)"},
		{map[string]string{"fields.id.kind": "sequence"},
			"option 'fields.id.start' of connector datagen (table db.t): is required for the sequence of column id\n" +
				"option 'fields.id.end' of connector datagen (table db.t): is required for the sequence of column id"},
		{map[string]string{"fields.id.kind": "sequence", "fields.id.start": "10", "fields.id.end": "1"},
			"option 'fields.id.start' of connector datagen (table db.t): start 10 is above end 1"},
		{map[string]string{"fields.id.kind": "sequense"},
			"invalid value 'sequense' for option 'fields.id.kind' of connector datagen (table db.t): expected one of 'random', 'sequence'"},
		{map[string]string{"fields.s.min": "1"},
			"option 'fields.s.min' of connector datagen (table db.t): does not apply to column s (VARCHAR(10)) of kind random; its options are 'fields.s.kind', 'fields.s.null-rate', 'fields.s.length', 'fields.s.var-len'"},
		{map[string]string{"fields.s.length": "11"},
			"invalid value '11' for option 'fields.s.length' of connector datagen (table db.t): expected an integer from 0 to 10"},
		{map[string]string{"fields.ts.max-past": "soon"},
			"invalid value 'soon' for option 'fields.ts.max-past' of connector datagen (table db.t): expected a duration such as '10 s', '5 min' or '100 ms'"},
		{map[string]string{"fields.k.null-rate": "0.5"},
			"option 'fields.k.null-rate' of connector datagen (table db.t): column k is NOT NULL, so its null-rate must be 0"},
		{map[string]string{"fields.id.null-rate": "2"},
			"invalid value '2' for option 'fields.id.null-rate' of connector datagen (table db.t): expected a number from 0 to 1"},
		{map[string]string{"fields.k.min": "5", "fields.k.max": "1"},
			"option 'fields.k.min' of connector datagen (table db.t): min 5 is above max 1"},
		{map[string]string{"fields.k.max": "3000000000"},
			"invalid value '3000000000' for option 'fields.k.max' of connector datagen (table db.t): expected an integer from -2147483648 to 2147483647"},
		{map[string]string{"number-of-rows": "-1"},
			"invalid value '-1' for option 'number-of-rows' of connector datagen (table db.t): expected a non-negative integer, e.g. '1000'"},
		{map[string]string{"fields.ts.kind": "sequence", "fields.ts.start": "1", "fields.ts.end": "2"},
			"option 'fields.ts.kind' of connector datagen (table db.t): a sequence cannot generate column ts of type TIMESTAMP(3) (only numbers and strings)"},
	} {
		tbl := table(cols[:4], tc.opts)
		err := (&Factory{}).Validate(tbl)
		if err == nil || err.Error() != tc.want {
			t.Errorf("%v:\n got %v\nwant %s", tc.opts, err, tc.want)
		}
	}
	err := (&Factory{}).Validate(table(cols, nil))
	if want := "option 'fields.a.kind' of connector datagen (table db.t): cannot generate column a of type ARRAY<INT NOT NULL>"; err == nil || err.Error() != want {
		t.Errorf("array column: got %v, want %s", err, want)
	}
}

func TestUnboundedBatchRead(t *testing.T) {
	_, err := (&Factory{}).NewSource(context.Background(), table([]connector.Column{col("a", types.NewInt())}, nil), connector.SourceRequest{Bounded: true})
	want := "datagen table db.t is unbounded, so a batch query cannot read it: set 'number-of-rows' (or give a field 'kind' = 'sequence' with 'start' and 'end')"
	if err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
}

// TestSequenceSplits checks that the splits of a sequence together produce
// every value of [start, end] exactly once, whatever the split count.
func TestSequenceSplits(t *testing.T) {
	cols := []connector.Column{col("id", types.NewBigInt()), col("s", types.NewString()), col("d", types.NewDecimal(25, 2)),
		col("c", types.NewDecimal(10, 1)), col("f", types.NewDouble()), col("x", types.NewTinyInt())}
	opts := map[string]string{
		"fields.id.kind": "sequence", "fields.id.start": "-5", "fields.id.end": "9994",
		"fields.s.kind": "sequence", "fields.s.start": "100", "fields.s.end": "1000000",
		"fields.d.kind": "sequence", "fields.d.start": "12345678901234567890.25", "fields.d.end": "12345678901234599999",
		"fields.c.kind": "sequence", "fields.c.start": "0.5", "fields.c.end": "100000",
		"fields.f.kind": "sequence", "fields.f.start": "0.5", "fields.f.end": "100000",
	}
	for _, splits := range []int{1, 3, 7} {
		seen := map[int64]bool{}
		for k := range splits {
			for _, b := range collect(t, table(cols, opts), connector.SourceRequest{Bounded: true, Split: k, Splits: splits}) {
				for i := 0; i < b.Len; i++ {
					id := b.Cols[0].I64[i]
					if seen[id] {
						t.Fatalf("splits=%d: id %d twice", splits, id)
					}
					seen[id] = true
					off := id + 5
					if splits > 1 {
						continue // each sequence is split by its own length
					}
					if got, want := string(b.Cols[1].Bytes(i)), strconv.FormatInt(100+off, 10); got != want {
						t.Fatalf("s = %s, want %s", got, want)
					}
					want, _ := new(big.Int).SetString("1234567890123456789025", 10)
					want.Add(want, big.NewInt(off*100))
					if got := b.Cols[2].Dec[i].Big(); got.Cmp(want) != 0 {
						t.Fatalf("d = %s, want %s", got, want)
					}
					if got, want := b.Cols[3].I64[i], 5+off*10; got != want {
						t.Fatalf("c = %d, want %d", got, want)
					}
					if got, want := b.Cols[4].F64[i], 0.5+float64(off); got != want {
						t.Fatalf("f = %g, want %g", got, want)
					}
				}
			}
		}
		if len(seen) != 10000 {
			t.Errorf("splits=%d: %d distinct ids, want 10000", splits, len(seen))
		}
	}
}

func TestNumberOfRowsAndProjection(t *testing.T) {
	cols := []connector.Column{col("a", types.NewInt()), col("b", types.NewString()), col("id", types.NewInt())}
	opts := map[string]string{"number-of-rows": "10000", "fields.id.kind": "sequence", "fields.id.start": "1", "fields.id.end": "5000"}
	rows := 0
	for _, b := range collect(t, table(cols, opts), connector.SourceRequest{Bounded: true, Projection: []int{1}}) {
		if len(b.Cols) != 1 || b.Cols[0].Type.Root != types.VarChar {
			t.Fatalf("projection gave %d columns", len(b.Cols))
		}
		rows += b.Len
	}
	if rows != 5000 {
		t.Errorf("rows = %d, want 5000 (the unprojected sequence ends the read)", rows)
	}
	opts = map[string]string{"number-of-rows": "9999"}
	total := 0
	for k := range 4 {
		for _, b := range collect(t, table(cols, opts), connector.SourceRequest{Bounded: true, Split: k, Splits: 4}) {
			total += b.Len
		}
	}
	if total != 9999 {
		t.Errorf("rows over 4 splits = %d, want 9999", total)
	}
}

func TestRandomBoundsAndSeed(t *testing.T) {
	cols := []connector.Column{
		col("i8", types.NewTinyInt()), col("i", types.NewInt()), col("l", types.NewBigInt()), col("f", types.NewFloat()),
		col("d", types.NewDouble()), col("dec", types.NewDecimal(6, 2)), col("big", types.NewDecimal(30, 4)),
		col("s", types.NewString()), col("vs", types.NewVarChar(5)), col("ch", types.NewChar(3)), col("bin", types.NewBytes()),
		col("bo", types.NewBoolean()), col("dt", types.NewDate()), col("tm", types.NewTime(0)),
		col("ts", types.NewTimestamp(3)), col("ltz", types.NewTimestampLTZ(6)), col("n", types.NewInt()),
	}
	opts := map[string]string{
		"number-of-rows": "5000", "weir.seed": "42",
		"fields.i8.min": "-3", "fields.i8.max": "3", "fields.i.min": "10", "fields.i.max": "20",
		"fields.f.min": "-1.5", "fields.f.max": "1.5", "fields.d.min": "100", "fields.d.max": "101",
		"fields.dec.min": "-9999.99", "fields.dec.max": "9999.99", "fields.big.min": "-1e20", "fields.big.max": "1e20",
		"fields.s.length": "7", "fields.vs.var-len": "true", "fields.bin.length": "9",
		"fields.ts.max-past": "1 h", "fields.ltz.max-past": "10 s", "fields.n.null-rate": "0.3",
	}
	bs := collect(t, table(cols, opts), connector.SourceRequest{Bounded: true})
	nulls, rows := 0, 0
	lens := map[int]bool{}
	for _, b := range bs {
		for i := 0; i < b.Len; i++ {
			rows++
			c := b.Cols
			if v := c[0].I8[i]; v < -3 || v > 3 {
				t.Fatalf("i8 %d", v)
			}
			if v := c[1].I32[i]; v < 10 || v > 20 {
				t.Fatalf("i %d", v)
			}
			if v := c[3].F32[i]; v < -1.5 || v > 1.5 {
				t.Fatalf("f %g", v)
			}
			if v := c[4].F64[i]; v < 100 || v > 101 {
				t.Fatalf("d %g", v)
			}
			if v := c[5].I64[i]; v < -999999 || v > 999999 {
				t.Fatalf("dec %d", v)
			}
			if s := c[6].Dec[i].String(4); len(strings.TrimLeft(strings.Split(s, ".")[0], "-")) > 21 {
				t.Fatalf("big %s", s)
			}
			if s := c[7].Bytes(i); len(s) != 7 || strings.Trim(string(s), "0123456789abcdef") != "" {
				t.Fatalf("s %q", s)
			}
			l := len(c[8].Bytes(i))
			if l < 1 || l > 5 {
				t.Fatalf("vs length %d", l)
			}
			lens[l] = true
			if len(c[9].Bytes(i)) != 3 || len(c[10].Bytes(i)) != 9 {
				t.Fatal("fixed lengths")
			}
			if c[12].I32[i] != 19797 || c[13].I32[i] != 37845123 {
				t.Fatalf("date/time %d %d", c[12].I32[i], c[13].I32[i])
			}
			ts := c[14].TS[i].Time()
			if ts.After(fixedNow) || ts.Before(fixedNow.Add(-time.Hour)) || c[14].TS[i].NanoOfMilli != 0 {
				t.Fatalf("ts %v", ts)
			}
			if ltz := c[15].TS[i].Time(); ltz.After(fixedNow) || ltz.Before(fixedNow.Add(-10*time.Second)) {
				t.Fatalf("ltz %v", ltz)
			}
			if c[16].IsNull(i) {
				nulls++
			}
		}
	}
	if rows != 5000 || nulls < 1200 || nulls > 1800 || len(lens) != 5 {
		t.Errorf("rows %d, nulls %d (want ~1500), var-len lengths %v", rows, nulls, lens)
	}
	again := collect(t, table(cols, opts), connector.SourceRequest{Bounded: true})
	for bi := range bs {
		for ci := range cols {
			for i := 0; i < bs[bi].Len; i++ {
				if vec.Compare(bs[bi].Cols[ci], i, again[bi].Cols[ci], i) != 0 {
					t.Fatalf("seeded reads differ at batch %d column %s row %d", bi, cols[ci].Name, i)
				}
			}
		}
	}
}

func TestDefaultRanges(t *testing.T) {
	cols := []connector.Column{col("f", types.NewFloat()), col("l", types.NewBigInt())}
	bs := collect(t, table(cols, map[string]string{"number-of-rows": "1000"}), connector.SourceRequest{Bounded: true})
	for _, b := range bs {
		for i := 0; i < b.Len; i++ {
			if f := b.Cols[0].F32[i]; math.IsInf(float64(f), 0) || f < 0 {
				t.Fatalf("float %g outside Flink's default [MIN_VALUE, MAX_VALUE]", f)
			}
		}
	}
}

func TestLimiter(t *testing.T) {
	now := time.Unix(0, 0)
	var slept time.Duration
	l := newLimiter(1000)
	l.now = func() time.Time { return now }
	l.sleep = func(_ context.Context, d time.Duration) error { slept += d; now = now.Add(d); return nil }
	for range 5 {
		if err := l.wait(context.Background(), 500); err != nil {
			t.Fatal(err)
		}
	}
	// 2500 rows at 1000/s: the fifth batch may start at 2 s.
	if slept != 2*time.Second {
		t.Errorf("slept %v, want 2s", slept)
	}
}

func TestStreamingPacesAndCancels(t *testing.T) {
	tbl := table([]connector.Column{col("a", types.NewInt())}, map[string]string{"rows-per-second": "100"})
	op, err := (&Factory{}).NewSource(context.Background(), tbl, connector.SourceRequest{})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	if err := op.Open(ctx); err != nil {
		t.Fatal(err)
	}
	b, err := op.Next(ctx)
	if err != nil || b.Len != 100 {
		t.Fatalf("first batch: %v rows, %v", b, err)
	}
	cancel()
	if _, err := op.Next(ctx); err != context.Canceled {
		t.Errorf("after cancel: %v", err)
	}
	op.Close()
}

func TestNextAllocations(t *testing.T) {
	cols := []connector.Column{col("i", types.NewInt()), col("s", types.NewString()), col("d", types.NewDecimal(30, 2)),
		col("ts", types.NewTimestamp(3)), col("q", types.NewBigInt())}
	tbl := table(cols, map[string]string{"number-of-rows": "100000000", "fields.q.kind": "sequence", "fields.q.start": "1",
		"fields.q.end": "100000000", "fields.i.null-rate": "0.5"})
	op, err := (&Factory{}).NewSource(context.Background(), tbl, connector.SourceRequest{Bounded: true})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if err := op.Open(ctx); err != nil {
		t.Fatal(err)
	}
	defer op.Close()
	op.Next(ctx)
	allocs := testing.AllocsPerRun(20, func() {
		if _, err := op.Next(ctx); err != nil {
			t.Fatal(err)
		}
	})
	if allocs > 0 {
		t.Errorf("%.0f allocations per batch of %d rows", allocs, batch.BatchRows)
	}
}
