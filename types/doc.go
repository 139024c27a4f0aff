// Package types holds Weir's logical data types (the Flink/Paimon type system),
// the scalar value representation used outside hot paths, and the row kinds of a
// changelog. It is a leaf package: it imports nothing from Weir.
//
// Scalar values (type any) use these Go types, by type root:
//
//	BOOLEAN                     bool
//	TINYINT                     int8
//	SMALLINT                    int16
//	INT, DATE, TIME             int32 (DATE: days since 1970-01-01; TIME: milliseconds of the day)
//	BIGINT                      int64
//	FLOAT                       float32
//	DOUBLE                      float64
//	DECIMAL(p, s)               Decimal (unscaled 128-bit value; p and s come from the type)
//	CHAR, VARCHAR (STRING)      string
//	BINARY, VARBINARY (BYTES)   []byte
//	TIMESTAMP, TIMESTAMP_LTZ    Timestamp
//	NULL                        nil
package types
