package hashtab

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

func randomKeys(r *rand.Rand, n int) []*vec.Vector {
	a := vec.MustNew(types.NewBigInt(), n)
	b := vec.MustNew(types.NewString(), n)
	c := vec.MustNew(types.NewDecimal(20, 2), n)
	for i := 0; i < n; i++ {
		if r.IntN(10) == 0 {
			a.AppendNull()
		} else {
			a.Append(int64(r.IntN(50)))
		}
		if r.IntN(10) == 0 {
			b.AppendNull()
		} else {
			b.AppendString(fmt.Sprintf("k%d", r.IntN(20)))
		}
		c.Append(types.DecimalFromInt64(int64(r.IntN(3))))
	}
	return []*vec.Vector{a, b, c}
}

func rowKey(keys []*vec.Vector, i int) string {
	s := ""
	for _, k := range keys {
		s += fmt.Sprintf("%v|", k.Value(i))
	}
	return s
}

// TestFindOrInsertMatchesModel checks ids against a map keyed by the values,
// across many batches, with NULLs equal to NULLs, resizes, and Find.
func TestFindOrInsertMatchesModel(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	tab, err := New([]types.DataType{types.NewBigInt(), types.NewString(), types.NewDecimal(20, 2)})
	if err != nil {
		t.Fatal(err)
	}
	model := map[string]uint32{}
	var ids []uint32
	for batch := 0; batch < 20; batch++ {
		keys := randomKeys(r, 1000)
		var sel []int32
		if batch%3 == 1 {
			for i := 0; i < 1000; i += 2 {
				sel = append(sel, int32(i))
			}
		}
		ids = tab.FindOrInsert(keys, 1000, sel, ids)
		check := func(i int) {
			k := rowKey(keys, i)
			want, ok := model[k]
			if !ok {
				want = uint32(len(model))
				model[k] = want
			}
			if ids[i] != want {
				t.Fatalf("batch %d row %d key %s: id %d, want %d", batch, i, k, ids[i], want)
			}
		}
		if sel == nil {
			for i := 0; i < 1000; i++ {
				check(i)
			}
		} else {
			for _, i := range sel {
				check(int(i))
			}
		}
	}
	if tab.Len() != len(model) {
		t.Fatalf("Len %d, model %d", tab.Len(), len(model))
	}
	// Find never inserts and finds every key.
	keys := randomKeys(r, 500)
	ids = tab.Find(keys, 500, nil, ids)
	for i := 0; i < 500; i++ {
		want, ok := model[rowKey(keys, i)]
		if !ok {
			want = NotFound
		}
		if ids[i] != want {
			t.Fatalf("Find row %d: %d want %d", i, ids[i], want)
		}
	}
	// AppendKeys returns the keys in id order.
	out := []*vec.Vector{vec.MustNew(types.NewBigInt(), 0), vec.MustNew(types.NewString(), 0), vec.MustNew(types.NewDecimal(20, 2), 0)}
	tab.AppendKeys(out, 0, tab.Len())
	for k, id := range model {
		if got := rowKey(out, int(id)); got != k {
			t.Fatalf("AppendKeys id %d = %s, want %s", id, got, k)
		}
	}
}

// TestHashIgnoresValuesUnderNulls: the value slot of a null row is
// unspecified, and a column without nulls hashes like one with nulls.
func TestHashIgnoresValuesUnderNulls(t *testing.T) {
	a := vec.MustNew(types.NewBigInt(), 2)
	a.Append(int64(7))
	a.AppendNull()
	b := vec.MustNew(types.NewBigInt(), 2)
	b.Append(int64(7))
	b.Append(int64(99))
	b.Nulls.Set(1)
	c := vec.MustNew(types.NewBigInt(), 1)
	c.Append(int64(7))
	ha := Hash([]*vec.Vector{a}, 2, nil)
	hb := Hash([]*vec.Vector{b}, 2, nil)
	hc := Hash([]*vec.Vector{c}, 1, nil)
	if ha[0] != hb[0] || ha[1] != hb[1] || ha[0] != hc[0] {
		t.Fatalf("hashes differ: %x %x %x", ha, hb, hc)
	}
	for _, ty := range []types.DataType{types.NewString(), types.NewDecimal(30, 2), types.NewTimestamp(9), types.NewDouble(), types.NewBoolean()} {
		x := vec.MustNew(ty, 2)
		y := vec.MustNew(ty, 2)
		var v any
		switch ty.Root {
		case types.VarChar:
			v = "abc"
		case types.DecimalRoot:
			v = types.DecimalFromInt64(12345)
		case types.TimestampRoot:
			v = types.TimestampFromEpochNanos(1_000_000_123)
		case types.Double:
			v = 1.5
		default:
			v = true
		}
		x.Append(v)
		x.AppendNull()
		y.Append(v)
		if Hash([]*vec.Vector{x}, 1, nil)[0] != Hash([]*vec.Vector{y}, 1, nil)[0] {
			t.Errorf("%s: hash depends on the presence of nulls", ty)
		}
	}
}

func BenchmarkFindOrInsertBigInt(b *testing.B) {
	tab, _ := New([]types.DataType{types.NewBigInt()})
	keys := vec.MustNew(types.NewBigInt(), 4096)
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 4096; i++ {
		keys.Append(int64(r.IntN(100000)))
	}
	var ids []uint32
	b.ReportAllocs()
	for b.Loop() {
		ids = tab.FindOrInsert([]*vec.Vector{keys}, 4096, nil, ids)
	}
}
