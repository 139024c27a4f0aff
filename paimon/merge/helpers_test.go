package merge

import (
	"testing"

	"github.com/weir-data/weir/paimon/options"
	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

type rec struct {
	kind types.RowKind
	vals []any
}

func I(v ...any) rec  { return rec{types.Insert, v} }
func UA(v ...any) rec { return rec{types.UpdateAfter, v} }
func UB(v ...any) rec { return rec{types.UpdateBefore, v} }
func D(v ...any) rec  { return rec{types.Delete, v} }

func fieldsOf(ts ...types.DataType) []types.Field {
	out := make([]types.Field, len(ts))
	for i, t := range ts {
		out[i] = types.Field{ID: i, Name: string(rune('a' + i)), Type: t}
	}
	return out
}

func typesOf(fs []types.Field) []types.DataType {
	out := make([]types.DataType, len(fs))
	for i, f := range fs {
		out[i] = f.Type
	}
	return out
}

// buildGroup spreads the records over two batches (odd records first in the
// second batch, behind a padding row, with two leading key columns) so that
// Refs and Offset are exercised.
func buildGroup(t testing.TB, fields []types.Field, recs []rec) *Group {
	t.Helper()
	ts := append([]types.DataType{types.NewInt(), types.NewBigInt()}, typesOf(fields)...)
	b0, err := vec.NewBatch(ts, len(recs))
	if err != nil {
		t.Fatal(err)
	}
	b1, _ := vec.NewBatch(ts, len(recs))
	pad := make([]any, len(ts))
	if err := b1.AppendRow(types.Insert, pad...); err != nil {
		t.Fatal(err)
	}
	g := &Group{Batches: []*vec.Batch{b0, b1}, Offset: 2}
	for k, r := range recs {
		b, bi := b0, int32(0)
		if k%2 == 1 {
			b, bi = b1, 1
		}
		row := append([]any{int32(1), int64(k)}, r.vals...)
		if err := b.AppendRow(r.kind, row...); err != nil {
			t.Fatalf("record %d: %v", k, err)
		}
		g.Add(bi, int32(b.Len-1), r.kind, int64(k+1))
	}
	return g
}

func mustOpts(t testing.TB, m map[string]string) options.Options {
	t.Helper()
	o, err := options.Parse(m)
	if err != nil {
		t.Fatal(err)
	}
	return o
}

// run merges recs and returns the output row (nil when not emitted).
func run(t testing.TB, opts map[string]string, fields []types.Field, recs []rec, pk ...string) ([]any, Result, error) {
	t.Helper()
	f, err := New(mustOpts(t, opts), fields, pk...)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	out, err := vec.NewBatch(typesOf(fields), 1)
	if err != nil {
		t.Fatal(err)
	}
	res, err := f.Merge(buildGroup(t, fields, recs), out)
	if err != nil || !res.Emitted {
		if out.Len != 0 {
			t.Fatalf("rows appended although nothing emitted")
		}
		return nil, res, err
	}
	if out.Len != 1 || out.Kind(0) != res.Kind {
		t.Fatalf("out has %d rows, kind %v (result kind %v)", out.Len, out.Kind(0), res.Kind)
	}
	return out.Row(0), res, nil
}

func dec(s string, p, sc int) types.Decimal {
	d, err := types.ParseDecimal(s, p, sc)
	if err != nil {
		panic(err)
	}
	return d
}

func optionsParse(m map[string]string) (options.Options, error) { return options.Parse(m) }
