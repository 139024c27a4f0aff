package plan

import (
	"fmt"
	"sort"
	"strings"

	"github.com/weir-data/weir/types"
)

// Explain renders the plan as an indented tree, one node a line, each with
// its changelog mode and estimated rows.
func (p *Plan) Explain() string {
	var sb strings.Builder
	explain(&sb, p.Root, 0)
	return sb.String()
}

func (m ChangelogMode) String() string {
	var ks []string
	for _, k := range m.Kinds {
		ks = append(ks, map[types.RowKind]string{types.Insert: "I", types.UpdateBefore: "UB", types.UpdateAfter: "UA", types.Delete: "D"}[k])
	}
	s := "[" + strings.Join(ks, ",") + "]"
	if len(m.UpsertKey) > 0 {
		s += " upsert(" + strings.Join(m.UpsertKey, ", ") + ")"
	}
	return s
}

func describe(n Node) string {
	switch n := n.(type) {
	case *ScanNode:
		var names []string
		for _, c := range n.Columns() {
			names = append(names, c.Name)
		}
		s := fmt.Sprintf("Scan %s [%s]", n.Table.FullName(), strings.Join(names, ", "))
		if len(n.Request.Filter) > 0 {
			s += " prune(" + predString(n.Request.Filter) + ")"
		}
		return s
	case *ValuesNode:
		return fmt.Sprintf("Values %d rows", len(n.Rows))
	case *FilterNode:
		return "Filter " + n.Cond.String()
	case *ProjectNode:
		ss := make([]string, len(n.Exprs))
		for i, e := range n.Exprs {
			ss[i] = e.String()
			if c := n.Columns()[i].Name; c != ss[i] && !strings.HasPrefix(c, "EXPR$") {
				ss[i] += " AS " + c
			}
		}
		return "Project " + strings.Join(ss, ", ")
	case *AggregateNode:
		var aggs []string
		for _, a := range n.Aggs {
			s := a.Fn.Name + "("
			if a.Distinct {
				s += "DISTINCT "
			}
			for i, x := range a.Args {
				if i > 0 {
					s += ", "
				}
				s += x.String()
			}
			s += ")"
			if a.Filter != nil {
				s += " FILTER (WHERE " + a.Filter.String() + ")"
			}
			aggs = append(aggs, s)
		}
		s := "Aggregate keys=[" + exprList(n.Keys) + "] aggs=[" + strings.Join(aggs, ", ") + "]"
		if n.GroupingSets != nil {
			s += fmt.Sprintf(" sets=%v", n.GroupingSets)
		}
		return s
	case *JoinNode:
		s := n.Kind.String() + "Join"
		if len(n.LeftKeys) > 0 {
			var ks []string
			for i := range n.LeftKeys {
				ks = append(ks, n.LeftKeys[i].String()+" = "+n.RightKeys[i].String())
			}
			s += " keys=[" + strings.Join(ks, ", ") + "]"
		}
		if n.Residual != nil {
			s += " cond=" + n.Residual.String()
		}
		return s
	case *SortNode:
		var ks []string
		for _, k := range n.Keys {
			s := k.Expr.String()
			if k.Desc {
				s += " DESC"
			}
			if k.NullsFirst {
				s += " NULLS FIRST"
			} else {
				s += " NULLS LAST"
			}
			ks = append(ks, s)
		}
		s := "Sort " + strings.Join(ks, ", ")
		if n.Limit >= 0 {
			s += fmt.Sprintf(" offset=%d limit=%d", n.Offset, n.Limit)
		}
		return s
	case *LimitNode:
		return fmt.Sprintf("Limit offset=%d limit=%d", n.Offset, n.Limit)
	case *UnionNode:
		return "UnionAll"
	case *SingleRowNode:
		return "SingleRow"
	}
	return fmt.Sprintf("%T", n)
}

func explain(sb *strings.Builder, n Node, depth int) {
	sb.WriteString(strings.Repeat("  ", depth))
	sb.WriteString(describe(n))
	sb.WriteString(" " + Mode(n).String())
	if r := EstimatedRows(n); r >= 0 {
		fmt.Fprintf(sb, " rows=%.0f", r)
	}
	sb.WriteByte('\n')
	for _, c := range n.Inputs() {
		explain(sb, c, depth+1)
	}
}

func exprList[T interface{ String() string }](xs []T) string {
	ss := make([]string, len(xs))
	for i, x := range xs {
		ss[i] = x.String()
	}
	return strings.Join(ss, ", ")
}

// Explain renders the write: the sink, then its source plan one level in.
func (w *Write) Explain() string {
	var sb strings.Builder
	op := map[types.RowKind]string{types.Insert: "INSERT", types.Delete: "DELETE", types.UpdateAfter: "UPDATE"}[w.Kind]
	if w.Request.Overwrite {
		op = "INSERT OVERWRITE"
	}
	sb.WriteString("Sink(table=" + w.Target.FullName() + ", op=" + op)
	if len(w.Request.Static) > 0 {
		var parts []string
		for k, v := range w.Request.Static {
			parts = append(parts, fmt.Sprintf("%s=%v", k, v))
		}
		sort.Strings(parts)
		sb.WriteString(", partition=" + strings.Join(parts, ","))
	}
	sb.WriteString(")\n")
	explain(&sb, w.Source.Root, 1)
	return sb.String()
}
