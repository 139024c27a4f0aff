// Package vec holds Weir's columnar batches: typed vectors with null bitmaps, an
// optional row-kind vector, and the Batch that groups them. Hot paths work on the
// typed slices directly (one switch on the physical kind per vector, never one
// interface call per row).
//
// Physical storage by logical type root:
//
//	BOOLEAN                          Bools
//	TINYINT                          I8
//	SMALLINT                         I16
//	INT, DATE, TIME                  I32
//	BIGINT, DECIMAL(p ≤ 18)          I64 (decimals as unscaled values)
//	FLOAT                            F32
//	DOUBLE                           F64
//	DECIMAL(p > 18)                  Dec
//	TIMESTAMP, TIMESTAMP_LTZ         TS
//	CHAR, VARCHAR, BINARY, VARBINARY Offsets + Data (Arrow-style: value i is Data[Offsets[i]:Offsets[i+1]])
package vec
