package expr

import (
	"github.com/weir-data/weir/sql/fn"
)

// Constructors for the operators, each resolving its sql/fn function and
// inserting the implicit casts it needs.

// NewNot returns NOT e (NOT NULL is NULL).
func NewNot(e Expr) (Expr, error) { return NewFunc("NOT", e) }

// NewIs returns e IS [NOT] NULL / TRUE / FALSE, which is never NULL.
func NewIs(test fn.TruthTest, e Expr) (Expr, error) {
	f, err := fn.ResolveTruthTest(test, e.Type())
	if err != nil {
		return nil, err
	}
	return NewCall(f, e)
}

// NewIsNull returns e IS NULL.
func NewIsNull(e Expr) (Expr, error) { return NewIs(fn.TestNull, e) }

// NewIsNotNull returns e IS NOT NULL.
func NewIsNotNull(e Expr) (Expr, error) { return NewIs(fn.TestNotNull, e) }

// NewCompare returns l op r after casting both to their common type.
func NewCompare(op fn.CompareOp, l, r Expr) (Expr, error) {
	f, err := fn.ResolveCompare(op, l.Type(), r.Type())
	if err != nil {
		return nil, err
	}
	return NewCall(f, l, r)
}

// NewArithmetic returns l op r for op "+", "-", "*", "/" or "%".
func NewArithmetic(op string, l, r Expr) (Expr, error) {
	f, err := fn.ResolveArithmetic(op, l.Type(), r.Type())
	if err != nil {
		return nil, err
	}
	return NewCall(f, l, r)
}

// NewBetween returns v BETWEEN lo AND hi as (v >= lo AND v <= hi); v is
// evaluated twice.
func NewBetween(v, lo, hi Expr) (Expr, error) {
	ge, err := NewCompare(fn.OpGE, v, lo)
	if err != nil {
		return nil, err
	}
	le, err := NewCompare(fn.OpLE, v, hi)
	if err != nil {
		return nil, err
	}
	return NewAnd(ge, le)
}

// NewDatetimeInterval returns dt + interval (or dt - interval when minus),
// where interval carries an INTERVAL of kind k as Flink's runtime does
// (BIGINT milliseconds or INT months; see fn.ResolveDatetimeInterval).
func NewDatetimeInterval(dt, interval Expr, k fn.IntervalKind, minus bool) (Expr, error) {
	f, err := fn.ResolveDatetimeInterval(dt.Type(), k, minus, interval.Type().Nullable)
	if err != nil {
		return nil, err
	}
	return NewCall(f, dt, interval)
}
