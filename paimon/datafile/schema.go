package datafile

import (
	"fmt"
	"math"
	"reflect"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/compress"
	"github.com/parquet-go/parquet-go/deprecated"
	"github.com/parquet-go/parquet-go/encoding"
	"github.com/parquet-go/parquet-go/format"

	"github.com/weir-data/weir/types"
)

// MessageName is the name of the Parquet root group Paimon writes.
const MessageName = "paimon_schema"

// orderedGroup is a Parquet group node that keeps its fields in the given
// order (parquet.Group is a map and sorts its fields by name).
type orderedGroup struct {
	fields []parquet.Field
}

func (g *orderedGroup) ID() int                     { return 0 }
func (g *orderedGroup) String() string              { return fmt.Sprintf("group(%d fields)", len(g.fields)) }
func (g *orderedGroup) Type() parquet.Type          { return parquet.Group{}.Type() }
func (g *orderedGroup) Optional() bool              { return false }
func (g *orderedGroup) Repeated() bool              { return false }
func (g *orderedGroup) Required() bool              { return true }
func (g *orderedGroup) Leaf() bool                  { return false }
func (g *orderedGroup) Fields() []parquet.Field     { return g.fields }
func (g *orderedGroup) Encoding() encoding.Encoding { return nil }
func (g *orderedGroup) Compression() compress.Codec { return nil }
func (g *orderedGroup) GoType() reflect.Type        { return reflect.TypeFor[map[string]any]() }

// namedField gives a leaf node a name inside an orderedGroup.
type namedField struct {
	parquet.Node
	name string
}

func (f *namedField) Name() string { return f.name }

// Value looks the field up by name in a map or struct; this package never
// writes Go values through reflection, but parquet.Field requires it.
func (f *namedField) Value(base reflect.Value) reflect.Value {
	switch base.Kind() {
	case reflect.Map:
		return base.MapIndex(reflect.ValueOf(f.name))
	case reflect.Struct:
		return base.FieldByName(f.name)
	}
	return reflect.Value{}
}

// buildSchema returns the Parquet schema of cols, in order, with field ids.
func buildSchema(cols []Column) (*parquet.Schema, error) {
	g := &orderedGroup{fields: make([]parquet.Field, len(cols))}
	seen := make(map[string]bool, len(cols))
	for i, c := range cols {
		if seen[c.Name] {
			return nil, fmt.Errorf("duplicate column name %q", c.Name)
		}
		seen[c.Name] = true
		n, err := leafNode(c.Type)
		if err != nil {
			return nil, fmt.Errorf("column %q: %w", c.Name, err)
		}
		if c.Type.Nullable {
			n = parquet.Optional(n)
		} else {
			n = parquet.Required(n)
		}
		// parquet-go omits field id 0 when writing; the footer patch adds it.
		n = parquet.FieldID(n, c.ID)
		g.fields[i] = &namedField{Node: n, name: c.Name}
	}
	return parquet.NewSchema(MessageName, g), nil
}

// leafNode maps an atomic Paimon type to a Parquet leaf, as Paimon's
// ParquetSchemaConverter does.
func leafNode(t types.DataType) (parquet.Node, error) {
	switch t.Root {
	case types.Boolean:
		return parquet.Leaf(parquet.BooleanType), nil
	case types.TinyInt:
		return parquet.Int(8), nil
	case types.SmallInt:
		return parquet.Int(16), nil
	case types.Int:
		return parquet.Leaf(parquet.Int32Type), nil
	case types.BigInt:
		return parquet.Leaf(parquet.Int64Type), nil
	case types.Float:
		return parquet.Leaf(parquet.FloatType), nil
	case types.Double:
		return parquet.Leaf(parquet.DoubleType), nil
	case types.DecimalRoot:
		if t.Precision < 1 || t.Precision > types.MaxDecimalPrecision || t.Scale < 0 || t.Scale > t.Precision {
			return nil, fmt.Errorf("invalid type %s", t)
		}
		switch {
		case t.Precision <= 9:
			return parquet.Decimal(t.Scale, t.Precision, parquet.Int32Type), nil
		case t.Precision <= 18:
			return parquet.Decimal(t.Scale, t.Precision, parquet.Int64Type), nil
		default:
			return parquet.Decimal(t.Scale, t.Precision, parquet.FixedLenByteArrayType(decimalBytes(t.Precision))), nil
		}
	case types.Char, types.VarChar:
		return parquet.String(), nil
	case types.Binary, types.VarBinary:
		return parquet.Leaf(parquet.ByteArrayType), nil
	case types.Date:
		return parquet.Date(), nil
	case types.Time:
		return parquet.TimeAdjusted(parquet.Millisecond, true), nil
	case types.TimestampRoot, types.TimestampLTZ:
		ltz := t.Root == types.TimestampLTZ
		switch {
		case t.Precision <= 3:
			return parquet.TimestampAdjusted(parquet.Millisecond, ltz), nil
		case t.Precision <= 6:
			return parquet.TimestampAdjusted(parquet.Microsecond, ltz), nil
		default:
			return parquet.Leaf(parquet.Int96Type), nil
		}
	}
	return nil, fmt.Errorf("type %s is not supported in Parquet data files", t)
}

// decimalBytes is Java's computeMinBytesForDecimalPrecision: the fewest bytes
// whose two's-complement range holds every value of the precision.
func decimalBytes(precision int) int {
	n := 1
	for math.Pow(2, float64(8*n-1)) < math.Pow(10, float64(precision)) {
		n++
	}
	return n
}

// typeOfNode derives the Paimon type of a Parquet node as far as the Parquet
// annotations allow (STRING becomes STRING, BYTE_ARRAY becomes BYTES, INT96
// becomes TIMESTAMP(9), ...). Groups become ROW/ARRAY/MAP with no detail
// beyond what is needed to reject them.
func typeOfNode(n parquet.Node) types.DataType {
	nullable := !n.Required()
	if !n.Leaf() {
		if lt := n.Type().LogicalType(); lt != nil {
			switch lt.Value.(type) {
			case *format.ListType:
				return types.DataType{Root: types.Array, Nullable: nullable}
			case *format.MapType:
				return types.DataType{Root: types.Map, Nullable: nullable}
			}
		}
		fs := n.Fields()
		fields := make([]types.Field, len(fs))
		for i, f := range fs {
			fields[i] = types.Field{ID: f.ID(), Name: f.Name(), Type: typeOfNode(f)}
		}
		return types.DataType{Root: types.Row, Nullable: nullable, Fields: fields}
	}
	t := leafType(n.Type())
	t.Nullable = nullable
	if n.Repeated() {
		elem := t
		return types.DataType{Root: types.Array, Nullable: false, Elem: &elem}
	}
	return t
}

// leafType maps a Parquet leaf type to a Paimon type.
func leafType(pt parquet.Type) types.DataType {
	if lt := pt.LogicalType(); lt != nil {
		switch v := lt.Value.(type) {
		case *format.StringType, *format.EnumType, *format.JsonType:
			return types.NewString()
		case *format.DecimalType:
			return types.NewDecimal(int(v.Precision), int(v.Scale))
		case *format.DateType:
			return types.NewDate()
		case *format.TimeType:
			return types.NewTime(timeUnitPrecision(v.Unit, 3))
		case *format.TimestampType:
			p := timeUnitPrecision(v.Unit, 6)
			if v.IsAdjustedToUTC {
				return types.NewTimestampLTZ(p)
			}
			return types.NewTimestamp(p)
		case *format.IntType:
			switch v.BitWidth {
			case 8:
				return types.NewTinyInt()
			case 16:
				return types.NewSmallInt()
			case 32:
				return types.NewInt()
			default:
				return types.NewBigInt()
			}
		}
	}
	if ct := pt.ConvertedType(); ct != nil {
		switch *ct {
		case deprecated.UTF8, deprecated.Enum, deprecated.Json:
			return types.NewString()
		case deprecated.Date:
			return types.NewDate()
		case deprecated.TimeMillis:
			return types.NewTime(3)
		case deprecated.TimestampMillis:
			return types.NewTimestamp(3)
		case deprecated.TimestampMicros:
			return types.NewTimestamp(6)
		case deprecated.Int8:
			return types.NewTinyInt()
		case deprecated.Int16:
			return types.NewSmallInt()
		}
	}
	switch pt.Kind() {
	case parquet.Boolean:
		return types.NewBoolean()
	case parquet.Int32:
		return types.NewInt()
	case parquet.Int64:
		return types.NewBigInt()
	case parquet.Int96:
		return types.NewTimestamp(9)
	case parquet.Float:
		return types.NewFloat()
	case parquet.Double:
		return types.NewDouble()
	case parquet.FixedLenByteArray:
		return types.NewBinary(pt.Length())
	}
	return types.NewBytes()
}

func timeUnitPrecision(u format.TimeUnit, def int) int {
	switch u.Value.(type) {
	case *format.MilliSeconds:
		return 3
	case *format.MicroSeconds:
		return 6
	case *format.NanoSeconds:
		return 9
	}
	return def
}
