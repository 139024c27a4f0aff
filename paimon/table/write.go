package table

import (
	"context"
	"fmt"
	"path"
	"time"

	"github.com/google/uuid"

	"github.com/weir-data/weir/fileio"
	"github.com/weir-data/weir/paimon/binaryrow"
	"github.com/weir-data/weir/paimon/bucket"
	"github.com/weir-data/weir/paimon/datafile"
	"github.com/weir-data/weir/paimon/manifest"
	"github.com/weir-data/weir/paimon/merge"
	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// WriterOptions configure a Writer.
type WriterOptions struct {
	// CommitUser identifies the writer in snapshots (Paimon's commitUser); a
	// streaming job passes its job id so that a restart can tell which of its
	// commits landed. A new UUID when empty.
	CommitUser string
	// CommitInterval is the time between the writer's commits (a streaming
	// job's checkpoint interval); the legacy option
	// changelog-producer.compaction-interval is converted to a number of
	// commits with it, as Paimon's Flink sink does.
	CommitInterval time.Duration
	// Streaming marks a long-running streaming writer. It only sets the
	// default of write-buffer-spillable as Java does: spill for batch writes
	// and for tables on object stores, not for streaming writes to a local
	// file system.
	Streaming bool
}

// CommitMessage describes the files one writer changed in one bucket.
type CommitMessage struct {
	Partition    []byte // serialized BinaryRow
	Bucket       int
	TotalBuckets int
	NewFiles     []manifest.DataFileMeta
	// NewChangelog are changelog files (changelog-producer = input), recorded
	// in the APPEND snapshot's changelog manifest list.
	NewChangelog []manifest.DataFileMeta
	// CompactBefore and CompactAfter are the files a compaction replaced and wrote.
	CompactBefore []manifest.DataFileMeta
	CompactAfter  []manifest.DataFileMeta
	// CompactChangelog are changelog files a compaction produced
	// (changelog-producer lookup or full-compaction), recorded in the
	// COMPACT snapshot's changelog manifest list.
	CompactChangelog []manifest.DataFileMeta
	// NewIndexFiles and DeletedIndexFiles are index files the bucket gained
	// and lost (Java's IndexIncrement): a dynamic-bucket table's new HASH
	// file and the one it supersedes. Kind is ADD and DELETE respectively.
	NewIndexFiles     []manifest.IndexEntry
	DeletedIndexFiles []manifest.IndexEntry
}

// Writer writes rows into a table's buckets: it buffers rows per (partition,
// bucket), and flushes each buffer into a sorted level-0 data file when the
// buffer fills (write-buffer-size) and on Prepare. Rows must be in the table's
// latest schema column order. A Writer is not safe for concurrent use.
type Writer struct {
	t     *Table
	user  string
	names *nameFactory
	// commitInterval is WriterOptions.CommitInterval.
	commitInterval time.Duration
	numBuckets     int             // > 0 fixed; -1 unaware (append tables) or dynamic (dyn != nil)
	dyn            *dynamicBuckets // dynamic bucket mode: the key → bucket hash index
	partW          *binaryrow.Writer
	hasher         *bucket.KeyHasher
	keyTypes       []types.DataType
	colTypes       []types.DataType
	spill          *spillState // nil: a full buffer is flushed, never spilled

	buckets map[bucketKey]*bucketWriter
	order   []bucketKey
	memory  int64
	seqs    map[bucketKey]int64 // next sequence number restored from the table
	pending []CommitMessage

	// The table's merge function, applied to the rows of one key in a
	// buffer. lastWins short-cuts plain deduplicate (the newest row wins).
	fn       merge.Function
	seqCmp   *merge.SequenceComparator
	lastWins bool

	// live holds each bucket's live files at the latest snapshot (restored
	// with the sequence numbers); compact the background compaction (nil for
	// append tables, write-only tables and compaction writers).
	live    map[bucketKey][]manifest.DataFileMeta
	compact *writerCompaction

	// scratch
	target  []int32
	bucketV []int
	keyW    *binaryrow.Writer
}

type bucketKey struct {
	part   string
	bucket int
}

// bucketWriter buffers the rows of one bucket as a list of chunks (one copy of
// each incoming batch's rows, in arrival and so sequence-number order).
type bucketWriter struct {
	key      bucketKey
	partVals []any
	chunks   []*vec.Batch
	rows     int
	bytes    int64
	nextSeq  int64
	newFiles []manifest.DataFileMeta
	// newChangelog are changelog files (changelog-producer = input).
	newChangelog []manifest.DataFileMeta
	// runs are the buffer's spilled sorted runs, oldest first (spill.go).
	runs []spillRun
}

// NewWriter returns a writer for the table. Primary-key writers compact in
// the background (unless write-only); call Close when done.
func (t *Table) NewWriter(ctx context.Context, opts WriterOptions) (*Writer, error) {
	return t.newWriter(ctx, opts, true)
}

func (t *Table) newWriter(ctx context.Context, opts WriterOptions, compact bool) (*Writer, error) {
	n := t.opts.Bucket()
	switch {
	case n == -2:
		return nil, fmt.Errorf("table %s: writing 'bucket' = '-2' (postpone mode) is not supported yet", t.name)
	case n == -1 && t.HasPrimaryKey():
		if err := t.checkDynamicBucketWrite(); err != nil {
			return nil, err
		}
	case n == 0 || n < -2:
		return nil, fmt.Errorf("table %s: invalid option 'bucket' = '%d'", t.name, n)
	}
	if rf := t.opts.RowkindField(); rf != "" {
		return nil, fmt.Errorf("table %s: writing tables with 'rowkind.field' is not supported yet", t.name)
	}
	if t.opts.DeletionVectorsEnabled() {
		return nil, fmt.Errorf("table %s: writing tables with 'deletion-vectors.enabled' is not supported yet (their level-0 files would stay invisible to readers until compacted)", t.name)
	}
	if f := t.opts.FileFormat(); f != "parquet" {
		// Data files are always Parquet; naming them .orc or .avro would make
		// the table unreadable for Java (it takes the format from the extension).
		return nil, fmt.Errorf("table %s: writing 'file.format' = '%s' is not supported yet; Weir writes parquet", t.name, f)
	}
	user := opts.CommitUser
	if user == "" {
		user = uuid.NewString()
	}
	w := &Writer{
		t: t, user: user, names: newNameFactory(), numBuckets: n, commitInterval: opts.CommitInterval,
		buckets: map[bucketKey]*bucketWriter{}, colTypes: fieldTypes(t.schema.Fields),
		keyTypes: fieldTypes(t.keyFields),
	}
	if len(t.partTypes) > 0 {
		w.partW = binaryrow.NewWriter(t.partTypes)
	}
	if t.HasPrimaryKey() {
		// The buffer merges the rows of a key with the table's merge function
		// (Paimon's write buffer does the same), so every level-0 file holds
		// one record per key.
		fn, err := merge.New(t.opts, t.schema.Fields, t.schema.PrimaryKeys...)
		if err != nil {
			return nil, fmt.Errorf("table %s: %w", t.name, err)
		}
		seqCmp, err := merge.NewSequenceComparator(t.opts, t.schema.Fields)
		if err != nil {
			return nil, fmt.Errorf("table %s: %w", t.name, err)
		}
		w.fn, w.seqCmp = fn, seqCmp
		w.lastWins = fn.Engine() == "deduplicate" && seqCmp == nil
	}
	if n == -1 && t.HasPrimaryKey() {
		d, err := newDynamicBuckets(t)
		if err != nil {
			return nil, err
		}
		w.dyn = d
	}
	if compact && t.spillEnabled(opts.Streaming) {
		s, err := t.newSpillState()
		if err != nil {
			return nil, err
		}
		w.spill = s
	}
	if n > 0 {
		bt := make([]types.DataType, len(t.bucketPos))
		for i, p := range t.bucketPos {
			bt[i] = t.schema.Fields[p].Type
		}
		h, err := bucket.NewKeyHasher(bt, t.bucketPos)
		if err != nil {
			return nil, fmt.Errorf("table %s: bucket key: %w", t.name, err)
		}
		w.hasher = h
	}
	if compact {
		if err := w.initCompaction(ctx); err != nil {
			return nil, err
		}
	}
	return w, nil
}

// CommitUser returns the writer's commit user.
func (w *Writer) CommitUser() string { return w.user }

// Write buffers the rows of b (columns in table order, row kinds in b.Kinds).
// Append tables accept only +I rows. The writer copies the rows it keeps, so
// the caller may reuse b as soon as Write returns.
func (w *Writer) Write(ctx context.Context, b *vec.Batch) error {
	return w.write(ctx, b, false)
}

// WriteOwned is Write for a batch the caller hands over: instead of copying
// b's rows into the buffer, the writer may keep b itself (its vectors and
// their memory) until the rows are flushed. The caller must not modify b
// after the call; reading it stays safe, as the writer never modifies a
// buffered batch. Use it for batches made for this one write (a generator's
// or a decoder's fresh output), not for batches an operator reuses.
func (w *Writer) WriteOwned(ctx context.Context, b *vec.Batch) error {
	return w.write(ctx, b, true)
}

func (w *Writer) write(ctx context.Context, b *vec.Batch, owned bool) error {
	t := w.t
	if len(b.Cols) != len(w.colTypes) {
		return fmt.Errorf("table %s: write of %d columns, table has %d", t.name, len(b.Cols), len(w.colTypes))
	}
	for i, c := range b.Cols {
		want, err := vec.KindOf(w.colTypes[i])
		if err != nil {
			return fmt.Errorf("table %s column %s: %w", t.name, t.schema.Fields[i].Name, err)
		}
		if c.Kind != want || c.Len != b.Len {
			return fmt.Errorf("table %s column %s: batch column does not match type %s", t.name, t.schema.Fields[i].Name, w.colTypes[i])
		}
		if !w.colTypes[i].Nullable && c.Nulls.Any() {
			for r := 0; r < b.Len; r++ {
				if c.IsNull(r) {
					return fmt.Errorf("table %s: column %s is NOT NULL but row %d is null", t.name, t.schema.Fields[i].Name, r)
				}
			}
		}
	}
	if !t.HasPrimaryKey() && b.Kinds != nil {
		for r, k := range b.Kinds {
			if k != types.Insert {
				return fmt.Errorf("table %s is an append table (no primary key): row %d has kind %s; only +I rows can be written", t.name, r, k)
			}
		}
	}
	if t.HasPrimaryKey() && t.opts.IgnoreDelete() && b.Kinds != nil {
		// 'ignore-delete': -U and -D rows are dropped, as Paimon's writer does.
		keep := make([]int32, 0, b.Len)
		for r, k := range b.Kinds {
			if !k.IsRetract() {
				keep = append(keep, int32(r))
			}
		}
		if len(keep) < b.Len {
			b = b.Gather(keep)
		}
	}
	if b.Len == 0 {
		return nil
	}
	// Route rows: bucket numbers, then (partition, bucket) writers.
	var err error
	if w.hasher != nil && w.numBuckets > 1 {
		if w.bucketV, err = w.hasher.Buckets(w.bucketV[:0], b, w.numBuckets); err != nil {
			return fmt.Errorf("table %s: bucket: %w", t.name, err)
		}
	}
	if w.partW == nil && w.numBuckets <= 1 && w.dyn == nil {
		bw, err := w.writerFor(ctx, "", nil, 0) // the only bucket: 0 (fixed, 'bucket' = '1') or unaware
		if err != nil {
			return err
		}
		if !owned {
			b = b.Clone()
		}
		return w.buffer(ctx, bw, b)
	}
	w.target = w.target[:0]
	groups := map[*bucketWriter][]int32{}
	var order []*bucketWriter
	for r := 0; r < b.Len; r++ {
		var part string
		var partVals []any
		if w.partW != nil {
			w.partW.Reset()
			for i, p := range t.partPos {
				if err := w.partW.WriteFromVector(i, b.Cols[p], r); err != nil {
					return fmt.Errorf("table %s: partition of row %d: %w", t.name, r, err)
				}
			}
			part = string(binaryrow.Serialize(len(t.partPos), w.partW.Bytes()))
		}
		bk := 0
		switch {
		case w.numBuckets > 1:
			bk = w.bucketV[r]
		case w.dyn != nil:
			dynPart := part
			if w.partW == nil {
				dynPart = unpartitioned
			}
			if bk, err = w.dyn.bucketOf(ctx, dynPart, b, r); err != nil {
				return err
			}
		}
		bw, ok := w.buckets[bucketKey{part, bk}]
		if !ok {
			if w.partW != nil {
				partVals = make([]any, len(t.partPos))
				for i, p := range t.partPos {
					partVals[i] = b.Cols[p].Value(r)
				}
			}
			if bw, err = w.writerFor(ctx, part, partVals, bk); err != nil {
				return err
			}
		}
		if _, seen := groups[bw]; !seen {
			order = append(order, bw)
		}
		groups[bw] = append(groups[bw], int32(r))
	}
	for _, bw := range order {
		if err := w.appendRows(ctx, bw, b, groups[bw]); err != nil {
			return err
		}
	}
	return nil
}

func (w *Writer) writerFor(ctx context.Context, part string, partVals []any, bk int) (*bucketWriter, error) {
	key := bucketKey{part, bk}
	if bw, ok := w.buckets[key]; ok {
		return bw, nil
	}
	if part == "" && len(w.t.partTypes) > 0 {
		return nil, fmt.Errorf("table %s: missing partition", w.t.name)
	}
	if w.partW == nil {
		part = string(binaryrow.EmptyRow())
		key.part = part
		if bw, ok := w.buckets[key]; ok {
			return bw, nil
		}
	}
	seq, err := w.restoredSequence(ctx, key)
	if err != nil {
		return nil, err
	}
	bw := &bucketWriter{key: key, partVals: partVals, nextSeq: seq}
	w.buckets[key] = bw
	w.order = append(w.order, key)
	return bw, nil
}

// restoredSequence returns the next sequence number of a bucket: one past the
// largest in its live files (Paimon's writer restores it the same way).
func (w *Writer) restoredSequence(ctx context.Context, key bucketKey) (int64, error) {
	if w.seqs == nil {
		w.seqs = map[bucketKey]int64{}
		plan, err := w.t.Plan(ctx, ScanOptions{})
		if err != nil {
			return 0, fmt.Errorf("table %s: restore sequence numbers: %w", w.t.name, err)
		}
		if plan.Snapshot != nil {
			entries, err := w.t.liveEntries(ctx, plan.Snapshot, nil)
			if err != nil {
				return 0, err
			}
			w.live = map[bucketKey][]manifest.DataFileMeta{}
			for _, e := range entries {
				k := bucketKey{string(e.Partition), int(e.Bucket)}
				if s := e.File.MaxSequenceNumber + 1; s > w.seqs[k] {
					w.seqs[k] = s
				}
				w.live[k] = append(w.live[k], e.File)
			}
		}
	}
	return w.seqs[key], nil
}

func (w *Writer) appendRows(ctx context.Context, bw *bucketWriter, b *vec.Batch, rows []int32) error {
	return w.buffer(ctx, bw, b.Gather(rows))
}

// buffer adds a chunk (owned by the writer) and flushes when the buffers hold
// write-buffer-size bytes.
func (w *Writer) buffer(ctx context.Context, bw *bucketWriter, chunk *vec.Batch) error {
	n := batchBytes(chunk)
	bw.chunks = append(bw.chunks, chunk)
	bw.rows += chunk.Len
	bw.bytes += n
	w.memory += n
	if w.memory >= w.t.opts.WriteBufferSize() {
		if w.spill != nil {
			return w.spillAll(ctx)
		}
		return w.flushAll(ctx)
	}
	return nil
}

// batchBytes estimates the memory a buffered batch holds.
func batchBytes(b *vec.Batch) int64 {
	var n int64
	for _, v := range b.Cols {
		n += int64(len(v.Bools) + len(v.I8) + 2*len(v.I16) + 4*len(v.I32) + 8*len(v.I64) + 4*len(v.F32) +
			8*len(v.F64) + 16*len(v.Dec) + 12*len(v.TS) + 4*len(v.Offsets) + len(v.Data) + 8*len(v.Nulls))
	}
	return n
}

func (w *Writer) flushAll(ctx context.Context) error {
	for _, k := range w.order {
		if err := w.flush(ctx, w.buckets[k]); err != nil {
			return err
		}
	}
	w.memory = 0
	return nil
}

// Prepare flushes every buffer and returns the commit messages of all files
// written since the last Prepare, with the compactions finished since. The
// messages must be committed (Table.Commit) before the next Prepare; if that
// commit fails, discard the writer (Close) and start again from the last
// committed snapshot, as a streaming job restarts from its last checkpoint:
// the writer's view of the table already includes the messages.
func (w *Writer) Prepare(ctx context.Context) ([]CommitMessage, error) {
	if err := w.flushAll(ctx); err != nil {
		return nil, err
	}
	if err := w.prepareCompaction(ctx); err != nil {
		return nil, err
	}
	var index map[bucketKey]indexChange
	if w.dyn != nil {
		var err error
		if index, err = w.dyn.prepare(ctx, w.names); err != nil {
			return nil, err
		}
	}
	var msgs []CommitMessage
	for _, k := range w.order {
		bw := w.buckets[k]
		ic := index[k]
		if len(bw.newFiles) == 0 && len(bw.newChangelog) == 0 && len(ic.add) == 0 {
			continue
		}
		msgs = append(msgs, CommitMessage{
			Partition: []byte(k.part), Bucket: k.bucket, TotalBuckets: w.numBuckets,
			NewFiles: bw.newFiles, NewChangelog: bw.newChangelog,
			NewIndexFiles: ic.add, DeletedIndexFiles: ic.del,
		})
		bw.newFiles, bw.newChangelog = nil, nil
	}
	if err := w.collectCompaction(ctx, false); err != nil {
		return nil, err
	}
	return w.takeCompactions(msgs), nil
}

// Abort deletes the files written since the last Prepare (they were never committed).
func (w *Writer) Abort(ctx context.Context) error {
	var first error
	for _, k := range w.order {
		bw := w.buckets[k]
		partDir, err := w.t.partitionDir([]byte(k.part))
		if err != nil {
			return err
		}
		for _, f := range bw.newFiles {
			if err := w.t.fio.Delete(ctx, path.Join(w.t.bucketDir(partDir, k.bucket), f.FileName)); err != nil && first == nil {
				first = err
			}
		}
		bw.newFiles = nil
	}
	return first
}

// pieceRows is the number of rows handed to the Parquet writer at a time.
const pieceRows = 4096

// flush writes a bucket's buffer as one or more sorted level-0 files, rolled
// at target-file-size (estimated from the buffered bytes per row). Rows are
// gathered in sorted order piece by piece, so flushing needs little memory
// beyond the buffer itself.
func (w *Writer) flush(ctx context.Context, bw *bucketWriter) error {
	n := bw.rows
	if n == 0 {
		if len(bw.runs) == 0 || w.spill.spilling {
			return nil
		}
		flushed, err := w.mergeRuns(ctx, bw, nil)
		if err != nil {
			return err
		}
		bw.newFiles = append(bw.newFiles, flushed...)
		return w.afterFlush(ctx, bw.key, flushed)
	}
	t := w.t
	firstSeq := bw.nextSeq
	bw.nextSeq += int64(n)
	// Global row i is row local[i] of chunk chunkOf[i]; its sequence number is firstSeq+i.
	chunkOf := make([]int32, 0, n)
	local := make([]int32, 0, n)
	for c, ch := range bw.chunks {
		for r := 0; r < ch.Len; r++ {
			chunkOf = append(chunkOf, int32(c))
			local = append(local, int32(r))
		}
	}
	var order []int32
	// Without merging, row g's sequence number is firstSeq+g and its kind
	// the chunk's; a merge replaces the rows (chunks) by merged ones with
	// their own sequence numbers and kinds.
	var mergedSeqs []int64
	var mergedKinds []types.RowKind
	chunks := bw.chunks
	if t.HasPrimaryKey() {
		keys := make([]*vec.Vector, len(t.keyPos))
		for i, p := range t.keyPos {
			k := vec.MustNew(w.colTypes[p], n)
			for _, ch := range bw.chunks {
				k.AppendVector(ch.Cols[p])
			}
			keys[i] = k
		}
		if t.opts.ChangelogProducer() == "input" {
			// Double-write the input rows, unmerged, to changelog files.
			cl, err := w.writeRowsFile(ctx, bw, bw.chunks, sortByKey(keys, n), chunkOf, local, t.opts.ChangelogFilePrefix(),
				func(g int32) int64 { return firstSeq + int64(g) }, nil)
			if err != nil {
				return err
			}
			bw.newChangelog = append(bw.newChangelog, cl...)
		}
		if w.lastWins {
			order = sortedUnique(keys, n)
		} else {
			merged, seqs, kinds, err := w.mergeBuffer(bw, keys, sortByKey(keys, n), chunkOf, local, firstSeq)
			if err != nil {
				return err
			}
			chunks, mergedSeqs, mergedKinds = []*vec.Batch{merged}, seqs, kinds
			chunkOf, local = make([]int32, merged.Len), make([]int32, merged.Len)
			order = make([]int32, merged.Len)
			for i := range order {
				local[i], order[i] = int32(i), int32(i)
			}
		}
	} else {
		order = make([]int32, n)
		for i := range order {
			order[i] = int32(i)
		}
	}
	seqOf := func(g int32) int64 { return firstSeq + int64(g) }
	var kindOf func(int32) types.RowKind
	if mergedSeqs != nil {
		seqOf = func(g int32) int64 { return mergedSeqs[g] }
		kindOf = func(g int32) types.RowKind { return mergedKinds[g] }
	}
	var flushed []manifest.DataFileMeta
	var err error
	if w.spill != nil && (w.spill.spilling || len(bw.runs) > 0) {
		mem, err := newMemRun(w.colTypes, chunks, order, chunkOf, local, seqOf, kindOf)
		if err != nil {
			return err
		}
		if w.spill.spilling {
			// A sorted run on local disk instead of a level-0 file.
			if err := w.writeSpillRun(bw, mem); err != nil {
				return err
			}
			w.memory -= bw.bytes
			bw.chunks, bw.rows, bw.bytes = nil, 0, 0
			return nil
		}
		flushed, err = w.mergeRuns(ctx, bw, mem)
	} else {
		flushed, err = w.writeRowsFile(ctx, bw, chunks, order, chunkOf, local, t.opts.DataFilePrefix(), seqOf, kindOf)
	}
	if err != nil {
		return err
	}
	bw.newFiles = append(bw.newFiles, flushed...)
	w.memory -= bw.bytes
	bw.chunks, bw.rows, bw.bytes = nil, 0, 0
	return w.afterFlush(ctx, bw.key, flushed)
}

// flushBlockRows is the number of sorted rows a flush writes at a time. A
// block is written column by column: each column's rows are gathered from the
// buffer and encoded before the next column's, so the random reads of the
// gather stay within one column of the buffer (a few MB that the caches hold)
// instead of spanning every column at once.
const flushBlockRows = 1 << 16

// writeRowsFile writes the given rows (indices into the chunks, in order) as
// level-0 files with the given name prefix, rolled at target-file-size;
// seqOf gives each row's sequence number, kindOf (nil: the chunk's kind) its kind.
func (w *Writer) writeRowsFile(ctx context.Context, bw *bucketWriter, chunks []*vec.Batch, order, chunkOf, local []int32,
	prefix string, seqOf func(int32) int64, kindOf func(int32) types.RowKind) ([]manifest.DataFileMeta, error) {
	// A file ends after the first whole piece of pieceRows rows that takes it
	// to target-file-size, estimated from the buffer's average row size.
	var bufBytes int64
	bufRows := 0
	for _, ch := range chunks {
		bufBytes += batchBytes(ch)
		bufRows += ch.Len
	}
	rowBytes := max(bufBytes/int64(max(bufRows, 1)), 1)
	target := w.t.opts.TargetFileSize(w.t.HasPrimaryKey())
	pieceBytes := rowBytes * pieceRows
	fileRows := int(max((target+pieceBytes-1)/pieceBytes, 1)) * pieceRows

	g := newSortedGather(chunks, chunkOf, local, seqOf, kindOf)
	var out []manifest.DataFileMeta
	for len(order) > 0 {
		rows := order[:min(fileRows, len(order))]
		order = order[len(rows):]
		fw, err := w.openFile(ctx, bw, prefix)
		if err != nil {
			return out, err
		}
		for len(rows) > 0 {
			block := rows[:min(flushBlockRows, len(rows))]
			rows = rows[len(block):]
			if err := fw.writeSorted(g, block, rowBytes); err != nil {
				fw.abort()
				return out, err
			}
		}
		meta, err := fw.close()
		if err != nil {
			return out, err
		}
		out = append(out, meta)
	}
	return out, nil
}

// sortedGather serves blocks of a buffer's rows in sorted order column by
// column (see flushBlockRows), as gathers from the buffered chunks.
type sortedGather struct {
	chunks         []*vec.Batch
	chunkOf, local []int32 // global row g is row local[g] of chunk chunkOf[g]
	seqOf          func(int32) int64
	kindOf         func(int32) types.RowKind // nil: the chunk's kind

	// The current block: chunk and row of each of its rows, their sequence
	// numbers and kinds.
	from, rows []int32
	seqs       []int64
	kinds      []types.RowKind
	srcs       []*vec.Vector
}

func newSortedGather(chunks []*vec.Batch, chunkOf, local []int32, seqOf func(int32) int64, kindOf func(int32) types.RowKind) *sortedGather {
	return &sortedGather{chunks: chunks, chunkOf: chunkOf, local: local, seqOf: seqOf, kindOf: kindOf,
		srcs: make([]*vec.Vector, len(chunks))}
}

// load makes block (global rows in order) the current block.
func (g *sortedGather) load(block []int32) {
	g.from, g.rows, g.seqs, g.kinds = g.from[:0], g.rows[:0], g.seqs[:0], g.kinds[:0]
	for _, r := range block {
		c, l := g.chunkOf[r], g.local[r]
		g.from, g.rows = append(g.from, c), append(g.rows, l)
		g.seqs = append(g.seqs, g.seqOf(r))
		if g.kindOf != nil {
			g.kinds = append(g.kinds, g.kindOf(r))
		} else {
			g.kinds = append(g.kinds, g.chunks[c].Kind(int(l)))
		}
	}
}

// column returns column c of the current block as a gather from the chunks
// (valid until the next call).
func (g *sortedGather) column(c int) datafile.ColumnRows {
	for i, ch := range g.chunks {
		g.srcs[i] = ch.Cols[c]
	}
	return datafile.ColumnRows{Srcs: g.srcs, From: g.from, Rows: g.rows}
}

// mergeBuffer merges the buffered rows of each key (order: sorted by key,
// ties in arrival order) with the table's merge function, as Paimon's write
// buffer does before a flush. It returns the merged rows in key order with
// their sequence numbers and kinds (a merge may yield a -D, which must reach
// older files).
func (w *Writer) mergeBuffer(bw *bucketWriter, keys []*vec.Vector, order, chunkOf, local []int32, firstSeq int64) (*vec.Batch, []int64, []types.RowKind, error) {
	out, err := vec.NewBatch(w.colTypes, len(order))
	if err != nil {
		return nil, nil, nil, err
	}
	var seqs []int64
	var kinds []types.RowKind
	g := merge.Group{Batches: bw.chunks}
	for i := 0; i < len(order); {
		j := i + 1
		for j < len(order) && vec.CompareRows(keys, int(order[i]), keys, int(order[j])) == 0 {
			j++
		}
		g.Reset()
		for _, r := range order[i:j] {
			c, l := chunkOf[r], local[r]
			g.Add(c, l, bw.chunks[c].Kind(int(l)), firstSeq+int64(r))
		}
		if w.seqCmp != nil {
			merge.SortGroup(&g, w.seqCmp)
		}
		res, err := w.fn.Merge(&g, out)
		if err != nil {
			return nil, nil, nil, fmt.Errorf("table %s: merge buffered rows: %w", w.t.name, err)
		}
		if res.Emitted {
			seqs = append(seqs, res.Seq)
			kinds = append(kinds, res.Kind)
		}
		i = j
	}
	return out, seqs, kinds, nil
}

// fileWriter writes one level-0 data file.
type fileWriter struct {
	w       *Writer
	path    string
	name    string
	out     fileio.Writer
	pw      *datafile.Writer
	cols    []datafile.Column
	kv      *vec.Batch // reused: keys, sequence, kind, values
	minKey  []byte
	maxKey  []byte
	minSeq  int64
	maxSeq  int64
	deletes int64
	rows    int64
	bytes   int64 // estimated raw bytes written, for rolling
	level   int32
	source  int8 // manifest.FileSourceAppend or FileSourceCompact
}

func (w *Writer) openFile(ctx context.Context, bw *bucketWriter, prefix string) (*fileWriter, error) {
	t := w.t
	partDir, err := t.partitionDir([]byte(bw.key.part))
	if err != nil {
		return nil, err
	}
	name := w.names.name(prefix, "."+t.opts.FileFormat())
	p := path.Join(t.bucketDir(partDir, bw.key.bucket), name)
	var cols []datafile.Column
	if t.HasPrimaryKey() {
		cols = datafile.KeyValueColumns(t.keyFields, t.schema.Fields)
	} else {
		cols = datafile.AppendColumns(t.schema.Fields)
	}
	out, err := t.fio.Create(ctx, p)
	if err != nil {
		return nil, fmt.Errorf("table %s: create data file %s: %w", t.name, p, err)
	}
	pw, err := datafile.NewWriter(out, cols, datafile.WriterOptions{
		ZstdLevel:  t.opts.ZstdLevel(),
		StatsModes: w.statsModes(cols),
	})
	if err != nil {
		out.Abort()
		return nil, fmt.Errorf("table %s: data file %s: %w", t.name, p, err)
	}
	fw := &fileWriter{w: w, path: p, name: name, out: out, pw: pw, cols: cols, minSeq: -1, maxSeq: -1,
		source: manifest.FileSourceAppend}
	if t.HasPrimaryKey() {
		// Key columns alias the piece's columns (set per piece); then the
		// sequence and kind columns, then the values.
		fw.kv = &vec.Batch{Cols: make([]*vec.Vector, len(t.keyPos), len(cols))}
		fw.kv.Cols = append(fw.kv.Cols, vec.MustNew(types.NewBigInt().NotNull(), pieceRows), vec.MustNew(types.NewTinyInt().NotNull(), pieceRows))
		fw.kv.Cols = append(fw.kv.Cols, make([]*vec.Vector, len(t.schema.Fields))...)
	}
	return fw, nil
}

// write writes a piece of sorted rows with their sequence numbers and kinds.
func (fw *fileWriter) write(piece *vec.Batch, seqs []int64, kinds []types.RowKind) error {
	t := fw.w.t
	b := piece
	if t.HasPrimaryKey() {
		nk := len(t.keyPos)
		keyAliases := make([]vec.Vector, nk)
		for i, p := range t.keyPos {
			keyAliases[i] = *piece.Cols[p]
			keyAliases[i].Type = fw.cols[i].Type
			fw.kv.Cols[i] = &keyAliases[i]
		}
		fw.addSequences(seqs, kinds)
		copy(fw.kv.Cols[nk+2:], piece.Cols)
		fw.kv.Len = piece.Len
		b = fw.kv
		if fw.minKey == nil {
			k, err := fw.w.keyRow(b, 0)
			if err != nil {
				return err
			}
			fw.minKey = k
		}
		k, err := fw.w.keyRow(b, b.Len-1)
		if err != nil {
			return err
		}
		fw.maxKey = k
	} else {
		fw.addSequences(seqs, nil)
	}
	if err := fw.pw.Write(b); err != nil {
		return fmt.Errorf("table %s: write data file %s: %w", t.name, fw.path, err)
	}
	fw.rows += int64(b.Len)
	fw.bytes += batchBytes(piece)
	return nil
}

// writeSorted writes the rows of block (global rows of g, in order), column
// by column; rowBytes estimates a row's buffered size for rolling.
func (fw *fileWriter) writeSorted(g *sortedGather, block []int32, rowBytes int64) error {
	t := fw.w.t
	g.load(block)
	fw.addSequences(g.seqs, g.kinds)
	column := func(i int) (datafile.ColumnRows, error) { return g.column(i), nil }
	if t.HasPrimaryKey() {
		nk := len(t.keyPos)
		seq, kind := fw.kv.Cols[nk], fw.kv.Cols[nk+1]
		column = func(i int) (datafile.ColumnRows, error) {
			switch {
			case i < nk:
				return g.column(t.keyPos[i]), nil
			case i == nk:
				return datafile.ColumnRows{Vec: seq}, nil
			case i == nk+1:
				return datafile.ColumnRows{Vec: kind}, nil
			}
			return g.column(i - nk - 2), nil
		}
		if fw.minKey == nil {
			k, err := fw.w.keyRowOf(g.chunks[g.from[0]], int(g.rows[0]))
			if err != nil {
				return err
			}
			fw.minKey = k
		}
		last := len(block) - 1
		k, err := fw.w.keyRowOf(g.chunks[g.from[last]], int(g.rows[last]))
		if err != nil {
			return err
		}
		fw.maxKey = k
	}
	if err := fw.pw.WriteColumnar(len(block), column); err != nil {
		return fmt.Errorf("table %s: write data file %s: %w", t.name, fw.path, err)
	}
	fw.rows += int64(len(block))
	fw.bytes += rowBytes * int64(len(block))
	return nil
}

// addSequences records the sequence numbers and kinds of rows about to be
// written: in the _SEQUENCE_NUMBER and _VALUE_KIND columns of a key-value
// file, and in the file's sequence range and delete count.
func (fw *fileWriter) addSequences(seqs []int64, kinds []types.RowKind) {
	if fw.kv != nil {
		nk := len(fw.w.t.keyPos)
		seq, kind := fw.kv.Cols[nk], fw.kv.Cols[nk+1]
		seq.Reset()
		kind.Reset()
		seq.I64 = append(seq.I64, seqs...)
		for _, k := range kinds {
			kind.I8 = append(kind.I8, int8(k))
			if k.IsRetract() {
				fw.deletes++
			}
		}
		seq.Len, kind.Len = len(seqs), len(seqs)
	}
	for _, s := range seqs {
		if fw.minSeq < 0 || s < fw.minSeq {
			fw.minSeq = s
		}
		fw.maxSeq = max(fw.maxSeq, s)
	}
}

func (fw *fileWriter) abort() { fw.out.Abort() }

func (fw *fileWriter) close() (manifest.DataFileMeta, error) {
	t := fw.w.t
	res, err := fw.pw.Close()
	if err != nil {
		fw.out.Abort()
		return manifest.DataFileMeta{}, fmt.Errorf("table %s: write data file %s: %w", t.name, fw.path, err)
	}
	if err := fw.out.Close(); err != nil {
		return manifest.DataFileMeta{}, fmt.Errorf("table %s: close data file %s: %w", t.name, fw.path, err)
	}
	meta, err := fw.w.fileMeta(fw.name, res, fw.cols, fw.minKey, fw.maxKey, fw.minSeq, fw.maxSeq, fw.deletes)
	if err != nil {
		return meta, fmt.Errorf("table %s: data file %s: %w", t.name, fw.path, err)
	}
	meta.Level = fw.level
	src := fw.source
	meta.FileSource = &src
	return meta, nil
}

// keyRowOf serializes the key of row r of a batch in table column order.
func (w *Writer) keyRowOf(b *vec.Batch, r int) ([]byte, error) {
	nk := len(w.keyTypes)
	if w.keyW == nil {
		w.keyW = binaryrow.NewWriter(w.keyTypes)
	}
	w.keyW.Reset()
	for i, p := range w.t.keyPos {
		if err := w.keyW.WriteFromVector(i, b.Cols[p], r); err != nil {
			return nil, err
		}
	}
	return binaryrow.Serialize(nk, w.keyW.Bytes()), nil
}

// keyRow serializes the key of row r of a key-value batch.
func (w *Writer) keyRow(b *vec.Batch, r int) ([]byte, error) {
	nk := len(w.keyTypes)
	if w.keyW == nil {
		w.keyW = binaryrow.NewWriter(w.keyTypes)
	}
	w.keyW.Reset()
	for i := 0; i < nk; i++ {
		if err := w.keyW.WriteFromVector(i, b.Cols[i], r); err != nil {
			return nil, err
		}
	}
	return binaryrow.Serialize(nk, w.keyW.Bytes()), nil
}

func (w *Writer) statsModes(cols []datafile.Column) []datafile.StatsMode {
	modes := make([]datafile.StatsMode, len(cols))
	for i, c := range cols {
		name := c.Name
		if len(name) > len(datafile.KeyFieldPrefix) && name[:len(datafile.KeyFieldPrefix)] == datafile.KeyFieldPrefix {
			name = name[len(datafile.KeyFieldPrefix):]
		}
		m, err := datafile.ParseStatsMode(w.t.opts.FieldStatsMode(name))
		if err != nil {
			m = datafile.StatsMode{}
		}
		modes[i] = m
	}
	return modes
}

// fileMeta builds the manifest's description of a written file.
func (w *Writer) fileMeta(name string, res datafile.Result, cols []datafile.Column, minKey, maxKey []byte, minSeq, maxSeq, deletes int64) (manifest.DataFileMeta, error) {
	t := w.t
	nk := 0
	if t.HasPrimaryKey() {
		nk = len(t.keyFields)
	}
	meta := manifest.DataFileMeta{
		FileName:          name,
		FileSize:          res.FileSize,
		RowCount:          res.RowCount,
		MinSequenceNumber: minSeq,
		MaxSequenceNumber: maxSeq,
		SchemaID:          t.schema.ID,
		Level:             0,
		ExtraFiles:        []string{},
	}
	ct := localWallClockMillis(time.Now())
	meta.CreationTime = &ct
	meta.DeleteRowCount = &deletes
	src := manifest.FileSourceAppend
	meta.FileSource = &src
	if nk > 0 {
		var err error
		meta.MinKey, meta.MaxKey = minKey, maxKey
		if meta.KeyStats, err = encodeStats(fieldTypes(t.keyFields), res.Stats[:nk]); err != nil {
			return meta, fmt.Errorf("key stats: %w", err)
		}
	} else {
		meta.MinKey, meta.MaxKey = binaryrow.EmptyRow(), binaryrow.EmptyRow()
		meta.KeyStats = manifest.EmptyStats()
	}
	valueStart := 0
	if nk > 0 {
		valueStart = nk + 2
	}
	valStats := res.Stats[valueStart:]
	valCols := cols[valueStart:]
	// Dense stats: only columns whose mode is not none, listed in _VALUE_STATS_COLS
	// when that is not every column.
	modes := w.statsModes(valCols)
	var statTypes []types.DataType
	var statVals []datafile.ColumnStats
	var statNames []string
	for i, c := range valCols {
		if t.opts.StatsDenseStore() && modes[i] == datafile.StatsNone {
			continue
		}
		statTypes = append(statTypes, c.Type)
		statVals = append(statVals, valStats[i])
		statNames = append(statNames, c.Name)
	}
	var err error
	if meta.ValueStats, err = encodeStats(statTypes, statVals); err != nil {
		return meta, fmt.Errorf("value stats: %w", err)
	}
	if t.opts.StatsDenseStore() && len(statNames) != len(valCols) {
		meta.ValueStatsCols = &statNames
	}
	return meta, nil
}

// encodeStats turns per-column stats into SimpleStats (min and max BinaryRows
// of the nullable column types, and null counts).
func encodeStats(ts []types.DataType, stats []datafile.ColumnStats) (manifest.SimpleStats, error) {
	nt := nullableTypes(ts)
	mins := make([]any, len(ts))
	maxs := make([]any, len(ts))
	counts := make([]*int64, len(ts))
	for i, s := range stats {
		mins[i], maxs[i], counts[i] = s.Min, s.Max, s.NullCount
	}
	minRow, err := binaryrow.Encode(nt, mins)
	if err != nil {
		return manifest.SimpleStats{}, err
	}
	maxRow, err := binaryrow.Encode(nt, maxs)
	if err != nil {
		return manifest.SimpleStats{}, err
	}
	return manifest.SimpleStats{
		MinValues:  binaryrow.Serialize(len(ts), minRow),
		MaxValues:  binaryrow.Serialize(len(ts), maxRow),
		NullCounts: counts,
	}, nil
}

// localWallClockMillis is Java's LocalDateTime.now() stored as epoch millis:
// Paimon records _CREATION_TIME as the local wall-clock time.
func localWallClockMillis(now time.Time) int64 {
	_, off := now.Zone()
	return now.UnixMilli() + int64(off)*1000
}
