// Package jackson writes JSON laid out byte for byte the way Java's Jackson
// DefaultPrettyPrinter lays it out, which is how Java Paimon writes its
// schema and snapshot files, so that files Weir writes are identical to the
// ones Java writes for the same content.
//
// The layout: objects put each member on its own line, indented two spaces
// per level, as `"key" : value`; arrays stay on the line of their parent,
// `[ a, b ]`, with objects inside them opening on that line
// (`[ {` … `}, {` … `} ]`); empty containers are `{ }` and `[ ]`. Strings are
// escaped as Jackson escapes them (see Writer.String).
//
// Only writing is provided: encoding/json reads these files.
package jackson

import (
	"strconv"
	"unicode/utf8"
)

// Writer accumulates one JSON document. The zero value is ready to use.
//
// Calls must nest properly (every Begin has its End, Key only directly
// inside an object, values in an object each preceded by Key); the Writer
// does not check this, and a call sequence that breaks it may panic, as any
// programming error would. The content written never makes it panic.
type Writer struct {
	buf   []byte
	level int
	// first reports, per open container, whether no member was written yet.
	first []bool
	// inArray reports, per open container, whether it is an array.
	inArray []bool
}

// Bytes returns the document written so far. It aliases the Writer's buffer.
func (w *Writer) Bytes() []byte { return w.buf }

func (w *Writer) indent() {
	w.buf = append(w.buf, '\n')
	for range w.level {
		w.buf = append(w.buf, ' ', ' ')
	}
}

// beforeValue writes the separator an array element needs.
func (w *Writer) beforeValue() {
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

// pop closes the innermost container and reports whether it was empty.
func (w *Writer) pop() (empty bool) {
	n := len(w.first)
	empty = w.first[n-1]
	w.first, w.inArray = w.first[:n-1], w.inArray[:n-1]
	return empty
}

// BeginObject opens an object.
func (w *Writer) BeginObject() {
	w.beforeValue()
	w.buf = append(w.buf, '{')
	w.level++
	w.first = append(w.first, true)
	w.inArray = append(w.inArray, false)
}

// EndObject closes the innermost object: ` }` when it is empty, otherwise
// `}` on a new line at the object's own indentation.
func (w *Writer) EndObject() {
	empty := w.pop()
	w.level--
	if empty {
		w.buf = append(w.buf, ' ', '}')
		return
	}
	w.indent()
	w.buf = append(w.buf, '}')
}

// BeginArray opens an array.
func (w *Writer) BeginArray() {
	w.beforeValue()
	w.buf = append(w.buf, '[')
	w.first = append(w.first, true)
	w.inArray = append(w.inArray, true)
}

// EndArray closes the innermost array with ` ]` (so an empty one is `[ ]`).
func (w *Writer) EndArray() {
	w.pop()
	w.buf = append(w.buf, ' ', ']')
}

// Key writes an object member name and the ` : ` separator, on a new line.
func (w *Writer) Key(k string) {
	n := len(w.first)
	if !w.first[n-1] {
		w.buf = append(w.buf, ',')
	}
	w.first[n-1] = false
	w.indent()
	w.buf = appendString(w.buf, k)
	w.buf = append(w.buf, ' ', ':', ' ')
}

// String writes a string value, escaped as Jackson does: `"` and `\`
// escaped, control characters as \b \t \n \f \r or \u00XX (upper-case hex),
// everything else — including non-ASCII and `/` — written as UTF-8. Invalid
// UTF-8 becomes U+FFFD.
func (w *Writer) String(s string) {
	w.beforeValue()
	w.buf = appendString(w.buf, s)
}

// Int writes an integer value.
func (w *Writer) Int(v int64) {
	w.beforeValue()
	w.buf = strconv.AppendInt(w.buf, v, 10)
}

// Null writes a null value.
func (w *Writer) Null() {
	w.beforeValue()
	w.buf = append(w.buf, "null"...)
}

const hexDigits = "0123456789ABCDEF"

// appendString appends s quoted as described at Writer.String.
func appendString(b []byte, s string) []byte {
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

// Number writes a numeric literal given in its JSON spelling (e.g. a
// fixed-point decimal such as 5.000000000).
func (w *Writer) Number(lit string) {
	w.beforeValue()
	w.buf = append(w.buf, lit...)
}
