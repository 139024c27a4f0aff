// Package partition spells Paimon partition directory names exactly as Java
// does (PartitionPathUtils.generatePartitionPath and
// InternalRowPartitionComputer.generatePartValues) and parses them back.
//
// A partition path is `k1=v1/k2=v2/` in partition-key order, with a trailing
// slash (as Java's generatePartitionPath; an unpartitioned table has the empty
// path ""). Keys and values are escaped with %XX for ASCII control characters
// and "#%'*/:=?\{}[]^ and DEL; non-ASCII is kept. A null value, or one that is
// empty or whitespace-only, is replaced by the partition.default-name.
//
// Value spelling depends on partition.legacy-name (default true): legacy names
// use Java's toString of the internal value (DATE as epoch days, TIME as
// milliseconds of the day, TIMESTAMP as LocalDateTime.toString, DECIMAL as a
// plain string); non-legacy names use Paimon's CAST to STRING (DATE as
// yyyy-MM-dd, TIMESTAMP as yyyy-MM-dd HH:mm:ss with the type's fraction
// digits).
package partition
