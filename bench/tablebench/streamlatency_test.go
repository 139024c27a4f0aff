package tablebench

import (
	"context"
	"testing"
	"time"
)

func TestStreamLatency(t *testing.T) {
	res, err := StreamLatency(context.Background(), t.TempDir(), 8, 20, 30*time.Millisecond, 20*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	if res.P50 > res.P99 || res.P99 > res.Max || res.Max <= 0 {
		t.Fatalf("percentiles out of order: %+v", res)
	}
	t.Log(FormatStreamLatency(res))
}

func TestPct(t *testing.T) {
	var xs []time.Duration
	for i := 1; i <= 100; i++ {
		xs = append(xs, time.Duration(i))
	}
	for _, tc := range []struct{ p, want int }{{50, 50}, {99, 99}, {100, 100}, {1, 1}} {
		if got := pct(xs, tc.p); got != time.Duration(tc.want) {
			t.Fatalf("pct(%d) = %d, want %d", tc.p, got, tc.want)
		}
	}
}
