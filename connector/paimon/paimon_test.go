package paimon

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/weir-data/weir/engine/batch"
	"github.com/weir-data/weir/fileio"
	"github.com/weir-data/weir/paimon/catalog"
	"github.com/weir-data/weir/paimon/table"
	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

func TestSinkThenScan(t *testing.T) {
	ctx := context.Background()
	cat := catalog.New(fileio.NewMemory())
	if err := cat.CreateDatabase(ctx, "db", false); err != nil {
		t.Fatal(err)
	}
	tbl, err := cat.CreateTable(ctx, catalog.Identifier{Database: "db", Table: "t"}, catalog.TableSpec{
		Columns: []catalog.Column{
			{Name: "id", Type: types.NewBigInt().NotNull()},
			{Name: "name", Type: types.NewString()},
			{Name: "amount", Type: types.NewDecimal(12, 2)},
		},
		PrimaryKeys: []string{"id"},
		Options:     map[string]string{"bucket": "4"},
	}, false)
	if err != nil {
		t.Fatal(err)
	}
	write := func(overwrite bool, from, to int) {
		sink, err := NewSink(ctx, SinkSpec{Table: tbl, Overwrite: overwrite})
		if err != nil {
			t.Fatal(err)
		}
		defer sink.Close()
		b, _ := vec.NewBatch([]types.DataType{types.NewBigInt(), types.NewString(), types.NewDecimal(12, 2)}, to-from)
		for i := from; i < to; i++ {
			b.AppendRow(types.Insert, int64(i), fmt.Sprint("n", i), types.DecimalFromInt64(int64(i*100+5)))
		}
		if err := sink.Write(ctx, b); err != nil {
			t.Fatal(err)
		}
		if err := sink.Commit(ctx); err != nil {
			t.Fatal(err)
		}
	}
	write(false, 0, 10000)
	read := func(par int, proj []int) []string {
		s, err := NewScan(ScanSpec{Table: tbl, Projection: proj, Parallelism: par})
		if err != nil {
			t.Fatal(err)
		}
		bs, err := batch.Collect(ctx, s)
		if err != nil {
			t.Fatal(err)
		}
		var rows []string
		for _, b := range bs {
			for i := 0; i < b.Len; i++ {
				rows = append(rows, fmt.Sprint(b.Row(i)))
			}
		}
		slices.Sort(rows)
		return rows
	}
	serial, parallel := read(1, []int{2, 0}), read(4, []int{2, 0})
	if len(serial) != 10000 || !slices.Equal(serial, parallel) {
		t.Fatalf("serial %d rows, parallel %d rows, equal %v", len(serial), len(parallel), slices.Equal(serial, parallel))
	}
	write(true, 5, 7)
	if got := read(2, nil); len(got) != 2 {
		t.Fatalf("after overwrite: %v", got)
	}
	// Cancelling mid-scan stops the workers.
	cctx, cancel := context.WithCancel(ctx)
	s, _ := NewScan(ScanSpec{Table: tbl, Parallelism: 4, Options: table.ScanOptions{}})
	if err := s.Open(cctx); err != nil {
		t.Fatal(err)
	}
	cancel()
	s.Close()
}
