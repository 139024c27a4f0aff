package table

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"math"
	"os"

	"github.com/klauspost/compress/zstd"

	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// A spill file holds one sorted run of a bucket's write buffer on local disk
// (write-buffer-spillable): blocks of up to pieceRows rows, each with its
// sequence numbers and row kinds, in key order. It lives only while its
// writer does, so the format is Weir's own:
//
//	file    = magic "WSPILL01" block* trailer
//	block   = len u32 | crc32c(payload) u32 | codec u8 | payload[len]
//	trailer = 0xFFFFFFFF u32 | rows u64 | crc32c(rows bytes) u32
//	payload = (codec 1: zstd of) rows uvarint | seq int64×rows | kind u8×rows | column*
//	column  = hasNulls u8 | [null bitmap u64×⌈rows/64⌉] | values
//	values  = by vector kind: bool/i8 1 byte, i16 2, i32/f32 4, i64/f64 8,
//	          decimal 16 (hi, lo), timestamp 12 (millis, nano); bytes:
//	          offsets u32×(rows+1) from 0, then the data
//
// All integers are little-endian. A reader checks every block's checksum and
// the trailer's row count, so truncation and corruption are errors
// (errSpillCorrupt), never a silently short run.
const spillMagic = "WSPILL01"

const (
	spillCodecNone = 0
	spillCodecZstd = 1
	spillTrailer   = math.MaxUint32
	// spillMaxBlock bounds a block's stored size, so a corrupt length cannot
	// make the reader allocate without limit.
	spillMaxBlock = 1 << 30
)

var crcTable = crc32.MakeTable(crc32.Castagnoli)

// errSpillCorrupt marks an unreadable spill file.
var errSpillCorrupt = errors.New("corrupt spill file")

// spillWriter writes one spill file.
type spillWriter struct {
	f       *os.File
	w       *bufio.Writer
	enc     *zstd.Encoder // nil: uncompressed
	payload []byte
	stored  []byte
	rows    uint64
	size    int64 // bytes written so far
}

func newSpillWriter(f *os.File, enc *zstd.Encoder) *spillWriter {
	sw := &spillWriter{f: f, w: bufio.NewWriterSize(f, 256<<10), enc: enc}
	sw.write([]byte(spillMagic))
	return sw
}

func (sw *spillWriter) write(p []byte) {
	n, _ := sw.w.Write(p) // bufio keeps the first error for Flush
	sw.size += int64(n)
}

// writeBlock appends the rows of b (all of them) with their sequence numbers and kinds.
func (sw *spillWriter) writeBlock(b *vec.Batch, seqs []int64, kinds []types.RowKind) {
	p := appendBlockPayload(sw.payload[:0], b, seqs, kinds)
	sw.payload = p
	codec := byte(spillCodecNone)
	stored := p
	if sw.enc != nil {
		sw.stored = sw.enc.EncodeAll(p, sw.stored[:0])
		stored, codec = sw.stored, spillCodecZstd
	}
	var hdr [9]byte
	binary.LittleEndian.PutUint32(hdr[0:], uint32(len(stored)))
	binary.LittleEndian.PutUint32(hdr[4:], crc32.Checksum(stored, crcTable))
	hdr[8] = codec
	sw.write(hdr[:])
	sw.write(stored)
	sw.rows += uint64(b.Len)
}

// finish writes the trailer and syncs nothing (the file is scratch); it
// returns the first write error.
func (sw *spillWriter) finish() error {
	var t [16]byte
	binary.LittleEndian.PutUint32(t[0:], spillTrailer)
	binary.LittleEndian.PutUint64(t[4:], sw.rows)
	binary.LittleEndian.PutUint32(t[12:], crc32.Checksum(t[4:12], crcTable))
	sw.write(t[:])
	return sw.w.Flush()
}

// appendBlockPayload appends the uncompressed payload of a block.
func appendBlockPayload(p []byte, b *vec.Batch, seqs []int64, kinds []types.RowKind) []byte {
	p = binary.AppendUvarint(p, uint64(b.Len))
	for _, s := range seqs {
		p = binary.LittleEndian.AppendUint64(p, uint64(s))
	}
	for _, k := range kinds {
		p = append(p, byte(k))
	}
	for _, c := range b.Cols {
		p = appendSpillColumn(p, c, b.Len)
	}
	return p
}

func appendSpillColumn(p []byte, v *vec.Vector, n int) []byte {
	if v.Nulls.Any() {
		p = append(p, 1)
		for w := 0; w < (n+63)/64; w++ {
			var word uint64
			if w < len(v.Nulls) {
				word = v.Nulls[w]
			}
			if rest := n - 64*w; rest < 64 {
				word &= 1<<uint(rest) - 1
			}
			p = binary.LittleEndian.AppendUint64(p, word)
		}
	} else {
		p = append(p, 0)
	}
	le := binary.LittleEndian
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
			p = le.AppendUint16(p, uint16(x))
		}
	case vec.KindI32:
		for _, x := range v.I32[:n] {
			p = le.AppendUint32(p, uint32(x))
		}
	case vec.KindI64:
		for _, x := range v.I64[:n] {
			p = le.AppendUint64(p, uint64(x))
		}
	case vec.KindF32:
		for _, x := range v.F32[:n] {
			p = le.AppendUint32(p, math.Float32bits(x))
		}
	case vec.KindF64:
		for _, x := range v.F64[:n] {
			p = le.AppendUint64(p, math.Float64bits(x))
		}
	case vec.KindDecimal:
		for _, x := range v.Dec[:n] {
			p = le.AppendUint64(le.AppendUint64(p, uint64(x.Hi)), x.Lo)
		}
	case vec.KindTimestamp:
		for _, x := range v.TS[:n] {
			p = le.AppendUint32(le.AppendUint64(p, uint64(x.Millis)), uint32(x.NanoOfMilli))
		}
	case vec.KindBytes:
		base := v.Offsets[0]
		for _, o := range v.Offsets[:n+1] {
			p = le.AppendUint32(p, uint32(o-base))
		}
		p = append(p, v.Data[base:v.Offsets[n]]...)
	}
	return p
}

// spillReader reads a spill file block by block into a reused batch.
type spillReader struct {
	path   string
	r      *bufio.Reader
	closer io.Closer
	dec    *zstd.Decoder
	stored []byte
	plain  []byte
	rows   uint64 // rows read so far

	// The current block (valid until the next call to next).
	batch *vec.Batch
	seqs  []int64
	kinds []types.RowKind
}

func newSpillReader(path string, r io.Reader, closer io.Closer, colTypes []types.DataType, dec *zstd.Decoder) (*spillReader, error) {
	b, err := vec.NewBatch(colTypes, pieceRows)
	if err != nil {
		return nil, err
	}
	sr := &spillReader{path: path, r: bufio.NewReaderSize(r, 256<<10), closer: closer, dec: dec, batch: b}
	var magic [len(spillMagic)]byte
	if _, err := io.ReadFull(sr.r, magic[:]); err != nil || string(magic[:]) != spillMagic {
		return nil, sr.corrupt("bad magic")
	}
	return sr, nil
}

func (sr *spillReader) corrupt(format string, args ...any) error {
	return fmt.Errorf("spill file %s: %w: %s", sr.path, errSpillCorrupt, fmt.Sprintf(format, args...))
}

// next reads the next block; it returns io.EOF after the trailer.
func (sr *spillReader) next() error {
	var hdr [9]byte
	if _, err := io.ReadFull(sr.r, hdr[:4]); err != nil {
		return sr.corrupt("truncated before the trailer (%v)", err)
	}
	n := binary.LittleEndian.Uint32(hdr[0:])
	if n == spillTrailer {
		var t [12]byte
		if _, err := io.ReadFull(sr.r, t[:]); err != nil {
			return sr.corrupt("truncated trailer")
		}
		if crc32.Checksum(t[:8], crcTable) != binary.LittleEndian.Uint32(t[8:]) {
			return sr.corrupt("trailer checksum mismatch")
		}
		if rows := binary.LittleEndian.Uint64(t[:8]); rows != sr.rows {
			return sr.corrupt("trailer says %d rows, blocks hold %d", rows, sr.rows)
		}
		return io.EOF
	}
	if n > spillMaxBlock {
		return sr.corrupt("block of %d bytes", n)
	}
	if _, err := io.ReadFull(sr.r, hdr[4:]); err != nil {
		return sr.corrupt("truncated block header")
	}
	if cap(sr.stored) < int(n) {
		sr.stored = make([]byte, n)
	}
	sr.stored = sr.stored[:n]
	if _, err := io.ReadFull(sr.r, sr.stored); err != nil {
		return sr.corrupt("truncated block")
	}
	if crc32.Checksum(sr.stored, crcTable) != binary.LittleEndian.Uint32(hdr[4:]) {
		return sr.corrupt("block checksum mismatch")
	}
	p := sr.stored
	switch hdr[8] {
	case spillCodecNone:
	case spillCodecZstd:
		if sr.dec == nil {
			return sr.corrupt("zstd block without a decoder")
		}
		var err error
		if sr.plain, err = sr.dec.DecodeAll(p, sr.plain[:0]); err != nil {
			return sr.corrupt("zstd: %v", err)
		}
		p = sr.plain
	default:
		return sr.corrupt("unknown codec %d", hdr[8])
	}
	rows, err := decodeSpillBlock(p, sr.batch, &sr.seqs, &sr.kinds)
	if err != nil {
		return sr.corrupt("%v", err)
	}
	sr.rows += uint64(rows)
	return nil
}

func (sr *spillReader) close() error {
	if sr.closer == nil {
		return nil
	}
	return sr.closer.Close()
}

// decodeSpillBlock decodes a block payload into b (reset first), seqs and kinds.
func decodeSpillBlock(p []byte, b *vec.Batch, seqs *[]int64, kinds *[]types.RowKind) (int, error) {
	b.Reset()
	n64, k := binary.Uvarint(p)
	if k <= 0 || n64 > pieceRows*16 {
		return 0, fmt.Errorf("bad row count")
	}
	n := int(n64)
	p = p[k:]
	need := func(m int) error {
		if m < 0 || len(p) < m {
			return fmt.Errorf("block ends early")
		}
		return nil
	}
	le := binary.LittleEndian
	if err := need(9 * n); err != nil {
		return 0, err
	}
	*seqs, *kinds = (*seqs)[:0], (*kinds)[:0]
	for i := 0; i < n; i++ {
		*seqs = append(*seqs, int64(le.Uint64(p[8*i:])))
	}
	p = p[8*n:]
	for i := 0; i < n; i++ {
		kd := types.RowKind(p[i])
		if kd > types.Delete {
			return 0, fmt.Errorf("bad row kind %d", p[i])
		}
		*kinds = append(*kinds, kd)
	}
	p = p[n:]
	for ci, v := range b.Cols {
		if err := need(1); err != nil {
			return 0, err
		}
		hasNulls := p[0]
		p = p[1:]
		if hasNulls > 1 {
			return 0, fmt.Errorf("column %d: bad null flag", ci)
		}
		if hasNulls == 1 {
			words := (n + 63) / 64
			if err := need(8 * words); err != nil {
				return 0, err
			}
			for w := 0; w < words; w++ {
				v.Nulls = append(v.Nulls, le.Uint64(p[8*w:]))
			}
			p = p[8*words:]
		}
		width := spillWidth(v.Kind)
		if v.Kind == vec.KindBytes {
			if err := need(4 * (n + 1)); err != nil {
				return 0, err
			}
			offs := p[:4*(n+1)]
			p = p[4*(n+1):]
			end := le.Uint32(offs[4*n:])
			if le.Uint32(offs) != 0 || int64(end) > int64(len(p)) {
				return 0, fmt.Errorf("column %d: bad offsets", ci)
			}
			prev := uint32(0)
			v.Offsets = v.Offsets[:0]
			for i := 0; i <= n; i++ {
				o := le.Uint32(offs[4*i:])
				if o < prev || o > end {
					return 0, fmt.Errorf("column %d: offsets out of order", ci)
				}
				prev = o
				v.Offsets = append(v.Offsets, int32(o))
			}
			v.Data = append(v.Data[:0], p[:end]...)
			p = p[end:]
			v.Len = n
			continue
		}
		if err := need(width * n); err != nil {
			return 0, err
		}
		for i := 0; i < n; i++ {
			q := p[width*i:]
			switch v.Kind {
			case vec.KindBool:
				v.Bools = append(v.Bools, q[0] != 0)
			case vec.KindI8:
				v.I8 = append(v.I8, int8(q[0]))
			case vec.KindI16:
				v.I16 = append(v.I16, int16(le.Uint16(q)))
			case vec.KindI32:
				v.I32 = append(v.I32, int32(le.Uint32(q)))
			case vec.KindI64:
				v.I64 = append(v.I64, int64(le.Uint64(q)))
			case vec.KindF32:
				v.F32 = append(v.F32, math.Float32frombits(le.Uint32(q)))
			case vec.KindF64:
				v.F64 = append(v.F64, math.Float64frombits(le.Uint64(q)))
			case vec.KindDecimal:
				v.Dec = append(v.Dec, types.Decimal{Hi: int64(le.Uint64(q)), Lo: le.Uint64(q[8:])})
			case vec.KindTimestamp:
				v.TS = append(v.TS, types.Timestamp{Millis: int64(le.Uint64(q)), NanoOfMilli: int32(le.Uint32(q[8:]))})
			}
		}
		p = p[width*n:]
		v.Len = n
	}
	if len(p) != 0 {
		return 0, fmt.Errorf("%d trailing bytes", len(p))
	}
	b.Kinds = append(b.Kinds[:0], (*kinds)...)
	b.Len = n
	return n, nil
}

// spillWidth is the stored width of one value of a fixed-width vector kind.
func spillWidth(k vec.Kind) int {
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
