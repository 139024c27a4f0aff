package batch

import (
	"container/heap"
	"io"

	"github.com/weir-data/weir/vec"
	"github.com/weir-data/weir/vec/vecfile"
)

// runMerger merges sorted run files (input columns, then key columns) with a
// heap of cursors.
type runMerger struct {
	keys []SortKey
	nc   int
	h    cursorHeap
	last *runCursor // popped cursor, advanced on the next pop
}

type runCursor struct {
	rd   *vecfile.Reader
	b    *vec.Batch
	row  int
	keys []*vec.Vector
}

func newRunMerger(runs []*spillFile, nc int, keys []SortKey) (*runMerger, error) {
	m := &runMerger{keys: keys, nc: nc}
	m.h.m = m
	for _, r := range runs {
		rd, err := r.reader()
		if err != nil {
			return nil, err
		}
		c := &runCursor{rd: rd}
		ok, err := c.nextBatch(nc)
		if err != nil {
			return nil, err
		}
		if ok {
			m.h.cs = append(m.h.cs, c)
		}
	}
	heap.Init(&m.h)
	return m, nil
}

func (c *runCursor) nextBatch(nc int) (bool, error) {
	for {
		b, err := c.rd.Next()
		if err == io.EOF {
			return false, nil
		}
		if err != nil {
			return false, err
		}
		if b.Len == 0 {
			continue
		}
		c.b, c.row, c.keys = b, 0, b.Cols[nc:]
		return true, nil
	}
}

// pop returns the batch and row of the smallest remaining row; the batch is
// valid until the next pop.
func (m *runMerger) pop() (*vec.Batch, int, bool, error) {
	if c := m.last; c != nil {
		m.last = nil
		c.row++
		if c.row >= c.b.Len {
			ok, err := c.nextBatch(m.nc)
			if err != nil {
				return nil, 0, false, err
			}
			if !ok {
				heap.Pop(&m.h)
			} else {
				heap.Fix(&m.h, 0)
			}
		} else {
			heap.Fix(&m.h, 0)
		}
	}
	if len(m.h.cs) == 0 {
		return nil, 0, false, nil
	}
	c := m.h.cs[0]
	m.last = c
	return c.b, c.row, true, nil
}

type cursorHeap struct {
	m  *runMerger
	cs []*runCursor
}

func (h *cursorHeap) Len() int { return len(h.cs) }
func (h *cursorHeap) Less(i, j int) bool {
	a, b := h.cs[i], h.cs[j]
	return compareKeys(h.m.keys, a.keys, a.row, b.keys, b.row) < 0
}
func (h *cursorHeap) Swap(i, j int) { h.cs[i], h.cs[j] = h.cs[j], h.cs[i] }
func (h *cursorHeap) Push(x any)    { h.cs = append(h.cs, x.(*runCursor)) }
func (h *cursorHeap) Pop() any {
	c := h.cs[len(h.cs)-1]
	h.cs = h.cs[:len(h.cs)-1]
	return c
}
