package merge

import (
	"github.com/weir-data/weir/vec"
)

// deduplicate is Paimon's DeduplicateMergeFunction: the last record of the
// group wins, with its row kind. With ignore-delete, retractions (-U/-D) are
// skipped (Paimon keeps the check in the merge function because files written
// before 0.8 may hold them).
type deduplicate struct {
	ignoreDelete bool
}

func newDeduplicate(c *config) *deduplicate {
	return &deduplicate{ignoreDelete: c.opts.IgnoreDelete()}
}

func (d *deduplicate) Engine() string { return "deduplicate" }

func (d *deduplicate) Merge(g *Group, out *vec.Batch) (Result, error) {
	last := -1
	for k := len(g.Kinds) - 1; k >= 0; k-- {
		if d.ignoreDelete && g.Kinds[k].IsRetract() {
			continue
		}
		last = k
		break
	}
	if last < 0 {
		return Result{Pick: -1}, nil
	}
	kind := g.Kinds[last]
	if out != nil {
		appendRecord(g, last, out, kind)
	}
	return Result{Emitted: true, Kind: kind, Seq: g.Seqs[last], Pick: last}, nil
}
