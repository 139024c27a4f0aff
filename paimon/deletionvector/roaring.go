package deletionvector

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math/bits"
	"slices"
)

// RoaringBitmap portable serialization (32-bit), as specified by
// https://github.com/RoaringBitmap/RoaringFormatSpec and written by Java's
// RoaringBitmap.serialize. All integers are little-endian.
const (
	cookieNoRuns     = 12346 // int32 cookie, then int32 container count
	cookieRuns       = 12347 // low 16 bits of the cookie; high 16 = count-1
	noOffsetMinCount = 4     // with runs, offsets are written only from this many containers
	bitmapBytes      = bitmapWords * 8
	maxContainers    = 1 << 16
)

// Serialized container kinds.
const (
	kindArray = iota
	kindBitmap
	kindRun
)

// keyedContainer is one container of a 32-bit bitmap.
type keyedContainer struct {
	key uint16
	c   *container
}

// kind returns the container kind Java writes after runOptimize(): array up
// to 4096 values else bitmap, replaced by a run container when that is
// strictly smaller.
func (c *container) kind() (kind, runs int) {
	runs = c.runs()
	size := bitmapBytes
	kind = kindBitmap
	if c.card <= arrayMax {
		size, kind = 2*c.card, kindArray
	}
	if size > 2+4*runs {
		return kindRun, runs
	}
	return kind, runs
}

// appendPortable32 appends the portable serialization of a 32-bit bitmap.
func appendPortable32(dst []byte, conts []keyedContainer) []byte {
	n := len(conts)
	kinds := make([]int, n)
	runs := make([]int, n)
	hasRun := false
	for i, kc := range conts {
		kinds[i], runs[i] = kc.c.kind()
		hasRun = hasRun || kinds[i] == kindRun
	}
	le := binary.LittleEndian
	var offset int
	if hasRun {
		dst = le.AppendUint32(dst, uint32(cookieRuns|(n-1)<<16))
		runBits := make([]byte, (n+7)/8)
		for i, k := range kinds {
			if k == kindRun {
				runBits[i/8] |= 1 << (i % 8)
			}
		}
		dst = append(dst, runBits...)
		offset = 4 + 4*n + len(runBits)
		if n >= noOffsetMinCount {
			offset += 4 * n
		}
	} else {
		dst = le.AppendUint32(dst, cookieNoRuns)
		dst = le.AppendUint32(dst, uint32(n))
		offset = 8 + 8*n
	}
	for _, kc := range conts {
		dst = le.AppendUint16(dst, kc.key)
		dst = le.AppendUint16(dst, uint16(kc.c.card-1))
	}
	if !hasRun || n >= noOffsetMinCount {
		for i, kc := range conts {
			dst = le.AppendUint32(dst, uint32(offset))
			switch kinds[i] {
			case kindArray:
				offset += 2 * kc.c.card
			case kindBitmap:
				offset += bitmapBytes
			case kindRun:
				offset += 2 + 4*runs[i]
			}
		}
	}
	for i, kc := range conts {
		c := kc.c
		switch kinds[i] {
		case kindArray:
			for x := range c.all() {
				dst = le.AppendUint16(dst, x)
			}
		case kindBitmap:
			words := c.bitmap
			if words == nil { // unreachable: more than arrayMax values are kept as a bitmap
				words = make([]uint64, bitmapWords)
				for x := range c.all() {
					words[x>>6] |= 1 << (x & 63)
				}
			}
			for _, w := range words {
				dst = le.AppendUint64(dst, w)
			}
		case kindRun:
			dst = le.AppendUint16(dst, uint16(runs[i]))
			start, prev, first := 0, 0, true
			for x := range c.all() {
				switch {
				case first:
					start, first = int(x), false
				case int(x) != prev+1:
					dst = le.AppendUint16(dst, uint16(start))
					dst = le.AppendUint16(dst, uint16(prev-start))
					start = int(x)
				}
				prev = int(x)
			}
			if !first {
				dst = le.AppendUint16(dst, uint16(start))
				dst = le.AppendUint16(dst, uint16(prev-start))
			}
		}
	}
	return dst
}

var errShort = errors.New("roaring bitmap truncated")

// parsePortable32 parses one portable 32-bit bitmap from the start of data,
// adding its values (offset by base<<32) to v, and returns the bytes used.
func parsePortable32(data []byte, base uint64, v *Vector) (int, error) {
	le := binary.LittleEndian
	if len(data) < 4 {
		return 0, errShort
	}
	cookie := le.Uint32(data)
	pos := 4
	var n int
	var runBits []byte
	switch {
	case cookie&0xffff == cookieRuns:
		n = int(cookie>>16) + 1
		runBits = data[pos:min(len(data), pos+(n+7)/8)]
		if len(runBits) < (n+7)/8 {
			return 0, errShort
		}
		pos += len(runBits)
	case cookie == cookieNoRuns:
		if len(data) < 8 {
			return 0, errShort
		}
		c := le.Uint32(data[4:])
		if c > maxContainers {
			return 0, fmt.Errorf("roaring bitmap claims %d containers", c)
		}
		n = int(c)
		pos = 8
	default:
		return 0, fmt.Errorf("bad roaring cookie %#x", cookie)
	}
	if len(data)-pos < 4*n {
		return 0, errShort
	}
	header := data[pos : pos+4*n]
	pos += 4 * n
	if runBits == nil || n >= noOffsetMinCount {
		if len(data)-pos < 4*n {
			return 0, errShort
		}
		pos += 4 * n // container offsets are redundant for sequential reading
	}
	prevKey := -1
	for i := range n {
		key := int(le.Uint16(header[4*i:]))
		card := int(le.Uint16(header[4*i+2:])) + 1
		if key <= prevKey {
			return 0, fmt.Errorf("roaring container keys not ascending (%d after %d)", key, prevKey)
		}
		prevKey = key
		c := &container{}
		switch {
		case runBits != nil && runBits[i/8]&(1<<(i%8)) != 0:
			if len(data)-pos < 2 {
				return 0, errShort
			}
			nr := int(le.Uint16(data[pos:]))
			pos += 2
			if len(data)-pos < 4*nr {
				return 0, errShort
			}
			words := make([]uint64, bitmapWords)
			for r := range nr {
				start := int(le.Uint16(data[pos+4*r:]))
				end := start + int(le.Uint16(data[pos+4*r+2:]))
				if end > 0xffff {
					return 0, fmt.Errorf("roaring run %d+%d overflows its container", start, end-start)
				}
				setRange(words, start, end)
			}
			pos += 4 * nr
			c.setBitmap(words)
		case card > arrayMax:
			if len(data)-pos < bitmapBytes {
				return 0, errShort
			}
			words := make([]uint64, bitmapWords)
			for w := range words {
				words[w] = le.Uint64(data[pos+8*w:])
			}
			pos += bitmapBytes
			c.setBitmap(words)
		default:
			if len(data)-pos < 2*card {
				return 0, errShort
			}
			arr := make([]uint16, card)
			for j := range arr {
				arr[j] = le.Uint16(data[pos+2*j:])
			}
			pos += 2 * card
			slices.Sort(arr)
			arr = slices.Compact(arr)
			c.array, c.card = arr, len(arr)
		}
		if c.card == 0 {
			continue
		}
		hi := base<<16 | uint64(key)
		if v.containers == nil {
			v.containers = map[uint64]*container{}
		}
		v.containers[hi] = c
		v.card += int64(c.card)
	}
	return pos, nil
}

// setRange sets bits start..end (inclusive).
func setRange(words []uint64, start, end int) {
	for x := start; x <= end; {
		w, b := x>>6, x&63
		if b == 0 && x+63 <= end {
			words[w] = ^uint64(0)
			x += 64
			continue
		}
		words[w] |= 1 << b
		x++
	}
}

// setBitmap installs words, normalising to an array when it holds at most
// arrayMax values.
func (c *container) setBitmap(words []uint64) {
	card := 0
	for _, w := range words {
		card += bits.OnesCount64(w)
	}
	c.card = card
	if card > arrayMax {
		c.bitmap = words
		return
	}
	c.bitmap = words
	c.array = slices.Collect(c.all())
	c.bitmap = nil
}

// containers32 returns the containers of v whose positions have high 32
// bits equal to hi32, in key order.
func (v *Vector) containers32(hi32 uint64) []keyedContainer {
	var out []keyedContainer
	for _, k := range v.keys() {
		if k>>16 == hi32 {
			out = append(out, keyedContainer{key: uint16(k), c: v.containers[k]})
		}
	}
	return out
}
