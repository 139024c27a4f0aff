package datafile

import (
	"errors"
	"fmt"
	"io"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/encoding"
	"github.com/parquet-go/parquet-go/format"

	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// tsUnit is the unit of an INT64 timestamp column.
type tsUnit uint8

const (
	unitMillis tsUnit = iota
	unitMicros
	unitNanos
)

// colReader decodes one wanted column, page by page.
type colReader struct {
	want   Column
	file   int // top-level index in the file, -1 when missing
	leaf   int
	kind   vec.Kind
	phys   parquet.Kind
	unit   tsUnit
	maxDef byte

	pages parquet.Pages
	page  parquet.Page
	n     int    // rows in page
	row   int    // next row in page
	val   int    // next non-null value in page
	defs  []byte // nil when the page has no nulls
	data  encoding.Values
	sel   []int32 // dictionary indexes, nil for plain pages
}

func (r *Reader) newColReader(w Column) (*colReader, error) {
	k, err := vec.KindOf(w.Type)
	if err != nil {
		return nil, fmt.Errorf("datafile: column %q: %w", w.Name, err)
	}
	c := &colReader{want: w, kind: k, file: r.find(w), leaf: -1}
	if c.file < 0 {
		return c, nil
	}
	fc := r.cols[c.file]
	if r.leaf[c.file] < 0 {
		return nil, fmt.Errorf("datafile: column %q: file column %q has nested type %s, not supported", w.Name, fc.Name, fc.Type)
	}
	c.leaf = r.leaf[c.file]
	if err := checkConvertible(fc.Type, w.Type); err != nil {
		return nil, fmt.Errorf("datafile: column %q: %w", w.Name, err)
	}
	leafCol := r.f.Root().Columns()[c.leaf]
	c.maxDef = byte(leafCol.MaxDefinitionLevel())
	pt := leafCol.Type()
	c.phys = pt.Kind()
	if c.kind == vec.KindTimestamp && c.phys == parquet.Int64 {
		c.unit = unitMicros
		switch {
		case w.Type.Precision <= 3:
			c.unit = unitMillis
		case w.Type.Precision > 6:
			c.unit = unitNanos
		}
		if lt := pt.LogicalType(); lt != nil {
			if t, ok := lt.Value.(*format.TimestampType); ok {
				switch t.Unit.Value.(type) {
				case *format.MilliSeconds:
					c.unit = unitMillis
				case *format.MicroSeconds:
					c.unit = unitMicros
				case *format.NanoSeconds:
					c.unit = unitNanos
				}
			}
		}
	}
	if !physicalFits(c.phys, c.kind) {
		return nil, fmt.Errorf("datafile: column %q: cannot read parquet %s as %s", w.Name, pt, w.Type)
	}
	return c, nil
}

// checkConvertible reports whether a file column of type from can be read as
// type to.
func checkConvertible(from, to types.DataType) error {
	rank := func(r types.Root) int {
		switch r {
		case types.TinyInt:
			return 1
		case types.SmallInt:
			return 2
		case types.Int:
			return 3
		case types.BigInt:
			return 4
		}
		return 0
	}
	switch {
	case from.Root == to.Root && from.Root == types.DecimalRoot:
		if from.Scale == to.Scale && from.Precision <= to.Precision {
			return nil
		}
	case from.Root == to.Root:
		return nil
	case from.IsString() && to.IsString(), from.IsBinary() && to.IsBinary(),
		from.IsTimestamp() && to.IsTimestamp():
		return nil
	case rank(from.Root) > 0 && rank(to.Root) > rank(from.Root):
		return nil
	case to.Root == types.Double && (rank(from.Root) > 0 || from.Root == types.Float):
		return nil
	}
	return fmt.Errorf("file type %s cannot be read as %s (only numeric widening is supported)", from, to)
}

// physicalFits reports whether a physical column can be decoded into kind.
func physicalFits(p parquet.Kind, k vec.Kind) bool {
	switch p {
	case parquet.Boolean:
		return k == vec.KindBool
	case parquet.Int32:
		return k == vec.KindI8 || k == vec.KindI16 || k == vec.KindI32 || k == vec.KindI64 || k == vec.KindF64 || k == vec.KindDecimal
	case parquet.Int64:
		return k == vec.KindI64 || k == vec.KindF64 || k == vec.KindDecimal || k == vec.KindTimestamp
	case parquet.Int96:
		return k == vec.KindTimestamp
	case parquet.Float:
		return k == vec.KindF32 || k == vec.KindF64
	case parquet.Double:
		return k == vec.KindF64
	case parquet.ByteArray, parquet.FixedLenByteArray:
		return k == vec.KindBytes || k == vec.KindI64 || k == vec.KindDecimal
	}
	return false
}

func (c *colReader) startRowGroup(rg parquet.RowGroup) error {
	c.close()
	if c.file < 0 {
		return nil
	}
	chunks := rg.ColumnChunks()
	if c.leaf >= len(chunks) {
		return fmt.Errorf("datafile: column %q: row group has %d columns", c.want.Name, len(chunks))
	}
	c.pages = chunks[c.leaf].Pages()
	return nil
}

func (c *colReader) close() {
	if c.page != nil {
		parquet.Release(c.page)
		c.page = nil
	}
	if c.pages != nil {
		c.pages.Close()
		c.pages = nil
	}
	c.n, c.row = 0, 0
}

// nextPage loads the next page of the chunk.
func (c *colReader) nextPage() error {
	if c.page != nil {
		parquet.Release(c.page)
		c.page = nil
	}
	for {
		p, err := c.pages.ReadPage()
		if err != nil {
			if errors.Is(err, io.EOF) {
				return errors.New("column chunk ended before the row group")
			}
			return err
		}
		if p.NumRows() == 0 {
			parquet.Release(p)
			continue
		}
		c.page, c.n, c.row, c.val = p, int(p.NumRows()), 0, 0
		c.defs = nil
		if c.maxDef > 0 && p.NumNulls() > 0 {
			c.defs = p.DefinitionLevels()
			if len(c.defs) < c.n {
				return fmt.Errorf("page has %d definition levels for %d rows", len(c.defs), c.n)
			}
		}
		c.sel = nil
		if d := p.Dictionary(); d != nil {
			idx := p.Data()
			c.sel = idx.Int32()
			c.data = d.Page().Data()
			for _, ix := range c.sel {
				if ix < 0 || int(ix) >= d.Len() {
					return fmt.Errorf("dictionary index %d out of range [0, %d)", ix, d.Len())
				}
			}
		} else {
			c.data = p.Data()
		}
		return nil
	}
}

// read appends k rows to v.
func (c *colReader) read(v *vec.Vector, k int) error {
	if c.file < 0 {
		for range k {
			v.AppendNull()
		}
		return nil
	}
	for k > 0 {
		if c.row >= c.n {
			if err := c.nextPage(); err != nil {
				return err
			}
		}
		m := min(k, c.n-c.row)
		if err := c.decode(v, m); err != nil {
			return err
		}
		k -= m
	}
	return nil
}

// decode appends m rows of the current page to v.
func (c *colReader) decode(v *vec.Vector, m int) error {
	end := c.row + m
	for r := c.row; r < end; r++ {
		if c.defs != nil && c.defs[r] < c.maxDef {
			v.AppendNull()
			continue
		}
		j := c.val
		c.val++
		if c.sel != nil {
			if j >= len(c.sel) {
				return errors.New("page has fewer values than rows")
			}
			j = int(c.sel[j])
		}
		if err := c.appendValue(v, j); err != nil {
			return err
		}
	}
	c.row = end
	return nil
}

var errShortPage = errors.New("page has fewer values than rows")

// appendValue appends value j of the page data to v.
func (c *colReader) appendValue(v *vec.Vector, j int) error {
	switch c.phys {
	case parquet.Boolean:
		bits := c.data.Boolean()
		if j/8 >= len(bits) {
			return errShortPage
		}
		v.Bools = append(v.Bools, bits[j/8]>>(j%8)&1 != 0)
	case parquet.Int32:
		a := c.data.Int32()
		if j >= len(a) {
			return errShortPage
		}
		x := a[j]
		switch v.Kind {
		case vec.KindI8:
			v.I8 = append(v.I8, int8(x))
		case vec.KindI16:
			v.I16 = append(v.I16, int16(x))
		case vec.KindI32:
			v.I32 = append(v.I32, x)
		case vec.KindI64:
			v.I64 = append(v.I64, int64(x))
		case vec.KindF64:
			v.F64 = append(v.F64, float64(x))
		case vec.KindDecimal:
			v.Dec = append(v.Dec, types.DecimalFromInt64(int64(x)))
		}
	case parquet.Int64:
		a := c.data.Int64()
		if j >= len(a) {
			return errShortPage
		}
		x := a[j]
		switch v.Kind {
		case vec.KindI64:
			v.I64 = append(v.I64, x)
		case vec.KindF64:
			v.F64 = append(v.F64, float64(x))
		case vec.KindDecimal:
			v.Dec = append(v.Dec, types.DecimalFromInt64(x))
		case vec.KindTimestamp:
			switch c.unit {
			case unitMillis:
				v.TS = append(v.TS, types.Timestamp{Millis: x})
			case unitMicros:
				v.TS = append(v.TS, types.TimestampFromMicros(x))
			default:
				v.TS = append(v.TS, types.TimestampFromEpochNanos(x))
			}
		}
	case parquet.Int96:
		a := c.data.Int96()
		if j >= len(a) {
			return errShortPage
		}
		v.TS = append(v.TS, timestampFromInt96(a[j]))
	case parquet.Float:
		a := c.data.Float()
		if j >= len(a) {
			return errShortPage
		}
		if v.Kind == vec.KindF32 {
			v.F32 = append(v.F32, a[j])
		} else {
			v.F64 = append(v.F64, float64(a[j]))
		}
	case parquet.Double:
		a := c.data.Double()
		if j >= len(a) {
			return errShortPage
		}
		v.F64 = append(v.F64, a[j])
	case parquet.ByteArray, parquet.FixedLenByteArray:
		var b []byte
		if c.phys == parquet.ByteArray {
			data, offs := c.data.ByteArray()
			if j+1 >= len(offs) || offs[j] > offs[j+1] || int(offs[j+1]) > len(data) {
				return errShortPage
			}
			b = data[offs[j]:offs[j+1]]
		} else {
			data, size := c.data.FixedLenByteArray()
			if size <= 0 || (j+1)*size > len(data) {
				return errShortPage
			}
			b = data[j*size : (j+1)*size]
		}
		switch v.Kind {
		case vec.KindBytes:
			v.Data = append(v.Data, b...)
			v.Offsets = append(v.Offsets, int32(len(v.Data)))
			v.Len++
			return nil
		case vec.KindI64, vec.KindDecimal:
			d, err := types.DecimalFromBigEndian(b)
			if err != nil {
				return err
			}
			if v.Kind == vec.KindI64 {
				v.I64 = append(v.I64, d.Int64())
			} else {
				v.Dec = append(v.Dec, d)
			}
		}
	default:
		return fmt.Errorf("unsupported parquet type %s", c.phys)
	}
	v.Len++
	return nil
}
