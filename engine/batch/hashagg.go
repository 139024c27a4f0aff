package batch

import (
	"context"
	"errors"
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

	// Spilling: once over the memory budget, rows of keys already in memory
	// keep updating their groups; rows of new keys go to partition files by
	// key hash, each aggregated afterwards by a child aggregation (one level
	// deeper, so it partitions by other hash bits if it spills too).
	level     int
	parts     *partitionWriter
	memDone   bool
	child     *HashAggregate
	nextPart  int
	hashes    []uint64
	found     []int32
	spillRows []int32
	spillPart []int
	spills    int
	spillBase int64 // memory held when spilling started
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
		var found []int32 // rows whose groups are in memory (nil: all)
		if len(h.kv) == 0 {
			h.ids = h.ids[:0]
			for i := 0; i < in.Len; i++ {
				h.ids = append(h.ids, 0)
			}
			h.globalEmpty = false
			if h.table.Len() == 0 {
				h.table.FindOrInsert(nil, 1, nil, nil)
			}
		} else if h.parts == nil {
			h.ids = h.table.FindOrInsert(h.kv, in.Len, nil, h.ids)
		} else {
			h.ids = h.table.Find(h.kv, in.Len, nil, h.ids)
			if found, err = h.spillNewKeys(in); err != nil {
				return err
			}
			if len(found) == 0 {
				continue
			}
		}
		groups := h.table.Len()
		mem := h.table.MemoryBytes()
		for i, acc := range h.accs {
			acc.Grow(groups)
			if h.av, err = h.args[i].eval(h.env.Fn, in, nil, h.av); err != nil {
				return fmt.Errorf("evaluate arguments of %s: %w", h.aggs[i].Fn.Name, err)
			}
			sel := found
			if fe := h.filts[i]; fe != nil {
				if h.fv, err = fe.eval(h.env.Fn, in, nil, h.fv); err != nil {
					return fmt.Errorf("evaluate FILTER of %s: %w", h.aggs[i].Fn.Name, err)
				}
				h.sel = selectTrue(h.fv[0], in.Len, h.sel[:0])
				if found != nil {
					k := 0
					for _, r := range h.sel {
						if h.ids[r] != hashtab.NotFound {
							h.sel[k] = r
							k++
						}
					}
					h.sel = h.sel[:k]
				}
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
		if h.parts != nil {
			// Spilling: the groups in memory no longer multiply, but their
			// states may still grow (a longer MAX string, LISTAGG); allow
			// one budget's worth of growth, then fail.
			if mem > h.spillBase+h.env.Memory.Limit() {
				return fmt.Errorf("hash aggregation: the states of the groups in memory grew by more than the budget (%s) after spilling: %w",
					formatBytes(h.env.Memory.Limit()), errOverBudget)
			}
			h.mem.force(mem)
			continue
		}
		if err := h.mem.resize(mem); err != nil {
			if h.parts != nil || len(h.kv) == 0 || !spillable(h.env, err) {
				return err
			}
			h.mem.force(mem)
			h.spillBase = mem
			if h.level >= maxSpillLevel {
				return fmt.Errorf("hash aggregation spilled %d levels deep and still does not fit: %w", h.level, err)
			}
			if h.parts, err = newPartitionWriter(h.env, "hash aggregation", h.input.Types()); err != nil {
				return err
			}
			h.spills++
		}
	}
}

// spillNewKeys writes the rows of in whose keys are not in memory to the
// partition files and returns the others.
func (h *HashAggregate) spillNewKeys(in *vec.Batch) ([]int32, error) {
	h.found, h.spillRows, h.spillPart = h.found[:0], h.spillRows[:0], h.spillPart[:0]
	var hashed bool
	for r := 0; r < in.Len; r++ {
		if h.ids[r] != hashtab.NotFound {
			h.found = append(h.found, int32(r))
			continue
		}
		if !hashed {
			h.hashes = hashtab.Hash(h.kv, in.Len, h.hashes)
			hashed = true
		}
		h.spillRows = append(h.spillRows, int32(r))
		h.spillPart = append(h.spillPart, partitionOf(h.hashes[r], h.level))
	}
	if len(h.spillRows) > 0 {
		if err := h.parts.write(in, h.spillRows, h.spillPart); err != nil {
			return nil, err
		}
	}
	return h.found, nil
}

func (h *HashAggregate) Next(ctx context.Context) (*vec.Batch, error) {
	if h.memDone {
		return h.nextSpilled(ctx)
	}
	groups := h.table.Len()
	if h.globalEmpty {
		groups = 1
	}
	if h.next >= groups {
		if h.parts == nil {
			return nil, io.EOF
		}
		// The groups in memory are out: free them, then aggregate the
		// spilled partitions one by one.
		h.memDone = true
		h.mem.release()
		h.table, h.accs = nil, nil
		return h.nextSpilled(ctx)
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

// nextSpilled yields the groups of the spilled partitions.
func (h *HashAggregate) nextSpilled(ctx context.Context) (*vec.Batch, error) {
	for {
		if h.child != nil {
			b, err := h.child.Next(ctx)
			if err != io.EOF {
				return b, err
			}
			err = h.child.Close()
			h.child = nil
			if err != nil {
				return nil, err
			}
			continue
		}
		if h.nextPart >= len(h.parts.files) {
			return nil, io.EOF
		}
		f := h.parts.files[h.nextPart]
		h.parts.files[h.nextPart] = nil
		h.nextPart++
		if f.rows == 0 {
			if err := f.remove(); err != nil {
				return nil, err
			}
			continue
		}
		child, err := NewHashAggregate(h.env, &fileSource{f: f}, h.keys.exprs, h.aggs)
		if err != nil {
			f.remove()
			return nil, err
		}
		child.level = h.level + 1
		if err := child.Open(ctx); err != nil {
			child.Close()
			return nil, err
		}
		h.child = child
	}
}

func (h *HashAggregate) Close() error {
	h.mem.release()
	h.table, h.accs = nil, nil
	var errs []error
	if h.child != nil {
		errs = append(errs, h.child.Close())
		h.child = nil
	}
	if h.parts != nil {
		errs = append(errs, h.parts.remove())
		h.parts = nil
	}
	errs = append(errs, h.input.Close())
	return errors.Join(errs...)
}
