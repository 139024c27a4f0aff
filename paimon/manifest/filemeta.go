package manifest

// FileMeta is one row of a manifest list: the description of one manifest
// file (Java ManifestFileMeta, §4.2).
type FileMeta struct {
	// FileName is _FILE_NAME (string): the manifest file name.
	FileName string
	// FileSize is _FILE_SIZE (long): its size in bytes.
	FileSize int64
	// NumAddedFiles is _NUM_ADDED_FILES (long): ADD entries in it.
	NumAddedFiles int64
	// NumDeletedFiles is _NUM_DELETED_FILES (long): DELETE entries in it.
	NumDeletedFiles int64
	// PartitionStats is _PARTITION_STATS (record SimpleStats): min/max/null
	// counts of the partition columns over its entries.
	PartitionStats SimpleStats
	// SchemaID is _SCHEMA_ID (long): schema id of the writer.
	SchemaID int64
	// MinBucket is _MIN_BUCKET (["null","int"], since 1.1).
	MinBucket *int32
	// MaxBucket is _MAX_BUCKET (["null","int"], since 1.1).
	MaxBucket *int32
	// MinLevel is _MIN_LEVEL (["null","int"], since 1.1).
	MinLevel *int32
	// MaxLevel is _MAX_LEVEL (["null","int"], since 1.1).
	MaxLevel *int32
	// MinRowID is _MIN_ROW_ID (["null","long"], since 1.4): row tracking.
	MinRowID *int64
	// MaxRowID is _MAX_ROW_ID (["null","long"], since 1.4): row tracking.
	MaxRowID *int64
}

func readFileMeta(f *fields) FileMeta {
	ps := f.record("_PARTITION_STATS")
	m := FileMeta{
		FileName:        f.string("_FILE_NAME"),
		FileSize:        f.long("_FILE_SIZE"),
		NumAddedFiles:   f.long("_NUM_ADDED_FILES"),
		NumDeletedFiles: f.long("_NUM_DELETED_FILES"),
		PartitionStats:  readStats(ps),
		SchemaID:        f.long("_SCHEMA_ID"),
		MinBucket:       f.optInt("_MIN_BUCKET"),
		MaxBucket:       f.optInt("_MAX_BUCKET"),
		MinLevel:        f.optInt("_MIN_LEVEL"),
		MaxLevel:        f.optInt("_MAX_LEVEL"),
		MinRowID:        f.optLong("_MIN_ROW_ID"),
		MaxRowID:        f.optLong("_MAX_ROW_ID"),
	}
	f.merge(ps)
	return m
}

// writeFileMeta writes one record of FileMetaSchemaJSON (withRowIDs: of
// FileMetaRowIDSchemaJSON).
func writeFileMeta(w *binWriter, m *FileMeta, withRowIDs bool) {
	w.int(fileMetaVersion)
	w.string(m.FileName)
	w.long(m.FileSize)
	w.long(m.NumAddedFiles)
	w.long(m.NumDeletedFiles)
	writeStats(w, m.PartitionStats)
	w.long(m.SchemaID)
	w.optInt(m.MinBucket)
	w.optInt(m.MaxBucket)
	w.optInt(m.MinLevel)
	w.optInt(m.MaxLevel)
	if withRowIDs {
		w.optLong(m.MinRowID)
		w.optLong(m.MaxRowID)
	}
}
