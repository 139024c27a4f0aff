package table

import (
	"container/heap"
	"context"
	"errors"
	"io"

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

func (l kvLayout) seqCol() int  { return l.nk }
func (l kvLayout) kindCol() int { return l.nk + 1 }
func (l kvLayout) valueCol(i int) int {
	return l.nk + 2 + i
}

// cursor walks one sorted run.
type cursor struct {
	src   BatchSource
	batch *vec.Batch
	held  int32 // index of batch in the merger's held list
	row   int
}

// dedupMerger merges sorted runs of key-value batches (each sorted by key, then
// sequence number) and keeps, per key, the record with the highest sequence
// number — Paimon's deduplicate merge function. Records whose winner is a
// retraction (-U/-D) are dropped. It emits batches of the value columns only.
type dedupMerger struct {
	layout  kvLayout
	nValues int
	valTyps []types.DataType
	h       cursorHeap
	max     int // output batch size

	// pending output, gathered per column at flush
	held []*vec.Batch
	free []*vec.Batch // held copies no longer referenced, for reuse
	// heldSrc[i] is the source of held[i], to hand released batches back.
	heldSrc []BatchSource
	out     *vec.Batch // the output batch, reused by every Next
	from    []int32
	rows    []int32

	// current key group candidate
	hasCand  bool
	candHeld int32
	candRow  int32
	candKeys []*vec.Vector
	candKind types.RowKind

	// partialUpdate switches to Paimon's partial-update merge: per value column
	// the newest non-null value wins. group holds the key group's rows in
	// sequence order; colFrom/colRows the pending output per column.
	partialUpdate bool
	ignoreDelete  bool
	removeOnDel   bool
	group         []pick
	colFrom       [][]int32
	colRows       [][]int32
	err           error
}

type pick struct {
	held int32
	row  int32
	kind types.RowKind
}

func newDedupMerger(ctx context.Context, layout kvLayout, valueTypes []types.DataType, runs []BatchSource, batchSize int) (*dedupMerger, error) {
	m := &dedupMerger{layout: layout, nValues: len(valueTypes), valTyps: valueTypes, max: batchSize}
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
	return m, nil
}

// advanceBatch loads the next non-empty batch into c; false at the end of its run.
func (m *dedupMerger) advanceBatch(ctx context.Context, c *cursor) (bool, error) {
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
		c.held = int32(len(m.held))
		m.held = append(m.held, c.batch)
		m.heldSrc = append(m.heldSrc, c.src)
		return true, nil
	}
}

// Next returns the next batch of merged value rows, or io.EOF.
func (m *dedupMerger) Next(ctx context.Context) (*vec.Batch, error) {
	nk := m.layout.nk
	for len(m.rows) < m.max {
		if m.h.Len() == 0 {
			m.flushCand()
			break
		}
		c := m.h.items[0]
		keys := c.batch.Cols[:nk]
		if m.hasCand && vec.CompareRows(m.candKeys, int(m.candRow), keys, c.row) != 0 {
			m.flushCand()
		}
		// c's row is the newest so far of its key (heap order: key, then sequence).
		m.hasCand = true
		m.candHeld, m.candRow, m.candKeys = c.held, int32(c.row), keys
		m.candKind = types.RowKind(c.batch.Cols[m.layout.kindCol()].I8[c.row])
		if m.partialUpdate {
			m.group = append(m.group, pick{c.held, int32(c.row), m.candKind})
		}
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
	if m.err != nil {
		return nil, m.err
	}
	if len(m.rows) == 0 {
		return nil, io.EOF
	}
	return m.emit()
}

func (m *dedupMerger) flushCand() {
	if !m.hasCand {
		return
	}
	m.hasCand = false
	if m.partialUpdate {
		m.flushPartial()
		return
	}
	if m.candKind.IsAdd() {
		m.from = append(m.from, m.candHeld)
		m.rows = append(m.rows, m.candRow)
	}
}

// flushPartial merges a key group as Paimon's partial-update engine does.
func (m *dedupMerger) flushPartial() {
	g := m.group
	m.group = m.group[:0]
	start := 0
	for i, p := range g {
		if !p.kind.IsRetract() {
			continue
		}
		switch {
		case m.ignoreDelete:
		case m.removeOnDel && p.kind == types.Delete:
			start = i + 1 // the record is removed; later rows start a new one
		default:
			if m.err == nil {
				m.err = errPartialUpdateDelete
			}
			return
		}
	}
	var adds []pick
	for _, p := range g[start:] {
		if p.kind.IsAdd() {
			adds = append(adds, p)
		}
	}
	if len(adds) == 0 {
		return
	}
	if m.colFrom == nil {
		m.colFrom = make([][]int32, m.nValues)
		m.colRows = make([][]int32, m.nValues)
	}
	for c := 0; c < m.nValues; c++ {
		col := m.layout.valueCol(c)
		chosen := adds[len(adds)-1]
		for k := len(adds) - 1; k >= 0; k-- {
			if !m.held[adds[k].held].Cols[col].IsNull(int(adds[k].row)) {
				chosen = adds[k]
				break
			}
		}
		m.colFrom[c] = append(m.colFrom[c], chosen.held)
		m.colRows[c] = append(m.colRows[c], chosen.row)
	}
	// m.rows counts output rows; per-column picks live in colFrom/colRows.
	m.rows = append(m.rows, 0)
	m.from = append(m.from, 0)
}

var errPartialUpdateDelete = errors.New("partial-update can not accept delete records by default: " +
	"set 'ignore-delete' = 'true' to ignore them, or 'partial-update.remove-record-on-delete' = 'true' " +
	"to remove the whole row on -D")

func (m *dedupMerger) emit() (*vec.Batch, error) {
	if m.out == nil {
		m.out = &vec.Batch{Cols: make([]*vec.Vector, m.nValues)}
		for i := range m.out.Cols {
			v, err := vec.New(m.valTyps[i], m.max)
			if err != nil {
				return nil, err
			}
			m.out.Cols[i] = v
		}
	}
	out := m.out
	out.Len = len(m.rows)
	srcs := make([]*vec.Vector, len(m.held))
	for i := 0; i < m.nValues; i++ {
		v := out.Cols[i]
		v.Reset()
		col := m.layout.valueCol(i)
		for h, b := range m.held {
			srcs[h] = b.Cols[col]
		}
		if m.partialUpdate {
			v.AppendGather(srcs, m.colFrom[i], m.colRows[i])
			m.colFrom[i], m.colRows[i] = m.colFrom[i][:0], m.colRows[i][:0]
		} else {
			v.AppendGather(srcs, m.from, m.rows)
		}
	}
	m.from, m.rows = m.from[:0], m.rows[:0]
	// Keep only the batches still referenced: each live cursor's current batch,
	// and the candidate's batch.
	keep := map[int32]int32{}
	var held []*vec.Batch
	var heldSrc []BatchSource
	remap := func(old int32) int32 {
		if n, ok := keep[old]; ok {
			return n
		}
		n := int32(len(held))
		held = append(held, m.held[old])
		heldSrc = append(heldSrc, m.heldSrc[old])
		keep[old] = n
		return n
	}
	for _, c := range m.h.items {
		c.held = remap(c.held)
	}
	if m.hasCand {
		m.candHeld = remap(m.candHeld)
		m.candKeys = held[m.candHeld].Cols[:m.layout.nk]
	}
	for i := range m.group {
		m.group[i].held = remap(m.group[i].held)
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
	m.held, m.heldSrc = held, heldSrc
	return out, nil
}

// Close closes every run.
func (m *dedupMerger) Close() error {
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
	sa := a.batch.Cols[nk].I64[a.row]
	sb := b.batch.Cols[nk].I64[b.row]
	return sa < sb
}
func (h *cursorHeap) Swap(i, j int) { h.items[i], h.items[j] = h.items[j], h.items[i] }
func (h *cursorHeap) Push(x any)    { h.items = append(h.items, x.(*cursor)) }
func (h *cursorHeap) Pop() any {
	n := len(h.items)
	x := h.items[n-1]
	h.items = h.items[:n-1]
	return x
}
