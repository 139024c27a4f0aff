// Package crand is a counter-based random source for the data set
// generators: every draw is a pure function of (seed, stream, counter), so
// rows can be generated in any order, in parts and in parallel, with
// identical results.
package crand

// Source draws random values. Each generated column uses its own stream; the
// counter is the row number (times the number of draws a row needs).
type Source struct{ Seed uint64 }

// mix is SplitMix64's finalizer.
func mix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// U64 returns draw n of stream.
func (s Source) U64(stream, n uint64) uint64 {
	return mix(mix(s.Seed^(stream*0xd1b54a32d192ed03)) + n)
}

// Between draws uniformly from [lo, hi]. The modulo bias is below 2^-40 for
// ranges under 2^24.
func (s Source) Between(stream, n uint64, lo, hi int64) int64 {
	return lo + int64(s.U64(stream, n)%uint64(hi-lo+1))
}

// Float returns a draw in [0, 1).
func (s Source) Float(stream, n uint64) float64 {
	return float64(s.U64(stream, n)>>11) / (1 << 53)
}
