package merge

import (
	"testing"
	"time"

	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// BenchmarkAggregateSum merges 1M records over 100K keys (10 records per key,
// 10% of them -U retractions) of a 5-column table: an INT primary key and
// four summed columns (BIGINT, INT, DOUBLE, DECIMAL(18, 2)).
func BenchmarkAggregateSum(b *testing.B) {
	const records, keys, batchSize = 1_000_000, 100_000, 4096
	fields := []types.Field{
		{ID: 0, Name: "k", Type: types.NewInt().NotNull()},
		{ID: 1, Name: "v1", Type: types.NewBigInt()},
		{ID: 2, Name: "v2", Type: types.NewInt()},
		{ID: 3, Name: "v3", Type: types.NewDouble()},
		{ID: 4, Name: "v4", Type: types.NewDecimal(18, 2)},
	}
	opts := mustOpts(b, map[string]string{
		"merge-engine":                      "aggregation",
		"fields.default-aggregate-function": "sum",
	})
	f, err := New(opts, fields, "k")
	if err != nil {
		b.Fatal(err)
	}
	// Records sorted by key, in batches.
	var batches []*vec.Batch
	var refs []Ref
	var kinds []types.RowKind
	per := records / keys
	for r := 0; r < records; r++ {
		if r%batchSize == 0 {
			nb, _ := vec.NewBatch(typesOf(fields), batchSize)
			batches = append(batches, nb)
		}
		bt := batches[len(batches)-1]
		kind := types.Insert
		if r%10 == 9 {
			kind = types.UpdateBefore
		}
		var v4 any = types.DecimalFromInt64(int64(r % 1000))
		if r%7 == 0 {
			v4 = nil
		}
		if err := bt.AppendRow(kind, int32(r/per), int64(r), int32(r%100), float64(r)/3, v4); err != nil {
			b.Fatal(err)
		}
		refs = append(refs, Ref{Batch: int32(len(batches) - 1), Row: int32(bt.Len - 1)})
		kinds = append(kinds, kind)
	}
	seqs := make([]int64, records)
	out, _ := vec.NewBatch(typesOf(fields), 1024)
	g := &Group{Batches: batches}
	b.ResetTimer()
	start := time.Now()
	for i := 0; i < b.N; i++ {
		for k := 0; k < keys; k++ {
			lo, hi := k*per, (k+1)*per
			g.Refs, g.Kinds, g.Seqs = refs[lo:hi], kinds[lo:hi], seqs[lo:hi]
			if _, err := f.Merge(g, out); err != nil {
				b.Fatal(err)
			}
			if out.Len == 1024 {
				out.Reset()
			}
		}
	}
	b.ReportMetric(float64(records)*float64(b.N)/time.Since(start).Seconds(), "records/s")
}
