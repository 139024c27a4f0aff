package merge

import (
	"fmt"

	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// aggregate is Paimon's AggregateMergeFunction: every value column folds the
// group's records with its FieldAggregator; -U/-D records are retracted,
// except that with aggregation.remove-record-on-delete a -D removes the row
// (all columns null except NOT NULL ones, taken from the -D record) and the
// result is -D when the group ends with it.
//
// Columns get, in Paimon's order (AggregateMergeFunction.getAggFuncName):
// sequence.field columns last_value, primary-key columns primary_key, then
// fields.<f>.aggregate-function, fields.default-aggregate-function, and
// finally last_non_null_value.
//
// ignore-delete: Paimon drops retractions of such tables when writing
// (TableWriteImpl), so they never reach this function; Weir's merger may see
// them in files written by other tools, and skips them here to the same effect.
type aggregate struct {
	fields         []*fieldAgg
	states         []slot
	nullable       []bool
	removeOnDelete bool
	ignoreDelete   bool
}

func newAggregate(c *config) (*aggregate, error) {
	a := &aggregate{
		removeOnDelete: c.opts.AggregationRemoveRecordOnDelete(),
		ignoreDelete:   c.opts.IgnoreDelete(),
	}
	isSeq := map[int]bool{}
	for _, i := range c.seqField {
		isSeq[i] = true
	}
	for i, f := range c.fields {
		var name, option string
		switch {
		case isSeq[i]:
			name, option = "last_value", "sequence.field"
		case c.pk[f.Name]:
			name, option = "primary_key", "primary-key"
		default:
			option, name = c.aggFuncOption(f.Name)
			if name == "" {
				name = "last_non_null_value"
			}
		}
		fa, err := newFieldAgg(c, i, name, option)
		if err != nil {
			return nil, err
		}
		a.fields = append(a.fields, fa)
		a.nullable = append(a.nullable, c.nullable(i))
	}
	a.states = make([]slot, len(a.fields))
	return a, nil
}

func (a *aggregate) Engine() string { return "aggregation" }

func (a *aggregate) Merge(g *Group, out *vec.Batch) (Result, error) {
	last := -1
	for k := len(g.Kinds) - 1; k >= 0; k-- {
		if !(a.ignoreDelete && g.Kinds[k].IsRetract()) {
			last = k
			break
		}
	}
	if last < 0 {
		return Result{Pick: -1}, nil
	}
	for fi, f := range a.fields {
		s := &a.states[fi]
		s.reset()
		if err := a.mergeField(f, s, a.nullable[fi], g); err != nil {
			return Result{Pick: -1}, err
		}
	}
	kind := types.Insert
	if a.removeOnDelete && g.Kinds[last] == types.Delete {
		kind = types.Delete
	}
	if out != nil {
		for fi := range a.fields {
			a.states[fi].store(out.Cols[fi])
		}
		appendKind(out, kind)
	}
	return Result{Emitted: true, Kind: kind, Seq: g.Seqs[last], Pick: -1}, nil
}

// mergeField folds column f of every record into s.
func (a *aggregate) mergeField(f *fieldAgg, s *slot, nullable bool, g *Group) error {
	off := g.Offset + f.col
	// Fast path: sum of a BIGINT/INT/DOUBLE column, the common case.
	if f.fn == fnSum && !f.decimal && !a.removeOnDelete && !a.ignoreDelete && !f.ignoreRetract {
		switch f.kind {
		case vec.KindI64, vec.KindI32, vec.KindF64:
			sumFast(f, s, g, off)
			return nil
		}
	}
	for k, ref := range g.Refs {
		v := g.Batches[ref.Batch].Cols[off]
		row := int(ref.Row)
		kind := g.Kinds[k]
		if !kind.IsRetract() {
			f.agg(s, v, row)
			continue
		}
		if a.ignoreDelete {
			continue
		}
		if a.removeOnDelete && kind == types.Delete {
			// row = new GenericRow + initRow: only NOT NULL columns keep a value.
			s.null = true
			if !nullable {
				if v.Nulls.Get(row) {
					return fmt.Errorf("merge: Field %d (%s) can not be null", f.col, f.field)
				}
				s.load(v, row)
			}
			continue
		}
		if err := f.retract(s, v, row); err != nil {
			return err
		}
	}
	return nil
}

// sumFast is agg/retract of sum for BIGINT, INT and DOUBLE columns, with the
// kind switch hoisted out of the record loop.
func sumFast(f *fieldAgg, s *slot, g *Group, off int) {
	for k, ref := range g.Refs {
		v := g.Batches[ref.Batch].Cols[off]
		row := int(ref.Row)
		if v.Nulls.Get(row) {
			continue
		}
		retract := g.Kinds[k].IsRetract()
		switch f.kind {
		case vec.KindI64:
			x := v.I64[row]
			if retract {
				x = -x
			}
			if s.null {
				s.null, s.i = false, x
			} else {
				s.i += x
			}
		case vec.KindI32:
			x := v.I32[row]
			if retract {
				x = -x
			}
			if s.null {
				s.null, s.i = false, int64(x)
			} else {
				s.i = int64(int32(s.i) + x)
			}
		case vec.KindF64:
			x := v.F64[row]
			if retract {
				x = -x
			}
			if s.null {
				s.null, s.f = false, x
			} else {
				s.f += x
			}
		}
	}
}
