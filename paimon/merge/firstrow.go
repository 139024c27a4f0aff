package merge

import (
	"errors"

	"github.com/weir-data/weir/vec"
)

// ErrFirstRowRetract is FirstRowMergeFunction's error for a -U/-D record
// without ignore-delete.
var ErrFirstRowRetract = errors.New("By default, First row merge engine can not accept DELETE/UPDATE_BEFORE records.\n" +
	"You can config 'ignore-delete' to ignore the DELETE/UPDATE_BEFORE records.")

// firstRow is Paimon's FirstRowMergeFunction: the first record of the group
// wins. Any retraction fails unless ignore-delete, which skips it.
type firstRow struct {
	ignoreDelete bool
}

func newFirstRow(c *config) (*firstRow, error) {
	if len(c.seqField) > 0 {
		return nil, cfgErr("sequence.field", "", "Do not support use sequence field on FIRST_ROW merge engine.")
	}
	return &firstRow{ignoreDelete: c.opts.IgnoreDelete()}, nil
}

func (f *firstRow) Engine() string { return "first-row" }

func (f *firstRow) Merge(g *Group, out *vec.Batch) (Result, error) {
	first := -1
	for k, kind := range g.Kinds {
		if kind.IsRetract() {
			if f.ignoreDelete {
				continue
			}
			return Result{Pick: -1}, ErrFirstRowRetract
		}
		if first < 0 {
			first = k
		}
	}
	if first < 0 {
		return Result{Pick: -1}, nil
	}
	kind := g.Kinds[first]
	if out != nil {
		appendRecord(g, first, out, kind)
	}
	return Result{Emitted: true, Kind: kind, Seq: g.Seqs[first], Pick: first}, nil
}
