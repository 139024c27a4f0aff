package ast

import (
	"strconv"
	"strings"
)

// Pos is the position of a node's first token in the source text. Line and Col
// are 1-based; Col counts characters (runes), not bytes. Offset is the 0-based
// byte offset. The zero Pos means "no position" (a node built by a program).
type Pos struct {
	Offset int
	Line   int
	Col    int
}

// Position returns p; every node embeds a Pos and so has this method.
func (p Pos) Position() Pos { return p }

// String renders p as "line:col".
func (p Pos) String() string {
	return strconv.Itoa(p.Line) + ":" + strconv.Itoa(p.Col)
}

// Node is any syntax tree node. The set of nodes is closed: only this package
// implements Node.
type Node interface {
	Position() Pos
	format(p *printer)
}

// Statement is a top-level statement of a script.
type Statement interface {
	Node
	stmt()
}

// Expr is a scalar (or row-valued) expression.
type Expr interface {
	Node
	expr()
}

// QueryExpr is the body of a query: *Select, *SetOp, *Values or *Query.
type QueryExpr interface {
	Node
	queryExpr()
}

// TableExpr is an item of a FROM clause.
type TableExpr interface {
	Node
	tableExpr()
}

// Name is a possibly qualified object name such as cat.db.t, one element per
// part, each exactly as written (case preserved, quotes removed).
type Name []string

// String renders the name as SQL, quoting parts that need it.
func (n Name) String() string {
	var b strings.Builder
	for i, part := range n {
		if i > 0 {
			b.WriteByte('.')
		}
		b.WriteString(QuoteIdent(part))
	}
	return b.String()
}

// Last returns the last part of the name, or "" for an empty name.
func (n Name) Last() string {
	if len(n) == 0 {
		return ""
	}
	return n[len(n)-1]
}

// Option is one 'key' = 'value' pair of a WITH (...) list, a SET statement or a
// hint.
type Option struct {
	Pos
	Key   string
	Value string
}

// Format renders n as canonical SQL text.
func Format(n Node) string {
	var p printer
	n.format(&p)
	return p.b.String()
}
