// Package schema reads and writes Paimon table schema files (schema/schema-N):
// the JSON encoding of a TableSchema and of its data types, byte-compatible with
// the files Java Paimon writes (Jackson pretty-print, Java's field order, the
// options in insertion order), plus a Manager that lists, reads and commits
// schema files through a fileio.FileIO.
//
// Parsing accepts every schema file version (1, 2, 3) and applies Java's legacy
// reader defaults: a version ≤ 1 file without a "bucket" option gets bucket=1,
// a version ≤ 2 file without "file.format" gets file.format=orc.
package schema
