package schema

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/weir-data/weir/internal/jackson"
	"github.com/weir-data/weir/types"
)

// explicitEmpty remembers which field ids had an explicitly empty "description"
// or "defaultValue" in the parsed JSON (Java writes `"description" : ""` after
// some ALTER TABLE statements), so that re-marshalling reproduces the file.
type explicitEmpty struct {
	desc, def map[int]bool
}

func (e *explicitEmpty) mark(m *map[int]bool, id int) {
	if *m == nil {
		*m = map[int]bool{}
	}
	(*m)[id] = true
}

// ParseTypeJSON parses a type in the JSON form of schema files: a JSON string
// holding an atomic SQL type ("INT NOT NULL"), or an object for the complex
// types — {"type":"ARRAY","element":T}, {"type":"MULTISET","element":T},
// {"type":"MAP","key":K,"value":V}, {"type":"ROW","fields":[DataField…]}, each
// "type" optionally suffixed " NOT NULL".
func ParseTypeJSON(data []byte) (types.DataType, error) {
	return parseTypeJSON(data, nil)
}

func parseTypeJSON(data []byte, ex *explicitEmpty) (types.DataType, error) {
	data = bytes.TrimSpace(data)
	if len(data) == 0 {
		return types.DataType{}, fmt.Errorf("missing type")
	}
	if data[0] == '"' {
		var s string
		if err := json.Unmarshal(data, &s); err != nil {
			return types.DataType{}, fmt.Errorf("type: %w", err)
		}
		return ParseType(s)
	}
	if data[0] != '{' {
		return types.DataType{}, fmt.Errorf("type must be a string or an object, got %.40s", data)
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(data, &obj); err != nil {
		return types.DataType{}, fmt.Errorf("type: %w", err)
	}
	var name string
	if raw, ok := obj["type"]; !ok {
		return types.DataType{}, fmt.Errorf(`type object without a "type" member`)
	} else if err := json.Unmarshal(raw, &name); err != nil {
		return types.DataType{}, fmt.Errorf(`type object: "type" must be a string: %w`, err)
	}
	nullable := true
	base := strings.ToUpper(strings.TrimSpace(name))
	if b, ok := strings.CutSuffix(base, " NOT NULL"); ok {
		base, nullable = strings.TrimSpace(b), false
	} else if b, ok := strings.CutSuffix(base, " NULL"); ok {
		base = strings.TrimSpace(b)
	}
	sub := func(key string) (*types.DataType, error) {
		raw, ok := obj[key]
		if !ok {
			return nil, fmt.Errorf("%s type without %q", base, key)
		}
		t, err := parseTypeJSON(raw, ex)
		if err != nil {
			return nil, fmt.Errorf("%s %s: %w", base, key, err)
		}
		return &t, nil
	}
	switch base {
	case "ARRAY", "MULTISET":
		e, err := sub("element")
		if err != nil {
			return types.DataType{}, err
		}
		root := types.Array
		if base == "MULTISET" {
			root = types.Multiset
		}
		return types.DataType{Root: root, Nullable: nullable, Elem: e}, nil
	case "MAP":
		k, err := sub("key")
		if err != nil {
			return types.DataType{}, err
		}
		v, err := sub("value")
		if err != nil {
			return types.DataType{}, err
		}
		return types.DataType{Root: types.Map, Nullable: nullable, Key: k, Value: v}, nil
	case "ROW":
		raw, ok := obj["fields"]
		if !ok {
			return types.DataType{}, fmt.Errorf(`ROW type without "fields"`)
		}
		fields, err := parseFieldsJSON(raw, ex)
		if err != nil {
			return types.DataType{}, fmt.Errorf("ROW: %w", err)
		}
		return types.DataType{Root: types.Row, Nullable: nullable, Fields: fields}, nil
	}
	return types.DataType{}, fmt.Errorf("unknown type %q", name)
}

type fieldJSON struct {
	ID           *int            `json:"id"`
	Name         *string         `json:"name"`
	Type         json.RawMessage `json:"type"`
	Description  *string         `json:"description"`
	DefaultValue *string         `json:"defaultValue"`
}

// parseFieldsJSON parses a JSON array of DataField objects.
func parseFieldsJSON(data []byte, ex *explicitEmpty) ([]types.Field, error) {
	var raw []fieldJSON
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, fmt.Errorf("fields: %w", err)
	}
	out := make([]types.Field, 0, len(raw))
	for i, f := range raw {
		if f.Name == nil {
			return nil, fmt.Errorf("field #%d has no name", i)
		}
		if f.ID == nil {
			return nil, fmt.Errorf("field %q has no id", *f.Name)
		}
		t, err := parseTypeJSON(f.Type, ex)
		if err != nil {
			return nil, fmt.Errorf("field %q: %w", *f.Name, err)
		}
		fld := types.Field{ID: *f.ID, Name: *f.Name, Type: t}
		if f.Description != nil {
			fld.Description = *f.Description
			if *f.Description == "" && ex != nil {
				ex.mark(&ex.desc, *f.ID)
			}
		}
		if f.DefaultValue != nil {
			fld.DefaultValue = *f.DefaultValue
			if *f.DefaultValue == "" && ex != nil {
				ex.mark(&ex.def, *f.ID)
			}
		}
		out = append(out, fld)
	}
	return out, nil
}

// FormatTypeJSON returns the JSON form of t as Java writes it (pretty-printed
// at top level): a JSON string for atomic types, an object for ARRAY, MAP,
// MULTISET and ROW.
func FormatTypeJSON(t types.DataType) ([]byte, error) {
	if err := checkWritable(t); err != nil {
		return nil, err
	}
	w := &jackson.Writer{}
	writeType(w, t, nil)
	return w.Bytes(), nil
}

// checkWritable rejects types that have no JSON form.
func checkWritable(t types.DataType) error {
	switch t.Root {
	case types.Array, types.Multiset:
		if t.Elem == nil {
			return fmt.Errorf("%s type without an element type", t)
		}
		return checkWritable(*t.Elem)
	case types.Map:
		if t.Key == nil || t.Value == nil {
			return fmt.Errorf("MAP type without key or value type")
		}
		if err := checkWritable(*t.Key); err != nil {
			return err
		}
		return checkWritable(*t.Value)
	case types.Row:
		for _, f := range t.Fields {
			if err := checkWritable(f.Type); err != nil {
				return fmt.Errorf("field %q: %w", f.Name, err)
			}
		}
		return nil
	}
	if t.Root < types.Boolean || t.Root > types.Blob {
		return fmt.Errorf("unknown type root %d", t.Root)
	}
	return nil
}

func nullSuffix(name string, nullable bool) string {
	if nullable {
		return name
	}
	return name + " NOT NULL"
}

func writeType(w *jackson.Writer, t types.DataType, ex *explicitEmpty) {
	switch t.Root {
	case types.Array, types.Multiset:
		name := "ARRAY"
		if t.Root == types.Multiset {
			name = "MULTISET"
		}
		w.BeginObject()
		w.Key("type")
		w.String(nullSuffix(name, t.Nullable))
		w.Key("element")
		writeType(w, *t.Elem, ex)
		w.EndObject()
	case types.Map:
		w.BeginObject()
		w.Key("type")
		w.String(nullSuffix("MAP", t.Nullable))
		w.Key("key")
		writeType(w, *t.Key, ex)
		w.Key("value")
		writeType(w, *t.Value, ex)
		w.EndObject()
	case types.Row:
		w.BeginObject()
		w.Key("type")
		w.String(nullSuffix("ROW", t.Nullable))
		w.Key("fields")
		writeFields(w, t.Fields, ex)
		w.EndObject()
	default:
		w.String(t.String())
	}
}

func writeFields(w *jackson.Writer, fields []types.Field, ex *explicitEmpty) {
	w.BeginArray()
	for _, f := range fields {
		w.BeginObject()
		w.Key("id")
		w.Int(int64(f.ID))
		w.Key("name")
		w.String(f.Name)
		w.Key("type")
		writeType(w, f.Type, ex)
		if f.Description != "" || (ex != nil && ex.desc[f.ID]) {
			w.Key("description")
			w.String(f.Description)
		}
		if f.DefaultValue != "" || (ex != nil && ex.def[f.ID]) {
			w.Key("defaultValue")
			w.String(f.DefaultValue)
		}
		w.EndObject()
	}
	w.EndArray()
}
