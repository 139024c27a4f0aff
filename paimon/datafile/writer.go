package datafile

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/compress/zstd"

	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// Writer defaults, following Paimon's (parquet-mr's) defaults.
const (
	DefaultZstdLevel    = 1         // Paimon's file.compression.zstd-level
	DefaultRowGroupSize = 128 << 20 // parquet.block.size
	DefaultPageSize     = 256 << 10 // target page size (parquet-go's default page buffer; smaller pages also skip better)
)

// writeChunk is the number of rows handed to parquet-go per column call.
const writeChunk = 1024

// WriterOptions configure a Writer. The zero value gives Paimon's defaults.
type WriterOptions struct {
	// ZstdLevel is the zstd level (Paimon's file.compression.zstd-level);
	// 0 means DefaultZstdLevel. parquet-go's encoder has four speeds: levels
	// 1-2 are "fastest", 3-5 "default", 6-9 "better", 10+ "best".
	ZstdLevel int
	// RowGroupSize is the buffered size at which a row group is flushed;
	// 0 means DefaultRowGroupSize.
	RowGroupSize int64
	// PageSize is the target uncompressed page size; 0 means DefaultPageSize.
	PageSize int
	// StatsModes holds one mode per column (nil: the default truncate(16) for
	// all columns).
	StatsModes []StatsMode
}

// Result describes a closed file.
type Result struct {
	RowCount int64
	FileSize int64
	// Stats has one entry per column, in column order.
	Stats []ColumnStats
}

// Writer writes one Parquet data file. It is not safe for concurrent use.
type Writer struct {
	cols     []Column
	kinds    []vec.Kind
	flbaSize []int // FIXED_LEN_BYTE_ARRAY width per column (0 if not)
	stats    []*collector
	fixes    []elementFix

	out      *tailWriter
	pw       *parquet.Writer
	cws      []*parquet.ColumnWriter
	vals     []parquet.Value
	scratch  []byte
	gathered map[vec.Kind]*vec.Vector // WriteColumnar's gather targets, one per kind
	touch    byte                     // keeps writeBytesGather's prefetching loads

	rowGroupSize int64
	rgStart      int64
	rows         int64
	closed       bool
	err          error
}

// NewWriter returns a Writer of a file with the given columns to w.
func NewWriter(w io.Writer, cols []Column, opts WriterOptions) (wr *Writer, err error) {
	defer recoverAsError(&err, "creating parquet writer")
	if len(cols) == 0 {
		return nil, errors.New("datafile: a data file needs at least one column")
	}
	if opts.StatsModes != nil && len(opts.StatsModes) != len(cols) {
		return nil, fmt.Errorf("datafile: %d stats modes for %d columns", len(opts.StatsModes), len(cols))
	}
	schema, err := buildSchema(cols)
	if err != nil {
		return nil, fmt.Errorf("datafile: %w", err)
	}
	wr = &Writer{
		cols:         cols,
		kinds:        make([]vec.Kind, len(cols)),
		flbaSize:     make([]int, len(cols)),
		stats:        make([]*collector, len(cols)),
		fixes:        make([]elementFix, len(cols)),
		rowGroupSize: opts.RowGroupSize,
		vals:         make([]parquet.Value, 0, writeChunk),
	}
	if wr.rowGroupSize <= 0 {
		wr.rowGroupSize = DefaultRowGroupSize
	}
	for i, c := range cols {
		k, err := vec.KindOf(c.Type)
		if err != nil {
			return nil, fmt.Errorf("datafile: column %q: %w", c.Name, err)
		}
		wr.kinds[i] = k
		if k == vec.KindDecimal {
			wr.flbaSize[i] = decimalBytes(c.Type.Precision)
		}
		mode := StatsMode{}
		if opts.StatsModes != nil {
			mode = opts.StatsModes[i]
		}
		if mode, err = mode.normalize(); err != nil {
			return nil, fmt.Errorf("datafile: column %q: %w", c.Name, err)
		}
		wr.stats[i] = newCollector(c.Type, mode)
		wr.fixes[i] = elementFix{
			fieldID:         int32(c.ID),
			dropTypeLength:  k != vec.KindDecimal,
			dropLogicalType: c.Type.Root == types.Int || c.Type.Root == types.BigInt,
		}
	}
	pageSize := opts.PageSize
	if pageSize <= 0 {
		pageSize = DefaultPageSize
	}
	level := opts.ZstdLevel
	if level == 0 {
		level = DefaultZstdLevel
	}
	wr.out = &tailWriter{w: w}
	wr.pw = parquet.NewWriter(wr.out, schema,
		parquet.Compression(&zstd.Codec{Level: zstdLevel(level)}),
		parquet.PageBufferSize(pageSize),
		parquet.DataPageVersion(1),
		parquet.CreatedBy("weir", "", ""),
		// No statistics in data page headers: readers (Java's parquet-mr
		// included) use the column index and the chunk statistics, which are
		// still written, and Paimon keeps its own statistics in manifests.
		// Skipping them makes writing ~40 % faster.
		parquet.DataPageStatistics(false),
	)
	wr.cws = wr.pw.ColumnWriters()
	if len(wr.cws) != len(cols) {
		return nil, fmt.Errorf("datafile: parquet writer has %d columns, want %d", len(wr.cws), len(cols))
	}
	return wr, nil
}

// zstdLevel maps a zstd level to parquet-go's encoder speeds as klauspost's
// EncoderLevelFromZstd does.
func zstdLevel(l int) zstd.Level {
	switch {
	case l < 3:
		return zstd.SpeedFastest
	case l < 6:
		return zstd.SpeedDefault
	case l < 10:
		return zstd.SpeedBetterCompression
	}
	return zstd.SpeedBestCompression
}

// Write appends the rows of b, whose columns must be exactly the writer's
// columns in order (same physical kinds). b.Kinds is ignored: for KeyValue
// files the caller supplies _VALUE_KIND as a column.
func (w *Writer) Write(b *vec.Batch) (err error) {
	if w.err != nil {
		return w.err
	}
	if w.closed {
		return errors.New("datafile: write after close")
	}
	defer recoverAsError(&err, "writing parquet rows")
	defer func() {
		if err != nil {
			w.err = err
		}
	}()
	if len(b.Cols) != len(w.cols) {
		return fmt.Errorf("datafile: batch has %d columns, file has %d", len(b.Cols), len(w.cols))
	}
	for i, v := range b.Cols {
		if err := w.checkColumn(i, v, b.Len); err != nil {
			return err
		}
	}
	for lo := 0; lo < b.Len; lo += writeChunk {
		hi := min(lo+writeChunk, b.Len)
		for ci, v := range b.Cols {
			if err := w.writeColumn(ci, v, lo, hi); err != nil {
				return fmt.Errorf("datafile: column %q: %w", w.cols[ci].Name, err)
			}
		}
		w.rows += int64(hi - lo)
		if err := w.maybeFlushRowGroup(); err != nil {
			return err
		}
	}
	return nil
}

// ColumnRows are the rows of one column handed to WriteColumnar: the rows of
// Vec or, when Vec is nil, a gather: row k is row Rows[k] of Srcs[From[k]].
type ColumnRows struct {
	Vec        *vec.Vector
	Srcs       []*vec.Vector
	From, Rows []int32
}

// WriteColumnar appends n rows given column by column: column(i) returns the
// n rows of column i (same rules as Write's batch columns), which need to stay
// valid only until the next call of column. Columns are asked for and encoded
// in order, one after the other, so a caller that picks each column's rows on
// demand (buffered rows in sorted order) keeps one column's rows in cache at
// a time instead of the whole row width. A gathered string column is encoded
// straight from its sources, without a copy in between. The pages are those
// Write writes for a batch of the same n rows; only the row group is closed
// between calls, so it may outgrow RowGroupSize by up to one call's rows.
func (w *Writer) WriteColumnar(n int, column func(i int) (ColumnRows, error)) (err error) {
	if w.err != nil {
		return w.err
	}
	if w.closed {
		return errors.New("datafile: write after close")
	}
	defer recoverAsError(&err, "writing parquet rows")
	defer func() {
		if err != nil {
			w.err = err
		}
	}()
	for ci := range w.cols {
		cr, err := column(ci)
		if err != nil {
			return err
		}
		if cr.Vec == nil && w.kinds[ci] != vec.KindBytes {
			cr.Vec = w.gather(ci, cr)
		}
		if cr.Vec != nil {
			if err := w.checkColumn(ci, cr.Vec, n); err != nil {
				return err
			}
			for lo := 0; lo < n; lo += writeChunk {
				if err := w.writeColumn(ci, cr.Vec, lo, min(lo+writeChunk, n)); err != nil {
					return fmt.Errorf("datafile: column %q: %w", w.cols[ci].Name, err)
				}
			}
			continue
		}
		if err := w.checkGather(ci, cr, n); err != nil {
			return err
		}
		for lo := 0; lo < n; lo += writeChunk {
			if err := w.writeBytesGather(ci, cr, lo, min(lo+writeChunk, n)); err != nil {
				return fmt.Errorf("datafile: column %q: %w", w.cols[ci].Name, err)
			}
		}
	}
	w.rows += int64(n)
	return w.maybeFlushRowGroup()
}

// gather copies the gathered rows of column ci into a reused vector.
func (w *Writer) gather(ci int, cr ColumnRows) *vec.Vector {
	k := w.kinds[ci]
	if w.gathered == nil {
		w.gathered = map[vec.Kind]*vec.Vector{}
	}
	v := w.gathered[k]
	if v == nil {
		v = vec.MustNew(w.cols[ci].Type, len(cr.Rows))
		w.gathered[k] = v
	}
	v.Reset()
	v.AppendGather(cr.Srcs, cr.From, cr.Rows)
	return v
}

// checkGather checks that a gather can be written as n rows of column ci.
func (w *Writer) checkGather(ci int, cr ColumnRows, n int) error {
	c := w.cols[ci]
	if len(cr.From) != n || len(cr.Rows) != n {
		return fmt.Errorf("datafile: column %q: gather of %d rows, batch %d", c.Name, len(cr.Rows), n)
	}
	nulls := false
	for _, s := range cr.Srcs {
		if s.Kind != w.kinds[ci] {
			return fmt.Errorf("datafile: column %q (%s): batch vector has kind %d, want %d", c.Name, c.Type, s.Kind, w.kinds[ci])
		}
		nulls = nulls || s.Nulls.Any()
	}
	if !c.Type.Nullable && nulls {
		for k, r := range cr.Rows {
			if cr.Srcs[cr.From[k]].Nulls.Get(int(r)) {
				return fmt.Errorf("datafile: column %q is NOT NULL but the batch has nulls", c.Name)
			}
		}
	}
	return nil
}

// writeBytesGather is writeColumn for rows [lo, hi) of a gathered KindBytes
// column: the values are read from their sources, with no copy in between.
func (w *Writer) writeBytesGather(ci int, cr ColumnRows, lo, hi int) error {
	st := w.stats[ci]
	mm := st.minMax
	def := 0
	if w.cols[ci].Type.Nullable {
		def = 1
	}
	null := parquet.Value{}.Level(0, 0, ci)
	// Touch every value first: these loads do not depend on each other, so
	// the CPU overlaps their cache misses (the sources are read in random
	// order), and the loop below, whose statistics compare each value, finds
	// them in cache.
	var touch byte
	for k := lo; k < hi; k++ {
		s, r := cr.Srcs[cr.From[k]], cr.Rows[k]
		if o := s.Offsets[r]; o < s.Offsets[r+1] {
			touch |= s.Data[o]
		}
	}
	w.touch = touch
	vals := w.vals[:0]
	for k := lo; k < hi; k++ {
		s, r := cr.Srcs[cr.From[k]], cr.Rows[k]
		if s.Nulls.Get(int(r)) {
			vals = append(vals, null)
			st.nulls++
			continue
		}
		b := s.Data[s.Offsets[r]:s.Offsets[r+1]]
		if mm {
			st.bytes(b)
		}
		vals = append(vals, parquet.ByteArrayValue(b).Level(0, def, ci))
	}
	w.vals = vals[:0]
	_, err := w.cws[ci].WriteRowValues(vals)
	return err
}

// checkColumn checks that v can be written as n rows of column i.
func (w *Writer) checkColumn(i int, v *vec.Vector, n int) error {
	c := w.cols[i]
	if v.Kind != w.kinds[i] {
		return fmt.Errorf("datafile: column %q (%s): batch vector has kind %d, want %d", c.Name, c.Type, v.Kind, w.kinds[i])
	}
	if v.Len != n {
		return fmt.Errorf("datafile: column %q: vector has %d rows, batch %d", c.Name, v.Len, n)
	}
	if !c.Type.Nullable && anyNull(v.Nulls, n) {
		return fmt.Errorf("datafile: column %q is NOT NULL but the batch has nulls", c.Name)
	}
	return nil
}

// maybeFlushRowGroup closes the row group once it holds RowGroupSize bytes.
func (w *Writer) maybeFlushRowGroup() error {
	if w.pw.Size()-w.rgStart < w.rowGroupSize {
		return nil
	}
	if err := w.pw.Flush(); err != nil {
		return fmt.Errorf("datafile: flushing row group: %w", err)
	}
	w.rgStart = w.pw.Size()
	return nil
}

func anyNull(nulls vec.Bitmap, n int) bool {
	for i, word := range nulls {
		if word == 0 {
			continue
		}
		if (i+1)*64 <= n {
			return true
		}
		for j := i * 64; j < n; j++ {
			if nulls.Get(j) {
				return true
			}
		}
		return false
	}
	return false
}

// writeColumn converts rows [lo, hi) of v to parquet values, updating the
// column's statistics, and hands them to the column writer.
func (w *Writer) writeColumn(ci int, v *vec.Vector, lo, hi int) error {
	col := w.cols[ci]
	st := w.stats[ci]
	mm := st.minMax
	def := 0
	if col.Type.Nullable {
		def = 1
	}
	nulls := v.Nulls
	if !anyNull(nulls, hi) {
		nulls = nil
	}
	null := parquet.Value{}.Level(0, 0, ci)
	vals := w.vals[:0]
	switch v.Kind {
	case vec.KindBytes:
		for i := lo; i < hi; i++ {
			if nulls != nil && nulls.Get(i) {
				vals = append(vals, null)
				st.nulls++
				continue
			}
			b := v.Data[v.Offsets[i]:v.Offsets[i+1]]
			if mm {
				st.bytes(b)
			}
			vals = append(vals, parquet.ByteArrayValue(b).Level(0, def, ci))
		}
	case vec.KindI32, vec.KindI16, vec.KindI8:
		for i := lo; i < hi; i++ {
			if nulls != nil && nulls.Get(i) {
				vals = append(vals, null)
				st.nulls++
				continue
			}
			var x int32
			switch v.Kind {
			case vec.KindI32:
				x = v.I32[i]
			case vec.KindI16:
				x = int32(v.I16[i])
			default:
				x = int32(v.I8[i])
			}
			if mm {
				st.int(int64(x))
			}
			vals = append(vals, parquet.Int32Value(x).Level(0, def, ci))
		}
	case vec.KindI64:
		small := col.Type.Root == types.DecimalRoot && col.Type.Precision <= 9
		for i := lo; i < hi; i++ {
			if nulls != nil && nulls.Get(i) {
				vals = append(vals, null)
				st.nulls++
				continue
			}
			x := v.I64[i]
			if mm {
				st.int(x)
			}
			if small {
				vals = append(vals, parquet.Int32Value(int32(x)).Level(0, def, ci))
			} else {
				vals = append(vals, parquet.Int64Value(x).Level(0, def, ci))
			}
		}
	case vec.KindF64:
		for i := lo; i < hi; i++ {
			if nulls != nil && nulls.Get(i) {
				vals = append(vals, null)
				st.nulls++
				continue
			}
			if mm {
				st.float(v.F64[i])
			}
			vals = append(vals, parquet.DoubleValue(v.F64[i]).Level(0, def, ci))
		}
	case vec.KindF32:
		for i := lo; i < hi; i++ {
			if nulls != nil && nulls.Get(i) {
				vals = append(vals, null)
				st.nulls++
				continue
			}
			if mm {
				st.float(float64(v.F32[i]))
			}
			vals = append(vals, parquet.FloatValue(v.F32[i]).Level(0, def, ci))
		}
	case vec.KindBool:
		for i := lo; i < hi; i++ {
			if nulls != nil && nulls.Get(i) {
				vals = append(vals, null)
				st.nulls++
				continue
			}
			if mm {
				st.bool(v.Bools[i])
			}
			vals = append(vals, parquet.BooleanValue(v.Bools[i]).Level(0, def, ci))
		}
	case vec.KindDecimal:
		size := w.flbaSize[ci]
		if need := (hi - lo) * size; cap(w.scratch) < need {
			w.scratch = make([]byte, need)
		}
		buf := w.scratch[:(hi-lo)*size]
		for i := lo; i < hi; i++ {
			if nulls != nil && nulls.Get(i) {
				vals = append(vals, null)
				st.nulls++
				continue
			}
			d := v.Dec[i]
			if mm {
				st.decimal(d)
			}
			var full [16]byte
			binary.BigEndian.PutUint64(full[:8], uint64(d.Hi))
			binary.BigEndian.PutUint64(full[8:], d.Lo)
			dst := buf[(i-lo)*size : (i-lo+1)*size]
			copy(dst, full[16-size:])
			vals = append(vals, parquet.FixedLenByteArrayValue(dst).Level(0, def, ci))
		}
	case vec.KindTimestamp:
		p := col.Type.Precision
		for i := lo; i < hi; i++ {
			if nulls != nil && nulls.Get(i) {
				vals = append(vals, null)
				st.nulls++
				continue
			}
			ts := v.TS[i]
			if mm {
				st.timestamp(ts)
			}
			switch {
			case p <= 3:
				vals = append(vals, parquet.Int64Value(ts.Millis).Level(0, def, ci))
			case p <= 6:
				vals = append(vals, parquet.Int64Value(ts.Micros()).Level(0, def, ci))
			default:
				vals = append(vals, parquet.Int96Value(int96FromTimestamp(ts)).Level(0, def, ci))
			}
		}
	default:
		return fmt.Errorf("unsupported vector kind %d", v.Kind)
	}
	w.vals = vals[:0]
	_, err := w.cws[ci].WriteRowValues(vals)
	return err
}

// Close flushes the last row group, writes the footer and returns the file's
// row count, size and statistics. It does not close the underlying writer.
func (w *Writer) Close() (res Result, err error) {
	if w.closed {
		return Result{}, errors.New("datafile: writer already closed")
	}
	w.closed = true
	if w.err != nil {
		return Result{}, w.err
	}
	defer recoverAsError(&err, "closing parquet writer")
	if err := w.pw.Flush(); err != nil {
		return Result{}, fmt.Errorf("datafile: flushing row group: %w", err)
	}
	// Everything parquet-go writes from here on (page indexes, footer) is
	// small; capture it so that the footer can be patched.
	w.out.capture = true
	if err := w.pw.Close(); err != nil {
		return Result{}, fmt.Errorf("datafile: writing footer: %w", err)
	}
	if err := w.out.finishPatched(w.fixes); err != nil {
		return Result{}, fmt.Errorf("datafile: writing footer: %w", err)
	}
	if w.out.err != nil {
		return Result{}, fmt.Errorf("datafile: %w", w.out.err)
	}
	res = Result{RowCount: w.rows, FileSize: w.out.n, Stats: make([]ColumnStats, len(w.cols))}
	for i, c := range w.stats {
		res.Stats[i] = c.result()
	}
	return res, nil
}

// tailWriter counts the bytes written to w and, in capture mode, buffers them
// instead so that the footer can be rewritten before it reaches w.
type tailWriter struct {
	w       io.Writer
	n       int64
	capture bool
	tail    bytes.Buffer
	err     error
}

func (t *tailWriter) Write(p []byte) (int, error) {
	if t.err != nil {
		return 0, t.err
	}
	if t.capture {
		return t.tail.Write(p)
	}
	n, err := t.w.Write(p)
	t.n += int64(n)
	if err != nil {
		t.err = err
	}
	return n, err
}

// finishPatched rewrites the schema in the captured footer (see patchSchema)
// and writes the tail to w.
func (t *tailWriter) finishPatched(fixes []elementFix) error {
	t.capture = false
	b := t.tail.Bytes()
	if len(b) < 8 || string(b[len(b)-4:]) != "PAR1" {
		return errors.New("parquet writer produced no footer")
	}
	flen := int(binary.LittleEndian.Uint32(b[len(b)-8:]))
	if flen > len(b)-8 {
		return errors.New("parquet footer length out of range")
	}
	start := len(b) - 8 - flen
	meta, err := patchSchema(b[start:len(b)-8], fixes)
	if err != nil {
		return err
	}
	out := make([]byte, 0, start+len(meta)+8)
	out = append(out, b[:start]...)
	out = append(out, meta...)
	out = binary.LittleEndian.AppendUint32(out, uint32(len(meta)))
	out = append(out, "PAR1"...)
	_, err = t.Write(out)
	return err
}

// recoverAsError turns a panic inside parquet-go into an error.
func recoverAsError(err *error, what string) {
	if r := recover(); r != nil {
		*err = fmt.Errorf("datafile: %s: internal parquet error: %v", what, r)
	}
}
