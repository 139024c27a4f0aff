package manifest

// SimpleStats is Paimon's SimpleStats record (Java
// org.apache.paimon.stats.SimpleStats): min, max and null count per column
// of a file, used for _KEY_STATS, _VALUE_STATS and _PARTITION_STATS.
type SimpleStats struct {
	// MinValues is Avro _MIN_VALUES (bytes): a serialized BinaryRow (4-byte
	// big-endian arity + row bytes) of the per-column minimums, kept raw.
	MinValues []byte
	// MaxValues is Avro _MAX_VALUES (bytes): the maximums, same encoding.
	MaxValues []byte
	// NullCounts is Avro _NULL_COUNTS (["null", array<["null","long"]>]):
	// the null count per column, a nil element being an unknown count. A nil
	// slice is a null array; Java always writes a (possibly empty) array.
	NullCounts []*int64
}

// EmptyStats returns the stats Java writes for zero columns (append-table key
// stats, unpartitioned partition stats): arity-0 rows and an empty array.
func EmptyStats() SimpleStats {
	return SimpleStats{
		MinValues:  emptyRow(),
		MaxValues:  emptyRow(),
		NullCounts: []*int64{},
	}
}

// emptyRow is the serialized arity-0 BinaryRow: arity 0 then an 8-byte header.
func emptyRow() []byte { return make([]byte, 12) }

func readStats(f *fields) SimpleStats {
	if f == nil {
		return SimpleStats{}
	}
	s := SimpleStats{
		MinValues: f.bytes("_MIN_VALUES"),
		MaxValues: f.bytes("_MAX_VALUES"),
	}
	if items := f.array("_NULL_COUNTS"); items != nil {
		s.NullCounts = make([]*int64, len(items))
		for i, v := range items {
			switch n := v.(type) {
			case nil:
			case int64:
				s.NullCounts[i] = &n
			default:
				f.fail("_NULL_COUNTS", "long items", v)
			}
		}
	}
	return s
}

func writeStats(w *binWriter, s SimpleStats) {
	w.bytes(s.MinValues)
	w.bytes(s.MaxValues)
	if s.NullCounts == nil {
		w.null()
		return
	}
	w.some()
	if len(s.NullCounts) > 0 {
		w.long(int64(len(s.NullCounts)))
		for _, n := range s.NullCounts {
			w.optLong(n)
		}
	}
	w.long(0)
}
