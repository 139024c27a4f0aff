// Package plan binds parsed SQL (package sql/ast) against a Catalog into a
// typed logical plan, rewrites it (predicate and projection push-down,
// partition pruning, constant folding, join ordering, decorrelation), infers
// the changelog mode of every node's output, prints it for EXPLAIN, and
// builds the batch operators (package engine/batch) that run it.
package plan
