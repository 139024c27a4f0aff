package ast

import (
	"fmt"

	"github.com/weir-data/weir/types"
)

// TypeName is a data type as written in SQL. Name is the canonical upper-case
// spelling: BOOLEAN TINYINT SMALLINT INT BIGINT FLOAT DOUBLE DECIMAL CHAR
// VARCHAR STRING BINARY VARBINARY BYTES DATE TIME TIMESTAMP TIMESTAMP_LTZ
// VARIANT ARRAY MULTISET MAP ROW. Synonyms are folded when read: INTEGER is
// INT, DEC and NUMERIC are DECIMAL, DOUBLE PRECISION is DOUBLE, CHARACTER
// [VARYING] is CHAR/VARCHAR, TIMESTAMP WITH LOCAL TIME ZONE is TIMESTAMP_LTZ,
// T ARRAY is ARRAY<T>, ROW(...) is ROW<...>.
//
// Params holds the numbers in parentheses as written (length, precision,
// precision and scale); absent parameters take Flink's defaults in
// ToDataType.
type TypeName struct {
	Pos
	Name    string
	Params  []int
	Elem    *TypeName // ARRAY, MULTISET
	Key     *TypeName // MAP
	Value   *TypeName // MAP
	Fields  []*RowField
	NotNull bool
}

// RowField is one field of a ROW type: name type ['description'].
type RowField struct {
	Name        string
	Type        *TypeName
	Description string
}

func (t *TypeName) format(p *printer) {
	p.w(t.Name)
	switch t.Name {
	case "ARRAY", "MULTISET":
		p.w("<")
		t.Elem.format(p)
		p.w(">")
	case "MAP":
		p.w("<")
		t.Key.format(p)
		p.w(", ")
		t.Value.format(p)
		p.w(">")
	case "ROW":
		p.w("<")
		for i, f := range t.Fields {
			if i > 0 {
				p.w(", ")
			}
			p.ident(f.Name)
			p.w(" ")
			f.Type.format(p)
			if f.Description != "" {
				p.w(" ")
				p.str(f.Description)
			}
		}
		p.w(">")
	default:
		if len(t.Params) > 0 {
			p.w("(")
			for i, n := range t.Params {
				if i > 0 {
					p.w(", ")
				}
				p.int(n)
			}
			p.w(")")
		}
	}
	if t.NotNull {
		p.w(" NOT NULL")
	}
}

// String renders the type as SQL.
func (t *TypeName) String() string { return Format(t) }

// ToDataType converts the written type to a logical type, applying Flink's
// defaults: DECIMAL is DECIMAL(10, 0), CHAR/VARCHAR/BINARY/VARBINARY have
// length 1, TIME has precision 0, TIMESTAMP and TIMESTAMP_LTZ precision 6.
// Out-of-range parameters are errors that name the type and the valid range.
func (t *TypeName) ToDataType() (types.DataType, error) {
	dt, err := t.toDataType()
	if err != nil {
		return types.DataType{}, err
	}
	dt.Nullable = !t.NotNull
	return dt, nil
}

func (t *TypeName) params(max int) error {
	if len(t.Params) > max {
		if max == 0 {
			return fmt.Errorf("type %s takes no parameters; remove the (...) after it", t.Name)
		}
		return fmt.Errorf("type %s takes at most %d parameter(s), got %d", t.Name, max, len(t.Params))
	}
	return nil
}

func (t *TypeName) param(i, def, lo, hi int, what string) (int, error) {
	if i >= len(t.Params) {
		return def, nil
	}
	v := t.Params[i]
	if v < lo || v > hi {
		return 0, fmt.Errorf("%s %s %d is out of range: use %d to %d", t.Name, what, v, lo, hi)
	}
	return v, nil
}

// simpleTypes are the types without parameters.
var simpleTypes = map[string]func() types.DataType{
	"BOOLEAN": types.NewBoolean, "TINYINT": types.NewTinyInt, "SMALLINT": types.NewSmallInt,
	"INT": types.NewInt, "BIGINT": types.NewBigInt, "FLOAT": types.NewFloat,
	"DOUBLE": types.NewDouble, "DATE": types.NewDate, "STRING": types.NewString,
	"BYTES": types.NewBytes,
}

func (t *TypeName) toDataType() (types.DataType, error) {
	if f, ok := simpleTypes[t.Name]; ok {
		if err := t.params(0); err != nil {
			return types.DataType{}, err
		}
		return f(), nil
	}
	switch t.Name {
	case "VARIANT":
		if err := t.params(0); err != nil {
			return types.DataType{}, err
		}
		return types.DataType{Root: types.Variant, Nullable: true}, nil
	case "DECIMAL":
		if err := t.params(2); err != nil {
			return types.DataType{}, err
		}
		prec, err := t.param(0, 10, 1, types.MaxDecimalPrecision, "precision")
		if err != nil {
			return types.DataType{}, err
		}
		scale, err := t.param(1, 0, 0, prec, "scale")
		if err != nil {
			return types.DataType{}, err
		}
		return types.NewDecimal(prec, scale), nil
	case "CHAR", "VARCHAR", "BINARY", "VARBINARY":
		if err := t.params(1); err != nil {
			return types.DataType{}, err
		}
		n, err := t.param(0, 1, 1, types.MaxLength, "length")
		if err != nil {
			return types.DataType{}, err
		}
		switch t.Name {
		case "CHAR":
			return types.NewChar(n), nil
		case "VARCHAR":
			return types.NewVarChar(n), nil
		case "BINARY":
			return types.NewBinary(n), nil
		}
		return types.NewVarBinary(n), nil
	case "TIME", "TIMESTAMP", "TIMESTAMP_LTZ":
		if err := t.params(1); err != nil {
			return types.DataType{}, err
		}
		def := 6
		if t.Name == "TIME" {
			def = 0
		}
		prec, err := t.param(0, def, 0, types.MaxTimestampPrecision, "precision")
		if err != nil {
			return types.DataType{}, err
		}
		switch t.Name {
		case "TIME":
			return types.NewTime(prec), nil
		case "TIMESTAMP":
			return types.NewTimestamp(prec), nil
		}
		return types.NewTimestampLTZ(prec), nil
	case "ARRAY", "MULTISET":
		if t.Elem == nil {
			return types.DataType{}, fmt.Errorf("type %s has no element type; write %s<type>", t.Name, t.Name)
		}
		e, err := t.Elem.ToDataType()
		if err != nil {
			return types.DataType{}, err
		}
		root := types.Array
		if t.Name == "MULTISET" {
			root = types.Multiset
		}
		return types.DataType{Root: root, Nullable: true, Elem: &e}, nil
	case "MAP":
		if t.Key == nil || t.Value == nil {
			return types.DataType{}, fmt.Errorf("type MAP needs a key and a value type; write MAP<key, value>")
		}
		k, err := t.Key.ToDataType()
		if err != nil {
			return types.DataType{}, err
		}
		v, err := t.Value.ToDataType()
		if err != nil {
			return types.DataType{}, err
		}
		return types.DataType{Root: types.Map, Nullable: true, Key: &k, Value: &v}, nil
	case "ROW":
		fields := make([]types.Field, 0, len(t.Fields))
		seen := make(map[string]bool, len(t.Fields))
		for _, f := range t.Fields {
			if seen[f.Name] {
				return types.DataType{}, fmt.Errorf("ROW type has two fields named %q; rename one", f.Name)
			}
			seen[f.Name] = true
			ft, err := f.Type.ToDataType()
			if err != nil {
				return types.DataType{}, fmt.Errorf("ROW field %q: %w", f.Name, err)
			}
			fields = append(fields, types.Field{Name: f.Name, Type: ft, Description: f.Description})
		}
		return types.RowType(fields...), nil
	}
	return types.DataType{}, fmt.Errorf("type %s has no logical type in Weir", t.Name)
}
