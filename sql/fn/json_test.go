package fn

import (
	"encoding/json"
	"testing"

	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

const fntJSONDoc = `{"a": {"b": [1, {"c": "x\u00e9\n"}, true, null]}, "k y": 2, "arr": [{"id": 1}, {"id": 2}], "e": "\ud83d\ude00"}`

func TestJSONValue(t *testing.T) {
	fntCheckRows(t, nil, "JSON_VALUE", []types.DataType{fntStr, fntStr}, []fntRow{
		{[]any{fntJSONDoc, "$.a.b[0]"}, "1"},
		{[]any{fntJSONDoc, "$.a.b[1].c"}, "xé\n"},
		{[]any{fntJSONDoc, "$.a.b[2]"}, "true"},
		{[]any{fntJSONDoc, "$.a.b[3]"}, nil}, // JSON null
		{[]any{fntJSONDoc, "$.a.b"}, nil},    // an array is not a scalar
		{[]any{fntJSONDoc, "$.a.b[9]"}, nil}, // empty
		{[]any{fntJSONDoc, "$['k y']"}, "2"}, // bracket notation
		{[]any{fntJSONDoc, `$."k y"`}, "2"},  // quoted member
		{[]any{fntJSONDoc, "$.arr.id"}, nil}, // lax unwrapping gives two matches: error → NULL
		{[]any{fntJSONDoc, "$.arr[1].id"}, "2"},
		{[]any{fntJSONDoc, "$.e"}, "😀"},
		{[]any{fntJSONDoc, "strict $.arr.id"}, nil},
		{[]any{`{"a": 1`, "$.a"}, nil}, // invalid JSON
		{[]any{"\xff", "$"}, nil},
		{[]any{`"top"`, "$"}, "top"},
		{[]any{`5`, "$[0]"}, "5"}, // lax wrapping
		{[]any{nil, "$"}, nil},
		{[]any{fntJSONDoc, nil}, nil},
	})
}

func TestJSONQueryExists(t *testing.T) {
	fntCheckRows(t, nil, "JSON_QUERY", []types.DataType{fntStr, fntStr}, []fntRow{
		{[]any{fntJSONDoc, "$.a.b"}, `[1,{"c":"x\u00e9\n"},true,null]`},
		{[]any{fntJSONDoc, "$.a.b[0]"}, nil},
		{[]any{fntJSONDoc, "$.arr[*]"}, nil},
	})
	q := func(path, wrapper string) any {
		args := fntConstArgs([]types.DataType{fntStr, fntStr, fntStr}, []any{nil, path, wrapper}, 1, 2)
		return fntEval(t, nil, "JSON_QUERY", args, [][]any{{fntJSONDoc, path, wrapper}}, nil)[0]
	}
	if got := q("$.arr[*].id", "CONDITIONAL"); got != "[1,2]" {
		t.Errorf("JSON_QUERY conditional = %v", got)
	}
	if got := q("$.a", "UNCONDITIONAL"); got != `[{"b":[1,{"c":"x\u00e9\n"},true,null]}]` {
		t.Errorf("JSON_QUERY unconditional = %v", got)
	}
	if got := q("$.a", "CONDITIONAL"); got != `{"b":[1,{"c":"x\u00e9\n"},true,null]}` {
		t.Errorf("JSON_QUERY conditional single = %v", got)
	}
	fntCheckRows(t, nil, "JSON_EXISTS", []types.DataType{fntStr, fntStr}, []fntRow{
		{[]any{fntJSONDoc, "$.a.b[3]"}, true},
		{[]any{fntJSONDoc, "$.zz"}, false},
		{[]any{"{", "$"}, false},
		{[]any{nil, "$"}, nil},
	})
	fntCheckRows(t, nil, "IS_JSON", []types.DataType{fntStr}, []fntRow{
		{[]any{`{"a":1}`}, true}, {[]any{`[1`}, false}, {[]any{nil}, false}, {[]any{" 1 "}, true},
	})
	args := fntConstArgs([]types.DataType{fntStr, fntStr}, []any{nil, "ARRAY"}, 1)
	got := fntEval(t, nil, "IS_JSON", args, [][]any{{"[1]", "ARRAY"}, {"{}", "ARRAY"}}, nil)
	if got[0] != true || got[1] != false {
		t.Errorf("IS_JSON ARRAY = %v", got)
	}
}

func TestJSONPathErrors(t *testing.T) {
	for _, p := range []string{"a.b", "$.", "$[", "$[x]", "$['a", "$[1", "$..a", "$ $"} {
		if _, err := compileJSONPath(p); err == nil {
			t.Errorf("path %q: want an error", p)
		}
		if _, err := ResolveScalar("JSON_VALUE", fntConstArgs([]types.DataType{fntStr, fntStr}, []any{nil, p}, 1)); err == nil {
			t.Errorf("JSON_VALUE with constant path %q: want a resolve error", p)
		}
	}
}

// FuzzJSONPath checks that any path over any document never panics, and
// that on valid documents every value the evaluator selects is itself valid
// JSON.
func FuzzJSONPath(f *testing.F) {
	f.Add(fntJSONDoc, "$.a.b[1].c")
	f.Add(`[[1,[2]],{"x":[{"y":3}]}]`, "$[*].x[*].y")
	f.Add(`{"a\"b": 1}`, `$."a\"b"`)
	f.Add(`{}`, "strict $.*")
	f.Fuzz(func(t *testing.T, doc, path string) {
		p, err := compileJSONPath(path)
		if err != nil {
			return
		}
		b := []byte(doc)
		if !json.Valid(b) {
			return
		}
		n := 0
		p.eval(b, func(v []byte) bool {
			if !json.Valid(v) {
				t.Fatalf("path %q on %q selected invalid JSON %q", path, doc, v)
			}
			if !json.Valid(jsonAppendCompact(nil, v)) {
				t.Fatalf("compacting %q broke it", v)
			}
			if v[0] == '"' {
				var want string
				if err := json.Unmarshal(v, &want); err == nil && string(jsonAppendUnquoted(nil, v)) != want {
					t.Fatalf("unquote %q = %q, want %q", v, jsonAppendUnquoted(nil, v), want)
				}
			}
			n++
			return n < 10000
		})
	})
}

func BenchmarkJSONValue(b *testing.B) {
	args := fntConstArgs([]types.DataType{fntStr, fntStr}, []any{nil, "$.a.b[1].c"}, 1)
	s, err := ResolveScalar("JSON_VALUE", args)
	if err != nil {
		b.Fatal(err)
	}
	doc, path := vec.MustNew(fntStr, 4096), vec.MustNew(fntStr, 4096)
	for range 4096 {
		doc.AppendString(fntJSONDoc)
		path.AppendString("$.a.b[1].c")
	}
	out := vec.MustNew(s.Result, 4096)
	b.ReportAllocs()
	for b.Loop() {
		if err := s.Kernel(nil, []*vec.Vector{doc, path}, nil, 4096, out); err != nil {
			b.Fatal(err)
		}
	}
}
