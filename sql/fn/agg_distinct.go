package fn

import (
	"encoding/binary"
	"fmt"
	"math"

	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// A DISTINCT aggregate call (COUNT(DISTINCT x), SUM(DISTINCT x), ...) wraps
// the plain accumulators with a per-group multiset of the argument values
// seen: a row reaches the inner aggregate only when its (group, values) pair
// is new, and, on retraction, only when the pair's count drops to zero (as
// Flink's distinct MapView). NULL values take part like any value; the inner
// function skips them as usual.
//
// Memory: one map entry per distinct (group, values) pair, about 48 bytes
// plus the encoded values (4 bytes of group, 1 null byte and the fixed width
// or 4 + length bytes per argument), counted by MemoryBytes.

func distinctAggregate(a *Aggregate) (*Aggregate, error) {
	for _, t := range a.Args {
		if _, err := vec.KindOf(t); err != nil {
			return nil, fmt.Errorf("%s(DISTINCT ...): %w", a.Name, err)
		}
	}
	inner := a.New
	argTypes := a.Args
	name := a.Name
	out := *a
	out.New = func() Accumulators {
		d := &distinctAcc{name: name, inner: inner(), argTypes: argTypes, seen: map[string]int64{}}
		if _, ok := d.inner.(Retracter); ok {
			return &distinctRetractAcc{d}
		}
		return d
	}
	return &out, nil
}

type distinctAcc struct {
	name     string
	inner    Accumulators
	argTypes []types.DataType
	seen     map[string]int64 // key: group (4 bytes LE) + encoded values
	keyBytes int64
	key      []byte  // scratch
	picked   []int32 // scratch: rows forwarded to inner
}

// distinctRetractAcc is a distinctAcc whose inner accumulators retract.
type distinctRetractAcc struct{ *distinctAcc }

func (d *distinctAcc) Grow(n int) { d.inner.Grow(n) }
func (d *distinctAcc) Len() int   { return d.inner.Len() }

func (d *distinctAcc) MemoryBytes() int64 {
	return d.inner.MemoryBytes() + d.keyBytes + 48*int64(len(d.seen))
}

func (d *distinctAcc) Result(ctx *Context, lo, hi int, out *vec.Vector) error {
	return d.inner.Result(ctx, lo, hi, out)
}

func (d *distinctAcc) Update(ctx *Context, groups []uint32, args []*vec.Vector, sel []int32) error {
	rows, err := aggRows(d.name, d.inner.Len(), groups, args, sel)
	if err != nil {
		return err
	}
	if err := d.checkArgs(args); err != nil {
		return err
	}
	d.picked = d.picked[:0]
	for _, i := range rows {
		d.key = distinctKey(d.key[:0], groups[i], args, i)
		if c, ok := d.seen[string(d.key)]; ok {
			d.seen[string(d.key)] = c + 1
			continue
		}
		d.seen[string(d.key)] = 1
		d.keyBytes += int64(len(d.key))
		d.picked = append(d.picked, i)
	}
	if len(d.picked) == 0 {
		return nil
	}
	return d.inner.Update(ctx, groups, args, d.picked)
}

func (d *distinctRetractAcc) Retract(ctx *Context, groups []uint32, args []*vec.Vector, sel []int32) error {
	rows, err := aggRows(d.name, d.inner.Len(), groups, args, sel)
	if err != nil {
		return err
	}
	if err := d.checkArgs(args); err != nil {
		return err
	}
	d.picked = d.picked[:0]
	for _, i := range rows {
		d.key = distinctKey(d.key[:0], groups[i], args, i)
		c, ok := d.seen[string(d.key)]
		if !ok {
			continue // retraction of a value never added: nothing to undo
		}
		if c > 1 {
			d.seen[string(d.key)] = c - 1
			continue
		}
		delete(d.seen, string(d.key))
		d.keyBytes -= int64(len(d.key))
		d.picked = append(d.picked, i)
	}
	if len(d.picked) == 0 {
		return nil
	}
	return d.inner.(Retracter).Retract(ctx, groups, args, d.picked)
}

func (d *distinctAcc) checkArgs(args []*vec.Vector) error {
	if len(args) != len(d.argTypes) {
		return fmt.Errorf("%s(DISTINCT ...): expected %d argument vectors, got %d", d.name, len(d.argTypes), len(args))
	}
	for k, a := range args {
		if want, _ := vec.KindOf(d.argTypes[k]); a.Kind != want {
			return fmt.Errorf("%s(DISTINCT ...): argument %d vector of type %s does not match %s", d.name, k+1, a.Type, d.argTypes[k])
		}
	}
	return nil
}

// Merge adds other's distinct pairs; those new to the receiver are decoded
// and fed to the inner accumulators (other's inner state is not used).
func (d *distinctAcc) Merge(other Accumulators, into []uint32) error {
	var o *distinctAcc
	switch x := other.(type) {
	case *distinctAcc:
		o = x
	case *distinctRetractAcc:
		o = x.distinctAcc
	default:
		return aggMergeTypeError(d.name, other)
	}
	if err := aggMergeCheck(d.name, d.inner.Len(), o.inner.Len(), into); err != nil {
		return err
	}
	cols := make([]*vec.Vector, len(d.argTypes))
	for k, t := range d.argTypes {
		v, err := vec.New(t, 0)
		if err != nil {
			return err
		}
		cols[k] = v
	}
	var groups []uint32
	for key, c := range o.seen {
		g := binary.LittleEndian.Uint32([]byte(key[:4]))
		t := into[g]
		d.key = binary.LittleEndian.AppendUint32(d.key[:0], t)
		d.key = append(d.key, key[4:]...)
		if old, ok := d.seen[string(d.key)]; ok {
			d.seen[string(d.key)] = old + c
			continue
		}
		d.seen[string(d.key)] = c
		d.keyBytes += int64(len(d.key))
		if err := distinctDecode([]byte(key[4:]), cols); err != nil {
			return fmt.Errorf("%s(DISTINCT ...): %w", d.name, err)
		}
		groups = append(groups, t)
	}
	if len(groups) == 0 {
		return nil
	}
	return d.inner.Update(nil, groups, cols, nil)
}

// distinctKey appends group g and the values of row i of args to key.
func distinctKey(key []byte, g uint32, args []*vec.Vector, i int32) []byte {
	key = binary.LittleEndian.AppendUint32(key, g)
	le := binary.LittleEndian
	for _, a := range args {
		if a.Nulls.Get(int(i)) {
			key = append(key, 1)
			continue
		}
		key = append(key, 0)
		switch a.Kind {
		case vec.KindBool:
			b := byte(0)
			if a.Bools[i] {
				b = 1
			}
			key = append(key, b)
		case vec.KindI8:
			key = append(key, byte(a.I8[i]))
		case vec.KindI16:
			key = le.AppendUint16(key, uint16(a.I16[i]))
		case vec.KindI32:
			key = le.AppendUint32(key, uint32(a.I32[i]))
		case vec.KindI64:
			key = le.AppendUint64(key, uint64(a.I64[i]))
		case vec.KindF32:
			f := a.F32[i]
			if f != f {
				f = float32(math.NaN()) // one NaN, as Java's Float.equals
			}
			key = le.AppendUint32(key, math.Float32bits(f))
		case vec.KindF64:
			f := a.F64[i]
			if f != f {
				f = math.NaN()
			}
			key = le.AppendUint64(key, math.Float64bits(f))
		case vec.KindDecimal:
			key = le.AppendUint64(key, uint64(a.Dec[i].Hi))
			key = le.AppendUint64(key, a.Dec[i].Lo)
		case vec.KindTimestamp:
			key = le.AppendUint64(key, uint64(a.TS[i].Millis))
			key = le.AppendUint32(key, uint32(a.TS[i].NanoOfMilli))
		case vec.KindBytes:
			b := rowsBytesAt(a, i)
			key = le.AppendUint32(key, uint32(len(b)))
			key = append(key, b...)
		}
	}
	return key
}

// distinctWidth is the encoded width of a non-null value per kind (for bytes,
// of the length prefix).
var distinctWidth = [...]int{vec.KindBool: 1, vec.KindI8: 1, vec.KindI16: 2, vec.KindI32: 4, vec.KindI64: 8,
	vec.KindF32: 4, vec.KindF64: 8, vec.KindDecimal: 16, vec.KindTimestamp: 12, vec.KindBytes: 4}

// distinctDecode appends the values encoded by distinctKey (without the
// group) as one row of cols.
func distinctDecode(b []byte, cols []*vec.Vector) error {
	le := binary.LittleEndian
	need := func(n int) error {
		if len(b) < n {
			return fmt.Errorf("corrupt distinct key: %d bytes left, %d needed", len(b), n)
		}
		return nil
	}
	for _, c := range cols {
		if err := need(1); err != nil {
			return err
		}
		isNull := b[0] == 1
		b = b[1:]
		if isNull {
			c.AppendNull()
			continue
		}
		width := distinctWidth[c.Kind]
		if err := need(width); err != nil {
			return err
		}
		switch c.Kind {
		case vec.KindBool:
			c.Bools = append(c.Bools, b[0] == 1)
		case vec.KindI8:
			c.I8 = append(c.I8, int8(b[0]))
		case vec.KindI16:
			c.I16 = append(c.I16, int16(le.Uint16(b)))
		case vec.KindI32:
			c.I32 = append(c.I32, int32(le.Uint32(b)))
		case vec.KindI64:
			c.I64 = append(c.I64, int64(le.Uint64(b)))
		case vec.KindF32:
			c.F32 = append(c.F32, math.Float32frombits(le.Uint32(b)))
		case vec.KindF64:
			c.F64 = append(c.F64, math.Float64frombits(le.Uint64(b)))
		case vec.KindDecimal:
			c.Dec = append(c.Dec, types.Decimal{Hi: int64(le.Uint64(b)), Lo: le.Uint64(b[8:])})
		case vec.KindTimestamp:
			c.TS = append(c.TS, types.Timestamp{Millis: int64(le.Uint64(b)), NanoOfMilli: int32(le.Uint32(b[8:]))})
		case vec.KindBytes:
			n := int(le.Uint32(b))
			b = b[4:]
			if err := need(n); err != nil {
				return err
			}
			c.AppendBytes(b[:n])
			b = b[n:]
			continue
		}
		b = b[width:]
		c.Len++
	}
	return nil
}
