package fn

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math"

	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// MIN_WITH_RETRACT and MAX_WITH_RETRACT are MIN and MAX for retracting
// input (Flink's MinWithRetractAggFunction / MaxWithRetractAggFunction):
// each group keeps a multiset of its values (value → count), so a retracted
// value leaves the group and, when it was the extreme, the next one takes
// over. The planner resolves MIN/MAX over an updating stream under these
// names; over insert-only input plain MIN/MAX is cheaper.
//
// Values are kept as order-preserving byte keys (big-endian, sign bits
// flipped, floats in Java's Double.compare order), so the extreme is a
// byte comparison. Memory: per group one map (created on the group's first
// value) with one entry per distinct value, about 48 bytes plus the key,
// counted by MemoryBytes. A count may go negative (a retraction arriving
// before its row, as Flink allows); only values with a positive count are
// candidates.

func init() {
	aggRegister("MIN_WITH_RETRACT", func(args []Arg) (*Aggregate, error) { return resolveMinMaxRetract("MIN_WITH_RETRACT", -1, args) })
	aggRegister("MAX_WITH_RETRACT", func(args []Arg) (*Aggregate, error) { return resolveMinMaxRetract("MAX_WITH_RETRACT", 1, args) })
}

func resolveMinMaxRetract(name string, dir int, args []Arg) (*Aggregate, error) {
	a, err := resolveMinMax(name, dir, args)
	if err != nil {
		return nil, err
	}
	t := a.Args[0]
	kind, _ := vec.KindOf(t)
	a.New = func() Accumulators { return &minMaxRetractAcc{name: name, dir: dir, kind: kind} }
	return a, nil
}

type minMaxRetractAcc struct {
	name     string
	dir      int
	kind     vec.Kind
	sets     []map[string]int64
	best     []string // key of the current extreme
	has      []bool
	keyBytes int64
	entries  int64
	key      []byte // scratch
}

func (a *minMaxRetractAcc) Grow(n int) {
	a.sets = aggGrow(a.sets, n)
	a.best = aggGrow(a.best, n)
	a.has = aggGrow(a.has, n)
}

func (a *minMaxRetractAcc) Len() int { return len(a.has) }

func (a *minMaxRetractAcc) MemoryBytes() int64 {
	return int64(cap(a.sets))*8 + int64(cap(a.best))*16 + int64(cap(a.has)) + a.keyBytes + 48*a.entries
}

func (a *minMaxRetractAcc) Update(_ *Context, groups []uint32, args []*vec.Vector, sel []int32) error {
	return a.add(groups, args, sel, 1)
}

func (a *minMaxRetractAcc) Retract(_ *Context, groups []uint32, args []*vec.Vector, sel []int32) error {
	return a.add(groups, args, sel, -1)
}

func (a *minMaxRetractAcc) add(groups []uint32, args []*vec.Vector, sel []int32, d int64) error {
	rows, err := aggRows(a.name, len(a.has), groups, args, sel)
	if err != nil {
		return err
	}
	if len(args) != 1 || args[0].Kind != a.kind {
		return fmt.Errorf("%s: argument vectors do not match the resolved type", a.name)
	}
	v := args[0]
	for _, i := range rows {
		if v.Nulls.Get(int(i)) {
			continue
		}
		a.key = mmOrderedKey(a.key[:0], v, i)
		a.addKey(int(groups[i]), a.key, d)
	}
	return nil
}

// addKey changes the count of key in group g by d and keeps best current.
func (a *minMaxRetractAcc) addKey(g int, key []byte, d int64) {
	m := a.sets[g]
	if m == nil {
		m = map[string]int64{}
		a.sets[g] = m
	}
	c, ok := m[string(key)]
	c += d
	switch {
	case c == 0:
		delete(m, string(key))
		a.entries--
		a.keyBytes -= int64(len(key))
	case !ok:
		m[string(key)] = c
		a.entries++
		a.keyBytes += int64(len(key))
	default:
		m[string(key)] = c
	}
	if c > 0 {
		if !a.has[g] || bytes.Compare(key, []byte(a.best[g]))*a.dir > 0 {
			a.best[g], a.has[g] = string(key), true
		}
		return
	}
	if a.has[g] && a.best[g] == string(key) {
		a.recompute(g)
	}
}

// recompute finds group g's extreme among values with a positive count.
func (a *minMaxRetractAcc) recompute(g int) {
	a.has[g], a.best[g] = false, ""
	for k, c := range a.sets[g] {
		if c > 0 && (!a.has[g] || mmCompareStrings(k, a.best[g])*a.dir > 0) {
			a.best[g], a.has[g] = k, true
		}
	}
}

func mmCompareStrings(x, y string) int {
	switch {
	case x < y:
		return -1
	case x > y:
		return 1
	}
	return 0
}

func (a *minMaxRetractAcc) Merge(other Accumulators, into []uint32) error {
	o, ok := other.(*minMaxRetractAcc)
	if !ok || o.dir != a.dir || o.kind != a.kind {
		return aggMergeTypeError(a.name, other)
	}
	if err := aggMergeCheck(a.name, len(a.has), len(o.has), into); err != nil {
		return err
	}
	for g, m := range o.sets[:len(o.has)] {
		for k, c := range m {
			a.addKey(int(into[g]), []byte(k), c)
		}
	}
	return nil
}

func (a *minMaxRetractAcc) Result(_ *Context, lo, hi int, out *vec.Vector) error {
	if lo < 0 || hi > len(a.has) || lo > hi {
		return aggResultRangeError(a.name, lo, hi, len(a.has))
	}
	if out.Kind != a.kind {
		return aggResultKindError(a.name, out)
	}
	for g := lo; g < hi; g++ {
		if !a.has[g] {
			out.AppendNull()
			continue
		}
		if err := mmAppendOrderedKey(out, []byte(a.best[g])); err != nil {
			return fmt.Errorf("%s: %w", a.name, err)
		}
	}
	return nil
}

// mmOrderedKey appends row i of v as a byte string whose byte order is the
// value order.
func mmOrderedKey(key []byte, v *vec.Vector, i int32) []byte {
	be := binary.BigEndian
	switch v.Kind {
	case vec.KindBool:
		if v.Bools[i] {
			return append(key, 1)
		}
		return append(key, 0)
	case vec.KindI8:
		return append(key, uint8(v.I8[i])^0x80)
	case vec.KindI16:
		return be.AppendUint16(key, uint16(v.I16[i])^0x8000)
	case vec.KindI32:
		return be.AppendUint32(key, uint32(v.I32[i])^0x80000000)
	case vec.KindI64:
		return be.AppendUint64(key, uint64(v.I64[i])^(1<<63))
	case vec.KindF32:
		return be.AppendUint64(key, mmSortableFloat(float64(v.F32[i])))
	case vec.KindF64:
		return be.AppendUint64(key, mmSortableFloat(v.F64[i]))
	case vec.KindDecimal:
		key = be.AppendUint64(key, uint64(v.Dec[i].Hi)^(1<<63))
		return be.AppendUint64(key, v.Dec[i].Lo)
	case vec.KindTimestamp:
		key = be.AppendUint64(key, uint64(v.TS[i].Millis)^(1<<63))
		return be.AppendUint32(key, uint32(v.TS[i].NanoOfMilli))
	case vec.KindBytes:
		return append(key, rowsBytesAt(v, i)...)
	}
	return key
}

// mmSortableFloat maps a float to bits whose unsigned order is Java's
// Double.compare order (-0.0 below 0.0, NaN above +Inf).
func mmSortableFloat(f float64) uint64 {
	if f != f {
		f = math.NaN()
	}
	b := math.Float64bits(f)
	if b&(1<<63) != 0 {
		return ^b
	}
	return b | 1<<63
}

func mmUnsortableFloat(b uint64) float64 {
	if b&(1<<63) != 0 {
		return math.Float64frombits(b &^ (1 << 63))
	}
	return math.Float64frombits(^b)
}

// mmOrderedWidth is the key width of each fixed-width kind.
var mmOrderedWidth = [...]int{vec.KindBool: 1, vec.KindI8: 1, vec.KindI16: 2, vec.KindI32: 4, vec.KindI64: 8,
	vec.KindF32: 8, vec.KindF64: 8, vec.KindDecimal: 16, vec.KindTimestamp: 12}

// mmAppendOrderedKey decodes a key made by mmOrderedKey and appends the value.
func mmAppendOrderedKey(out *vec.Vector, key []byte) error {
	be := binary.BigEndian
	if out.Kind != vec.KindBytes && (int(out.Kind) >= len(mmOrderedWidth) || len(key) != mmOrderedWidth[out.Kind]) {
		return fmt.Errorf("corrupt value key of %d bytes for %s", len(key), out.Type)
	}
	switch out.Kind {
	case vec.KindBool:
		out.Bools = append(out.Bools, key[0] == 1)
	case vec.KindI8:
		out.I8 = append(out.I8, int8(key[0]^0x80))
	case vec.KindI16:
		out.I16 = append(out.I16, int16(be.Uint16(key)^0x8000))
	case vec.KindI32:
		out.I32 = append(out.I32, int32(be.Uint32(key)^0x80000000))
	case vec.KindI64:
		out.I64 = append(out.I64, int64(be.Uint64(key)^(1<<63)))
	case vec.KindF32:
		out.F32 = append(out.F32, float32(mmUnsortableFloat(be.Uint64(key))))
	case vec.KindF64:
		out.F64 = append(out.F64, mmUnsortableFloat(be.Uint64(key)))
	case vec.KindDecimal:
		out.Dec = append(out.Dec, types.Decimal{Hi: int64(be.Uint64(key) ^ (1 << 63)), Lo: be.Uint64(key[8:])})
	case vec.KindTimestamp:
		out.TS = append(out.TS, types.Timestamp{Millis: int64(be.Uint64(key) ^ (1 << 63)), NanoOfMilli: int32(be.Uint32(key[8:]))})
	case vec.KindBytes:
		out.AppendBytes(key)
		return nil
	}
	out.Len++
	return nil
}
