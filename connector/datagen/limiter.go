package datagen

import (
	"context"
	"time"
)

// limiter paces an unbounded read at a number of rows per second: after n
// rows in total, the read is never ahead of start + n/rate.
type limiter struct {
	rate  int64
	start time.Time
	rows  int64
	now   func() time.Time
	sleep func(ctx context.Context, d time.Duration) error
}

func newLimiter(rate int64) *limiter {
	return &limiter{rate: rate, now: time.Now, sleep: sleepCtx}
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// wait blocks until n more rows may be emitted.
func (l *limiter) wait(ctx context.Context, n int) error {
	if l.start.IsZero() {
		l.start = l.now()
	}
	l.rows += int64(n)
	due := l.start.Add(time.Duration(float64(l.rows-int64(n)) / float64(l.rate) * float64(time.Second)))
	if d := due.Sub(l.now()); d > 0 {
		return l.sleep(ctx, d)
	}
	return ctx.Err()
}
