package parser

import (
	"strings"
	"unicode/utf8"

	"github.com/weir-data/weir/sql/ast"
)

// Span is the text of one statement of a script and where it starts.
type Span struct {
	Text string
	Pos  ast.Pos
}

// SplitStatements cuts a script into complete statements, each without its
// terminating semicolon and surrounding space, and returns the text after the
// last complete statement as rest ("" if it holds only space and comments).
// Semicolons inside strings, quoted names, comments and statement sets
// (EXECUTE STATEMENT SET BEGIN ... END, BEGIN STATEMENT SET; ... END;) do not
// end a statement. An interactive client keeps reading lines while rest is
// not empty.
func SplitStatements(text string) (stmts []string, rest string) {
	spans, rest := SplitSpans(text)
	for _, s := range spans {
		stmts = append(stmts, s.Text)
	}
	return stmts, rest
}

// SplitSpans is SplitStatements with each statement's start position.
func SplitSpans(text string) (stmts []Span, rest string) {
	sp := splitter{src: text, line: 1, col: 1}
	return sp.split()
}

type splitter struct {
	src       string
	i         int
	line, col int
	lineAt    int // offset up to which line/col are computed
}

func (s *splitter) posAt(off int) ast.Pos {
	for s.lineAt < off {
		c := s.src[s.lineAt]
		s.lineAt++
		if c == '\n' {
			s.line++
			s.col = 1
		} else if c&0xC0 != 0x80 {
			s.col++
		}
	}
	return ast.Pos{Offset: off, Line: s.line, Col: s.col}
}

func (s *splitter) split() ([]Span, string) {
	var out []Span
	src := s.src
	start := -1         // offset of the current statement's first token
	var words [8]string // leading words of the current statement
	nwords := 0         // how many of them are known
	block := false      // inside a statement set
	innerFirst := ""    // first word of the current statement inside a block
	innerStarted := false
	for s.i < len(src) {
		c := src[s.i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v':
			s.i++
			continue
		case c == '-' && s.i+1 < len(src) && src[s.i+1] == '-', c == '#':
			for s.i < len(src) && src[s.i] != '\n' {
				s.i++
			}
			continue
		case c == '/' && s.i+1 < len(src) && src[s.i+1] == '*':
			end := indexFrom(src, s.i+2, "*/")
			if end < 0 {
				// An unfinished comment is unfinished input.
				if start < 0 {
					start = s.i
				}
				s.i = len(src)
				continue
			}
			s.i = end + 2
			continue
		}
		if c == ';' {
			s.i++
			if start < 0 {
				continue
			}
			if !block && opensStatementSet(words[:nwords]) {
				block = true
				innerStarted = false
				continue
			}
			if block && innerFirst != "END" {
				innerStarted = false
				continue
			}
			out = append(out, Span{Text: strings.TrimSpace(src[start : s.i-1]), Pos: s.posAt(start)})
			start, nwords, block, innerFirst, innerStarted = -1, 0, false, "", false
			continue
		}
		if start < 0 {
			start = s.i
		}
		// A token: skip it, noting words.
		switch {
		case c == '\'' || c == '`' || c == '"':
			end := strings.IndexByte(src[s.i+1:], c)
			for end >= 0 && s.i+1+end+1 < len(src) && src[s.i+1+end+1] == c {
				next := strings.IndexByte(src[s.i+1+end+2:], c)
				if next < 0 {
					end = -1
					break
				}
				end += 2 + next
			}
			if end < 0 {
				s.i = len(src)
			} else {
				s.i += end + 2
			}
			s.word("", &words, &nwords, block, &innerFirst, &innerStarted)
		default:
			r, n := utf8.DecodeRuneInString(src[s.i:])
			if isIdentStart(r) {
				j := s.i + n
				for j < len(src) {
					r, n := utf8.DecodeRuneInString(src[j:])
					if !isIdentPart(r) {
						break
					}
					j += n
				}
				w := keywordOf(src[s.i:j])
				s.i = j
				s.word(w, &words, &nwords, block, &innerFirst, &innerStarted)
			} else {
				s.i += n
				s.word("", &words, &nwords, block, &innerFirst, &innerStarted)
			}
		}
	}
	if start < 0 {
		return out, ""
	}
	return out, strings.TrimSpace(src[start:])
}

// word records a token of the current statement: its leading words, and the
// first word of the current inner statement of a statement set.
func (s *splitter) word(w string, words *[8]string, nwords *int, block bool, innerFirst *string, innerStarted *bool) {
	if *nwords < len(words) {
		words[*nwords] = w
		*nwords++
	}
	if block && !*innerStarted {
		*innerFirst = w
		*innerStarted = true
	}
}

// opensStatementSet reports whether a statement's leading words open a
// statement set: BEGIN STATEMENT SET, or STATEMENT SET BEGIN after EXECUTE or
// EXPLAIN.
func opensStatementSet(words []string) bool {
	if len(words) >= 3 && words[0] == "BEGIN" && words[1] == "STATEMENT" && words[2] == "SET" {
		return true
	}
	if len(words) == 0 || words[0] != "EXECUTE" && words[0] != "EXPLAIN" {
		return false
	}
	for i := 1; i+2 < len(words); i++ {
		if words[i] == "STATEMENT" && words[i+1] == "SET" && words[i+2] == "BEGIN" {
			return true
		}
	}
	return false
}
