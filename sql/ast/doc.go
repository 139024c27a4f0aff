// Package ast holds the syntax tree of Weir's SQL dialect (Flink SQL) and the
// printer that turns any tree back into SQL text.
//
// The tree is purely syntactic: names are not resolved and nothing is typed,
// except that a [TypeName] converts to a types.DataType with Flink's defaults.
// Every node embeds a [Pos] (line, column and byte offset of its first token),
// so later stages can point at the source in their errors.
//
// Shape of the tree:
//
//   - A script is a []Statement. Queries are *Query (WITH, a body, ORDER BY,
//     LIMIT/OFFSET); a body is a QueryExpr: *Select, *SetOp, *Values or a
//     nested *Query.
//   - FROM clauses are TableExpr trees: *TableName, *DerivedTable,
//     *TableFunc (TABLE(...), LATERAL TABLE(...), window TVFs), *Unnest and
//     *Join (comma joins are Join{Kind: CommaJoin}).
//   - Expressions are Expr nodes. Parentheses are not kept: the printer adds
//     them where precedence requires, so Format(Parse(Format(t))) == Format(t).
//   - DDL nodes keep options as ordered []Option of string keys and values.
//
// [Format] prints canonical SQL on one line: keywords in upper case,
// identifiers backquoted only when they must be (a reserved word, or a
// character outside [A-Za-z0-9_$] or a leading digit), strings re-escaped.
package ast
