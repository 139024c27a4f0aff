package filesystem

import (
	"context"
	"fmt"
	"io"

	"github.com/weir-data/weir/connector"
	"github.com/weir-data/weir/engine/batch"
	"github.com/weir-data/weir/fileio"
	"github.com/weir-data/weir/paimon/datafile"
	"github.com/weir-data/weir/paimon/partition"
	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// layout maps a table's columns to its files: partition columns live in
// directory names, the others (data columns, in table order) in the files.
type layout struct {
	dataCols []int // table column of each file column
	partCols []int // table column of each partition key, in key order
	isPart   []int // per table column: partition key index, or -1
	fileCol  []int // per table column: file column index, or -1
}

func newLayout(t connector.TableInfo) layout {
	l := layout{isPart: make([]int, len(t.Columns)), fileCol: make([]int, len(t.Columns))}
	for i := range t.Columns {
		l.isPart[i], l.fileCol[i] = -1, -1
	}
	for k, name := range t.PartitionKeys {
		c := t.ColumnIndex(name)
		l.partCols = append(l.partCols, c)
		l.isPart[c] = k
	}
	for i := range t.Columns {
		if l.isPart[i] < 0 {
			l.fileCol[i] = len(l.dataCols)
			l.dataCols = append(l.dataCols, i)
		}
	}
	return l
}

// fileEntry is one file to read and its partition values (unescaped
// directory values, in partition-key order).
type fileEntry struct {
	path  string
	parts []string
}

// Source reads the files of a filesystem table. Files are read one after
// the other, each streamed in batches of at most batch.BatchRows rows. It
// is not safe for concurrent use.
type Source struct {
	cfg  *config
	t    connector.TableInfo
	lay  layout
	proj []int
	ts   []types.DataType
	// split and splits select this source's files: every splits-th file of
	// the sorted listing, starting at split.
	split, splits int

	loc   *location
	files []fileEntry
	next  int

	out     *vec.Batch
	partVal []*vec.Vector // per output column: the file's partition value (1 row), or nil
	cur     fileReader
	curFile fileio.File
}

// fileReader decodes one file into the output batch.
type fileReader interface {
	// read fills s.out with the next rows of the file; io.EOF at the end.
	read(s *Source) error
	close() error
}

func newSource(cfg *config, t connector.TableInfo, req connector.SourceRequest) (*Source, error) {
	proj := req.Projection
	if proj == nil {
		proj = make([]int, len(t.Columns))
		for i := range proj {
			proj[i] = i
		}
	}
	s := &Source{cfg: cfg, t: t, lay: newLayout(t), proj: proj, split: req.Split, splits: max(req.Splits, 1)}
	if s.split < 0 || s.split >= s.splits {
		return nil, fmt.Errorf("filesystem table %s: split %d of %d does not exist", t.Name, req.Split, req.Splits)
	}
	seen := map[int]bool{}
	for _, p := range proj {
		if p < 0 || p >= len(t.Columns) || seen[p] {
			return nil, fmt.Errorf("filesystem table %s: bad projection %v", t.Name, proj)
		}
		seen[p] = true
		s.ts = append(s.ts, t.Columns[p].Type)
	}
	return s, nil
}

// Types returns the projected column types.
func (s *Source) Types() []types.DataType { return s.ts }

// Open lists the files to read.
func (s *Source) Open(ctx context.Context) error {
	loc, err := resolve(ctx, s.t.Name, s.cfg.path)
	if err != nil {
		return err
	}
	s.loc = loc
	if !loc.exists {
		return fmt.Errorf("filesystem table %s: path %s does not exist", s.t.Name, s.cfg.path)
	}
	s.files, s.next = s.files[:0], 0
	if loc.file != "" {
		if len(s.t.PartitionKeys) > 0 {
			return fmt.Errorf("filesystem table %s is partitioned, so its path %s must be a directory", s.t.Name, s.cfg.path)
		}
		s.files = append(s.files, fileEntry{path: loc.file})
	} else if err := s.walk(ctx, loc.dir, nil); err != nil {
		return err
	}
	if s.splits > 1 {
		mine := s.files[:0]
		for i, f := range s.files {
			if i%s.splits == s.split {
				mine = append(mine, f)
			}
		}
		s.files = mine
	}
	if s.out, err = vec.NewBatch(s.ts, batch.BatchRows); err != nil {
		return fmt.Errorf("filesystem table %s: %w", s.t.Name, err)
	}
	s.partVal = make([]*vec.Vector, len(s.proj))
	return nil
}

// walk collects the files below dir: for a partitioned table, the files
// inside k1=v1/k2=v2/... directories (keys in partition-key order), else
// the files directly in dir. Hidden names are skipped.
func (s *Source) walk(ctx context.Context, dir string, parts []string) error {
	infos, err := s.loc.fio.List(ctx, dir)
	if err != nil {
		return fmt.Errorf("filesystem table %s: listing %s: %w", s.t.Name, dir, err)
	}
	depth := len(parts)
	for _, fi := range infos {
		if hidden(fi.Name) {
			continue
		}
		if depth == len(s.t.PartitionKeys) {
			if !fi.IsDir {
				s.files = append(s.files, fileEntry{path: join(dir, fi.Name), parts: parts})
			}
			continue
		}
		if !fi.IsDir {
			continue
		}
		kvs, err := partition.Parse(fi.Name)
		if err != nil || len(kvs) != 1 || kvs[0].Key != s.t.PartitionKeys[depth] {
			continue // not a directory of this table's partitioning
		}
		next := append(append([]string(nil), parts...), kvs[0].Value)
		if err := s.walk(ctx, join(dir, fi.Name), next); err != nil {
			return err
		}
	}
	return nil
}

// Next returns the next batch, or io.EOF after the last file.
func (s *Source) Next(ctx context.Context) (*vec.Batch, error) {
	if s.out == nil {
		return nil, fmt.Errorf("filesystem table %s: Next before Open", s.t.Name)
	}
	for {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if s.cur == nil {
			if s.next >= len(s.files) {
				return nil, io.EOF
			}
			if err := s.openFile(ctx, s.files[s.next]); err != nil {
				return nil, err
			}
			s.next++
		}
		err := s.cur.read(s)
		if err == io.EOF {
			if err := s.closeFile(); err != nil {
				return nil, err
			}
			continue
		}
		if err != nil {
			return nil, err
		}
		if s.out.Len == 0 {
			continue
		}
		s.fillPartitions()
		return s.out, nil
	}
}

func (s *Source) openFile(ctx context.Context, fe fileEntry) error {
	// Partition values of the file, parsed once.
	for k, p := range s.proj {
		s.partVal[k] = nil
		pk := s.lay.isPart[p]
		if pk < 0 {
			continue
		}
		v, err := vec.New(s.t.Columns[p].Type, 1)
		if err != nil {
			return err
		}
		raw := fe.parts[pk]
		if raw == s.cfg.defaultName {
			v.AppendNull()
		} else if err := appendParsed(v, []byte(raw), new([]byte)); err != nil {
			return fmt.Errorf("filesystem table %s: %s: partition directory value %q of %s is %v",
				s.t.Name, fe.path, raw, s.t.Columns[p].Name, err)
		}
		s.partVal[k] = v
	}
	f, err := s.loc.fio.Open(ctx, fe.path)
	if err != nil {
		return fmt.Errorf("filesystem table %s: %w", s.t.Name, err)
	}
	s.curFile = f
	name := s.loc.fio.Location() + "/" + fe.path
	r := io.NewSectionReader(f, 0, f.Size())
	// outs[j] is the output vector of file column j, or nil.
	outs := make([]*vec.Vector, len(s.lay.dataCols))
	names := make([]string, len(s.lay.dataCols))
	for j, c := range s.lay.dataCols {
		names[j] = s.t.Columns[c].Name
	}
	for k, p := range s.proj {
		if j := s.lay.fileCol[p]; j >= 0 {
			outs[j] = s.out.Cols[k]
		}
	}
	switch s.cfg.format {
	case formatCSV:
		s.cur = &textReader{dec: &csvDecoder{rd: newCSVReader(r, &s.cfg.csv), names: names, outs: outs, file: name}}
	case formatJSON:
		s.cur = &textReader{dec: newJSONDecoder(r, &s.cfg.json, name, names, outs)}
	case formatParquet:
		pr, err := newParquetReader(f, name, s)
		if err != nil {
			return err
		}
		s.cur = pr
	}
	return nil
}

func (s *Source) closeFile() error {
	var err error
	if s.cur != nil {
		err = s.cur.close()
		s.cur = nil
	}
	if s.curFile != nil {
		if cerr := s.curFile.Close(); err == nil {
			err = cerr
		}
		s.curFile = nil
	}
	return err
}

// fillPartitions sets the partition columns of s.out to the file's values.
func (s *Source) fillPartitions() {
	for k, pv := range s.partVal {
		if pv == nil {
			continue
		}
		v := s.out.Cols[k]
		v.Reset()
		for range s.out.Len {
			v.AppendFrom(pv, 0)
		}
	}
}

// Close closes the open file and the FileIO.
func (s *Source) Close() error {
	err := s.closeFile()
	if s.loc != nil {
		if cerr := s.loc.close(); err == nil {
			err = cerr
		}
		s.loc = nil
	}
	s.out = nil
	return err
}

// textReader reads CSV and JSON files.
type textReader struct {
	dec interface {
		decode(b *vec.Batch, max int) (int, error)
	}
}

func (r *textReader) read(s *Source) error {
	s.out.Reset()
	_, err := r.dec.decode(s.out, batch.BatchRows)
	if err == io.EOF && s.out.Len > 0 {
		return nil
	}
	return err
}

func (r *textReader) close() error { return nil }

// parquetReader reads Parquet files through paimon/datafile, matching
// columns by name.
type parquetReader struct {
	it      *datafile.BatchIter
	outPos  []int // per wanted column: output position
	rowsOut int64 // rows left to emit when no data column is read
	file    string
	table   string
}

func newParquetReader(f fileio.File, name string, s *Source) (*parquetReader, error) {
	r, err := datafile.Open(f, f.Size())
	if err != nil {
		return nil, fmt.Errorf("filesystem table %s: %s: %w", s.t.Name, name, err)
	}
	byName := map[string]datafile.Column{}
	for _, c := range r.Columns() {
		byName[c.Name] = c
	}
	pr := &parquetReader{file: name, table: s.t.Name}
	var want []datafile.Column
	nextID := -1
	for k, p := range s.proj {
		if s.lay.fileCol[p] < 0 {
			continue
		}
		col := s.t.Columns[p]
		id := nextID
		if fc, ok := byName[col.Name]; ok {
			id = fc.ID
		} else {
			nextID-- // a column the file lacks reads as NULL
		}
		want = append(want, datafile.Column{ID: id, Name: col.Name, Type: col.Type})
		pr.outPos = append(pr.outPos, k)
	}
	if len(want) == 0 {
		pr.rowsOut = r.NumRows()
		return pr, nil
	}
	if pr.it, err = r.Read(want, datafile.ReadOptions{BatchSize: batch.BatchRows}); err != nil {
		return nil, fmt.Errorf("filesystem table %s: %s: %w", s.t.Name, name, err)
	}
	return pr, nil
}

func (r *parquetReader) read(s *Source) error {
	if r.it == nil {
		s.out.Reset()
		if r.rowsOut == 0 {
			return io.EOF
		}
		n := min(r.rowsOut, batch.BatchRows)
		r.rowsOut -= n
		s.out.Len = int(n)
		return nil
	}
	b, err := r.it.Next()
	if err == io.EOF {
		return io.EOF
	}
	if err != nil {
		return fmt.Errorf("filesystem table %s: %s: %w", r.table, r.file, err)
	}
	s.out.Reset()
	for m, k := range r.outPos {
		s.out.Cols[k].AppendVector(b.Cols[m])
	}
	s.out.Len = b.Len
	return nil
}

func (r *parquetReader) close() error {
	if r.it != nil {
		return r.it.Close()
	}
	return nil
}
