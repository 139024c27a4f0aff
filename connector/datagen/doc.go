// Package datagen is Flink's 'datagen' connector: a source that generates
// rows, random or sequential, for every atomic column type.
//
// Table options (Flink's names and defaults):
//
//	rows-per-second  10000  rate limit; applies only to unbounded (streaming) reads
//	number-of-rows   none   total rows; without it the table is unbounded
//	scan.parallelism none   accepted (a positive integer)
//	weir.seed        none   Weir's addition: seeds the random generators, so
//	                        a table generates the same rows on every read
//
// Per column c (options that do not apply to a column's type and kind are
// rejected, as Flink's factory rejects unconsumed keys):
//
//	fields.c.kind       random (default) or sequence
//	fields.c.null-rate  fraction of NULLs, 0 (default) to 1
//	random numbers      fields.c.min, fields.c.max (default: the type's range;
//	                    FLOAT and DOUBLE as Java's MIN_VALUE..MAX_VALUE, as Flink)
//	random strings and  fields.c.length (default 100, at most the declared
//	binaries            length; not for CHAR/BINARY, which use theirs),
//	                    fields.c.var-len (lengths uniform in [1, length]);
//	                    strings are hexadecimal digits, as Flink's
//	random TIMESTAMP    fields.c.max-past (default 0): uniform in
//	                    [now - max-past, now]; DATE and TIME are today and
//	                    the time of day when the read starts
//	sequence            fields.c.start and fields.c.end, both required:
//	                    every value of [start, end] exactly once, in order
//	                    (integers, FLOAT, DOUBLE, DECIMAL in steps of 1;
//	                    strings as decimal numbers)
//
// A read ends after number-of-rows rows or when a sequence is exhausted,
// whichever comes first; a table with neither is unbounded, and a batch
// query over it fails with an error asking for 'number-of-rows'. (Flink's
// planner, too, sees only number-of-rows; Weir also counts a sequence field
// as bounding, since its end ends the read.)
//
// Split k of n (SourceRequest.Split, Splits) generates the k-th contiguous
// share of every sequence and of number-of-rows, so the splits together
// cover each sequence exactly once.
package datagen
