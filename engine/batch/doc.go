// Package batch holds Weir's vectorized batch operators: the bounded
// execution of a query plan, one columnar batch at a time (scan sources,
// filter, project, hash aggregate, hash join, sort, limit, union). Operators
// pull from their inputs (Open, Next until io.EOF, Close); a batch returned by
// Next stays valid until the next call to Next on the same operator.
//
// Expressions are anything with the method set of sql/expr.Expr; this
// package declares the interface it needs so that it depends only on vec
// and sql/fn.
package batch
