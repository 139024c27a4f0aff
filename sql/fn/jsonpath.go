package fn

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// This file holds a small SQL/JSON path language and its evaluator over raw
// JSON text (no decoding into Go values, so no allocation per document).
//
// Paths: an optional mode ("lax", the default, or "strict"), then $
// followed by steps:
//
//	.key  ."key"  ['key']  ["key"]   object member
//	[n]                              array element (0-based)
//	[*]  .*                          every element / every member value
//
// In lax mode a member step applied to an array applies to each element,
// and an element step applied to a non-array treats the value as a
// one-element array (SQL/JSON's automatic unwrapping and wrapping); in
// strict mode both find nothing.

type jpKind uint8

const (
	jpMember jpKind = iota
	jpIndex
	jpAnyElement
	jpAnyMember
)

type jpStep struct {
	kind  jpKind
	key   string
	index int
}

type jsonPath struct {
	src    string
	strict bool
	steps  []jpStep
}

// jpMaxSteps bounds a path's length.
const jpMaxSteps = 256

// compileJSONPath parses a path.
func compileJSONPath(src string) (*jsonPath, error) {
	p := &jsonPath{src: src}
	s := strings.TrimSpace(src)
	switch {
	case strings.HasPrefix(s, "lax ") || strings.HasPrefix(s, "lax\t"):
		s = strings.TrimSpace(s[3:])
	case strings.HasPrefix(s, "strict ") || strings.HasPrefix(s, "strict\t"):
		p.strict = true
		s = strings.TrimSpace(s[6:])
	}
	if !strings.HasPrefix(s, "$") {
		return nil, fmt.Errorf("JSON path %q must start with $", src)
	}
	i := 1
	bad := func(msg string) error {
		return fmt.Errorf("JSON path %q: %s at position %d", src, msg, i+1)
	}
	for i < len(s) {
		if len(p.steps) >= jpMaxSteps {
			return nil, bad(fmt.Sprintf("more than %d steps", jpMaxSteps))
		}
		switch s[i] {
		case ' ', '\t':
			i++
		case '.':
			i++
			switch {
			case i < len(s) && s[i] == '*':
				p.steps = append(p.steps, jpStep{kind: jpAnyMember})
				i++
			case i < len(s) && s[i] == '"':
				key, n, err := jpQuoted(s[i:])
				if err != nil {
					return nil, bad(err.Error())
				}
				p.steps = append(p.steps, jpStep{kind: jpMember, key: key})
				i += n
			default:
				j := i
				for j < len(s) && s[j] != '.' && s[j] != '[' && s[j] != ' ' {
					j++
				}
				if j == i {
					return nil, bad("member name expected after '.'")
				}
				p.steps = append(p.steps, jpStep{kind: jpMember, key: s[i:j]})
				i = j
			}
		case '[':
			i++
			for i < len(s) && s[i] == ' ' {
				i++
			}
			switch {
			case i < len(s) && s[i] == '*':
				p.steps = append(p.steps, jpStep{kind: jpAnyElement})
				i++
			case i < len(s) && (s[i] == '\'' || s[i] == '"'):
				key, n, err := jpQuoted(s[i:])
				if err != nil {
					return nil, bad(err.Error())
				}
				p.steps = append(p.steps, jpStep{kind: jpMember, key: key})
				i += n
			default:
				j := i
				for j < len(s) && dfIsDigit(s[j]) {
					j++
				}
				if j == i {
					return nil, bad("index, '*' or quoted name expected after '['")
				}
				n, err := strconv.Atoi(s[i:j])
				if err != nil || n > 1<<30 {
					return nil, bad("array index too large")
				}
				p.steps = append(p.steps, jpStep{kind: jpIndex, index: n})
				i = j
			}
			for i < len(s) && s[i] == ' ' {
				i++
			}
			if i >= len(s) || s[i] != ']' {
				return nil, bad("']' expected")
			}
			i++
		default:
			return nil, bad(fmt.Sprintf("unexpected %q", s[i]))
		}
	}
	return p, nil
}

// jpQuoted reads a quoted name ('..' or ".." with backslash escapes) and
// returns it and the bytes consumed.
func jpQuoted(s string) (string, int, error) {
	q := s[0]
	var b strings.Builder
	for i := 1; i < len(s); i++ {
		switch c := s[i]; {
		case c == q:
			return b.String(), i + 1, nil
		case c == '\\' && i+1 < len(s):
			i++
			b.WriteByte(s[i])
		default:
			b.WriteByte(c)
		}
	}
	return "", 0, fmt.Errorf("unterminated quoted name")
}

// eval calls emit with the raw text of every value the path selects in doc
// (which must be valid JSON, e.g. checked by json.Valid). emit returns
// false to stop early.
func (p *jsonPath) eval(doc []byte, emit func(v []byte) bool) {
	start := jsonSkipWS(doc, 0)
	end := jsonSkipValue(doc, start)
	p.walk(doc[start:end], p.steps, emit)
}

func (p *jsonPath) walk(v []byte, steps []jpStep, emit func([]byte) bool) bool {
	if len(steps) == 0 {
		return emit(v)
	}
	st, rest := steps[0], steps[1:]
	if len(v) == 0 {
		return true
	}
	switch st.kind {
	case jpMember, jpAnyMember:
		switch v[0] {
		case '{':
			cont := true
			jsonMembers(v, func(key, val []byte) bool {
				if st.kind == jpAnyMember || jsonKeyEquals(key, st.key) {
					cont = p.walk(val, rest, emit)
					return cont && st.kind == jpAnyMember
				}
				return true
			})
			return cont
		case '[':
			if p.strict {
				return true
			}
			cont := true
			jsonElements(v, func(_ int, el []byte) bool {
				if len(el) > 0 && el[0] == '{' {
					cont = p.walk(el, steps, emit)
				}
				return cont
			})
			return cont
		}
		return true
	default: // jpIndex, jpAnyElement
		if v[0] != '[' {
			if p.strict || (st.kind == jpIndex && st.index != 0) {
				return true
			}
			return p.walk(v, rest, emit)
		}
		cont := true
		jsonElements(v, func(k int, el []byte) bool {
			if st.kind == jpAnyElement || k == st.index {
				cont = p.walk(el, rest, emit)
				return cont && st.kind == jpAnyElement
			}
			return true
		})
		return cont
	}
}

func jsonSkipWS(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// jsonSkipValue returns the end of the value starting at i (valid JSON
// assumed; on malformed input it stops at the end without panicking).
func jsonSkipValue(b []byte, i int) int {
	if i >= len(b) {
		return len(b)
	}
	switch b[i] {
	case '"':
		return jsonSkipString(b, i)
	case '{', '[':
		depth := 0
		for i < len(b) {
			switch b[i] {
			case '"':
				i = jsonSkipString(b, i)
				continue
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return i + 1
				}
			}
			i++
		}
		return len(b)
	}
	for i < len(b) && b[i] != ',' && b[i] != '}' && b[i] != ']' && b[i] != ' ' && b[i] != '\t' && b[i] != '\n' && b[i] != '\r' {
		i++
	}
	return i
}

func jsonSkipString(b []byte, i int) int {
	for i++; i < len(b); i++ {
		switch b[i] {
		case '\\':
			i++
		case '"':
			return i + 1
		}
	}
	return len(b)
}

// jsonMembers calls f with each member's raw key (quoted) and value.
func jsonMembers(obj []byte, f func(key, val []byte) bool) {
	i := jsonSkipWS(obj, 1)
	for i < len(obj) && obj[i] == '"' {
		kEnd := jsonSkipString(obj, i)
		key := obj[i:kEnd]
		i = jsonSkipWS(obj, kEnd)
		if i >= len(obj) || obj[i] != ':' {
			return
		}
		i = jsonSkipWS(obj, i+1)
		vEnd := jsonSkipValue(obj, i)
		if !f(key, obj[i:vEnd]) {
			return
		}
		i = jsonSkipWS(obj, vEnd)
		if i >= len(obj) || obj[i] != ',' {
			return
		}
		i = jsonSkipWS(obj, i+1)
	}
}

// jsonElements calls f with each element of an array.
func jsonElements(arr []byte, f func(k int, el []byte) bool) {
	i := jsonSkipWS(arr, 1)
	for k := 0; i < len(arr) && arr[i] != ']'; k++ {
		end := jsonSkipValue(arr, i)
		if !f(k, arr[i:end]) {
			return
		}
		i = jsonSkipWS(arr, end)
		if i >= len(arr) || arr[i] != ',' {
			return
		}
		i = jsonSkipWS(arr, i+1)
	}
}

// jsonKeyEquals compares a raw quoted key with a name.
func jsonKeyEquals(raw []byte, name string) bool {
	inner := raw[1 : len(raw)-1]
	for _, c := range inner {
		if c == '\\' {
			var buf [64]byte
			return string(jsonAppendUnquoted(buf[:0], raw)) == name
		}
	}
	return string(inner) == name
}

// jsonAppendUnquoted appends the decoded text of a raw JSON string.
func jsonAppendUnquoted(dst, raw []byte) []byte {
	if len(raw) < 2 {
		return dst
	}
	s := raw[1 : len(raw)-1]
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i+1 >= len(s) {
			dst = append(dst, c)
			continue
		}
		i++
		switch s[i] {
		case 'n':
			dst = append(dst, '\n')
		case 't':
			dst = append(dst, '\t')
		case 'r':
			dst = append(dst, '\r')
		case 'b':
			dst = append(dst, '\b')
		case 'f':
			dst = append(dst, '\f')
		case 'u':
			r, n := jsonHexRune(s[i+1:])
			if n == 0 {
				dst = append(dst, '\\', 'u')
				continue
			}
			i += n
			if utf16.IsSurrogate(r) {
				if i+2 < len(s) && s[i+1] == '\\' && s[i+2] == 'u' {
					if r2, n2 := jsonHexRune(s[i+3:]); n2 > 0 {
						if d := utf16.DecodeRune(r, r2); d != utf8.RuneError {
							r = d
							i += 2 + n2
						}
					}
				}
			}
			dst = utf8.AppendRune(dst, r)
		default: // " \ /
			dst = append(dst, s[i])
		}
	}
	return dst
}

func jsonHexRune(s []byte) (rune, int) {
	if len(s) < 4 {
		return 0, 0
	}
	var r rune
	for _, c := range s[:4] {
		switch {
		case c >= '0' && c <= '9':
			r = r<<4 | rune(c-'0')
		case c >= 'a' && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case c >= 'A' && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			return 0, 0
		}
	}
	return r, 4
}

// jsonAppendCompact appends v without insignificant whitespace.
func jsonAppendCompact(dst, v []byte) []byte {
	for i := 0; i < len(v); i++ {
		switch c := v[i]; c {
		case ' ', '\t', '\n', '\r':
		case '"':
			end := jsonSkipString(v, i)
			dst = append(dst, v[i:end]...)
			i = end - 1
		default:
			dst = append(dst, c)
		}
	}
	return dst
}
