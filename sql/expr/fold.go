package expr

import (
	"slices"
	"time"

	"github.com/weir-data/weir/sql/fn"
	"github.com/weir-data/weir/vec"
)

// Columns returns the input columns e references, ascending, each once.
func Columns(e Expr) []int {
	var cols []int
	walk(e, func(x Expr) {
		if c, ok := x.(*Column); ok {
			cols = append(cols, c.Index)
		}
	})
	slices.Sort(cols)
	return slices.Compact(cols)
}

func walk(e Expr, f func(Expr)) {
	f(e)
	if n, ok := e.(node); ok {
		for _, c := range n.children() {
			walk(c, f)
		}
	}
}

// Remap returns e with every column reference i replaced by a reference to
// column f(i) (same name and type), for projection push-down. e is not
// changed; subtrees without columns are shared.
func Remap(e Expr, f func(int) int) Expr {
	switch x := e.(type) {
	case *Column:
		return &Column{Index: f(x.Index), Name: x.Name, T: x.T}
	case node:
		ch := x.children()
		if len(ch) == 0 {
			return e
		}
		nch := make([]Expr, len(ch))
		for i, c := range ch {
			nch[i] = Remap(c, f)
		}
		return x.rebuild(nch)
	}
	return e
}

// deterministic reports whether e gives the same value every time it is
// evaluated on the same input within a statement.
func deterministic(e Expr) bool {
	ok := true
	walk(e, func(x Expr) {
		if c, isCall := x.(*Call); isCall && !c.Fn.Deterministic {
			ok = false
		}
	})
	return ok
}

// Fold evaluates every deterministic subexpression without column
// references once and replaces it with a Literal of the same type: 1 + 2
// becomes 3, UPPER('a') || x becomes 'A' || x. An error raised while folding
// (1 / 0, CAST('x' AS INT)) is returned, except inside a branch that is
// evaluated only on some rows (a THEN or ELSE, a later COALESCE argument, the
// right side of AND/OR), which is left unfolded so that it fails only if a
// row reaches it.
//
// A nil ctx folds with UTC as the session zone and the zero instant as Now.
func Fold(ctx *fn.Context, e Expr) (Expr, error) {
	if ctx == nil {
		ctx = &fn.Context{Location: time.UTC}
	}
	return fold(ctx, e)
}

func fold(ctx *fn.Context, e Expr) (Expr, error) {
	n, ok := e.(node)
	if !ok {
		return e, nil
	}
	ch := n.children()
	if len(ch) == 0 {
		return e, nil
	}
	nch := make([]Expr, len(ch))
	allConst := true
	for i, c := range ch {
		f, err := fold(ctx, c)
		if err != nil {
			if !lazyChild(e, i) {
				return nil, err
			}
			f = c
		}
		nch[i] = f
		if _, isLit := f.(*Literal); !isLit {
			allConst = false
		}
	}
	e = n.rebuild(nch)
	if !allConst || !deterministic(e) {
		return e, nil
	}
	return evalConst(ctx, e)
}

// lazyChild reports whether child i of e is evaluated only on some rows.
func lazyChild(e Expr, i int) bool {
	switch e.(type) {
	case *Case, *Coalesce, *And, *Or:
		return i > 0
	}
	return false
}

// evalConst evaluates a column-free expression on a one-row batch.
func evalConst(ctx *fn.Context, e Expr) (Expr, error) {
	t := e.Type()
	out, err := vec.New(t, 1)
	if err != nil {
		return nil, err
	}
	if err := e.Eval(ctx, &vec.Batch{Len: 1}, nil, out); err != nil {
		return nil, err
	}
	return NewLiteral(out.Value(0), t)
}
