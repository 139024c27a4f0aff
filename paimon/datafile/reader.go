package datafile

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"

	"github.com/parquet-go/parquet-go"

	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// DefaultBatchSize is the default number of rows per batch a BatchIter yields.
const DefaultBatchSize = 4096

// Reader reads one Parquet data file.
type Reader struct {
	f      *parquet.File
	cols   []Column
	leaf   []int // leaf column index of each top-level column, -1 for groups
	hasIDs bool
}

// Open opens the Parquet file in f (size bytes). It reads and checks only the
// footer; data pages are read by the iterators Read returns.
func Open(f io.ReaderAt, size int64) (r *Reader, err error) {
	defer recoverAsError(&err, "opening parquet file")
	if size < 12 {
		return nil, fmt.Errorf("datafile: not a parquet file or truncated: %d bytes", size)
	}
	var head [4]byte
	var tail [8]byte // footer length (little-endian uint32) + "PAR1"
	if _, err := f.ReadAt(head[:], 0); err != nil {
		return nil, fmt.Errorf("datafile: reading parquet header: %w", err)
	}
	if string(head[:]) != "PAR1" {
		return nil, errors.New("datafile: not a parquet file: missing PAR1 header magic")
	}
	if _, err := f.ReadAt(tail[:], size-8); err != nil {
		return nil, fmt.Errorf("datafile: reading parquet footer: %w", err)
	}
	if string(tail[4:]) != "PAR1" {
		return nil, errors.New("datafile: truncated parquet file: missing PAR1 footer magic")
	}
	// Check the footer length before parquet-go allocates a buffer of that size.
	if n := int64(binary.LittleEndian.Uint32(tail[:4])); n > size-12 {
		return nil, fmt.Errorf("datafile: corrupt parquet file: footer length %d exceeds the %d-byte file", n, size)
	}
	pf, err := parquet.OpenFile(f, size, parquet.SkipPageIndex(true), parquet.SkipBloomFilters(true))
	if err != nil {
		return nil, fmt.Errorf("datafile: invalid or truncated parquet footer: %w", err)
	}
	r = &Reader{f: pf}
	fields := pf.Schema().Fields()
	r.cols = make([]Column, len(fields))
	r.leaf = make([]int, len(fields))
	leaf := 0
	for i, fl := range fields {
		r.cols[i] = Column{ID: fl.ID(), Name: fl.Name(), Type: typeOfNode(fl)}
		if fl.ID() != 0 {
			r.hasIDs = true
		}
		if fl.Leaf() && !fl.Repeated() {
			r.leaf[i] = leaf
		} else {
			r.leaf[i] = -1
		}
		leaf += countLeaves(fl)
	}
	return r, nil
}

func countLeaves(n parquet.Node) int {
	if n.Leaf() {
		return 1
	}
	c := 0
	for _, f := range n.Fields() {
		c += countLeaves(f)
	}
	return c
}

// Columns describes the file's top-level columns: names, field ids (0 when
// the file has none, as 0.9-written files) and the Paimon types derivable
// from the Parquet annotations (e.g. BYTE_ARRAY reads as BYTES, CHAR(n) as
// STRING, INT96 as TIMESTAMP(9)).
func (r *Reader) Columns() []Column { return r.cols }

// HasFieldIDs reports whether the file's columns carry field ids.
func (r *Reader) HasFieldIDs() bool { return r.hasIDs }

// NumRows returns the number of rows in the file.
func (r *Reader) NumRows() int64 { return r.f.NumRows() }

// ReadOptions configure Read.
type ReadOptions struct {
	// BatchSize is the maximum number of rows per batch; 0 means DefaultBatchSize.
	BatchSize int
}

// Read returns an iterator over the file's rows as batches whose columns are
// want, in order. Columns are matched by field id, or by name when the file
// has no field ids. A wanted column absent from the file reads as all nulls
// (even when its type is NOT NULL: schema evolution is the caller's concern).
// A file column whose type differs from the wanted type is converted by
// numeric widening (TINYINT→SMALLINT→INT→BIGINT, FLOAT→DOUBLE, integers→DOUBLE,
// DECIMAL to a larger precision of the same scale, any TIMESTAMP precision);
// other differences are errors naming the column.
func (r *Reader) Read(want []Column, opts ReadOptions) (*BatchIter, error) {
	n := opts.BatchSize
	if n <= 0 {
		n = DefaultBatchSize
	}
	it := &BatchIter{r: r, batchSize: n, cols: make([]*colReader, len(want)), rowGroup: -1}
	ts := make([]types.DataType, len(want))
	for i, w := range want {
		ts[i] = w.Type
		cr, err := r.newColReader(w)
		if err != nil {
			return nil, err
		}
		it.cols[i] = cr
	}
	b, err := vec.NewBatch(ts, n)
	if err != nil {
		return nil, fmt.Errorf("datafile: %w", err)
	}
	it.batch = b
	it.types = ts
	return it, nil
}

// NewBatch returns an empty batch shaped for NextInto.
func (it *BatchIter) NewBatch() *vec.Batch {
	b, _ := vec.NewBatch(it.types, it.batchSize) // types were validated by Read
	return b
}

// NextInto is Next decoding into b (made by NewBatch, or returned by an
// earlier NextInto), which the caller owns: it is never reused by the
// iterator. Callers that keep batches (a merge) recycle them this way
// instead of copying.
func (it *BatchIter) NextInto(b *vec.Batch) (*vec.Batch, error) {
	keep := it.batch
	it.batch = b
	out, err := it.Next()
	it.batch = keep
	return out, err
}

// find returns the index of the file column matching w, or -1.
func (r *Reader) find(w Column) int {
	for i, c := range r.cols {
		if r.hasIDs && c.ID == w.ID || !r.hasIDs && c.Name == w.Name {
			return i
		}
	}
	return -1
}

// BatchIter yields the rows of a file in batches.
type BatchIter struct {
	r         *Reader
	batchSize int
	cols      []*colReader
	batch     *vec.Batch
	types     []types.DataType

	rowGroup int   // index of the current row group
	rgRemain int64 // rows left in the current row group
	done     bool
	err      error
}

// Next returns the next batch of at most the configured batch size, or
// (nil, io.EOF) after the last one. The batch and its vectors are reused: they
// are valid until the next call to Next.
func (it *BatchIter) Next() (b *vec.Batch, err error) {
	if it.err != nil {
		return nil, it.err
	}
	if it.done {
		return nil, io.EOF
	}
	defer recoverAsError(&err, "reading parquet pages")
	defer func() {
		if err != nil && err != io.EOF {
			it.err = err
			it.Close()
		}
	}()
	b = it.batch
	b.Reset()
	rgs := it.r.f.RowGroups()
	for b.Len < it.batchSize {
		if it.rgRemain == 0 {
			it.rowGroup++
			if it.rowGroup >= len(rgs) {
				break
			}
			rg := rgs[it.rowGroup]
			it.rgRemain = rg.NumRows()
			for _, c := range it.cols {
				if err := c.startRowGroup(rg); err != nil {
					return nil, err
				}
			}
			continue
		}
		k := int(min(int64(it.batchSize-b.Len), it.rgRemain))
		for i, c := range it.cols {
			if err := c.read(b.Cols[i], k); err != nil {
				return nil, fmt.Errorf("datafile: row group %d: column %q: %w", it.rowGroup, c.want.Name, err)
			}
		}
		b.Len += k
		it.rgRemain -= int64(k)
	}
	if b.Len == 0 {
		it.done = true
		it.Close()
		return nil, io.EOF
	}
	return b, nil
}

// Close releases the page readers. Calling it is optional after Next returned
// io.EOF or an error.
func (it *BatchIter) Close() error {
	for _, c := range it.cols {
		c.close()
	}
	return nil
}
