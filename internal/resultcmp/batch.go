package resultcmp

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// ColumnOf returns the canonical column of a Weir column type.
func ColumnOf(name string, t types.DataType) Column {
	c := Column{Name: name, Kind: Other, Scale: -1}
	switch t.Root {
	case types.TinyInt, types.SmallInt, types.Int, types.BigInt:
		c.Kind = Integer
	case types.DecimalRoot:
		c.Kind, c.Scale = Decimal, t.Scale
	case types.Float, types.Double:
		c.Kind = Float
	case types.Boolean:
		c.Kind = Bool
	case types.Date:
		c.Kind = Date
	case types.TimestampRoot, types.TimestampLTZ:
		c.Kind = Timestamp
	case types.Char, types.VarChar:
		c.Kind = String
	}
	return c
}

// NewResult returns an empty result with the given column names and types.
func NewResult(names []string, ts []types.DataType) *Result {
	r := &Result{}
	for i, t := range ts {
		r.Columns = append(r.Columns, ColumnOf(names[i], t))
	}
	return r
}

// AppendBatch appends b's rows (all of kind +I; retractions are an error) in
// canonical form. b's vectors must match r's columns.
func (r *Result) AppendBatch(b *vec.Batch) error {
	if len(b.Cols) != len(r.Columns) {
		return fmt.Errorf("resultcmp: batch has %d columns, result %d", len(b.Cols), len(r.Columns))
	}
	for i := 0; i < b.Len; i++ {
		if k := b.Kind(i); k != types.Insert && k != types.UpdateAfter {
			return fmt.Errorf("resultcmp: row %d has kind %v; only +I/+U rows are results", i, k)
		}
		row := make([]string, len(b.Cols))
		for c, v := range b.Cols {
			row[c] = Canonical(v, i)
		}
		r.Rows = append(r.Rows, row)
	}
	return nil
}

// Canonical renders row i of v canonically.
func Canonical(v *vec.Vector, i int) string {
	if v.IsNull(i) {
		return Null
	}
	t := v.Type
	switch v.Kind {
	case vec.KindBool:
		return strconv.FormatBool(v.Bools[i])
	case vec.KindI8:
		return strconv.Itoa(int(v.I8[i]))
	case vec.KindI16:
		return strconv.Itoa(int(v.I16[i]))
	case vec.KindI32:
		if t.Root == types.Date {
			return types.FormatDate(v.I32[i])
		}
		if t.Root == types.Time {
			return types.FormatTime(v.I32[i], t.Precision)
		}
		return strconv.Itoa(int(v.I32[i]))
	case vec.KindI64:
		if t.Root == types.DecimalRoot {
			return types.DecimalFromInt64(v.I64[i]).String(t.Scale)
		}
		return strconv.FormatInt(v.I64[i], 10)
	case vec.KindF32:
		return strconv.FormatFloat(float64(v.F32[i]), 'g', -1, 32)
	case vec.KindF64:
		return strconv.FormatFloat(v.F64[i], 'g', -1, 64)
	case vec.KindDecimal:
		return v.Dec[i].String(t.Scale)
	case vec.KindTimestamp:
		ts := v.TS[i]
		tm := time.UnixMilli(ts.Millis).Add(time.Duration(ts.NanoOfMilli)).UTC()
		s := tm.Format("2006-01-02 15:04:05.000000000")
		return trimFraction(s)
	case vec.KindBytes:
		if t.Root == types.Char || t.Root == types.VarChar {
			return string(v.Bytes(i))
		}
		return `\x` + strings.ToLower(fmt.Sprintf("%x", v.Bytes(i)))
	}
	return fmt.Sprint(v.Value(i))
}
