package manifest

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/hamba/avro/v2"
)

func equalIndexEntries(a, b []IndexEntry) bool { return reflect.DeepEqual(a, b) }

// Decode → encode → decode is the identity for every fixture manifest.
func TestRoundTripFixtures(t *testing.T) {
	for _, f := range fixtureFiles(t) {
		if f.orc {
			continue
		}
		t.Run(f.rel, func(t *testing.T) {
			data := readFixture(t, f.rel)
			var first, second any
			var out []byte
			var err error
			switch f.kind {
			case kindManifest:
				var a, b []Entry
				if a, err = DecodeEntries(data); err != nil {
					t.Fatal(err)
				}
				if out, err = EncodeEntries(a); err != nil {
					t.Fatal(err)
				}
				if b, err = DecodeEntries(out); err != nil {
					t.Fatal(err)
				}
				first, second = a, b
			case kindList:
				var a, b []FileMeta
				if a, err = DecodeFileMetas(data); err != nil {
					t.Fatal(err)
				}
				if out, err = EncodeFileMetas(a); err != nil {
					t.Fatal(err)
				}
				if b, err = DecodeFileMetas(out); err != nil {
					t.Fatal(err)
				}
				first, second = a, b
			case kindIndex:
				var a, b []IndexEntry
				if a, err = DecodeIndexEntries(data); err != nil {
					t.Fatal(err)
				}
				if out, err = EncodeIndexEntries(a); err != nil {
					t.Fatal(err)
				}
				if b, err = DecodeIndexEntries(out); err != nil {
					t.Fatal(err)
				}
				first, second = a, b
			}
			if !reflect.DeepEqual(first, second) {
				t.Fatalf("round trip changed the rows:\n%+v\n%+v", first, second)
			}
			checkWithThirdPartyDecoder(t, out)
		})
	}
}

// checkWithThirdPartyDecoder decodes every record of a written file with
// hamba/avro's generic reader and the embedded schema, checking that the
// binary encoding matches the schema independently of this package's reader.
func checkWithThirdPartyDecoder(t *testing.T, data []byte) {
	t.Helper()
	c, err := readContainer(data)
	if err != nil {
		t.Fatal(err)
	}
	if c.codec != codecZstandard {
		t.Errorf("codec %q, want zstandard", c.codec)
	}
	schema, err := avro.Parse(c.schema)
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range c.blocks {
		r := avro.NewReader(bytes.NewReader(b.data), len(b.data)+1)
		for range b.count {
			if r.ReadNext(schema); r.Error != nil {
				t.Fatalf("hamba/avro: %v", r.Error)
			}
		}
		if r.Read(make([]byte, 1)); r.Error == nil {
			t.Fatal("hamba/avro: trailing bytes in block")
		}
	}
}

// schemaOf returns the writer schema embedded in a fixture file.
func schemaOf(t *testing.T, rel ...string) string {
	t.Helper()
	s, err := ReadSchema(readFixture(t, rel...))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func assertSchemasEqual(t *testing.T, got, want string) {
	t.Helper()
	eq, err := SchemasEqual(got, want)
	if err != nil {
		t.Fatal(err)
	}
	if !eq {
		t.Fatalf("schema\n%s\nwant\n%s", got, want)
	}
}

// dropFileFields removes trailing DataFileMeta fields from an entry schema.
func dropFileFields(t *testing.T, schema string, names ...string) string {
	t.Helper()
	var s map[string]any
	if err := json.Unmarshal([]byte(schema), &s); err != nil {
		t.Fatal(err)
	}
	for _, f := range s["fields"].([]any) {
		f := f.(map[string]any)
		if f["name"] != "_FILE" {
			continue
		}
		rec := f["type"].(map[string]any)
		var kept []any
		for _, ff := range rec["fields"].([]any) {
			name := ff.(map[string]any)["name"].(string)
			drop := false
			for _, n := range names {
				drop = drop || n == name
			}
			if !drop {
				kept = append(kept, ff)
			}
		}
		rec["fields"] = kept
	}
	out, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

// The schemas written are Java's: byte for byte the 1.3 manifest schema and
// the 1.1 manifest-list schema, and semantically the 1.1 manifest schema
// plus the 1.3 fields.
func TestWrittenSchemasMatchJava(t *testing.T) {
	partialUpdate := []string{"parquet", "pk_table_partial_update.db", "pk_table_partial_update", "manifest"}
	java13Entry := schemaOf(t, append(partialUpdate, "manifest-5c955218-bb7b-42b4-b655-1a0d0225a320-0")...)
	java11Entry := schemaOf(t, "avro", "manifest", "avro_manifest_11")
	java11List := schemaOf(t, "avro", "manifest", "avro_manifest_list_11")
	java12Index := schemaOf(t, "parquet", "pk_table_with_alter_table.db", "pk_table_with_alter_table", "manifest",
		"index-manifest-037a4c7a-52f1-4b37-b463-614f79cebf14-0")

	if EntrySchemaJSON != java13Entry {
		t.Errorf("EntrySchemaJSON differs from Java 1.3's schema")
	}
	if FileMetaSchemaJSON != java11List {
		t.Errorf("FileMetaSchemaJSON differs from Java 1.1's schema")
	}
	const extPath = `,{"name":"_EXTERNAL_PATH","type":["null","string"],"default":null}]}`
	if IndexEntrySchemaJSON != strings.TrimSuffix(java12Index, "]}")+extPath {
		t.Errorf("IndexEntrySchemaJSON is not Java's 1.x index schema plus _EXTERNAL_PATH")
	}

	entries, err := DecodeEntries(readFixture(t, "avro", "manifest", "avro_manifest_11"))
	if err != nil {
		t.Fatal(err)
	}
	out, err := EncodeEntries(entries)
	if err != nil {
		t.Fatal(err)
	}
	written, err := ReadSchema(out)
	if err != nil {
		t.Fatal(err)
	}
	assertSchemasEqual(t, written, java13Entry)
	assertSchemasEqual(t, dropFileFields(t, written, "_FIRST_ROW_ID", "_WRITE_COLS"), java11Entry)

	metas, err := DecodeFileMetas(readFixture(t, "avro", "manifest", "avro_manifest_list_11"))
	if err != nil {
		t.Fatal(err)
	}
	if out, err = EncodeFileMetas(metas); err != nil {
		t.Fatal(err)
	}
	if written, err = ReadSchema(out); err != nil {
		t.Fatal(err)
	}
	assertSchemasEqual(t, written, java11List)

	// Parsing must not need named-type references: every record is inline
	// and hamba parses each schema on its own.
	for _, s := range []string{EntrySchemaJSON, FileMetaSchemaJSON, FileMetaRowIDSchemaJSON, IndexEntrySchemaJSON} {
		if _, err := avro.ParseWithCache(s, "", &avro.SchemaCache{}); err != nil {
			t.Errorf("schema does not parse on its own: %v", err)
		}
	}
}

func TestEncodeFileMetasRowIDs(t *testing.T) {
	metas := []FileMeta{
		{FileName: "manifest-a", FileSize: 10, PartitionStats: EmptyStats()},
		{FileName: "manifest-b", FileSize: 20, PartitionStats: EmptyStats(), MinRowID: ptr(int64(5)), MaxRowID: ptr(int64(9)),
			MinBucket: ptr(int32(0)), MaxBucket: ptr(int32(3)), MinLevel: ptr(int32(0)), MaxLevel: ptr(int32(5))},
	}
	out, err := EncodeFileMetas(metas)
	if err != nil {
		t.Fatal(err)
	}
	if s, _ := ReadSchema(out); s != FileMetaRowIDSchemaJSON {
		t.Fatalf("row ids written with schema %s", s)
	}
	got, err := DecodeFileMetas(out)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, metas) {
		t.Fatalf("got %+v\nwant %+v", got, metas)
	}
}

// A fully populated entry (every nullable field set, multi-block file)
// survives the round trip.
func TestRoundTripAllFields(t *testing.T) {
	var entries []Entry
	for i := range 3000 { // > 64 KB of records: several container blocks
		entries = append(entries, Entry{
			Kind: FileKind(i % 2), Partition: EmptyStats().MinValues, Bucket: int32(i % 7), TotalBuckets: 7,
			File: DataFileMeta{
				FileName: "data-x.parquet", FileSize: int64(i), RowCount: 3, MinKey: []byte{1}, MaxKey: []byte{2},
				KeyStats:          SimpleStats{MinValues: []byte{3}, MaxValues: []byte{4}, NullCounts: []*int64{nil, ptr(int64(2))}},
				ValueStats:        SimpleStats{MinValues: []byte{}, MaxValues: []byte{5}},
				MinSequenceNumber: -1, MaxSequenceNumber: 1 << 40, SchemaID: 3, Level: 5,
				ExtraFiles:   []string{"a.index", "b"},
				CreationTime: ptr(int64(-1)), DeleteRowCount: ptr(int64(1)), EmbeddedFileIndex: []byte{9, 9},
				FileSource: ptr(FileSourceCompact), ValueStatsCols: ptr([]string{}), ExternalPath: ptr("s3://b/p"),
				FirstRowID: ptr(int64(100)), WriteCols: ptr([]string{"c1", "c2"}),
			},
		})
	}
	out, err := EncodeEntries(entries)
	if err != nil {
		t.Fatal(err)
	}
	c, err := readContainer(out)
	if err != nil || len(c.blocks) < 2 {
		t.Fatalf("expected several blocks: %v, %v", len(c.blocks), err)
	}
	got, err := DecodeEntries(out)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, entries) {
		t.Fatal("round trip changed the entries")
	}
	checkWithThirdPartyDecoder(t, out)

	idx := []IndexEntry{
		{Kind: KindAdd, Partition: []byte{0, 0, 0, 0}, IndexType: IndexTypeHash, FileName: "index-1", FileSize: 8, RowCount: 2},
		{Kind: KindDelete, Partition: []byte{0, 0, 0, 0}, Bucket: 3, IndexType: IndexTypeDeletionVectors, FileName: "index-2",
			FileSize: 61, RowCount: 2, ExternalPath: ptr("oss://x/index-2"),
			DeletionVectorRanges: []DeletionVectorRange{{"d1", 1, 22, nil}, {"d2", 31, 22, ptr(int64(1))}}},
	}
	if out, err = EncodeIndexEntries(idx); err != nil {
		t.Fatal(err)
	}
	gotIdx, err := DecodeIndexEntries(out)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(gotIdx, idx) {
		t.Fatalf("got %+v\nwant %+v", gotIdx, idx)
	}
	checkWithThirdPartyDecoder(t, out)
}

func TestEncodeRejects(t *testing.T) {
	if _, err := EncodeEntries([]Entry{{Kind: 7, Partition: []byte{}}}); err == nil {
		t.Error("invalid kind accepted")
	}
	if _, err := EncodeEntries([]Entry{{}}); err == nil {
		t.Error("nil partition accepted")
	}
	if _, err := EncodeIndexEntries([]IndexEntry{{Partition: []byte{}, HasGlobalIndex: true}}); err == nil {
		t.Error("global index entry accepted")
	}
}

// Empty files are valid containers with no blocks.
func TestEncodeEmpty(t *testing.T) {
	out, err := EncodeEntries(nil)
	if err != nil {
		t.Fatal(err)
	}
	es, err := DecodeEntries(out)
	if err != nil || len(es) != 0 {
		t.Fatalf("%v, %v", es, err)
	}
}
