package manifest

import (
	"bytes"
	"encoding/hex"
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// Every manifest file of every fixture decodes; append_09's ORC files give
// the clear format error.
func TestDecodeAllFixtures(t *testing.T) {
	counts := map[fileKind]int{}
	for _, f := range fixtureFiles(t) {
		t.Run(f.rel, func(t *testing.T) {
			data := readFixture(t, f.rel)
			var n int
			var err error
			switch f.kind {
			case kindManifest:
				var es []Entry
				es, err = DecodeEntries(data)
				n = len(es)
				for _, e := range es {
					if e.File.FileName == "" || len(e.Partition) < 4 || len(e.File.MinKey) < 4 || e.File.RowCount <= 0 {
						t.Errorf("implausible entry %+v", e)
					}
				}
			case kindList:
				var ms []FileMeta
				ms, err = DecodeFileMetas(data)
				n = len(ms)
				for _, m := range ms {
					if !strings.HasPrefix(m.FileName, "manifest-") || m.FileSize <= 0 {
						t.Errorf("implausible manifest list entry %+v", m)
					}
				}
			case kindIndex:
				var es []IndexEntry
				es, err = DecodeIndexEntries(data)
				n = len(es)
			}
			if f.orc {
				var fe *FormatError
				if !errors.As(err, &fe) || fe.Format != "ORC" || !errors.Is(err, ErrUnsupportedFormat) {
					t.Fatalf("ORC manifest: err = %v, want *FormatError for ORC", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if n > 0 {
				counts[f.kind]++
			}
		})
	}
	if counts[kindManifest] < 20 || counts[kindList] < 30 || counts[kindIndex] < 4 {
		t.Errorf("too few non-empty files decoded: %v", counts)
	}
}

func TestORCManifestError(t *testing.T) {
	const name = "manifest-7008d4c0-b1b0-4237-ac6d-845b887efc92-0"
	data := readFixture(t, "parquet", "append_09.db", "append_09", "manifest", name)
	_, err := DecodeEntries(data)
	err = WithFileName(err, name)
	want := "manifest " + name + " is in ORC format (written with manifest.format=orc); Weir reads Avro manifests only"
	if err == nil || err.Error() != want {
		t.Fatalf("error = %v\nwant    %s", err, want)
	}
	if !errors.Is(err, ErrUnsupportedFormat) {
		t.Fatal("errors.Is(err, ErrUnsupportedFormat) = false")
	}
	_, err = DecodeFileMetas([]byte("PAR1...."))
	var fe *FormatError
	if !errors.As(err, &fe) || fe.Format != "Parquet" {
		t.Fatalf("Parquet: err = %v", err)
	}
	if got := WithFileName(errors.New("boom"), "m-1").Error(); got != "manifest m-1: boom" {
		t.Fatalf("WithFileName wrap = %q", got)
	}
	if WithFileName(nil, "x") != nil {
		t.Fatal("WithFileName(nil) != nil")
	}
}

func hexBytes(t *testing.T, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(strings.ReplaceAll(s, " ", ""))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// pk_09 (Paimon 0.9, nullable-union layout): concrete values of the first
// two manifests (first commit, then the compaction that upgrades the three
// files from level 0 to level 5).
func TestDecodePK09Entries(t *testing.T) {
	dir := []string{"parquet", "pk_09.db", "pk_09", "manifest"}
	part10 := hexBytes(t, "00000001 00000000 00000000 0a000000 00000000") // f1=10 (§5.2)
	part20 := hexBytes(t, "00000001 00000000 00000000 14000000 00000000")
	minKeyAlice := hexBytes(t, "00000002 0000000000000000 416c696365000085 0100000000000000")

	es, err := DecodeEntries(readFixture(t, append(dir, "manifest-8cf79434-32e4-4029-bf8e-befe856d268f-0")...))
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		kind           FileKind
		part           []byte
		bucket         int32
		file           string
		level          int32
		rows, size     int64
		minSeq, maxSeq int64
	}
	check := func(es []Entry, want []row) {
		t.Helper()
		if len(es) != len(want) {
			t.Fatalf("%d entries, want %d", len(es), len(want))
		}
		for i, w := range want {
			e := es[i]
			got := row{e.Kind, e.Partition, e.Bucket, e.File.FileName, e.File.Level, e.File.RowCount, e.File.FileSize, e.File.MinSequenceNumber, e.File.MaxSequenceNumber}
			if !bytes.Equal(got.part, w.part) || got.kind != w.kind || got.bucket != w.bucket || got.file != w.file ||
				got.level != w.level || got.rows != w.rows || got.size != w.size || got.minSeq != w.minSeq || got.maxSeq != w.maxSeq {
				t.Errorf("entry %d = %+v\nwant        %+v", i, got, w)
			}
			if e.TotalBuckets != 2 {
				t.Errorf("entry %d: total buckets %d, want 2", i, e.TotalBuckets)
			}
		}
	}
	check(es, []row{
		{KindAdd, part10, 0, "data-0f3a001e-ce2f-4f01-bb47-08d9901cb76c-0.parquet", 0, 2, 2190, 0, 1},
		{KindAdd, part10, 1, "data-6d416200-c9db-49ff-bc27-79837bf1aaab-0.parquet", 0, 5, 1800, 0, 4},
		{KindAdd, part20, 0, "data-cf4e088c-c6e7-4812-bb97-196f6aff271c-0.parquet", 0, 2, 1714, 0, 1},
	})
	f := es[0].File
	if !bytes.Equal(f.MinKey, minKeyAlice) {
		t.Errorf("min key = %x, want %x", f.MinKey, minKeyAlice)
	}
	if f.SchemaID != 0 || f.CreationTime == nil || *f.CreationTime != 1755787424585 ||
		f.DeleteRowCount == nil || *f.DeleteRowCount != 0 || f.FileSource == nil || *f.FileSource != FileSourceAppend ||
		len(f.ExtraFiles) != 0 || f.ExtraFiles == nil || f.EmbeddedFileIndex != nil {
		t.Errorf("file meta = %+v", f)
	}
	// Fields newer than 0.9 are absent from the writer schema → nil.
	if f.ValueStatsCols != nil || f.ExternalPath != nil || f.FirstRowID != nil || f.WriteCols != nil {
		t.Errorf("post-0.9 fields should be nil: %+v", f)
	}
	if len(f.ValueStats.NullCounts) == 0 || f.ValueStats.NullCounts[0] == nil || *f.ValueStats.NullCounts[0] != 0 {
		t.Errorf("value stats null counts = %v", f.ValueStats.NullCounts)
	}
	if max := f.ValueStats.MaxValues; !bytes.Contains(max, []byte("Two roads diverh")) {
		t.Errorf("value stats max %x lacks the truncated string", max)
	}

	es, err = DecodeEntries(readFixture(t, append(dir, "manifest-8cf79434-32e4-4029-bf8e-befe856d268f-1")...))
	if err != nil {
		t.Fatal(err)
	}
	check(es, []row{
		{KindDelete, part10, 0, "data-0f3a001e-ce2f-4f01-bb47-08d9901cb76c-0.parquet", 0, 2, 2190, 0, 1},
		{KindAdd, part10, 0, "data-0f3a001e-ce2f-4f01-bb47-08d9901cb76c-0.parquet", 5, 2, 2190, 0, 1},
		{KindDelete, part10, 1, "data-6d416200-c9db-49ff-bc27-79837bf1aaab-0.parquet", 0, 5, 1800, 0, 4},
		{KindAdd, part10, 1, "data-6d416200-c9db-49ff-bc27-79837bf1aaab-0.parquet", 5, 5, 1800, 0, 4},
		{KindDelete, part20, 0, "data-cf4e088c-c6e7-4812-bb97-196f6aff271c-0.parquet", 0, 2, 1714, 0, 1},
		{KindAdd, part20, 0, "data-cf4e088c-c6e7-4812-bb97-196f6aff271c-0.parquet", 5, 2, 1714, 0, 1},
	})
	// The upgrade's DELETE(level 0) and ADD(level 5) are different files by identity.
	if es[0].Identifier() == es[1].Identifier() {
		t.Error("level must be part of the identifier")
	}
}

// Merging all pk_09 manifests by Identifier (§4.6) leaves the three files
// of the last snapshot, all at level 5.
func TestIdentifierMergePK09(t *testing.T) {
	live := map[Identifier]Entry{}
	for i := range 8 {
		name := "manifest-8cf79434-32e4-4029-bf8e-befe856d268f-" + string(rune('0'+i))
		es, err := DecodeEntries(readFixture(t, "parquet", "pk_09.db", "pk_09", "manifest", name))
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range es {
			id := e.Identifier()
			switch e.Kind {
			case KindAdd:
				if _, dup := live[id]; dup {
					t.Fatalf("duplicate ADD of %s", e.File.FileName)
				}
				live[id] = e
			case KindDelete:
				if _, ok := live[id]; !ok {
					t.Fatalf("DELETE of unknown %s level %d", e.File.FileName, e.File.Level)
				}
				delete(live, id)
			}
		}
	}
	var got []string
	for _, e := range live {
		if e.File.Level != 5 {
			t.Errorf("%s at level %d", e.File.FileName, e.File.Level)
		}
		got = append(got, e.File.FileName)
	}
	slices.Sort(got)
	want := []string{
		"data-2b672a79-68bb-447c-8f8d-b4764e29b391-1.parquet",
		"data-6d416200-c9db-49ff-bc27-79837bf1aaab-0.parquet",
		"data-cf4e088c-c6e7-4812-bb97-196f6aff271c-0.parquet",
	}
	if !slices.Equal(got, want) {
		t.Fatalf("live files = %v, want %v", got, want)
	}
}

func TestIdentifierFields(t *testing.T) {
	base := Entry{Partition: []byte{0, 0, 0, 0}, Bucket: 1, File: DataFileMeta{FileName: "f", Level: 1, ExtraFiles: []string{"a", "b"}}}
	variants := map[string]func(e *Entry){
		"partition":      func(e *Entry) { e.Partition = []byte{0, 0, 0, 1} },
		"bucket":         func(e *Entry) { e.Bucket = 2 },
		"level":          func(e *Entry) { e.File.Level = 2 },
		"name":           func(e *Entry) { e.File.FileName = "g" },
		"extra files":    func(e *Entry) { e.File.ExtraFiles = []string{"ab"} },
		"embedded empty": func(e *Entry) { e.File.EmbeddedFileIndex = []byte{} },
		"external path":  func(e *Entry) { e.File.ExternalPath = ptr("") },
	}
	for name, mutate := range variants {
		e := base
		e.File.ExtraFiles = slices.Clone(base.File.ExtraFiles)
		mutate(&e)
		if e.Identifier() == base.Identifier() {
			t.Errorf("%s: identifier unchanged", name)
		}
	}
	// Kind, sizes and stats are not part of the identity.
	e := base
	e.Kind, e.File.RowCount, e.TotalBuckets = KindDelete, 99, 7
	if e.Identifier() != base.Identifier() {
		t.Error("identifier depends on kind/row count/total buckets")
	}
}

func TestDecodeStandaloneLayouts(t *testing.T) {
	for _, name := range []string{"avro_manifest_09", "avro_manifest_11"} {
		t.Run(name, func(t *testing.T) {
			es, err := DecodeEntries(readFixture(t, "avro", "manifest", name))
			if err != nil {
				t.Fatal(err)
			}
			if len(es) != 1 {
				t.Fatalf("%d entries", len(es))
			}
			e := es[0]
			empty := EmptyStats()
			if e.Kind != KindAdd || e.Bucket != 0 || e.TotalBuckets != -1 || e.File.RowCount != 3 ||
				!strings.HasSuffix(e.File.FileName, ".avro") || !bytes.Equal(e.Partition, empty.MinValues) ||
				!bytes.Equal(e.File.KeyStats.MinValues, empty.MinValues) || len(e.File.KeyStats.NullCounts) != 0 ||
				e.File.KeyStats.NullCounts == nil || e.File.ValueStatsCols != nil || e.File.ExternalPath != nil {
				t.Errorf("entry = %+v", e)
			}
		})
	}
	// 1.0 layout (up to _VALUE_STATS_COLS): 30 ADD entries in bucket 1 of 6.
	es, err := DecodeEntries(readFixture(t, "avro", "manifest", "manifest"))
	if err != nil {
		t.Fatal(err)
	}
	if len(es) != 30 {
		t.Fatalf("%d entries, want 30", len(es))
	}
	e := es[0]
	if e.Kind != KindAdd || e.Bucket != 1 || e.TotalBuckets != 6 || e.File.RowCount != 3450000 ||
		e.File.FileName != "data-34e63285-bacc-4039-ad66-3a81d961973e-0.aliorc" {
		t.Errorf("entry = %+v", e)
	}
	for _, name := range []string{"avro_manifest_list_09", "avro_manifest_list_11"} {
		t.Run(name, func(t *testing.T) {
			ms, err := DecodeFileMetas(readFixture(t, "avro", "manifest", name))
			if err != nil {
				t.Fatal(err)
			}
			if len(ms) == 0 {
				t.Fatal("no entries")
			}
			m := ms[0]
			has11 := m.MinBucket != nil && m.MaxBucket != nil && m.MinLevel != nil && m.MaxLevel != nil
			if has11 != (name == "avro_manifest_list_11") {
				t.Errorf("bucket/level range presence = %v: %+v", has11, m)
			}
			if m.MinRowID != nil || m.MaxRowID != nil {
				t.Errorf("row ids set: %+v", m)
			}
		})
	}
}

func TestDecodePK09ManifestList(t *testing.T) {
	ms, err := DecodeFileMetas(readFixture(t, "parquet", "pk_09.db", "pk_09", "manifest", "manifest-list-c63559b0-8ebb-4bf9-8e0c-91062d5e7391-15"))
	if err != nil {
		t.Fatal(err)
	}
	want := FileMeta{
		FileName: "manifest-8cf79434-32e4-4029-bf8e-befe856d268f-7", FileSize: 2253,
		NumAddedFiles: 1, NumDeletedFiles: 4, SchemaID: 0,
		PartitionStats: SimpleStats{
			MinValues:  hexBytes(t, "00000001 00000000 00000000 0a000000 00000000"),
			MaxValues:  hexBytes(t, "00000001 00000000 00000000 0a000000 00000000"),
			NullCounts: []*int64{ptr(int64(0))},
		},
	}
	if len(ms) != 1 || !equalFileMeta(ms[0], want) {
		t.Fatalf("got %+v\nwant %+v", ms, want)
	}
}

func equalFileMeta(a, b FileMeta) bool {
	return a.FileName == b.FileName && a.FileSize == b.FileSize && a.NumAddedFiles == b.NumAddedFiles &&
		a.NumDeletedFiles == b.NumDeletedFiles && a.SchemaID == b.SchemaID &&
		bytes.Equal(a.PartitionStats.MinValues, b.PartitionStats.MinValues) &&
		bytes.Equal(a.PartitionStats.MaxValues, b.PartitionStats.MaxValues) &&
		slices.EqualFunc(a.PartitionStats.NullCounts, b.PartitionStats.NullCounts, func(x, y *int64) bool {
			return (x == nil) == (y == nil) && (x == nil || *x == *y)
		})
}

func TestDecodeIndexEntries(t *testing.T) {
	part10 := hexBytes(t, "00000001 00000000 00000000 0a000000 00000000")
	tests := []struct {
		path []string
		want []IndexEntry
	}{
		{
			// Paimon 0.9: no _CARDINALITY.
			[]string{"parquet", "pk_09.db", "pk_09", "manifest", "index-manifest-03e2700b-8409-499b-8c27-a09ccee9348c-0"},
			[]IndexEntry{
				{Kind: KindAdd, Partition: part10, Bucket: 1, IndexType: IndexTypeDeletionVectors,
					FileName: "index-ff7801ad-df90-49b2-9619-586eab9c68e3-1", FileSize: 31, RowCount: 1,
					DeletionVectorRanges: []DeletionVectorRange{{DataFileName: "data-6d416200-c9db-49ff-bc27-79837bf1aaab-0.parquet", Offset: 1, Length: 22}}},
				{Kind: KindAdd, Partition: part10, Bucket: 0, IndexType: IndexTypeDeletionVectors,
					FileName: "index-ff7801ad-df90-49b2-9619-586eab9c68e3-0", FileSize: 61, RowCount: 2,
					DeletionVectorRanges: []DeletionVectorRange{
						{DataFileName: "data-0f3a001e-ce2f-4f01-bb47-08d9901cb76c-1.parquet", Offset: 1, Length: 22},
						{DataFileName: "data-0f3a001e-ce2f-4f01-bb47-08d9901cb76c-0.parquet", Offset: 31, Length: 22},
					}},
			},
		},
		{
			// Paimon 1.x with _CARDINALITY; an empty DV file has an empty, non-null list.
			[]string{"parquet", "pk_table_with_alter_table.db", "pk_table_with_alter_table", "manifest", "index-manifest-1dcd4aef-902a-4c73-9bf0-bcf30e88a160-0"},
			[]IndexEntry{
				{Kind: KindAdd, Partition: hexBytes(t, "00000002 0000000000000000 0100000000000000 0100000000000000"), Bucket: 0,
					IndexType: IndexTypeDeletionVectors, FileName: "index-c93829f3-1a72-4d88-8401-70663ce46426-1", FileSize: 35, RowCount: 1,
					DeletionVectorRanges: []DeletionVectorRange{{DataFileName: "data-8969384c-d715-4113-b663-2248c9a8c8d9-0.parquet", Offset: 1, Length: 26, Cardinality: ptr(int64(3))}}},
				{Kind: KindAdd, Partition: hexBytes(t, "00000002 0000000000000000 0000000000000000 0100000000000000"), Bucket: 0,
					IndexType: IndexTypeDeletionVectors, FileName: "index-c93829f3-1a72-4d88-8401-70663ce46426-0", FileSize: 1, RowCount: 0,
					DeletionVectorRanges: []DeletionVectorRange{}},
			},
		},
	}
	for _, tt := range tests {
		t.Run(filepath.Base(filepath.Join(tt.path...)), func(t *testing.T) {
			got, err := DecodeIndexEntries(readFixture(t, tt.path...))
			if err != nil {
				t.Fatal(err)
			}
			if !equalIndexEntries(got, tt.want) {
				t.Fatalf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}
