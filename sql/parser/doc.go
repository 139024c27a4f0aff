// Package parser reads Weir's SQL dialect, Flink SQL, into the syntax tree of
// package ast.
//
// Entry points: [Parse] reads a script (statements separated by ';'),
// [ParseOne] a single statement, [ParseExpr] an expression and [ParseType] a
// data type. [SplitStatements] cuts a script into statement texts without
// parsing them, for a CLI that runs statement by statement.
//
// The parser is a hand-written recursive descent over a token slice built by
// the lexer in one pass; tokens are slices of the source (no allocation per
// character). Comments are -- and /* */, plus # to end of line (scripts copied
// from blogs and MySQL tools carry these). A /*+ ... */ comment right after a
// table name (in FROM or INSERT INTO) or after SELECT is a hint; anywhere else
// it is a comment.
//
// Errors are *Error values: a line, a column, the offending token, a message
// that says what was expected (or why the construct is not Flink SQL), and
// the source line with a caret under the token.
//
// Two leniencies exist for scripts in the wild: a WITH (...) option list
// tolerates repeated commas ('a' = 'b',, 'c' = 'd'), and # starts a comment.
package parser
