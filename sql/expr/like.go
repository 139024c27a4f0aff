package expr

import (
	"bytes"
	"fmt"
	"sync"
	"unicode/utf8"

	"github.com/weir-data/weir/sql/fn"
	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// Like is Value LIKE Pattern [ESCAPE Escape]: '%' matches any run of
// characters, '_' exactly one character, the escape character makes the next
// '%', '_' or escape character literal. Matching is case-sensitive and by
// character (code point), as Flink's. Escape 0 means no escape character. A
// NULL value or pattern gives NULL. A literal pattern is compiled once, into
// an equality, prefix, suffix or substring test when it has that shape.
type Like struct {
	Value, Pattern Expr
	Escape         rune
	compiled       *likeMatcher // for a literal pattern
	pool           *sync.Pool
}

// NewLike builds value LIKE pattern; both must be character strings. An
// invalid literal pattern (an escape character followed by anything other
// than '%', '_' or itself, or at the end) is an error.
func NewLike(value, pattern Expr, escape rune) (*Like, error) {
	if !value.Type().IsString() || !pattern.Type().IsString() {
		return nil, fmt.Errorf("LIKE needs character strings, got %s and %s", value.Type(), pattern.Type())
	}
	l := &Like{Value: value, Pattern: pattern, Escape: escape}
	if lit, ok := pattern.(*Literal); ok && lit.Value != nil {
		p, _ := lit.Value.(string)
		m, err := compileLike([]byte(p), escape)
		if err != nil {
			return nil, err
		}
		l.compiled = m
	}
	vt, pt := value.Type(), pattern.Type()
	l.pool = &sync.Pool{New: func() any {
		return &likeScratch{v: newScratch(vt), p: newScratch(pt)}
	}}
	return l, nil
}

type likeScratch struct {
	v, p  *vec.Vector
	last  []byte // the pattern compiled last, for non-literal patterns
	lastM *likeMatcher
}

// Type is BOOLEAN, nullable when an operand is.
func (l *Like) Type() types.DataType {
	return types.NewBoolean().WithNullable(l.Value.Type().Nullable || l.Pattern.Type().Nullable)
}

// Eval matches the selected rows.
func (l *Like) Eval(ctx *fn.Context, in *vec.Batch, sel []int32, out *vec.Vector) error {
	if l.pool == nil {
		return fmt.Errorf("%s was not built with NewLike", l)
	}
	s := l.pool.Get().(*likeScratch)
	defer l.pool.Put(s)
	n := in.Len
	v, err := Vector(ctx, l.Value, in, sel, s.v)
	if err != nil {
		return err
	}
	fn.SizeOut(out, n)
	o := out.Bools[:n]
	if m := l.compiled; m != nil {
		fn.UnionNulls(out, n, v)
		if sel == nil {
			for i := 0; i < n; i++ {
				o[i] = m.match(v.Data[v.Offsets[i]:v.Offsets[i+1]])
			}
			return nil
		}
		for _, i := range sel {
			o[i] = m.match(v.Data[v.Offsets[i]:v.Offsets[i+1]])
		}
		return nil
	}
	p, err := Vector(ctx, l.Pattern, in, sel, s.p)
	if err != nil {
		return err
	}
	fn.UnionNulls(out, n, v, p)
	rows := func(i int) error {
		if out.Nulls.Get(i) {
			return nil
		}
		pat := p.Bytes(i)
		if s.lastM == nil || !bytes.Equal(pat, s.last) {
			m, err := compileLike(pat, l.Escape)
			if err != nil {
				return err
			}
			s.last, s.lastM = append(s.last[:0], pat...), m
		}
		o[i] = s.lastM.match(v.Bytes(i))
		return nil
	}
	if sel == nil {
		for i := 0; i < n; i++ {
			if err := rows(i); err != nil {
				return err
			}
		}
		return nil
	}
	for _, i := range sel {
		if err := rows(int(i)); err != nil {
			return err
		}
	}
	return nil
}

// String renders (value LIKE pattern [ESCAPE 'c']).
func (l *Like) String() string {
	s := "(" + l.Value.String() + " LIKE " + l.Pattern.String()
	if l.Escape != 0 {
		s += " ESCAPE '" + string(l.Escape) + "'"
	}
	return s + ")"
}

func (l *Like) children() []Expr { return []Expr{l.Value, l.Pattern} }

func (l *Like) rebuild(ch []Expr) Expr {
	return &Like{Value: ch[0], Pattern: ch[1], Escape: l.Escape, compiled: l.compiled, pool: l.pool}
}

// likeKind is the shape of a compiled pattern.
type likeKind uint8

const (
	likeExact    likeKind = iota + 1 // abc
	likePrefix                       // abc%
	likeSuffix                       // %abc
	likeContains                     // %abc%
	likeGeneral                      // anything else
)

// likeMatcher is a compiled LIKE pattern: segments separated by '%', each a
// sequence of literal runs and single-character wildcards.
type likeMatcher struct {
	kind       likeKind
	lit        []byte // for the simple kinds
	segs       []likeSeg
	leadingPct bool // pattern starts with '%'
	trailPct   bool // pattern ends with '%'
}

// likeSeg is a '%'-free piece of a pattern: toks in order, each a literal
// (non-nil) or '_' (nil).
type likeSeg struct{ toks [][]byte }

func (s likeSeg) simple() bool {
	return len(s.toks) == 1 && s.toks[0] != nil
}

func compileLike(p []byte, escape rune) (*likeMatcher, error) {
	m := &likeMatcher{}
	var seg likeSeg
	var lit []byte
	flushLit := func() {
		if lit != nil {
			seg.toks = append(seg.toks, lit)
			lit = nil
		}
	}
	var segs []likeSeg
	for i := 0; i < len(p); {
		r, size := utf8.DecodeRune(p[i:])
		switch {
		case escape != 0 && r == escape:
			if i+size >= len(p) {
				return nil, fmt.Errorf("LIKE pattern %q ends with the escape character", p)
			}
			r2, size2 := utf8.DecodeRune(p[i+size:])
			if r2 != '%' && r2 != '_' && r2 != escape {
				return nil, fmt.Errorf("LIKE pattern %q: escape character must precede %%, _ or itself", p)
			}
			if lit == nil {
				lit = []byte{}
			}
			lit = append(lit, p[i+size:i+size+size2]...)
			m.trailPct = false
			i += size + size2
			continue
		case r == '%':
			flushLit()
			if i == 0 {
				m.leadingPct = true
			}
			if len(seg.toks) > 0 {
				segs = append(segs, seg)
			}
			seg = likeSeg{}
			m.trailPct = true
		case r == '_':
			flushLit()
			seg.toks = append(seg.toks, nil)
			m.trailPct = false
		default:
			if lit == nil {
				lit = []byte{}
			}
			lit = append(lit, p[i:i+size]...)
			m.trailPct = false
		}
		i += size
	}
	flushLit()
	if len(seg.toks) > 0 {
		segs = append(segs, seg)
	}
	m.segs = segs
	m.kind = likeGeneral
	switch {
	case len(segs) == 0 && !m.leadingPct:
		m.kind, m.lit = likeExact, []byte{}
	case len(segs) == 0:
		m.kind, m.lit = likePrefix, []byte{} // only '%': matches everything
	case len(segs) == 1 && segs[0].simple():
		m.lit = segs[0].toks[0]
		switch {
		case !m.leadingPct && !m.trailPct:
			m.kind = likeExact
		case !m.leadingPct:
			m.kind = likePrefix
		case !m.trailPct:
			m.kind = likeSuffix
		default:
			m.kind = likeContains
		}
	}
	return m, nil
}

func (m *likeMatcher) match(s []byte) bool {
	switch m.kind {
	case likeExact:
		return bytes.Equal(s, m.lit)
	case likePrefix:
		return bytes.HasPrefix(s, m.lit)
	case likeSuffix:
		return bytes.HasSuffix(s, m.lit)
	case likeContains:
		return bytes.Contains(s, m.lit)
	}
	segs := m.segs
	pos := 0
	if !m.leadingPct {
		end, ok := segs[0].matchAt(s, 0)
		if !ok {
			return false
		}
		if len(segs) == 1 && !m.trailPct {
			return end == len(s)
		}
		pos, segs = end, segs[1:]
	}
	var last likeSeg
	anchoredEnd := !m.trailPct && len(segs) > 0
	if anchoredEnd {
		last, segs = segs[len(segs)-1], segs[:len(segs)-1]
	}
	for _, seg := range segs {
		// The leftmost match of each middle segment is never worse than a later one.
		found := false
		for p := pos; p <= len(s); {
			if end, ok := seg.matchAt(s, p); ok {
				pos, found = end, true
				break
			}
			if p == len(s) {
				break
			}
			_, size := utf8.DecodeRune(s[p:])
			p += size
		}
		if !found {
			return false
		}
	}
	if !anchoredEnd {
		return true
	}
	// The last segment must end exactly at the end: try each start from pos.
	for p := pos; p <= len(s); {
		if end, ok := last.matchAt(s, p); ok && end == len(s) {
			return true
		}
		if p == len(s) {
			break
		}
		_, size := utf8.DecodeRune(s[p:])
		p += size
	}
	return false
}

// matchAt matches the segment at s[p:], returning the end of the match.
func (seg likeSeg) matchAt(s []byte, p int) (int, bool) {
	for _, tok := range seg.toks {
		if tok == nil {
			if p >= len(s) {
				return 0, false
			}
			_, size := utf8.DecodeRune(s[p:])
			p += size
			continue
		}
		if !bytes.HasPrefix(s[p:], tok) {
			return 0, false
		}
		p += len(tok)
	}
	return p, true
}
