// Package vecfile writes and reads batches to and from scratch files: the
// spill format of Weir's operators (external sort, spilling hash aggregation
// and join). A file lives only as long as the query that wrote it, so the
// format is Weir's own:
//
//	"WEIRVEC1"
//	block*: u32 compressed length (> 0), u32 CRC-32C of the compressed bytes,
//	        zstd(payload)
//	trailer: u32 0, u64 total rows
//
// A payload holds u32 rows, u8 has-kinds, the row kinds (one byte each when
// present), then per column its null bitmap (u32 words, then the words) and
// its values: fixed-width values little-endian, bytes as u32 offsets (rows+1)
// then the data. A reader checks every checksum and the trailer's row count,
// so truncation and corruption are errors, never silently short data.
package vecfile

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"math"

	"github.com/klauspost/compress/zstd"

	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

const magic = "WEIRVEC1"

// ErrCorrupt marks an unreadable file.
var ErrCorrupt = errors.New("corrupt spill file")

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

var (
	encoder, _ = zstd.NewWriter(nil, zstd.WithEncoderLevel(zstd.SpeedFastest), zstd.WithEncoderConcurrency(1))
	decoder, _ = zstd.NewReader(nil, zstd.WithDecoderConcurrency(1))
)

// Writer appends batches to a file.
type Writer struct {
	w    *bufio.Writer
	raw  []byte
	comp []byte
	rows uint64
	err  error
}

// NewWriter starts a file on w.
func NewWriter(w io.Writer) *Writer {
	bw := bufio.NewWriterSize(w, 256<<10)
	_, err := bw.WriteString(magic)
	return &Writer{w: bw, err: err}
}

// Write appends the rows of b (kinds included).
func (w *Writer) Write(b *vec.Batch) error {
	if w.err != nil || b.Len == 0 {
		return w.err
	}
	p := w.raw[:0]
	p = binary.LittleEndian.AppendUint32(p, uint32(b.Len))
	if b.Kinds != nil {
		p = append(p, 1)
		for _, k := range b.Kinds[:b.Len] {
			p = append(p, byte(k))
		}
	} else {
		p = append(p, 0)
	}
	for _, v := range b.Cols {
		p = appendColumn(p, v, b.Len)
	}
	w.raw = p
	w.comp = encoder.EncodeAll(p, w.comp[:0])
	var hdr [8]byte
	binary.LittleEndian.PutUint32(hdr[:4], uint32(len(w.comp)))
	binary.LittleEndian.PutUint32(hdr[4:], crc32.Checksum(w.comp, castagnoli))
	if _, err := w.w.Write(hdr[:]); err != nil {
		w.err = err
		return err
	}
	if _, err := w.w.Write(w.comp); err != nil {
		w.err = err
		return err
	}
	w.rows += uint64(b.Len)
	return nil
}

// Rows is the number of rows written.
func (w *Writer) Rows() uint64 { return w.rows }

// Close writes the trailer and flushes (it does not close the file).
func (w *Writer) Close() error {
	if w.err != nil {
		return w.err
	}
	var t [12]byte
	binary.LittleEndian.PutUint64(t[4:], w.rows)
	if _, err := w.w.Write(t[:]); err != nil {
		return err
	}
	return w.w.Flush()
}

func appendColumn(p []byte, v *vec.Vector, n int) []byte {
	words := (n + 63) / 64
	p = binary.LittleEndian.AppendUint32(p, uint32(words))
	for i := 0; i < words; i++ {
		var w uint64
		if i < len(v.Nulls) {
			w = v.Nulls[i]
		}
		if i == words-1 && n%64 != 0 {
			w &= 1<<(uint(n)%64) - 1
		}
		p = binary.LittleEndian.AppendUint64(p, w)
	}
	switch v.Kind {
	case vec.KindBool:
		for _, x := range v.Bools[:n] {
			if x {
				p = append(p, 1)
			} else {
				p = append(p, 0)
			}
		}
	case vec.KindI8:
		for _, x := range v.I8[:n] {
			p = append(p, byte(x))
		}
	case vec.KindI16:
		for _, x := range v.I16[:n] {
			p = binary.LittleEndian.AppendUint16(p, uint16(x))
		}
	case vec.KindI32:
		for _, x := range v.I32[:n] {
			p = binary.LittleEndian.AppendUint32(p, uint32(x))
		}
	case vec.KindI64:
		for _, x := range v.I64[:n] {
			p = binary.LittleEndian.AppendUint64(p, uint64(x))
		}
	case vec.KindF32:
		for _, x := range v.F32[:n] {
			p = binary.LittleEndian.AppendUint32(p, math.Float32bits(x))
		}
	case vec.KindF64:
		for _, x := range v.F64[:n] {
			p = binary.LittleEndian.AppendUint64(p, math.Float64bits(x))
		}
	case vec.KindDecimal:
		for _, x := range v.Dec[:n] {
			p = binary.LittleEndian.AppendUint64(p, uint64(x.Hi))
			p = binary.LittleEndian.AppendUint64(p, x.Lo)
		}
	case vec.KindTimestamp:
		for _, x := range v.TS[:n] {
			p = binary.LittleEndian.AppendUint64(p, uint64(x.Millis))
			p = binary.LittleEndian.AppendUint32(p, uint32(x.NanoOfMilli))
		}
	case vec.KindBytes:
		base := v.Offsets[0]
		for _, o := range v.Offsets[:n+1] {
			p = binary.LittleEndian.AppendUint32(p, uint32(o-base))
		}
		p = append(p, v.Data[base:v.Offsets[n]]...)
	}
	return p
}

// Reader reads a file's batches back.
type Reader struct {
	r     *bufio.Reader
	name  string
	ts    []types.DataType
	b     *vec.Batch
	comp  []byte
	raw   []byte
	rows  uint64
	done  bool
	fresh bool
}

// NewReader reads a file written with batches of types ts; name appears in
// errors.
func NewReader(r io.Reader, name string, ts []types.DataType) (*Reader, error) {
	b, err := vec.NewBatch(ts, 0)
	if err != nil {
		return nil, err
	}
	rd := &Reader{r: bufio.NewReaderSize(r, 256<<10), name: name, ts: ts, b: b}
	var m [8]byte
	if _, err := io.ReadFull(rd.r, m[:]); err != nil || string(m[:]) != magic {
		return nil, rd.corrupt("bad magic")
	}
	return rd, nil
}

func (r *Reader) corrupt(format string, args ...any) error {
	return fmt.Errorf("read spill file %s: %s: %w", r.name, fmt.Sprintf(format, args...), ErrCorrupt)
}

// Next returns the next batch (reused by the next call), or io.EOF.
func (r *Reader) Next() (*vec.Batch, error) {
	if r.done {
		return nil, io.EOF
	}
	var hdr [8]byte
	if _, err := io.ReadFull(r.r, hdr[:4]); err != nil {
		return nil, r.corrupt("truncated (%v)", err)
	}
	n := binary.LittleEndian.Uint32(hdr[:4])
	if n == 0 {
		var t [8]byte
		if _, err := io.ReadFull(r.r, t[:]); err != nil {
			return nil, r.corrupt("truncated trailer")
		}
		if got := binary.LittleEndian.Uint64(t[:]); got != r.rows {
			return nil, r.corrupt("trailer says %d rows, blocks hold %d", got, r.rows)
		}
		r.done = true
		return nil, io.EOF
	}
	if n > 1<<30 {
		return nil, r.corrupt("block of %d bytes", n)
	}
	if _, err := io.ReadFull(r.r, hdr[4:]); err != nil {
		return nil, r.corrupt("truncated block header")
	}
	if cap(r.comp) < int(n) {
		r.comp = make([]byte, n)
	}
	r.comp = r.comp[:n]
	if _, err := io.ReadFull(r.r, r.comp); err != nil {
		return nil, r.corrupt("truncated block")
	}
	if crc32.Checksum(r.comp, castagnoli) != binary.LittleEndian.Uint32(hdr[4:]) {
		return nil, r.corrupt("checksum mismatch")
	}
	raw, err := decoder.DecodeAll(r.comp, r.raw[:0])
	if err != nil {
		return nil, r.corrupt("decompress: %v", err)
	}
	r.raw = raw
	if err := r.decode(raw); err != nil {
		return nil, err
	}
	r.rows += uint64(r.b.Len)
	return r.b, nil
}

func (r *Reader) decode(p []byte) error {
	b := r.b
	b.Reset()
	b.Kinds = b.Kinds[:0]
	take := func(k int) ([]byte, bool) {
		if k < 0 || len(p) < k {
			return nil, false
		}
		s := p[:k]
		p = p[k:]
		return s, true
	}
	h, ok := take(5)
	if !ok {
		return r.corrupt("short block")
	}
	n := int(binary.LittleEndian.Uint32(h))
	if n > 1<<24 {
		return r.corrupt("block of %d rows", n)
	}
	if h[4] == 1 {
		ks, ok := take(n)
		if !ok {
			return r.corrupt("short row kinds")
		}
		for _, k := range ks {
			if k > byte(types.Delete) {
				return r.corrupt("row kind %d", k)
			}
			b.Kinds = append(b.Kinds, types.RowKind(k))
		}
	} else {
		b.Kinds = nil
	}
	for c, v := range b.Cols {
		wh, ok := take(4)
		if !ok {
			return r.corrupt("short column %d", c)
		}
		words := int(binary.LittleEndian.Uint32(wh))
		if words != (n+63)/64 {
			return r.corrupt("column %d: %d null words for %d rows", c, words, n)
		}
		nb, ok := take(8 * words)
		if !ok {
			return r.corrupt("short null bitmap")
		}
		v.Nulls = v.Nulls[:0]
		any := false
		for i := 0; i < words; i++ {
			w := binary.LittleEndian.Uint64(nb[8*i:])
			any = any || w != 0
			v.Nulls = append(v.Nulls, w)
		}
		if !any {
			v.Nulls = v.Nulls[:0]
		}
		width := fixedWidth(v.Kind)
		if v.Kind == vec.KindBytes {
			ob, ok := take(4 * (n + 1))
			if !ok {
				return r.corrupt("short offsets")
			}
			v.Offsets = v.Offsets[:0]
			prev := uint32(0)
			for i := 0; i <= n; i++ {
				o := binary.LittleEndian.Uint32(ob[4*i:])
				if o < prev || (i == 0 && o != 0) {
					return r.corrupt("column %d: offsets out of order", c)
				}
				prev = o
				v.Offsets = append(v.Offsets, int32(o))
			}
			d, ok := take(int(prev))
			if !ok {
				return r.corrupt("short string data")
			}
			v.Data = append(v.Data[:0], d...)
			v.Len = n
			continue
		}
		d, ok := take(width * n)
		if !ok {
			return r.corrupt("short values")
		}
		for i := 0; i < n; i++ {
			x := d[width*i:]
			switch v.Kind {
			case vec.KindBool:
				v.Bools = append(v.Bools, x[0] != 0)
			case vec.KindI8:
				v.I8 = append(v.I8, int8(x[0]))
			case vec.KindI16:
				v.I16 = append(v.I16, int16(binary.LittleEndian.Uint16(x)))
			case vec.KindI32:
				v.I32 = append(v.I32, int32(binary.LittleEndian.Uint32(x)))
			case vec.KindI64:
				v.I64 = append(v.I64, int64(binary.LittleEndian.Uint64(x)))
			case vec.KindF32:
				v.F32 = append(v.F32, math.Float32frombits(binary.LittleEndian.Uint32(x)))
			case vec.KindF64:
				v.F64 = append(v.F64, math.Float64frombits(binary.LittleEndian.Uint64(x)))
			case vec.KindDecimal:
				v.Dec = append(v.Dec, types.Decimal{Hi: int64(binary.LittleEndian.Uint64(x)), Lo: binary.LittleEndian.Uint64(x[8:])})
			case vec.KindTimestamp:
				v.TS = append(v.TS, types.Timestamp{Millis: int64(binary.LittleEndian.Uint64(x)), NanoOfMilli: int32(binary.LittleEndian.Uint32(x[8:]))})
			}
		}
		v.Len = n
	}
	if len(p) != 0 {
		return r.corrupt("%d stray bytes in a block", len(p))
	}
	b.Len = n
	return nil
}

// fixedWidth is the stored width of one value of a fixed-width kind.
func fixedWidth(k vec.Kind) int {
	switch k {
	case vec.KindBool, vec.KindI8:
		return 1
	case vec.KindI16:
		return 2
	case vec.KindI32, vec.KindF32:
		return 4
	case vec.KindI64, vec.KindF64:
		return 8
	case vec.KindDecimal:
		return 16
	case vec.KindTimestamp:
		return 12
	}
	return 0
}
