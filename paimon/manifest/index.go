package manifest

// Index types of IndexEntry.IndexType (Avro _INDEX_TYPE).
const (
	IndexTypeHash            = "HASH"
	IndexTypeDeletionVectors = "DELETION_VECTORS"
)

// IndexEntry is one row of an index manifest (Java IndexManifestEntry +
// IndexFileMeta, §4.5).
//
// The Paimon 1.4 _GLOBAL_INDEX record is read only to set HasGlobalIndex; its
// content is not decoded, and entries with HasGlobalIndex cannot be
// re-encoded (EncodeIndexEntries rejects them) because the global-index
// metadata would be lost.
type IndexEntry struct {
	// Kind is _KIND (int): KindAdd or KindDelete (stored index manifests
	// hold only ADD entries).
	Kind FileKind
	// Partition is _PARTITION (bytes): the serialized partition BinaryRow, raw.
	Partition []byte
	// Bucket is _BUCKET (int).
	Bucket int32
	// IndexType is _INDEX_TYPE (string): IndexTypeHash,
	// IndexTypeDeletionVectors or a global-index type name.
	IndexType string
	// FileName is _FILE_NAME (string): the file name under the table's index/ directory.
	FileName string
	// FileSize is _FILE_SIZE (long): its size in bytes.
	FileSize int64
	// RowCount is _ROW_COUNT (long): number of hashes, or number of deletion vectors.
	RowCount int64
	// DeletionVectorRanges is _DELETIONS_VECTORS_RANGES (["null",
	// array<["null", record__DELETIONS_VECTORS_RANGES]>], since 0.8): where
	// each data file's deletion vector sits in the index file. nil is null
	// (HASH indexes); deletion-vector indexes have a non-nil, possibly empty, list.
	DeletionVectorRanges []DeletionVectorRange
	// ExternalPath is _EXTERNAL_PATH (["null","string"], since 1.3): the
	// index file's absolute path when stored outside the table directory.
	ExternalPath *string
	// HasGlobalIndex reports a non-null _GLOBAL_INDEX (since 1.4), not decoded.
	HasGlobalIndex bool
}

// DeletionVectorRange is one record__DELETIONS_VECTORS_RANGES item (Java
// DeletionVectorMeta).
type DeletionVectorRange struct {
	// DataFileName is f0 (string): the data file the vector applies to.
	DataFileName string
	// Offset is f1 (int): byte offset of the vector's size field in the index file.
	Offset int32
	// Length is f2 (int): the vector's length as recorded by Java (for
	// 32-bit bitmaps the size field's value: magic + bitmap bytes).
	Length int32
	// Cardinality is _CARDINALITY (["null","long"], since 1.0): number of
	// deleted rows.
	Cardinality *int64
}

func readIndexEntry(f *fields) IndexEntry {
	e := IndexEntry{
		Kind:         FileKind(f.optTinyIntOrZero("_KIND")),
		Partition:    f.bytes("_PARTITION"),
		Bucket:       f.int("_BUCKET"),
		IndexType:    f.string("_INDEX_TYPE"),
		FileName:     f.string("_FILE_NAME"),
		FileSize:     f.long("_FILE_SIZE"),
		RowCount:     f.long("_ROW_COUNT"),
		ExternalPath: f.optString("_EXTERNAL_PATH"),
	}
	_, e.HasGlobalIndex = f.get("_GLOBAL_INDEX")
	if items := f.array("_DELETIONS_VECTORS_RANGES"); items != nil {
		e.DeletionVectorRanges = make([]DeletionVectorRange, 0, len(items))
		for _, it := range items {
			r := f.record2(it, "_DELETIONS_VECTORS_RANGES")
			if r == nil {
				break
			}
			e.DeletionVectorRanges = append(e.DeletionVectorRanges, DeletionVectorRange{
				DataFileName: r.string("f0"),
				Offset:       r.int("f1"),
				Length:       r.int("f2"),
				Cardinality:  r.optLong("_CARDINALITY"),
			})
			f.merge(r)
		}
	}
	return e
}

// writeIndexEntry writes one record of IndexEntrySchemaJSON.
func writeIndexEntry(w *binWriter, e *IndexEntry) {
	w.int(indexEntryVersion)
	w.int(int32(e.Kind))
	w.bytes(e.Partition)
	w.int(e.Bucket)
	w.string(e.IndexType)
	w.string(e.FileName)
	w.long(e.FileSize)
	w.long(e.RowCount)
	if e.DeletionVectorRanges == nil {
		w.null()
	} else {
		w.some()
		if n := len(e.DeletionVectorRanges); n > 0 {
			w.long(int64(n))
			for _, r := range e.DeletionVectorRanges {
				w.some() // items are ["null", record]
				w.string(r.DataFileName)
				w.int(r.Offset)
				w.int(r.Length)
				w.optLong(r.Cardinality)
			}
		}
		w.long(0)
	}
	w.optString(e.ExternalPath)
}
