package crand

import "testing"

func TestDrawsArePureAndInRange(t *testing.T) {
	a, b := Source{Seed: 1}, Source{Seed: 2}
	same, hits := 0, map[int64]int{}
	for n := uint64(0); n < 10000; n++ {
		if a.U64(3, n) != a.U64(3, n) {
			t.Fatal("a draw is not a pure function of its arguments")
		}
		if a.U64(3, n) == b.U64(3, n) || a.U64(3, n) == a.U64(4, n) {
			same++
		}
		v := a.Between(5, n, -2, 2)
		if v < -2 || v > 2 {
			t.Fatalf("Between(-2, 2) = %d", v)
		}
		hits[v]++
		if f := a.Float(6, n); f < 0 || f >= 1 {
			t.Fatalf("Float = %v", f)
		}
	}
	if same > 0 {
		t.Errorf("%d draws equal across seeds or streams", same)
	}
	for v := int64(-2); v <= 2; v++ {
		if hits[v] < 1800 || hits[v] > 2200 {
			t.Errorf("value %d drawn %d times of 10000, want about 2000", v, hits[v])
		}
	}
}
