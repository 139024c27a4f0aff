// Package merge implements Paimon's merge engines for primary-key tables: the
// function that turns all records of one key (a key group, in merge order)
// into at most one output row. It is byte-for-byte independent of files: the
// caller (the k-way merger in paimon/table) collects the records of a key and
// calls Function.Merge once per key.
//
// Engines (option merge-engine), following the Java classes of apache/paimon:
//
//	deduplicate     DeduplicateMergeFunction: the last record wins (its row kind
//	                too: a -D/-U winner means the key is deleted); ignore-delete
//	                skips retractions.
//	first-row       FirstRowMergeFunction: the first record wins; -U/-D fail
//	                unless ignore-delete.
//	partial-update  PartialUpdateMergeFunction: per field the newest non-null value
//	                wins; sequence groups (fields.<seq>[,<seq>].sequence-group),
//	                per-field aggregate functions inside groups,
//	                partial-update.remove-record-on-delete,
//	                partial-update.remove-record-on-sequence-group, ignore-delete.
//	aggregation     AggregateMergeFunction with the FieldAggregator functions sum,
//	                product, count, max, min, last_value, last_non_null_value,
//	                first_value, first_non_null_value, listagg, bool_and, bool_or
//	                (and primary_key); fields.<f>.ignore-retract,
//	                aggregation.remove-record-on-delete.
//
// # Key groups
//
// A Group references its records without copying them: Refs point at rows of
// held batches (Group.Batches) whose columns Offset.. are the value columns,
// i.e. all table columns in schema order, and Kinds/Seqs hold each record's
// row kind and _SEQUENCE_NUMBER. Records must be in merge order: ascending by
// the user sequence.field (see SequenceComparator and SortGroup), then by
// _SEQUENCE_NUMBER.
//
// # Output
//
// Merge appends the merged row to out (one value per column) and reports its
// row kind and sequence number, as Paimon's MergeFunction.getResult does:
// deduplicate and first-row emit the winning record's kind; partial-update and
// aggregation emit +I, or -D when the row was removed (remove-record-on-delete,
// remove-record-on-sequence-group, or a partial-update group that saw no
// insert). A reader drops results whose kind is a retraction (-U/-D); a
// compaction that does not write the last level keeps them. Emitted is false
// when the engine produces no record at all (every record was an ignored
// retraction).
//
// # Performance
//
// Merge is called once per key. Aggregation walks the group field by field:
// per field one switch on the function, and per record a switch on the
// physical kind that the branch predictor resolves (the same every time);
// accumulators are typed (int64, float64, 128-bit decimal, timestamp, a byte
// buffer), so the steady state allocates nothing. A Function keeps scratch
// state and is not safe for concurrent use; create one per goroutine.
//
// # Not supported
//
// collect, merge_map, merge_map_with_keytime, nested_update,
// nested_partial_update (ARRAY/MAP/ROW columns, which Weir's vectors do not hold
// yet), rbm32, rbm64, hll_sketch and theta_sketch are rejected by New with an
// error naming the field and option.
package merge
