// Package expr holds bound, typed SQL expressions that are evaluated a batch
// at a time: column references, literals, calls of resolved functions
// (sql/fn), casts, the lazily evaluated AND, OR, CASE, COALESCE and NULLIF,
// IN lists and LIKE, and the helpers the planner and executor use around them
// (Filter, Fold, Columns, Remap, Vector, Program).
//
// # Concurrency
//
// An expression tree is immutable once built and may be evaluated by any
// number of goroutines at once: nodes that need scratch vectors (Call, Cast,
// And, Or, Case, ...) take them from a pool they own and give them back
// before Eval returns, so the steady state allocates nothing per batch. Build
// nodes with their constructors (NewCall, NewCase, ...): they resolve
// functions, insert implicit casts and set up the pools.
//
// # Selections
//
// Eval with a selection computes only the selected rows; the other rows of
// the output are unspecified. Conditional nodes use selections to evaluate
// a branch only on the rows that reach it, so CASE WHEN x <> 0 THEN 10 / x
// END never divides by zero and x <> 0 AND 10 / x > 1 never does either.
package expr

import (
	"github.com/weir-data/weir/sql/fn"
	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// Expr is a bound, typed expression.
type Expr interface {
	Type() types.DataType
	// Eval computes the expression for every row of in (or only the rows in
	// sel, ascending, when sel != nil: other rows of out are unspecified)
	// into out, which the caller provides reset, with the expression's type;
	// out ends with in.Len rows.
	Eval(ctx *fn.Context, in *vec.Batch, sel []int32, out *vec.Vector) error
	// String renders the expression as SQL-like text for EXPLAIN, with
	// column references by name.
	String() string
}

// node is implemented by every Expr of this package so that the generic
// tree walks (Columns, Remap, Fold) can visit and rebuild it.
type node interface {
	Expr
	children() []Expr
	// rebuild returns a copy of the node with new children: the same
	// number, each of the same type as the one it replaces (the copy shares
	// the node's resolved functions and scratch pools).
	rebuild(children []Expr) Expr
}

// Vector returns the value of e over in as a vector: for a Column the input
// column itself (no copy; the caller must not modify it), otherwise scratch,
// reset and filled by e.Eval. scratch must have e's type. Rows outside sel
// are unspecified.
func Vector(ctx *fn.Context, e Expr, in *vec.Batch, sel []int32, scratch *vec.Vector) (*vec.Vector, error) {
	if c, ok := e.(*Column); ok && c.Index >= 0 && c.Index < len(in.Cols) {
		return in.Cols[c.Index], nil
	}
	scratch.Reset()
	if err := e.Eval(ctx, in, sel, scratch); err != nil {
		return nil, err
	}
	return scratch, nil
}

// newScratch returns an empty vector for e's type (e must have a type
// vectors hold; constructors check this).
func newScratch(t types.DataType) *vec.Vector {
	v, err := vec.New(t, 0)
	if err != nil {
		// Constructors check every type with checkType, so this cannot
		// happen; an empty boolean vector keeps Eval from crashing.
		return vec.MustNew(types.NewBoolean(), 0)
	}
	return v
}

// checkType reports an error when vectors cannot hold values of t.
func checkType(what string, t types.DataType) error {
	if _, err := vec.KindOf(t); err != nil {
		return &TypeError{What: what, Err: err}
	}
	return nil
}

// TypeError says that an expression has a type the engine cannot evaluate.
type TypeError struct {
	What string
	Err  error
}

func (e *TypeError) Error() string { return e.What + ": " + e.Err.Error() }

func (e *TypeError) Unwrap() error { return e.Err }

// selOrAll returns sel, or 0..n-1 in buf when sel is nil.
func selOrAll(sel []int32, n int, buf []int32) []int32 {
	if sel != nil {
		return sel
	}
	buf = buf[:0]
	for i := 0; i < n; i++ {
		buf = append(buf, int32(i))
	}
	return buf
}
