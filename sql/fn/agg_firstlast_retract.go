package fn

import (
	"fmt"

	"github.com/weir-data/weir/vec"
)

// FIRST_VALUE_WITH_RETRACT and LAST_VALUE_WITH_RETRACT are FIRST_VALUE and
// LAST_VALUE for retracting input (Flink's FirstValueWithRetractAggFunction
// and LastValueWithRetractAggFunction); the planner resolves FIRST_VALUE /
// LAST_VALUE over an updating stream under these names. Arguments as the
// plain functions: (value) in arrival order, or (value, BIGINT order).
//
// Each group keeps every live non-null value with its order (the arrival
// sequence when there is no order argument) in a map from the value's
// order-preserving key to its entries. The result is the value with the
// smallest (FIRST) or largest (LAST) (order, arrival); retracting it
// exposes the next one. Retracting a value removes the entry with the same
// order, or, without one, its oldest entry (as Flink). Merge treats other's
// rows as arriving after the receiver's.

func init() {
	aggRegister("FIRST_VALUE_WITH_RETRACT", func(args []Arg) (*Aggregate, error) {
		return resolveFirstLastRetract("FIRST_VALUE_WITH_RETRACT", false, args)
	})
	aggRegister("LAST_VALUE_WITH_RETRACT", func(args []Arg) (*Aggregate, error) {
		return resolveFirstLastRetract("LAST_VALUE_WITH_RETRACT", true, args)
	})
}

func resolveFirstLastRetract(name string, last bool, args []Arg) (*Aggregate, error) {
	a, err := resolveFirstLast(name, last, args)
	if err != nil {
		return nil, err
	}
	kind, _ := vec.KindOf(a.Args[0])
	ordered := len(a.Args) == 2
	a.New = func() Accumulators {
		return &firstLastRetractAcc{name: name, last: last, ordered: ordered, kind: kind}
	}
	return a, nil
}

// flEntry is one live value occurrence: its order and arrival sequence.
type flEntry struct{ order, seq int64 }

func (e flEntry) less(o flEntry) bool {
	return e.order < o.order || (e.order == o.order && e.seq < o.seq)
}

type firstLastRetractAcc struct {
	name    string
	last    bool
	ordered bool
	kind    vec.Kind
	seq     int64
	sets    []map[string][]flEntry
	best    []string
	bestE   []flEntry
	has     []bool
	entries int64
	bytes   int64
	key     []byte
}

func (a *firstLastRetractAcc) Grow(n int) {
	a.sets = aggGrow(a.sets, n)
	a.best = aggGrow(a.best, n)
	a.bestE = aggGrow(a.bestE, n)
	a.has = aggGrow(a.has, n)
}

func (a *firstLastRetractAcc) Len() int { return len(a.has) }

func (a *firstLastRetractAcc) MemoryBytes() int64 {
	return int64(cap(a.sets))*8 + int64(cap(a.best))*16 + int64(cap(a.bestE))*16 + int64(cap(a.has)) +
		a.bytes + 64*a.entries
}

// better reports whether e beats the group's current pick.
func (a *firstLastRetractAcc) better(e, cur flEntry) bool {
	if a.last {
		return cur.less(e)
	}
	return e.less(cur)
}

func (a *firstLastRetractAcc) checkArgs(args []*vec.Vector) error {
	want := 1
	if a.ordered {
		want = 2
	}
	if len(args) != want || args[0].Kind != a.kind || (a.ordered && args[1].Kind != vec.KindI64) {
		return fmt.Errorf("%s: argument vectors do not match the resolved types", a.name)
	}
	return nil
}

func (a *firstLastRetractAcc) Update(_ *Context, groups []uint32, args []*vec.Vector, sel []int32) error {
	rows, err := aggRows(a.name, len(a.has), groups, args, sel)
	if err != nil {
		return err
	}
	if err := a.checkArgs(args); err != nil {
		return err
	}
	for _, i := range rows {
		if rowsAnyNullAt(args, i) {
			continue
		}
		a.seq++
		e := flEntry{order: a.seq, seq: a.seq}
		if a.ordered {
			e.order = args[1].I64[i]
		}
		a.key = mmOrderedKey(a.key[:0], args[0], i)
		a.insert(int(groups[i]), a.key, e)
	}
	return nil
}

func (a *firstLastRetractAcc) insert(g int, key []byte, e flEntry) {
	m := a.sets[g]
	if m == nil {
		m = map[string][]flEntry{}
		a.sets[g] = m
	}
	list, ok := m[string(key)]
	if !ok {
		a.bytes += int64(len(key))
	}
	m[string(key)] = append(list, e)
	a.entries++
	if !a.has[g] || a.better(e, a.bestE[g]) {
		a.best[g], a.bestE[g], a.has[g] = string(key), e, true
	}
}

func (a *firstLastRetractAcc) Retract(_ *Context, groups []uint32, args []*vec.Vector, sel []int32) error {
	rows, err := aggRows(a.name, len(a.has), groups, args, sel)
	if err != nil {
		return err
	}
	if err := a.checkArgs(args); err != nil {
		return err
	}
	for _, i := range rows {
		if rowsAnyNullAt(args, i) {
			continue
		}
		g := int(groups[i])
		m := a.sets[g]
		a.key = mmOrderedKey(a.key[:0], args[0], i)
		list, ok := m[string(a.key)]
		if !ok {
			continue // never added: nothing to take back
		}
		at := 0
		if a.ordered {
			for k, e := range list {
				if e.order == args[1].I64[i] {
					at = k
					break
				}
			}
		}
		removed := list[at]
		list = append(list[:at], list[at+1:]...)
		a.entries--
		if len(list) == 0 {
			delete(m, string(a.key))
			a.bytes -= int64(len(a.key))
		} else {
			m[string(a.key)] = list
		}
		if a.has[g] && a.best[g] == string(a.key) && a.bestE[g] == removed {
			a.recompute(g)
		}
	}
	return nil
}

func (a *firstLastRetractAcc) recompute(g int) {
	a.has[g] = false
	for k, list := range a.sets[g] {
		for _, e := range list {
			if !a.has[g] || a.better(e, a.bestE[g]) {
				a.best[g], a.bestE[g], a.has[g] = k, e, true
			}
		}
	}
}

func (a *firstLastRetractAcc) Merge(other Accumulators, into []uint32) error {
	o, ok := other.(*firstLastRetractAcc)
	if !ok || o.last != a.last || o.ordered != a.ordered || o.kind != a.kind {
		return aggMergeTypeError(a.name, other)
	}
	if err := aggMergeCheck(a.name, len(a.has), len(o.has), into); err != nil {
		return err
	}
	base := a.seq
	for g, m := range o.sets[:len(o.has)] {
		for k, list := range m {
			for _, e := range list {
				e.seq += base
				if !a.ordered {
					e.order = e.seq
				}
				a.insert(int(into[g]), []byte(k), e)
			}
		}
	}
	a.seq += o.seq
	return nil
}

func (a *firstLastRetractAcc) Result(_ *Context, lo, hi int, out *vec.Vector) error {
	if lo < 0 || hi > len(a.has) || lo > hi {
		return aggResultRangeError(a.name, lo, hi, len(a.has))
	}
	if out.Kind != a.kind {
		return aggResultKindError(a.name, out)
	}
	for g := lo; g < hi; g++ {
		if !a.has[g] {
			out.AppendNull()
			continue
		}
		if err := mmAppendOrderedKey(out, []byte(a.best[g])); err != nil {
			return fmt.Errorf("%s: %w", a.name, err)
		}
	}
	return nil
}
