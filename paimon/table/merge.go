package table

import (
	"container/heap"
	"context"
	"errors"
	"io"

	"github.com/weir-data/weir/paimon/merge"
	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// BatchSource yields batches until io.EOF. A batch (and its vectors) may be
// reused by the source: it is valid until the next call to Next — unless the
// source also implements batchReleaser, whose batches belong to the caller
// until handed back.
type BatchSource interface {
	Next(ctx context.Context) (*vec.Batch, error)
	Close() error
}

// kvLayout describes the columns of a key-value batch: nk key columns, then
// _SEQUENCE_NUMBER (BIGINT), _VALUE_KIND (TINYINT), then the value columns.
type kvLayout struct {
	nk int
}

func (l kvLayout) seqCol() int        { return l.nk }
func (l kvLayout) kindCol() int       { return l.nk + 1 }
func (l kvLayout) valueCol(i int) int { return l.nk + 2 + i }

// cursor walks one sorted run.
type cursor struct {
	src   BatchSource
	batch *vec.Batch
	held  int32 // index of batch in the merger's held list
	row   int
}

// kvMerger merges sorted runs of key-value batches (each sorted by key, then
// sequence number) with a heap, hands each key's records to the table's merge
// function (package merge), and emits batches of merged value rows; rows the
// merge retracts (-U/-D results) are dropped, as a batch read does.
//
// For deduplicate and first-row the winner is one input row: its position is
// collected and every output column is gathered at once. The other engines
// append merged rows to a full-width batch, projected on output.
type kvMerger struct {
	layout kvLayout
	fn     merge.Function
	seqCmp *merge.SequenceComparator // nil without sequence.field
	pick   bool                      // the merge picks an input row (deduplicate, first-row)
	// lastWins: plain deduplicate (no ignore-delete, no sequence.field) —
	// the newest record wins, so the group need not be handed to fn.
	lastWins bool
	proj     []int            // output columns as value-column indices (append mode)
	types    []types.DataType // the value columns of the held batches
	h        cursorHeap
	max      int // output batch size

	held      []*vec.Batch
	heldSrc   []BatchSource // source of held[i], to hand released batches back
	heldLevel []int32       // LSM level of the file held[i] came from
	free      []*vec.Batch  // held copies no longer referenced, for reuse

	// lookupMerge applies Paimon's LookupMergeFunction (tables that need
	// lookup, except first-row): of a key's records above level 0 only the
	// one on the lowest level takes part, because every lookup compaction
	// writes the fully merged value there.
	lookupMerge bool
	// hook, when set, sees every key group before and after merging
	// (changelog producers of compactions).
	hook groupHook

	group     merge.Group
	groupKeys []*vec.Vector
	groupRow  int

	from, rows []int32    // pick mode: pending output rows
	full       *vec.Batch // append mode: pending merged rows, every value column
	out        *vec.Batch // the output batch, reused by every Next

	// Compaction mode: keepRetract keeps -U/-D results (they must still
	// delete older versions below the output level), and every output row's
	// sequence number and kind are reported in outSeqs/outKinds.
	keepRetract bool
	seqs        []int64
	kinds       []types.RowKind
	outSeqs     []int64
	outKinds    []types.RowKind
}

// record notes the sequence number and kind of a pending output row.
func (m *kvMerger) record(seq int64, kind types.RowKind) {
	m.seqs = append(m.seqs, seq)
	m.kinds = append(m.kinds, kind)
}

// keep reports whether a merged row of this kind is output.
func (m *kvMerger) keep(kind types.RowKind) bool { return kind.IsAdd() || m.keepRetract }

// newKVMerger merges runs whose batches hold the value columns of the given
// types; proj selects the output columns among them (nil: all).
func newKVMerger(ctx context.Context, layout kvLayout, fn merge.Function, seqCmp *merge.SequenceComparator, ignoreDelete bool,
	valueTypes []types.DataType, proj []int, runs []BatchSource, batchSize int) (*kvMerger, error) {
	e := fn.Engine()
	m := &kvMerger{layout: layout, fn: fn, seqCmp: seqCmp, types: valueTypes, max: batchSize,
		pick: (e == "deduplicate" || e == "first-row") && seqCmp == nil}
	if proj == nil {
		proj = make([]int, len(valueTypes))
		for i := range proj {
			proj[i] = i
		}
	}
	m.proj = proj
	m.lastWins = e == "deduplicate" && seqCmp == nil && !ignoreDelete
	m.group.Offset = layout.valueCol(0)
	m.h.layout = layout
	for _, r := range runs {
		c := &cursor{src: r}
		ok, err := m.advanceBatch(ctx, c)
		if err != nil {
			return nil, err
		}
		if ok {
			m.h.items = append(m.h.items, c)
		}
	}
	heap.Init(&m.h)
	if !m.pick {
		full, err := vec.NewBatch(valueTypes, batchSize)
		if err != nil {
			return nil, err
		}
		m.full = full
	}
	return m, nil
}

// advanceBatch loads the next non-empty batch into c; false at the end of its run.
func (m *kvMerger) advanceBatch(ctx context.Context, c *cursor) (bool, error) {
	for {
		b, err := c.src.Next(ctx)
		if errors.Is(err, io.EOF) {
			c.batch = nil
			return false, nil
		}
		if err != nil {
			return false, err
		}
		if b.Len == 0 {
			continue
		}
		// The merge holds rows of several batches per source until it emits
		// them. A releasing source hands over its batches (given back once
		// emitted); any other source's batch is copied into recycled memory.
		own := b
		if _, ok := c.src.(batchReleaser); !ok {
			if n := len(m.free); n > 0 {
				own, m.free = m.free[n-1], m.free[:n-1]
				own.CopyFrom(b)
			} else {
				own = b.Clone()
			}
		}
		c.batch, c.row = own, 0
		c.held = m.hold(c.batch, c.src, sourceLevel(c.src))
		return true, nil
	}
}

func (m *kvMerger) pending() int {
	if m.pick {
		return len(m.rows)
	}
	return m.full.Len
}

// Next returns the next batch of merged value rows, or io.EOF.
func (m *kvMerger) Next(ctx context.Context) (*vec.Batch, error) {
	if !m.pick && m.full.Len > 0 {
		m.full.Reset() // the previous output aliased it
	}
	nk := m.layout.nk
	for m.pending() < m.max {
		if m.h.Len() == 0 {
			if err := m.flushGroup(); err != nil {
				return nil, err
			}
			break
		}
		c := m.h.items[0]
		keys := c.batch.Cols[:nk]
		if m.group.Len() > 0 && vec.CompareRows(m.groupKeys, m.groupRow, keys, c.row) != 0 {
			if err := m.flushGroup(); err != nil {
				return nil, err
			}
		}
		if m.group.Len() == 0 {
			m.groupKeys, m.groupRow = keys, c.row
		}
		kind := types.RowKind(c.batch.Cols[m.layout.kindCol()].I8[c.row])
		m.group.Add(c.held, int32(c.row), kind, c.batch.Cols[m.layout.seqCol()].I64[c.row])
		c.row++
		if c.row >= c.batch.Len {
			ok, err := m.advanceBatch(ctx, c)
			if err != nil {
				return nil, err
			}
			if !ok {
				heap.Pop(&m.h)
				continue
			}
		}
		heap.Fix(&m.h, 0)
	}
	if m.pending() == 0 {
		return nil, io.EOF
	}
	return m.emit()
}

// flushGroup merges the current key group.
func (m *kvMerger) flushGroup() error {
	if m.group.Len() == 0 {
		return nil
	}
	m.group.Batches = m.held
	defer m.group.Reset()
	if m.lookupMerge {
		m.dropStaleHighLevels()
	}
	if m.hook != nil {
		skip, err := m.hook.before(m)
		if err != nil || skip {
			return err
		}
		m.group.Batches = m.held // the hook may have held a looked-up batch
	}
	if m.seqCmp != nil {
		merge.SortGroup(&m.group, m.seqCmp)
	}
	var out mergedRow
	n := 0
	switch {
	case m.lastWins:
		last := m.group.Len() - 1
		out = m.pickedRow(last, m.group.Kinds[last], m.group.Seqs[last])
	case m.pick:
		res, err := m.fn.Merge(&m.group, nil)
		if err != nil {
			return err
		}
		if res.Emitted {
			out = m.pickedRow(res.Pick, res.Kind, res.Seq)
		}
	default:
		n = m.full.Len
		res, err := m.fn.Merge(&m.group, m.full)
		if err != nil {
			return err
		}
		if res.Emitted {
			out = mergedRow{ok: true, kind: res.Kind, seq: res.Seq, batch: m.full, row: n, level: -1}
		}
	}
	if m.hook != nil {
		if err := m.hook.after(m, out); err != nil {
			return err
		}
	}
	switch {
	case out.ok && m.keep(out.kind):
		if m.pick || m.lastWins {
			m.from = append(m.from, out.held)
			m.rows = append(m.rows, int32(out.row))
		}
		m.record(out.seq, out.kind)
	case out.ok && !m.pick && !m.lastWins:
		m.full.Truncate(n) // the key is removed
	}
	return nil
}

// mergedRow is the outcome of merging one key: the merged record's kind and
// sequence number and where its value columns are (batch row row, value
// columns from off); ok is false when the merge produced nothing.
type mergedRow struct {
	ok    bool
	kind  types.RowKind
	seq   int64
	batch *vec.Batch
	off   int
	row   int
	held  int32 // pick modes: index of batch in the held list
	level int32 // pick modes: level of the picked record; -1 for a merged row
}

// pickedRow describes group record k as the merge result.
func (m *kvMerger) pickedRow(k int, kind types.RowKind, seq int64) mergedRow {
	r := m.group.Refs[k]
	return mergedRow{ok: true, kind: kind, seq: seq, batch: m.held[r.Batch], off: m.layout.valueCol(0),
		row: int(r.Row), held: r.Batch, level: m.heldLevel[r.Batch]}
}

// groupHook observes key groups during a compaction. before may add records
// to the group (with hold) or skip the key entirely; after sees the merge
// result before it is emitted.
type groupHook interface {
	before(m *kvMerger) (skip bool, err error)
	after(m *kvMerger, out mergedRow) error
}

// levelOf returns the level of group record k.
func (m *kvMerger) levelOf(k int) int32 { return m.heldLevel[m.group.Refs[k].Batch] }

// dropStaleHighLevels keeps, of the group's records above level 0, only
// those on the lowest such level (LookupMergeFunction.pickHighLevel).
func (m *kvMerger) dropStaleHighLevels() {
	g := &m.group
	low := int32(-1)
	for k := range g.Refs {
		if l := m.levelOf(k); l > 0 && (low < 0 || l < low) {
			low = l
		}
	}
	if low < 0 {
		return
	}
	j := 0
	for k := range g.Refs {
		if l := m.levelOf(k); l <= 0 || l == low {
			g.Refs[j], g.Kinds[j], g.Seqs[j] = g.Refs[k], g.Kinds[k], g.Seqs[k]
			j++
		}
	}
	g.Refs, g.Kinds, g.Seqs = g.Refs[:j], g.Kinds[:j], g.Seqs[:j]
}

// hold adds a batch to the held list and returns its index.
func (m *kvMerger) hold(b *vec.Batch, src BatchSource, level int32) int32 {
	m.held = append(m.held, b)
	m.heldSrc = append(m.heldSrc, src)
	m.heldLevel = append(m.heldLevel, level)
	return int32(len(m.held) - 1)
}

// holdPinned holds a batch owned elsewhere (a looked-up file), once per
// emitted batch; it is never recycled.
func (m *kvMerger) holdPinned(b *vec.Batch, level int32) int32 {
	for i := len(m.held) - 1; i >= 0; i-- {
		if m.held[i] == b {
			return int32(i)
		}
	}
	return m.hold(b, pinnedSource{}, level)
}

// pinnedSource stands for the owner of batches held with holdPinned.
type pinnedSource struct{}

func (pinnedSource) Next(context.Context) (*vec.Batch, error) { return nil, io.EOF }
func (pinnedSource) Close() error                             { return nil }
func (pinnedSource) Release(*vec.Batch)                       {}

// leveledSource is a source that knows the LSM level of the file its last
// batch came from.
type leveledSource interface {
	level() int32
}

func sourceLevel(src BatchSource) int32 {
	if l, ok := src.(leveledSource); ok {
		return l.level()
	}
	return 0
}

func (m *kvMerger) emit() (*vec.Batch, error) {
	if m.out == nil {
		m.out = &vec.Batch{Cols: make([]*vec.Vector, len(m.proj))}
		if m.pick {
			for i, p := range m.proj {
				v, err := vec.New(m.types[p], m.max)
				if err != nil {
					return nil, err
				}
				m.out.Cols[i] = v
			}
		}
	}
	out := m.out
	if m.pick {
		out.Len = len(m.rows)
		srcs := make([]*vec.Vector, len(m.held))
		for i, p := range m.proj {
			v := out.Cols[i]
			v.Reset()
			col := m.layout.valueCol(p)
			for h, b := range m.held {
				srcs[h] = b.Cols[col]
			}
			v.AppendGather(srcs, m.from, m.rows)
		}
		m.from, m.rows = m.from[:0], m.rows[:0]
	} else {
		out.Len = m.full.Len
		for i, p := range m.proj {
			out.Cols[i] = m.full.Cols[p]
		}
	}
	m.outSeqs, m.outKinds = append(m.outSeqs[:0], m.seqs...), append(m.outKinds[:0], m.kinds...)
	m.seqs, m.kinds = m.seqs[:0], m.kinds[:0]
	m.release()
	return out, nil
}

// release hands back the held batches that no cursor or pending group
// references any more, and renumbers the rest.
func (m *kvMerger) release() {
	keep := map[int32]int32{}
	var held []*vec.Batch
	var heldSrc []BatchSource
	var heldLevel []int32
	remap := func(old int32) int32 {
		if n, ok := keep[old]; ok {
			return n
		}
		n := int32(len(held))
		held = append(held, m.held[old])
		heldSrc = append(heldSrc, m.heldSrc[old])
		heldLevel = append(heldLevel, m.heldLevel[old])
		keep[old] = n
		return n
	}
	for _, c := range m.h.items {
		c.held = remap(c.held)
	}
	for i := range m.group.Refs {
		m.group.Refs[i].Batch = remap(m.group.Refs[i].Batch)
	}
	for old, b := range m.held {
		if _, kept := keep[int32(old)]; kept {
			continue
		}
		if r, ok := m.heldSrc[old].(batchReleaser); ok {
			r.Release(b)
		} else {
			m.free = append(m.free, b)
		}
	}
	m.held, m.heldSrc, m.heldLevel = held, heldSrc, heldLevel
}

// Close closes every run.
func (m *kvMerger) Close() error {
	var errs []error
	for _, c := range m.h.items {
		errs = append(errs, c.src.Close())
	}
	return errors.Join(errs...)
}

type cursorHeap struct {
	layout kvLayout
	items  []*cursor
}

func (h *cursorHeap) Len() int { return len(h.items) }
func (h *cursorHeap) Less(i, j int) bool {
	a, b := h.items[i], h.items[j]
	nk := h.layout.nk
	if r := vec.CompareRows(a.batch.Cols[:nk], a.row, b.batch.Cols[:nk], b.row); r != 0 {
		return r < 0
	}
	return a.batch.Cols[nk].I64[a.row] < b.batch.Cols[nk].I64[b.row]
}
func (h *cursorHeap) Swap(i, j int) { h.items[i], h.items[j] = h.items[j], h.items[i] }
func (h *cursorHeap) Push(x any)    { h.items = append(h.items, x.(*cursor)) }
func (h *cursorHeap) Pop() any {
	n := len(h.items)
	x := h.items[n-1]
	h.items = h.items[:n-1]
	return x
}
