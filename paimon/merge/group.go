package merge

import (
	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// Ref locates one record of a key group: row Row of Group.Batches[Batch].
type Ref struct {
	Batch int32
	Row   int32
}

// Group is all records of one key in merge order (see the package doc). The
// value column c of record k is Batches[Refs[k].Batch].Cols[Offset+c].
type Group struct {
	Batches []*vec.Batch
	// Offset is the index of the first value column in each batch (0 when the
	// batches hold only value columns; the key-value layout of data files puts
	// the key columns, _SEQUENCE_NUMBER and _VALUE_KIND first).
	Offset int
	Refs   []Ref
	Kinds  []types.RowKind
	Seqs   []int64
}

// Reset empties the group, keeping its memory (Batches and Offset are kept).
func (g *Group) Reset() {
	g.Refs, g.Kinds, g.Seqs = g.Refs[:0], g.Kinds[:0], g.Seqs[:0]
}

// Add appends a record.
func (g *Group) Add(batch, row int32, kind types.RowKind, seq int64) {
	g.Refs = append(g.Refs, Ref{Batch: batch, Row: row})
	g.Kinds = append(g.Kinds, kind)
	g.Seqs = append(g.Seqs, seq)
}

// Len returns the number of records.
func (g *Group) Len() int { return len(g.Refs) }

// col returns value column c of record k and the record's row.
func (g *Group) col(k, c int) (*vec.Vector, int) {
	r := g.Refs[k]
	return g.Batches[r.Batch].Cols[g.Offset+c], int(r.Row)
}

// Result describes what Merge produced.
type Result struct {
	// Emitted reports whether a row was appended to out.
	Emitted bool
	// Kind is the row kind of the merged record (see the package doc).
	Kind types.RowKind
	// Seq is the _SEQUENCE_NUMBER of the merged record, as Paimon sets it:
	// the winner's for deduplicate and first-row, the last record's for
	// aggregation, the last non-ignored record's for partial-update.
	Seq int64
	// Pick is, for deduplicate and first-row, the index in the group of the
	// record whose row was emitted unchanged; -1 for the other engines.
	Pick int
}

// Function merges key groups. Implementations keep scratch state: one
// Function per goroutine.
type Function interface {
	// Engine returns the merge-engine name.
	Engine() string
	// Merge merges one non-empty key group and appends the merged row to out,
	// whose columns must be the value columns (same types as the fields given
	// to New). For deduplicate and first-row out may be nil: nothing is copied
	// and the caller uses Result.Pick.
	Merge(g *Group, out *vec.Batch) (Result, error)
}

// appendKind records the row kind of the row just appended to out.
func appendKind(out *vec.Batch, kind types.RowKind) {
	if out.Kinds != nil || kind != types.Insert {
		if out.Kinds == nil {
			out.Kinds = make([]types.RowKind, out.Len, out.Len+1)
		}
		out.Kinds = append(out.Kinds, kind)
	}
	out.Len++
}

// appendRecord copies every value column of record k to out.
func appendRecord(g *Group, k int, out *vec.Batch, kind types.RowKind) {
	for c, dst := range out.Cols {
		v, row := g.col(k, c)
		dst.AppendFrom(v, row)
	}
	appendKind(out, kind)
}
