package snapshot

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strconv"
)

// CurrentVersion is the snapshot format version Weir reads and writes.
const CurrentVersion = 3

// BatchCommitIdentifier is the commit identifier of batch commits (Java's
// Long.MAX_VALUE, BatchWriteBuilder.COMMIT_IDENTIFIER).
const BatchCommitIdentifier int64 = 9223372036854775807

// CommitKind is the kind of change a snapshot records.
type CommitKind string

const (
	// Append adds new files (and input changelog, index files).
	Append CommitKind = "APPEND"
	// Compact replaces files by compaction (lookup/full changelog, DV changes).
	Compact CommitKind = "COMPACT"
	// Overwrite deletes all files of the affected partitions and adds new ones.
	Overwrite CommitKind = "OVERWRITE"
	// Analyze only changes the statistics file.
	Analyze CommitKind = "ANALYZE"
)

// Valid reports whether k is one of the four kinds.
func (k CommitKind) Valid() bool {
	switch k {
	case Append, Compact, Overwrite, Analyze:
		return true
	}
	return false
}

// Snapshot is the content of snapshot/snapshot-N. Optional string members are
// "" when absent (Paimon never writes an empty name); optional numbers are nil
// when absent.
type Snapshot struct {
	Version int
	// UUID identifies the snapshot (Paimon 2.0+, catalog commits).
	UUID                      string
	ID                        int64
	SchemaID                  int64
	BaseManifestList          string
	BaseManifestListSize      *int64
	DeltaManifestList         string
	DeltaManifestListSize     *int64
	ChangelogManifestList     string
	ChangelogManifestListSize *int64
	IndexManifest             string
	CommitUser                string
	// WriterVersion names the writing engine (Paimon after 2.0).
	WriterVersion    string
	CommitIdentifier int64
	CommitKind       CommitKind
	TimeMillis       int64
	// LogOffsets is the legacy log-system offset map (bucket → offset), kept as read.
	LogOffsets           map[int32]int64
	TotalRecordCount     int64
	DeltaRecordCount     int64
	ChangelogRecordCount *int64
	Watermark            *int64
	Statistics           string
	Properties           map[string]string
	NextRowID            *int64
	// Operation is the SQL operation (Paimon 2.0+), e.g. WRITE, OVERWRITE, DELETE.
	Operation string
}

type snapshotJSON struct {
	Version                   *int              `json:"version"`
	UUID                      *string           `json:"uuid"`
	ID                        *int64            `json:"id"`
	SchemaID                  *int64            `json:"schemaId"`
	BaseManifestList          *string           `json:"baseManifestList"`
	BaseManifestListSize      *int64            `json:"baseManifestListSize"`
	DeltaManifestList         *string           `json:"deltaManifestList"`
	DeltaManifestListSize     *int64            `json:"deltaManifestListSize"`
	ChangelogManifestList     *string           `json:"changelogManifestList"`
	ChangelogManifestListSize *int64            `json:"changelogManifestListSize"`
	IndexManifest             *string           `json:"indexManifest"`
	CommitUser                *string           `json:"commitUser"`
	WriterVersion             *string           `json:"writerVersion"`
	CommitIdentifier          *int64            `json:"commitIdentifier"`
	CommitKind                *string           `json:"commitKind"`
	TimeMillis                *int64            `json:"timeMillis"`
	LogOffsets                map[string]int64  `json:"logOffsets"`
	TotalRecordCount          *int64            `json:"totalRecordCount"`
	DeltaRecordCount          *int64            `json:"deltaRecordCount"`
	ChangelogRecordCount      *int64            `json:"changelogRecordCount"`
	Watermark                 *int64            `json:"watermark"`
	Statistics                *string           `json:"statistics"`
	Properties                map[string]string `json:"properties"`
	NextRowID                 *int64            `json:"nextRowId"`
	Operation                 *string           `json:"operation"`
}

func str(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

func i64(p *int64) int64 {
	if p == nil {
		return 0
	}
	return *p
}

// Parse decodes a snapshot file written by any Paimon release from 0.8 on.
// Unknown members are ignored and explicit nulls read as absent. Integers are
// decoded exactly (commitIdentifier 9223372036854775807 included). Versions 1
// and 2 (table-store era, same members, record counts possibly missing) are
// read as-is; a version above 3 is rejected.
func Parse(data []byte) (*Snapshot, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, fmt.Errorf("empty snapshot file")
	}
	var raw snapshotJSON
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&raw); err != nil {
		return nil, fmt.Errorf("malformed snapshot JSON: %w", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("malformed snapshot JSON: unexpected data after the object")
	}
	s := &Snapshot{Version: 1}
	if raw.Version != nil {
		s.Version = *raw.Version
	}
	if raw.ID == nil {
		return nil, fmt.Errorf(`snapshot without "id"`)
	}
	s.ID = *raw.ID
	if s.Version > CurrentVersion {
		return nil, fmt.Errorf("snapshot-%d was written by a newer Paimon format version %d; Weir reads version %d", s.ID, s.Version, CurrentVersion)
	}
	if s.Version < 1 {
		return nil, fmt.Errorf("snapshot-%d has invalid version %d", s.ID, s.Version)
	}
	for _, req := range []struct {
		name string
		ok   bool
	}{
		{"schemaId", raw.SchemaID != nil},
		{"baseManifestList", raw.BaseManifestList != nil},
		{"deltaManifestList", raw.DeltaManifestList != nil},
		{"commitKind", raw.CommitKind != nil},
	} {
		if !req.ok {
			return nil, fmt.Errorf("snapshot-%d: missing %q", s.ID, req.name)
		}
	}
	s.UUID = str(raw.UUID)
	s.SchemaID = *raw.SchemaID
	s.BaseManifestList = *raw.BaseManifestList
	s.BaseManifestListSize = raw.BaseManifestListSize
	s.DeltaManifestList = *raw.DeltaManifestList
	s.DeltaManifestListSize = raw.DeltaManifestListSize
	s.ChangelogManifestList = str(raw.ChangelogManifestList)
	s.ChangelogManifestListSize = raw.ChangelogManifestListSize
	s.IndexManifest = str(raw.IndexManifest)
	s.CommitUser = str(raw.CommitUser)
	s.WriterVersion = str(raw.WriterVersion)
	s.CommitIdentifier = i64(raw.CommitIdentifier)
	s.CommitKind = CommitKind(*raw.CommitKind)
	if !s.CommitKind.Valid() {
		return nil, fmt.Errorf("snapshot-%d: unknown commitKind %q", s.ID, s.CommitKind)
	}
	s.TimeMillis = i64(raw.TimeMillis)
	if raw.LogOffsets != nil {
		s.LogOffsets = make(map[int32]int64, len(raw.LogOffsets))
		for k, v := range raw.LogOffsets {
			b, err := strconv.ParseInt(k, 10, 32)
			if err != nil {
				return nil, fmt.Errorf("snapshot-%d: logOffsets key %q is not a bucket number", s.ID, k)
			}
			s.LogOffsets[int32(b)] = v
		}
	}
	s.TotalRecordCount = i64(raw.TotalRecordCount)
	s.DeltaRecordCount = i64(raw.DeltaRecordCount)
	s.ChangelogRecordCount = raw.ChangelogRecordCount
	s.Watermark = raw.Watermark
	s.Statistics = str(raw.Statistics)
	s.Properties = raw.Properties
	s.NextRowID = raw.NextRowID
	s.Operation = str(raw.Operation)
	return s, nil
}

// Marshal encodes the snapshot as version 3 in Java's member order and
// Jackson's pretty style; see the package documentation for which absent
// members are written.
func (s *Snapshot) Marshal() ([]byte, error) {
	if !s.CommitKind.Valid() {
		return nil, fmt.Errorf("snapshot-%d: invalid commit kind %q", s.ID, s.CommitKind)
	}
	w := &jsonWriter{}
	w.beginObject()
	w.key("version")
	w.int(CurrentVersion)
	optStr(w, "uuid", s.UUID)
	w.key("id")
	w.int(s.ID)
	w.key("schemaId")
	w.int(s.SchemaID)
	w.key("baseManifestList")
	w.str(s.BaseManifestList)
	optInt(w, "baseManifestListSize", s.BaseManifestListSize)
	w.key("deltaManifestList")
	w.str(s.DeltaManifestList)
	optInt(w, "deltaManifestListSize", s.DeltaManifestListSize)
	w.key("changelogManifestList")
	if s.ChangelogManifestList == "" {
		w.null()
	} else {
		w.str(s.ChangelogManifestList)
	}
	optInt(w, "changelogManifestListSize", s.ChangelogManifestListSize)
	optStr(w, "indexManifest", s.IndexManifest)
	w.key("commitUser")
	w.str(s.CommitUser)
	optStr(w, "writerVersion", s.WriterVersion)
	w.key("commitIdentifier")
	w.int(s.CommitIdentifier)
	w.key("commitKind")
	w.str(string(s.CommitKind))
	w.key("timeMillis")
	w.int(s.TimeMillis)
	w.key("logOffsets")
	w.beginObject()
	buckets := make([]int32, 0, len(s.LogOffsets))
	for b := range s.LogOffsets {
		buckets = append(buckets, b)
	}
	sort.Slice(buckets, func(i, j int) bool { return buckets[i] < buckets[j] })
	for _, b := range buckets {
		w.key(strconv.FormatInt(int64(b), 10))
		w.int(s.LogOffsets[b])
	}
	w.endObject()
	w.key("totalRecordCount")
	w.int(s.TotalRecordCount)
	w.key("deltaRecordCount")
	w.int(s.DeltaRecordCount)
	optInt(w, "changelogRecordCount", s.ChangelogRecordCount)
	optInt(w, "watermark", s.Watermark)
	optStr(w, "statistics", s.Statistics)
	if len(s.Properties) > 0 {
		w.key("properties")
		w.beginObject()
		keys := make([]string, 0, len(s.Properties))
		for k := range s.Properties {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			w.key(k)
			w.str(s.Properties[k])
		}
		w.endObject()
	}
	optInt(w, "nextRowId", s.NextRowID)
	optStr(w, "operation", s.Operation)
	w.endObject()
	return w.buf, nil
}

func optStr(w *jsonWriter, key, v string) {
	if v != "" {
		w.key(key)
		w.str(v)
	}
}

func optInt(w *jsonWriter, key string, v *int64) {
	if v != nil {
		w.key(key)
		w.int(*v)
	}
}
