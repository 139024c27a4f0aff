package filesystem

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/google/uuid"

	"github.com/weir-data/weir/connector"
	"github.com/weir-data/weir/fileio"
	"github.com/weir-data/weir/paimon/datafile"
	"github.com/weir-data/weir/paimon/partition"
	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// Sink writes a filesystem table: new part files named
// part-<uuid>-<n>.<csv|json|parquet> in the table directory, or in its
// partition directories k1=v1/k2=v2/. A file is closed and the next begun
// once it reaches sink.rolling-policy.file-size (Parquet: once the row
// groups written reach it). Files are invisible until Commit: on local disk
// they are hidden temporary files renamed into place at Commit, on object
// stores uploads completed at Commit. Commit of an INSERT OVERWRITE then
// deletes the files that were in the overwritten directories before.
type Sink struct {
	cfg  *config
	t    connector.TableInfo
	req  connector.SinkRequest
	lay  layout
	loc  *location
	id   string
	seq  int
	ext  string
	open map[string]*partWriter // by partition key (unescaped values joined by 0)

	pending []fileio.Writer // finished files, published at Commit
	written map[string]bool // directories written since the last Commit
	key     []byte
	val     []byte
	closed  bool
}

// partWriter writes the rows of one partition directory.
type partWriter struct {
	dir   string
	stage *vec.Batch // rows of the current batch, data columns only
	rows  []int32
	file  *partFile
}

type partFile struct {
	w   fileio.Writer
	cw  *countingWriter
	bw  *bufio.Writer
	enc interface {
		write(b *vec.Batch, lo, hi int) error
	}
	pq *datafile.Writer
	// rows is the number of rows encoded (text formats).
	rows int64
}

func (f *partFile) size() int64 {
	n := f.cw.n
	if f.bw != nil {
		n += int64(f.bw.Buffered())
	}
	return n
}

// chunkRows is how many rows to encode before checking the size again:
// a few at first, then the rows that should fill the file at the
// average row size seen so far.
func (s *Sink) chunkRows(f *partFile) int {
	if f.rows == 0 {
		return 16 // a first sample of the row size
	}
	avg := max(f.size()/f.rows, 1)
	return int(min(max((s.cfg.rollSize-f.size())/avg, 1), rollCheckRows))
}

type countingWriter struct {
	w fileio.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

func newSink(ctx context.Context, cfg *config, t connector.TableInfo, req connector.SinkRequest) (*Sink, error) {
	for k := range req.StaticPartition {
		if !slices.Contains(t.PartitionKeys, k) {
			return nil, fmt.Errorf("filesystem table %s: static partition column %s is not a partition key (keys: %v)", t.Name, k, t.PartitionKeys)
		}
	}
	loc, err := resolve(ctx, t.Name, cfg.path)
	if err != nil {
		return nil, err
	}
	if loc.file != "" {
		loc.close()
		return nil, fmt.Errorf("filesystem table %s: path %s is a file; to write, point 'path' at a directory", t.Name, cfg.path)
	}
	return &Sink{cfg: cfg, t: t, req: req, lay: newLayout(t), loc: loc, id: uuid.NewString(), ext: cfg.format,
		open: map[string]*partWriter{}, written: map[string]bool{}}, nil
}

// Write routes b's rows to their partitions and encodes them. Only inserts
// are accepted: files hold no row kinds.
func (s *Sink) Write(ctx context.Context, b *vec.Batch) error {
	if s.closed {
		return fmt.Errorf("filesystem table %s: write after close", s.t.Name)
	}
	if len(b.Cols) != len(s.t.Columns) {
		return fmt.Errorf("filesystem table %s: batch has %d columns, the table %d", s.t.Name, len(b.Cols), len(s.t.Columns))
	}
	for i := 0; i < b.Len && b.Kinds != nil; i++ {
		if k := b.Kinds[i]; k != types.Insert {
			return fmt.Errorf("filesystem table %s accepts only inserts, but the query produces %s rows: write its result to a table with a primary key instead", s.t.Name, k)
		}
	}
	for _, pw := range s.open {
		pw.rows = pw.rows[:0]
	}
	var last *partWriter
	for i := 0; i < b.Len; i++ {
		s.key = s.key[:0]
		for _, c := range s.lay.partCols {
			s.key = s.partValue(s.key, b.Cols[c], i)
			s.key = append(s.key, 0)
		}
		pw := last
		if pw == nil || len(s.lay.partCols) > 0 {
			pw = s.open[string(s.key)]
			if pw == nil {
				var err error
				if pw, err = s.newPartWriter(b, i); err != nil {
					return err
				}
				s.open[string(s.key)] = pw
			}
		}
		last = pw
		pw.rows = append(pw.rows, int32(i))
	}
	for _, pw := range s.open {
		if len(pw.rows) == 0 {
			continue
		}
		pw.stage.Reset()
		for j, c := range s.lay.dataCols {
			pw.stage.Cols[j].AppendRows(b.Cols[c], pw.rows)
		}
		pw.stage.Len = len(pw.rows)
		if err := s.writePart(ctx, pw); err != nil {
			return err
		}
	}
	return nil
}

// partValue appends the directory value of row i of v: its text, or the
// default partition name for NULL and blank values.
func (s *Sink) partValue(dst []byte, v *vec.Vector, i int) []byte {
	if v.IsNull(i) {
		return append(dst, s.cfg.defaultName...)
	}
	start := len(dst)
	dst = appendText(dst, v, i, ' ', false)
	if strings.TrimSpace(string(dst[start:])) == "" {
		return append(dst[:start], s.cfg.defaultName...)
	}
	return dst
}

func (s *Sink) newPartWriter(b *vec.Batch, row int) (*partWriter, error) {
	var kvs []partition.KV
	for k, c := range s.lay.partCols {
		s.val = s.partValue(s.val[:0], b.Cols[c], row)
		kvs = append(kvs, partition.KV{Key: s.t.PartitionKeys[k], Value: string(s.val)})
	}
	dir := s.loc.dir
	if len(kvs) > 0 {
		p, err := partition.Path(kvs)
		if err != nil {
			return nil, fmt.Errorf("filesystem table %s: %w", s.t.Name, err)
		}
		dir = join(dir, p)
	}
	ts := make([]types.DataType, len(s.lay.dataCols))
	for j, c := range s.lay.dataCols {
		ts[j] = s.t.Columns[c].Type
	}
	stage, err := vec.NewBatch(ts, 0)
	if err != nil {
		return nil, fmt.Errorf("filesystem table %s: %w", s.t.Name, err)
	}
	return &partWriter{dir: dir, stage: stage}, nil
}

// rollCheckRows is the most rows of a text format encoded between checks
// of the rolling size.
const rollCheckRows = 1024

func (s *Sink) writePart(ctx context.Context, pw *partWriter) error {
	for lo := 0; lo < pw.stage.Len; {
		if pw.file == nil {
			f, err := s.newFile(ctx, pw.dir)
			if err != nil {
				return err
			}
			pw.file = f
			s.written[pw.dir] = true
		}
		var err error
		hi := pw.stage.Len
		if pw.file.pq != nil {
			err = pw.file.pq.Write(pw.stage)
		} else {
			hi = min(lo+s.chunkRows(pw.file), pw.stage.Len)
			err = pw.file.enc.write(pw.stage, lo, hi)
			pw.file.rows += int64(hi - lo)
		}
		if err != nil {
			return fmt.Errorf("filesystem table %s: writing %s: %w", s.t.Name, pw.dir, err)
		}
		lo = hi
		if pw.file.size() >= s.cfg.rollSize {
			if err := s.finish(pw); err != nil {
				return err
			}
		}
	}
	return nil
}

func (s *Sink) newFile(ctx context.Context, dir string) (*partFile, error) {
	s.seq++
	name := join(dir, fmt.Sprintf("part-%s-%d.%s", s.id, s.seq, s.ext))
	w, err := s.loc.fio.Create(ctx, name)
	if err != nil {
		return nil, fmt.Errorf("filesystem table %s: %w", s.t.Name, err)
	}
	f := &partFile{w: w, cw: &countingWriter{w: w}}
	names := make([]string, len(s.lay.dataCols))
	cols := make([]datafile.Column, len(s.lay.dataCols))
	for j, c := range s.lay.dataCols {
		col := s.t.Columns[c]
		names[j] = col.Name
		cols[j] = datafile.Column{ID: j, Name: col.Name, Type: col.Type}
	}
	switch s.cfg.format {
	case formatCSV:
		f.bw = bufio.NewWriterSize(f.cw, 64<<10)
		f.enc = &csvEncoder{w: f.bw, opt: &s.cfg.csv}
	case formatJSON:
		f.bw = bufio.NewWriterSize(f.cw, 64<<10)
		f.enc = newJSONEncoder(f.bw, &s.cfg.json, names)
	case formatParquet:
		rg := min(s.cfg.rollSize, datafile.DefaultRowGroupSize)
		f.pq, err = datafile.NewWriter(f.cw, cols, datafile.WriterOptions{RowGroupSize: rg})
		if err != nil {
			w.Abort()
			return nil, fmt.Errorf("filesystem table %s: %w", s.t.Name, err)
		}
	}
	return f, nil
}

// finish ends pw's current file; it is published at the next Commit.
func (s *Sink) finish(pw *partWriter) error {
	f := pw.file
	if f == nil {
		return nil
	}
	pw.file = nil
	var err error
	if f.pq != nil {
		_, err = f.pq.Close()
	} else {
		err = f.bw.Flush()
	}
	if err != nil {
		f.w.Abort()
		return fmt.Errorf("filesystem table %s: finishing a file in %s: %w", s.t.Name, pw.dir, err)
	}
	s.pending = append(s.pending, f.w)
	return nil
}

// Commit publishes every file written since the last Commit; for INSERT
// OVERWRITE it then deletes the files the overwritten directories held
// before (the table directory, or each partition written, or the static
// partition even when no row was written to it).
func (s *Sink) Commit(ctx context.Context) error {
	if s.closed {
		return fmt.Errorf("filesystem table %s: commit after close", s.t.Name)
	}
	for _, pw := range s.open {
		if err := s.finish(pw); err != nil {
			return err
		}
	}
	var old []string
	if s.req.Overwrite {
		dirs := s.overwritten()
		for _, d := range dirs {
			infos, err := s.loc.fio.List(ctx, d)
			if err != nil {
				return fmt.Errorf("filesystem table %s: listing %s for overwrite: %w", s.t.Name, d, err)
			}
			for _, fi := range infos {
				if !fi.IsDir && !hidden(fi.Name) {
					old = append(old, join(d, fi.Name))
				}
			}
		}
	}
	pending := s.pending
	s.pending = nil
	for i, w := range pending {
		if err := w.Close(); err != nil {
			for _, rest := range pending[i+1:] {
				rest.Abort()
			}
			return fmt.Errorf("filesystem table %s: publishing a written file: %w", s.t.Name, err)
		}
	}
	var errs []error
	for _, p := range old {
		if err := s.loc.fio.Delete(ctx, p); err != nil {
			errs = append(errs, fmt.Errorf("filesystem table %s: overwrite: deleting %s: %w", s.t.Name, p, err))
		}
	}
	clear(s.written)
	return errors.Join(errs...)
}

// overwritten returns the directories an INSERT OVERWRITE replaces.
func (s *Sink) overwritten() []string {
	if len(s.t.PartitionKeys) == 0 {
		return []string{s.loc.dir}
	}
	dirs := make([]string, 0, len(s.written)+1)
	for d := range s.written {
		dirs = append(dirs, d)
	}
	if len(s.req.StaticPartition) == len(s.t.PartitionKeys) {
		kvs := make([]partition.KV, len(s.t.PartitionKeys))
		for k, name := range s.t.PartitionKeys {
			v := s.req.StaticPartition[name]
			if strings.TrimSpace(v) == "" {
				v = s.cfg.defaultName
			}
			kvs[k] = partition.KV{Key: name, Value: v}
		}
		if p, err := partition.Path(kvs); err == nil && !s.written[join(s.loc.dir, p)] {
			dirs = append(dirs, join(s.loc.dir, p))
		}
	}
	return dirs
}

// Close discards files not yet committed and releases the FileIO.
func (s *Sink) Close() error {
	if s.closed {
		return nil
	}
	s.closed = true
	var errs []error
	for _, pw := range s.open {
		if pw.file != nil {
			errs = append(errs, pw.file.w.Abort())
			pw.file = nil
		}
	}
	for _, w := range s.pending {
		errs = append(errs, w.Abort())
	}
	s.pending = nil
	errs = append(errs, s.loc.close())
	return errors.Join(errs...)
}
