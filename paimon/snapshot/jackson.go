package snapshot

import (
	"strconv"
	"unicode/utf8"
)

// jsonWriter produces JSON the way Jackson's DefaultPrettyPrinter does, which is
// how Java Paimon writes snapshot files: objects put each member on its own line,
// indented two spaces per level, as `"key" : value`; arrays stay on the line of
// their parent, `[ a, b ]`, with objects inside them opening on that line
// (`[ {` … `}, {` … `} ]`); empty containers are `{ }` and `[ ]`.
type jsonWriter struct {
	buf   []byte
	level int
	// first reports, per open container, whether no member was written yet.
	first []bool
	// inArray reports, per open container, whether it is an array.
	inArray []bool
}

func (w *jsonWriter) indent() {
	w.buf = append(w.buf, '\n')
	for i := 0; i < w.level; i++ {
		w.buf = append(w.buf, ' ', ' ')
	}
}

// beforeValue writes the separator an array element needs.
func (w *jsonWriter) beforeValue() {
	n := len(w.first)
	if n == 0 || !w.inArray[n-1] {
		return
	}
	if w.first[n-1] {
		w.buf = append(w.buf, ' ')
		w.first[n-1] = false
	} else {
		w.buf = append(w.buf, ',', ' ')
	}
}

func (w *jsonWriter) beginObject() {
	w.beforeValue()
	w.buf = append(w.buf, '{')
	w.level++
	w.first = append(w.first, true)
	w.inArray = append(w.inArray, false)
}

func (w *jsonWriter) endObject() {
	n := len(w.first)
	empty := w.first[n-1]
	w.first, w.inArray = w.first[:n-1], w.inArray[:n-1]
	w.level--
	if empty {
		w.buf = append(w.buf, ' ', '}')
		return
	}
	w.indent()
	w.buf = append(w.buf, '}')
}

func (w *jsonWriter) beginArray() {
	w.beforeValue()
	w.buf = append(w.buf, '[')
	w.first = append(w.first, true)
	w.inArray = append(w.inArray, true)
}

func (w *jsonWriter) endArray() {
	n := len(w.first)
	empty := w.first[n-1]
	w.first, w.inArray = w.first[:n-1], w.inArray[:n-1]
	if empty {
		w.buf = append(w.buf, ' ', ']')
		return
	}
	w.buf = append(w.buf, ' ', ']')
}

// key writes an object member name and the " : " separator.
func (w *jsonWriter) key(k string) {
	n := len(w.first)
	if !w.first[n-1] {
		w.buf = append(w.buf, ',')
	}
	w.first[n-1] = false
	w.indent()
	w.buf = appendJSONString(w.buf, k)
	w.buf = append(w.buf, ' ', ':', ' ')
}

func (w *jsonWriter) str(s string) {
	w.beforeValue()
	w.buf = appendJSONString(w.buf, s)
}

func (w *jsonWriter) int(v int64) {
	w.beforeValue()
	w.buf = strconv.AppendInt(w.buf, v, 10)
}

func (w *jsonWriter) null() {
	w.beforeValue()
	w.buf = append(w.buf, "null"...)
}

const hexDigits = "0123456789ABCDEF"

// appendJSONString quotes s as Jackson does: `"` and `\` escaped, control
// characters as \b \t \n \f \r or \u00XX (upper-case hex), everything else —
// including non-ASCII and `/` — written as UTF-8. Invalid UTF-8 becomes U+FFFD.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(s[i:])
			b = utf8.AppendRune(b, r)
			i += size
			continue
		}
		switch c {
		case '"':
			b = append(b, '\\', '"')
		case '\\':
			b = append(b, '\\', '\\')
		case '\b':
			b = append(b, '\\', 'b')
		case '\t':
			b = append(b, '\\', 't')
		case '\n':
			b = append(b, '\\', 'n')
		case '\f':
			b = append(b, '\\', 'f')
		case '\r':
			b = append(b, '\\', 'r')
		default:
			if c < 0x20 {
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			} else {
				b = append(b, c)
			}
		}
		i++
	}
	return append(b, '"')
}
