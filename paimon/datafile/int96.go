package datafile

import (
	"github.com/parquet-go/parquet-go/deprecated"

	"github.com/weir-data/weir/types"
)

// INT96 timestamps (Impala/Hive legacy, written by Paimon for TIMESTAMP(p>6)):
// 12 bytes, little endian: 8 bytes of nanoseconds within the day, then 4
// bytes of Julian day number. parquet-go's deprecated.Int96 holds them as
// three little-endian uint32 words: [0] low and [1] high word of the
// nanoseconds, [2] the Julian day.

const (
	julianEpochDay = 2440588 // Julian day number of 1970-01-01
	millisPerDay   = 86_400_000
	nanosPerMilli  = 1_000_000
	nanosPerDay    = millisPerDay * nanosPerMilli
)

// int96FromTimestamp encodes ts with floor division: the Julian day of the
// instant and the nanoseconds since that day's midnight, in [0, 86400e9).
// Paimon's Java writer uses truncating division, which for pre-epoch instants
// yields the previous day + 1 and a negative nanos-of-day; both encodings
// denote the same instant, and the canonical one written here is what Spark,
// Hive, DuckDB and Java's own reader decode correctly.
func int96FromTimestamp(ts types.Timestamp) deprecated.Int96 {
	day := ts.Millis / millisPerDay
	msOfDay := ts.Millis % millisPerDay
	if msOfDay < 0 {
		day--
		msOfDay += millisPerDay
	}
	nanos := uint64(msOfDay*nanosPerMilli + int64(ts.NanoOfMilli))
	julian := uint32(day + julianEpochDay)
	return deprecated.Int96{uint32(nanos), uint32(nanos >> 32), julian}
}

// timestampFromInt96 decodes an INT96 value. Nanos of day are read as a
// signed 64-bit number so that values written with truncating division
// (negative nanos for pre-epoch instants) decode correctly too.
func timestampFromInt96(v deprecated.Int96) types.Timestamp {
	nanos := int64(uint64(v[0]) | uint64(v[1])<<32)
	day := int64(int32(v[2])) - julianEpochDay
	// Split nanos into millis and nano-of-milli with floor division.
	ms := nanos / nanosPerMilli
	nom := nanos % nanosPerMilli
	if nom < 0 {
		ms--
		nom += nanosPerMilli
	}
	return types.Timestamp{Millis: day*millisPerDay + ms, NanoOfMilli: int32(nom)}
}
