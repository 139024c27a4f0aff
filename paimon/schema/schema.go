package schema

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/weir-data/weir/internal/jackson"
	"github.com/weir-data/weir/types"
)

// CurrentVersion is the schema file version Weir writes (Paimon ≥ 0.9).
const CurrentVersion = 3

// TableSchema is one version of a table's schema: the content of schema/schema-N.
type TableSchema struct {
	// Version is the schema file format version (1 = Paimon ≤ 0.7, 2 = 0.8, 3 = 0.9+).
	Version int
	// ID is the schema id, the N of schema-N.
	ID int64
	// Fields are the columns, each with a field id that survives renames.
	Fields []types.Field
	// HighestFieldID is the largest field id ever assigned, nested ROW fields included.
	HighestFieldID int
	PartitionKeys  []string
	// PrimaryKeys in declared order (the key order of the LSM trees).
	PrimaryKeys []string
	// Options are the table options (all values strings). Change them with
	// SetOption/RemoveOption to keep Java's insertion order when marshalling;
	// keys added to the map directly are written after the ordered ones, sorted.
	Options map[string]string
	// Comment is the table comment; empty means none.
	Comment string
	// TimeMillis is the creation time of this schema version (epoch ms).
	TimeMillis int64

	optionOrder []string
	commentSet  bool // an explicit "comment" member was read (possibly "")
	empty       explicitEmpty
}

type schemaJSON struct {
	Version        *int            `json:"version"`
	ID             *int64          `json:"id"`
	Fields         json.RawMessage `json:"fields"`
	HighestFieldID *int            `json:"highestFieldId"`
	PartitionKeys  []string        `json:"partitionKeys"`
	PrimaryKeys    []string        `json:"primaryKeys"`
	Options        json.RawMessage `json:"options"`
	Comment        *string         `json:"comment"`
	TimeMillis     *int64          `json:"timeMillis"`
}

// Parse decodes a schema file. It accepts versions 1 to 3 and applies Java's
// legacy defaults (version ≤ 1 without "bucket" → bucket=1; version ≤ 2
// without "file.format" → file.format=orc); unknown members are ignored.
func Parse(data []byte) (*TableSchema, error) {
	var raw schemaJSON
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&raw); err != nil {
		return nil, fmt.Errorf("schema: malformed JSON: %w", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("schema: unexpected data after the JSON object")
	}
	s := &TableSchema{Version: 1}
	if raw.Version != nil {
		s.Version = *raw.Version
	}
	if s.Version < 1 || s.Version > CurrentVersion {
		if s.Version > CurrentVersion {
			return nil, fmt.Errorf("schema: written by a newer Paimon schema format version %d; Weir reads versions 1 to %d", s.Version, CurrentVersion)
		}
		return nil, fmt.Errorf("schema: invalid version %d", s.Version)
	}
	if raw.ID == nil {
		return nil, fmt.Errorf(`schema: missing "id"`)
	}
	s.ID = *raw.ID
	if len(raw.Fields) == 0 || string(raw.Fields) == "null" {
		return nil, fmt.Errorf(`schema-%d: missing "fields"`, s.ID)
	}
	fields, err := parseFieldsJSON(raw.Fields, &s.empty)
	if err != nil {
		return nil, fmt.Errorf("schema-%d: %w", s.ID, err)
	}
	s.Fields = fields
	if raw.HighestFieldID == nil {
		return nil, fmt.Errorf(`schema-%d: missing "highestFieldId"`, s.ID)
	}
	s.HighestFieldID = *raw.HighestFieldID
	s.PartitionKeys = nonNil(raw.PartitionKeys)
	s.PrimaryKeys = nonNil(raw.PrimaryKeys)
	s.Options = map[string]string{}
	if len(raw.Options) > 0 && string(raw.Options) != "null" {
		if err := s.parseOptions(raw.Options); err != nil {
			return nil, fmt.Errorf("schema-%d: options: %w", s.ID, err)
		}
	}
	if raw.Comment != nil {
		s.Comment, s.commentSet = *raw.Comment, true
	}
	if raw.TimeMillis != nil {
		s.TimeMillis = *raw.TimeMillis
	}
	if s.Version <= 1 {
		if _, ok := s.Options["bucket"]; !ok {
			s.SetOption("bucket", "1")
		}
	}
	if s.Version <= 2 {
		if _, ok := s.Options["file.format"]; !ok {
			s.SetOption("file.format", "orc")
		}
	}
	return s, nil
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// parseOptions reads the options object keeping the key order.
func (s *TableSchema) parseOptions(data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return fmt.Errorf("expected an object")
	}
	for dec.More() {
		kt, err := dec.Token()
		if err != nil {
			return err
		}
		key, _ := kt.(string)
		vt, err := dec.Token()
		if err != nil {
			return err
		}
		var val string
		switch v := vt.(type) {
		case string:
			val = v
		case json.Number:
			val = v.String()
		case bool:
			val = fmt.Sprint(v)
		default:
			return fmt.Errorf("option %q: value must be a string", key)
		}
		s.SetOption(key, val)
	}
	_, err = dec.Token()
	return err
}

// SetOption sets an option, remembering the insertion order for Marshal.
func (s *TableSchema) SetOption(key, value string) {
	if s.Options == nil {
		s.Options = map[string]string{}
	}
	if !contains(s.optionOrder, key) {
		s.optionOrder = append(s.optionOrder, key)
	}
	s.Options[key] = value
}

// RemoveOption deletes an option.
func (s *TableSchema) RemoveOption(key string) {
	delete(s.Options, key)
	for i, k := range s.optionOrder {
		if k == key {
			s.optionOrder = append(s.optionOrder[:i:i], s.optionOrder[i+1:]...)
			break
		}
	}
}

// OptionKeys returns the option keys in the order Marshal writes them:
// insertion order, then keys set directly in the map, sorted.
func (s *TableSchema) OptionKeys() []string {
	seen := make(map[string]bool, len(s.Options))
	keys := make([]string, 0, len(s.Options))
	for _, k := range s.optionOrder {
		if _, ok := s.Options[k]; ok && !seen[k] {
			seen[k] = true
			keys = append(keys, k)
		}
	}
	var rest []string
	for k := range s.Options {
		if !seen[k] {
			rest = append(rest, k)
		}
	}
	sort.Strings(rest)
	return append(keys, rest...)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Marshal encodes the schema as Java Paimon writes schema files (Jackson
// pretty print, members in Java's order, no trailing newline).
func (s *TableSchema) Marshal() ([]byte, error) {
	for _, f := range s.Fields {
		if err := checkWritable(f.Type); err != nil {
			return nil, fmt.Errorf("schema-%d: field %q: %w", s.ID, f.Name, err)
		}
	}
	version := s.Version
	if version == 0 {
		version = CurrentVersion
	}
	w := &jackson.Writer{}
	w.BeginObject()
	w.Key("version")
	w.Int(int64(version))
	w.Key("id")
	w.Int(s.ID)
	w.Key("fields")
	writeFields(w, s.Fields, &s.empty)
	w.Key("highestFieldId")
	w.Int(int64(s.HighestFieldID))
	w.Key("partitionKeys")
	writeStrings(w, s.PartitionKeys)
	w.Key("primaryKeys")
	writeStrings(w, s.PrimaryKeys)
	w.Key("options")
	w.BeginObject()
	for _, k := range s.OptionKeys() {
		w.Key(k)
		w.String(s.Options[k])
	}
	w.EndObject()
	if s.Comment != "" || s.commentSet {
		w.Key("comment")
		w.String(s.Comment)
	}
	w.Key("timeMillis")
	w.Int(s.TimeMillis)
	w.EndObject()
	return w.Bytes(), nil
}

func writeStrings(w *jackson.Writer, list []string) {
	w.BeginArray()
	for _, x := range list {
		w.String(x)
	}
	w.EndArray()
}

// Field returns the top-level field called name.
func (s *TableSchema) Field(name string) (types.Field, bool) {
	for _, f := range s.Fields {
		if f.Name == name {
			return f, true
		}
	}
	return types.Field{}, false
}

// FieldNames returns the top-level column names in order.
func (s *TableSchema) FieldNames() []string {
	out := make([]string, len(s.Fields))
	for i, f := range s.Fields {
		out[i] = f.Name
	}
	return out
}

// LogicalRowType returns the row type of the table's columns.
func (s *TableSchema) LogicalRowType() types.DataType {
	return types.RowType(s.Fields...)
}

// TrimmedPrimaryKeys returns the primary keys minus the partition keys, in
// primary-key order: the key of each bucket's LSM tree.
func (s *TableSchema) TrimmedPrimaryKeys() []string {
	out := []string{}
	for _, k := range s.PrimaryKeys {
		if !contains(s.PartitionKeys, k) {
			out = append(out, k)
		}
	}
	return out
}

// BucketKeys returns the bucket key columns: the "bucket-key" option (comma
// separated) when set, otherwise the trimmed primary keys. Empty for an append
// table without bucket-key.
func (s *TableSchema) BucketKeys() []string {
	if v := strings.TrimSpace(s.Options["bucket-key"]); v != "" {
		return splitList(v)
	}
	return s.TrimmedPrimaryKeys()
}

func splitList(v string) []string {
	var out []string
	for _, p := range strings.Split(v, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
