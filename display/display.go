// Package display renders result rows for people and scripts: CSV with a header,
// JSON lines, and an aligned table. Values print as Flink's CAST(x AS STRING)
// does (see types.FormatValue); TIMESTAMP_LTZ values in the configured time zone.
package display

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// Format names an output format.
type Format string

const (
	CSV   Format = "csv"
	JSON  Format = "json"
	Table Format = "table"
)

// ParseFormat validates a format name.
func ParseFormat(s string) (Format, error) {
	switch Format(s) {
	case CSV, JSON, Table:
		return Format(s), nil
	}
	return "", fmt.Errorf("unknown output format %q (want csv, json or table)", s)
}

// Column is a named, typed output column.
type Column struct {
	Name string
	Type types.DataType
}

// Writer writes batches in one format. Close flushes (the table format prints
// only at Close, once the column widths are known).
type Writer interface {
	Write(b *vec.Batch) error
	Close() error
}

// NewWriter returns a Writer of the given format. loc is the time zone for
// TIMESTAMP_LTZ values (UTC when nil).
func NewWriter(w io.Writer, f Format, cols []Column, loc *time.Location) (Writer, error) {
	if loc == nil {
		loc = time.UTC
	}
	switch f {
	case CSV:
		cw := csv.NewWriter(w)
		header := make([]string, len(cols))
		for i, c := range cols {
			header[i] = c.Name
		}
		if err := cw.Write(header); err != nil {
			return nil, err
		}
		return &csvWriter{w: cw, cols: cols, loc: loc}, nil
	case JSON:
		return &jsonWriter{enc: json.NewEncoder(w), cols: cols, loc: loc}, nil
	case Table:
		return &tableWriter{w: w, cols: cols, loc: loc}, nil
	}
	return nil, fmt.Errorf("unknown output format %q", f)
}

type csvWriter struct {
	w    *csv.Writer
	cols []Column
	loc  *time.Location
	rec  []string
}

func (c *csvWriter) Write(b *vec.Batch) error {
	if c.rec == nil {
		c.rec = make([]string, len(c.cols))
	}
	for r := 0; r < b.Len; r++ {
		for i, col := range c.cols {
			s, _ := types.FormatValue(col.Type, b.Cols[i].Value(r), c.loc)
			c.rec[i] = s
		}
		if err := c.w.Write(c.rec); err != nil {
			return err
		}
	}
	return nil
}

func (c *csvWriter) Close() error { c.w.Flush(); return c.w.Error() }

type jsonWriter struct {
	enc  *json.Encoder
	cols []Column
	loc  *time.Location
}

func (j *jsonWriter) Write(b *vec.Batch) error {
	for r := 0; r < b.Len; r++ {
		obj := make(orderedObject, 0, len(j.cols))
		for i, col := range j.cols {
			obj = append(obj, kv{col.Name, jsonValue(col.Type, b.Cols[i].Value(r), j.loc)})
		}
		if err := j.enc.Encode(obj); err != nil {
			return err
		}
	}
	return nil
}

func (j *jsonWriter) Close() error { return nil }

// jsonValue keeps numbers and booleans as JSON numbers/booleans (decimals as
// JSON numbers written exactly), everything else as strings.
func jsonValue(t types.DataType, v any, loc *time.Location) any {
	if v == nil {
		return nil
	}
	switch x := v.(type) {
	case bool:
		return x
	case int8, int16, int64:
		if t.Root == types.DecimalRoot {
			s, _ := types.FormatValue(t, v, loc)
			return json.Number(s)
		}
		return x
	case int32:
		if t.Root == types.Int {
			return x
		}
	case float32:
		if !math.IsNaN(float64(x)) && !math.IsInf(float64(x), 0) {
			return x
		}
	case float64:
		if !math.IsNaN(x) && !math.IsInf(x, 0) {
			return x
		}
	case types.Decimal:
		s, _ := types.FormatValue(t, v, loc)
		return json.Number(s)
	}
	s, _ := types.FormatValue(t, v, loc)
	return s
}

type kv struct {
	k string
	v any
}

// orderedObject marshals as a JSON object keeping column order.
type orderedObject []kv

func (o orderedObject) MarshalJSON() ([]byte, error) {
	var b strings.Builder
	b.WriteByte('{')
	for i, e := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(e.k)
		v, err := json.Marshal(e.v)
		if err != nil {
			return nil, err
		}
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return []byte(b.String()), nil
}

type tableWriter struct {
	w    io.Writer
	cols []Column
	loc  *time.Location
	rows [][]string
}

func (t *tableWriter) Write(b *vec.Batch) error {
	for r := 0; r < b.Len; r++ {
		row := make([]string, len(t.cols))
		for i, col := range t.cols {
			s, ok := types.FormatValue(col.Type, b.Cols[i].Value(r), t.loc)
			if !ok {
				s = "<NULL>"
			}
			row[i] = s
		}
		t.rows = append(t.rows, row)
	}
	return nil
}

// Close prints the table in the style of Flink's SQL client (tableau mode).
func (t *tableWriter) Close() error {
	widths := make([]int, len(t.cols))
	for i, c := range t.cols {
		widths[i] = utf8.RuneCountInString(c.Name)
	}
	for _, r := range t.rows {
		for i, s := range r {
			widths[i] = max(widths[i], utf8.RuneCountInString(s))
		}
	}
	var b strings.Builder
	sep := func() {
		b.WriteByte('+')
		for _, w := range widths {
			b.WriteString(strings.Repeat("-", w+2))
			b.WriteByte('+')
		}
		b.WriteByte('\n')
	}
	line := func(cells []string, right func(int) bool) {
		b.WriteByte('|')
		for i, s := range cells {
			pad := strings.Repeat(" ", widths[i]-utf8.RuneCountInString(s))
			if right(i) {
				b.WriteString(" " + pad + s + " |")
			} else {
				b.WriteString(" " + s + pad + " |")
			}
		}
		b.WriteByte('\n')
	}
	names := make([]string, len(t.cols))
	for i, c := range t.cols {
		names[i] = c.Name
	}
	sep()
	line(names, func(int) bool { return false })
	sep()
	for _, r := range t.rows {
		line(r, func(i int) bool { return isNumeric(t.cols[i].Type) })
	}
	if len(t.rows) > 0 {
		sep()
	}
	fmt.Fprintf(&b, "%d row(s) in set\n", len(t.rows))
	_, err := io.WriteString(t.w, b.String())
	return err
}

func isNumeric(t types.DataType) bool {
	switch t.Root {
	case types.TinyInt, types.SmallInt, types.Int, types.BigInt, types.Float, types.Double, types.DecimalRoot:
		return true
	}
	return false
}
