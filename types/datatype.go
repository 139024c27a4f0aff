package types

import (
	"fmt"
	"strconv"
	"strings"
)

// Root identifies the kind of a DataType.
type Root uint8

const (
	Boolean Root = iota + 1
	TinyInt
	SmallInt
	Int
	BigInt
	Float
	Double
	DecimalRoot
	Char
	VarChar
	Binary
	VarBinary
	Date
	Time
	TimestampRoot // TIMESTAMP(p) WITHOUT TIME ZONE
	TimestampLTZ  // TIMESTAMP(p) WITH LOCAL TIME ZONE
	Array
	Map
	Multiset
	Row
	Variant
	Blob
)

// MaxLength is the length of STRING (= VARCHAR(MaxLength)) and BYTES.
const MaxLength = 2147483647

// Type limits, as Paimon and Flink define them.
const (
	MaxDecimalPrecision   = 38
	MaxCompactDecimalPrec = 18 // DECIMAL(p ≤ 18) is stored as an int64 ("compact")
	MaxTimestampPrecision = 9
	MaxCompactTimestamp   = 3 // TIMESTAMP(p ≤ 3) is stored as epoch millis ("compact")
)

// DataType is a logical type. Atomic types use Root, Nullable and, where the root
// has them, Precision, Scale or Length. Complex types use Elem (ARRAY, MULTISET),
// Key/Value (MAP) or Fields (ROW).
type DataType struct {
	Root     Root
	Nullable bool
	// Precision is DECIMAL's precision and TIME/TIMESTAMP's fractional-second precision.
	Precision int
	// Scale is DECIMAL's scale.
	Scale int
	// Length is CHAR/VARCHAR/BINARY/VARBINARY's length.
	Length int
	Elem   *DataType
	Key    *DataType
	Value  *DataType
	Fields []Field
}

// Field is a named, identified column or ROW field. IDs are Paimon field ids and
// stay with the column across renames.
type Field struct {
	ID           int
	Name         string
	Type         DataType
	Description  string
	DefaultValue string
}

// Constructors for the common types; all return nullable types.
func NewBoolean() DataType        { return DataType{Root: Boolean, Nullable: true} }
func NewTinyInt() DataType        { return DataType{Root: TinyInt, Nullable: true} }
func NewSmallInt() DataType       { return DataType{Root: SmallInt, Nullable: true} }
func NewInt() DataType            { return DataType{Root: Int, Nullable: true} }
func NewBigInt() DataType         { return DataType{Root: BigInt, Nullable: true} }
func NewFloat() DataType          { return DataType{Root: Float, Nullable: true} }
func NewDouble() DataType         { return DataType{Root: Double, Nullable: true} }
func NewDate() DataType           { return DataType{Root: Date, Nullable: true} }
func NewString() DataType         { return DataType{Root: VarChar, Nullable: true, Length: MaxLength} }
func NewBytes() DataType          { return DataType{Root: VarBinary, Nullable: true, Length: MaxLength} }
func NewChar(n int) DataType      { return DataType{Root: Char, Nullable: true, Length: n} }
func NewVarChar(n int) DataType   { return DataType{Root: VarChar, Nullable: true, Length: n} }
func NewBinary(n int) DataType    { return DataType{Root: Binary, Nullable: true, Length: n} }
func NewVarBinary(n int) DataType { return DataType{Root: VarBinary, Nullable: true, Length: n} }
func NewTime(p int) DataType      { return DataType{Root: Time, Nullable: true, Precision: p} }
func NewTimestamp(p int) DataType { return DataType{Root: TimestampRoot, Nullable: true, Precision: p} }
func NewTimestampLTZ(p int) DataType {
	return DataType{Root: TimestampLTZ, Nullable: true, Precision: p}
}
func NewDecimal(p, s int) DataType {
	return DataType{Root: DecimalRoot, Nullable: true, Precision: p, Scale: s}
}

// NotNull returns a copy of t that does not accept nulls.
func (t DataType) NotNull() DataType { t.Nullable = false; return t }

// WithNullable returns a copy of t with the given nullability.
func (t DataType) WithNullable(n bool) DataType { t.Nullable = n; return t }

// IsAtomic reports whether t is not ARRAY, MAP, MULTISET or ROW.
func (t DataType) IsAtomic() bool {
	switch t.Root {
	case Array, Map, Multiset, Row:
		return false
	}
	return true
}

// IsString reports whether t is CHAR or VARCHAR.
func (t DataType) IsString() bool { return t.Root == Char || t.Root == VarChar }

// IsBinary reports whether t is BINARY or VARBINARY.
func (t DataType) IsBinary() bool { return t.Root == Binary || t.Root == VarBinary }

// IsCompactDecimal reports whether t is a DECIMAL stored as int64 (p ≤ 18).
func (t DataType) IsCompactDecimal() bool {
	return t.Root == DecimalRoot && t.Precision <= MaxCompactDecimalPrec
}

// IsTimestamp reports whether t is TIMESTAMP or TIMESTAMP_LTZ.
func (t DataType) IsTimestamp() bool { return t.Root == TimestampRoot || t.Root == TimestampLTZ }

// IsCompactTimestamp reports whether t is a timestamp stored as epoch millis (p ≤ 3).
func (t DataType) IsCompactTimestamp() bool {
	return t.IsTimestamp() && t.Precision <= MaxCompactTimestamp
}

// Equal reports whether two types are identical, including nullability and field ids.
func (t DataType) Equal(o DataType) bool {
	if t.Root != o.Root || t.Nullable != o.Nullable || t.Precision != o.Precision ||
		t.Scale != o.Scale || t.Length != o.Length || len(t.Fields) != len(o.Fields) {
		return false
	}
	if !equalPtr(t.Elem, o.Elem) || !equalPtr(t.Key, o.Key) || !equalPtr(t.Value, o.Value) {
		return false
	}
	for i := range t.Fields {
		a, b := t.Fields[i], o.Fields[i]
		if a.ID != b.ID || a.Name != b.Name || !a.Type.Equal(b.Type) {
			return false
		}
	}
	return true
}

func equalPtr(a, b *DataType) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.Equal(*b)
}

// String returns Paimon's SQL spelling of t (asSQLString), e.g. "STRING NOT NULL",
// "DECIMAL(23, 5)", "TIMESTAMP(6) WITH LOCAL TIME ZONE", "ARRAY<INT>".
func (t DataType) String() string {
	var b strings.Builder
	t.writeSQL(&b)
	return b.String()
}

func (t DataType) writeSQL(b *strings.Builder) {
	switch t.Root {
	case Boolean:
		b.WriteString("BOOLEAN")
	case TinyInt:
		b.WriteString("TINYINT")
	case SmallInt:
		b.WriteString("SMALLINT")
	case Int:
		b.WriteString("INT")
	case BigInt:
		b.WriteString("BIGINT")
	case Float:
		b.WriteString("FLOAT")
	case Double:
		b.WriteString("DOUBLE")
	case DecimalRoot:
		fmt.Fprintf(b, "DECIMAL(%d, %d)", t.Precision, t.Scale)
	case Char:
		fmt.Fprintf(b, "CHAR(%d)", t.Length)
	case VarChar:
		if t.Length == MaxLength {
			b.WriteString("STRING")
		} else {
			fmt.Fprintf(b, "VARCHAR(%d)", t.Length)
		}
	case Binary:
		fmt.Fprintf(b, "BINARY(%d)", t.Length)
	case VarBinary:
		if t.Length == MaxLength {
			b.WriteString("BYTES")
		} else {
			fmt.Fprintf(b, "VARBINARY(%d)", t.Length)
		}
	case Date:
		b.WriteString("DATE")
	case Time:
		fmt.Fprintf(b, "TIME(%d)", t.Precision)
	case TimestampRoot:
		fmt.Fprintf(b, "TIMESTAMP(%d)", t.Precision)
	case TimestampLTZ:
		fmt.Fprintf(b, "TIMESTAMP(%d) WITH LOCAL TIME ZONE", t.Precision)
	case Array, Multiset:
		if t.Root == Array {
			b.WriteString("ARRAY<")
		} else {
			b.WriteString("MULTISET<")
		}
		if t.Elem != nil {
			t.Elem.writeSQL(b)
		}
		b.WriteString(">")
	case Map:
		b.WriteString("MAP<")
		if t.Key != nil {
			t.Key.writeSQL(b)
		}
		b.WriteString(", ")
		if t.Value != nil {
			t.Value.writeSQL(b)
		}
		b.WriteString(">")
	case Row:
		b.WriteString("ROW<")
		for i, f := range t.Fields {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(strconv.Quote(f.Name)[1 : len(strconv.Quote(f.Name))-1])
			b.WriteString(" ")
			f.Type.writeSQL(b)
		}
		b.WriteString(">")
	case Variant:
		b.WriteString("VARIANT")
	case Blob:
		b.WriteString("BLOB")
	default:
		fmt.Fprintf(b, "UNKNOWN(%d)", t.Root)
	}
	if !t.Nullable {
		b.WriteString(" NOT NULL")
	}
}

// RowType builds a ROW type from fields.
func RowType(fields ...Field) DataType {
	return DataType{Root: Row, Nullable: true, Fields: fields}
}
