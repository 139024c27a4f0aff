package expr

import (
	"fmt"
	"sync"

	"github.com/weir-data/weir/sql/fn"
	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

var boolPool = sync.Pool{New: func() any { return vec.MustNew(types.NewBoolean(), 0) }}

// Filter returns the rows of in (or of sel, when not nil) where the BOOLEAN
// expression e is TRUE — not FALSE and not NULL — appended to dst[:0] in
// ascending order. dst may be sel itself: the rows are compacted in place.
// A conjunction is filtered one operand at a time, each on the rows the
// previous ones kept.
func Filter(ctx *fn.Context, e Expr, in *vec.Batch, sel []int32, dst []int32) ([]int32, error) {
	if t := e.Type(); t.Root != types.Boolean {
		return nil, fmt.Errorf("filter %s has type %s, not BOOLEAN", e, t)
	}
	switch x := e.(type) {
	case *And:
		kept, err := Filter(ctx, x.L, in, sel, dst)
		if err != nil {
			return nil, err
		}
		if len(kept) == 0 {
			return kept, nil
		}
		return Filter(ctx, x.R, in, kept, kept)
	case *Literal:
		if b, ok := x.Value.(bool); ok && b {
			if sel == nil {
				return selOrAll(nil, in.Len, dst), nil
			}
			return append(dst[:0], sel...), nil
		}
		return dst[:0], nil
	}
	if sel != nil && len(sel) == 0 {
		return dst[:0], nil
	}
	scratch := boolPool.Get().(*vec.Vector)
	defer boolPool.Put(scratch)
	v, err := Vector(ctx, e, in, sel, scratch)
	if err != nil {
		return nil, err
	}
	out := dst[:0]
	if sel == nil {
		if !v.Nulls.Any() {
			for i, b := range v.Bools[:in.Len] {
				if b {
					out = append(out, int32(i))
				}
			}
			return out, nil
		}
		for i, b := range v.Bools[:in.Len] {
			if b && !v.Nulls.Get(i) {
				out = append(out, int32(i))
			}
		}
		return out, nil
	}
	// In place when dst aliases sel: out never overtakes the read position.
	for _, i := range sel {
		if v.Bools[i] && !v.Nulls.Get(int(i)) {
			out = append(out, i)
		}
	}
	return out, nil
}
