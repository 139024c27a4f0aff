package merge

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// A row-at-a-time reference of the merge engines on scalar values ([]any),
// written straight from the Java classes, to check the columnar code against.
// Schema: a INT NOT NULL (primary key), b BIGINT, c INT, d STRING, e DOUBLE,
// f DECIMAL(10, 2).

var modelFields = fieldsOf(types.NewInt().NotNull(), types.NewBigInt(), types.NewInt(), types.NewString(), types.NewDouble(), types.NewDecimal(10, 2))

type refAgg struct {
	fn            string
	ignoreRetract bool
	init          bool
}

func refAdd(a, b any, neg bool) any {
	s := int64(1)
	if neg {
		s = -1
	}
	switch x := a.(type) {
	case int64:
		return x + s*b.(int64)
	case int32:
		return x + int32(s)*b.(int32)
	case float64:
		return x + float64(s)*b.(float64)
	case types.Decimal:
		r := x.Int64() + s*b.(types.Decimal).Int64()
		if r >= 1e10 || r <= -1e10 {
			return nil
		}
		return types.DecimalFromInt64(r)
	}
	panic(fmt.Sprintf("add %T", a))
}

func refNeg(a any) any {
	switch x := a.(type) {
	case int64:
		return -x
	case int32:
		return -x
	case float64:
		return -x
	case types.Decimal:
		return types.DecimalFromInt64(-x.Int64())
	}
	return nil
}

func refCmp(a, b any) int {
	switch x := a.(type) {
	case int64:
		y := b.(int64)
		return map[bool]int{true: -1, false: 0}[x < y] + map[bool]int{true: 1, false: 0}[x > y]
	case int32:
		return refCmp(int64(x), int64(b.(int32)))
	case float64:
		y := b.(float64)
		return map[bool]int{true: -1, false: 0}[x < y] + map[bool]int{true: 1, false: 0}[x > y]
	case string:
		y := b.(string)
		return map[bool]int{true: -1, false: 0}[x < y] + map[bool]int{true: 1, false: 0}[x > y]
	case types.Decimal:
		return refCmp(x.Int64(), b.(types.Decimal).Int64())
	}
	panic("cmp")
}

func (r *refAgg) agg(acc, in any) any {
	switch r.fn {
	case "primary_key", "last_value":
		return in
	case "last_non_null_value":
		if in == nil {
			return acc
		}
		return in
	case "first_value":
		if !r.init {
			r.init = true
			return in
		}
		return acc
	case "first_non_null_value":
		if !r.init && in != nil {
			r.init = true
			return in
		}
		return acc
	case "sum":
		if acc == nil || in == nil {
			if acc == nil {
				return in
			}
			return acc
		}
		return refAdd(acc, in, false)
	case "count":
		if acc == nil || in == nil {
			if acc == nil {
				return int64(1)
			}
			return acc
		}
		return acc.(int64) + 1
	case "max", "min":
		if acc == nil || in == nil {
			if acc == nil {
				return in
			}
			return acc
		}
		c := refCmp(acc, in)
		if (r.fn == "max" && c < 0) || (r.fn == "min" && c > 0) {
			return in
		}
		return acc
	case "listagg":
		if in == nil || in == "" {
			return acc
		}
		if acc == nil || acc == "" {
			return in
		}
		return acc.(string) + "," + in.(string)
	}
	panic(r.fn)
}

func (r *refAgg) retract(acc, in any) (any, error) {
	if r.ignoreRetract {
		return acc, nil
	}
	switch r.fn {
	case "primary_key":
		return in, nil
	case "last_value":
		return nil, nil
	case "last_non_null_value":
		if in != nil {
			return nil, nil
		}
		return acc, nil
	case "sum":
		if acc == nil || in == nil {
			if acc == nil {
				return refNeg(in), nil
			}
			return acc, nil
		}
		return refAdd(acc, in, true), nil
	case "count":
		if acc == nil || in == nil {
			if acc == nil {
				return int64(1), nil
			}
			return acc, nil
		}
		return acc.(int64) - 1, nil
	}
	return nil, fmt.Errorf("no retract")
}

type refResult struct {
	row  []any
	kind types.RowKind
	err  bool
}

func refMerge(engine string, o map[string]string, recs []rec) refResult {
	on := func(k string) bool { return o[k] == "true" }
	n := len(modelFields)
	switch engine {
	case "deduplicate":
		var last *rec
		for i := range recs {
			if on("ignore-delete") && recs[i].kind.IsRetract() {
				continue
			}
			last = &recs[i]
		}
		if last == nil {
			return refResult{}
		}
		return refResult{row: last.vals, kind: last.kind}
	case "first-row":
		var first *rec
		for i := range recs {
			if recs[i].kind.IsRetract() {
				if on("ignore-delete") {
					continue
				}
				return refResult{err: true}
			}
			if first == nil {
				first = &recs[i]
			}
		}
		if first == nil {
			return refResult{}
		}
		return refResult{row: first.vals, kind: first.kind}
	case "partial-update":
		// Group: fields.c.sequence-group = b,d (b may sum) when set.
		grouped := o["fields.c.sequence-group"] != ""
		bAgg := &refAgg{fn: o["fields.b.aggregate-function"], ignoreRetract: on("fields.b.ignore-retract")}
		row := make([]any, n)
		meet, filled, del := false, false, false
		initRow := func(v []any) { row[0] = v[0] }
		for _, r := range recs {
			del = false
			if r.kind.IsRetract() {
				if !filled {
					initRow(r.vals)
					filled = true
				}
				if on("ignore-delete") {
					continue
				}
				if grouped {
					if r.vals[2] == nil {
						continue
					}
					if row[2] == nil || refCmp(r.vals[2], row[2]) >= 0 {
						if bAgg.fn != "" {
							acc, err := bAgg.retract(row[1], r.vals[1])
							if err != nil {
								return refResult{err: true}
							}
							row[1] = acc
						} else {
							row[1] = nil
						}
						row[2] = r.vals[2]
						row[3] = nil
					} else if bAgg.fn != "" {
						acc, err := bAgg.retract(row[1], r.vals[1])
						if err != nil {
							return refResult{err: true}
						}
						row[1] = acc
					}
					continue
				}
				if on("partial-update.remove-record-on-delete") {
					if r.kind == types.Delete {
						del = true
						row = make([]any, n)
						initRow(r.vals)
					}
					continue
				}
				return refResult{err: true}
			}
			for i, v := range r.vals {
				if grouped && (i == 1 || i == 2 || i == 3) {
					continue
				}
				if v != nil {
					row[i] = v
				}
			}
			if grouped && r.vals[2] != nil {
				if row[2] == nil || refCmp(r.vals[2], row[2]) >= 0 {
					if bAgg.fn != "" {
						row[1] = bAgg.agg(row[1], r.vals[1])
					} else {
						row[1] = r.vals[1]
					}
					row[2] = r.vals[2]
					row[3] = r.vals[3]
				} else if bAgg.fn != "" {
					row[1] = bAgg.agg(r.vals[1], row[1])
				}
			}
			meet, filled = true, true
		}
		kind := types.Insert
		if del || !meet {
			kind = types.Delete
		}
		return refResult{row: row, kind: kind}
	case "aggregation":
		aggs := make([]*refAgg, n)
		for i, f := range modelFields {
			fn := o["fields."+f.Name+".aggregate-function"]
			if fn == "" {
				fn = "last_non_null_value"
			}
			if i == 0 {
				fn = "primary_key"
			}
			aggs[i] = &refAgg{fn: fn, ignoreRetract: on("fields." + f.Name + ".ignore-retract")}
		}
		row := make([]any, n)
		var last *rec
		for ri, r := range recs {
			if on("ignore-delete") && r.kind.IsRetract() {
				continue
			}
			last = &recs[ri]
			if on("aggregation.remove-record-on-delete") && r.kind == types.Delete {
				row = make([]any, n)
				row[0] = r.vals[0]
				continue
			}
			for i := range row {
				if r.kind.IsRetract() {
					v, err := aggs[i].retract(row[i], r.vals[i])
					if err != nil {
						return refResult{err: true}
					}
					row[i] = v
				} else {
					row[i] = aggs[i].agg(row[i], r.vals[i])
				}
			}
		}
		if last == nil {
			return refResult{}
		}
		kind := types.Insert
		if on("aggregation.remove-record-on-delete") && last.kind == types.Delete {
			kind = types.Delete
		}
		return refResult{row: row, kind: kind}
	}
	panic(engine)
}

func randRecord(rng *rand.Rand) rec {
	kinds := []types.RowKind{types.Insert, types.Insert, types.Insert, types.UpdateAfter, types.UpdateBefore, types.Delete}
	null := func() bool { return rng.IntN(4) == 0 }
	vals := []any{int32(7), nil, nil, nil, nil, nil}
	if !null() {
		vals[1] = int64(rng.IntN(21) - 10)
	}
	if !null() {
		vals[2] = int32(rng.IntN(5))
	}
	if !null() {
		vals[3] = []string{"x", "y", "", "zz"}[rng.IntN(4)]
	}
	if !null() {
		vals[4] = float64(rng.IntN(9)) / 4
	}
	if !null() {
		vals[5] = types.DecimalFromInt64(int64(rng.IntN(2001)-1000) * 4_000_000)
	}
	return rec{kinds[rng.IntN(len(kinds))], vals}
}

func randConfig(rng *rand.Rand) (string, map[string]string) {
	o := map[string]string{}
	flip := func() string { return fmt.Sprint(rng.IntN(2) == 0) }
	switch rng.IntN(5) {
	case 0:
		o["ignore-delete"] = flip()
		return "deduplicate", o
	case 1:
		o["merge-engine"] = "first-row"
		o["ignore-delete"] = flip()
		return "first-row", o
	case 2:
		o["merge-engine"] = "partial-update"
		switch rng.IntN(4) {
		case 0:
			o["ignore-delete"] = "true"
		case 1:
			o["partial-update.remove-record-on-delete"] = "true"
		case 2:
			o["fields.c.sequence-group"] = "b,d"
			if rng.IntN(2) == 0 {
				o["fields.b.aggregate-function"] = "sum"
			}
		}
		return "partial-update", o
	default:
		o["merge-engine"] = "aggregation"
		fns := map[string][]string{
			"b": {"sum", "count", "max", "min", "last_value", "last_non_null_value", "first_value", "first_non_null_value"},
			"c": {"sum", "max", "min", "last_value", "first_non_null_value"},
			"d": {"max", "min", "last_value", "last_non_null_value", "listagg", "first_value"},
			"e": {"sum", "max", "min", "last_non_null_value"},
			"f": {"sum", "max", "min", "last_value", "first_value"},
		}
		for f, list := range fns {
			o["fields."+f+".aggregate-function"] = list[rng.IntN(len(list))]
			if rng.IntN(3) > 0 {
				o["fields."+f+".ignore-retract"] = "true"
			}
		}
		if rng.IntN(3) == 0 {
			o["aggregation.remove-record-on-delete"] = "true"
		}
		if rng.IntN(5) == 0 {
			o["ignore-delete"] = "true"
		}
		return "aggregation", o
	}
}

func TestModelRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	for iter := 0; iter < 4000; iter++ {
		engine, o := randConfig(rng)
		recs := make([]rec, 1+rng.IntN(8))
		for i := range recs {
			recs[i] = randRecord(rng)
		}
		want := refMerge(engine, o, recs)
		f, err := New(mustOpts(t, o), modelFields, "a")
		if err != nil {
			t.Fatalf("%v: %v", o, err)
		}
		out, _ := vec.NewBatch(typesOf(modelFields), 1)
		res, err := f.Merge(buildGroup(t, modelFields, recs), out)
		if (err != nil) != want.err {
			t.Fatalf("iter %d %s %v\nrecs %v\nerror %v, reference error %v", iter, engine, o, recs, err, want.err)
		}
		if err != nil {
			continue
		}
		if res.Emitted != (want.row != nil) {
			t.Fatalf("iter %d %s %v\nrecs %v\nemitted %v, reference %v", iter, engine, o, recs, res.Emitted, want.row)
		}
		if !res.Emitted {
			continue
		}
		if got := out.Row(0); !reflect.DeepEqual(got, want.row) || res.Kind != want.kind {
			t.Fatalf("iter %d %s %v\nrecs %v\ngot  %v %v\nwant %v %v", iter, engine, o, recs, res.Kind, got, want.kind, want.row)
		}
	}
}
