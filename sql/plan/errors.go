package plan

import (
	"fmt"
	names "github.com/weir-data/weir/internal/suggest"
	"strings"

	"github.com/weir-data/weir/sql/ast"
)

// Error is a binding error pointing at the SQL text.
type Error struct {
	Pos ast.Pos
	Msg string
}

func (e *Error) Error() string {
	if e.Pos.Line == 0 {
		return e.Msg
	}
	return fmt.Sprintf("line %d, column %d: %s", e.Pos.Line, e.Pos.Col, e.Msg)
}

// errorf returns an *Error at n's position.
func errorf(n ast.Node, format string, args ...any) error {
	var p ast.Pos
	if n != nil {
		p = n.Position()
	}
	return &Error{Pos: p, Msg: fmt.Sprintf(format, args...)}
}

// wrapAt gives err the position of n unless it already has one.
func wrapAt(n ast.Node, err error) error {
	if err == nil {
		return nil
	}
	if _, ok := err.(*Error); ok {
		return err
	}
	return errorf(n, "%s", err.Error())
}

// suggest returns the candidate closest to s (edit distance ≤ 2, or ≤ a
// third of s), or "".
func suggest(s string, candidates []string) string {
	best, bestD := "", 1<<30
	ls := strings.ToLower(s)
	for _, c := range candidates {
		d := names.Distance(ls, strings.ToLower(c))
		if d < bestD {
			best, bestD = c, d
		}
	}
	if bestD <= 2 || bestD <= len(s)/3 {
		return best
	}
	return ""
}
