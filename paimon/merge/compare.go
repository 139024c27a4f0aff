package merge

import (
	"bytes"
	"cmp"
	"slices"

	"github.com/weir-data/weir/paimon/options"
	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

func boolInt(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

// cmpSlotVec compares a non-null slot with the non-null value at row of v
// (Paimon's InternalRowUtils.compare: strings and binaries as unsigned bytes).
func cmpSlotVec(s *slot, v *vec.Vector, row int) int {
	switch v.Kind {
	case vec.KindBool:
		return cmp.Compare(s.i, boolInt(v.Bools[row]))
	case vec.KindI8:
		return cmp.Compare(s.i, int64(v.I8[row]))
	case vec.KindI16:
		return cmp.Compare(s.i, int64(v.I16[row]))
	case vec.KindI32:
		return cmp.Compare(s.i, int64(v.I32[row]))
	case vec.KindI64:
		return cmp.Compare(s.i, v.I64[row])
	case vec.KindF32:
		return types.CompareFloat(s.f, float64(v.F32[row]))
	case vec.KindF64:
		return types.CompareFloat(s.f, v.F64[row])
	case vec.KindDecimal:
		return s.d.Cmp(v.Dec[row])
	case vec.KindTimestamp:
		return s.ts.Compare(v.TS[row])
	case vec.KindBytes:
		return bytes.Compare(s.b, v.Bytes(row))
	}
	return 0
}

// cmpVecVec compares two non-null values of the same kind.
func cmpVecVec(a *vec.Vector, i int, b *vec.Vector, j int) int {
	switch a.Kind {
	case vec.KindF32:
		return types.CompareFloat(float64(a.F32[i]), float64(b.F32[j]))
	case vec.KindF64:
		return types.CompareFloat(a.F64[i], b.F64[j])
	}
	return vec.Compare(a, i, b, j)
}

// cmpNullsFirst compares record value (v,row) with slot s, nulls first.
func cmpVecSlotNullsFirst(v *vec.Vector, row int, s *slot) int {
	vn := v.Nulls.Get(row)
	switch {
	case vn && s.null:
		return 0
	case vn:
		return -1
	case s.null:
		return 1
	}
	return -cmpSlotVec(s, v, row)
}

// SequenceComparator orders the records of a key by the user sequence.field
// columns (sequence.field.sort-order), as Paimon's UserDefinedSeqComparator:
// field by field, nulls first in ascending order; descending reverses the
// whole comparison.
type SequenceComparator struct {
	cols       []int
	descending bool
}

// NewSequenceComparator returns the comparator of sequence.field, or nil when
// the option is unset. fields are the value columns (all table columns).
func NewSequenceComparator(opts options.Options, fields []types.Field) (*SequenceComparator, error) {
	c, err := newConfig(opts, fields, nil)
	if err != nil {
		return nil, err
	}
	if len(c.seqField) == 0 {
		return nil, nil
	}
	return &SequenceComparator{cols: c.seqField, descending: opts.SequenceFieldDescending()}, nil
}

// Compare orders value row i of a against value row j of b (value columns).
func (s *SequenceComparator) Compare(a []*vec.Vector, i int, b []*vec.Vector, j int) int {
	for _, c := range s.cols {
		x, y := a[c], b[c]
		xn, yn := x.Nulls.Get(i), y.Nulls.Get(j)
		r := 0
		switch {
		case xn && yn:
		case xn:
			r = -1
		case yn:
			r = 1
		default:
			r = cmpVecVec(x, i, y, j)
		}
		if r != 0 {
			if s.descending {
				return -r
			}
			return r
		}
	}
	return 0
}

// SortGroup stably reorders g into merge order: by the user sequence fields
// (s may be nil: no sequence.field), then by _SEQUENCE_NUMBER.
func SortGroup(g *Group, s *SequenceComparator) {
	n := len(g.Refs)
	idx := make([]int, n)
	for k := range idx {
		idx[k] = k
	}
	slices.SortStableFunc(idx, func(x, y int) int {
		if s != nil {
			rx, ry := g.Refs[x], g.Refs[y]
			bx, by := g.Batches[rx.Batch].Cols[g.Offset:], g.Batches[ry.Batch].Cols[g.Offset:]
			if r := s.Compare(bx, int(rx.Row), by, int(ry.Row)); r != 0 {
				return r
			}
		}
		return cmp.Compare(g.Seqs[x], g.Seqs[y])
	})
	refs := make([]Ref, n)
	kinds := make([]types.RowKind, n)
	seqs := make([]int64, n)
	for k, i := range idx {
		refs[k], kinds[k], seqs[k] = g.Refs[i], g.Kinds[i], g.Seqs[i]
	}
	copy(g.Refs, refs)
	copy(g.Kinds, kinds)
	copy(g.Seqs, seqs)
}
