package expr

import (
	"fmt"
	"sync"

	"github.com/weir-data/weir/sql/fn"
	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// And is L AND R with three-valued logic, short-circuiting: R is evaluated
// only on the rows where L is not FALSE.
type And struct {
	L, R Expr
	pool *sync.Pool
}

// Or is L OR R with three-valued logic, short-circuiting: R is evaluated only
// on the rows where L is not TRUE.
type Or struct {
	L, R Expr
	pool *sync.Pool
}

// logicScratch is the per-goroutine scratch of And, Or, Case and friends.
type logicScratch struct {
	l, r *vec.Vector
	sel  []int32
	all  []int32
}

func newLogicPool() *sync.Pool {
	return &sync.Pool{New: func() any {
		return &logicScratch{l: newScratch(types.NewBoolean()), r: newScratch(types.NewBoolean())}
	}}
}

func checkBool(op string, es ...Expr) (nullable bool, err error) {
	for _, e := range es {
		t := e.Type()
		if t.Root != types.Boolean {
			return false, fmt.Errorf("%s needs BOOLEAN operands, %s is %s", op, e, t)
		}
		nullable = nullable || t.Nullable
	}
	return nullable, nil
}

// NewAnd returns l AND r; both must be BOOLEAN.
func NewAnd(l, r Expr) (*And, error) {
	if _, err := checkBool("AND", l, r); err != nil {
		return nil, err
	}
	return &And{L: l, R: r, pool: newLogicPool()}, nil
}

// NewOr returns l OR r; both must be BOOLEAN.
func NewOr(l, r Expr) (*Or, error) {
	if _, err := checkBool("OR", l, r); err != nil {
		return nil, err
	}
	return &Or{L: l, R: r, pool: newLogicPool()}, nil
}

// Type is BOOLEAN, nullable when an operand is.
func (a *And) Type() types.DataType {
	return types.NewBoolean().WithNullable(a.L.Type().Nullable || a.R.Type().Nullable)
}

// Type is BOOLEAN, nullable when an operand is.
func (o *Or) Type() types.DataType {
	return types.NewBoolean().WithNullable(o.L.Type().Nullable || o.R.Type().Nullable)
}

// Eval evaluates L, then R where L is not FALSE.
func (a *And) Eval(ctx *fn.Context, in *vec.Batch, sel []int32, out *vec.Vector) error {
	return evalAndOr(ctx, a.pool, a.L, a.R, false, in, sel, out)
}

// Eval evaluates L, then R where L is not TRUE.
func (o *Or) Eval(ctx *fn.Context, in *vec.Batch, sel []int32, out *vec.Vector) error {
	return evalAndOr(ctx, o.pool, o.L, o.R, true, in, sel, out)
}

// evalAndOr is AND (decisive false) or OR (decisive true): the value of L
// that decides the result without R.
func evalAndOr(ctx *fn.Context, pool *sync.Pool, le, re Expr, decisive bool, in *vec.Batch, sel []int32, out *vec.Vector) error {
	if pool == nil {
		pool = newLogicPool()
	}
	s := pool.Get().(*logicScratch)
	defer pool.Put(s)
	n := in.Len
	l, err := Vector(ctx, le, in, sel, s.l)
	if err != nil {
		return err
	}
	rows := selOrAll(sel, n, s.all)
	if sel == nil {
		s.all = rows[:0]
	}
	// Rows where R is needed: L is NULL or not decisive.
	open := s.sel[:0]
	for _, i := range rows {
		if l.Nulls.Get(int(i)) || l.Bools[i] != decisive {
			open = append(open, i)
		}
	}
	s.sel = open
	var r *vec.Vector
	if len(open) > 0 {
		if r, err = Vector(ctx, re, in, open, s.r); err != nil {
			return err
		}
	}
	fn.SizeOut(out, n)
	o := out.Bools[:n]
	for _, i := range rows {
		o[i] = decisive
	}
	for _, i := range open {
		ln, rn := l.Nulls.Get(int(i)), r.Nulls.Get(int(i))
		switch {
		case !rn && r.Bools[i] == decisive:
			o[i] = decisive
		case ln || rn:
			o[i] = false
			out.Nulls.Set(int(i))
		default:
			o[i] = !decisive // both operands are the non-decisive value
		}
	}
	return nil
}

// String renders (L AND R).
func (a *And) String() string { return "(" + a.L.String() + " AND " + a.R.String() + ")" }

// String renders (L OR R).
func (o *Or) String() string { return "(" + o.L.String() + " OR " + o.R.String() + ")" }

func (a *And) children() []Expr { return []Expr{a.L, a.R} }

func (a *And) rebuild(ch []Expr) Expr { return &And{L: ch[0], R: ch[1], pool: a.pool} }

func (o *Or) children() []Expr { return []Expr{o.L, o.R} }

func (o *Or) rebuild(ch []Expr) Expr { return &Or{L: ch[0], R: ch[1], pool: o.pool} }
