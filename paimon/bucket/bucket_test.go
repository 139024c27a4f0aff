package bucket

import (
	"math"
	"testing"

	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

func TestOf(t *testing.T) {
	tests := []struct {
		hash int32
		n    int
		want int
	}{
		{-300363099, 2, 1}, // pk_09: INT key 0
		{1465514398, 2, 0}, // pk_09: INT key 1
		{7, 3, 1},
		{-7, 3, 1},
		{math.MinInt32, 7, 2}, // |-2147483648 % 7| = 2, no abs overflow
		{math.MinInt32, 1, 0},
		{math.MaxInt32, 12345, math.MaxInt32 % 12345},
		{5, 0, 0},
	}
	for _, tc := range tests {
		if got := Of(tc.hash, tc.n); got != tc.want {
			t.Errorf("Of(%d, %d) = %d, want %d", tc.hash, tc.n, got, tc.want)
		}
	}
}

// pk_09 (bucket = 2, INT key): key 0 goes to bucket 1, key 1 to bucket 0.
func TestKeyHasherPK09(t *testing.T) {
	b, err := vec.NewBatch([]types.DataType{types.NewString(), types.NewInt()}, 2)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []int32{0, 1} {
		if err := b.AppendRow(types.Insert, "x", k); err != nil {
			t.Fatal(err)
		}
	}
	h, err := NewKeyHasher([]types.DataType{types.NewInt().NotNull()}, []int{1})
	if err != nil {
		t.Fatal(err)
	}
	wantHash := []int32{-300363099, 1465514398}
	for i, want := range wantHash {
		got, err := h.Hash(b, i)
		if err != nil || got != want {
			t.Errorf("row %d: hash %d (%v), want %d", i, got, err, want)
		}
	}
	got, err := h.Buckets(nil, b, 2)
	if err != nil || len(got) != 2 || got[0] != 1 || got[1] != 0 {
		t.Errorf("Buckets = %v, %v; want [1 0]", got, err)
	}
}

func TestKeyHasherErrors(t *testing.T) {
	if _, err := NewKeyHasher(nil, nil); err == nil {
		t.Error("empty key accepted")
	}
	if _, err := NewKeyHasher([]types.DataType{types.NewInt()}, []int{0, 1}); err == nil {
		t.Error("length mismatch accepted")
	}
	if _, err := NewKeyHasher([]types.DataType{{Root: types.Array}}, []int{0}); err == nil {
		t.Error("nested key accepted")
	}
	h, err := NewKeyHasher([]types.DataType{types.NewInt()}, []int{3})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := vec.NewBatch([]types.DataType{types.NewBigInt()}, 1)
	_ = b.AppendRow(types.Insert, int64(1))
	if _, err := h.Buckets(nil, b, 2); err == nil {
		t.Error("missing column accepted")
	}
	h2, _ := NewKeyHasher([]types.DataType{types.NewInt()}, []int{0})
	if _, err := h2.Buckets(nil, b, 2); err == nil {
		t.Error("BIGINT column for INT key accepted")
	}
	if _, err := h2.Bucket(b, 0, 0); err == nil {
		t.Error("zero buckets accepted")
	}
}
