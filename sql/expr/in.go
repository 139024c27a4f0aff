package expr

import (
	"fmt"
	"strings"
	"sync"

	"github.com/weir-data/weir/sql/fn"
	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// In is Value IN (List...) with SQL's NULL semantics: TRUE when Value equals
// an item; otherwise NULL when Value or any item is NULL; otherwise FALSE.
// Value and the items are compared in their common type. When every item is
// a literal the list becomes a hash set built once (floats compare as Java's
// ==: NaN matches nothing, -0.0 matches 0.0).
type In struct {
	Value Expr
	List  []Expr
	set   *inSet
	eqs   []Expr // Value = List[k], for lists that are not all literals
	pool  *sync.Pool
}

// inSet holds the literal items by physical kind.
type inSet struct {
	ints    map[int64]struct{}
	floats  map[float64]struct{}
	decs    map[types.Decimal]struct{}
	stamps  map[types.Timestamp]struct{}
	strs    map[string]struct{}
	hasNull bool
}

// NewIn builds value IN (list...).
func NewIn(value Expr, list ...Expr) (*In, error) {
	if len(list) == 0 {
		return nil, fmt.Errorf("IN needs at least one item")
	}
	ts := []types.DataType{value.Type()}
	allLit := true
	for _, e := range list {
		ts = append(ts, e.Type())
		if _, ok := e.(*Literal); !ok {
			allLit = false
		}
	}
	t, err := fn.CommonType(ts...)
	if err != nil {
		return nil, fmt.Errorf("IN: %w", err)
	}
	x := &In{Value: value, List: list, pool: newLogicPool()}
	if !allLit {
		for _, e := range list {
			eq, err := NewCompare(fn.OpEQ, value, e)
			if err != nil {
				return nil, fmt.Errorf("IN: %w", err)
			}
			x.eqs = append(x.eqs, eq)
		}
		return x, nil
	}
	// Cast the value, and each literal (folded now), to the common type.
	if x.Value, err = castTo(value, t); err != nil {
		return nil, err
	}
	x.set = &inSet{}
	for _, e := range list {
		c, err := castTo(e, t)
		if err != nil {
			return nil, err
		}
		lit, err := Fold(nil, c)
		if err != nil {
			return nil, fmt.Errorf("IN item %s: %w", e, err)
		}
		l, ok := lit.(*Literal)
		if !ok {
			return nil, fmt.Errorf("IN item %s did not fold to a constant", e)
		}
		if err := x.set.add(l); err != nil {
			return nil, err
		}
	}
	return x, nil
}

func (s *inSet) add(l *Literal) error {
	one := l.one
	if l.Value == nil || one == nil || one.Len == 0 {
		s.hasNull = true
		return nil
	}
	switch one.Kind {
	case vec.KindBool, vec.KindI8, vec.KindI16, vec.KindI32, vec.KindI64:
		if s.ints == nil {
			s.ints = map[int64]struct{}{}
		}
		s.ints[intOf(one, 0)] = struct{}{}
	case vec.KindF32, vec.KindF64:
		if s.floats == nil {
			s.floats = map[float64]struct{}{}
		}
		f := floatOf(one, 0)
		if f == f {
			s.floats[f+0] = struct{}{} // +0 turns -0.0 into 0.0
		}
	case vec.KindDecimal:
		if s.decs == nil {
			s.decs = map[types.Decimal]struct{}{}
		}
		s.decs[one.Dec[0]] = struct{}{}
	case vec.KindTimestamp:
		if s.stamps == nil {
			s.stamps = map[types.Timestamp]struct{}{}
		}
		s.stamps[one.TS[0]] = struct{}{}
	case vec.KindBytes:
		if s.strs == nil {
			s.strs = map[string]struct{}{}
		}
		s.strs[string(one.Bytes(0))] = struct{}{}
	}
	return nil
}

func intOf(v *vec.Vector, i int) int64 {
	switch v.Kind {
	case vec.KindBool:
		if v.Bools[i] {
			return 1
		}
		return 0
	case vec.KindI8:
		return int64(v.I8[i])
	case vec.KindI16:
		return int64(v.I16[i])
	case vec.KindI32:
		return int64(v.I32[i])
	}
	return v.I64[i]
}

func floatOf(v *vec.Vector, i int) float64 {
	if v.Kind == vec.KindF32 {
		return float64(v.F32[i])
	}
	return v.F64[i]
}

// Type is BOOLEAN, nullable when the value or an item is.
func (x *In) Type() types.DataType {
	nullable := x.Value.Type().Nullable
	for _, e := range x.List {
		nullable = nullable || e.Type().Nullable
	}
	return types.NewBoolean().WithNullable(nullable)
}

// Eval tests the selected rows.
func (x *In) Eval(ctx *fn.Context, in *vec.Batch, sel []int32, out *vec.Vector) error {
	if x.pool == nil {
		return fmt.Errorf("%s was not built with NewIn", x)
	}
	s := x.pool.Get().(*logicScratch)
	defer x.pool.Put(s)
	n := in.Len
	rows := selOrAll(sel, n, s.all)
	if sel == nil {
		s.all = rows[:0]
	}
	if x.set == nil {
		return x.evalGeneral(ctx, in, rows, s, out)
	}
	v, err := Vector(ctx, x.Value, in, sel, x.valueScratch(s))
	if err != nil {
		return err
	}
	fn.SizeOut(out, n)
	o := out.Bools[:n]
	set := x.set
	switch v.Kind {
	case vec.KindBool:
		for _, i := range rows {
			_, o[i] = set.ints[intOf(v, int(i))]
		}
	case vec.KindI8:
		for _, i := range rows {
			_, o[i] = set.ints[int64(v.I8[i])]
		}
	case vec.KindI16:
		for _, i := range rows {
			_, o[i] = set.ints[int64(v.I16[i])]
		}
	case vec.KindI32:
		for _, i := range rows {
			_, o[i] = set.ints[int64(v.I32[i])]
		}
	case vec.KindI64:
		for _, i := range rows {
			_, o[i] = set.ints[v.I64[i]]
		}
	case vec.KindF32:
		for _, i := range rows {
			_, o[i] = set.floats[float64(v.F32[i])+0]
		}
	case vec.KindF64:
		for _, i := range rows {
			_, o[i] = set.floats[v.F64[i]+0]
		}
	case vec.KindDecimal:
		for _, i := range rows {
			_, o[i] = set.decs[v.Dec[i]]
		}
	case vec.KindTimestamp:
		for _, i := range rows {
			_, o[i] = set.stamps[v.TS[i]]
		}
	case vec.KindBytes:
		for _, i := range rows {
			_, o[i] = set.strs[string(v.Data[v.Offsets[i]:v.Offsets[i+1]])]
		}
	}
	// NULL when the value is NULL, or when nothing matched and the list holds a NULL.
	for _, i := range rows {
		if v.Nulls.Get(int(i)) || (!o[i] && set.hasNull) {
			out.Nulls.Set(int(i))
			o[i] = false
		}
	}
	return nil
}

// valueScratch returns the scratch vector for the value, of its type.
func (x *In) valueScratch(s *logicScratch) *vec.Vector {
	if s.l.Type.Equal(x.Value.Type()) {
		return s.l
	}
	s.l = newScratch(x.Value.Type())
	return s.l
}

// evalGeneral ORs Value = item over the items, each evaluated only on the
// rows no earlier item matched.
func (x *In) evalGeneral(ctx *fn.Context, in *vec.Batch, rows []int32, s *logicScratch, out *vec.Vector) error {
	n := in.Len
	fn.SizeOut(out, n)
	o := out.Bools[:n]
	for _, i := range rows {
		o[i] = false
	}
	open := append(s.sel[:0], rows...)
	for _, eq := range x.eqs {
		if len(open) == 0 {
			break
		}
		v, err := Vector(ctx, eq, in, open, s.r)
		if err != nil {
			return err
		}
		rest := open[:0] // in place: writes never overtake reads
		for _, i := range open {
			switch {
			case v.Nulls.Get(int(i)):
				out.Nulls.Set(int(i))
				rest = append(rest, i)
			case v.Bools[i]:
				o[i] = true
				out.Nulls.Clear(int(i))
			default:
				rest = append(rest, i)
			}
		}
		open = rest
	}
	s.sel = open[:0]
	return nil
}

// String renders value IN (items).
func (x *In) String() string {
	parts := make([]string, len(x.List))
	for i, e := range x.List {
		parts[i] = e.String()
	}
	return "(" + x.Value.String() + " IN (" + strings.Join(parts, ", ") + "))"
}

func (x *In) children() []Expr {
	ch := append([]Expr{x.Value}, x.List...)
	return append(ch, x.eqs...)
}

func (x *In) rebuild(ch []Expr) Expr {
	nx := &In{Value: ch[0], List: ch[1 : 1+len(x.List)], set: x.set, pool: x.pool}
	if x.eqs != nil {
		nx.eqs = ch[1+len(x.List):]
	}
	return nx
}
