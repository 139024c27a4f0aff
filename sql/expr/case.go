package expr

import (
	"fmt"
	"strings"
	"sync"

	"github.com/weir-data/weir/sql/fn"
	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// When is one WHEN cond THEN value arm of a searched CASE.
type When struct {
	Cond, Then Expr
}

// Case is a searched CASE: the value of the first arm whose condition is
// TRUE (not FALSE, not NULL), else Else (NULL when Else is nil). Each
// condition is evaluated only on the rows no earlier arm took, and each THEN
// only on the rows its arm takes. A simple CASE x WHEN v ... is lowered by the
// planner to x = v conditions.
type Case struct {
	Whens []When
	Else  Expr // nil: NULL
	T     types.DataType
	pool  *sync.Pool
}

// caseScratch is the per-goroutine scratch of Case and Coalesce.
type caseScratch struct {
	cond   *vec.Vector
	vals   []*vec.Vector // one per branch
	srcs   []*vec.Vector // what each branch produced (scratch or an input column)
	choice []int32       // per row: branch index, or -1 for NULL
	rem    []int32       // rows still open
	rest   []int32
	hit    []int32
	all    []int32
}

func newCasePool(branches []types.DataType) *sync.Pool {
	return &sync.Pool{New: func() any {
		s := &caseScratch{cond: newScratch(types.NewBoolean()), vals: make([]*vec.Vector, len(branches)),
			srcs: make([]*vec.Vector, len(branches))}
		for i, t := range branches {
			s.vals[i] = newScratch(t)
		}
		return s
	}}
}

// castTo returns e cast to t unless it already has t (nullability aside).
func castTo(e Expr, t types.DataType) (Expr, error) {
	if sameType(e.Type(), t) {
		return e, nil
	}
	return NewCast(e, t.WithNullable(e.Type().Nullable || e.Type().Root == 0), false)
}

// NewCase builds a searched CASE. The result type is the common type of the
// THEN values and ELSE (fn.CommonType); values of other types are cast to
// it. Conditions must be BOOLEAN.
func NewCase(whens []When, els Expr) (*Case, error) {
	if len(whens) == 0 {
		return nil, fmt.Errorf("CASE needs at least one WHEN")
	}
	ts := make([]types.DataType, 0, len(whens)+1)
	for _, w := range whens {
		if _, err := checkBool("CASE WHEN", w.Cond); err != nil {
			return nil, err
		}
		ts = append(ts, w.Then.Type())
	}
	if els != nil {
		ts = append(ts, els.Type())
	}
	t, err := fn.CommonType(ts...)
	if err != nil {
		return nil, fmt.Errorf("CASE: %w", err)
	}
	if err := checkType("CASE", t); err != nil {
		return nil, err
	}
	if els == nil {
		t = t.WithNullable(true)
	}
	c := &Case{Whens: make([]When, len(whens)), T: t}
	branches := make([]types.DataType, 0, len(whens)+1)
	for i, w := range whens {
		then, err := castTo(w.Then, t)
		if err != nil {
			return nil, err
		}
		c.Whens[i] = When{Cond: w.Cond, Then: then}
		branches = append(branches, then.Type())
	}
	if els != nil {
		if c.Else, err = castTo(els, t); err != nil {
			return nil, err
		}
		branches = append(branches, c.Else.Type())
	}
	c.pool = newCasePool(branches)
	return c, nil
}

// NewIf returns IF(cond, then, els) = CASE WHEN cond THEN then ELSE els END.
func NewIf(cond, then, els Expr) (*Case, error) {
	return NewCase([]When{{Cond: cond, Then: then}}, els)
}

// Type returns the CASE's type.
func (c *Case) Type() types.DataType { return c.T }

// Eval evaluates the arms lazily, each on the rows that reach it.
func (c *Case) Eval(ctx *fn.Context, in *vec.Batch, sel []int32, out *vec.Vector) error {
	if c.pool == nil {
		return fmt.Errorf("%s was not built with NewCase", c)
	}
	s := c.pool.Get().(*caseScratch)
	defer func() { clear(s.srcs); c.pool.Put(s) }()
	n := in.Len
	rows := s.start(sel, n)
	for k, w := range c.Whens {
		if len(s.rem) == 0 {
			break
		}
		cond, err := Vector(ctx, w.Cond, in, s.rem, s.cond)
		if err != nil {
			return err
		}
		hit, rest := s.hit[:0], s.rest[:0]
		for _, i := range s.rem {
			if cond.Bools[i] && !cond.Nulls.Get(int(i)) {
				hit = append(hit, i)
			} else {
				rest = append(rest, i)
			}
		}
		s.hit = hit
		if len(hit) > 0 {
			v, err := Vector(ctx, w.Then, in, hit, s.vals[k])
			if err != nil {
				return err
			}
			s.srcs[k] = v
			for _, i := range hit {
				s.choice[i] = int32(k)
			}
		}
		s.rem, s.rest = rest, s.rem[:0]
	}
	if c.Else != nil && len(s.rem) > 0 {
		k := len(c.Whens)
		v, err := Vector(ctx, c.Else, in, s.rem, s.vals[k])
		if err != nil {
			return err
		}
		s.srcs[k] = v
		for _, i := range s.rem {
			s.choice[i] = int32(k)
		}
	}
	assemble(out, n, s.srcs, s.choice, rows, sel != nil)
	return nil
}

// start prepares the scratch for n rows: every row open and NULL so far.
// It returns the rows to compute.
func (s *caseScratch) start(sel []int32, n int) []int32 {
	rows := sel
	if rows == nil {
		s.all = selOrAll(nil, n, s.all)
		rows = s.all
	}
	if cap(s.choice) < n {
		s.choice = make([]int32, n)
	}
	s.choice = s.choice[:n]
	for _, i := range rows {
		s.choice[i] = -1
	}
	s.rem = append(s.rem[:0], rows...)
	return rows
}

// String renders CASE WHEN … THEN … [ELSE …] END.
func (c *Case) String() string {
	var b strings.Builder
	b.WriteString("CASE")
	for _, w := range c.Whens {
		b.WriteString(" WHEN " + w.Cond.String() + " THEN " + w.Then.String())
	}
	if c.Else != nil {
		b.WriteString(" ELSE " + c.Else.String())
	}
	b.WriteString(" END")
	return b.String()
}

func (c *Case) children() []Expr {
	ch := make([]Expr, 0, 2*len(c.Whens)+1)
	for _, w := range c.Whens {
		ch = append(ch, w.Cond, w.Then)
	}
	if c.Else != nil {
		ch = append(ch, c.Else)
	}
	return ch
}

func (c *Case) rebuild(ch []Expr) Expr {
	nc := &Case{Whens: make([]When, len(c.Whens)), T: c.T, pool: c.pool}
	for i := range nc.Whens {
		nc.Whens[i] = When{Cond: ch[2*i], Then: ch[2*i+1]}
	}
	if c.Else != nil {
		nc.Else = ch[len(ch)-1]
	}
	return nc
}

// Coalesce is COALESCE(args...): the first argument that is not NULL. Each
// argument is evaluated only on the rows all earlier ones left NULL.
type Coalesce struct {
	Args []Expr
	T    types.DataType
	pool *sync.Pool
}

// NewCoalesce builds COALESCE over the common type of args; it is NOT NULL
// when any argument is.
func NewCoalesce(args ...Expr) (*Coalesce, error) {
	if len(args) == 0 {
		return nil, fmt.Errorf("COALESCE needs at least one argument")
	}
	ts := make([]types.DataType, len(args))
	nullable := true
	for i, a := range args {
		ts[i] = a.Type()
		nullable = nullable && (ts[i].Nullable || ts[i].Root == 0)
	}
	t, err := fn.CommonType(ts...)
	if err != nil {
		return nil, fmt.Errorf("COALESCE: %w", err)
	}
	if err := checkType("COALESCE", t); err != nil {
		return nil, err
	}
	t = t.WithNullable(nullable)
	c := &Coalesce{Args: make([]Expr, len(args)), T: t}
	for i, a := range args {
		if c.Args[i], err = castTo(a, t); err != nil {
			return nil, err
		}
		ts[i] = c.Args[i].Type()
	}
	c.pool = newCasePool(ts)
	return c, nil
}

// Type returns the COALESCE's type.
func (c *Coalesce) Type() types.DataType { return c.T }

// Eval evaluates the arguments lazily.
func (c *Coalesce) Eval(ctx *fn.Context, in *vec.Batch, sel []int32, out *vec.Vector) error {
	if c.pool == nil {
		return fmt.Errorf("%s was not built with NewCoalesce", c)
	}
	s := c.pool.Get().(*caseScratch)
	defer func() { clear(s.srcs); c.pool.Put(s) }()
	n := in.Len
	rows := s.start(sel, n)
	for k, a := range c.Args {
		if len(s.rem) == 0 {
			break
		}
		v, err := Vector(ctx, a, in, s.rem, s.vals[k])
		if err != nil {
			return err
		}
		s.srcs[k] = v
		rest := s.rest[:0]
		for _, i := range s.rem {
			if v.Nulls.Get(int(i)) {
				rest = append(rest, i)
			} else {
				s.choice[i] = int32(k)
			}
		}
		s.rem, s.rest = rest, s.rem[:0]
	}
	assemble(out, n, s.srcs, s.choice, rows, sel != nil)
	return nil
}

// String renders COALESCE(a, b, ...).
func (c *Coalesce) String() string {
	parts := make([]string, len(c.Args))
	for i, a := range c.Args {
		parts[i] = a.String()
	}
	return "COALESCE(" + strings.Join(parts, ", ") + ")"
}

func (c *Coalesce) children() []Expr { return c.Args }

func (c *Coalesce) rebuild(ch []Expr) Expr { return &Coalesce{Args: ch, T: c.T, pool: c.pool} }

// NullIf is NULLIF(A, B): NULL when A = B is TRUE, else A. A is evaluated
// twice (for the comparison and for the value).
type NullIf struct {
	A, B Expr
	eq   Expr
	pool *sync.Pool
}

// NewNullIf builds NULLIF(a, b); a and b must be comparable.
func NewNullIf(a, b Expr) (*NullIf, error) {
	eq, err := NewCompare(fn.OpEQ, a, b)
	if err != nil {
		return nil, fmt.Errorf("NULLIF: %w", err)
	}
	if err := checkType("NULLIF", a.Type()); err != nil {
		return nil, err
	}
	return &NullIf{A: a, B: b, eq: eq, pool: newCasePool([]types.DataType{a.Type()})}, nil
}

// Type is A's type, nullable.
func (x *NullIf) Type() types.DataType { return x.A.Type().WithNullable(true) }

// Eval evaluates A and A = B on the selected rows.
func (x *NullIf) Eval(ctx *fn.Context, in *vec.Batch, sel []int32, out *vec.Vector) error {
	if x.pool == nil {
		return fmt.Errorf("%s was not built with NewNullIf", x)
	}
	s := x.pool.Get().(*caseScratch)
	defer func() { clear(s.srcs); x.pool.Put(s) }()
	n := in.Len
	rows := s.start(sel, n)
	eq, err := Vector(ctx, x.eq, in, sel, s.cond)
	if err != nil {
		return err
	}
	v, err := Vector(ctx, x.A, in, sel, s.vals[0])
	if err != nil {
		return err
	}
	s.srcs[0] = v
	for _, i := range rows {
		if !eq.Bools[i] || eq.Nulls.Get(int(i)) {
			s.choice[i] = 0
		}
	}
	assemble(out, n, s.srcs, s.choice, rows, sel != nil)
	return nil
}

// String renders NULLIF(a, b).
func (x *NullIf) String() string { return "NULLIF(" + x.A.String() + ", " + x.B.String() + ")" }

func (x *NullIf) children() []Expr { return []Expr{x.A, x.B, x.eq} }

func (x *NullIf) rebuild(ch []Expr) Expr { return &NullIf{A: ch[0], B: ch[1], eq: ch[2], pool: x.pool} }

// assemble writes row i of out (for every i in rows) from row i of
// srcs[choice[i]], or NULL when choice[i] < 0. Unselected rows (sparse) are
// left unspecified (empty for bytes).
func assemble(out *vec.Vector, n int, srcs []*vec.Vector, choice []int32, rows []int32, sparse bool) {
	if out.Kind == vec.KindBytes {
		next := 0
		for i := 0; i < n; i++ {
			if sparse {
				if next >= len(rows) || int(rows[next]) != i {
					out.AppendBytes(nil)
					continue
				}
				next++
			}
			if c := choice[i]; c >= 0 {
				out.AppendFrom(srcs[c], i)
			} else {
				out.AppendNull()
			}
		}
		return
	}
	fn.SizeOut(out, n)
	for _, i := range rows {
		if c := choice[i]; c < 0 || srcs[c].Nulls.Get(int(i)) {
			out.Nulls.Set(int(i))
			choice[i] = -1
		}
	}
	switch out.Kind {
	case vec.KindBool:
		for _, i := range rows {
			if c := choice[i]; c >= 0 {
				out.Bools[i] = srcs[c].Bools[i]
			}
		}
	case vec.KindI8:
		for _, i := range rows {
			if c := choice[i]; c >= 0 {
				out.I8[i] = srcs[c].I8[i]
			}
		}
	case vec.KindI16:
		for _, i := range rows {
			if c := choice[i]; c >= 0 {
				out.I16[i] = srcs[c].I16[i]
			}
		}
	case vec.KindI32:
		for _, i := range rows {
			if c := choice[i]; c >= 0 {
				out.I32[i] = srcs[c].I32[i]
			}
		}
	case vec.KindI64:
		for _, i := range rows {
			if c := choice[i]; c >= 0 {
				out.I64[i] = srcs[c].I64[i]
			}
		}
	case vec.KindF32:
		for _, i := range rows {
			if c := choice[i]; c >= 0 {
				out.F32[i] = srcs[c].F32[i]
			}
		}
	case vec.KindF64:
		for _, i := range rows {
			if c := choice[i]; c >= 0 {
				out.F64[i] = srcs[c].F64[i]
			}
		}
	case vec.KindDecimal:
		for _, i := range rows {
			if c := choice[i]; c >= 0 {
				out.Dec[i] = srcs[c].Dec[i]
			}
		}
	case vec.KindTimestamp:
		for _, i := range rows {
			if c := choice[i]; c >= 0 {
				out.TS[i] = srcs[c].TS[i]
			}
		}
	}
}
