package filesystem

import (
	"bufio"
	"errors"
	"fmt"
	"io"

	"github.com/weir-data/weir/vec"
)

// lineReader reads lines incrementally, reusing its buffer: a line is
// valid until the next call.
type lineReader struct {
	r    *bufio.Reader
	line int // number of lines consumed
	buf  []byte
}

// readLine returns the next line without its '\n', or io.EOF.
func (l *lineReader) readLine() ([]byte, error) {
	l.buf = l.buf[:0]
	for {
		s, err := l.r.ReadSlice('\n')
		l.buf = append(l.buf, s...)
		if err == bufio.ErrBufferFull {
			continue
		}
		if err == io.EOF && len(l.buf) > 0 {
			err = nil
		}
		if err != nil {
			return nil, err
		}
		l.line++
		b := l.buf
		if n := len(b); n > 0 && b[n-1] == '\n' {
			b = b[:n-1]
		}
		return b, nil
	}
}

// csvReader splits a CSV stream into records as Flink's CSV format (Jackson's
// CSV parser) does: RFC 4180 quoting with a configurable delimiter, quote
// and escape character, quoted fields spanning lines, '\r\n' or '\n' line
// ends, optional '#' comment lines. Empty lines are skipped. It reads the
// stream incrementally and reuses its buffers: a record is valid until the
// next call to next.
type csvReader struct {
	lineReader
	opt *csvOptions

	buf     []byte // the record's fields, concatenated
	ends    []int  // end offset of each field in buf
	quoted  []bool // whether each field was quoted
	recLine int    // line on which the current record starts
}

func newCSVReader(r io.Reader, opt *csvOptions) *csvReader {
	return &csvReader{lineReader: lineReader{r: bufio.NewReaderSize(r, 64<<10)}, opt: opt}
}

// next reads the next record.
func (c *csvReader) next() error {
	for {
		line, err := c.readLine()
		if err != nil {
			return err
		}
		if len(line) == 0 || (len(line) == 1 && line[0] == '\r') {
			continue
		}
		if c.opt.allowComments && line[0] == '#' {
			continue
		}
		c.recLine = c.line
		return c.parse(line)
	}
}

func (c *csvReader) parse(line []byte) error {
	c.buf, c.ends, c.quoted = c.buf[:0], c.ends[:0], c.quoted[:0]
	delim, quote, esc := c.opt.delim, c.opt.quote, c.opt.escape
	fieldStart := 0
	inQuote, wasQuoted := false, false
	for {
		i := 0
		for i < len(line) {
			ch := line[i]
			switch {
			case esc != 0 && ch == esc && i+1 < len(line):
				c.buf = append(c.buf, line[i+1])
				i += 2
				continue
			case inQuote && ch == quote:
				if i+1 < len(line) && line[i+1] == quote {
					c.buf = append(c.buf, quote)
					i += 2
					continue
				}
				inQuote = false
			case inQuote:
				c.buf = append(c.buf, ch)
			case quote != 0 && ch == quote && len(c.buf) == fieldStart && !wasQuoted:
				inQuote, wasQuoted = true, true
			case ch == delim:
				c.ends = append(c.ends, len(c.buf))
				c.quoted = append(c.quoted, wasQuoted)
				fieldStart, wasQuoted = len(c.buf), false
			default:
				c.buf = append(c.buf, ch)
			}
			i++
		}
		if !inQuote {
			break
		}
		// A quoted field continues on the next line.
		c.buf = append(c.buf, '\n')
		next, err := c.readLine()
		if err == io.EOF {
			return fmt.Errorf("line %d: quoted field not closed before the end of the file", c.recLine)
		}
		if err != nil {
			return err
		}
		line = next
	}
	// Drop the '\r' of a '\r\n' line end outside quotes.
	if n := len(c.buf); n > fieldStart && c.buf[n-1] == '\r' {
		c.buf = c.buf[:n-1]
	}
	c.ends = append(c.ends, len(c.buf))
	c.quoted = append(c.quoted, wasQuoted)
	return nil
}

func (c *csvReader) numFields() int { return len(c.ends) }

func (c *csvReader) field(i int) []byte {
	start := 0
	if i > 0 {
		start = c.ends[i-1]
	}
	return c.buf[start:c.ends[i]]
}

// csvDecoder decodes CSV records into vectors.
type csvDecoder struct {
	rd      *csvReader
	names   []string      // file column names (for messages)
	outs    []*vec.Vector // per file column: the vector to fill, or nil to skip
	file    string
	scratch []byte
}

// errSkipRow marks a row dropped under ignore-parse-errors.
var errSkipRow = errors.New("row skipped")

// decode appends up to max rows to b (whose Len counts complete rows). It
// returns io.EOF at the end of the file.
func (d *csvDecoder) decode(b *vec.Batch, max int) (int, error) {
	n := 0
	for n < max {
		if err := d.rd.next(); err != nil {
			if err == io.EOF {
				if n > 0 {
					return n, nil
				}
				return 0, io.EOF
			}
			return n, fmt.Errorf("%s: %w", d.file, err)
		}
		err := d.decodeRow()
		if err == errSkipRow {
			rollback(b)
			continue
		}
		if err != nil {
			rollback(b)
			return n, err
		}
		b.Len++
		n++
	}
	return n, nil
}

// rollback drops the values a failed row appended beyond b.Len.
func rollback(b *vec.Batch) {
	n := b.Len
	b.Len = n + 1
	b.Truncate(n)
}

func (d *csvDecoder) decodeRow() error {
	opt := d.rd.opt
	if got := d.rd.numFields(); got != len(d.outs) {
		if opt.ignoreErrors {
			return errSkipRow
		}
		return fmt.Errorf("%s: line %d: %d fields, the table has %d columns %v (set 'csv.ignore-parse-errors' = 'true' to skip such rows)",
			d.file, d.rd.recLine, got, len(d.outs), d.names)
	}
	for j, v := range d.outs {
		if v == nil {
			continue
		}
		s := d.rd.field(j)
		if (opt.hasNull && !d.rd.quoted[j] && string(s) == opt.nullLiteral) || (len(s) == 0 && v.Kind != vec.KindBytes) {
			v.AppendNull()
			continue
		}
		if err := appendParsed(v, s, &d.scratch); err != nil {
			if opt.ignoreErrors {
				v.AppendNull()
				continue
			}
			return fmt.Errorf("%s: line %d: column %s: %q is %v (set 'csv.ignore-parse-errors' = 'true' to read it as NULL)",
				d.file, d.rd.recLine, d.names[j], clip(s), err)
		}
	}
	return nil
}

// clip shortens a bad value for an error message.
func clip(s []byte) string {
	if len(s) > 64 {
		return string(s[:64]) + "..."
	}
	return string(s)
}

// csvEncoder writes rows as CSV lines.
type csvEncoder struct {
	w    io.Writer
	opt  *csvOptions
	line []byte
	val  []byte
}

func (e *csvEncoder) write(b *vec.Batch, lo, hi int) error {
	for i := lo; i < hi; i++ {
		e.line = e.line[:0]
		for c, v := range b.Cols {
			if c > 0 {
				e.line = append(e.line, e.opt.delim)
			}
			if v.IsNull(i) {
				e.line = append(e.line, e.opt.nullLiteral...)
				continue
			}
			e.val = appendText(e.val[:0], v, i, ' ', true)
			e.line = e.appendField(e.line, e.val, v.Kind == vec.KindBytes)
		}
		e.line = append(e.line, '\n')
		if _, err := e.w.Write(e.line); err != nil {
			return err
		}
	}
	return nil
}

// appendField appends one value, quoted when it holds a special character
// (or, for strings, when it is empty or equals the null literal, so that it
// reads back as itself).
func (e *csvEncoder) appendField(dst, s []byte, str bool) []byte {
	o := e.opt
	need := str && ((o.hasNull && string(s) == o.nullLiteral) || (len(s) == 0 && o.hasNull))
	for _, ch := range s {
		if ch == o.delim || ch == '\n' || ch == '\r' || (o.quote != 0 && ch == o.quote) || (o.escape != 0 && ch == o.escape) {
			need = true
			break
		}
	}
	if len(s) > 0 && o.allowComments && s[0] == '#' {
		need = true
	}
	if !need {
		return append(dst, s...)
	}
	if o.quote == 0 {
		// No quoting: escape the special characters if we can, else write
		// them as they are (as Flink does).
		for _, ch := range s {
			if o.escape != 0 && (ch == o.delim || ch == o.escape || ch == '\n' || ch == '\r') {
				dst = append(dst, o.escape)
			}
			dst = append(dst, ch)
		}
		return dst
	}
	dst = append(dst, o.quote)
	for _, ch := range s {
		switch {
		case ch == o.quote:
			dst = append(dst, o.quote, o.quote)
		case o.escape != 0 && ch == o.escape:
			dst = append(dst, o.escape, o.escape)
		default:
			dst = append(dst, ch)
		}
	}
	return append(dst, o.quote)
}
