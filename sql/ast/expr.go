package ast

// Operator precedence levels used by the printer to decide where parentheses
// are needed, lowest first. They follow Calcite's (and so Flink's) grammar.
const (
	precOr = iota + 1
	precAnd
	precNot
	precCompare // = <> < <= > >=, IS, BETWEEN, LIKE, SIMILAR TO, IN
	precAdd     // + -
	precMul     // * / % ||
	precUnary   // unary + -
	precPostfix // e[i], e.field
	precPrimary
)

func precedence(e Expr) int {
	switch e := e.(type) {
	case *BinaryExpr:
		return binaryPrecedence(e.Op)
	case *UnaryExpr:
		if e.Op == "NOT" {
			return precNot
		}
		return precUnary
	case *IsExpr, *IsDistinctFrom, *BetweenExpr, *LikeExpr, *InExpr:
		return precCompare
	case *IndexExpr, *FieldExpr:
		return precPostfix
	}
	return precPrimary
}

func binaryPrecedence(op string) int {
	switch op {
	case "OR":
		return precOr
	case "AND":
		return precAnd
	case "+", "-":
		return precAdd
	case "*", "/", "%", "||":
		return precMul
	}
	return precCompare
}

// NumberKind tells how a numeric literal was written.
type NumberKind uint8

const (
	// IntegerNumber is an exact integer: 42.
	IntegerNumber NumberKind = iota + 1
	// DecimalNumber is an exact decimal with a point: 4.2, .5, 5.
	DecimalNumber
	// ApproxNumber has an exponent and is a DOUBLE: 1e3, 2.5E-2.
	ApproxNumber
)

// NumberLit is a numeric literal, kept as its exact source text.
type NumberLit struct {
	Pos
	Kind NumberKind
	Text string
}

// StringLit is a character string literal; Value is decoded (quotes, U&
// escapes and adjacent-literal concatenation applied).
type StringLit struct {
	Pos
	Value string
}

// BinaryLit is a binary string literal X'0AFF'.
type BinaryLit struct {
	Pos
	Value []byte
}

// BoolLit is TRUE or FALSE.
type BoolLit struct {
	Pos
	Value bool
}

// NullLit is NULL.
type NullLit struct{ Pos }

// UnknownLit is the boolean UNKNOWN.
type UnknownLit struct{ Pos }

// TypedLit is DATE '...', TIME '...' or TIMESTAMP '...'. Type is the keyword in
// upper case; Value is the string as written (checked by the binder).
type TypedLit struct {
	Pos
	Type  string
	Value string
}

// NoPrecision marks an interval qualifier precision that was not written.
const NoPrecision = -1

// IntervalQualifier is the unit part of an interval: YEAR, DAY TO SECOND(3),
// SECOND(2, 3). Units are singular upper-case words (MINUTES is read as
// MINUTE). Precisions not written are NoPrecision.
type IntervalQualifier struct {
	Start          string
	StartPrecision int
	End            string // "" for a single unit
	FracPrecision  int    // fractional-second precision of SECOND
}

// IntervalLit is INTERVAL [-]'value' qualifier.
type IntervalLit struct {
	Pos
	Negative  bool
	Value     string
	Qualifier IntervalQualifier
}

// Param is a query parameter: ? (Index counts them from 1 in text order) or
// $n (Dollar is set and Index is n).
type Param struct {
	Pos
	Index  int
	Dollar bool
}

// ColumnRef is a possibly qualified name in an expression: c, t.c, db.t.c,
// or a field path; the binder decides which parts name what.
type ColumnRef struct {
	Pos
	Name Name
}

// Star is * or qualifier.* in a select list (or COUNT(t.*)).
type Star struct {
	Pos
	Qualifier Name
}

// UnaryExpr is -x, +x or NOT x.
type UnaryExpr struct {
	Pos
	Op string // "-", "+", "NOT"
	X  Expr
}

// BinaryExpr is an infix operator: OR AND = <> < <= > >= + - * / % ||.
// != is read as <>.
type BinaryExpr struct {
	Pos
	Op   string
	L, R Expr
}

// IsExpr is x IS [NOT] NULL|TRUE|FALSE|UNKNOWN, or x IS [NOT] JSON
// [VALUE|OBJECT|ARRAY|SCALAR].
type IsExpr struct {
	Pos
	X     Expr
	Not   bool
	Value string // "NULL", "TRUE", "FALSE", "UNKNOWN", "JSON", "JSON VALUE", "JSON OBJECT", "JSON ARRAY", "JSON SCALAR"
}

// IsDistinctFrom is l IS [NOT] DISTINCT FROM r.
type IsDistinctFrom struct {
	Pos
	L, R Expr
	Not  bool
}

// BetweenExpr is x [NOT] BETWEEN [SYMMETRIC] low AND high (ASYMMETRIC is the
// default and is not recorded).
type BetweenExpr struct {
	Pos
	X, Low, High Expr
	Not          bool
	Symmetric    bool
}

// LikeExpr is x [NOT] LIKE pattern [ESCAPE e], or SIMILAR TO when Similar.
type LikeExpr struct {
	Pos
	X, Pattern Expr
	Escape     Expr // nil if absent
	Not        bool
	Similar    bool
}

// InExpr is x [NOT] IN (list) or x [NOT] IN (query); exactly one of List and
// Query is set.
type InExpr struct {
	Pos
	X     Expr
	Not   bool
	List  []Expr
	Query *Query
}

// ExistsExpr is EXISTS (query).
type ExistsExpr struct {
	Pos
	Query *Query
}

// SubqueryExpr is a scalar subquery (query) used as a value.
type SubqueryExpr struct {
	Pos
	Query *Query
}

// FuncCall is a function call, including aggregates and window functions.
type FuncCall struct {
	Pos
	Name     Name
	Distinct bool
	Star     bool   // COUNT(*)
	Args     []Expr // may contain *NamedArg, *TableArg, *Descriptor, *TimeUnitArg
	Niladic  bool   // CURRENT_TIMESTAMP and friends, written without parentheses
	Filter   Expr   // FILTER (WHERE ...), nil if absent
	Over     *WindowSpec
	OverName string // OVER w
}

// NamedArg is name => value in a function's argument list.
type NamedArg struct {
	Pos
	Name  string
	Value Expr
}

// TableArg is TABLE t [PARTITION BY ...] as an argument of a table function
// (the window TVFs).
type TableArg struct {
	Pos
	Name        Name
	PartitionBy []Expr
}

// Descriptor is DESCRIPTOR(c, ...) as an argument of a table function.
type Descriptor struct {
	Pos
	Columns []string
}

// TimeUnitArg is a bare time unit (DAY, SECOND, ...) as the first argument of
// TIMESTAMPADD and TIMESTAMPDIFF.
type TimeUnitArg struct {
	Pos
	Unit string
}

// CastExpr is CAST(x AS type), or TRY_CAST when Try.
type CastExpr struct {
	Pos
	X    Expr
	Type *TypeName
	Try  bool
}

// CaseExpr is CASE [operand] WHEN ... THEN ... [ELSE ...] END.
type CaseExpr struct {
	Pos
	Operand Expr // nil for a searched CASE
	Whens   []*When
	Else    Expr // nil if absent
}

// When is one WHEN cond THEN result arm of a CASE.
type When struct {
	Pos
	Cond, Result Expr
}

// ExtractExpr is EXTRACT(unit FROM x).
type ExtractExpr struct {
	Pos
	Unit string
	X    Expr
}

// PositionExpr is POSITION(sub IN x).
type PositionExpr struct {
	Pos
	Sub, X Expr
}

// TrimExpr is TRIM([BOTH|LEADING|TRAILING] [chars] FROM x), or TRIM(x).
type TrimExpr struct {
	Pos
	Side  string // "BOTH", "LEADING", "TRAILING" or "" (BOTH)
	Chars Expr   // nil: spaces
	X     Expr
}

// SubstringExpr is SUBSTRING(x FROM a [FOR b]); the comma form
// SUBSTRING(x, a [, b]) reads to the same node.
type SubstringExpr struct {
	Pos
	X, From Expr
	For     Expr // nil if absent
}

// OverlayExpr is OVERLAY(x PLACING r FROM a [FOR b]).
type OverlayExpr struct {
	Pos
	X, Placing, From Expr
	For              Expr // nil if absent
}

// FloorCeilExpr is FLOOR(x TO unit) or CEIL(x TO unit). FLOOR(x) without TO is
// an ordinary FuncCall.
type FloorCeilExpr struct {
	Pos
	Ceil bool
	X    Expr
	Unit string
}

// RowExpr is ROW(a, b) or (a, b).
type RowExpr struct {
	Pos
	Items []Expr
}

// ArrayExpr is ARRAY[a, b].
type ArrayExpr struct {
	Pos
	Items []Expr
}

// MapExpr is MAP[k1, v1, k2, v2]; Items alternate keys and values.
type MapExpr struct {
	Pos
	Items []Expr
}

// IndexExpr is x[i] (array element or map value access).
type IndexExpr struct {
	Pos
	X, Index Expr
}

// FieldExpr is x.field on a value that is not a plain name, e.g. f(x).a or
// (c).a; a.b.c is a ColumnRef.
type FieldExpr struct {
	Pos
	X     Expr
	Field string
}

// JSONBehavior is one ON EMPTY / ON ERROR / ON NULL clause of a JSON function.
// Kind is "NULL", "ERROR", "DEFAULT" (with Default), "EMPTY ARRAY",
// "EMPTY OBJECT", "TRUE", "FALSE" or "UNKNOWN".
type JSONBehavior struct {
	Kind    string
	Default Expr
}

// JSONValueExpr is JSON_VALUE(x, path [RETURNING type] [b ON EMPTY]
// [b ON ERROR]).
type JSONValueExpr struct {
	Pos
	X, Path   Expr
	Returning *TypeName // nil if absent
	OnEmpty   *JSONBehavior
	OnError   *JSONBehavior
}

// JSONQueryExpr is JSON_QUERY(x, path [wrapper] [b ON EMPTY] [b ON ERROR]).
// Wrapper is "" (WITHOUT ARRAY WRAPPER, the default), "WITH CONDITIONAL" or
// "WITH UNCONDITIONAL".
type JSONQueryExpr struct {
	Pos
	X, Path Expr
	Wrapper string
	OnEmpty *JSONBehavior
	OnError *JSONBehavior
}

// JSONExistsExpr is JSON_EXISTS(x, path [TRUE|FALSE|UNKNOWN|ERROR ON ERROR]).
type JSONExistsExpr struct {
	Pos
	X, Path Expr
	OnError *JSONBehavior
}

// JSONObjectExpr is JSON_OBJECT([KEY] k VALUE v, ... [NULL|ABSENT ON NULL]).
// Keys and Values have the same length. AbsentOnNull is false for the
// default NULL ON NULL.
type JSONObjectExpr struct {
	Pos
	Keys, Values []Expr
	AbsentOnNull bool
}

// JSONArrayExpr is JSON_ARRAY(v, ... [NULL|ABSENT ON NULL]); ABSENT ON NULL
// is the default, so NullOnNull records the other choice.
type JSONArrayExpr struct {
	Pos
	Items      []Expr
	NullOnNull bool
}

// WindowSpec is the window of OVER (...) or of a WINDOW clause entry.
type WindowSpec struct {
	Pos
	Base        string // an existing window's name, "" if none
	PartitionBy []Expr
	OrderBy     []*OrderItem
	Frame       *WindowFrame // nil if absent
}

// WindowFrame is ROWS|RANGE bound, or ROWS|RANGE BETWEEN start AND end.
type WindowFrame struct {
	Pos
	Range      bool // RANGE, else ROWS
	Start, End *FrameBound
	// End is nil when the frame has a single bound (no BETWEEN).
}

// FrameBound is one bound of a window frame. Kind is "UNBOUNDED PRECEDING",
// "PRECEDING", "CURRENT ROW", "FOLLOWING" or "UNBOUNDED FOLLOWING"; Offset is
// set for PRECEDING and FOLLOWING.
type FrameBound struct {
	Pos
	Kind   string
	Offset Expr
}

// GroupingSetsExpr is GROUPING SETS (...), ROLLUP (...) or CUBE (...) in a
// GROUP BY clause. Kind is "GROUPING SETS", "ROLLUP" or "CUBE". Items of
// GROUPING SETS may be *RowExpr (a set of several expressions) or
// *EmptyGroup.
type GroupingSetsExpr struct {
	Pos
	Kind  string
	Items []Expr
}

// EmptyGroup is () in GROUP BY.
type EmptyGroup struct{ Pos }

func (*NumberLit) expr()        {}
func (*StringLit) expr()        {}
func (*BinaryLit) expr()        {}
func (*BoolLit) expr()          {}
func (*NullLit) expr()          {}
func (*UnknownLit) expr()       {}
func (*TypedLit) expr()         {}
func (*IntervalLit) expr()      {}
func (*Param) expr()            {}
func (*ColumnRef) expr()        {}
func (*Star) expr()             {}
func (*UnaryExpr) expr()        {}
func (*BinaryExpr) expr()       {}
func (*IsExpr) expr()           {}
func (*IsDistinctFrom) expr()   {}
func (*BetweenExpr) expr()      {}
func (*LikeExpr) expr()         {}
func (*InExpr) expr()           {}
func (*ExistsExpr) expr()       {}
func (*SubqueryExpr) expr()     {}
func (*FuncCall) expr()         {}
func (*NamedArg) expr()         {}
func (*TableArg) expr()         {}
func (*Descriptor) expr()       {}
func (*TimeUnitArg) expr()      {}
func (*CastExpr) expr()         {}
func (*CaseExpr) expr()         {}
func (*ExtractExpr) expr()      {}
func (*PositionExpr) expr()     {}
func (*TrimExpr) expr()         {}
func (*SubstringExpr) expr()    {}
func (*OverlayExpr) expr()      {}
func (*FloorCeilExpr) expr()    {}
func (*RowExpr) expr()          {}
func (*ArrayExpr) expr()        {}
func (*MapExpr) expr()          {}
func (*IndexExpr) expr()        {}
func (*FieldExpr) expr()        {}
func (*JSONValueExpr) expr()    {}
func (*JSONQueryExpr) expr()    {}
func (*JSONExistsExpr) expr()   {}
func (*JSONObjectExpr) expr()   {}
func (*JSONArrayExpr) expr()    {}
func (*GroupingSetsExpr) expr() {}
func (*EmptyGroup) expr()       {}
