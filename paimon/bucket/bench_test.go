package bucket

import (
	"strconv"
	"testing"

	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

func benchBatch(b testing.TB) (*vec.Batch, []types.DataType) {
	ts := []types.DataType{types.NewInt(), types.NewString(), types.NewDecimal(30, 2), types.NewTimestamp(9)}
	batch, err := vec.NewBatch(ts, 1024)
	if err != nil {
		b.Fatal(err)
	}
	for i := 0; i < 1024; i++ {
		if err := batch.AppendRow(types.Insert, int32(i), "customer-"+strconv.Itoa(i), types.DecimalFromInt64(int64(i)*1001),
			types.Timestamp{Millis: int64(i) * 1000, NanoOfMilli: int32(i)}); err != nil {
			b.Fatal(err)
		}
	}
	return batch, ts
}

func BenchmarkKeyHasherBuckets(b *testing.B) {
	batch, ts := benchBatch(b)
	h, err := NewKeyHasher(ts, []int{0, 1, 2, 3})
	if err != nil {
		b.Fatal(err)
	}
	dst := make([]int, 0, batch.Len)
	b.ReportAllocs()
	b.SetBytes(int64(batch.Len))
	for b.Loop() {
		if dst, err = h.Buckets(dst[:0], batch, 16); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkKeyHasherIntKey(b *testing.B) {
	batch, _ := benchBatch(b)
	h, err := NewKeyHasher([]types.DataType{types.NewInt()}, []int{0})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		for i := 0; i < batch.Len; i++ {
			if _, err := h.Bucket(batch, i, 16); err != nil {
				b.Fatal(err)
			}
		}
	}
}

func TestKeyHasherDoesNotAllocate(t *testing.T) {
	batch, ts := benchBatch(t)
	h, err := NewKeyHasher(ts, []int{0, 1, 2, 3})
	if err != nil {
		t.Fatal(err)
	}
	dst := make([]int, 0, batch.Len)
	_, _ = h.Buckets(dst, batch, 16)
	if n := testing.AllocsPerRun(20, func() { dst, _ = h.Buckets(dst[:0], batch, 16) }); n != 0 {
		t.Errorf("%v allocations per batch, want 0", n)
	}
}
