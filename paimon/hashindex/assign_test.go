package hashindex

import (
	"slices"
	"strings"
	"testing"
)

func TestAssign(t *testing.T) {
	for _, tc := range []struct {
		name   string
		opts   Options
		loaded map[int][]int32
		hashes []int32
		want   []int // bucket per hash; -1: any existing bucket of the assigner
		dirty  []int
	}{
		{
			name: "fills buckets in order", opts: Options{TargetRowNum: 2, MaxBuckets: -1, Assigners: 1},
			hashes: []int32{10, 11, 12, 10, 13, 14},
			want:   []int{0, 0, 1, 0, 1, 2}, dirty: []int{0, 1, 2},
		},
		{
			name: "known keys keep their bucket", opts: Options{TargetRowNum: 2, MaxBuckets: -1, Assigners: 1},
			loaded: map[int][]int32{0: {1, 2}, 1: {3}},
			hashes: []int32{3, 1, 7, 8},
			want:   []int{1, 0, 1, 2}, dirty: []int{1, 2},
		},
		{
			name: "hash collisions share a bucket", opts: Options{TargetRowNum: 1, MaxBuckets: -1, Assigners: 1},
			hashes: []int32{5, 5, 5, 6},
			want:   []int{0, 0, 0, 1}, dirty: []int{0, 1},
		},
		{
			name: "max buckets then random", opts: Options{TargetRowNum: 1, MaxBuckets: 2, Assigners: 1},
			hashes: []int32{1, 2, 3, 4},
			want:   []int{0, 1, -1, -1}, dirty: []int{0, 1},
		},
		{
			name: "two assigners own even and odd buckets", opts: Options{TargetRowNum: 1, MaxBuckets: -1, Assigners: 2},
			hashes: []int32{2, 3, -5, 4, 7},
			want:   []int{0, 1, 3, 2, 5}, dirty: []int{0, 1, 2, 3, 5},
		},
		{
			name: "loaded full bucket is skipped", opts: Options{TargetRowNum: 2, MaxBuckets: -1, Assigners: 1},
			loaded: map[int][]int32{0: {1, 2}, 2: {3}},
			hashes: []int32{4, 5, 6},
			want:   []int{2, 1, 1}, dirty: []int{1, 2},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := NewPartitionIndex(tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			var ids []int
			for b := range tc.loaded {
				ids = append(ids, b)
			}
			slices.Sort(ids)
			for _, b := range ids {
				if err := p.Load(b, tc.loaded[b]); err != nil {
					t.Fatal(err)
				}
			}
			for i, h := range tc.hashes {
				b, err := p.Assign(h)
				if err != nil {
					t.Fatalf("hash %d: %v", h, err)
				}
				if w := tc.want[i]; w >= 0 && b != w {
					t.Fatalf("hash %d → bucket %d, want %d", h, b, w)
				} else if w < 0 && (b < 0 || b >= tc.opts.MaxBuckets) {
					t.Fatalf("hash %d → bucket %d, want an existing bucket", h, b)
				}
			}
			if got := p.Dirty(); !slices.Equal(got, tc.dirty) {
				t.Fatalf("dirty = %v, want %v", got, tc.dirty)
			}
			for _, b := range p.Dirty() {
				p.MarkClean(b)
			}
			if got := p.Dirty(); len(got) != 0 {
				t.Fatalf("dirty after MarkClean = %v", got)
			}
		})
	}
}

func TestAssignHashesPerBucket(t *testing.T) {
	p, _ := NewPartitionIndex(Options{TargetRowNum: 2, MaxBuckets: -1, Assigners: 1})
	_ = p.Load(0, []int32{9})
	for _, h := range []int32{9, 8, 7, 8} {
		if _, err := p.Assign(h); err != nil {
			t.Fatal(err)
		}
	}
	if got := p.Hashes(0); !slices.Equal(got, []int32{9, 8}) {
		t.Fatalf("bucket 0 hashes %v", got)
	}
	if got := p.Hashes(1); !slices.Equal(got, []int32{7}) {
		t.Fatalf("bucket 1 hashes %v", got)
	}
	if p.Len() != 3 {
		t.Fatalf("Len = %d", p.Len())
	}
}

func TestAssignErrors(t *testing.T) {
	p, _ := NewPartitionIndex(Options{TargetRowNum: 1, MaxBuckets: 1, Assigners: 2})
	if _, err := p.Assign(2); err != nil { // assigner 0 opens bucket 0
		t.Fatal(err)
	}
	if _, err := p.Assign(3); err == nil || !strings.Contains(err.Error(), "dynamic-bucket.max-buckets") {
		t.Fatalf("assigner without buckets: %v", err)
	}
	if err := p.Load(MaxBuckets, nil); err == nil {
		t.Fatal("Load of an out-of-range bucket succeeded")
	}
}

func TestOptionsValidate(t *testing.T) {
	err := Options{TargetRowNum: 0, MaxBuckets: 0, Assigners: 0}.Validate()
	for _, want := range []string{"target-row-num", "max-buckets", "initial-buckets"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Fatalf("Validate() = %v, want mention of %s", err, want)
		}
	}
	if err := (Options{TargetRowNum: 1, MaxBuckets: -1, Assigners: 1}).Validate(); err != nil {
		t.Fatal(err)
	}
}
