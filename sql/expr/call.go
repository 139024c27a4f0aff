package expr

import (
	"fmt"
	"strings"
	"sync"

	"github.com/weir-data/weir/sql/fn"
	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// Call applies a resolved scalar function (or operator) to its arguments.
// Every argument is evaluated in full (on the selected rows) before the
// kernel runs; the lazy forms are And, Or, Case, Coalesce.
type Call struct {
	Fn   *fn.Scalar
	Args []Expr
	pool *argPool
}

// argPool hands out per-goroutine scratch for evaluating arguments.
type argPool struct {
	types []types.DataType
	p     sync.Pool
}

type argScratch struct {
	vecs []*vec.Vector // owned scratch, one per argument
	args []*vec.Vector // what the kernel gets: scratch or input columns
}

func newArgPool(ts []types.DataType) *argPool {
	ap := &argPool{types: ts}
	ap.p.New = func() any {
		s := &argScratch{vecs: make([]*vec.Vector, len(ts)), args: make([]*vec.Vector, len(ts))}
		for i, t := range ts {
			s.vecs[i] = newScratch(t)
		}
		return s
	}
	return ap
}

func (ap *argPool) get() *argScratch { return ap.p.Get().(*argScratch) }

func (ap *argPool) put(s *argScratch) {
	clear(s.args) // do not keep input columns alive
	ap.p.Put(s)
}

// evalArgs evaluates exprs over in into the scratch s.
func evalArgs(ctx *fn.Context, exprs []Expr, in *vec.Batch, sel []int32, s *argScratch) error {
	for i, a := range exprs {
		v, err := Vector(ctx, a, in, sel, s.vecs[i])
		if err != nil {
			return err
		}
		s.args[i] = v
	}
	return nil
}

// NewCall applies the resolved function f to args, casting each argument
// whose type differs from the one f expects (nullability aside).
func NewCall(f *fn.Scalar, args ...Expr) (*Call, error) {
	if f == nil || f.Kernel == nil {
		return nil, fmt.Errorf("call of an unresolved function")
	}
	if len(args) != len(f.Args) {
		return nil, fmt.Errorf("%s takes %d arguments, got %d", f.Name, len(f.Args), len(args))
	}
	if err := checkType(f.Name, f.Result); err != nil {
		return nil, err
	}
	cast := make([]Expr, len(args))
	ts := make([]types.DataType, len(args))
	for i, a := range args {
		want := f.Args[i]
		if !sameType(a.Type(), want) {
			c, err := NewCast(a, want.WithNullable(a.Type().Nullable || want.Nullable), false)
			if err != nil {
				return nil, fmt.Errorf("argument %d of %s: %w", i+1, f.Name, err)
			}
			a = c
		}
		cast[i] = a
		ts[i] = a.Type()
		if err := checkType(f.Name, ts[i]); err != nil {
			return nil, err
		}
	}
	return &Call{Fn: f, Args: cast, pool: newArgPool(ts)}, nil
}

// sameType reports whether values of a can be used as values of b without a
// cast: same type apart from nullability.
func sameType(a, b types.DataType) bool {
	if a.Root == 0 {
		return false
	}
	return a.WithNullable(true).Equal(b.WithNullable(true))
}

// NewFunc resolves the function or operator name (as registered in sql/fn:
// "+", "=", "AND", "UPPER", ...) for args and applies it; literal arguments
// are passed to the resolver as constants.
func NewFunc(name string, args ...Expr) (Expr, error) {
	fa := make([]fn.Arg, len(args))
	for i, a := range args {
		fa[i] = argOf(a)
	}
	f, err := fn.ResolveScalar(name, fa)
	if err != nil {
		return nil, err
	}
	return NewCall(f, args...)
}

// Type returns the function's result type.
func (c *Call) Type() types.DataType { return c.Fn.Result }

// Eval evaluates the arguments on the selected rows, then the kernel.
func (c *Call) Eval(ctx *fn.Context, in *vec.Batch, sel []int32, out *vec.Vector) error {
	pool := c.pool
	if pool == nil {
		ts := make([]types.DataType, len(c.Args))
		for i, a := range c.Args {
			ts[i] = a.Type()
		}
		pool = newArgPool(ts) // a Call built without NewCall: correct, but allocates
	}
	s := pool.get()
	defer pool.put(s)
	if err := evalArgs(ctx, c.Args, in, sel, s); err != nil {
		return err
	}
	return c.Fn.Kernel(ctx, s.args, sel, in.Len, out)
}

// infix are the operators rendered between their operands.
var infix = map[string]bool{
	"+": true, "-": true, "*": true, "/": true, "%": true, "||": true,
	"=": true, "<>": true, "!=": true, "<": true, "<=": true, ">": true, ">=": true,
	"AND": true, "OR": true, "IS DISTINCT FROM": true, "IS NOT DISTINCT FROM": true,
}

// String renders operators infix and parenthesized ("(a + b)"), the truth
// tests postfix ("(a IS NULL)"), NOT and unary minus prefix, casts as
// CAST(a AS type) and other functions as NAME(args).
func (c *Call) String() string {
	name := c.Fn.Name
	args := make([]string, len(c.Args))
	for i, a := range c.Args {
		args[i] = a.String()
	}
	switch {
	case len(args) == 2 && infix[name]:
		return "(" + args[0] + " " + name + " " + args[1] + ")"
	case len(args) == 1 && name == "-":
		return "(- " + args[0] + ")"
	case len(args) == 1 && name == "NOT":
		return "(NOT " + args[0] + ")"
	case len(args) == 1 && strings.HasPrefix(name, "IS "):
		return "(" + args[0] + " " + name + ")"
	}
	return name + "(" + strings.Join(args, ", ") + ")"
}

func (c *Call) children() []Expr { return c.Args }

func (c *Call) rebuild(ch []Expr) Expr {
	return &Call{Fn: c.Fn, Args: ch, pool: c.pool}
}

// Cast converts its argument to type To (TRY_CAST when Try: failures give
// NULL instead of an error).
type Cast struct {
	Arg Expr
	To  types.DataType
	Try bool
	fn  *fn.Scalar
	ap  *argPool
	arg []Expr // {Arg}, kept to avoid building it per batch
}

// NewCast resolves CAST(arg AS to) or TRY_CAST with fn.ResolveCast. The
// result type is to, made nullable when the cast can produce NULL.
func NewCast(arg Expr, to types.DataType, try bool) (*Cast, error) {
	if err := checkType("CAST", to); err != nil {
		return nil, err
	}
	from := arg.Type()
	f, err := fn.ResolveCast(from, to, try)
	if err != nil {
		return nil, err
	}
	if from.Root == 0 {
		from = f.Args[0]
	}
	return &Cast{Arg: arg, To: to, Try: try, fn: f, ap: newArgPool([]types.DataType{from}), arg: []Expr{arg}}, nil
}

// Type returns the cast's result type.
func (c *Cast) Type() types.DataType {
	if c.fn == nil {
		return c.To
	}
	return c.fn.Result
}

// Eval evaluates the argument and converts it.
func (c *Cast) Eval(ctx *fn.Context, in *vec.Batch, sel []int32, out *vec.Vector) error {
	if c.fn == nil || c.ap == nil {
		return fmt.Errorf("%s was not built with NewCast", c.Arg)
	}
	s := c.ap.get()
	defer c.ap.put(s)
	if err := evalArgs(ctx, c.arg, in, sel, s); err != nil {
		return err
	}
	return c.fn.Kernel(ctx, s.args, sel, in.Len, out)
}

// String renders CAST(arg AS type) or TRY_CAST(...).
func (c *Cast) String() string {
	name := "CAST"
	if c.Try {
		name = "TRY_CAST"
	}
	return name + "(" + c.Arg.String() + " AS " + c.To.WithNullable(true).String() + ")"
}

func (c *Cast) children() []Expr { return []Expr{c.Arg} }

func (c *Cast) rebuild(ch []Expr) Expr {
	return &Cast{Arg: ch[0], To: c.To, Try: c.Try, fn: c.fn, ap: c.ap, arg: []Expr{ch[0]}}
}
