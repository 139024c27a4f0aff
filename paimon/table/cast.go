package table

import (
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"

	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// castVector converts a column read with the type it was written with (from an
// older schema) to the table's current type, following the casts Paimon allows
// in ALTER TABLE ... MODIFY column type: numeric widening and narrowing (Java
// primitive conversions), numeric ↔ string, decimal rescaling (HALF_UP),
// timestamp precision, DATE ↔ TIMESTAMP, CHAR/VARCHAR/BINARY length changes.
// A value that cannot be converted (a string that is not a number, a decimal that
// overflows) is an error naming the column.
func castVector(v *vec.Vector, to types.DataType, column string) (*vec.Vector, error) {
	from := v.Type
	toKind, err := vec.KindOf(to)
	if err != nil {
		return nil, fmt.Errorf("column %s: %w", column, err)
	}
	if sameStorage(from, to) {
		out := *v
		out.Type = to
		return &out, nil
	}
	out, err := vec.New(to, v.Len)
	if err != nil {
		return nil, err
	}
	for i := 0; i < v.Len; i++ {
		if v.IsNull(i) {
			out.AppendNull()
			continue
		}
		x, err := castScalar(v.Value(i), from, to)
		if err != nil {
			return nil, fmt.Errorf("column %s: cast %s to %s: %w", column, from, to, err)
		}
		if err := out.Append(x); err != nil {
			return nil, fmt.Errorf("column %s: %w", column, err)
		}
	}
	_ = toKind
	return out, nil
}

// sameStorage reports whether a vector of type from can be relabelled as to
// without touching values.
func sameStorage(from, to types.DataType) bool {
	if from.Root == to.Root {
		switch from.Root {
		case types.DecimalRoot:
			return from.Precision == to.Precision && from.Scale == to.Scale ||
				(from.Scale == to.Scale && from.IsCompactDecimal() == to.IsCompactDecimal() && to.Precision >= from.Precision)
		case types.TimestampRoot, types.TimestampLTZ, types.Time:
			return from.Precision <= to.Precision
		case types.Char, types.Binary:
			return from.Length == to.Length
		case types.VarChar, types.VarBinary:
			return to.Length >= from.Length
		}
		return true
	}
	return (from.IsString() && to.Root == types.VarChar && to.Length >= from.Length) ||
		(from.IsBinary() && to.Root == types.VarBinary && to.Length >= from.Length)
}

// castScalar converts one non-null value.
func castScalar(x any, from, to types.DataType) (any, error) {
	switch to.Root {
	case types.VarChar, types.Char:
		s, _ := types.FormatValue(from, x, nil)
		if to.Root == types.Char || to.Length < types.MaxLength {
			if r := []rune(s); len(r) > to.Length {
				s = string(r[:to.Length])
			}
		}
		return s, nil
	case types.Binary, types.VarBinary:
		switch b := x.(type) {
		case []byte:
			if len(b) > to.Length {
				b = b[:to.Length]
			}
			return b, nil
		case string:
			return []byte(b), nil
		}
	case types.Boolean:
		switch b := x.(type) {
		case string:
			switch strings.ToLower(strings.TrimSpace(b)) {
			case "true", "t", "yes", "y", "1":
				return true, nil
			case "false", "f", "no", "n", "0":
				return false, nil
			}
			return nil, fmt.Errorf("%q is not a boolean", b)
		}
		if f, ok := asFloat(x, from); ok {
			return f != 0, nil
		}
	case types.TinyInt, types.SmallInt, types.Int, types.BigInt:
		n, err := asInt(x, from)
		if err != nil {
			return nil, err
		}
		switch to.Root {
		case types.TinyInt:
			return int8(n), nil
		case types.SmallInt:
			return int16(n), nil
		case types.Int:
			return int32(n), nil
		}
		return n, nil
	case types.Float, types.Double:
		var f float64
		if s, ok := x.(string); ok {
			v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
			if err != nil {
				return nil, fmt.Errorf("%q is not a number", s)
			}
			f = v
		} else if v, ok := asFloat(x, from); ok {
			f = v
		} else {
			break
		}
		if to.Root == types.Float {
			return float32(f), nil
		}
		return f, nil
	case types.DecimalRoot:
		r, err := asRat(x, from)
		if err != nil {
			return nil, err
		}
		return types.ParseDecimal(r.RatString(), to.Precision, to.Scale)
	case types.Date:
		switch from.Root {
		case types.TimestampRoot, types.TimestampLTZ:
			ts := x.(types.Timestamp)
			return int32(math.Floor(float64(ts.Millis) / 86400000)), nil
		case types.VarChar, types.Char:
			t, err := parseDate(x.(string))
			return t, err
		}
	case types.TimestampRoot, types.TimestampLTZ:
		switch from.Root {
		case types.TimestampRoot, types.TimestampLTZ:
			return x.(types.Timestamp).Truncate(to.Precision), nil
		case types.Date:
			return types.Timestamp{Millis: int64(x.(int32)) * 86400000}, nil
		}
	case types.Time:
		if from.Root == types.Time {
			ms := x.(int32)
			unit := int32(math.Pow10(3 - min(to.Precision, 3)))
			return ms - ms%unit, nil
		}
	}
	return nil, fmt.Errorf("unsupported cast")
}

func parseDate(s string) (int32, error) {
	var y, m, d int
	if _, err := fmt.Sscanf(strings.TrimSpace(s), "%d-%d-%d", &y, &m, &d); err != nil {
		return 0, fmt.Errorf("%q is not a date", s)
	}
	days := daysFromCivil(y, m, d)
	return int32(days), nil
}

// daysFromCivil converts a proleptic Gregorian date to days since 1970-01-01.
func daysFromCivil(y, m, d int) int64 {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era = (y - 399) / 400
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return int64(era)*146097 + int64(doe) - 719468
}

func asFloat(x any, t types.DataType) (float64, bool) {
	switch n := x.(type) {
	case int8:
		return float64(n), true
	case int16:
		return float64(n), true
	case int32:
		return float64(n), true
	case int64:
		if t.Root == types.DecimalRoot {
			f, _ := new(big.Rat).SetFrac(big.NewInt(n), pow10(t.Scale)).Float64()
			return f, true
		}
		return float64(n), true
	case float32:
		return float64(n), true
	case float64:
		return n, true
	case types.Decimal:
		f, _ := new(big.Rat).SetFrac(n.Big(), pow10(t.Scale)).Float64()
		return f, true
	}
	return 0, false
}

// asInt converts with Java semantics: integers wrap, floats truncate toward zero
// and saturate, decimals truncate.
func asInt(x any, t types.DataType) (int64, error) {
	switch n := x.(type) {
	case int8:
		return int64(n), nil
	case int16:
		return int64(n), nil
	case int32:
		return int64(n), nil
	case int64:
		if t.Root == types.DecimalRoot {
			return new(big.Int).Quo(big.NewInt(n), pow10(t.Scale)).Int64(), nil
		}
		return n, nil
	case float32:
		return javaF2L(float64(n)), nil
	case float64:
		return javaF2L(n), nil
	case types.Decimal:
		return new(big.Int).Quo(n.Big(), pow10(t.Scale)).Int64(), nil
	case bool:
		if n {
			return 1, nil
		}
		return 0, nil
	case string:
		v, err := strconv.ParseInt(strings.TrimSpace(n), 10, 64)
		if err != nil {
			return 0, fmt.Errorf("%q is not an integer", n)
		}
		return v, nil
	}
	return 0, fmt.Errorf("unsupported cast from %s", t)
}

func javaF2L(f float64) int64 {
	switch {
	case math.IsNaN(f):
		return 0
	case f >= math.MaxInt64:
		return math.MaxInt64
	case f <= math.MinInt64:
		return math.MinInt64
	}
	return int64(f)
}

func asRat(x any, t types.DataType) (*big.Rat, error) {
	switch n := x.(type) {
	case int64:
		if t.Root == types.DecimalRoot {
			return new(big.Rat).SetFrac(big.NewInt(n), pow10(t.Scale)), nil
		}
		return new(big.Rat).SetInt64(n), nil
	case types.Decimal:
		return new(big.Rat).SetFrac(n.Big(), pow10(t.Scale)), nil
	case string:
		r, ok := new(big.Rat).SetString(strings.TrimSpace(n))
		if !ok {
			return nil, fmt.Errorf("%q is not a number", n)
		}
		return r, nil
	case float32, float64:
		f, _ := asFloat(x, t)
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return nil, fmt.Errorf("%v is not a finite number", f)
		}
		return new(big.Rat).SetFloat64(f), nil
	}
	i, err := asInt(x, t)
	if err != nil {
		return nil, err
	}
	return new(big.Rat).SetInt64(i), nil
}

func pow10(n int) *big.Int { return new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(n)), nil) }
