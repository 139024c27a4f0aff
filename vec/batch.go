package vec

import (
	"fmt"

	"github.com/weir-data/weir/types"
)

// Batch is a set of equally long column vectors, optionally with a row kind per
// row (nil Kinds means every row is +I).
type Batch struct {
	Cols  []*Vector
	Kinds []types.RowKind
	Len   int
}

// NewBatch returns an empty batch for the given column types.
func NewBatch(ts []types.DataType, capacity int) (*Batch, error) {
	b := &Batch{Cols: make([]*Vector, len(ts))}
	for i, t := range ts {
		v, err := New(t, capacity)
		if err != nil {
			return nil, fmt.Errorf("column %d: %w", i, err)
		}
		b.Cols[i] = v
	}
	return b, nil
}

// Reset empties the batch, keeping its memory.
func (b *Batch) Reset() {
	for _, c := range b.Cols {
		c.Reset()
	}
	b.Kinds = b.Kinds[:0]
	b.Len = 0
}

// Kind returns the row kind of row i.
func (b *Batch) Kind(i int) types.RowKind {
	if b.Kinds == nil {
		return types.Insert
	}
	return b.Kinds[i]
}

// AppendRow appends a row of scalar values with a row kind.
func (b *Batch) AppendRow(kind types.RowKind, values ...any) error {
	if len(values) != len(b.Cols) {
		return fmt.Errorf("row has %d values, batch has %d columns", len(values), len(b.Cols))
	}
	for i, x := range values {
		if err := b.Cols[i].Append(x); err != nil {
			// Roll back the columns already appended to keep the batch rectangular.
			for j := 0; j < i; j++ {
				b.Cols[j].truncate(b.Len)
			}
			return fmt.Errorf("column %d: %w", i, err)
		}
	}
	if b.Kinds != nil || kind != types.Insert {
		if b.Kinds == nil {
			b.Kinds = make([]types.RowKind, b.Len, b.Len+1)
		}
		b.Kinds = append(b.Kinds, kind)
	}
	b.Len++
	return nil
}

// Row returns row i as scalars. Not for hot paths.
func (b *Batch) Row(i int) []any {
	r := make([]any, len(b.Cols))
	for c, v := range b.Cols {
		r[c] = v.Value(i)
	}
	return r
}

func (v *Vector) truncate(n int) {
	if v.Len <= n {
		return
	}
	for i := n; i < v.Len; i++ {
		v.Nulls.Clear(i)
	}
	switch v.Kind {
	case KindBool:
		v.Bools = v.Bools[:n]
	case KindI8:
		v.I8 = v.I8[:n]
	case KindI16:
		v.I16 = v.I16[:n]
	case KindI32:
		v.I32 = v.I32[:n]
	case KindI64:
		v.I64 = v.I64[:n]
	case KindF32:
		v.F32 = v.F32[:n]
	case KindF64:
		v.F64 = v.F64[:n]
	case KindDecimal:
		v.Dec = v.Dec[:n]
	case KindTimestamp:
		v.TS = v.TS[:n]
	case KindBytes:
		v.Data = v.Data[:v.Offsets[n]]
		v.Offsets = v.Offsets[:n+1]
	}
	v.Len = n
}

// Truncate drops the rows from n on (n ≤ b.Len).
func (b *Batch) Truncate(n int) {
	if n >= b.Len {
		return
	}
	for _, c := range b.Cols {
		c.truncate(n)
	}
	if b.Kinds != nil {
		b.Kinds = b.Kinds[:n]
	}
	b.Len = n
}
