// Package paimon connects Paimon tables (package paimon/table) to the SQL
// engine: a batch scan operator that reads a snapshot's splits in parallel
// with projection and predicate pruning, and a sink that writes a statement's
// rows and commits them as one snapshot.
package paimon
