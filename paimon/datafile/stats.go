package datafile

import (
	"bytes"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// StatsMode is Paimon's metadata.stats-mode for one column: none, counts,
// truncate(N) or full. The zero value is the default, truncate(16).
type StatsMode struct {
	kind statsKind
	n    int
}

type statsKind uint8

const (
	statsDefault statsKind = iota // truncate(16)
	statsNone
	statsCounts
	statsTruncate
	statsFull
)

// DefaultTruncateLength is N of the default mode truncate(16).
const DefaultTruncateLength = 16

// Stats modes.
var (
	StatsNone   = StatsMode{kind: statsNone}   // no statistics at all
	StatsCounts = StatsMode{kind: statsCounts} // null count only
	StatsFull   = StatsMode{kind: statsFull}   // null count, exact min and max
)

// StatsTruncate returns truncate(n): null count and min/max with strings cut to
// n code points (max rounded up). n must be positive.
func StatsTruncate(n int) StatsMode { return StatsMode{kind: statsTruncate, n: n} }

// ParseStatsMode parses Paimon's spelling ("none", "counts", "full",
// "truncate(16)"; case-insensitive).
func ParseStatsMode(s string) (StatsMode, error) {
	l := strings.ToLower(strings.TrimSpace(s))
	switch l {
	case "none":
		return StatsNone, nil
	case "counts":
		return StatsCounts, nil
	case "full":
		return StatsFull, nil
	}
	if strings.HasPrefix(l, "truncate(") && strings.HasSuffix(l, ")") {
		n, err := strconv.Atoi(l[len("truncate(") : len(l)-1])
		if err == nil && n > 0 {
			return StatsTruncate(n), nil
		}
	}
	return StatsMode{}, fmt.Errorf("invalid stats mode %q (want none, counts, truncate(N) or full)", s)
}

// String returns Paimon's spelling of the mode.
func (m StatsMode) String() string {
	switch m.kind {
	case statsNone:
		return "none"
	case statsCounts:
		return "counts"
	case statsFull:
		return "full"
	case statsTruncate:
		return fmt.Sprintf("truncate(%d)", m.n)
	}
	return fmt.Sprintf("truncate(%d)", DefaultTruncateLength)
}

func (m StatsMode) normalize() (StatsMode, error) {
	switch m.kind {
	case statsDefault:
		return StatsTruncate(DefaultTruncateLength), nil
	case statsTruncate:
		if m.n <= 0 {
			return m, fmt.Errorf("truncate length must be positive, got %d", m.n)
		}
	}
	return m, nil
}

// ColumnStats are the statistics of one column of a written file, as Paimon
// stores them in DataFileMeta (_VALUE_STATS / _KEY_STATS).
//
// Min and Max are scalars following the conventions of package types (int32 for
// INT, Decimal for every DECIMAL, Timestamp, string for CHAR/VARCHAR, ...) and
// nil when unknown. Like Paimon's Parquet stats extractor, min/max are always
// nil for BINARY/VARBINARY, for TIMESTAMP(p > 6) (INT96, which carries no
// Parquet statistics), for FLOAT/DOUBLE columns containing NaN, for columns
// without non-null values, in modes none and counts, and in truncate(N) when a
// string max cannot be rounded up. NullCount is nil in mode none.
type ColumnStats struct {
	Min, Max  any
	NullCount *int64
}

// collector accumulates the statistics of one column while writing.
type collector struct {
	typ    types.DataType
	mode   StatsMode
	minMax bool // whether min/max are tracked at all

	nulls int64
	has   bool // a non-null value was seen

	minI, maxI int64
	minF, maxF float64
	nan        bool
	minD, maxD types.Decimal
	minT, maxT types.Timestamp
	minB, maxB []byte
	sawFalse   bool
	sawTrue    bool
}

func newCollector(t types.DataType, mode StatsMode) *collector {
	c := &collector{typ: t, mode: mode}
	c.minMax = mode.kind == statsTruncate || mode.kind == statsFull
	switch {
	case t.IsBinary():
		c.minMax = false
	case t.IsTimestamp() && t.Precision > 6:
		c.minMax = false
	}
	return c
}

// addNulls counts n nulls.
func (c *collector) addNulls(n int) { c.nulls += int64(n) }

func (c *collector) int(v int64) {
	if !c.has {
		c.minI, c.maxI, c.has = v, v, true
		return
	}
	if v < c.minI {
		c.minI = v
	} else if v > c.maxI {
		c.maxI = v
	}
}

func (c *collector) float(v float64) {
	if v != v {
		c.nan = true
		return
	}
	if !c.has {
		c.minF, c.maxF, c.has = v, v, true
		return
	}
	if v < c.minF {
		c.minF = v
	} else if v > c.maxF {
		c.maxF = v
	}
}

func (c *collector) bool(v bool) {
	c.has = true
	if v {
		c.sawTrue = true
	} else {
		c.sawFalse = true
	}
}

func (c *collector) decimal(v types.Decimal) {
	if !c.has {
		c.minD, c.maxD, c.has = v, v, true
		return
	}
	if v.Cmp(c.minD) < 0 {
		c.minD = v
	} else if v.Cmp(c.maxD) > 0 {
		c.maxD = v
	}
}

func (c *collector) timestamp(v types.Timestamp) {
	if !c.has {
		c.minT, c.maxT, c.has = v, v, true
		return
	}
	if v.Compare(c.minT) < 0 {
		c.minT = v
	} else if v.Compare(c.maxT) > 0 {
		c.maxT = v
	}
}

// bytes tracks min/max of byte strings (unsigned lexicographic order, which
// for UTF-8 is code point order, as Paimon's BinaryString compares).
func (c *collector) bytes(v []byte) {
	if !c.has {
		c.minB = append(c.minB[:0], v...)
		c.maxB = append(c.maxB[:0], v...)
		c.has = true
		return
	}
	if bytes.Compare(v, c.minB) < 0 {
		c.minB = append(c.minB[:0], v...)
	} else if bytes.Compare(v, c.maxB) > 0 {
		c.maxB = append(c.maxB[:0], v...)
	}
}

// result returns the column's statistics under its mode.
func (c *collector) result() ColumnStats {
	if c.mode.kind == statsNone {
		return ColumnStats{}
	}
	nulls := c.nulls
	st := ColumnStats{NullCount: &nulls}
	if !c.minMax || !c.has {
		return st
	}
	t := c.typ
	switch k, _ := vec.KindOf(t); k {
	case vec.KindBool:
		st.Min, st.Max = !c.sawFalse, c.sawTrue
	case vec.KindI8:
		st.Min, st.Max = int8(c.minI), int8(c.maxI)
	case vec.KindI16:
		st.Min, st.Max = int16(c.minI), int16(c.maxI)
	case vec.KindI32:
		st.Min, st.Max = int32(c.minI), int32(c.maxI)
	case vec.KindI64:
		if t.Root == types.DecimalRoot {
			st.Min, st.Max = types.DecimalFromInt64(c.minI), types.DecimalFromInt64(c.maxI)
		} else {
			st.Min, st.Max = c.minI, c.maxI
		}
	case vec.KindF32, vec.KindF64:
		if c.nan {
			return st
		}
		lo, hi := c.minF, c.maxF
		// parquet-mr writes a zero min as -0.0 and a zero max as +0.0.
		if lo == 0 {
			lo = math.Copysign(0, -1)
		}
		if hi == 0 {
			hi = 0
		}
		if k == vec.KindF32 {
			st.Min, st.Max = float32(lo), float32(hi)
		} else {
			st.Min, st.Max = lo, hi
		}
	case vec.KindDecimal:
		st.Min, st.Max = c.minD, c.maxD
	case vec.KindTimestamp:
		st.Min, st.Max = c.minT.Truncate(t.Precision), c.maxT.Truncate(t.Precision)
	case vec.KindBytes:
		if c.mode.kind == statsFull {
			st.Min, st.Max = string(c.minB), string(c.maxB)
			return st
		}
		mx, ok := truncateMax(string(c.maxB), c.mode.n)
		if !ok {
			return st
		}
		st.Min, st.Max = truncateMin(string(c.minB), c.mode.n), mx
	}
	return st
}

// truncateMin returns the first n code points of s (a lower bound of s).
func truncateMin(s string, n int) string {
	i, cps := 0, 0
	for i < len(s) && cps < n {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
		cps++
	}
	return s[:i]
}

// truncateMax returns an upper bound of s of at most n code points: s itself
// when it is that short, else the first n code points with the last code point
// that can be incremented incremented and everything after it cut. ok is
// false when no code point can be incremented (all are U+10FFFF). Surrogate
// code points are skipped (U+D7FF increments to U+E000), as UTF-8 cannot
// encode them.
func truncateMax(s string, n int) (string, bool) {
	t := truncateMin(s, n)
	if len(t) == len(s) {
		return s, true
	}
	runes := []rune(t)
	for i := len(runes) - 1; i >= 0; i-- {
		next := runes[i] + 1
		if next >= 0xD800 && next <= 0xDFFF {
			next = 0xE000
		}
		if next <= utf8.MaxRune {
			return string(runes[:i]) + string(next), true
		}
	}
	return "", false
}
