package table

import (
	"context"
	"fmt"
	"strings"

	"github.com/weir-data/weir/paimon/manifest"
	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// changelogMode says how a compaction step treats each key.
type changelogMode int

const (
	// lookupChangelog is Paimon's LookupChangelogMergeFunctionWrapper: a key
	// with level-0 records compares its newest version above level 0 (in the
	// step, or looked up in the levels above the output level) with the
	// merged result, and the looked-up version takes part in the merge.
	lookupChangelog changelogMode = iota
	// firstRowChangelog is FirstRowMergeFunctionWrapper: a key already on a
	// level above the output level is dropped; a first appearance from
	// level 0 is a +I.
	firstRowChangelog
	// fullChangelog is FullChangelogMergeFunctionWrapper: the record on the
	// max level (the state before the full compaction) against the merged
	// result.
	fullChangelog
)

// compactChangelog is the groupHook of a compaction step that produces
// changelog (or, for lookup tables without a lookup changelog producer, only
// looks up older versions to merge). Changelog rows are written to
// changelog-* files on the step's output level.
type compactChangelog struct {
	ctx         context.Context
	t           *Table
	mode        changelogMode
	produce     bool // write changelog rows
	outputLevel int
	maxLevel    int
	lookup      *lookupLevels // lookup and first-row modes
	nk          int
	dedup       bool  // changelog-producer.row-deduplicate
	cmpCols     []int // value columns compared by row-deduplicate

	// The current key.
	containL0 bool
	single    bool
	old       mergedRow // the version before: top level, high level or looked up

	w     *Writer
	bw    *bucketWriter
	buf   *vec.Batch // pending changelog rows, every value column
	seqs  []int64
	kinds []types.RowKind
	fw    *fileWriter
	files []manifest.DataFileMeta
}

// newCompactChangelog prepares a step's changelog; lookup may be nil for
// full-compaction changelog.
func (t *Table) newCompactChangelog(ctx context.Context, w *Writer, bw *bucketWriter, mode changelogMode, produce bool,
	outputLevel, maxLevel int, lookup *lookupLevels) (*compactChangelog, error) {
	c := &compactChangelog{ctx: ctx, t: t, mode: mode, produce: produce, outputLevel: outputLevel, maxLevel: maxLevel,
		lookup: lookup, nk: len(t.keyFields), dedup: t.opts.ChangelogRowDeduplicate(), w: w, bw: bw}
	ignore := map[string]bool{}
	if v, ok := t.opts.Get("changelog-producer.row-deduplicate-ignore-fields"); ok {
		for _, f := range strings.Split(v, ",") {
			ignore[strings.TrimSpace(f)] = true
		}
	}
	for i, f := range t.schema.Fields {
		if !ignore[f.Name] {
			c.cmpCols = append(c.cmpCols, i)
		}
	}
	if produce {
		buf, err := vec.NewBatch(fieldTypes(t.schema.Fields), pieceRows)
		if err != nil {
			return nil, err
		}
		c.buf = buf
	}
	return c, nil
}

func (c *compactChangelog) before(m *kvMerger) (bool, error) {
	g := &m.group
	c.old, c.containL0, c.single = mergedRow{}, false, g.Len() == 1
	switch c.mode {
	case fullChangelog:
		for k := range g.Refs {
			if int(m.levelOf(k)) == c.maxLevel {
				c.old = m.pickedRow(k, g.Kinds[k], g.Seqs[k])
			}
		}
		return false, nil
	case firstRowChangelog:
		r := g.Refs[0]
		_, _, _, found, err := c.lookup.lookup(c.ctx, m.held[r.Batch].Cols[:c.nk], int(r.Row), c.outputLevel+1)
		return found, err
	}
	high := -1
	for k := range g.Refs {
		switch l := m.levelOf(k); {
		case l == 0:
			c.containL0 = true
		case l > 0:
			high = k
		}
	}
	if !c.containL0 {
		return false, nil
	}
	if high >= 0 {
		c.old = m.pickedRow(high, g.Kinds[high], g.Seqs[high])
		return false, nil
	}
	r := g.Refs[0]
	b, row, level, found, err := c.lookup.lookup(c.ctx, m.held[r.Batch].Cols[:c.nk], int(r.Row), c.outputLevel+1)
	if err != nil || !found {
		return false, err
	}
	// The looked-up version is older than every record of the step: it
	// goes first (sequence.field ordering re-sorts the group afterwards).
	h := m.holdPinned(b, level)
	kind, seq := types.RowKind(b.Cols[c.nk+1].I8[row]), b.Cols[c.nk].I64[row]
	g.Refs = append(g.Refs, g.Refs[0])
	copy(g.Refs[1:], g.Refs)
	g.Refs[0].Batch, g.Refs[0].Row = h, int32(row)
	g.Kinds = append(g.Kinds, 0)
	copy(g.Kinds[1:], g.Kinds)
	g.Kinds[0] = kind
	g.Seqs = append(g.Seqs, 0)
	copy(g.Seqs[1:], g.Seqs)
	g.Seqs[0] = seq
	c.old = mergedRow{ok: true, kind: kind, seq: seq, batch: b, off: c.nk + 2, row: row, held: h, level: level}
	return false, nil
}

func (c *compactChangelog) after(_ *kvMerger, out mergedRow) error {
	if !c.produce {
		return nil
	}
	switch c.mode {
	case firstRowChangelog:
		if out.ok && out.level == 0 && out.kind.IsAdd() {
			return c.emit(types.Insert, out)
		}
		return nil
	case fullChangelog:
		if c.single {
			if !c.old.ok && out.ok && out.kind.IsAdd() {
				return c.emit(types.Insert, out)
			}
			return nil
		}
	case lookupChangelog:
		if !c.containL0 {
			return nil
		}
	}
	before := c.old
	switch {
	case !before.ok || !before.kind.IsAdd():
		if out.ok && out.kind.IsAdd() {
			return c.emit(types.Insert, out)
		}
	case !out.ok || !out.kind.IsAdd():
		return c.emit(types.Delete, before)
	case !c.dedup || !c.equal(before, out):
		if err := c.emit(types.UpdateBefore, before); err != nil {
			return err
		}
		return c.emit(types.UpdateAfter, out)
	}
	return nil
}

// equal compares the value columns of two versions for row-deduplicate.
func (c *compactChangelog) equal(a, b mergedRow) bool {
	for _, col := range c.cmpCols {
		if vec.Compare(a.batch.Cols[a.off+col], a.row, b.batch.Cols[b.off+col], b.row) != 0 {
			return false
		}
	}
	return true
}

// emit appends a changelog row with the given kind and the version's values
// and sequence number.
func (c *compactChangelog) emit(kind types.RowKind, v mergedRow) error {
	for i, dst := range c.buf.Cols {
		dst.AppendFrom(v.batch.Cols[v.off+i], v.row)
	}
	c.buf.Len++
	c.seqs = append(c.seqs, v.seq)
	c.kinds = append(c.kinds, kind)
	if c.buf.Len >= pieceRows {
		return c.flush(false)
	}
	return nil
}

// flush writes the pending rows; with last it closes the current file.
func (c *compactChangelog) flush(last bool) error {
	if c.buf != nil && c.buf.Len > 0 {
		if c.fw == nil {
			fw, err := c.w.openFile(c.ctx, c.bw, c.t.opts.ChangelogFilePrefix())
			if err != nil {
				return err
			}
			fw.level, fw.source = int32(c.outputLevel), manifest.FileSourceCompact
			c.fw = fw
		}
		if err := c.fw.write(c.buf, c.seqs, c.kinds); err != nil {
			c.fw.abort()
			c.fw = nil
			return err
		}
		c.buf.Reset()
		c.seqs, c.kinds = c.seqs[:0], c.kinds[:0]
	}
	if c.fw != nil && (last || c.fw.bytes >= c.t.opts.TargetFileSize(true)) {
		meta, err := c.fw.close()
		c.fw = nil
		if err != nil {
			return err
		}
		c.files = append(c.files, meta)
	}
	return nil
}

// finish writes what is pending and returns the changelog files.
func (c *compactChangelog) finish() ([]manifest.DataFileMeta, error) {
	if err := c.flush(true); err != nil {
		return c.files, fmt.Errorf("table %s: write compaction changelog: %w", c.t.name, err)
	}
	return c.files, nil
}

// abort deletes an unfinished changelog file.
func (c *compactChangelog) abort() {
	if c.fw != nil {
		c.fw.abort()
		c.fw = nil
	}
}
