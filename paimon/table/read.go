package table

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path"
	"sort"

	"github.com/weir-data/weir/paimon/binaryrow"
	"github.com/weir-data/weir/paimon/datafile"
	"github.com/weir-data/weir/paimon/manifest"
	"github.com/weir-data/weir/paimon/merge"
	"github.com/weir-data/weir/paimon/schema"
	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// DefaultBatchSize is the number of rows per batch a read yields.
const DefaultBatchSize = 4096

// ReadOptions shape the batches of a read.
type ReadOptions struct {
	// Projection lists the columns to read as positions in the table's latest
	// schema; nil reads every column.
	Projection []int
	// BatchSize is the maximum rows per batch (DefaultBatchSize when 0).
	BatchSize int
}

// ReadSplit returns the rows of a split: for primary-key tables, the merged
// rows (one per key, retractions applied); for append tables, every row. Rows
// deleted by deletion vectors are dropped.
func (t *Table) ReadSplit(ctx context.Context, s Split, opts ReadOptions) (BatchSource, error) {
	proj := opts.Projection
	if proj == nil {
		proj = make([]int, len(t.schema.Fields))
		for i := range proj {
			proj[i] = i
		}
	}
	for _, p := range proj {
		if p < 0 || p >= len(t.schema.Fields) {
			return nil, fmt.Errorf("table %s: projection index %d out of range", t.name, p)
		}
	}
	size := opts.BatchSize
	if size <= 0 {
		size = DefaultBatchSize
	}
	r := &splitReader{t: t, split: s, proj: proj, size: size}
	partDir, err := t.partitionDir(s.Partition)
	if err != nil {
		return nil, err
	}
	r.dir = t.bucketDir(partDir, s.Bucket)
	if !t.HasPrimaryKey() {
		return r.concat(ctx, s.Files, false)
	}
	if s.Raw {
		return &concatSource{r: r, files: s.Files, kv: true, kinds: true}, nil
	}
	// Deletion-vector tables read each (level ≥ 1) file on its own; so does a
	// split whose files form a single sorted run.
	runs, err := t.sortedRuns(s.Files)
	if err != nil {
		return nil, err
	}
	fn, err := merge.New(t.opts, t.schema.Fields, t.schema.PrimaryKeys...)
	if err != nil {
		return nil, fmt.Errorf("table %s: %w", t.name, err)
	}
	seqCmp, err := merge.NewSequenceComparator(t.opts, t.schema.Fields)
	if err != nil {
		return nil, fmt.Errorf("table %s: %w", t.name, err)
	}
	engine := fn.Engine()
	// Files of a deletion-vector table (level ≥ 1, older versions deleted by
	// vectors) and a lone sorted run (already merged by the writer or by
	// compaction) hold one record per key: they are read without merging.
	if t.opts.DeletionVectorsEnabled() || len(runs) <= 1 {
		return r.concat(ctx, s.Files, true)
	}
	// Deduplicate and first-row pick whole input rows, so only the projected
	// columns are read; the other engines (and sequence.field ordering) need
	// every value column, projected after merging.
	valueProj := proj
	var outProj []int
	if (engine != "deduplicate" && engine != "first-row") || seqCmp != nil {
		valueProj = make([]int, len(t.schema.Fields))
		for i := range valueProj {
			valueProj[i] = i
		}
		outProj = proj
	}
	r.proj = valueProj
	sources := make([]BatchSource, 0, len(runs))
	for _, run := range runs {
		src, err := r.kvConcat(ctx, run)
		if err != nil {
			for _, s := range sources {
				s.Close()
			}
			return nil, err
		}
		sources = append(sources, src)
	}
	valTypes := make([]types.DataType, len(valueProj))
	for i, p := range valueProj {
		valTypes[i] = t.schema.Fields[p].Type
	}
	m, err := newKVMerger(ctx, kvLayout{nk: len(t.keyFields)}, fn, seqCmp, t.opts.IgnoreDelete(), valTypes, outProj, sources, size)
	if err != nil {
		return nil, fmt.Errorf("table %s: merge bucket %d: %w", t.name, s.Bucket, err)
	}
	m.lookupMerge = t.lookupMerges()
	return m, nil
}

// sortedRuns groups files into sorted runs: every level-0 file is its own run
// (newest last), each higher level is one run ordered by min key.
func (t *Table) sortedRuns(files []manifest.DataFileMeta) ([][]manifest.DataFileMeta, error) {
	var runs [][]manifest.DataFileMeta
	byLevel := map[int32][]manifest.DataFileMeta{}
	var levels []int32
	for _, f := range files {
		if f.Level == 0 {
			runs = append(runs, []manifest.DataFileMeta{f})
			continue
		}
		if _, ok := byLevel[f.Level]; !ok {
			levels = append(levels, f.Level)
		}
		byLevel[f.Level] = append(byLevel[f.Level], f)
	}
	sort.Slice(levels, func(i, j int) bool { return levels[i] < levels[j] })
	keyTypes := fieldTypes(t.keyFields)
	for _, l := range levels {
		fs := byLevel[l]
		var sortErr error
		sort.SliceStable(fs, func(i, j int) bool {
			c, err := compareSerializedKeys(keyTypes, fs[i].MinKey, fs[j].MinKey)
			if err != nil && sortErr == nil {
				sortErr = err
			}
			return c < 0
		})
		if sortErr != nil {
			return nil, fmt.Errorf("table %s: level %d min keys: %w", t.name, l, sortErr)
		}
		runs = append(runs, fs)
	}
	return runs, nil
}

func compareSerializedKeys(ts []types.DataType, a, b []byte) (int, error) {
	_, ra, err := binaryrow.Deserialize(a)
	if err != nil {
		return 0, err
	}
	_, rb, err := binaryrow.Deserialize(b)
	if err != nil {
		return 0, err
	}
	x, err := binaryrow.NewRow(ts, ra)
	if err != nil {
		return 0, err
	}
	y, err := binaryrow.NewRow(ts, rb)
	if err != nil {
		return 0, err
	}
	return binaryrow.Compare(x, y)
}

// splitReader reads the files of one split.
type splitReader struct {
	t     *Table
	split Split
	proj  []int
	size  int
	dir   string
}

// concat reads files one after another. kv says the files are key-value files:
// their value columns are returned and retracted rows dropped.
func (r *splitReader) concat(ctx context.Context, files []manifest.DataFileMeta, kv bool) (BatchSource, error) {
	return &concatSource{r: r, files: files, kv: kv}, nil
}

// kvConcat reads a sorted run as full key-value batches (keys, sequence, kind,
// projected values) for merging.
func (r *splitReader) kvConcat(ctx context.Context, files []manifest.DataFileMeta) (BatchSource, error) {
	return &concatSource{r: r, files: files, kv: true, raw: true}, nil
}

// concatSource yields the batches of several files in order.
type concatSource struct {
	r     *splitReader
	files []manifest.DataFileMeta
	kv    bool // key-value files
	raw   bool // return keys, sequence and kind too (for merging); batches are owned by the caller
	kinds bool // return value columns with each row's kind in Batch.Kinds (changes)
	cur   *fileSource
}

// Release hands a batch back to the file it came from, if still open.
func (c *concatSource) Release(b *vec.Batch) {
	if c.cur != nil {
		c.cur.Release(b)
	}
}

func (c *concatSource) Next(ctx context.Context) (*vec.Batch, error) {
	for {
		if c.cur == nil {
			if len(c.files) == 0 {
				return nil, io.EOF
			}
			f := c.files[0]
			c.files = c.files[1:]
			src, err := c.r.openFile(ctx, f, c.kv)
			if err != nil {
				return nil, err
			}
			src.owned = c.raw
			c.cur = src
		}
		b, err := c.cur.Next(ctx)
		if errors.Is(err, io.EOF) {
			err = c.cur.Close()
			c.cur = nil
			if err != nil {
				return nil, err
			}
			continue
		}
		if err != nil {
			return nil, err
		}
		if c.kinds {
			nk := c.r.keyCount()
			kinds := make([]types.RowKind, b.Len)
			for i, k := range b.Cols[nk+1].I8[:b.Len] {
				kinds[i] = types.RowKind(k)
			}
			return &vec.Batch{Cols: b.Cols[nk+2:], Kinds: kinds, Len: b.Len}, nil
		}
		if c.kv && !c.raw {
			b = dropRetractions(b, c.r.keyCount())
			if b.Len == 0 {
				continue
			}
			b = &vec.Batch{Cols: b.Cols[c.r.keyCount()+2:], Len: b.Len}
		}
		return b, nil
	}
}

// level is the LSM level of the file the last batch came from.
func (c *concatSource) level() int32 {
	if c.cur != nil {
		return c.cur.file.Level
	}
	return 0
}

func (c *concatSource) Close() error {
	if c.cur != nil {
		return c.cur.Close()
	}
	return nil
}

func (r *splitReader) keyCount() int { return len(r.t.keyFields) }

// dropRetractions keeps the rows of a key-value batch whose kind adds a row.
func dropRetractions(b *vec.Batch, nk int) *vec.Batch {
	kinds := b.Cols[nk+1].I8
	keep := -1
	for i := 0; i < b.Len; i++ {
		if types.RowKind(kinds[i]).IsRetract() {
			keep = i
			break
		}
	}
	if keep < 0 {
		return b
	}
	rows := make([]int32, 0, b.Len)
	for i := 0; i < b.Len; i++ {
		if !types.RowKind(kinds[i]).IsRetract() {
			rows = append(rows, int32(i))
		}
	}
	return b.Gather(rows)
}

// fileSource reads one data file mapped to the table's latest schema: columns
// matched by field id, missing columns null, retyped columns cast, deleted rows
// (deletion vector) dropped. For key-value files the batch is keys, sequence,
// kind, then the projected values.
type fileSource struct {
	file   manifest.DataFileMeta
	path   string
	closer io.Closer
	rows   *datafile.BatchIter
	// plan per output column: index into the file batch, or -1 for null
	fromFile []int
	outTypes []types.DataType
	names    []string
	dv       deletedFunc
	pos      int64 // row position in the file of the next batch

	// owned: every batch returned belongs to the caller, who may hand it
	// back with Release so that its memory is decoded into again (merge
	// inputs, which hold batches across calls without copying them).
	owned  bool
	free   []*vec.Batch
	origin map[*vec.Batch]*vec.Batch // returned batch → file batch it wraps
}

// batchReleaser is a BatchSource whose batches belong to the caller and can
// be handed back for reuse once the caller no longer references them.
type batchReleaser interface {
	Release(b *vec.Batch)
}

type deletedFunc func(pos int64) bool

func (r *splitReader) openFile(ctx context.Context, f manifest.DataFileMeta, kv bool) (*fileSource, error) {
	t := r.t
	p := path.Join(r.dir, f.FileName)
	if f.ExternalPath != nil && *f.ExternalPath != "" {
		p = *f.ExternalPath
	}
	fs, err := t.schemaByID(ctx, f.SchemaID)
	if err != nil {
		return nil, fmt.Errorf("data file %s: %w", p, err)
	}
	var want []datafile.Column
	src := &fileSource{file: f, path: p}
	if kv {
		fileKeys, err := trimmedKeyFields(fs)
		if err != nil {
			return nil, fmt.Errorf("data file %s: %w", p, err)
		}
		for i, k := range t.keyFields {
			fk := fileKeys[i]
			want = append(want, datafile.Column{ID: fk.ID + datafile.KeyFieldIDStart, Name: datafile.KeyFieldPrefix + fk.Name, Type: fk.Type.NotNull()})
			src.fromFile = append(src.fromFile, len(want)-1)
			src.outTypes = append(src.outTypes, k.Type.NotNull())
			src.names = append(src.names, datafile.KeyFieldPrefix+k.Name)
		}
		want = append(want,
			datafile.Column{ID: datafile.SequenceNumberID, Name: datafile.SequenceNumberName, Type: types.NewBigInt().NotNull()},
			datafile.Column{ID: datafile.ValueKindID, Name: datafile.ValueKindName, Type: types.NewTinyInt().NotNull()})
		src.fromFile = append(src.fromFile, len(want)-2, len(want)-1)
		src.outTypes = append(src.outTypes, types.NewBigInt().NotNull(), types.NewTinyInt().NotNull())
		src.names = append(src.names, datafile.SequenceNumberName, datafile.ValueKindName)
	}
	for _, pi := range r.proj {
		cur := t.schema.Fields[pi]
		src.outTypes = append(src.outTypes, cur.Type)
		src.names = append(src.names, cur.Name)
		ff, ok := fieldByID(fs, cur.ID)
		if !ok {
			src.fromFile = append(src.fromFile, -1)
			continue
		}
		want = append(want, datafile.Column{ID: ff.ID, Name: ff.Name, Type: ff.Type})
		src.fromFile = append(src.fromFile, len(want)-1)
	}
	if ref, ok := r.split.DeletionVectors[f.FileName]; ok {
		dv, err := t.loadDeletionVector(ctx, ref)
		if err != nil {
			return nil, fmt.Errorf("data file %s: %w", p, err)
		}
		src.dv = dv
	}
	file, err := t.fio.Open(ctx, p)
	if err != nil {
		return nil, fmt.Errorf("table %s: open data file %s: %w", t.name, p, err)
	}
	rd, err := datafile.Open(file, file.Size())
	if err != nil {
		file.Close()
		return nil, fmt.Errorf("table %s: data file %s: %w", t.name, p, err)
	}
	if n := rd.NumRows(); n != f.RowCount {
		file.Close()
		return nil, fmt.Errorf("table %s: data file %s has %d rows, its manifest entry says %d", t.name, p, n, f.RowCount)
	}
	br, err := rd.Read(want, datafile.ReadOptions{BatchSize: r.size})
	if err != nil {
		file.Close()
		return nil, fmt.Errorf("table %s: data file %s: %w", t.name, p, err)
	}
	src.closer, src.rows = file, br
	return src, nil
}

func (s *fileSource) Next(ctx context.Context) (*vec.Batch, error) {
	for {
		var fb *vec.Batch
		var err error
		if s.owned {
			var into *vec.Batch
			if n := len(s.free); n > 0 {
				into, s.free = s.free[n-1], s.free[:n-1]
			} else {
				into = s.rows.NewBatch()
			}
			fb, err = s.rows.NextInto(into)
		} else {
			fb, err = s.rows.Next()
		}
		if err != nil {
			if errors.Is(err, io.EOF) {
				return nil, io.EOF
			}
			return nil, fmt.Errorf("data file %s: %w", s.path, err)
		}
		start := s.pos
		s.pos += int64(fb.Len)
		out := &vec.Batch{Cols: make([]*vec.Vector, len(s.fromFile)), Len: fb.Len}
		for i, fi := range s.fromFile {
			if fi < 0 {
				v, err := vec.New(s.outTypes[i], fb.Len)
				if err != nil {
					return nil, err
				}
				for r := 0; r < fb.Len; r++ {
					v.AppendNull()
				}
				out.Cols[i] = v
				continue
			}
			v := fb.Cols[fi]
			if !v.Type.WithNullable(true).Equal(s.outTypes[i].WithNullable(true)) {
				cv, err := castVector(v, s.outTypes[i], s.names[i])
				if err != nil {
					return nil, fmt.Errorf("data file %s: %w", s.path, err)
				}
				v = cv
			}
			out.Cols[i] = v
		}
		if s.dv != nil {
			rows := make([]int32, 0, fb.Len)
			for r := 0; r < fb.Len; r++ {
				if !s.dv(start + int64(r)) {
					rows = append(rows, int32(r))
				}
			}
			if len(rows) == 0 {
				continue
			}
			if len(rows) < fb.Len {
				out = out.Gather(rows)
			}
		}
		if s.owned && out.Len > 0 {
			if s.origin == nil {
				s.origin = map[*vec.Batch]*vec.Batch{}
			}
			s.origin[out] = fb
		}
		return out, nil
	}
}

// Release hands back a batch this source returned (owned mode).
func (s *fileSource) Release(b *vec.Batch) {
	if fb, ok := s.origin[b]; ok {
		delete(s.origin, b)
		s.free = append(s.free, fb)
	}
}

func (s *fileSource) Close() error { return errors.Join(s.rows.Close(), s.closer.Close()) }

func fieldByID(s *schema.TableSchema, id int) (types.Field, bool) {
	for _, f := range s.Fields {
		if f.ID == id {
			return f, true
		}
	}
	return types.Field{}, false
}

func trimmedKeyFields(s *schema.TableSchema) ([]types.Field, error) {
	var out []types.Field
	for _, n := range s.TrimmedPrimaryKeys() {
		f, ok := s.Field(n)
		if !ok {
			return nil, fmt.Errorf("schema %d: primary key %q is not a column", s.ID, n)
		}
		out = append(out, f)
	}
	return out, nil
}
