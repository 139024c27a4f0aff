// Package fn holds Weir's SQL functions: scalar kernels and aggregate
// functions evaluated a vector at a time, the casts between types, and Flink's
// rules for resolving a call (implicit casts, result types, nullability).
//
// A call is resolved once, when a statement is planned (ResolveScalar,
// ResolveAggregate), into a value that carries its argument and result types
// and its kernel; evaluation then never looks up a name or switches on a type
// per row.
package fn

import (
	"time"

	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// Context is what a kernel may read besides its arguments. One Context lives
// for one statement (batch) or one job (streaming).
type Context struct {
	// Location is table.local-time-zone: the zone TIMESTAMP_LTZ values are
	// shown and converted in. Never nil once a statement runs.
	Location *time.Location
	// Now is the instant the statement started; CURRENT_TIMESTAMP, NOW(),
	// LOCALTIMESTAMP and CURRENT_DATE are derived from it (Flink batch
	// semantics: constant within a statement).
	Now types.Timestamp
}

// Loc returns Location, or UTC when the Context or its Location is nil, so
// that a kernel never fails on a missing zone.
func (c *Context) Loc() *time.Location {
	if c == nil || c.Location == nil {
		return time.UTC
	}
	return c.Location
}

// Arg describes one argument of a call being resolved: its type and, when
// the argument is a literal (after constant folding), its value (nil for a
// NULL literal) so that a kernel can prepare once (a compiled regular
// expression, a parsed date format).
type Arg struct {
	Type    types.DataType
	IsConst bool
	Const   any
}

// Kernel computes a scalar function over rows of its argument vectors. Every
// argument vector has the same number of rows n; the kernel writes exactly n
// rows into out (which the caller has reset and which has the call's result
// type). When sel is not nil only the rows listed in sel (ascending) must be
// computed; the others may hold anything, but out still ends with n rows.
// A kernel never panics on any input: overflow, invalid input and division
// by zero follow Flink (an error naming the function and the value, or NULL
// where Flink returns NULL).
type Kernel func(ctx *Context, args []*vec.Vector, sel []int32, n int, out *vec.Vector) error

// Scalar is a resolved scalar function call.
type Scalar struct {
	// Name is the function's canonical upper-case name ("+" and "=" for
	// operators, "CAST" for casts).
	Name string
	// Args are the types the kernel expects; the planner casts each actual
	// argument whose type differs (Flink's implicit casts).
	Args []types.DataType
	// Result is the result type, nullability included.
	Result types.DataType
	// Deterministic is false for functions such as RAND() or UUID() that the
	// planner must not fold or deduplicate. NOW() and CURRENT_TIMESTAMP are
	// deterministic within a statement (they read Context.Now).
	Deterministic bool
	Kernel        Kernel
}

// Aggregate is a resolved aggregate function call (COUNT, SUM, ...).
type Aggregate struct {
	Name   string
	Args   []types.DataType
	Result types.DataType
	// New returns empty accumulators for a hash or sort aggregation.
	New func() Accumulators
}

// Accumulators hold the states of one aggregate function for many groups,
// addressed by dense group numbers 0..Len()-1, so that a hash aggregation
// updates a whole batch with one call.
type Accumulators interface {
	// Grow makes room for groups up to n-1, each new group starting empty.
	Grow(n int)
	// Len is the number of groups.
	Len() int
	// Update adds rows to their groups: row i of args (or, when sel is not
	// nil, each row i in sel) goes to group groups[i]. len(groups) is the
	// number of rows of the argument vectors.
	Update(ctx *Context, groups []uint32, args []*vec.Vector, sel []int32) error
	// Merge adds group g of other (accumulators of the same resolved
	// aggregate) into group into[g] of the receiver, for every group of other
	// (parallel partial aggregation).
	Merge(other Accumulators, into []uint32) error
	// Result appends the value of groups [lo, hi) to out.
	Result(ctx *Context, lo, hi int, out *vec.Vector) error
	// MemoryBytes estimates the memory held, for the query's memory budget.
	MemoryBytes() int64
}

// Retracter is implemented by accumulators that can take back rows (-U, -D)
// as Flink's retractable aggregate functions do; streaming aggregation uses
// it.
type Retracter interface {
	Retract(ctx *Context, groups []uint32, args []*vec.Vector, sel []int32) error
}

// SizeOut prepares out, a vector the caller has reset, to receive n rows
// written by index: a fixed-width vector gets n rows (values unspecified,
// memory reused) and no nulls. Bytes vectors are filled by appending instead
// and are left as they are.
func SizeOut(out *vec.Vector, n int) {
	out.Len = n
	out.Nulls = out.Nulls[:0]
	switch out.Kind {
	case vec.KindBool:
		out.Bools = grow(out.Bools, n)
	case vec.KindI8:
		out.I8 = grow(out.I8, n)
	case vec.KindI16:
		out.I16 = grow(out.I16, n)
	case vec.KindI32:
		out.I32 = grow(out.I32, n)
	case vec.KindI64:
		out.I64 = grow(out.I64, n)
	case vec.KindF32:
		out.F32 = grow(out.F32, n)
	case vec.KindF64:
		out.F64 = grow(out.F64, n)
	case vec.KindDecimal:
		out.Dec = grow(out.Dec, n)
	case vec.KindTimestamp:
		out.TS = grow(out.TS, n)
	case vec.KindBytes:
		out.Len = 0
	}
}

// grow returns s with length n, reusing its array when it is large enough.
func grow[T any](s []T, n int) []T {
	if cap(s) >= n {
		return s[:n]
	}
	return append(s[:cap(s)], make([]T, n-cap(s))...)
}

// UnionNulls sets the null bitmap of out, sized for n rows, to the union of
// the null bitmaps of args: the rows where any argument is NULL.
func UnionNulls(out *vec.Vector, n int, args ...*vec.Vector) {
	words := (n + 63) >> 6
	out.Nulls = grow(out.Nulls[:0], words)
	clear(out.Nulls)
	anyNull := false
	for _, a := range args {
		for w, x := range a.Nulls {
			if w >= words {
				break
			}
			out.Nulls[w] |= x
			anyNull = anyNull || x != 0
		}
	}
	if r := n & 63; r != 0 && words > 0 {
		out.Nulls[words-1] &= 1<<uint(r) - 1
	}
	if !anyNull {
		out.Nulls = out.Nulls[:0]
	}
}
