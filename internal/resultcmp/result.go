// Package resultcmp compares query results between engines (Weir and
// PostgreSQL, the ground truth) in a canonical text form.
//
// A Result is column kinds plus rows of strings rendered canonically:
// integers in decimal, decimals exactly with their own scale ("12.50"), dates
// ISO (2024-01-31), timestamps "2024-01-31 08:00:00[.fraction without
// trailing zeros]", booleans true/false, doubles in Go's shortest form, and
// NULL as the marker Null. Compare treats decimals and integers as exact
// numbers, compared at the smaller of the two scales after rounding half up
// (so a PostgreSQL AVG with 16 fractional digits matches a Flink AVG with 6),
// and doubles with a relative tolerance of 1e-9. Rows are compared in order
// when the query has a top-level ORDER BY, and as sorted multisets otherwise.
package resultcmp

// Null is the canonical rendering of SQL NULL.
const Null = `\N`

// Kind is the canonical class of a column.
type Kind uint8

// Column kinds.
const (
	String Kind = iota + 1
	Integer
	Decimal
	Float
	Bool
	Date
	Timestamp
	Other
)

func (k Kind) String() string {
	switch k {
	case String:
		return "string"
	case Integer:
		return "integer"
	case Decimal:
		return "decimal"
	case Float:
		return "float"
	case Bool:
		return "bool"
	case Date:
		return "date"
	case Timestamp:
		return "timestamp"
	}
	return "other"
}

func (k Kind) numeric() bool { return k == Integer || k == Decimal || k == Float }

// Column describes one result column.
type Column struct {
	Name string
	Kind Kind
	// Scale is a decimal column's declared scale, -1 when values carry
	// their own (PostgreSQL's unconstrained numeric).
	Scale int
}

// Result is a query result in canonical form.
type Result struct {
	Columns []Column
	Rows    [][]string
}
