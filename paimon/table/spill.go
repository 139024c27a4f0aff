package table

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/klauspost/compress/zstd"

	"github.com/weir-data/weir/fileio"
	"github.com/weir-data/weir/paimon/manifest"
	"github.com/weir-data/weir/paimon/merge"
	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// Spilling the write buffer (write-buffer-spillable), as Paimon's
// SortBufferWriteBuffer does: when a primary-key writer's buffer reaches
// write-buffer-size, each bucket's rows are sorted and merged as for a flush
// but written as a sorted run to a local temporary file (spillfile.go)
// instead of a level-0 data file. The next real flush (Prepare) merges every
// spilled run of the bucket with the rows still in memory, key by key with
// the table's merge function, into one sorted run of level-0 files rolled at
// target-file-size: fewer, larger level-0 files and less compaction. A bucket
// flushes early when it has local-sort.max-num-file-handles runs, and the
// writer flushes instead of spilling once its runs hold
// write-buffer-spill.max-disk-size bytes. Spill files live in one temporary
// directory per writer, removed by Close and, run by run, after each merge.
// spill-compression "none" stores blocks raw; any other value uses zstd.

// spillRun is one spilled sorted run of a bucket.
type spillRun struct {
	path  string
	bytes int64
}

// spillState is a writer's spilling configuration and scratch space.
type spillState struct {
	dir        string // created on first spill
	maxDisk    int64
	maxHandles int
	enc        *zstd.Encoder // nil: uncompressed
	dec        *zstd.Decoder
	compress   bool
	disk       int64 // bytes in live runs
	spilling   bool  // flush writes runs instead of data files
}

// spillEnabled resolves write-buffer-spillable as Java does: the option when
// set, otherwise spill for batch writes and for tables on object stores.
func (t *Table) spillEnabled(streaming bool) bool {
	if !t.HasPrimaryKey() {
		return false
	}
	if spill, set := t.opts.WriteBufferSpillable(); set {
		return spill
	}
	_, objectStore := t.fio.(*fileio.Blob)
	return objectStore || !streaming
}

func (t *Table) newSpillState() (*spillState, error) {
	return &spillState{maxDisk: t.opts.WriteBufferSpillMaxDiskSize(), maxHandles: max(t.opts.LocalSortMaxNumFileHandles(), 2),
		compress: t.opts.SpillCompression() != "none"}, nil
}

// codecs creates the zstd encoder and decoder on first use.
func (s *spillState) codecs() error {
	if s.dec != nil {
		return nil
	}
	if s.compress {
		enc, err := zstd.NewWriter(nil, zstd.WithEncoderLevel(zstd.SpeedFastest), zstd.WithEncoderConcurrency(1))
		if err != nil {
			return fmt.Errorf("spill compression: %w", err)
		}
		s.enc = enc
	}
	dec, err := zstd.NewReader(nil, zstd.WithDecoderConcurrency(1))
	if err != nil {
		return fmt.Errorf("spill compression: %w", err)
	}
	s.dec = dec
	return nil
}

// spillAll writes every bucket's buffer as a sorted run, or flushes when the
// spill disk budget is used up.
func (w *Writer) spillAll(ctx context.Context) error {
	s := w.spill
	if s.disk >= s.maxDisk {
		return w.flushAll(ctx)
	}
	s.spilling = true
	for _, k := range w.order {
		if err := w.flush(ctx, w.buckets[k]); err != nil {
			s.spilling = false
			return err
		}
	}
	s.spilling = false
	w.memory = 0
	for _, k := range w.order {
		if bw := w.buckets[k]; len(bw.runs) >= s.maxHandles {
			if err := w.flush(ctx, bw); err != nil {
				return err
			}
		}
	}
	return nil
}

// writeSpillRun writes sorted rows (as writeRowsFile takes them) to a new run of bw.
func (w *Writer) writeSpillRun(bw *bucketWriter, src *memRun) error {
	s := w.spill
	t := w.t
	if s.dir == "" {
		dir, err := os.MkdirTemp("", "weir-spill-")
		if err != nil {
			return fmt.Errorf("table %s: create spill directory: %w", t.name, err)
		}
		s.dir = dir
	}
	if err := s.codecs(); err != nil {
		return fmt.Errorf("table %s: %w", t.name, err)
	}
	f, err := os.CreateTemp(s.dir, "run-*.spill")
	if err != nil {
		return fmt.Errorf("table %s: create spill file: %w", t.name, err)
	}
	sw := newSpillWriter(f, s.enc)
	for {
		err := src.next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			f.Close()
			os.Remove(f.Name())
			return err
		}
		sw.writeBlock(src.piece, src.seqs, src.kinds)
	}
	err = sw.finish()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("table %s: write spill file %s: %w", t.name, f.Name(), err)
	}
	bw.runs = append(bw.runs, spillRun{path: f.Name(), bytes: sw.size})
	s.disk += sw.size
	return nil
}

// dropRuns deletes a bucket's spilled runs.
func (w *Writer) dropRuns(bw *bucketWriter) {
	for _, r := range bw.runs {
		os.Remove(r.path)
		w.spill.disk -= r.bytes
	}
	bw.runs = nil
}

// removeSpill deletes the writer's spill directory (Close).
func (w *Writer) removeSpill() {
	if w.spill == nil || w.spill.dir == "" {
		return
	}
	os.RemoveAll(w.spill.dir)
	w.spill.dir, w.spill.disk = "", 0
	if w.spill.dec != nil {
		w.spill.dec.Close()
		w.spill.dec, w.spill.enc = nil, nil
	}
	for _, bw := range w.buckets {
		bw.runs = nil
	}
}

// runSource is a sorted run read block by block: next loads the next block
// into piece, seqs and kinds (valid until the next call), io.EOF at the end.
type runSource interface {
	next() error
	block() (*vec.Batch, []int64, []types.RowKind)
}

// memRun serves the sorted rows of a buffer (as writeRowsFile takes them) in
// blocks of pieceRows rows.
type memRun struct {
	chunks         []*vec.Batch
	order          []int32
	chunkOf, local []int32
	seqOf          func(int32) int64
	kindOf         func(int32) types.RowKind

	piece     *vec.Batch
	seqs      []int64
	kinds     []types.RowKind
	srcs      []*vec.Vector
	from, row []int32
}

func newMemRun(colTypes []types.DataType, chunks []*vec.Batch, order, chunkOf, local []int32,
	seqOf func(int32) int64, kindOf func(int32) types.RowKind) (*memRun, error) {
	piece, err := vec.NewBatch(colTypes, pieceRows)
	if err != nil {
		return nil, err
	}
	return &memRun{chunks: chunks, order: order, chunkOf: chunkOf, local: local, seqOf: seqOf, kindOf: kindOf,
		piece: piece, srcs: make([]*vec.Vector, len(chunks))}, nil
}

func (m *memRun) next() error {
	if len(m.order) == 0 {
		return io.EOF
	}
	part := m.order[:min(pieceRows, len(m.order))]
	m.order = m.order[len(part):]
	m.piece.Reset()
	m.seqs, m.kinds, m.from, m.row = m.seqs[:0], m.kinds[:0], m.from[:0], m.row[:0]
	for _, g := range part {
		c, l := m.chunkOf[g], m.local[g]
		m.from, m.row = append(m.from, c), append(m.row, l)
		m.seqs = append(m.seqs, m.seqOf(g))
		if m.kindOf != nil {
			m.kinds = append(m.kinds, m.kindOf(g))
		} else {
			m.kinds = append(m.kinds, m.chunks[c].Kind(int(l)))
		}
	}
	for c := range m.piece.Cols {
		for i, ch := range m.chunks {
			m.srcs[i] = ch.Cols[c]
		}
		m.piece.Cols[c].AppendGather(m.srcs, m.from, m.row)
	}
	m.piece.Len = len(part)
	return nil
}

func (m *memRun) block() (*vec.Batch, []int64, []types.RowKind) { return m.piece, m.seqs, m.kinds }

func (sr *spillReader) block() (*vec.Batch, []int64, []types.RowKind) {
	return sr.batch, sr.seqs, sr.kinds
}

// mergeCursor is a run's position in a merge.
type mergeCursor struct {
	src  runSource
	b    *vec.Batch
	seqs []int64
	kind []types.RowKind
	keys []*vec.Vector
	row  int
	done bool
}

func (c *mergeCursor) advance(keyPos []int) error {
	c.row++
	for c.b == nil || c.row >= c.b.Len {
		if err := c.src.next(); err != nil {
			if errors.Is(err, io.EOF) {
				c.done = true
				return nil
			}
			return err
		}
		c.b, c.seqs, c.kind = c.src.block()
		for i, p := range keyPos {
			c.keys[i] = c.b.Cols[p]
		}
		c.row = 0
	}
	return nil
}

// mergeRuns merges a bucket's spilled runs (oldest first) and the rows still
// in memory (mem, nil when none) into level-0 data files, then drops the runs.
func (w *Writer) mergeRuns(ctx context.Context, bw *bucketWriter, mem *memRun) ([]manifest.DataFileMeta, error) {
	t := w.t
	defer w.dropRuns(bw)
	var cursors []*mergeCursor
	var readers []*spillReader
	defer func() {
		for _, r := range readers {
			r.close()
		}
	}()
	for _, r := range bw.runs {
		f, err := os.Open(r.path)
		if err != nil {
			return nil, fmt.Errorf("table %s: open spill file: %w", t.name, err)
		}
		sr, err := newSpillReader(r.path, f, f, w.colTypes, w.spill.dec)
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("table %s: %w", t.name, err)
		}
		readers = append(readers, sr)
		cursors = append(cursors, &mergeCursor{src: sr})
	}
	if mem != nil {
		cursors = append(cursors, &mergeCursor{src: mem})
	}
	for _, c := range cursors {
		c.keys = make([]*vec.Vector, len(t.keyPos))
		c.row = -1
		if err := c.advance(t.keyPos); err != nil {
			return nil, fmt.Errorf("table %s: %w", t.name, err)
		}
	}
	out, err := vec.NewBatch(w.colTypes, pieceRows)
	if err != nil {
		return nil, err
	}
	var seqs []int64
	var kinds []types.RowKind
	var files []manifest.DataFileMeta
	var fw *fileWriter
	target := t.opts.TargetFileSize(true)
	emit := func(final bool) error {
		if out.Len > 0 {
			if fw == nil {
				if fw, err = w.openFile(ctx, bw, t.opts.DataFilePrefix()); err != nil {
					return err
				}
			}
			if err := fw.write(out, seqs, kinds); err != nil {
				fw.abort()
				fw = nil
				return err
			}
			out.Reset()
			seqs, kinds = seqs[:0], kinds[:0]
		}
		if fw != nil && (final || fw.bytes >= target) {
			meta, err := fw.close()
			fw = nil
			if err != nil {
				return err
			}
			files = append(files, meta)
		}
		return nil
	}
	g := merge.Group{Batches: make([]*vec.Batch, len(cursors))}
	same := make([]int, 0, len(cursors))
	for {
		// The smallest key among the runs, and every run holding it.
		same = same[:0]
		for i, c := range cursors {
			if c.done {
				continue
			}
			if len(same) == 0 {
				same = append(same, i)
				continue
			}
			m := cursors[same[0]]
			switch cmp := vec.CompareRows(c.keys, c.row, m.keys, m.row); {
			case cmp < 0:
				same = append(same[:0], i)
			case cmp == 0:
				same = append(same, i)
			}
		}
		if len(same) == 0 {
			break
		}
		if w.lastWins || len(same) == 1 {
			// The newest run's row wins (runs are in sequence order).
			c := cursors[same[len(same)-1]]
			for col, v := range out.Cols {
				v.AppendFrom(c.b.Cols[col], c.row)
			}
			out.Len++
			seqs, kinds = append(seqs, c.seqs[c.row]), append(kinds, c.kind[c.row])
		} else {
			g.Reset()
			for _, i := range same {
				c := cursors[i]
				g.Batches[i] = c.b
				g.Add(int32(i), int32(c.row), c.kind[c.row], c.seqs[c.row])
			}
			if w.seqCmp != nil {
				merge.SortGroup(&g, w.seqCmp)
			}
			res, err := w.fn.Merge(&g, out)
			if err != nil {
				return nil, fmt.Errorf("table %s: merge spilled rows: %w", t.name, err)
			}
			if res.Emitted {
				seqs, kinds = append(seqs, res.Seq), append(kinds, res.Kind)
			}
		}
		for _, i := range same {
			if err := cursors[i].advance(t.keyPos); err != nil {
				if fw != nil {
					fw.abort()
				}
				return nil, fmt.Errorf("table %s: %w", t.name, err)
			}
		}
		if out.Len >= pieceRows {
			if err := emit(false); err != nil {
				return nil, err
			}
		}
	}
	if err := emit(true); err != nil {
		return nil, err
	}
	return files, nil
}
