package hashtab

import (
	"hash/maphash"
	"math"

	"github.com/weir-data/weir/vec"
)

// seed is fixed for the process so that hashes of equal keys agree across
// tables (a join's build and probe sides, partial and final aggregates).
var seed = maphash.MakeSeed()

// nullHash is mixed in for a NULL value.
const nullHash = 0x9e3779b97f4a7c15

// mix is the 64-bit finalizer of MurmurHash3: a cheap, well-spread mix.
func mix(h uint64) uint64 {
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	h *= 0xc4ceb9fe1a85ec53
	h ^= h >> 33
	return h
}

// Hash computes one hash per row of the key columns into hashes (which it
// returns, grown to n). Equal keys (vec.Compare == 0 on every column, NULL
// equal to NULL) hash equally.
func Hash(keys []*vec.Vector, n int, hashes []uint64) []uint64 {
	if cap(hashes) < n {
		hashes = make([]uint64, n)
	}
	hashes = hashes[:n]
	for i := range hashes {
		hashes[i] = 0
	}
	for _, k := range keys {
		hashColumn(k, n, hashes)
	}
	return hashes
}

func hashColumn(v *vec.Vector, n int, h []uint64) {
	if len(v.Nulls) != 0 && v.Nulls.Any() {
		// Values of null rows are unspecified: such a column is hashed row
		// by row so that a null contributes only the null marker.
		for i := 0; i < n; i++ {
			if v.Nulls.Get(i) {
				h[i] = mix(h[i]*31 + nullHash)
			} else {
				h[i] = mix(h[i]*31 + valueHash(v, i))
			}
		}
		return
	}
	switch v.Kind {
	case vec.KindBool:
		for i := 0; i < n; i++ {
			x := uint64(0)
			if v.Bools[i] {
				x = 1
			}
			h[i] = mix(h[i]*31 + x + 1)
		}
	case vec.KindI8:
		for i := 0; i < n; i++ {
			h[i] = mix(h[i]*31 + uint64(v.I8[i]))
		}
	case vec.KindI16:
		for i := 0; i < n; i++ {
			h[i] = mix(h[i]*31 + uint64(v.I16[i]))
		}
	case vec.KindI32:
		for i := 0; i < n; i++ {
			h[i] = mix(h[i]*31 + uint64(v.I32[i]))
		}
	case vec.KindI64:
		for i := 0; i < n; i++ {
			h[i] = mix(h[i]*31 + uint64(v.I64[i]))
		}
	case vec.KindF32:
		for i := 0; i < n; i++ {
			h[i] = mix(h[i]*31 + floatBits(float64(v.F32[i])))
		}
	case vec.KindF64:
		for i := 0; i < n; i++ {
			h[i] = mix(h[i]*31 + floatBits(v.F64[i]))
		}
	case vec.KindDecimal:
		for i := 0; i < n; i++ {
			d := v.Dec[i]
			h[i] = mix(h[i]*31 + mix(uint64(d.Hi)) + d.Lo)
		}
	case vec.KindTimestamp:
		for i := 0; i < n; i++ {
			t := v.TS[i]
			h[i] = mix(h[i]*31 + mix(uint64(t.Millis)) + uint64(t.NanoOfMilli))
		}
	case vec.KindBytes:
		for i := 0; i < n; i++ {
			h[i] = mix(h[i]*31 + maphash.Bytes(seed, v.Data[v.Offsets[i]:v.Offsets[i+1]]))
		}
	}
}

// floatBits is the hash input of a float: NaNs collapse to one value, as
// Java's Double.compare treats them all equal; -0.0 and 0.0 stay distinct,
// as Double.compare orders them.
func floatBits(f float64) uint64 {
	if f != f {
		return 0x7ff8000000000000
	}
	return math.Float64bits(f)
}

// valueHash is the per-row form of hashColumn's loops (same inputs to mix).
func valueHash(v *vec.Vector, i int) uint64 {
	switch v.Kind {
	case vec.KindBool:
		if v.Bools[i] {
			return 2
		}
		return 1
	case vec.KindI8:
		return uint64(v.I8[i])
	case vec.KindI16:
		return uint64(v.I16[i])
	case vec.KindI32:
		return uint64(v.I32[i])
	case vec.KindI64:
		return uint64(v.I64[i])
	case vec.KindF32:
		return floatBits(float64(v.F32[i]))
	case vec.KindF64:
		return floatBits(v.F64[i])
	case vec.KindDecimal:
		return mix(uint64(v.Dec[i].Hi)) + v.Dec[i].Lo
	case vec.KindTimestamp:
		return mix(uint64(v.TS[i].Millis)) + uint64(v.TS[i].NanoOfMilli)
	case vec.KindBytes:
		return maphash.Bytes(seed, v.Data[v.Offsets[i]:v.Offsets[i+1]])
	}
	return 0
}
