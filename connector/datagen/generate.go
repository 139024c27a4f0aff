package datagen

import (
	"math"
	"math/big"
	"math/rand/v2"
	"strconv"
	"time"

	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// generator fills a vector with n values. For sequences, row is the index
// (within the whole sequence) of the first value.
type generator struct {
	f   fieldConfig
	now time.Time // start of the read: DATE, TIME and TIMESTAMP values derive from it

	pow  float64       // 10^scale for decimals
	step types.Decimal // 10^scale, for DECIMAL(p > 18) sequences
	maxD types.Decimal // largest DECIMAL(p > 18) value
	tmp  big.Int
}

const hexDigits = "0123456789abcdef"

func newGenerator(f fieldConfig, now time.Time) *generator {
	g := &generator{f: f, now: now}
	if f.typ.Root == types.DecimalRoot {
		g.pow = math.Pow10(f.typ.Scale)
		p := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(f.typ.Scale)), nil)
		g.step, _ = types.DecimalFromBig(p)
		m := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(f.typ.Precision)), nil)
		g.maxD, _ = types.DecimalFromBig(m.Sub(m, big.NewInt(1)))
	}
	return g
}

// fill appends n values to v, starting with sequence element row.
func (g *generator) fill(v *vec.Vector, n int, row int64, r *rand.Rand) {
	base := v.Len
	if g.f.kind == sequence {
		g.sequence(v, n, row)
	} else {
		g.random(v, n, r)
	}
	if g.f.nullRate > 0 {
		for i := range n {
			if r.Float64() < g.f.nullRate {
				v.Nulls.Set(base + i)
			}
		}
	}
}

func (g *generator) sequence(v *vec.Vector, n int, row int64) {
	f := &g.f
	switch v.Kind {
	case vec.KindI8:
		for i := range n {
			v.I8 = append(v.I8, int8(f.startI+row+int64(i)))
		}
	case vec.KindI16:
		for i := range n {
			v.I16 = append(v.I16, int16(f.startI+row+int64(i)))
		}
	case vec.KindI32:
		for i := range n {
			v.I32 = append(v.I32, int32(f.startI+row+int64(i)))
		}
	case vec.KindI64:
		if f.typ.Root == types.DecimalRoot {
			s, step := f.startD.Int64(), int64(g.pow)
			for i := range n {
				v.I64 = append(v.I64, s+(row+int64(i))*step)
			}
			break
		}
		for i := range n {
			v.I64 = append(v.I64, f.startI+row+int64(i))
		}
	case vec.KindF32:
		for i := range n {
			v.F32 = append(v.F32, float32(f.startF+float64(row+int64(i))))
		}
	case vec.KindF64:
		for i := range n {
			v.F64 = append(v.F64, f.startF+float64(row+int64(i)))
		}
	case vec.KindDecimal:
		// first = start + row * 10^scale, then one step per value.
		g.tmp.SetInt64(row)
		g.tmp.Mul(&g.tmp, g.step.Big())
		g.tmp.Add(&g.tmp, f.startD.Big())
		d, _ := types.DecimalFromBig(&g.tmp)
		for range n {
			v.Dec = append(v.Dec, d)
			d = add128(d, g.step)
		}
	case vec.KindBytes:
		for i := range n {
			v.Data = strconv.AppendInt(v.Data, f.startI+row+int64(i), 10)
			v.Offsets = append(v.Offsets, int32(len(v.Data)))
		}
	}
	v.Len += n
	v.Nulls = growNulls(v.Nulls, v.Len)
}

// growNulls keeps a non-nil bitmap long enough for n rows.
func growNulls(b vec.Bitmap, n int) vec.Bitmap {
	if b == nil {
		return nil
	}
	for len(b)*64 < n {
		b = append(b, 0)
	}
	return b
}

func add128(a, b types.Decimal) types.Decimal {
	lo := a.Lo + b.Lo
	carry := int64(0)
	if lo < a.Lo {
		carry = 1
	}
	return types.Decimal{Hi: a.Hi + b.Hi + carry, Lo: lo}
}

// uniformInt returns a uniform integer in [lo, hi].
func uniformInt(r *rand.Rand, lo, hi int64) int64 {
	span := uint64(hi) - uint64(lo)
	if span == math.MaxUint64 {
		return int64(r.Uint64())
	}
	return lo + int64(r.Uint64N(span+1))
}

// uniformFloat returns a uniform float in [lo, hi] without overflowing for
// ranges wider than MaxFloat64.
func uniformFloat(r *rand.Rand, lo, hi float64) float64 {
	u := r.Float64()
	return lo*(1-u) + hi*u
}

func (g *generator) random(v *vec.Vector, n int, r *rand.Rand) {
	f := &g.f
	switch v.Kind {
	case vec.KindBool:
		for range n {
			v.Bools = append(v.Bools, r.Uint64()&1 == 1)
		}
	case vec.KindI8:
		for range n {
			v.I8 = append(v.I8, int8(uniformInt(r, f.minI, f.maxI)))
		}
	case vec.KindI16:
		for range n {
			v.I16 = append(v.I16, int16(uniformInt(r, f.minI, f.maxI)))
		}
	case vec.KindI32:
		switch f.typ.Root {
		case types.Date:
			day := int32(g.now.Unix() / 86400)
			for range n {
				v.I32 = append(v.I32, day)
			}
		case types.Time:
			ms := int32(g.now.Sub(g.now.Truncate(24*time.Hour)) / time.Millisecond)
			for range n {
				v.I32 = append(v.I32, ms)
			}
		default:
			for range n {
				v.I32 = append(v.I32, int32(uniformInt(r, f.minI, f.maxI)))
			}
		}
	case vec.KindI64:
		if f.typ.Root == types.DecimalRoot {
			lim := int64(math.Pow10(f.typ.Precision)) - 1
			for range n {
				u := math.Round(uniformFloat(r, f.minF, f.maxF) * g.pow)
				x := int64(u)
				if x > lim {
					x = lim
				} else if x < -lim {
					x = -lim
				}
				v.I64 = append(v.I64, x)
			}
			break
		}
		for range n {
			v.I64 = append(v.I64, uniformInt(r, f.minI, f.maxI))
		}
	case vec.KindF32:
		for range n {
			v.F32 = append(v.F32, float32(uniformFloat(r, f.minF, f.maxF)))
		}
	case vec.KindF64:
		for range n {
			v.F64 = append(v.F64, uniformFloat(r, f.minF, f.maxF))
		}
	case vec.KindDecimal:
		for range n {
			d := decimalFromFloat(math.Round(uniformFloat(r, f.minF, f.maxF) * g.pow))
			if d.Cmp(g.maxD) > 0 {
				d = g.maxD
			} else if neg := negate128(g.maxD); d.Cmp(neg) < 0 {
				d = neg
			}
			v.Dec = append(v.Dec, d)
		}
	case vec.KindTimestamp:
		hi := g.now.UnixNano()
		lo := hi - int64(f.maxPast)
		for range n {
			ts := types.TimestampFromEpochNanos(uniformInt(r, lo, hi)).Truncate(f.typ.Precision)
			v.TS = append(v.TS, ts)
		}
	case vec.KindBytes:
		binary := f.typ.IsBinary()
		for range n {
			l := f.length
			if f.varLen && l > 0 {
				l = 1 + int(r.Uint64N(uint64(l)))
			}
			for k := 0; k < l; k += 8 {
				x := r.Uint64()
				for j := k; j < min(k+8, l); j++ {
					if binary {
						v.Data = append(v.Data, byte(x))
						x >>= 8
					} else {
						v.Data = append(v.Data, hexDigits[x&15])
						x >>= 4
					}
				}
			}
			v.Offsets = append(v.Offsets, int32(len(v.Data)))
		}
	}
	v.Len += n
	v.Nulls = growNulls(v.Nulls, v.Len)
}

func negate128(d types.Decimal) types.Decimal {
	lo := ^d.Lo + 1
	hi := ^d.Hi
	if lo == 0 {
		hi++
	}
	return types.Decimal{Hi: hi, Lo: lo}
}

// decimalFromFloat converts an integral float (|u| < 2^127) to a 128-bit
// unscaled value.
func decimalFromFloat(u float64) types.Decimal {
	neg := u < 0
	a := math.Abs(u)
	hi := math.Floor(a / (1 << 64))
	lo := a - hi*(1<<64)
	d := types.Decimal{Hi: int64(hi), Lo: uint64(lo)}
	if neg {
		return negate128(d)
	}
	return d
}
