package merge

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/weir-data/weir/paimon/options"
	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// ErrPartialUpdateDelete is PartialUpdateMergeFunction's error for a -U/-D
// record when neither ignore-delete, partial-update.remove-record-on-delete nor
// sequence groups are configured.
var ErrPartialUpdateDelete = errors.New(strings.Join([]string{
	"By default, Partial update can not accept delete records, you can choose one of the following solutions:",
	"1. Configure 'ignore-delete' to ignore delete records.",
	"2. Configure 'partial-update.remove-record-on-delete' to remove the whole row when receiving delete records.",
	"3. Configure 'sequence-group's to retract partial columns. Also configure 'partial-update.remove-record-on-sequence-group' to remove the whole row when receiving deleted records of `specified sequence group`.",
}, "\n"))

// seqGroup is one fields.<s1>[,<s2>...].sequence-group: its sequence columns
// (compared in order, ascending, nulls first).
type seqGroup struct {
	key  string
	cols []int
}

// partialUpdate is Paimon's PartialUpdateMergeFunction (Paimon 1.x).
//
// Without sequence groups every column takes the newest non-null value (a
// NOT NULL column receiving null fails); a -D with
// partial-update.remove-record-on-delete resets the row (-U is then skipped),
// ignore-delete skips retractions, anything else fails with
// ErrPartialUpdateDelete. This path only selects records, column by column.
//
// With sequence groups, records are applied one by one in Java's field order:
// a group's columns (and its sequence columns) change only when the record's
// group sequence is ≥ the stored one and not all null; a retraction of such a
// group sets its columns to null (aggregated columns retract), and a -D on a
// group listed in partial-update.remove-record-on-sequence-group removes the
// row. Columns in groups may carry an aggregate function; older records then
// aggregate "reversed". The result is -D when the last record removed the row
// or no insert was seen, else +I.
type partialUpdate struct {
	n              int
	names          []string
	nullable       []bool
	ignoreDelete   bool
	removeOnDelete bool

	groups        []seqGroup
	groupOf       []int // per column: index in groups, -1 when unprotected
	aggs          []*fieldAgg
	partialDelete []bool // per column: a sequence column of a remove-record-on-sequence-group group

	row       []slot
	processed []bool
	updated   []bool
	picks     []int
}

func newPartialUpdate(c *config) (*partialUpdate, error) {
	n := len(c.fields)
	p := &partialUpdate{
		n:              n,
		ignoreDelete:   c.opts.IgnoreDelete(),
		removeOnDelete: c.opts.PartialUpdateRemoveRecordOnDelete(),
		groupOf:        make([]int, n),
		aggs:           make([]*fieldAgg, n),
		partialDelete:  make([]bool, n),
		row:            make([]slot, n),
		processed:      make([]bool, n),
		updated:        make([]bool, n),
		picks:          make([]int, n),
	}
	for i := range p.groupOf {
		p.groupOf[i] = -1
		p.nullable = append(p.nullable, c.nullable(i))
		p.names = append(p.names, c.fields[i].Name)
	}
	require := func(key, name string) (int, error) {
		i, ok := c.index[name]
		if !ok {
			return 0, cfgErr(key, name, "Field %s can not be found in table schema", name)
		}
		return i, nil
	}
	var keys []string
	for k := range c.raw {
		if strings.HasPrefix(k, "fields.") && strings.HasSuffix(k, ".sequence-group") {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	isSeqCol := make([]bool, n)
	protected := make([]bool, n)
	seqByName := map[string]int{}
	for _, k := range keys {
		seqPart := strings.TrimSuffix(strings.TrimPrefix(k, "fields."), ".sequence-group")
		grp := seqGroup{key: k}
		for _, s := range options.SplitList(seqPart) {
			i, err := require(k, s)
			if err != nil {
				return nil, err
			}
			grp.cols = append(grp.cols, i)
		}
		if len(grp.cols) == 0 {
			return nil, cfgErr(k, "", "no sequence field")
		}
		gi := len(p.groups)
		p.groups = append(p.groups, grp)
		for _, f := range options.SplitList(c.raw[k]) {
			i, err := require(k, f)
			if err != nil {
				return nil, err
			}
			if p.groupOf[i] >= 0 {
				return nil, cfgErr(k, f, "Field %s is defined repeatedly by multiple groups: %s", f, k)
			}
			p.groupOf[i] = gi
			protected[i] = true
		}
		for _, i := range grp.cols {
			p.groupOf[i] = gi
			isSeqCol[i] = true
			seqByName[c.fields[i].Name] = i
			if key := "fields." + c.fields[i].Name + ".aggregate-function"; c.raw[key] != "" {
				return nil, cfgErr(key, c.fields[i].Name, "Should not defined aggregation function on sequence group: [%s]", c.fields[i].Name)
			}
		}
	}
	// Aggregators (PartialUpdateMergeFunction.getAggFuncName).
	for i, f := range c.fields {
		if isSeqCol[i] {
			continue
		}
		name, option := "", ""
		if c.pk[f.Name] {
			name, option = "primary_key", "primary-key"
		} else {
			option, name = c.aggFuncOption(f.Name)
		}
		if name == "" {
			continue
		}
		if name != "last_non_null_value" && name != "primary_key" && !protected[i] {
			return nil, cfgErr(option, f.Name, "Must use sequence group for aggregation functions but not found for field %s.", f.Name)
		}
		fa, err := newFieldAgg(c, i, name, option)
		if err != nil {
			return nil, err
		}
		p.aggs[i] = fa
	}
	removeOnGroup, hasRemoveOnGroup := c.raw["partial-update.remove-record-on-sequence-group"]
	if p.removeOnDelete && p.ignoreDelete {
		return nil, cfgErr("partial-update.remove-record-on-delete", "",
			"ignore-delete and partial-update.remove-record-on-delete have conflicting behavior so should not be enabled at the same time.")
	}
	if hasRemoveOnGroup && p.ignoreDelete {
		return nil, cfgErr("partial-update.remove-record-on-sequence-group", "",
			"ignore-delete and partial-update.remove-record-on-sequence-group have conflicting behavior so should not be enabled at the same time.")
	}
	if p.removeOnDelete && len(p.groups) > 0 {
		return nil, cfgErr("partial-update.remove-record-on-delete", "",
			"sequence-group and partial-update.remove-record-on-delete have conflicting behavior so should not be enabled at the same time.")
	}
	if hasRemoveOnGroup {
		for _, s := range options.SplitList(removeOnGroup) {
			i, ok := seqByName[s]
			if !ok {
				return nil, cfgErr("partial-update.remove-record-on-sequence-group", s,
					"field '%s' defined in '%s' option must be part of sequence groups", removeOnGroup, "partial-update.remove-record-on-sequence-group")
			}
			p.partialDelete[i] = true
		}
	}
	return p, nil
}

func (p *partialUpdate) Engine() string { return "partial-update" }

func nullErr(i int, name string) error {
	return fmt.Errorf("merge: Field %d can not be null (column %q is NOT NULL)", i, name)
}

func (p *partialUpdate) Merge(g *Group, out *vec.Batch) (Result, error) {
	if len(p.groups) > 0 {
		return p.mergeGroups(g, out)
	}
	// Record-level state: errors, kind and sequence of the result.
	meetInsert, curDel := false, false
	var latestSeq int64
	for k, kind := range g.Kinds {
		curDel = false
		if kind.IsRetract() {
			if p.ignoreDelete {
				continue
			}
			latestSeq = g.Seqs[k]
			if p.removeOnDelete {
				curDel = kind == types.Delete
				continue
			}
			return Result{Pick: -1}, ErrPartialUpdateDelete
		}
		latestSeq = g.Seqs[k]
		meetInsert = true
	}
	// Column by column: the record holding the value, or -1 for null.
	for c := 0; c < p.n; c++ {
		pick, filled := -1, false
		for k, kind := range g.Kinds {
			v, row := g.col(k, c)
			null := v.Nulls.Get(row)
			if kind.IsRetract() {
				if !filled {
					filled = true // initRow: NOT NULL columns from the first record
					if !p.nullable[c] {
						if null {
							return Result{Pick: -1}, nullErr(c, p.names[c])
						}
						pick = k
					}
				}
				if !p.ignoreDelete && kind == types.Delete { // remove-record-on-delete
					pick = -1
					if !p.nullable[c] {
						if null {
							return Result{Pick: -1}, nullErr(c, p.names[c])
						}
						pick = k
					}
				}
				continue
			}
			filled = true
			if !null {
				pick = k
			} else if !p.nullable[c] {
				return Result{Pick: -1}, nullErr(c, p.names[c])
			}
		}
		p.picks[c] = pick
	}
	kind := types.Insert
	if curDel || !meetInsert {
		kind = types.Delete
	}
	if out != nil {
		for c, dst := range out.Cols {
			if k := p.picks[c]; k >= 0 {
				v, row := g.col(k, c)
				dst.AppendFrom(v, row)
			} else {
				dst.AppendNull()
			}
		}
		appendKind(out, kind)
	}
	return Result{Emitted: true, Kind: kind, Seq: latestSeq, Pick: -1}, nil
}

// mergeGroups applies the records one by one (sequence groups).
func (p *partialUpdate) mergeGroups(g *Group, out *vec.Batch) (Result, error) {
	for i := range p.row {
		p.row[i].reset()
	}
	meetInsert, filled, curDel := false, false, false
	var latestSeq int64
	for k, kind := range g.Kinds {
		curDel = false
		if kind.IsRetract() {
			if !filled {
				if err := p.initRow(g, k); err != nil {
					return Result{Pick: -1}, err
				}
				filled = true
			}
			if p.ignoreDelete {
				continue
			}
			latestSeq = g.Seqs[k]
			del, err := p.retract(g, k)
			if err != nil {
				return Result{Pick: -1}, err
			}
			curDel = del
			continue
		}
		latestSeq = g.Seqs[k]
		p.update(g, k)
		meetInsert, filled = true, true
	}
	kind := types.Insert
	if curDel || !meetInsert {
		kind = types.Delete
	}
	if out != nil {
		for c, dst := range out.Cols {
			p.row[c].store(dst)
		}
		appendKind(out, kind)
	}
	return Result{Emitted: true, Kind: kind, Seq: latestSeq, Pick: -1}, nil
}

// initRow sets the NOT NULL columns from record k.
func (p *partialUpdate) initRow(g *Group, k int) error {
	for c := 0; c < p.n; c++ {
		if p.nullable[c] {
			continue
		}
		v, row := g.col(k, c)
		if v.Nulls.Get(row) {
			return nullErr(c, p.names[c])
		}
		p.row[c].load(v, row)
	}
	return nil
}

// emptyGroup reports whether record k has null in every sequence column of grp,
// marking them processed when so.
func (p *partialUpdate) emptyGroup(g *Group, k int, grp *seqGroup) bool {
	for _, c := range grp.cols {
		v, row := g.col(k, c)
		if !v.Nulls.Get(row) {
			return false
		}
	}
	for _, c := range grp.cols {
		p.processed[c] = true
	}
	return true
}

// cmpGroup compares record k's group sequence with the stored one.
func (p *partialUpdate) cmpGroup(g *Group, k int, grp *seqGroup) int {
	for _, c := range grp.cols {
		v, row := g.col(k, c)
		if r := cmpVecSlotNullsFirst(v, row, &p.row[c]); r != 0 {
			return r
		}
	}
	return 0
}

// update applies an insert record (updateWithSequenceGroup).
func (p *partialUpdate) update(g *Group, k int) {
	clear(p.processed)
	for c := 0; c < p.n; c++ {
		agg := p.aggs[c]
		v, row := g.col(k, c)
		gi := p.groupOf[c]
		if gi < 0 {
			if agg != nil {
				agg.agg(&p.row[c], v, row)
			} else if !v.Nulls.Get(row) {
				p.row[c].load(v, row)
			}
			continue
		}
		if p.processed[c] {
			continue
		}
		grp := &p.groups[gi]
		if p.emptyGroup(g, k, grp) {
			continue
		}
		if p.cmpGroup(g, k, grp) >= 0 {
			if slices.Contains(grp.cols, c) {
				for _, sc := range grp.cols {
					sv, srow := g.col(k, sc)
					p.row[sc].load(sv, srow)
					p.processed[sc] = true
				}
				continue
			}
			if agg == nil {
				p.row[c].load(v, row)
			} else {
				agg.agg(&p.row[c], v, row)
			}
		} else if agg != nil {
			agg.aggReversed(&p.row[c], v, row)
		}
	}
}

// retract applies a -U/-D record (retractWithSequenceGroup); it reports
// whether the row was removed.
func (p *partialUpdate) retract(g *Group, k int) (bool, error) {
	clear(p.processed)
	clear(p.updated)
	for c := 0; c < p.n; c++ {
		gi := p.groupOf[c]
		if gi < 0 || p.processed[c] {
			continue
		}
		grp := &p.groups[gi]
		if p.emptyGroup(g, k, grp) {
			continue
		}
		agg := p.aggs[c]
		v, row := g.col(k, c)
		if p.cmpGroup(g, k, grp) >= 0 {
			if slices.Contains(grp.cols, c) {
				for _, sc := range grp.cols {
					if !p.updated[sc] {
						if g.Kinds[k] == types.Delete && p.partialDelete[sc] {
							for i := range p.row {
								p.row[i].null = true // keeps first_value's flag, as Java
							}
							return true, p.initRow(g, k)
						}
						sv, srow := g.col(k, sc)
						p.row[sc].load(sv, srow)
						p.updated[sc] = true
					}
					p.processed[sc] = true
				}
				continue
			}
			if agg == nil {
				p.row[c].null = true
			} else if err := agg.retract(&p.row[c], v, row); err != nil {
				return false, err
			}
		} else if agg != nil {
			if err := agg.retract(&p.row[c], v, row); err != nil {
				return false, err
			}
		}
	}
	return false, nil
}
