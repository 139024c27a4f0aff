// Package options is Weir's registry of Paimon table options (CoreOptions as
// of Paimon 1.x, plus the Flink connector options users put in the WITH clause
// of Paimon tables): for every key its value kind, default, allowed values,
// description and fallback (older) keys. Validate checks a table's options and
// reports every problem at once; Parse builds a typed Options accessor.
//
// Keys are accepted when they are
//   - registered (or a fallback key of a registered option);
//   - one of the per-field families fields.<field>.<suffix> (aggregate-function,
//     ignore-retract, sequence-group, list-agg-delimiter, distinct, nested-key,
//     count-limit, stats-mode), where <field> must be a column — for
//     sequence-group a comma-separated list of columns;
//   - file-index.<type>.columns and file-index.<type>.<column>.<param> for the
//     file-index types bloom-filter, bitmap, bsi and range-bitmap;
//   - commit.callback.<class>.param and tag.callback.<class>.param;
//   - under a pass-through prefix (PassThroughPrefixes): options handed
//     unchanged to a file format writer (parquet., orc., avro., csv., json.)
//     or to a file system / object store client (fs., s3., s3a., oss., hadoop.,
//     dfs., gs., azure.). Paimon itself forwards such keys to the format and file
//     IO factories without validating them, so Weir does not judge them either.
//
// Values follow Paimon's parsing: booleans true/false (any case), integers in
// decimal, durations as Flink writes them ("1 h", "10 s", "5min", "100 ms",
// "2m", a plain number = milliseconds), memory sizes ("128 mb", "1gb",
// "64 kb", "500 B", a plain number = bytes; units are powers of 1024), enums
// case-insensitively.
package options
