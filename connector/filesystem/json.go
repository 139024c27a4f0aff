package filesystem

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/weir-data/weir/connector/internal/javafmt"
	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// jsonDecoder decodes newline-delimited JSON objects (Flink's json format)
// into vectors, one object per line, without building a document tree:
// keys are matched to columns by exact name, values are parsed straight into
// the column's vector. Unknown keys are skipped (with their nested values).
// Empty lines are skipped.
type jsonDecoder struct {
	rd    lineReader
	opt   *jsonOptions
	index map[string]int // column name → file column
	names []string
	outs  []*vec.Vector // per file column: the vector to fill, or nil to skip
	file  string

	set     []bool
	key     []byte
	val     []byte
	scratch []byte
}

func newJSONDecoder(r io.Reader, opt *jsonOptions, file string, names []string, outs []*vec.Vector) *jsonDecoder {
	d := &jsonDecoder{rd: lineReader{r: bufio.NewReaderSize(r, 64<<10)}, opt: opt, index: map[string]int{},
		names: names, outs: outs, file: file, set: make([]bool, len(names))}
	for i, n := range names {
		d.index[n] = i
	}
	return d
}

// decode appends up to max rows to b; io.EOF at the end of the file.
func (d *jsonDecoder) decode(b *vec.Batch, max int) (int, error) {
	n := 0
	for n < max {
		line, err := d.rd.readLine()
		if err == io.EOF {
			if n > 0 {
				return n, nil
			}
			return 0, io.EOF
		}
		if err != nil {
			return n, fmt.Errorf("%s: %w", d.file, err)
		}
		if len(trimWS(line)) == 0 {
			continue
		}
		if err := d.decodeLine(line); err != nil {
			rollback(b)
			if d.opt.ignoreErrors {
				continue
			}
			return n, fmt.Errorf("%s: line %d: %w (set 'json.ignore-parse-errors' = 'true' to skip such rows)", d.file, d.rd.line, err)
		}
		b.Len++
		n++
	}
	return n, nil
}

func trimWS(s []byte) []byte {
	for len(s) > 0 && isWS(s[0]) {
		s = s[1:]
	}
	for len(s) > 0 && isWS(s[len(s)-1]) {
		s = s[:len(s)-1]
	}
	return s
}

func isWS(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

func skipWS(s []byte, i int) int {
	for i < len(s) && isWS(s[i]) {
		i++
	}
	return i
}

// token kinds of a JSON value.
const (
	tokString = iota + 1
	tokNumber
	tokBool
	tokNull
	tokNested
)

func (d *jsonDecoder) decodeLine(s []byte) error {
	clear(d.set)
	i := skipWS(s, 0)
	if i >= len(s) || s[i] != '{' {
		return errors.New("not a JSON object")
	}
	i = skipWS(s, i+1)
	if i < len(s) && s[i] == '}' {
		i++
	} else {
		for {
			if i >= len(s) || s[i] != '"' {
				return errors.New("expected a field name")
			}
			var err error
			d.key, i, err = readString(s, i, d.key[:0])
			if err != nil {
				return err
			}
			i = skipWS(s, i)
			if i >= len(s) || s[i] != ':' {
				return errors.New("expected ':' after a field name")
			}
			i = skipWS(s, i+1)
			start := i
			tok, end, err := d.scanValue(s, i)
			if err != nil {
				return err
			}
			i = end
			if c, ok := d.index[string(d.key)]; ok && d.outs[c] != nil {
				if d.set[c] {
					return fmt.Errorf("field %s appears twice", d.names[c])
				}
				d.set[c] = true
				raw := s[start:end]
				if tok == tokString {
					raw = d.val
				}
				if err := d.appendValue(c, tok, raw); err != nil {
					if !d.opt.ignoreErrors {
						return err
					}
					d.outs[c].AppendNull()
				}
			}
			i = skipWS(s, i)
			if i < len(s) && s[i] == ',' {
				i = skipWS(s, i+1)
				continue
			}
			if i < len(s) && s[i] == '}' {
				i++
				break
			}
			return errors.New("expected ',' or '}'")
		}
	}
	if skipWS(s, i) != len(s) {
		return errors.New("text after the JSON object")
	}
	for c, v := range d.outs {
		if v != nil && !d.set[c] {
			if d.opt.failOnMissing {
				return fmt.Errorf("field %s is missing ('json.fail-on-missing-field' is true)", d.names[c])
			}
			v.AppendNull()
		}
	}
	return nil
}

// scanValue scans the value at s[i:]; a string's unescaped text goes to
// d.val.
func (d *jsonDecoder) scanValue(s []byte, i int) (tok, end int, err error) {
	if i >= len(s) {
		return 0, i, errors.New("expected a value")
	}
	switch c := s[i]; {
	case c == '"':
		d.val, end, err = readString(s, i, d.val[:0])
		return tokString, end, err
	case c == '{' || c == '[':
		end, err = skipNested(s, i)
		return tokNested, end, err
	case c == 't' && hasPrefix(s[i:], "true"):
		return tokBool, i + 4, nil
	case c == 'f' && hasPrefix(s[i:], "false"):
		return tokBool, i + 5, nil
	case c == 'n' && hasPrefix(s[i:], "null"):
		return tokNull, i + 4, nil
	case c == '-' || (c >= '0' && c <= '9'):
		j := i + 1
		for j < len(s) && (s[j] >= '0' && s[j] <= '9' || s[j] == '.' || s[j] == 'e' || s[j] == 'E' || s[j] == '+' || s[j] == '-') {
			j++
		}
		return tokNumber, j, nil
	}
	return 0, i, fmt.Errorf("unexpected character %q", s[i])
}

func hasPrefix(s []byte, p string) bool { return len(s) >= len(p) && string(s[:len(p)]) == p }

// skipNested returns the end of the object or array at s[i].
func skipNested(s []byte, i int) (int, error) {
	depth := 0
	for i < len(s) {
		switch s[i] {
		case '"':
			j := i + 1
			for j < len(s) && s[j] != '"' {
				if s[j] == '\\' {
					j++
				}
				j++
			}
			if j >= len(s) {
				return i, errors.New("unterminated string")
			}
			i = j
		case '{', '[':
			depth++
		case '}', ']':
			depth--
			if depth == 0 {
				return i + 1, nil
			}
		}
		i++
	}
	return i, errors.New("unterminated object or array")
}

// readString unescapes the JSON string at s[i] (a '"') into dst.
func readString(s []byte, i int, dst []byte) ([]byte, int, error) {
	i++
	for i < len(s) {
		c := s[i]
		switch {
		case c == '"':
			return dst, i + 1, nil
		case c == '\\':
			if i+1 >= len(s) {
				return dst, i, errors.New("unterminated string")
			}
			i++
			switch s[i] {
			case '"', '\\', '/':
				dst = append(dst, s[i])
			case 'b':
				dst = append(dst, '\b')
			case 'f':
				dst = append(dst, '\f')
			case 'n':
				dst = append(dst, '\n')
			case 'r':
				dst = append(dst, '\r')
			case 't':
				dst = append(dst, '\t')
			case 'u':
				r, n, ok := hex4(s, i+1)
				if !ok {
					return dst, i, errors.New("bad \\u escape")
				}
				i += n
				if utf16.IsSurrogate(r) {
					if i+2 < len(s) && s[i+1] == '\\' && s[i+2] == 'u' {
						if r2, _, ok2 := hex4(s, i+3); ok2 {
							if d := utf16.DecodeRune(r, r2); d != utf8.RuneError {
								r = d
								i += 6
							}
						}
					}
				}
				dst = utf8.AppendRune(dst, r)
			default:
				return dst, i, fmt.Errorf("bad escape \\%c", s[i])
			}
			i++
		case c < 0x20:
			return dst, i, errors.New("control character in string")
		default:
			dst = append(dst, c)
			i++
		}
	}
	return dst, i, errors.New("unterminated string")
}

// hex4 reads 4 hex digits at s[i:]; n is the number of bytes consumed
// (4), reported relative to the 'u'.
func hex4(s []byte, i int) (rune, int, bool) {
	if i+4 > len(s) {
		return 0, 0, false
	}
	var r rune
	for _, c := range s[i : i+4] {
		switch {
		case c >= '0' && c <= '9':
			r = r<<4 | rune(c-'0')
		case c >= 'a' && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case c >= 'A' && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			return 0, 0, false
		}
	}
	return r, 4, true
}

func (d *jsonDecoder) appendValue(c, tok int, raw []byte) error {
	v := d.outs[c]
	switch tok {
	case tokNull:
		v.AppendNull()
		return nil
	case tokBool:
		if v.Kind == vec.KindBool {
			v.Bools = append(v.Bools, raw[0] == 't')
			v.Len++
			return nil
		}
	case tokNested:
		if v.Type.IsString() {
			v.AppendBytes(raw)
			return nil
		}
		return fmt.Errorf("field %s: a nested value cannot be read as %s", d.names[c], v.Type)
	case tokNumber:
		if v.Kind == vec.KindBool || v.Type.IsBinary() {
			return fmt.Errorf("field %s: a number cannot be read as %s", d.names[c], v.Type)
		}
		if v.Kind != vec.KindBytes && v.Type.Root != types.DecimalRoot && !isFloatKind(v.Kind) {
			// Integers written as 1.0 or 1e3 (Jackson's canConvertToInt).
			if f, err := strconv.ParseFloat(string(raw), 64); err == nil && f == math.Trunc(f) && hasFraction(raw) {
				raw = strconv.AppendInt(d.scratch[:0], int64(f), 10)
			}
		}
	}
	if err := appendParsed(v, raw, &d.scratch); err != nil {
		return fmt.Errorf("field %s: %q is %v", d.names[c], clip(raw), err)
	}
	return nil
}

func isFloatKind(k vec.Kind) bool { return k == vec.KindF32 || k == vec.KindF64 }

func hasFraction(raw []byte) bool {
	for _, c := range raw {
		if c == '.' || c == 'e' || c == 'E' {
			return true
		}
	}
	return false
}

// jsonEncoder writes rows as JSON objects, one per line.
type jsonEncoder struct {
	w     io.Writer
	opt   *jsonOptions
	names [][]byte // `"name":` per column
	line  []byte
}

func newJSONEncoder(w io.Writer, opt *jsonOptions, names []string) *jsonEncoder {
	e := &jsonEncoder{w: w, opt: opt}
	for _, n := range names {
		k := appendJSONString(nil, []byte(n))
		e.names = append(e.names, append(k, ':'))
	}
	return e
}

func (e *jsonEncoder) write(b *vec.Batch, lo, hi int) error {
	sep := byte(' ')
	if e.opt.iso {
		sep = 'T'
	}
	for i := lo; i < hi; i++ {
		e.line = append(e.line[:0], '{')
		first := true
		for c, v := range b.Cols {
			null := v.IsNull(i)
			if null && e.opt.ignoreNullFields {
				continue
			}
			if !first {
				e.line = append(e.line, ',')
			}
			first = false
			e.line = append(e.line, e.names[c]...)
			if null {
				e.line = append(e.line, "null"...)
				continue
			}
			e.line = e.appendValue(e.line, v, i, sep)
		}
		e.line = append(e.line, '}', '\n')
		if _, err := e.w.Write(e.line); err != nil {
			return err
		}
	}
	return nil
}

func (e *jsonEncoder) appendValue(dst []byte, v *vec.Vector, i int, sep byte) []byte {
	switch v.Kind {
	case vec.KindBool, vec.KindI8, vec.KindI16:
		return appendText(dst, v, i, sep, true)
	case vec.KindDecimal:
		if !e.opt.decimalPlain {
			return javafmt.AppendBigDecimal(dst, v.Dec[i], v.Type.Scale)
		}
		return appendText(dst, v, i, sep, true)
	case vec.KindI32, vec.KindI64:
		if v.Type.Root == types.Date || v.Type.Root == types.Time {
			break
		}
		if v.Type.Root == types.DecimalRoot && !e.opt.decimalPlain {
			return javafmt.AppendBigDecimal(dst, types.DecimalFromInt64(v.I64[i]), v.Type.Scale)
		}
		return appendText(dst, v, i, sep, true)
	case vec.KindF32, vec.KindF64:
		f := 0.0
		if v.Kind == vec.KindF32 {
			f = float64(v.F32[i])
		} else {
			f = v.F64[i]
		}
		if math.IsNaN(f) || math.IsInf(f, 0) {
			break // Jackson quotes non-numeric numbers
		}
		return appendText(dst, v, i, sep, true)
	case vec.KindBytes:
		if v.Type.IsString() {
			return appendJSONString(dst, v.Bytes(i))
		}
	}
	start := len(dst)
	dst = appendText(dst, v, i, sep, true)
	// Dates, times, timestamps, base64 and NaN need no escaping; quote them.
	dst = append(dst, 0)
	copy(dst[start+1:], dst[start:len(dst)-1])
	dst[start] = '"'
	return append(dst, '"')
}

// appendJSONString appends s as a JSON string; invalid UTF-8 becomes
// U+FFFD.
func appendJSONString(dst, s []byte) []byte {
	const hexd = "0123456789abcdef"
	dst = append(dst, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\':
				dst = append(dst, '\\', c)
			case c == '\n':
				dst = append(dst, '\\', 'n')
			case c == '\r':
				dst = append(dst, '\\', 'r')
			case c == '\t':
				dst = append(dst, '\\', 't')
			case c < 0x20:
				dst = append(dst, '\\', 'u', '0', '0', hexd[c>>4], hexd[c&15])
			default:
				dst = append(dst, c)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(s[i:])
		if r == utf8.RuneError && n == 1 {
			dst = append(dst, "\uFFFD"...)
		} else {
			dst = append(dst, s[i:i+n]...)
		}
		i += n
	}
	return append(dst, '"')
}
