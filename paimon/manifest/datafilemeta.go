package manifest

// FileSource values of DataFileMeta.FileSource (Avro _FILE_SOURCE).
const (
	FileSourceAppend  int8 = 0
	FileSourceCompact int8 = 1
)

// DataFileMeta describes one data file (Java org.apache.paimon.io.DataFileMeta,
// the _FILE record of a manifest entry, paimon-format.md §4.4). Fields added
// after Paimon 0.5 are pointers or nil-able slices: nil means null, or that
// the writer's version did not have the field.
type DataFileMeta struct {
	// FileName is _FILE_NAME (string): the file name without directory.
	FileName string
	// FileSize is _FILE_SIZE (long): size in bytes.
	FileSize int64
	// RowCount is _ROW_COUNT (long): rows including retract rows.
	RowCount int64
	// MinKey is _MIN_KEY (bytes): serialized BinaryRow of the first key
	// (arity-0 row for append tables), kept raw.
	MinKey []byte
	// MaxKey is _MAX_KEY (bytes): serialized BinaryRow of the last key.
	MaxKey []byte
	// KeyStats is _KEY_STATS (record SimpleStats): stats of the key columns.
	KeyStats SimpleStats
	// ValueStats is _VALUE_STATS (record SimpleStats): stats of the value
	// columns (the whole row for primary-key tables), possibly dense, see
	// ValueStatsCols.
	ValueStats SimpleStats
	// MinSequenceNumber is _MIN_SEQUENCE_NUMBER (long).
	MinSequenceNumber int64
	// MaxSequenceNumber is _MAX_SEQUENCE_NUMBER (long).
	MaxSequenceNumber int64
	// SchemaID is _SCHEMA_ID (long): the table schema the file was written with.
	SchemaID int64
	// Level is _LEVEL (int): LSM level, 0 for new files and append tables.
	Level int32
	// ExtraFiles is _EXTRA_FILES (array<string>): sidecar files (e.g. file
	// indexes). Never null in Avro; nil encodes as an empty array.
	ExtraFiles []string
	// CreationTime is _CREATION_TIME (["null", long timestamp-millis], since
	// 0.5): the writer's local wall-clock time as if it were UTC, in epoch
	// milliseconds (Java LocalDateTime.now(); pitfall 8).
	CreationTime *int64
	// DeleteRowCount is _DELETE_ROW_COUNT (["null","long"], since 0.8):
	// number of -U/-D rows.
	DeleteRowCount *int64
	// EmbeddedFileIndex is _EMBEDDED_FILE_INDEX (["null","bytes"], since
	// 0.8): a small file index stored inline; nil is null.
	EmbeddedFileIndex []byte
	// FileSource is _FILE_SOURCE (["null","int"] holding a TINYINT, since
	// 0.9): FileSourceAppend or FileSourceCompact.
	FileSource *int8
	// ValueStatsCols is _VALUE_STATS_COLS (["null", array<string>], since
	// 1.0): the columns ValueStats covers when stats are stored densely; nil
	// (null) means all columns, an empty list means none.
	ValueStatsCols *[]string
	// ExternalPath is _EXTERNAL_PATH (["null","string"], since 1.0): the
	// file's absolute path when stored outside the table directory.
	ExternalPath *string
	// FirstRowID is _FIRST_ROW_ID (["null","long"], since 1.3): row tracking.
	FirstRowID *int64
	// WriteCols is _WRITE_COLS (["null", array<string>], since 1.3): the
	// columns a data-evolution partial-column file holds.
	WriteCols *[]string
}

func readDataFileMeta(f *fields) DataFileMeta {
	d := DataFileMeta{
		FileName:          f.string("_FILE_NAME"),
		FileSize:          f.long("_FILE_SIZE"),
		RowCount:          f.long("_ROW_COUNT"),
		MinKey:            f.bytes("_MIN_KEY"),
		MaxKey:            f.bytes("_MAX_KEY"),
		MinSequenceNumber: f.long("_MIN_SEQUENCE_NUMBER"),
		MaxSequenceNumber: f.long("_MAX_SEQUENCE_NUMBER"),
		SchemaID:          f.long("_SCHEMA_ID"),
		Level:             f.int("_LEVEL"),
		ExtraFiles:        f.strings("_EXTRA_FILES"),
		CreationTime:      f.optLong("_CREATION_TIME"),
		DeleteRowCount:    f.optLong("_DELETE_ROW_COUNT"),
		EmbeddedFileIndex: f.bytes("_EMBEDDED_FILE_INDEX"),
		FileSource:        f.optTinyInt("_FILE_SOURCE"),
		ValueStatsCols:    f.optStrings("_VALUE_STATS_COLS"),
		ExternalPath:      f.optString("_EXTERNAL_PATH"),
		FirstRowID:        f.optLong("_FIRST_ROW_ID"),
		WriteCols:         f.optStrings("_WRITE_COLS"),
	}
	if d.ExtraFiles == nil {
		d.ExtraFiles = []string{}
	}
	ks, vs := f.record("_KEY_STATS"), f.record("_VALUE_STATS")
	d.KeyStats, d.ValueStats = readStats(ks), readStats(vs)
	f.merge(ks)
	f.merge(vs)
	return d
}

// writeDataFileMeta writes the record__FILE record of EntrySchemaJSON.
func writeDataFileMeta(w *binWriter, d *DataFileMeta) {
	w.string(d.FileName)
	w.long(d.FileSize)
	w.long(d.RowCount)
	w.bytes(d.MinKey)
	w.bytes(d.MaxKey)
	writeStats(w, d.KeyStats)
	writeStats(w, d.ValueStats)
	w.long(d.MinSequenceNumber)
	w.long(d.MaxSequenceNumber)
	w.long(d.SchemaID)
	w.int(d.Level)
	w.stringArray(d.ExtraFiles)
	w.optLong(d.CreationTime)
	w.optLong(d.DeleteRowCount)
	if d.EmbeddedFileIndex == nil {
		w.null()
	} else {
		w.some()
		w.bytes(d.EmbeddedFileIndex)
	}
	if d.FileSource == nil {
		w.null()
	} else {
		w.some()
		w.int(int32(*d.FileSource))
	}
	writeOptStrings(w, d.ValueStatsCols)
	w.optString(d.ExternalPath)
	w.optLong(d.FirstRowID)
	writeOptStrings(w, d.WriteCols)
}

func writeOptStrings(w *binWriter, s *[]string) {
	if s == nil {
		w.null()
		return
	}
	w.some()
	w.stringArray(*s)
}
