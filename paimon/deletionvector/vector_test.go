package deletionvector

import (
	"errors"
	"math"
	"slices"
	"testing"
)

func TestVectorBasics(t *testing.T) {
	tests := []struct {
		name      string
		positions []int64
		absent    []int64
	}{
		{"empty", nil, []int64{0, 1, 65536}},
		{"single", []int64{0}, []int64{1, -1}},
		{"sparse across containers", []int64{3, 70000, 1 << 20, math.MaxInt32}, []int64{4, 69999}},
		{"dense array to bitmap", seq(0, 5000, 1), []int64{5000, 70000}},
		{"above 32 bits", []int64{1 << 33, 1<<33 + 1, 5}, []int64{1<<33 + 2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := Of(tt.positions...)
			if err != nil {
				t.Fatal(err)
			}
			// Adding twice is idempotent.
			for _, p := range tt.positions {
				if err := v.Add(p); err != nil {
					t.Fatal(err)
				}
			}
			want := slices.Clone(tt.positions)
			slices.Sort(want)
			want = slices.Compact(want)
			if got := v.Positions(); !slices.Equal(got, want) && len(want)+len(got) > 0 {
				t.Errorf("Positions = %v, want %v", head(got), head(want))
			}
			if v.Cardinality() != int64(len(want)) {
				t.Errorf("Cardinality = %d, want %d", v.Cardinality(), len(want))
			}
			for _, p := range want {
				if !v.IsDeleted(p) {
					t.Errorf("IsDeleted(%d) = false", p)
				}
			}
			for _, p := range tt.absent {
				if v.IsDeleted(p) {
					t.Errorf("IsDeleted(%d) = true", p)
				}
			}
			wantMax := int64(-1)
			if len(want) > 0 {
				wantMax = want[len(want)-1]
			}
			if v.Max() != wantMax {
				t.Errorf("Max = %d, want %d", v.Max(), wantMax)
			}
		})
	}
}

func TestAddNegative(t *testing.T) {
	var v Vector
	if err := v.Add(-1); !errors.Is(err, ErrPosition) {
		t.Fatalf("Add(-1) = %v, want ErrPosition", err)
	}
}

func TestMerge(t *testing.T) {
	a, _ := Of(1, 2, 3)
	b, _ := Of(3, 4, 1<<40)
	a.Merge(b)
	if got, want := a.Positions(), []int64{1, 2, 3, 4, 1 << 40}; !slices.Equal(got, want) {
		t.Fatalf("merged = %v, want %v", got, want)
	}
}

func seq(from, to, step int64) []int64 {
	var out []int64
	for i := from; i < to; i += step {
		out = append(out, i)
	}
	return out
}

func head(s []int64) []int64 {
	if len(s) > 10 {
		return s[:10]
	}
	return s
}
