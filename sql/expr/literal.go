package expr

import (
	"encoding/hex"
	"fmt"
	"math/big"
	"strings"

	"github.com/weir-data/weir/sql/fn"
	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// Literal is a constant of type T (Value uses the Go types listed in package
// types; nil is NULL). Eval broadcasts it to every row.
type Literal struct {
	Value any
	T     types.DataType
	one   *vec.Vector // the value as a one-row vector; read-only
}

// NewLiteral returns the constant v of type t; it is an error when v is not
// of the Go type that holds t.
func NewLiteral(v any, t types.DataType) (*Literal, error) {
	if err := checkType("literal", t); err != nil {
		return nil, err
	}
	one := vec.MustNew(t, 1)
	if err := one.Append(v); err != nil {
		return nil, fmt.Errorf("literal %v: %w", v, err)
	}
	if v != nil && t.Root == types.DecimalRoot {
		if d := fn.DecimalAt(one, 0); d.Big().CmpAbs(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(t.Precision)), nil)) >= 0 ||
			(t.IsCompactDecimal() && isWideDecimal(v)) {
			return nil, fmt.Errorf("literal %v does not fit %s", v, t)
		}
	}
	return &Literal{Value: v, T: t, one: one}, nil
}

func isWideDecimal(v any) bool {
	d, ok := v.(types.Decimal)
	return ok && !d.IsInt64()
}

// NewNull returns a NULL of type t.
func NewNull(t types.DataType) *Literal {
	l, err := NewLiteral(nil, t.WithNullable(true))
	if err != nil {
		return &Literal{T: t.WithNullable(true)}
	}
	return l
}

// Type returns the literal's type.
func (l *Literal) Type() types.DataType { return l.T }

// Eval writes the value into every row of out.
func (l *Literal) Eval(_ *fn.Context, in *vec.Batch, _ []int32, out *vec.Vector) error {
	n := in.Len
	one := l.one
	if one == nil { // built by hand rather than by NewLiteral: correct, but allocates
		built, err := NewLiteral(l.Value, l.T)
		if err != nil {
			return err
		}
		one = built.one
	}
	if l.Value == nil {
		for i := 0; i < n; i++ {
			out.AppendNull()
		}
		return nil
	}
	if out.Kind == vec.KindBytes {
		b := one.Bytes(0)
		for i := 0; i < n; i++ {
			out.AppendBytes(b)
		}
		return nil
	}
	fn.SizeOut(out, n)
	switch out.Kind {
	case vec.KindBool:
		fill(out.Bools, one.Bools[0])
	case vec.KindI8:
		fill(out.I8, one.I8[0])
	case vec.KindI16:
		fill(out.I16, one.I16[0])
	case vec.KindI32:
		fill(out.I32, one.I32[0])
	case vec.KindI64:
		fill(out.I64, one.I64[0])
	case vec.KindF32:
		fill(out.F32, one.F32[0])
	case vec.KindF64:
		fill(out.F64, one.F64[0])
	case vec.KindDecimal:
		fill(out.Dec, one.Dec[0])
	case vec.KindTimestamp:
		fill(out.TS, one.TS[0])
	}
	return nil
}

func fill[T any](s []T, v T) {
	for i := range s {
		s[i] = v
	}
}

// String renders the literal as SQL: 'text' (quotes doubled), numbers
// plainly, TRUE/FALSE, DATE '…', TIME '…', TIMESTAMP '…', X'…' for binary
// strings, NULL.
func (l *Literal) String() string {
	if l.Value == nil {
		return "NULL"
	}
	s, _ := types.FormatValue(l.T, l.Value, nil)
	switch {
	case l.T.Root == types.Boolean:
		return strings.ToUpper(s)
	case l.T.IsString():
		return "'" + strings.ReplaceAll(s, "'", "''") + "'"
	case l.T.IsBinary():
		b, _ := l.Value.([]byte)
		return "X'" + strings.ToUpper(hex.EncodeToString(b)) + "'"
	case l.T.Root == types.Date:
		return "DATE '" + s + "'"
	case l.T.Root == types.Time:
		return "TIME '" + s + "'"
	case l.T.Root == types.TimestampRoot:
		return "TIMESTAMP '" + s + "'"
	case l.T.Root == types.TimestampLTZ:
		ts, _ := l.Value.(types.Timestamp)
		return fmt.Sprintf("TO_TIMESTAMP_LTZ(%d, 3)", ts.Millis)
	}
	return s
}

func (l *Literal) children() []Expr { return nil }

func (l *Literal) rebuild([]Expr) Expr { return l }

// argOf describes e as an argument for function resolution: literals pass
// their value so that kernels can prepare once.
func argOf(e Expr) fn.Arg {
	if l, ok := e.(*Literal); ok {
		return fn.Arg{Type: l.T, IsConst: true, Const: l.Value}
	}
	return fn.Arg{Type: e.Type()}
}
