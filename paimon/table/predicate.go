package table

import (
	"bytes"
	"cmp"
	"fmt"

	"github.com/weir-data/weir/types"
)

// Op is a comparison in a Predicate.
type Op uint8

const (
	Eq Op = iota + 1
	NotEq
	Lt
	LtEq
	Gt
	GtEq
	IsNull
	IsNotNull
	In
)

// Predicate is a simple condition on one column: `column op value`, `column IS
// [NOT] NULL` or `column IN (values)`. A scan's predicates are ANDed and used only
// to prune partitions and skip files: the rows read may still contain rows that
// do not match, so callers evaluate their filters on the result.
type Predicate struct {
	Column string
	Op     Op
	// Values holds the literal(s) as scalars of the column's type (see package types).
	Values []any
}

func (p Predicate) String() string {
	ops := map[Op]string{Eq: "=", NotEq: "<>", Lt: "<", LtEq: "<=", Gt: ">", GtEq: ">=", IsNull: "IS NULL", IsNotNull: "IS NOT NULL", In: "IN"}
	return fmt.Sprintf("%s %s %v", p.Column, ops[p.Op], p.Values)
}

// colStats is what is known about a column in a file or partition.
type colStats struct {
	min, max  any // nil when unknown
	nullCount int64
	rowCount  int64
	knownNull bool // nullCount is known
}

// mayMatch reports whether any row with these stats may satisfy p. Unknown
// stats always may.
func (p Predicate) mayMatch(t types.DataType, s colStats) bool {
	switch p.Op {
	case IsNull:
		return !s.knownNull || s.nullCount > 0
	case IsNotNull:
		return !s.knownNull || s.nullCount < s.rowCount
	}
	if s.knownNull && s.nullCount == s.rowCount && s.rowCount > 0 {
		return false // all null: no comparison is true
	}
	if s.min == nil || s.max == nil {
		return true
	}
	for _, v := range p.Values {
		if v == nil {
			continue
		}
		lo, ok1 := compareScalar(v, s.min)
		hi, ok2 := compareScalar(v, s.max)
		if !ok1 || !ok2 {
			return true
		}
		switch p.Op {
		case Eq, In:
			if lo >= 0 && hi <= 0 {
				return true
			}
		case NotEq:
			if !(lo == 0 && hi == 0) {
				return true
			}
		case Lt: // exists x < v  ⇔ min < v
			if lo > 0 {
				return true
			}
		case LtEq:
			if lo >= 0 {
				return true
			}
		case Gt:
			if hi < 0 {
				return true
			}
		case GtEq:
			if hi <= 0 {
				return true
			}
		}
	}
	return false
}

// matchesValue evaluates p on an exact value (partition pruning).
func (p Predicate) matchesValue(v any) bool {
	switch p.Op {
	case IsNull:
		return v == nil
	case IsNotNull:
		return v != nil
	}
	if v == nil {
		return false
	}
	for _, lit := range p.Values {
		c, ok := compareScalar(v, lit)
		if !ok {
			return true
		}
		switch p.Op {
		case Eq, In:
			if c == 0 {
				return true
			}
		case NotEq:
			return c != 0
		case Lt:
			return c < 0
		case LtEq:
			return c <= 0
		case Gt:
			return c > 0
		case GtEq:
			return c >= 0
		}
	}
	return false
}

// compareScalar orders two scalars of the same Go type; ok is false when they
// cannot be compared (different types), in which case callers must not prune.
func compareScalar(a, b any) (int, bool) {
	switch x := a.(type) {
	case bool:
		if y, ok := b.(bool); ok {
			switch {
			case x == y:
				return 0, true
			case !x:
				return -1, true
			}
			return 1, true
		}
	case int8:
		if y, ok := b.(int8); ok {
			return cmp.Compare(x, y), true
		}
	case int16:
		if y, ok := b.(int16); ok {
			return cmp.Compare(x, y), true
		}
	case int32:
		if y, ok := b.(int32); ok {
			return cmp.Compare(x, y), true
		}
	case int64:
		if y, ok := b.(int64); ok {
			return cmp.Compare(x, y), true
		}
	case float32:
		if y, ok := b.(float32); ok {
			return cmp.Compare(x, y), true
		}
	case float64:
		if y, ok := b.(float64); ok {
			return cmp.Compare(x, y), true
		}
	case types.Decimal:
		if y, ok := b.(types.Decimal); ok {
			return x.Cmp(y), true
		}
	case types.Timestamp:
		if y, ok := b.(types.Timestamp); ok {
			return x.Compare(y), true
		}
	case string:
		if y, ok := b.(string); ok {
			return cmp.Compare(x, y), true
		}
	case []byte:
		if y, ok := b.([]byte); ok {
			return bytes.Compare(x, y), true
		}
	}
	return 0, false
}
