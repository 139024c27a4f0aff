// Package datafile reads and writes the Parquet data files of Paimon tables.
//
// The table layer decides which columns a file holds; this package maps an
// ordered list of [Column]s (name, Paimon field id, logical type) to and from
// Parquet, byte-compatible with the files Paimon's Java writer produces:
//
//   - message name "paimon_schema", columns in the given order, every column
//     carrying its Paimon field id as the Parquet field_id (including id 0,
//     which parquet-go alone cannot write; see footer.go);
//   - the type mapping of Paimon's ParquetSchemaConverter (TINYINT/SMALLINT as
//     annotated INT32, DECIMAL as INT32/INT64/FIXED_LEN_BYTE_ARRAY by precision,
//     TIMESTAMP(p>6) as INT96, ...), REQUIRED for NOT NULL columns;
//   - ZSTD compression, data page v1.
//
// [KeyValueColumns] and [AppendColumns] build the column lists of the two file
// layouts (primary-key "KeyValue" files and append files).
//
// [Writer] consumes [vec.Batch]es column by column and computes, while writing,
// the per-column statistics Paimon stores in DataFileMeta (min/max/null count
// under the stats modes none, counts, truncate(N) and full). [Reader] streams a
// file row group by row group and page by page into reused batches, matching
// the wanted columns by field id (or by name for files without field ids),
// filling missing columns with nulls and applying numeric widenings.
//
// Only atomic types are supported (those [vec.KindOf] accepts); ARRAY, MAP,
// MULTISET and ROW columns are reported as errors.
package datafile
