package vec

import (
	"math"
	"reflect"
	"testing"

	"github.com/weir-data/weir/types"
)

func testBatch(t *testing.T) *Batch {
	t.Helper()
	b, err := NewBatch([]types.DataType{types.NewInt(), types.NewString(), types.NewDecimal(30, 2), types.NewTimestamp(9)}, 4)
	if err != nil {
		t.Fatal(err)
	}
	rows := [][]any{
		{int32(3), "c", types.DecimalFromInt64(300), types.Timestamp{Millis: 3}},
		{nil, "a", nil, nil},
		{int32(1), nil, types.DecimalFromInt64(-100), types.Timestamp{Millis: -1, NanoOfMilli: 5}},
	}
	for i, r := range rows {
		kind := types.Insert
		if i == 2 {
			kind = types.Delete
		}
		if err := b.AppendRow(kind, r...); err != nil {
			t.Fatal(err)
		}
	}
	return b
}

func TestBatchRoundTrip(t *testing.T) {
	b := testBatch(t)
	if b.Len != 3 || b.Kind(0) != types.Insert || b.Kind(2) != types.Delete {
		t.Fatalf("len %d kinds %v", b.Len, b.Kinds)
	}
	if got := b.Row(1); got[0] != nil || got[1] != "a" || got[2] != nil {
		t.Fatalf("row 1 = %v", got)
	}
	g := b.Gather([]int32{2, 0})
	if !reflect.DeepEqual(g.Row(0), b.Row(2)) || !reflect.DeepEqual(g.Row(1), b.Row(0)) || g.Kind(0) != types.Delete {
		t.Fatalf("gather: %v %v", g.Row(0), g.Row(1))
	}
	if err := b.AppendRow(types.Insert, "wrong", "x", nil, nil); err == nil {
		t.Fatal("type mismatch accepted")
	}
	if b.Cols[1].Len != 3 {
		t.Fatalf("failed append left column 1 with %d rows", b.Cols[1].Len)
	}
}

func TestCompare(t *testing.T) {
	b := testBatch(t)
	tests := []struct {
		col, i, j, want int
	}{
		{0, 0, 2, 1}, {0, 1, 0, -1}, {0, 1, 1, 0},
		{1, 0, 1, 1}, {1, 2, 1, -1},
		{2, 2, 0, -1}, {3, 2, 0, -1},
	}
	for _, tc := range tests {
		if got := Compare(b.Cols[tc.col], tc.i, b.Cols[tc.col], tc.j); got != tc.want {
			t.Errorf("col %d compare(%d,%d) = %d want %d", tc.col, tc.i, tc.j, got, tc.want)
		}
	}
}

func TestAppendGather(t *testing.T) {
	a, c := testBatch(t), testBatch(t)
	out := MustNew(types.NewString(), 0)
	out.AppendGather([]*Vector{a.Cols[1], c.Cols[1]}, []int32{1, 0, 1}, []int32{0, 1, 2})
	if out.Len != 3 || out.Value(0) != "c" || out.Value(1) != "a" || out.Value(2) != nil {
		t.Fatalf("got %v %v %v", out.Value(0), out.Value(1), out.Value(2))
	}
}

func TestCompareFloatsLikeJava(t *testing.T) {
	v := MustNew(types.NewDouble(), 3)
	_ = v.Append(math.NaN())
	_ = v.Append(math.Inf(1))
	_ = v.Append(math.Copysign(0, -1))
	if Compare(v, 0, v, 1) != 1 || Compare(v, 1, v, 0) != -1 {
		t.Fatal("NaN must sort above +Inf, as Java's Double.compare")
	}
	w := MustNew(types.NewDouble(), 1)
	_ = w.Append(0.0)
	if Compare(v, 2, w, 0) != -1 {
		t.Fatal("-0.0 must sort below 0.0")
	}
}
