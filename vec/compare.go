package vec

import (
	"bytes"
	"cmp"

	"github.com/weir-data/weir/types"
)

// Compare orders row i of a against row j of b, which must have the same Kind.
// Nulls sort first. Strings and binaries compare as unsigned bytes (for UTF-8 this
// is code-point order, as Paimon's BinaryString comparison); floats order NaN last
// like Java's Double.compare.
func Compare(a *Vector, i int, b *Vector, j int) int {
	an, bn := a.Nulls.Get(i), b.Nulls.Get(j)
	if an || bn {
		switch {
		case an && bn:
			return 0
		case an:
			return -1
		}
		return 1
	}
	switch a.Kind {
	case KindBool:
		x, y := a.Bools[i], b.Bools[j]
		switch {
		case x == y:
			return 0
		case !x:
			return -1
		}
		return 1
	case KindI8:
		return cmp.Compare(a.I8[i], b.I8[j])
	case KindI16:
		return cmp.Compare(a.I16[i], b.I16[j])
	case KindI32:
		return cmp.Compare(a.I32[i], b.I32[j])
	case KindI64:
		return cmp.Compare(a.I64[i], b.I64[j])
	case KindF32:
		return types.CompareFloat(float64(a.F32[i]), float64(b.F32[j]))
	case KindF64:
		return types.CompareFloat(a.F64[i], b.F64[j])
	case KindDecimal:
		return a.Dec[i].Cmp(b.Dec[j])
	case KindTimestamp:
		return a.TS[i].Compare(b.TS[j])
	case KindBytes:
		return bytes.Compare(a.Data[a.Offsets[i]:a.Offsets[i+1]], b.Data[b.Offsets[j]:b.Offsets[j+1]])
	}
	return 0
}

// CompareRows orders row i of the columns as against row j of bs, column by column.
func CompareRows(as []*Vector, i int, bs []*Vector, j int) int {
	for c := range as {
		if r := Compare(as[c], i, bs[c], j); r != 0 {
			return r
		}
	}
	return 0
}
