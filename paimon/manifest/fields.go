package manifest

import (
	"fmt"
	"math"
)

// fields reads a generically decoded record (see decodeRecords) by field
// name with a sticky error. A field missing from the writer schema, or null,
// reads as the zero value; a value of the wrong type is an error.
type fields struct {
	m    map[string]any
	what string // record description for messages, e.g. "_FILE"
	err  error
}

func newFields(v any, what string) (*fields, error) {
	m, ok := v.(map[string]any)
	if !ok {
		if v == nil {
			return nil, fmt.Errorf("%s is null", what)
		}
		return nil, fmt.Errorf("%s: expected a record, got %T", what, v)
	}
	return &fields{m: m, what: what}, nil
}

func (f *fields) fail(name, want string, got any) {
	if f.err == nil {
		f.err = fmt.Errorf("%s.%s: expected %s, got %T", f.what, name, want, got)
	}
}

// get returns the field value; ok is false when it is absent or null.
func (f *fields) get(name string) (any, bool) {
	v, present := f.m[name]
	return v, present && v != nil
}

func (f *fields) optLong(name string) *int64 {
	v, ok := f.get(name)
	if !ok {
		return nil
	}
	n, isLong := v.(int64)
	if !isLong {
		f.fail(name, "long", v)
		return nil
	}
	return &n
}

func (f *fields) long(name string) int64 {
	if p := f.optLong(name); p != nil {
		return *p
	}
	return 0
}

func (f *fields) optInt(name string) *int32 {
	p := f.optLong(name)
	if p == nil {
		return nil
	}
	if *p < math.MinInt32 || *p > math.MaxInt32 {
		f.fail(name, "int", *p)
		return nil
	}
	n := int32(*p)
	return &n
}

func (f *fields) int(name string) int32 {
	if p := f.optInt(name); p != nil {
		return *p
	}
	return 0
}

func (f *fields) optTinyInt(name string) *int8 {
	p := f.optLong(name)
	if p == nil {
		return nil
	}
	if *p < math.MinInt8 || *p > math.MaxInt8 {
		f.fail(name, "tinyint", *p)
		return nil
	}
	n := int8(*p)
	return &n
}

// bytes returns the field's bytes, nil when absent or null.
func (f *fields) bytes(name string) []byte {
	v, ok := f.get(name)
	if !ok {
		return nil
	}
	b, isBytes := v.([]byte)
	if !isBytes {
		f.fail(name, "bytes", v)
		return nil
	}
	return b
}

func (f *fields) optString(name string) *string {
	v, ok := f.get(name)
	if !ok {
		return nil
	}
	s, isString := v.(string)
	if !isString {
		f.fail(name, "string", v)
		return nil
	}
	return &s
}

func (f *fields) string(name string) string {
	if p := f.optString(name); p != nil {
		return *p
	}
	return ""
}

// array returns the field's items; nil when absent or null.
func (f *fields) array(name string) []any {
	v, ok := f.get(name)
	if !ok {
		return nil
	}
	a, isArray := v.([]any)
	if !isArray {
		f.fail(name, "array", v)
		return nil
	}
	return a
}

// strings returns an array<string> field: nil when absent or null, otherwise
// a non-nil slice (possibly empty).
func (f *fields) strings(name string) []string {
	a := f.array(name)
	if a == nil {
		return nil
	}
	out := make([]string, 0, len(a))
	for i, v := range a {
		s, ok := v.(string)
		if !ok {
			f.fail(fmt.Sprintf("%s[%d]", name, i), "string", v)
			return nil
		}
		out = append(out, s)
	}
	return out
}

func (f *fields) optStrings(name string) *[]string {
	if _, ok := f.get(name); !ok {
		return nil
	}
	s := f.strings(name)
	if s == nil {
		return nil
	}
	return &s
}

// record returns a nested record field, or nil when absent or null.
func (f *fields) record(name string) *fields {
	v, ok := f.get(name)
	if !ok {
		return nil
	}
	sub, err := newFields(v, f.what+"."+name)
	if err != nil {
		if f.err == nil {
			f.err = err
		}
		return nil
	}
	return sub
}

// merge records the sticky error of a nested reader.
func (f *fields) merge(sub *fields) {
	if sub != nil && sub.err != nil && f.err == nil {
		f.err = sub.err
	}
}

// optTinyIntOrZero reads a TINYINT stored as Avro int, 0 when absent.
func (f *fields) optTinyIntOrZero(name string) int8 {
	if p := f.optTinyInt(name); p != nil {
		return *p
	}
	return 0
}

// record2 wraps an array item that must be a non-null record.
func (f *fields) record2(v any, name string) *fields {
	sub, err := newFields(v, f.what+"."+name+" item")
	if err != nil {
		if f.err == nil {
			f.err = err
		}
		return nil
	}
	return sub
}
