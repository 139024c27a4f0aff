package plan

import (
	"sort"

	"github.com/weir-data/weir/paimon/table"
	"github.com/weir-data/weir/sql/expr"
	"github.com/weir-data/weir/types"
)

// optimize applies the rewrites in order: constant folding and predicate
// push-down (into joins, turning cross joins with equalities into hash
// joins, and into scans for pruning), inner join ordering, equi-join key
// extraction, and projection push-down into scans.
func optimize(opts Options, n Node) (Node, error) {
	o := &optimizer{opts: opts}
	n = o.push(n, nil)
	n = o.reorder(n)
	n = o.keys(n)
	n = reestimate(n)
	return n, o.err
}

type optimizer struct {
	opts Options
	err  error
}

func (o *optimizer) fold(e expr.Expr) expr.Expr {
	f, err := expr.Fold(o.opts.Fn, e)
	if err != nil {
		if o.err == nil {
			o.err = err
		}
		return e
	}
	return f
}

// splitConj splits a bound condition on AND.
func splitConj(e expr.Expr) []expr.Expr {
	if e == nil {
		return nil
	}
	if a, ok := e.(*expr.And); ok {
		return append(splitConj(a.L), splitConj(a.R)...)
	}
	return []expr.Expr{e}
}

func andAll(es []expr.Expr) expr.Expr {
	var out expr.Expr
	for _, e := range es {
		out = and(out, e)
	}
	return out
}

// side tells which inputs of a join a condition references: 1 left, 2 right, 3 both, 0 none.
func side(e expr.Expr, nl int) int {
	s := 0
	for _, c := range expr.Columns(e) {
		if c < nl {
			s |= 1
		} else {
			s |= 2
		}
	}
	return s
}

func shift(e expr.Expr, d int) expr.Expr {
	return expr.Remap(e, func(i int) int { return i + d })
}

func filterOver(n Node, preds []expr.Expr) Node {
	if len(preds) == 0 {
		return n
	}
	return newFilter(n, andAll(preds))
}

func isTrue(e expr.Expr) bool {
	l, ok := e.(*expr.Literal)
	return ok && l.Value == true
}

// push pushes the conjuncts preds (over n's output) as far down as they go.
func (o *optimizer) push(n Node, preds []expr.Expr) Node {
	var ps []expr.Expr
	for _, p := range preds {
		p = o.fold(p)
		if !isTrue(p) {
			ps = append(ps, splitConj(p)...)
		}
	}
	preds = ps
	switch n := n.(type) {
	case *FilterNode:
		return o.push(n.Input, append(preds, splitConj(n.Cond)...))
	case *ProjectNode:
		var down, up []expr.Expr
		for _, p := range preds {
			ok := true
			for _, c := range expr.Columns(p) {
				if _, isCol := n.Exprs[c].(*expr.Column); !isCol {
					ok = false
				}
			}
			if ok {
				down = append(down, expr.Remap(p, func(i int) int { return n.Exprs[i].(*expr.Column).Index }))
			} else {
				up = append(up, p)
			}
		}
		exprs := make([]expr.Expr, len(n.Exprs))
		for i, e := range n.Exprs {
			exprs[i] = o.fold(e)
		}
		p := *n
		p.Input = o.push(n.Input, down)
		p.Exprs = exprs
		return filterOver(&p, up)
	case *JoinNode:
		return o.pushJoin(n, preds)
	case *AggregateNode:
		var down, up []expr.Expr
		for _, p := range preds {
			ok := n.GroupingSets == nil
			for _, c := range expr.Columns(p) {
				if c >= len(n.Keys) {
					ok = false
				} else if _, isCol := n.Keys[c].(*expr.Column); !isCol {
					ok = false
				}
			}
			if ok {
				down = append(down, expr.Remap(p, func(i int) int { return n.Keys[i].(*expr.Column).Index }))
			} else {
				up = append(up, p)
			}
		}
		a := *n
		a.Input = o.push(n.Input, down)
		return filterOver(&a, up)
	case *UnionNode:
		u := *n
		u.All = make([]Node, len(n.All))
		for i, c := range n.All {
			u.All[i] = o.push(c, preds)
		}
		return &u
	case *ScanNode:
		s := *n
		s.Request.Filter = append(append([]table.Predicate(nil), n.Request.Filter...), scanPredicates(n, preds)...)
		if len(preds) > 0 {
			s.rows = scaleRows(n, 0.5)
		}
		return filterOver(&s, preds)
	case *SortNode:
		s := *n
		s.Input = o.push(n.Input, nil)
		return filterOver(&s, preds)
	case *LimitNode:
		s := *n
		s.Input = o.push(n.Input, nil)
		return filterOver(&s, preds)
	case *SingleRowNode:
		s := *n
		s.Input = o.push(n.Input, nil)
		return filterOver(&s, preds)
	}
	return filterOver(n, preds)
}

func (o *optimizer) pushJoin(n *JoinNode, preds []expr.Expr) Node {
	nl := len(n.L.Columns())
	var left, right, up, cond []expr.Expr
	res := splitConj(n.Residual)
	kind := n.Kind
	// A null-rejecting condition above an outer join makes it inner on that side.
	if kind == JoinLeft || kind == JoinRight || kind == JoinFull {
		for _, p := range preds {
			s := side(p, nl)
			if nullRejecting(p) {
				if s&2 != 0 && kind == JoinLeft {
					kind = JoinInner
				} else if s&2 != 0 && kind == JoinFull {
					kind = JoinRight
				} else if s&1 != 0 && kind == JoinRight {
					kind = JoinInner
				} else if s&1 != 0 && kind == JoinFull {
					kind = JoinLeft
				}
			}
		}
	}
	switch kind {
	case JoinInner:
		for _, p := range append(preds, res...) {
			switch side(p, nl) {
			case 1:
				left = append(left, p)
			case 2:
				right = append(right, shift(p, -nl))
			default:
				cond = append(cond, p)
			}
		}
	case JoinLeft, JoinSemi, JoinAnti, JoinNullAwareAnti:
		for _, p := range preds {
			if side(p, nl) == 1 {
				left = append(left, p)
			} else {
				up = append(up, p)
			}
		}
		for _, p := range res {
			if side(p, nl) == 2 {
				right = append(right, shift(p, -nl))
			} else {
				cond = append(cond, p)
			}
		}
	case JoinRight:
		for _, p := range preds {
			if side(p, nl) == 2 {
				right = append(right, shift(p, -nl))
			} else {
				up = append(up, p)
			}
		}
		for _, p := range res {
			if side(p, nl) == 1 {
				left = append(left, p)
			} else {
				cond = append(cond, p)
			}
		}
	default:
		up, cond = preds, res
	}
	j := newJoin(kind, o.push(n.L, left), o.push(n.R, right), n.LeftKeys, n.RightKeys, andAll(cond))
	return filterOver(j, up)
}

// nullRejecting reports whether p is never TRUE when all its columns are NULL
// (a comparison, LIKE or IN without IS / COALESCE / OR / CASE inside).
func nullRejecting(p expr.Expr) bool {
	switch p := p.(type) {
	case *expr.Call:
		switch p.Fn.Name {
		case "=", "<>", "<", "<=", ">", ">=":
			return simpleOperands(p.Args...)
		}
	case *expr.Like:
		return simpleOperands(p.Value)
	case *expr.In:
		return simpleOperands(p.Value)
	}
	return false
}

func simpleOperands(es ...expr.Expr) bool {
	for _, e := range es {
		switch e := e.(type) {
		case *expr.Column, *expr.Literal:
		case *expr.Cast:
			if !simpleOperands(e.Arg) {
				return false
			}
		case *expr.Call:
			switch e.Fn.Name {
			case "+", "-", "*", "/", "%", "CAST", "UPPER", "LOWER", "SUBSTRING", "EXTRACT":
				if !simpleOperands(e.Args...) {
					return false
				}
			default:
				return false
			}
		default:
			return false
		}
	}
	return true
}

// scanPredicates converts the simple conjuncts over a scan into Paimon
// predicates for pruning.
func scanPredicates(s *ScanNode, preds []expr.Expr) []table.Predicate {
	all := s.Table.Columns()
	phys := physicalColumns(s.Table)
	name := func(i int) (string, types.DataType) {
		p := phys[s.Physical[i]]
		return all[p].Name, all[p].Type
	}
	ops := map[string]table.Op{"=": table.Eq, "<>": table.NotEq, "<": table.Lt, "<=": table.LtEq, ">": table.Gt, ">=": table.GtEq}
	flip := map[table.Op]table.Op{table.Eq: table.Eq, table.NotEq: table.NotEq, table.Lt: table.Gt, table.LtEq: table.GtEq, table.Gt: table.Lt, table.GtEq: table.LtEq}
	var out []table.Predicate
	for _, p := range preds {
		switch p := p.(type) {
		case *expr.Call:
			if op, ok := ops[p.Fn.Name]; ok && len(p.Args) == 2 {
				c, cok := p.Args[0].(*expr.Column)
				l, lok := p.Args[1].(*expr.Literal)
				if !cok || !lok {
					c, cok = p.Args[1].(*expr.Column)
					l, lok = p.Args[0].(*expr.Literal)
					op = flip[op]
				}
				if cok && lok && l.Value != nil {
					n, t := name(c.Index)
					if t.WithNullable(true).Equal(l.T.WithNullable(true)) {
						out = append(out, table.Predicate{Column: n, Op: op, Values: []any{l.Value}})
					}
				}
			}
			if (p.Fn.Name == "IS NULL" || p.Fn.Name == "IS NOT NULL") && len(p.Args) == 1 {
				if c, ok := p.Args[0].(*expr.Column); ok {
					n, _ := name(c.Index)
					op := table.IsNull
					if p.Fn.Name == "IS NOT NULL" {
						op = table.IsNotNull
					}
					out = append(out, table.Predicate{Column: n, Op: op})
				}
			}
		case *expr.In:
			c, ok := p.Value.(*expr.Column)
			if !ok {
				continue
			}
			n, t := name(c.Index)
			var vals []any
			for _, it := range p.List {
				l, ok := it.(*expr.Literal)
				if !ok || l.Value == nil || !t.WithNullable(true).Equal(l.T.WithNullable(true)) {
					vals = nil
					break
				}
				vals = append(vals, l.Value)
			}
			if len(vals) > 0 {
				out = append(out, table.Predicate{Column: n, Op: table.In, Values: vals})
			}
		}
	}
	return out
}

// keys turns the equalities of every join's condition between its two
// sides into hash keys, casting both sides to a common type.
func (o *optimizer) keys(n Node) Node {
	ins := n.Inputs()
	for i, c := range ins {
		ins[i] = o.keys(c)
	}
	n = withInputs(n, ins)
	j, ok := n.(*JoinNode)
	if !ok || j.Kind == JoinNullAwareAnti {
		return n
	}
	nl := len(j.L.Columns())
	lk, rk := append([]expr.Expr(nil), j.LeftKeys...), append([]expr.Expr(nil), j.RightKeys...)
	var rest []expr.Expr
	for _, p := range splitConj(j.Residual) {
		if c, ok := p.(*expr.Call); ok && c.Fn.Name == "=" && len(c.Args) == 2 {
			a, b := c.Args[0], c.Args[1]
			sa, sb := side(a, nl), side(b, nl)
			if sa == 2 && sb == 1 {
				a, b, sa, sb = b, a, sb, sa
			}
			if sa == 1 && sb == 2 && a.Type().WithNullable(true).Equal(b.Type().WithNullable(true)) {
				lk = append(lk, a)
				rk = append(rk, shift(b, -nl))
				continue
			}
		}
		rest = append(rest, p)
	}
	out := newJoin(j.Kind, j.L, j.R, lk, rk, andAll(rest))
	return out
}

// withInputs returns a copy of n over new inputs.
func withInputs(n Node, ins []Node) Node {
	switch n := n.(type) {
	case *FilterNode:
		c := *n
		c.Input = ins[0]
		return &c
	case *ProjectNode:
		c := *n
		c.Input = ins[0]
		return &c
	case *AggregateNode:
		c := *n
		c.Input = ins[0]
		return &c
	case *JoinNode:
		c := *n
		c.L, c.R = ins[0], ins[1]
		return &c
	case *SortNode:
		c := *n
		c.Input = ins[0]
		return &c
	case *LimitNode:
		c := *n
		c.Input = ins[0]
		return &c
	case *UnionNode:
		c := *n
		c.All = ins
		return &c
	case *SingleRowNode:
		c := *n
		c.Input = ins[0]
		return &c
	}
	return n
}

// reorder orders every tree of inner joins greedily: start from the
// smallest input, then repeatedly join the smallest input connected to the
// joined set by a condition, building on the smaller side.
func (o *optimizer) reorder(n Node) Node {
	if j, ok := n.(*JoinNode); ok && j.Kind == JoinInner {
		var leaves []Node
		var conds []expr.Expr
		o.flatten(j, &leaves, &conds)
		if len(leaves) > 2 || len(conds) > 0 {
			return o.greedy(leaves, conds)
		}
	}
	ins := n.Inputs()
	for i, c := range ins {
		ins[i] = o.reorder(c)
	}
	return withInputs(n, ins)
}

// flatten collects the leaves of an inner-join tree and its conditions over
// the concatenation of the leaves' columns.
func (o *optimizer) flatten(n Node, leaves *[]Node, conds *[]expr.Expr) {
	if j, ok := n.(*JoinNode); ok && j.Kind == JoinInner && len(j.LeftKeys) == 0 {
		base := 0
		for _, l := range *leaves {
			base += len(l.Columns())
		}
		o.flatten(j.L, leaves, conds)
		for _, c := range splitConj(j.Residual) {
			*conds = append(*conds, shift(c, base))
		}
		o.flatten(j.R, leaves, conds)
		return
	}
	*leaves = append(*leaves, o.reorder(n))
}

func (o *optimizer) greedy(leaves []Node, conds []expr.Expr) Node {
	// Column c of the flattened space belongs to leaf owner[c] at offset off[c].
	var owner, off []int
	for i, l := range leaves {
		for k := range l.Columns() {
			owner = append(owner, i)
			off = append(off, k)
		}
	}
	rows := func(n Node) float64 {
		r := EstimatedRows(n)
		if r < 0 {
			return 1e12
		}
		return r
	}
	order := make([]int, len(leaves))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return rows(leaves[order[a]]) < rows(leaves[order[b]]) })
	used := make([]bool, len(leaves))
	condUsed := make([]bool, len(conds))
	pos := make([]int, len(owner)) // position of a flattened column in cur, -1 absent
	for i := range pos {
		pos[i] = -1
	}
	connected := func(leaf int) bool {
		for ci, c := range conds {
			if condUsed[ci] {
				continue
			}
			hasLeaf, hasCur := false, false
			for _, col := range expr.Columns(c) {
				if owner[col] == leaf {
					hasLeaf = true
				} else if used[owner[col]] {
					hasCur = true
				}
			}
			if hasLeaf && hasCur {
				return true
			}
		}
		return false
	}
	first := order[0]
	used[first] = true
	cur := leaves[first]
	for c := range owner {
		if owner[c] == first {
			pos[c] = off[c]
		}
	}
	for step := 1; step < len(leaves); step++ {
		next := -1
		for _, i := range order {
			if !used[i] && connected(i) {
				next = i
				break
			}
		}
		if next < 0 {
			for _, i := range order {
				if !used[i] {
					next = i
					break
				}
			}
		}
		leaf := leaves[next]
		used[next] = true
		// Build on the smaller side: the right input of a hash join.
		swap := rows(leaf) > rows(cur)
		ncur := len(cur.Columns())
		nleaf := len(leaf.Columns())
		newPos := append([]int(nil), pos...)
		for c := range owner {
			switch {
			case owner[c] == next && !swap:
				newPos[c] = ncur + off[c]
			case owner[c] == next && swap:
				newPos[c] = off[c]
			case pos[c] >= 0 && swap:
				newPos[c] = nleaf + pos[c]
			}
		}
		var jc []expr.Expr
		for ci, c := range conds {
			if condUsed[ci] {
				continue
			}
			ok := true
			for _, col := range expr.Columns(c) {
				if newPos[col] < 0 {
					ok = false
				}
			}
			if ok {
				condUsed[ci] = true
				jc = append(jc, expr.Remap(c, func(i int) int { return newPos[i] }))
			}
		}
		if swap {
			cur = newJoin(JoinInner, leaf, cur, nil, nil, andAll(jc))
		} else {
			cur = newJoin(JoinInner, cur, leaf, nil, nil, andAll(jc))
		}
		pos = newPos
	}
	var left []expr.Expr
	for ci, c := range conds {
		if !condUsed[ci] {
			left = append(left, expr.Remap(c, func(i int) int { return pos[i] }))
		}
	}
	cur = filterOver(cur, left)
	// Restore the original column order.
	identity := true
	for c := range pos {
		if pos[c] != c {
			identity = false
		}
	}
	if identity {
		return cur
	}
	return identityProject(cur, pos)
}

// reestimate recomputes the estimated rows bottom-up after the rewrites
// have moved filters.
func reestimate(n Node) Node {
	ins := n.Inputs()
	for i, c := range ins {
		ins[i] = reestimate(c)
	}
	n = withInputs(n, ins)
	switch m := n.(type) {
	case *FilterNode:
		m.rows = scaleRows(m.Input, 0.5)
	case *ProjectNode:
		m.rows = EstimatedRows(m.Input)
	case *JoinNode:
		return newJoin(m.Kind, m.L, m.R, m.LeftKeys, m.RightKeys, m.Residual)
	case *AggregateNode:
		if len(m.Keys) > 0 {
			m.rows = scaleRows(m.Input, 0.1)
		}
	case *SortNode:
		return newSort(m.Input, m.Keys, m.Offset, m.Limit)
	case *LimitNode:
		return newLimit(m.Input, m.Offset, m.Limit)
	case *UnionNode:
		return newUnion(m.Columns(), m.All)
	}
	return n
}
