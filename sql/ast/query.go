package ast

// Query is a complete query: [WITH ...] body [ORDER BY ...] [LIMIT n]
// [OFFSET m]. FETCH FIRST n ROWS ONLY is read as LIMIT n. A Query is also the
// statement for a plain SELECT.
type Query struct {
	Pos
	With    []*CTE
	Body    QueryExpr
	OrderBy []*OrderItem
	Limit   Expr // nil if absent
	Offset  Expr // nil if absent
}

// CTE is one name [(columns)] AS (query) of a WITH clause.
type CTE struct {
	Pos
	Name    string
	Columns []string
	Query   *Query
}

// Select is SELECT ... FROM ... WHERE ... GROUP BY ... HAVING ... WINDOW ....
type Select struct {
	Pos
	Hints    []*Hint // SELECT /*+ ... */
	Distinct bool
	Items    []*SelectItem
	From     TableExpr // nil for SELECT without FROM
	Where    Expr
	GroupBy  []Expr // may hold *GroupingSetsExpr and *EmptyGroup
	Having   Expr
	Windows  []*NamedWindow
}

// SelectItem is expr [AS alias] or a *Star.
type SelectItem struct {
	Pos
	Expr  Expr
	Alias string // "" if none
}

// NamedWindow is name AS (spec) in a WINDOW clause.
type NamedWindow struct {
	Pos
	Name string
	Spec *WindowSpec
}

// OrderItem is expr [ASC|DESC] [NULLS FIRST|LAST].
type OrderItem struct {
	Pos
	Expr  Expr
	Desc  bool
	Nulls string // "", "FIRST" or "LAST"
}

// SetOpKind is UNION, INTERSECT or EXCEPT.
type SetOpKind uint8

const (
	Union SetOpKind = iota + 1
	Intersect
	Except
)

func (k SetOpKind) String() string {
	switch k {
	case Union:
		return "UNION"
	case Intersect:
		return "INTERSECT"
	case Except:
		return "EXCEPT"
	}
	return "SETOP?"
}

// SetOp is l UNION|INTERSECT|EXCEPT [ALL] r. DISTINCT (the default) is not
// recorded.
type SetOp struct {
	Pos
	Op   SetOpKind
	All  bool
	L, R QueryExpr
}

// Values is VALUES (a, b), (c, d); a row written without parentheses is a
// one-element row.
type Values struct {
	Pos
	Rows [][]Expr
}

// Hint is one hint of a /*+ ... */ comment: NAME, NAME(a, b) or
// NAME('k' = 'v', ...). Exactly one of Options and Args is used.
type Hint struct {
	Pos
	Name    string
	Options []Option
	Args    []string
}

// Alias is AS name [(columns)] after a table reference.
type Alias struct {
	Name    string
	Columns []string
}

// TableName is a table, view or CTE reference with optional hints, time
// travel (FOR SYSTEM_TIME AS OF) and alias.
type TableName struct {
	Pos
	Name       Name
	Hints      []*Hint
	SystemTime Expr // FOR SYSTEM_TIME AS OF expr; nil if absent
	Alias      *Alias
}

// DerivedTable is [LATERAL] (query) [AS] alias.
type DerivedTable struct {
	Pos
	Lateral bool
	Query   *Query
	Alias   *Alias
}

// TableFunc is TABLE(f(...)) or LATERAL TABLE(f(...)), including the window
// TVFs TUMBLE, HOP, CUMULATE and SESSION.
type TableFunc struct {
	Pos
	Lateral bool
	Call    *FuncCall
	Alias   *Alias
}

// Unnest is UNNEST(expr, ...) [WITH ORDINALITY] [AS alias].
type Unnest struct {
	Pos
	Exprs          []Expr
	WithOrdinality bool
	Alias          *Alias
}

// JoinKind is the kind of a join.
type JoinKind uint8

const (
	InnerJoin JoinKind = iota + 1
	LeftJoin
	RightJoin
	FullJoin
	CrossJoin
	CommaJoin // FROM a, b
)

func (k JoinKind) String() string {
	switch k {
	case InnerJoin:
		return "INNER JOIN"
	case LeftJoin:
		return "LEFT JOIN"
	case RightJoin:
		return "RIGHT JOIN"
	case FullJoin:
		return "FULL JOIN"
	case CrossJoin:
		return "CROSS JOIN"
	case CommaJoin:
		return ","
	}
	return "JOIN?"
}

// Join is l kind r [ON cond | USING (cols)], or l NATURAL kind r.
type Join struct {
	Pos
	Kind    JoinKind
	Natural bool
	L, R    TableExpr
	On      Expr
	Using   []string
}

func (*Select) queryExpr() {}
func (*SetOp) queryExpr()  {}
func (*Values) queryExpr() {}
func (*Query) queryExpr()  {}

func (*TableName) tableExpr()    {}
func (*DerivedTable) tableExpr() {}
func (*TableFunc) tableExpr()    {}
func (*Unnest) tableExpr()       {}
func (*Join) tableExpr()         {}

func (*Query) stmt() {}
