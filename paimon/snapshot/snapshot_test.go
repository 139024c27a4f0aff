package snapshot

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/weir-data/weir/fileio"
	"github.com/weir-data/weir/internal/fixture"
)

func TestFixturesParseAndRoundTrip(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(fixture.Path(t, "parquet"), "*.db", "*", "snapshot", "snapshot-*"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixture snapshots: %v", err)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		s, err := Parse(data)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if want := "snapshot-" + fmt.Sprint(s.ID); filepath.Base(f) != want {
			t.Errorf("%s: id %d", f, s.ID)
		}
		out, err := s.Marshal()
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(out, data) {
			t.Errorf("%s: re-marshal differs\n--- got\n%s\n--- want\n%s", f, out, data)
		}
	}
}

func TestPk09Values(t *testing.T) {
	fs, err := fileio.NewLocal(fixture.Path(t, "parquet"))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	m := NewManager(fs, "pk_09.db/pk_09")
	s, err := m.Read(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	if s.Version != 3 || s.ID != 1 || s.SchemaID != 0 || s.CommitIdentifier != 1 || s.CommitKind != Append ||
		s.TotalRecordCount != 9 || s.DeltaRecordCount != 9 || s.ChangelogRecordCount == nil || *s.ChangelogRecordCount != 0 ||
		s.ChangelogManifestList != "" || s.LogOffsets == nil || len(s.LogOffsets) != 0 ||
		s.CommitUser != "89dae1be-f758-4f87-a431-f0cae74c24b1" || s.TimeMillis != 1755758625076 {
		t.Errorf("snapshot-1 = %+v", s)
	}
	if id, ok, err := m.LatestID(ctx); err != nil || !ok || id != 8 {
		t.Errorf("latest = %d %v %v", id, ok, err)
	}
	if id, ok, err := m.EarliestID(ctx); err != nil || !ok || id != 1 {
		t.Errorf("earliest = %d %v %v", id, ok, err)
	}
	hint, err := os.ReadFile(fixture.Path(t, "parquet", "pk_09.db", "pk_09", "snapshot", "LATEST"))
	if err != nil || string(hint) != "8" {
		t.Errorf("LATEST bytes = %q %v", hint, err)
	}
	s6, err := m.Read(ctx, 6)
	if err != nil || s6.IndexManifest != "index-manifest-03e2700b-8409-499b-8c27-a09ccee9348c-0" || s6.DeltaRecordCount != -2 || s6.CommitKind != Compact {
		t.Errorf("snapshot-6 = %+v %v", s6, err)
	}
	// Exactly-once lookups on the real table: identifiers 1..4, APPEND+COMPACT each.
	user := "89dae1be-f758-4f87-a431-f0cae74c24b1"
	for _, tc := range []struct {
		id    int64
		kinds []CommitKind
		want  bool
	}{
		{4, nil, true}, {3, []CommitKind{Compact}, true}, {1, []CommitKind{Append}, true},
		{5, nil, false}, {2, []CommitKind{Overwrite}, false},
	} {
		got, err := m.FindCommitted(ctx, user, tc.id, tc.kinds...)
		if err != nil || got != tc.want {
			t.Errorf("FindCommitted(%d, %v) = %v %v", tc.id, tc.kinds, got, err)
		}
	}
	if ok, _ := m.FindCommitted(ctx, "other", 1); ok {
		t.Errorf("other user found")
	}
	lu, err := m.LatestOfUser(ctx, user)
	if err != nil || lu.ID != 8 || lu.CommitIdentifier != 4 {
		t.Errorf("LatestOfUser = %+v %v", lu, err)
	}
	if lu, err := m.LatestOfUser(ctx, "nobody"); err != nil || lu != nil {
		t.Errorf("LatestOfUser(nobody) = %v %v", lu, err)
	}
	// Time travel.
	for _, tc := range []struct {
		t    int64
		want int64
	}{{1755758625076, 1}, {1755758625075, 0}, {1755758625400, 4}, {1755758625645, 8}, {1 << 62, 8}} {
		s, err := m.EarlierOrEqualTime(ctx, tc.t)
		if err != nil {
			t.Fatal(err)
		}
		got := int64(0)
		if s != nil {
			got = s.ID
		}
		if got != tc.want {
			t.Errorf("EarlierOrEqualTime(%d) = %d, want %d", tc.t, got, tc.want)
		}
	}
	all, err := m.Range(ctx, 3, 5)
	if err != nil || len(all) != 3 || all[0].ID != 3 || all[2].ID != 5 {
		t.Errorf("Range = %v %v", all, err)
	}
}

func TestBatchIdentifierExact(t *testing.T) {
	data, err := os.ReadFile(fixture.Path(t, "parquet", "append_09.db", "append_09", "snapshot", "snapshot-1"))
	if err != nil {
		t.Fatal(err)
	}
	s, err := Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	if s.CommitIdentifier != 9223372036854775807 {
		t.Fatalf("commitIdentifier = %d", s.CommitIdentifier)
	}
	out, _ := s.Marshal()
	if !bytes.Contains(out, []byte(`"commitIdentifier" : 9223372036854775807,`)) {
		t.Errorf("marshalled: %s", out)
	}
}

func TestParseVariants(t *testing.T) {
	base := `"id":3,"schemaId":1,"baseManifestList":"b","deltaManifestList":"d","commitUser":"u","commitIdentifier":-5,"commitKind":"OVERWRITE","timeMillis":7`
	tests := []struct {
		name, json string
		check      func(*Snapshot) bool
		wantErr    string
	}{
		{"minimal", `{"version":3,` + base + `}`, func(s *Snapshot) bool {
			return s.CommitKind == Overwrite && s.CommitIdentifier == -5 && len(s.LogOffsets) == 0 && s.ChangelogRecordCount == nil
		}, ""},
		{"explicit nulls", `{"version":3,` + base + `,"changelogManifestList":null,"indexManifest":null,"watermark":null,"statistics":null,"properties":null,"logOffsets":null,"uuid":null}`,
			func(s *Snapshot) bool { return s.IndexManifest == "" && s.Watermark == nil }, ""},
		{"new fields", `{"version":3,"uuid":"x-y",` + base + `,"writerVersion":"java-2.2","watermark":-9223372036854775808,"properties":{"k":"v"},"nextRowId":12,"operation":"DELETE","future":{"a":[1,2]}}`,
			func(s *Snapshot) bool {
				return s.UUID == "x-y" && s.WriterVersion == "java-2.2" && *s.Watermark == -9223372036854775808 && s.Properties["k"] == "v" && *s.NextRowID == 12 && s.Operation == "DELETE"
			}, ""},
		{"log offsets", `{"version":3,` + base + `,"logOffsets":{"0":5,"3":9223372036854775807}}`,
			func(s *Snapshot) bool { return s.LogOffsets[0] == 5 && s.LogOffsets[3] == 9223372036854775807 }, ""},
		{"legacy version missing", `{` + base + `}`, func(s *Snapshot) bool { return s.Version == 1 }, ""},
		{"version 2", `{"version":2,` + base + `}`, func(s *Snapshot) bool { return s.Version == 2 }, ""},
		{"newer", `{"version":4,` + base + `}`, nil, "snapshot-3 was written by a newer Paimon format version 4; Weir reads version 3"},
		{"bad kind", `{"version":3,` + strings.Replace(base, "OVERWRITE", "MERGE", 1) + `}`, nil, `unknown commitKind "MERGE"`},
		{"truncated", `{"version":3,` + base[:40], nil, "malformed"},
		{"empty", ``, nil, "empty"},
		{"float identifier", `{"version":3,` + strings.Replace(base, "-5", "9.2e18", 1) + `}`, nil, "malformed"},
		{"missing schemaId", `{"version":3,"id":1,"baseManifestList":"b","deltaManifestList":"d","commitKind":"APPEND"}`, nil, `missing "schemaId"`},
		{"bad logOffsets key", `{"version":3,` + base + `,"logOffsets":{"x":1}}`, nil, "logOffsets"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Parse([]byte(tc.json))
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !tc.check(s) {
				t.Errorf("parsed = %+v", s)
			}
			out, err := s.Marshal()
			if err != nil {
				t.Fatal(err)
			}
			back, err := Parse(out)
			if err != nil {
				t.Fatalf("re-parse: %v\n%s", err, out)
			}
			if back.Version != 3 || !tc.check(back) && tc.name != "legacy version missing" && tc.name != "version 2" {
				t.Errorf("round trip = %+v", back)
			}
		})
	}
}

func TestMarshalLayout(t *testing.T) {
	size := int64(884)
	wm := int64(100)
	s := &Snapshot{ID: 2, SchemaID: 0, BaseManifestList: "b", BaseManifestListSize: &size, DeltaManifestList: "d",
		ChangelogManifestList: "c", IndexManifest: "i", CommitUser: "u", CommitIdentifier: 9, CommitKind: Compact,
		TimeMillis: 5, TotalRecordCount: 1, DeltaRecordCount: -1, Watermark: &wm, Properties: map[string]string{"b": "2", "a": "1"}}
	want := `{
  "version" : 3,
  "id" : 2,
  "schemaId" : 0,
  "baseManifestList" : "b",
  "baseManifestListSize" : 884,
  "deltaManifestList" : "d",
  "changelogManifestList" : "c",
  "indexManifest" : "i",
  "commitUser" : "u",
  "commitIdentifier" : 9,
  "commitKind" : "COMPACT",
  "timeMillis" : 5,
  "logOffsets" : { },
  "totalRecordCount" : 1,
  "deltaRecordCount" : -1,
  "watermark" : 100,
  "properties" : {
    "a" : "1",
    "b" : "2"
  }
}`
	out, err := s.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	if string(out) != want {
		t.Errorf("got\n%s", out)
	}
	if _, err := (&Snapshot{ID: 1}).Marshal(); err == nil {
		t.Errorf("marshal without commit kind succeeded")
	}
}

func newSnap(id int64, user string, ident int64, kind CommitKind, ts int64) *Snapshot {
	return &Snapshot{ID: id, BaseManifestList: "b", DeltaManifestList: "d", CommitUser: user,
		CommitIdentifier: ident, CommitKind: kind, TimeMillis: ts}
}

func TestManager(t *testing.T) {
	ctx := context.Background()
	local, err := fileio.NewLocal(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	for name, fs := range map[string]fileio.FileIO{"memory": fileio.NewMemory(), "local": local} {
		t.Run(name, func(t *testing.T) {
			m := NewManager(fs, "db.db/t/")
			if _, ok, err := m.LatestID(ctx); ok || err != nil {
				t.Fatalf("empty table latest: %v %v", ok, err)
			}
			if s, err := m.Latest(ctx); s != nil || err != nil {
				t.Fatalf("empty Latest = %v %v", s, err)
			}
			if s, err := m.EarlierOrEqualTime(ctx, 100); s != nil || err != nil {
				t.Fatalf("empty EarlierOrEqualTime = %v %v", s, err)
			}
			for i := int64(1); i <= 3; i++ {
				ok, err := m.TryCommit(ctx, newSnap(i, "u1", i, Append, 1000*i))
				if !ok || err != nil {
					t.Fatalf("commit %d: %v %v", i, ok, err)
				}
			}
			hint, err := fs.ReadFile(ctx, "db.db/t/snapshot/LATEST")
			if err != nil || string(hint) != "3" {
				t.Errorf("LATEST = %q %v", hint, err)
			}
			// Retrying an identical commit succeeds; a different one loses.
			if ok, err := m.TryCommit(ctx, newSnap(3, "u1", 3, Append, 3000)); !ok || err != nil {
				t.Errorf("identical retry: %v %v", ok, err)
			}
			if ok, err := m.TryCommit(ctx, newSnap(3, "u2", 3, Append, 3000)); ok || err != nil {
				t.Errorf("conflicting commit: %v %v", ok, err)
			}
			// 8 committers race for snapshot-4; exactly one wins.
			var wg sync.WaitGroup
			var mu sync.Mutex
			var winners []string
			for g := 0; g < 8; g++ {
				wg.Add(1)
				go func(g int) {
					defer wg.Done()
					user := fmt.Sprintf("racer-%d", g)
					ok, err := m.TryCommit(ctx, newSnap(4, user, 1, Append, 4000))
					if err != nil {
						t.Error(err)
					}
					if ok {
						mu.Lock()
						winners = append(winners, user)
						mu.Unlock()
					}
				}(g)
			}
			wg.Wait()
			if len(winners) != 1 {
				t.Fatalf("winners = %v", winners)
			}
			s4, err := m.Read(ctx, 4)
			if err != nil || s4.CommitUser != winners[0] {
				t.Errorf("snapshot-4 = %+v %v", s4, err)
			}
			// Stale LATEST hint: LatestID must still find 5.
			if ok, err := m.TryCommit(ctx, newSnap(5, "u1", 4, Compact, 5000)); !ok || err != nil {
				t.Fatal(err)
			}
			if err := m.CommitLatestHint(ctx, 2); err != nil {
				t.Fatal(err)
			}
			if id, ok, err := m.LatestID(ctx); id != 5 || !ok || err != nil {
				t.Errorf("latest with stale hint = %d %v %v", id, ok, err)
			}
			// Garbage hint falls back to listing.
			if err := fs.WriteFile(ctx, "db.db/t/snapshot/LATEST", []byte("x")); err != nil {
				t.Fatal(err)
			}
			if id, _, _ := m.LatestID(ctx); id != 5 {
				t.Errorf("latest with bad hint = %d", id)
			}
			// Expire snapshot 1 and 2: EARLIEST hint stale (1) then updated.
			if err := fs.Delete(ctx, m.Path(1)); err != nil {
				t.Fatal(err)
			}
			if err := fs.Delete(ctx, m.Path(2)); err != nil {
				t.Fatal(err)
			}
			if err := m.CommitEarliestHint(ctx, 1); err != nil {
				t.Fatal(err)
			}
			if id, ok, err := m.EarliestID(ctx); id != 3 || !ok || err != nil {
				t.Errorf("earliest with stale hint = %d %v %v", id, ok, err)
			}
			if err := m.CommitEarliestHint(ctx, 3); err != nil {
				t.Fatal(err)
			}
			if id, _, _ := m.EarliestID(ctx); id != 3 {
				t.Errorf("earliest = %d", id)
			}
			if s, err := m.EarlierOrEqualTime(ctx, 4500); err != nil || s.ID != 4 {
				t.Errorf("EarlierOrEqualTime(4500) = %v %v", s, err)
			}
			if s, err := m.EarlierOrEqualTime(ctx, 10); err != nil || s != nil {
				t.Errorf("EarlierOrEqualTime(10) = %v %v", s, err)
			}
			lu, err := m.LatestOfUser(ctx, "u1")
			if err != nil || lu == nil || lu.ID != 5 {
				t.Errorf("LatestOfUser = %v %v", lu, err)
			}
			if ok, err := m.FindCommitted(ctx, "u1", 4, Compact); !ok || err != nil {
				t.Errorf("FindCommitted(u1,4,COMPACT) = %v %v", ok, err)
			}
			if ok, _ := m.FindCommitted(ctx, "u1", 4, Append); ok {
				t.Errorf("FindCommitted(u1,4,APPEND) found")
			}
			// Iterate stops on ErrStop.
			n := 0
			if err := m.Iterate(ctx, 0, 100, func(*Snapshot) error { n++; return ErrStop }); err != nil || n != 1 {
				t.Errorf("iterate: %d %v", n, err)
			}
			// Missing and corrupt files name the path.
			if _, err := m.Read(ctx, 1); err == nil || !fileio.IsNotExist(err) || !strings.Contains(err.Error(), "db.db/t/snapshot/snapshot-1") {
				t.Errorf("missing: %v", err)
			}
			if err := fs.WriteFile(ctx, m.Path(9), []byte(`{"version" : 3, "id" : 9, "sch`)); err != nil {
				t.Fatal(err)
			}
			if _, err := m.Read(ctx, 9); err == nil || !strings.Contains(err.Error(), "snapshot/snapshot-9") || !strings.Contains(err.Error(), "malformed") {
				t.Errorf("truncated: %v", err)
			}
			if err := fs.WriteFile(ctx, m.Path(10), mustMarshal(t, newSnap(11, "u", 1, Append, 1))); err != nil {
				t.Fatal(err)
			}
			if _, err := m.Read(ctx, 10); err == nil || !strings.Contains(err.Error(), "holds snapshot id 11") {
				t.Errorf("wrong id: %v", err)
			}
		})
	}
}

func mustMarshal(t *testing.T, s *Snapshot) []byte {
	t.Helper()
	b, err := s.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(`{"version":3,"id":1,"schemaId":0,"baseManifestList":"a","deltaManifestList":"b","changelogManifestList":null,"commitUser":"u","commitIdentifier":9223372036854775807,"commitKind":"APPEND","timeMillis":1,"logOffsets":{},"totalRecordCount":9,"deltaRecordCount":9,"changelogRecordCount":0}`))
	f.Add([]byte(`{"version":3,"id":2,"schemaId":0,"baseManifestList":"a","deltaManifestList":"b","commitKind":"COMPACT","properties":{"x":"\u0000"},"logOffsets":{"1":2}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := Parse(data)
		if err != nil {
			return
		}
		out, err := s.Marshal()
		if err != nil {
			t.Fatalf("marshal of parsed snapshot: %v", err)
		}
		s2, err := Parse(out)
		if err != nil {
			t.Fatalf("re-parse: %v\n%s", err, out)
		}
		out2, err := s2.Marshal()
		if err != nil || !bytes.Equal(out, out2) {
			t.Fatalf("marshal not stable:\n%s\n%s", out, out2)
		}
	})
}
