package logistics

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/weir-data/weir/bench/dataset"
	"github.com/weir-data/weir/vec"
)

const testDocuments = 5000

func collect(t *testing.T, o Options) map[string][]*vec.Batch {
	t.Helper()
	out := map[string][]*vec.Batch{}
	for _, src := range Sources(o) {
		bs, err := dataset.Collect(context.Background(), src)
		if err != nil {
			t.Fatal(err)
		}
		out[src.Table.Name] = bs
	}
	return out
}

func TestSizesKeysAndPartitions(t *testing.T) {
	o := Options{Documents: testDocuments, BatchSize: 700}
	got := collect(t, o)
	sizes := SizesFor(o)
	for _, name := range TableNames {
		tbl, _ := Table(name)
		n := 0
		seen := map[string]bool{}
		for _, b := range got[name] {
			for i := 0; i < b.Len; i++ {
				key := ""
				for _, k := range tbl.PrimaryKey {
					key += fmt.Sprint(b.Cols[tbl.ColumnIndex(k)].Value(i)) + "|"
				}
				if seen[key] {
					t.Fatalf("%s: duplicate key %s", name, key)
				}
				seen[key] = true
			}
			n += b.Len
		}
		if int64(n) != sizes.Rows(name) {
			t.Errorf("%s: %d rows, want %d", name, n, sizes.Rows(name))
		}
	}
}

// TestPartitionYearMatchesDocumentTime checks o_year = YEAR(document time)
// and create_date after the document time (the CDC lag).
func TestPartitionYearMatchesDocumentTime(t *testing.T) {
	got := collect(t, Options{Documents: testDocuments})
	for name, timeCol := range map[string]string{ShyDoc: "docdate", SeaOrder: "gmt_create", AirHAWB: "createopdate"} {
		tbl, _ := Table(name)
		tc, yc, cc := tbl.ColumnIndex(timeCol), tbl.ColumnIndex("o_year"), tbl.ColumnIndex("create_date")
		years := map[int64]int{}
		for _, b := range got[name] {
			for i := 0; i < b.Len; i++ {
				at := b.Cols[tc].TS[i].Millis
				y := int64(time.UnixMilli(at).UTC().Year())
				if b.Cols[yc].I64[i] != y {
					t.Fatalf("%s: o_year %d for a document of %d", name, b.Cols[yc].I64[i], y)
				}
				if c := b.Cols[cc].TS[i].Millis; c <= at || c > at+3_600_000 {
					t.Fatalf("%s: create_date %d not within an hour after %d", name, c, at)
				}
				years[y]++
			}
		}
		if len(years) != 2 || years[2023] == 0 || years[2024] == 0 {
			t.Errorf("%s: documents per year %v, want 2023 and 2024", name, years)
		}
	}
}

func TestDeterministic(t *testing.T) {
	render := func(o Options) string {
		s := ""
		for _, name := range TableNames {
			for _, b := range collect(t, o)[name] {
				for i := 0; i < b.Len; i++ {
					s += fmt.Sprint(b.Row(i))
				}
			}
		}
		return s
	}
	a := render(Options{Documents: 500, Seed: 3})
	if b := render(Options{Documents: 500, Seed: 3, BatchSize: 77}); a != b {
		t.Error("same seed, different rows (or batch size changes rows)")
	}
	if c := render(Options{Documents: 500, Seed: 4}); a == c {
		t.Error("different seeds, same rows")
	}
}
