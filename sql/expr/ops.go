package expr

import (
	"github.com/weir-data/weir/sql/fn"
	"github.com/weir-data/weir/types"
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

// NewCompare returns l op r after casting both to their common type. A
// character string compared with a number, a date/time or a boolean is cast
// to the other side's type first, as Flink (Calcite's implicit coercion)
// does: ts > '2023-01-01' compares timestamps.
func NewCompare(op fn.CompareOp, l, r Expr) (Expr, error) {
	var err error
	if l, r, err = coerceStringOperand(l, r); err != nil {
		return nil, err
	}
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

// coerceStringOperand casts a string operand to the type of a numeric,
// date/time or boolean operand on the other side.
func coerceStringOperand(l, r Expr) (Expr, Expr, error) {
	isStr := func(t types.DataType) bool { return t.Root == types.Char || t.Root == types.VarChar }
	target := func(t types.DataType) bool {
		return fn.IsNumeric(t) || fn.IsDatetime(t) || t.Root == types.Boolean
	}
	lt, rt := l.Type(), r.Type()
	switch {
	case isStr(lt) && target(rt):
		c, err := NewCast(l, rt.WithNullable(lt.Nullable), false)
		return c, r, err
	case isStr(rt) && target(lt):
		c, err := NewCast(r, lt.WithNullable(rt.Nullable), false)
		return l, c, err
	}
	return l, r, nil
}
