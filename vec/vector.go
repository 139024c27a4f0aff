package vec

import (
	"fmt"

	"github.com/weir-data/weir/types"
)

// Kind is the physical storage of a Vector.
type Kind uint8

const (
	KindBool Kind = iota + 1
	KindI8
	KindI16
	KindI32
	KindI64
	KindF32
	KindF64
	KindDecimal
	KindTimestamp
	KindBytes
)

// KindOf returns the physical kind that stores logical type t, or an error for
// types vectors do not hold yet (ARRAY, MAP, MULTISET, ROW, VARIANT, BLOB).
func KindOf(t types.DataType) (Kind, error) {
	switch t.Root {
	case types.Boolean:
		return KindBool, nil
	case types.TinyInt:
		return KindI8, nil
	case types.SmallInt:
		return KindI16, nil
	case types.Int, types.Date, types.Time:
		return KindI32, nil
	case types.BigInt:
		return KindI64, nil
	case types.Float:
		return KindF32, nil
	case types.Double:
		return KindF64, nil
	case types.DecimalRoot:
		if t.IsCompactDecimal() {
			return KindI64, nil
		}
		return KindDecimal, nil
	case types.TimestampRoot, types.TimestampLTZ:
		return KindTimestamp, nil
	case types.Char, types.VarChar, types.Binary, types.VarBinary:
		return KindBytes, nil
	}
	return 0, fmt.Errorf("type %s is not supported in columnar batches yet", t)
}

// Vector is one column of a batch. Exactly the slice selected by Kind is used;
// its length is Len (Offsets has Len+1 entries). Values of null rows are
// unspecified (zero when built by Append* methods).
type Vector struct {
	Type  types.DataType
	Kind  Kind
	Len   int
	Nulls Bitmap

	Bools   []bool
	I8      []int8
	I16     []int16
	I32     []int32
	I64     []int64
	F32     []float32
	F64     []float64
	Dec     []types.Decimal
	TS      []types.Timestamp
	Offsets []int32
	Data    []byte
}

// New returns an empty vector for type t with room for capacity rows.
func New(t types.DataType, capacity int) (*Vector, error) {
	k, err := KindOf(t)
	if err != nil {
		return nil, err
	}
	v := &Vector{Type: t, Kind: k}
	switch k {
	case KindBool:
		v.Bools = make([]bool, 0, capacity)
	case KindI8:
		v.I8 = make([]int8, 0, capacity)
	case KindI16:
		v.I16 = make([]int16, 0, capacity)
	case KindI32:
		v.I32 = make([]int32, 0, capacity)
	case KindI64:
		v.I64 = make([]int64, 0, capacity)
	case KindF32:
		v.F32 = make([]float32, 0, capacity)
	case KindF64:
		v.F64 = make([]float64, 0, capacity)
	case KindDecimal:
		v.Dec = make([]types.Decimal, 0, capacity)
	case KindTimestamp:
		v.TS = make([]types.Timestamp, 0, capacity)
	case KindBytes:
		v.Offsets = make([]int32, 1, capacity+1)
	}
	return v, nil
}

// MustNew is New for types known to be supported (tests, fixed schemas).
func MustNew(t types.DataType, capacity int) *Vector {
	v, err := New(t, capacity)
	if err != nil {
		panic(err)
	}
	return v
}

// Reset empties the vector, keeping its memory.
func (v *Vector) Reset() {
	v.Len = 0
	v.Nulls = v.Nulls[:0]
	v.Bools, v.I8, v.I16, v.I32 = v.Bools[:0], v.I8[:0], v.I16[:0], v.I32[:0]
	v.I64, v.F32, v.F64, v.Dec, v.TS = v.I64[:0], v.F32[:0], v.F64[:0], v.Dec[:0], v.TS[:0]
	if v.Kind == KindBytes {
		v.Offsets = append(v.Offsets[:0], 0)
	}
	v.Data = v.Data[:0]
}

// IsNull reports whether row i is null.
func (v *Vector) IsNull(i int) bool { return v.Nulls.Get(i) }

// Bytes returns the bytes of row i of a KindBytes vector (aliasing Data).
func (v *Vector) Bytes(i int) []byte { return v.Data[v.Offsets[i]:v.Offsets[i+1]] }

// AppendNull appends a null row.
func (v *Vector) AppendNull() {
	v.Nulls.Set(v.Len)
	switch v.Kind {
	case KindBool:
		v.Bools = append(v.Bools, false)
	case KindI8:
		v.I8 = append(v.I8, 0)
	case KindI16:
		v.I16 = append(v.I16, 0)
	case KindI32:
		v.I32 = append(v.I32, 0)
	case KindI64:
		v.I64 = append(v.I64, 0)
	case KindF32:
		v.F32 = append(v.F32, 0)
	case KindF64:
		v.F64 = append(v.F64, 0)
	case KindDecimal:
		v.Dec = append(v.Dec, types.Decimal{})
	case KindTimestamp:
		v.TS = append(v.TS, types.Timestamp{})
	case KindBytes:
		v.Offsets = append(v.Offsets, int32(len(v.Data)))
	}
	v.Len++
}

// AppendBytes appends a value to a KindBytes vector.
func (v *Vector) AppendBytes(b []byte) {
	v.Data = append(v.Data, b...)
	v.Offsets = append(v.Offsets, int32(len(v.Data)))
	v.Len++
}

// AppendString appends a value to a KindBytes vector.
func (v *Vector) AppendString(s string) {
	v.Data = append(v.Data, s...)
	v.Offsets = append(v.Offsets, int32(len(v.Data)))
	v.Len++
}

// AppendFrom appends row i of src, which must have the same Kind.
func (v *Vector) AppendFrom(src *Vector, i int) {
	if src.Nulls.Get(i) {
		v.AppendNull()
		return
	}
	switch v.Kind {
	case KindBool:
		v.Bools = append(v.Bools, src.Bools[i])
	case KindI8:
		v.I8 = append(v.I8, src.I8[i])
	case KindI16:
		v.I16 = append(v.I16, src.I16[i])
	case KindI32:
		v.I32 = append(v.I32, src.I32[i])
	case KindI64:
		v.I64 = append(v.I64, src.I64[i])
	case KindF32:
		v.F32 = append(v.F32, src.F32[i])
	case KindF64:
		v.F64 = append(v.F64, src.F64[i])
	case KindDecimal:
		v.Dec = append(v.Dec, src.Dec[i])
	case KindTimestamp:
		v.TS = append(v.TS, src.TS[i])
	case KindBytes:
		v.AppendBytes(src.Bytes(i))
		return
	}
	v.Len++
}

// Append appends a scalar value (see package types for the Go type of each
// logical type); nil appends a null.
func (v *Vector) Append(x any) error {
	if x == nil {
		v.AppendNull()
		return nil
	}
	ok := true
	switch v.Kind {
	case KindBool:
		var b bool
		if b, ok = x.(bool); ok {
			v.Bools = append(v.Bools, b)
		}
	case KindI8:
		var n int8
		if n, ok = x.(int8); ok {
			v.I8 = append(v.I8, n)
		}
	case KindI16:
		var n int16
		if n, ok = x.(int16); ok {
			v.I16 = append(v.I16, n)
		}
	case KindI32:
		var n int32
		if n, ok = x.(int32); ok {
			v.I32 = append(v.I32, n)
		}
	case KindI64:
		switch n := x.(type) {
		case int64:
			v.I64 = append(v.I64, n)
		case types.Decimal:
			v.I64 = append(v.I64, n.Int64())
		default:
			ok = false
		}
	case KindF32:
		var n float32
		if n, ok = x.(float32); ok {
			v.F32 = append(v.F32, n)
		}
	case KindF64:
		var n float64
		if n, ok = x.(float64); ok {
			v.F64 = append(v.F64, n)
		}
	case KindDecimal:
		var d types.Decimal
		if d, ok = x.(types.Decimal); ok {
			v.Dec = append(v.Dec, d)
		}
	case KindTimestamp:
		var t types.Timestamp
		if t, ok = x.(types.Timestamp); ok {
			v.TS = append(v.TS, t)
		}
	case KindBytes:
		switch s := x.(type) {
		case string:
			v.AppendString(s)
		case []byte:
			v.AppendBytes(s)
		default:
			ok = false
		}
		if ok {
			return nil
		}
	}
	if !ok {
		return fmt.Errorf("cannot append %T to a %s vector", x, v.Type)
	}
	v.Len++
	return nil
}

// Value returns row i as a scalar (nil for null). Not for hot paths.
func (v *Vector) Value(i int) any {
	if v.Nulls.Get(i) {
		return nil
	}
	switch v.Kind {
	case KindBool:
		return v.Bools[i]
	case KindI8:
		return v.I8[i]
	case KindI16:
		return v.I16[i]
	case KindI32:
		return v.I32[i]
	case KindI64:
		if v.Type.Root == types.DecimalRoot {
			return types.DecimalFromInt64(v.I64[i])
		}
		return v.I64[i]
	case KindF32:
		return v.F32[i]
	case KindF64:
		return v.F64[i]
	case KindDecimal:
		return v.Dec[i]
	case KindTimestamp:
		return v.TS[i]
	case KindBytes:
		if v.Type.IsString() {
			return string(v.Bytes(i))
		}
		return append([]byte(nil), v.Bytes(i)...)
	}
	return nil
}
