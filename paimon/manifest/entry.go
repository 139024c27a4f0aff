package manifest

import (
	"encoding/binary"
	"fmt"
	"strings"
)

// FileKind is the kind of a manifest or index-manifest entry (Avro _KIND, a
// TINYINT; Java org.apache.paimon.manifest.FileKind).
type FileKind int8

// File kinds.
const (
	KindAdd    FileKind = 0
	KindDelete FileKind = 1
)

func (k FileKind) String() string {
	switch k {
	case KindAdd:
		return "ADD"
	case KindDelete:
		return "DELETE"
	}
	return fmt.Sprintf("FileKind(%d)", int8(k))
}

func (k FileKind) valid() bool { return k == KindAdd || k == KindDelete }

// Entry is one row of a manifest file (Java ManifestEntry, §4.3).
type Entry struct {
	// Kind is _KIND (int): KindAdd or KindDelete.
	Kind FileKind
	// Partition is _PARTITION (bytes): the serialized partition BinaryRow
	// (4-byte big-endian arity + row), kept raw.
	Partition []byte
	// Bucket is _BUCKET (int): the bucket id (0 for bucket-unaware tables,
	// -2 for postponed buckets).
	Bucket int32
	// TotalBuckets is _TOTAL_BUCKETS (int): the bucket count when written
	// (-1 for bucket-unaware append tables).
	TotalBuckets int32
	// File is _FILE (record DataFileMeta).
	File DataFileMeta
}

// Identifier identifies a data file across manifest entries (Java
// FileEntry.Identifier, §4.6): an ADD and a later DELETE of the same file
// have equal identifiers. It is comparable and can be used as a map key.
type Identifier struct {
	// Partition holds the partition bytes.
	Partition string
	Bucket    int32
	Level     int32
	FileName  string
	// ExtraFiles holds the extra file names, each prefixed with its 4-byte
	// big-endian length (an unambiguous encoding of the list).
	ExtraFiles string
	// EmbeddedIndex holds the embedded file index bytes; HasEmbeddedIndex
	// distinguishes null from empty.
	EmbeddedIndex    string
	HasEmbeddedIndex bool
	// ExternalPath holds the external path; HasExternalPath distinguishes
	// null from empty.
	ExternalPath    string
	HasExternalPath bool
}

// Identifier returns the entry's file identity: partition bytes, bucket,
// level, file name, extra files, embedded index and external path.
func (e *Entry) Identifier() Identifier {
	var extra strings.Builder
	var n [4]byte
	for _, f := range e.File.ExtraFiles {
		binary.BigEndian.PutUint32(n[:], uint32(len(f)))
		extra.Write(n[:])
		extra.WriteString(f)
	}
	id := Identifier{
		Partition:        string(e.Partition),
		Bucket:           e.Bucket,
		Level:            e.File.Level,
		FileName:         e.File.FileName,
		ExtraFiles:       extra.String(),
		EmbeddedIndex:    string(e.File.EmbeddedFileIndex),
		HasEmbeddedIndex: e.File.EmbeddedFileIndex != nil,
	}
	if e.File.ExternalPath != nil {
		id.ExternalPath, id.HasExternalPath = *e.File.ExternalPath, true
	}
	return id
}
