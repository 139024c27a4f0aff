package resultcmp

import (
	"fmt"
	"math"
	"math/big"
	"slices"
	"strconv"
	"strings"
)

// FloatTolerance is the relative tolerance of float comparisons.
const FloatTolerance = 1e-9

// MaxDiffRows is the number of differing rows a Mismatch shows.
const MaxDiffRows = 5

// Mismatch is the error Compare returns when results differ.
type Mismatch struct {
	Reason string
	// Diff lists the first differing rows, "want" before "got".
	Diff []string
}

func (m *Mismatch) Error() string {
	var b strings.Builder
	b.WriteString("resultcmp: results differ: ")
	b.WriteString(m.Reason)
	for _, d := range m.Diff {
		b.WriteString("\n")
		b.WriteString(d)
	}
	return b.String()
}

// CompareQuery compares the results of query sql, in order if it has a
// top-level ORDER BY (see HasOrderBy), as multisets otherwise.
func CompareQuery(sql string, want, got *Result) error {
	return Compare(want, got, HasOrderBy(sql))
}

// Compare reports a *Mismatch when got differs from want: column count or
// kinds (numeric kinds compare with each other), row count, or values.
func Compare(want, got *Result, ordered bool) error {
	if len(want.Columns) != len(got.Columns) {
		return &Mismatch{Reason: fmt.Sprintf("%d columns wanted, got %d", len(want.Columns), len(got.Columns))}
	}
	for i, w := range want.Columns {
		g := got.Columns[i]
		if w.Kind != g.Kind && !(w.Kind.numeric() && g.Kind.numeric()) {
			return &Mismatch{Reason: fmt.Sprintf("column %d (%s): %v wanted, got %v (%s)", i+1, w.Name, w.Kind, g.Kind, g.Name)}
		}
	}
	ws, gs := want.Rows, got.Rows
	if !ordered {
		ws, gs = sortedRows(want), sortedRows(got)
	}
	m := &Mismatch{}
	for i := 0; i < max(len(ws), len(gs)); i++ {
		switch {
		case i >= len(ws):
			m.add(fmt.Sprintf("row %d: want (none)\n        got  %s", i+1, render(gs[i])))
		case i >= len(gs):
			m.add(fmt.Sprintf("row %d: want %s\n        got  (none)", i+1, render(ws[i])))
		case !rowsEqual(want.Columns, got.Columns, ws[i], gs[i]):
			m.add(fmt.Sprintf("row %d: want %s\n        got  %s", i+1, render(ws[i]), render(gs[i])))
		}
	}
	if len(m.Diff) == 0 {
		return nil
	}
	order := "sorted"
	if ordered {
		order = "in order"
	}
	m.Reason = fmt.Sprintf("%d rows wanted, %d got; rows compared %s; first differences:", len(ws), len(gs), order)
	return m
}

func (m *Mismatch) add(s string) {
	if len(m.Diff) < MaxDiffRows {
		m.Diff = append(m.Diff, s)
	}
}

func render(row []string) string { return "(" + strings.Join(row, " | ") + ")" }

func rowsEqual(wc, gc []Column, w, g []string) bool {
	for i := range w {
		if !valueEqual(wc[i].Kind, gc[i].Kind, w[i], g[i]) {
			return false
		}
	}
	return true
}

func valueEqual(wk, gk Kind, w, g string) bool {
	if w == g {
		return true
	}
	if w == Null || g == Null {
		return false
	}
	switch {
	case wk == Float || gk == Float:
		a, err1 := strconv.ParseFloat(w, 64)
		b, err2 := strconv.ParseFloat(g, 64)
		if err1 != nil || err2 != nil {
			return false
		}
		return floatEqual(a, b)
	case wk.numeric() && gk.numeric():
		a, sa, ok1 := parseDecimal(w)
		b, sb, ok2 := parseDecimal(g)
		if !ok1 || !ok2 {
			return false
		}
		s := min(sa, sb)
		return roundHalfUp(a, sa, s).Cmp(roundHalfUp(b, sb, s)) == 0
	}
	return false
}

func floatEqual(a, b float64) bool {
	if a == b || (math.IsNaN(a) && math.IsNaN(b)) {
		return true
	}
	return math.Abs(a-b) <= FloatTolerance*math.Max(math.Abs(a), math.Abs(b))
}

// parseDecimal parses "-12.345" into its unscaled value and scale.
func parseDecimal(s string) (*big.Int, int, bool) {
	scale := 0
	if i := strings.IndexByte(s, '.'); i >= 0 {
		scale = len(s) - i - 1
		s = s[:i] + s[i+1:]
	}
	v, ok := new(big.Int).SetString(s, 10)
	return v, scale, ok
}

var ten = big.NewInt(10)

// roundHalfUp rounds unscaled v of scale from to scale to (≤ from), half
// away from zero.
func roundHalfUp(v *big.Int, from, to int) *big.Int {
	if from == to {
		return v
	}
	d := new(big.Int).Exp(ten, big.NewInt(int64(from-to)), nil)
	q, r := new(big.Int).QuoRem(v, d, new(big.Int))
	r.Abs(r).Lsh(r, 1)
	if r.Cmp(d) >= 0 {
		if v.Sign() < 0 {
			q.Sub(q, big.NewInt(1))
		} else {
			q.Add(q, big.NewInt(1))
		}
	}
	return q
}

// sortedRows returns r's rows sorted by value: numbers numerically (exact
// for integers and decimals), everything else as text, NULL first.
func sortedRows(r *Result) [][]string {
	type cell struct {
		null bool
		num  *big.Rat
		s    string
	}
	keys := make([][]cell, len(r.Rows))
	idx := make([]int, len(r.Rows))
	for i, row := range r.Rows {
		idx[i] = i
		keys[i] = make([]cell, len(row))
		for c, v := range row {
			k := cell{null: v == Null, s: v}
			if !k.null && r.Columns[c].Kind.numeric() {
				if q, ok := new(big.Rat).SetString(v); ok {
					k.num = q
				}
			}
			keys[i][c] = k
		}
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		for c := range keys[a] {
			x, y := keys[a][c], keys[b][c]
			switch {
			case x.null && y.null:
				continue
			case x.null:
				return -1
			case y.null:
				return 1
			}
			if x.num != nil && y.num != nil {
				if d := x.num.Cmp(y.num); d != 0 {
					return d
				}
				continue
			}
			if d := strings.Compare(x.s, y.s); d != 0 {
				return d
			}
		}
		return 0
	})
	out := make([][]string, len(idx))
	for i, j := range idx {
		out[i] = r.Rows[j]
	}
	return out
}

// HasOrderBy reports whether sql ends in a top-level ORDER BY: one outside
// any parentheses (so not a window's or a subquery's), outside string
// literals, quoted identifiers and comments.
func HasOrderBy(sql string) bool {
	depth := 0
	var words []string
	for i := 0; i < len(sql); i++ {
		c := sql[i]
		switch {
		case c == '-' && i+1 < len(sql) && sql[i+1] == '-':
			for i < len(sql) && sql[i] != '\n' {
				i++
			}
		case c == '/' && i+1 < len(sql) && sql[i+1] == '*':
			end := strings.Index(sql[i+2:], "*/")
			if end < 0 {
				return false
			}
			i += end + 3
		case c == '\'' || c == '"' || c == '`':
			end := strings.IndexByte(sql[i+1:], c)
			if end < 0 {
				return false
			}
			i += end + 1
		case c == '(':
			depth++
		case c == ')':
			depth--
		case depth == 0 && isWordByte(c):
			j := i
			for j < len(sql) && isWordByte(sql[j]) {
				j++
			}
			words = append(words, strings.ToUpper(sql[i:j]))
			if n := len(words); n >= 2 && words[n-2] == "ORDER" && words[n-1] == "BY" {
				return true
			}
			i = j - 1
		}
	}
	return false
}

func isWordByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}
