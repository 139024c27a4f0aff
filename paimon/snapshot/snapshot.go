package snapshot

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strconv"

	"github.com/weir-data/weir/internal/jackson"
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
func (s *Snapshot) Marshal() ([]byte, error) { return s.marshal(nil) }

func (s *Snapshot) marshal(extra func(w *jackson.Writer)) ([]byte, error) {
	if !s.CommitKind.Valid() {
		return nil, fmt.Errorf("snapshot-%d: invalid commit kind %q", s.ID, s.CommitKind)
	}
	w := &jackson.Writer{}
	w.BeginObject()
	w.Key("version")
	w.Int(CurrentVersion)
	optStr(w, "uuid", s.UUID)
	w.Key("id")
	w.Int(s.ID)
	w.Key("schemaId")
	w.Int(s.SchemaID)
	w.Key("baseManifestList")
	w.String(s.BaseManifestList)
	optInt(w, "baseManifestListSize", s.BaseManifestListSize)
	w.Key("deltaManifestList")
	w.String(s.DeltaManifestList)
	optInt(w, "deltaManifestListSize", s.DeltaManifestListSize)
	w.Key("changelogManifestList")
	if s.ChangelogManifestList == "" {
		w.Null()
	} else {
		w.String(s.ChangelogManifestList)
	}
	optInt(w, "changelogManifestListSize", s.ChangelogManifestListSize)
	optStr(w, "indexManifest", s.IndexManifest)
	w.Key("commitUser")
	w.String(s.CommitUser)
	optStr(w, "writerVersion", s.WriterVersion)
	w.Key("commitIdentifier")
	w.Int(s.CommitIdentifier)
	w.Key("commitKind")
	w.String(string(s.CommitKind))
	w.Key("timeMillis")
	w.Int(s.TimeMillis)
	w.Key("logOffsets")
	w.BeginObject()
	buckets := make([]int32, 0, len(s.LogOffsets))
	for b := range s.LogOffsets {
		buckets = append(buckets, b)
	}
	sort.Slice(buckets, func(i, j int) bool { return buckets[i] < buckets[j] })
	for _, b := range buckets {
		w.Key(strconv.FormatInt(int64(b), 10))
		w.Int(s.LogOffsets[b])
	}
	w.EndObject()
	w.Key("totalRecordCount")
	w.Int(s.TotalRecordCount)
	w.Key("deltaRecordCount")
	w.Int(s.DeltaRecordCount)
	optInt(w, "changelogRecordCount", s.ChangelogRecordCount)
	optInt(w, "watermark", s.Watermark)
	optStr(w, "statistics", s.Statistics)
	if len(s.Properties) > 0 {
		w.Key("properties")
		w.BeginObject()
		keys := make([]string, 0, len(s.Properties))
		for k := range s.Properties {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			w.Key(k)
			w.String(s.Properties[k])
		}
		w.EndObject()
	}
	optInt(w, "nextRowId", s.NextRowID)
	optStr(w, "operation", s.Operation)
	if extra != nil {
		extra(w)
	}
	w.EndObject()
	return w.Bytes(), nil
}

func optStr(w *jackson.Writer, key, v string) {
	if v != "" {
		w.Key(key)
		w.String(v)
	}
}

func optInt(w *jackson.Writer, key string, v *int64) {
	if v != nil {
		w.Key(key)
		w.Int(*v)
	}
}
