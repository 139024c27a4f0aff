// Package filesystem is Flink's 'filesystem' connector: a table stored as
// CSV, JSON-lines or Parquet files in a directory (local disk, file:// or
// s3:// through package fileio), optionally partitioned Hive-style into
// k1=v1/k2=v2/ directories.
//
// # Options
//
// 'path' (required) is a directory, or for reading a single file; 'format'
// (required) is csv, json or parquet. Flink's other keys are accepted and
// validated: 'partition.default-name' (directory name of NULL and blank
// partition values, default __DEFAULT_PARTITION__),
// 'sink.rolling-policy.file-size' (default 128MB), the streaming keys
// ('source.monitor-interval', 'sink.rolling-policy.*-interval',
// 'sink.partition-commit.*', 'auto-compaction', 'partition.time-extractor.*'),
// which are validated and have no effect until streaming reads and writes
// exist, and the format keys 'csv.*' and 'json.*' (only with their format).
// 'source.path.regex-pattern' is refused as not yet supported.
//
// # Reading
//
// Every file directly in the directory is read (for partitioned tables:
// every file in the partition directories, whose values become the
// partition columns); names starting with '.' or '_' are skipped, as in
// Flink. Files are streamed into batches of at most batch.BatchRows rows,
// decoding only the projected columns. Errors name the file and the line
// (CSV, JSON) and say which option would skip the bad data.
//
// CSV follows Flink's csv format: RFC 4180 with 'csv.field-delimiter' (,),
// 'csv.quote-character' ("), 'csv.disable-quote-character',
// 'csv.escape-character' (none), 'csv.allow-comments' ('#' lines),
// 'csv.null-literal' (none) and 'csv.ignore-parse-errors' (bad fields read
// as NULL, rows with the wrong field count skipped). Without a null literal,
// as in Flink, an empty field is NULL for non-string columns and the empty
// string for strings, so a NULL string written to CSV reads back as the
// empty string.
// A quoted field never matches the null literal. Empty lines are skipped.
//
// JSON is one object per line, keys matched to columns by exact name;
// unknown keys are skipped, missing ones are NULL (an error with
// 'json.fail-on-missing-field'); a key given twice is an error; numbers
// may be given as strings; a nested object or array read into a string
// column gives its JSON text. 'json.timestamp-format.standard' selects how
// timestamps are written (SQL "yyyy-MM-dd HH:mm:ss.f", ISO-8601
// "yyyy-MM-ddTHH:mm:ss.f"; TIMESTAMP_LTZ with a trailing 'Z'); reading
// accepts both. 'json.map-null-key.*' are validated (no MAP columns yet).
// Decimals are JSON numbers in Java's BigDecimal.toString form ("5E-8" for
// tiny values) unless 'json.encode.decimal-as-plain-number' is true, as in
// Flink; 'json.encode.ignore-null-fields' leaves NULL fields out.
//
// Text forms of values (CSV fields, JSON strings, partition directories)
// are Flink's CAST to STRING: DATE yyyy-MM-dd, TIME HH:mm:ss[.fff],
// TIMESTAMP with exactly the type's fraction digits, BINARY as base64.
//
// Parquet files are written and read through paimon/datafile: columns in
// table order (partition columns excluded), named as the table's columns,
// ZSTD-compressed; BOOLEAN, INT32 (TINYINT, SMALLINT, INT, DATE, TIME
// millis), INT64 (BIGINT), FLOAT, DOUBLE, BYTE_ARRAY (strings, binaries);
// DECIMAL as INT32 (p ≤ 9), INT64 (p ≤ 18) or FIXED_LEN_BYTE_ARRAY;
// TIMESTAMP(p ≤ 3) as INT64 millis, p ≤ 6 as INT64 micros, p > 6 as INT96 —
// the mapping Paimon and Flink's Parquet writers use. Reading matches
// columns by name; a column the file lacks reads as NULL.
//
// # Writing
//
// The sink writes new part-<uuid>-<n>.<format> files (never appending to
// existing ones) into the table directory or its partition directories,
// rolling to a new file at the rolling size (text formats are checked every
// few rows, Parquet after each row group). Files become visible at Commit:
// until then they are hidden temporary files (local disk) or unfinished
// uploads (object stores); Close without Commit discards them. A batch
// statement therefore publishes its files at its end, each file atomically
// (the set of files is not one atomic step). INSERT OVERWRITE deletes, after
// publishing, the files the target directories held before: the table
// directory, or each partition written, or the static partition of INSERT
// OVERWRITE ... PARTITION (...) even when no row went to it. Files hold no
// row kinds: the sink accepts only inserts. Every open part file (one per
// partition written, plus rolled files until Commit) holds a file handle
// or an upload.
package filesystem
