// Package table reads and writes one Apache Paimon table: it plans scans of a
// snapshot (manifest merging, partition pruning, file skipping from statistics),
// reads splits with merge-on-read for primary-key tables (deduplicate engine,
// deletion vectors, level-0 rules, schema evolution by field id), buffers and
// flushes writes into level-0 files, and commits snapshots with Paimon's
// exactly-once identity (commitUser, commitIdentifier) and conflict checks.
//
// The on-disk result is byte-compatible with Java Paimon; see
// paimon-format.md in the shared docs and CheckTable for the self-check.
package table
