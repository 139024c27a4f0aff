package batch

import (
	"context"
	"fmt"
	"io"

	"github.com/weir-data/weir/engine/hashtab"
	"github.com/weir-data/weir/sql/fn"
	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// AggCall is one aggregate of a HashAggregate: the resolved function, its
// argument expressions over the input, and an optional FILTER (WHERE ...).
type AggCall struct {
	Fn     *fn.Aggregate
	Args   []Expr
	Filter Expr
}

// HashAggregate groups its input by key expressions and computes aggregates
// per group. Output columns are the keys, then the aggregates. Without keys
// it yields exactly one row (aggregates of no rows: COUNT 0, SUM NULL, ...).
type HashAggregate struct {
	env   *Env
	input Operator
	keys  *evaluator
	aggs  []AggCall
	args  []*evaluator
	filts []*evaluator
	ts    []types.DataType

	table *hashtab.Table
	accs  []fn.Accumulators
	mem   reservation
	// globalEmpty: a global aggregate over no rows (one empty group).
	globalEmpty bool
	next        int
	out         *vec.Batch

	kv, av, fv []*vec.Vector
	ids        []uint32
	sel        []int32
}

// NewHashAggregate returns the grouping of input by keys with aggs.
func NewHashAggregate(env *Env, input Operator, keys []Expr, aggs []AggCall) (*HashAggregate, error) {
	h := &HashAggregate{env: env, input: input, aggs: aggs}
	var err error
	if h.keys, err = newEvaluator(keys); err != nil {
		return nil, err
	}
	h.ts = h.keys.types()
	for _, a := range aggs {
		ev, err := newEvaluator(a.Args)
		if err != nil {
			return nil, err
		}
		h.args = append(h.args, ev)
		var fe *evaluator
		if a.Filter != nil {
			if a.Filter.Type().Root != types.Boolean {
				return nil, fmt.Errorf("FILTER (WHERE %s) of %s is not BOOLEAN", a.Filter, a.Fn.Name)
			}
			if fe, err = newEvaluator([]Expr{a.Filter}); err != nil {
				return nil, err
			}
		}
		h.filts = append(h.filts, fe)
		h.ts = append(h.ts, a.Fn.Result)
	}
	if err := checkTypes("aggregate", h.ts); err != nil {
		return nil, err
	}
	return h, nil
}

func (h *HashAggregate) Types() []types.DataType { return h.ts }

func (h *HashAggregate) Open(ctx context.Context) error {
	if err := h.input.Open(ctx); err != nil {
		return err
	}
	var err error
	if h.table, err = hashtab.New(h.keys.types()); err != nil {
		return err
	}
	h.accs = make([]fn.Accumulators, len(h.aggs))
	for i, a := range h.aggs {
		h.accs[i] = a.Fn.New()
	}
	h.mem = reservation{budget: h.env.Memory, op: "hash aggregation"}
	h.next = 0
	h.out = newBatch(h.ts, BatchRows)
	if err := h.consume(ctx); err != nil {
		return err
	}
	if len(h.keys.exprs) == 0 && h.table.Len() == 0 {
		// A global aggregate has one group even over no rows.
		for _, acc := range h.accs {
			acc.Grow(1)
		}
		h.globalEmpty = true
	}
	return nil
}

func (h *HashAggregate) consume(ctx context.Context) error {
	for {
		in, err := h.input.Next(ctx)
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if h.kv, err = h.keys.eval(h.env.Fn, in, nil, h.kv); err != nil {
			return fmt.Errorf("evaluate grouping keys: %w", err)
		}
		if len(h.kv) == 0 {
			h.ids = h.ids[:0]
			for i := 0; i < in.Len; i++ {
				h.ids = append(h.ids, 0)
			}
			h.globalEmpty = false
			if h.table.Len() == 0 {
				h.table.FindOrInsert(nil, 1, nil, nil)
			}
		} else {
			h.ids = h.table.FindOrInsert(h.kv, in.Len, nil, h.ids)
		}
		groups := h.table.Len()
		mem := h.table.MemoryBytes()
		for i, acc := range h.accs {
			acc.Grow(groups)
			if h.av, err = h.args[i].eval(h.env.Fn, in, nil, h.av); err != nil {
				return fmt.Errorf("evaluate arguments of %s: %w", h.aggs[i].Fn.Name, err)
			}
			var sel []int32
			if fe := h.filts[i]; fe != nil {
				if h.fv, err = fe.eval(h.env.Fn, in, nil, h.fv); err != nil {
					return fmt.Errorf("evaluate FILTER of %s: %w", h.aggs[i].Fn.Name, err)
				}
				h.sel = selectTrue(h.fv[0], in.Len, h.sel[:0])
				if len(h.sel) == 0 {
					continue
				}
				sel = h.sel
			}
			if err := acc.Update(h.env.Fn, h.ids[:in.Len], h.av, sel); err != nil {
				return fmt.Errorf("aggregate %s: %w", h.aggs[i].Fn.Name, err)
			}
			mem += acc.MemoryBytes()
		}
		if err := h.mem.resize(mem); err != nil {
			return err
		}
	}
}

func (h *HashAggregate) Next(ctx context.Context) (*vec.Batch, error) {
	groups := h.table.Len()
	if h.globalEmpty {
		groups = 1
	}
	if h.next >= groups {
		return nil, io.EOF
	}
	lo, hi := h.next, min(h.next+BatchRows, groups)
	h.next = hi
	h.out.Reset()
	nk := len(h.keys.exprs)
	if nk > 0 {
		h.table.AppendKeys(h.out.Cols[:nk], lo, hi)
	}
	for i, acc := range h.accs {
		if err := acc.Result(h.env.Fn, lo, hi, h.out.Cols[nk+i]); err != nil {
			return nil, fmt.Errorf("result of %s: %w", h.aggs[i].Fn.Name, err)
		}
	}
	h.out.Len = hi - lo
	return h.out, nil
}

func (h *HashAggregate) Close() error {
	h.mem.release()
	h.table, h.accs = nil, nil
	return h.input.Close()
}
