package vec

import "github.com/weir-data/weir/types"

// AppendRows appends rows[k] of src to v for every k; src must have v's Kind.
// One switch per call, a tight loop per kind.
func (v *Vector) AppendRows(src *Vector, rows []int32) {
	if src.Nulls.Any() {
		for k, r := range rows {
			if src.Nulls.Get(int(r)) {
				v.Nulls.Set(v.Len + k)
			}
		}
	}
	switch v.Kind {
	case KindBool:
		for _, r := range rows {
			v.Bools = append(v.Bools, src.Bools[r])
		}
	case KindI8:
		for _, r := range rows {
			v.I8 = append(v.I8, src.I8[r])
		}
	case KindI16:
		for _, r := range rows {
			v.I16 = append(v.I16, src.I16[r])
		}
	case KindI32:
		for _, r := range rows {
			v.I32 = append(v.I32, src.I32[r])
		}
	case KindI64:
		for _, r := range rows {
			v.I64 = append(v.I64, src.I64[r])
		}
	case KindF32:
		for _, r := range rows {
			v.F32 = append(v.F32, src.F32[r])
		}
	case KindF64:
		for _, r := range rows {
			v.F64 = append(v.F64, src.F64[r])
		}
	case KindDecimal:
		for _, r := range rows {
			v.Dec = append(v.Dec, src.Dec[r])
		}
	case KindTimestamp:
		for _, r := range rows {
			v.TS = append(v.TS, src.TS[r])
		}
	case KindBytes:
		for _, r := range rows {
			v.Data = append(v.Data, src.Data[src.Offsets[r]:src.Offsets[r+1]]...)
			v.Offsets = append(v.Offsets, int32(len(v.Data)))
		}
	}
	v.Len += len(rows)
}

// AppendGather appends, for every k, row rows[k] of srcs[from[k]] to v. It is the
// output step of a k-way merge: the picks are collected first, then each column
// is copied with one switch.
func (v *Vector) AppendGather(srcs []*Vector, from []int32, rows []int32) {
	if anyNulls(srcs) {
		for k, r := range rows {
			if srcs[from[k]].Nulls.Get(int(r)) {
				v.Nulls.Set(v.Len + k)
			}
		}
	}
	switch v.Kind {
	case KindBool:
		for k, r := range rows {
			v.Bools = append(v.Bools, srcs[from[k]].Bools[r])
		}
	case KindI8:
		for k, r := range rows {
			v.I8 = append(v.I8, srcs[from[k]].I8[r])
		}
	case KindI16:
		for k, r := range rows {
			v.I16 = append(v.I16, srcs[from[k]].I16[r])
		}
	case KindI32:
		for k, r := range rows {
			v.I32 = append(v.I32, srcs[from[k]].I32[r])
		}
	case KindI64:
		for k, r := range rows {
			v.I64 = append(v.I64, srcs[from[k]].I64[r])
		}
	case KindF32:
		for k, r := range rows {
			v.F32 = append(v.F32, srcs[from[k]].F32[r])
		}
	case KindF64:
		for k, r := range rows {
			v.F64 = append(v.F64, srcs[from[k]].F64[r])
		}
	case KindDecimal:
		for k, r := range rows {
			v.Dec = append(v.Dec, srcs[from[k]].Dec[r])
		}
	case KindTimestamp:
		for k, r := range rows {
			v.TS = append(v.TS, srcs[from[k]].TS[r])
		}
	case KindBytes:
		for k, r := range rows {
			s := srcs[from[k]]
			v.Data = append(v.Data, s.Data[s.Offsets[r]:s.Offsets[r+1]]...)
			v.Offsets = append(v.Offsets, int32(len(v.Data)))
		}
	}
	v.Len += len(rows)
}

// anyNulls reports whether any of the vectors has a null row.
func anyNulls(vs []*Vector) bool {
	for _, s := range vs {
		if s.Nulls.Any() {
			return true
		}
	}
	return false
}

// Slice returns a new batch with rows [lo, hi) of b (copied).
func (b *Batch) Slice(lo, hi int) *Batch {
	rows := make([]int32, 0, hi-lo)
	for r := lo; r < hi; r++ {
		rows = append(rows, int32(r))
	}
	return b.Gather(rows)
}

// Gather returns a new batch made of the given rows of b, in that order.
func (b *Batch) Gather(rows []int32) *Batch {
	out := &Batch{Cols: make([]*Vector, len(b.Cols)), Len: len(rows)}
	for c, src := range b.Cols {
		v := MustNew(src.Type, len(rows))
		v.AppendRows(src, rows)
		out.Cols[c] = v
	}
	if b.Kinds != nil {
		out.Kinds = make([]types.RowKind, len(rows))
		for k, r := range rows {
			out.Kinds[k] = b.Kinds[r]
		}
	}
	return out
}

// Clone returns a deep copy of v.
func (v *Vector) Clone() *Vector {
	c := *v
	c.Nulls = append(Bitmap(nil), v.Nulls...)
	c.Bools = append([]bool(nil), v.Bools...)
	c.I8 = append([]int8(nil), v.I8...)
	c.I16 = append([]int16(nil), v.I16...)
	c.I32 = append([]int32(nil), v.I32...)
	c.I64 = append([]int64(nil), v.I64...)
	c.F32 = append([]float32(nil), v.F32...)
	c.F64 = append([]float64(nil), v.F64...)
	c.Dec = append([]types.Decimal(nil), v.Dec...)
	c.TS = append([]types.Timestamp(nil), v.TS...)
	c.Offsets = append([]int32(nil), v.Offsets...)
	c.Data = append([]byte(nil), v.Data...)
	return &c
}

// Clone returns a deep copy of b.
func (b *Batch) Clone() *Batch {
	c := &Batch{Cols: make([]*Vector, len(b.Cols)), Len: b.Len}
	for i, v := range b.Cols {
		c.Cols[i] = v.Clone()
	}
	if b.Kinds != nil {
		c.Kinds = append([]types.RowKind(nil), b.Kinds...)
	}
	return c
}

// AppendVector appends every row of src (same Kind) to v.
func (v *Vector) AppendVector(src *Vector) {
	if src.Nulls.Any() {
		for r := 0; r < src.Len; r++ {
			if src.Nulls.Get(r) {
				v.Nulls.Set(v.Len + r)
			}
		}
	}
	switch v.Kind {
	case KindBool:
		v.Bools = append(v.Bools, src.Bools[:src.Len]...)
	case KindI8:
		v.I8 = append(v.I8, src.I8[:src.Len]...)
	case KindI16:
		v.I16 = append(v.I16, src.I16[:src.Len]...)
	case KindI32:
		v.I32 = append(v.I32, src.I32[:src.Len]...)
	case KindI64:
		v.I64 = append(v.I64, src.I64[:src.Len]...)
	case KindF32:
		v.F32 = append(v.F32, src.F32[:src.Len]...)
	case KindF64:
		v.F64 = append(v.F64, src.F64[:src.Len]...)
	case KindDecimal:
		v.Dec = append(v.Dec, src.Dec[:src.Len]...)
	case KindTimestamp:
		v.TS = append(v.TS, src.TS[:src.Len]...)
	case KindBytes:
		base := int32(len(v.Data))
		start := src.Offsets[0]
		v.Data = append(v.Data, src.Data[start:src.Offsets[src.Len]]...)
		for _, o := range src.Offsets[1 : src.Len+1] {
			v.Offsets = append(v.Offsets, base+o-start)
		}
	}
	v.Len += src.Len
}

// CopyFrom makes b a copy of src (same column kinds), reusing b's memory.
func (b *Batch) CopyFrom(src *Batch) {
	for i, v := range b.Cols {
		v.Reset()
		v.AppendVector(src.Cols[i])
	}
	if src.Kinds != nil {
		b.Kinds = append(b.Kinds[:0], src.Kinds...)
	} else {
		b.Kinds = nil
	}
	b.Len = src.Len
}
