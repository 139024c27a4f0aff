package jackson

import (
	"encoding/json"
	"testing"
)

func TestWriterLayout(t *testing.T) {
	tests := []struct {
		name  string
		write func(w *Writer)
		want  string
	}{
		{"empty object", func(w *Writer) { w.BeginObject(); w.EndObject() }, `{ }`},
		{"empty array", func(w *Writer) { w.BeginArray(); w.EndArray() }, `[ ]`},
		{"scalars", func(w *Writer) {
			w.BeginObject()
			w.Key("id")
			w.Int(-7)
			w.Key("name")
			w.String("a")
			w.Key("none")
			w.Null()
			w.EndObject()
		}, "{\n  \"id\" : -7,\n  \"name\" : \"a\",\n  \"none\" : null\n}"},
		{"arrays inline", func(w *Writer) {
			w.BeginObject()
			w.Key("keys")
			w.BeginArray()
			w.String("a")
			w.String("b")
			w.EndArray()
			w.Key("none")
			w.BeginArray()
			w.EndArray()
			w.Key("opts")
			w.BeginObject()
			w.EndObject()
			w.EndObject()
		}, "{\n  \"keys\" : [ \"a\", \"b\" ],\n  \"none\" : [ ],\n  \"opts\" : { }\n}"},
		// Objects inside arrays open on the array's line, as Paimon's schema
		// "fields" are written.
		{"objects in array", func(w *Writer) {
			w.BeginObject()
			w.Key("fields")
			w.BeginArray()
			for i := range 2 {
				w.BeginObject()
				w.Key("id")
				w.Int(int64(i))
				w.Key("type")
				w.BeginObject()
				w.Key("type")
				w.String("ARRAY")
				w.EndObject()
				w.EndObject()
			}
			w.EndArray()
			w.EndObject()
		}, `{
  "fields" : [ {
    "id" : 0,
    "type" : {
      "type" : "ARRAY"
    }
  }, {
    "id" : 1,
    "type" : {
      "type" : "ARRAY"
    }
  } ]
}`},
		{"nested arrays", func(w *Writer) {
			w.BeginArray()
			w.BeginArray()
			w.Int(1)
			w.EndArray()
			w.BeginArray()
			w.EndArray()
			w.EndArray()
		}, `[ [ 1 ], [ ] ]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var w Writer
			tt.write(&w)
			if got := string(w.Bytes()); got != tt.want {
				t.Fatalf("got\n%s\nwant\n%s", got, tt.want)
			}
			if !json.Valid(w.Bytes()) {
				t.Fatal("output is not valid JSON")
			}
		})
	}
}

func TestStringEscapes(t *testing.T) {
	tests := map[string]string{
		"plain":          `"plain"`,
		`q"b\`:           `"q\"b\\"`,
		"\b\t\n\f\r":     `"\b\t\n\f\r"`,
		"\x00\x1f\x7f":   "\"\\u0000\\u001F\x7f\"",
		"a/b <&> é 日本 😀": `"a/b <&> é 日本 😀"`,
		"bad\xffutf8":    "\"bad\uFFFDutf8\"",
	}
	for in, want := range tests {
		var w Writer
		w.String(in)
		if got := string(w.Bytes()); got != want {
			t.Errorf("String(%q) = %s, want %s", in, got, want)
		}
	}
}

// Every string survives a round trip through encoding/json, invalid UTF-8
// bytes each becoming U+FFFD.
func FuzzString(f *testing.F) {
	for _, s := range []string{"", "a", "\x00\"\\\u2028", "bad\xff\xfe", "日本"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var w Writer
		w.BeginArray()
		w.String(s)
		w.EndArray()
		var got []string
		if err := json.Unmarshal(w.Bytes(), &got); err != nil {
			t.Fatalf("invalid JSON %q: %v", w.Bytes(), err)
		}
		var want []rune
		for _, r := range s {
			want = append(want, r)
		}
		if len(got) != 1 || got[0] != string(want) {
			t.Fatalf("round trip of %q gave %q", s, got)
		}
	})
}
