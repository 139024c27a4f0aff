package fn

import (
	"fmt"

	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// This file holds what the aggregate functions share: the checks of an
// Update call, per-group values of any type kept in typed slices
// (groupValues, used by MIN, MAX, FIRST_VALUE, LAST_VALUE), and the
// resolver helpers.

// aggRows checks an Update/Retract call against accumulators of n groups and
// returns the rows to visit. Group numbers come from the engine, but a wrong
// one must be an error, never an index panic.
func aggRows(name string, n int, groups []uint32, args []*vec.Vector, sel []int32) ([]int32, error) {
	for k, a := range args {
		if a.Len != len(groups) {
			return nil, fmt.Errorf("%s: argument %d has %d rows but %d group numbers were given", name, k+1, a.Len, len(groups))
		}
	}
	if len(sel) > 0 && (sel[0] < 0 || int(sel[len(sel)-1]) >= len(groups)) {
		return nil, fmt.Errorf("%s: selection rows %d..%d outside the %d rows of the batch", name, sel[0], sel[len(sel)-1], len(groups))
	}
	rows := rowsOf(sel, len(groups))
	for _, i := range rows {
		if int(groups[i]) >= n {
			return nil, fmt.Errorf("%s: group %d of row %d is beyond the %d groups; call Grow first", name, groups[i], i, n)
		}
	}
	return rows, nil
}

// aggMergeCheck checks a Merge call: other must be the same accumulator type
// and into must name a receiving group for each of other's groups.
func aggMergeCheck(name string, n, otherLen int, into []uint32) error {
	if len(into) < otherLen {
		return fmt.Errorf("%s: merge of %d groups given only %d target groups", name, otherLen, len(into))
	}
	for g := 0; g < otherLen; g++ {
		if int(into[g]) >= n {
			return fmt.Errorf("%s: merge target group %d is beyond the %d groups; call Grow first", name, into[g], n)
		}
	}
	return nil
}

func aggMergeTypeError(name string, other Accumulators) error {
	return fmt.Errorf("%s: cannot merge accumulators of type %T", name, other)
}

// aggGrow extends s to n elements (new ones zero).
func aggGrow[T any](s []T, n int) []T {
	if n <= len(s) {
		return s
	}
	if n <= cap(s) {
		old := len(s)
		s = s[:n]
		clear(s[old:])
		return s
	}
	out := make([]T, n, max(n, 2*cap(s)))
	copy(out, s)
	return out
}

// groupValues holds one value of the aggregated type per group, in the typed
// slice of its physical kind (strings in one arena), with has[g] false while
// group g has seen no value.
type groupValues struct {
	kind  vec.Kind
	has   []bool
	bools []bool
	i8    []int8
	i16   []int16
	i32   []int32
	i64   []int64
	f32   []float32
	f64   []float64
	dec   []types.Decimal
	ts    []types.Timestamp
	bytes groupBytes
}

func newGroupValues(t types.DataType) (*groupValues, error) {
	k, err := vec.KindOf(t)
	if err != nil {
		return nil, err
	}
	return &groupValues{kind: k}, nil
}

func (s *groupValues) grow(n int) {
	s.has = aggGrow(s.has, n)
	switch s.kind {
	case vec.KindBool:
		s.bools = aggGrow(s.bools, n)
	case vec.KindI8:
		s.i8 = aggGrow(s.i8, n)
	case vec.KindI16:
		s.i16 = aggGrow(s.i16, n)
	case vec.KindI32:
		s.i32 = aggGrow(s.i32, n)
	case vec.KindI64:
		s.i64 = aggGrow(s.i64, n)
	case vec.KindF32:
		s.f32 = aggGrow(s.f32, n)
	case vec.KindF64:
		s.f64 = aggGrow(s.f64, n)
	case vec.KindDecimal:
		s.dec = aggGrow(s.dec, n)
	case vec.KindTimestamp:
		s.ts = aggGrow(s.ts, n)
	case vec.KindBytes:
		s.bytes.grow(n)
	}
}

func (s *groupValues) memoryBytes() int64 {
	n := int64(len(s.has))
	var width int64
	switch s.kind {
	case vec.KindBool, vec.KindI8:
		width = 1
	case vec.KindI16:
		width = 2
	case vec.KindI32, vec.KindF32:
		width = 4
	case vec.KindI64, vec.KindF64:
		width = 8
	case vec.KindDecimal:
		width = 16
	case vec.KindTimestamp:
		width = 16
	case vec.KindBytes:
		return n + s.bytes.memoryBytes()
	}
	return n * (1 + width)
}

// appendResult appends groups [lo, hi) to out (null where has is false).
func (s *groupValues) appendResult(lo, hi int, out *vec.Vector) error {
	if lo < 0 || hi > len(s.has) || lo > hi {
		return fmt.Errorf("result range [%d, %d) outside the %d groups", lo, hi, len(s.has))
	}
	if out.Kind != s.kind {
		return fmt.Errorf("result vector of type %s cannot hold the aggregated values", out.Type)
	}
	switch s.kind {
	case vec.KindBool:
		out.Bools = appendGroupSlots(out.Bools, s.bools, s.has, lo, hi, out)
	case vec.KindI8:
		out.I8 = appendGroupSlots(out.I8, s.i8, s.has, lo, hi, out)
	case vec.KindI16:
		out.I16 = appendGroupSlots(out.I16, s.i16, s.has, lo, hi, out)
	case vec.KindI32:
		out.I32 = appendGroupSlots(out.I32, s.i32, s.has, lo, hi, out)
	case vec.KindI64:
		out.I64 = appendGroupSlots(out.I64, s.i64, s.has, lo, hi, out)
	case vec.KindF32:
		out.F32 = appendGroupSlots(out.F32, s.f32, s.has, lo, hi, out)
	case vec.KindF64:
		out.F64 = appendGroupSlots(out.F64, s.f64, s.has, lo, hi, out)
	case vec.KindDecimal:
		out.Dec = appendGroupSlots(out.Dec, s.dec, s.has, lo, hi, out)
	case vec.KindTimestamp:
		out.TS = appendGroupSlots(out.TS, s.ts, s.has, lo, hi, out)
	case vec.KindBytes:
		for g := lo; g < hi; g++ {
			if !s.has[g] {
				out.AppendNull()
				continue
			}
			out.AppendBytes(s.bytes.get(g))
		}
	}
	return nil
}

// appendGroupSlots appends vals[lo:hi] to dst, marking groups without a
// value null in out, and advances out.Len.
func appendGroupSlots[T any](dst, vals []T, has []bool, lo, hi int, out *vec.Vector) []T {
	base := out.Len - lo
	for g := lo; g < hi; g++ {
		if !has[g] {
			out.Nulls.Set(base + g)
		}
	}
	out.Len += hi - lo
	return append(dst, vals[lo:hi]...)
}

// groupBytes holds one byte string per group in a shared arena. Replacing a
// group's value appends the new bytes and leaves the old ones as garbage;
// the arena is compacted when garbage outweighs the live bytes.
type groupBytes struct {
	off   []int64
	ln    []int32
	arena []byte
	live  int64
}

func (b *groupBytes) grow(n int) {
	b.off = aggGrow(b.off, n)
	b.ln = aggGrow(b.ln, n)
}

func (b *groupBytes) get(g int) []byte {
	return b.arena[b.off[g] : b.off[g]+int64(b.ln[g])]
}

func (b *groupBytes) set(g int, v []byte) {
	b.live += int64(len(v)) - int64(b.ln[g])
	if len(b.arena) > 1<<20 && int64(len(b.arena)) > 2*b.live {
		b.compact()
	}
	b.off[g] = int64(len(b.arena))
	b.ln[g] = int32(len(v))
	b.arena = append(b.arena, v...)
}

// compact copies the live values into a new arena.
func (b *groupBytes) compact() {
	arena := make([]byte, 0, b.live+b.live/4)
	for g := range b.off {
		v := b.arena[b.off[g] : b.off[g]+int64(b.ln[g])]
		b.off[g] = int64(len(arena))
		arena = append(arena, v...)
	}
	b.arena = arena
}

func (b *groupBytes) memoryBytes() int64 {
	return int64(cap(b.arena)) + 12*int64(len(b.off))
}

// aggOneArg checks that an aggregate has exactly one argument.
func aggOneArg(name string, args []Arg) error {
	if len(args) != 1 {
		return fmt.Errorf("%s: expected 1 argument, got %d (%s)", name, len(args), rowsArgTypes(args))
	}
	return nil
}

// aggVectorType reports whether vectors can hold t (so an aggregate over it
// can keep per-group values).
func aggVectorType(name string, t types.DataType) error {
	if _, err := vec.KindOf(t); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

// aggRegister registers r under name, wrapping distinct calls in the
// per-group distinct filter.
func aggRegister(name string, r func(args []Arg) (*Aggregate, error)) {
	RegisterAggregate(name, func(args []Arg, distinct bool) (*Aggregate, error) {
		a, err := r(args)
		if err != nil || !distinct {
			return a, err
		}
		return distinctAggregate(a)
	})
}

func aggResultRangeError(name string, lo, hi, n int) error {
	return fmt.Errorf("%s: result range [%d, %d) outside the %d groups", name, lo, hi, n)
}

func aggResultKindError(name string, out *vec.Vector) error {
	return fmt.Errorf("%s: result vector of type %s does not match the resolved result type", name, out.Type)
}
