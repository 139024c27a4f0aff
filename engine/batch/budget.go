package batch

import (
	"errors"
	"fmt"
	"sync/atomic"
)

// errOverBudget is wrapped by Reserve's error.
var errOverBudget = errors.New("over the memory budget")

// MemoryLimitOption is the session option that sets a query's memory budget.
const MemoryLimitOption = "weir.memory.query-limit"

// Budget is a query's memory budget, shared by its operators. Operators that
// hold state (hash tables, sort buffers) reserve what they hold; over the
// limit they spill or fail with a clear error instead of growing until the
// process is killed.
type Budget struct {
	limit int64
	used  atomic.Int64
}

// NewBudget returns a budget of limit bytes (≤ 0: unlimited).
func NewBudget(limit int64) *Budget { return &Budget{limit: limit} }

// Limit is the budget in bytes (≤ 0: unlimited).
func (b *Budget) Limit() int64 {
	if b == nil {
		return 0
	}
	return b.limit
}

// Reserve takes n more bytes for op, failing when the budget would be
// exceeded.
func (b *Budget) Reserve(op string, n int64) error {
	if b == nil || n <= 0 {
		return nil
	}
	u := b.used.Add(n)
	if b.limit > 0 && u > b.limit {
		b.used.Add(-n)
		return fmt.Errorf("%s needs more memory than the query's budget of %s (%s); raise it with SET '%s' = '<size>' or make the input smaller: %w",
			op, formatBytes(b.limit), MemoryLimitOption, MemoryLimitOption, errOverBudget)
	}
	return nil
}

// Release returns n bytes.
func (b *Budget) Release(n int64) {
	if b != nil && n > 0 {
		b.used.Add(-n)
	}
}

// Used is the number of bytes reserved.
func (b *Budget) Used() int64 {
	if b == nil {
		return 0
	}
	return b.used.Load()
}

// reservation tracks what one operator holds so it can grow and release.
type reservation struct {
	budget *Budget
	op     string
	held   int64
}

// resize grows or shrinks the reservation to n bytes.
func (r *reservation) resize(n int64) error {
	if n > r.held {
		if err := r.budget.Reserve(r.op, n-r.held); err != nil {
			return err
		}
	} else {
		r.budget.Release(r.held - n)
	}
	r.held = n
	return nil
}

// force holds n bytes even over the budget: an operator that has switched
// to spilling keeps what it already holds.
func (r *reservation) force(n int64) {
	if r.budget != nil && n > r.held {
		r.budget.used.Add(n - r.held)
	}
	r.held = max(r.held, n)
}

func formatBytes(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%d GiB", n>>30)
	case n >= 1<<20:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

func (r *reservation) release() {
	r.budget.Release(r.held)
	r.held = 0
}
