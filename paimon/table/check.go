package table

import (
	"context"
	"errors"
	"fmt"
	"path"
	"regexp"
	"strconv"

	"github.com/weir-data/weir/paimon/binaryrow"
	"github.com/weir-data/weir/paimon/datafile"
	"github.com/weir-data/weir/paimon/manifest"
	"github.com/weir-data/weir/paimon/snapshot"
)

var (
	uuidPart         = `[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}-[0-9]+`
	manifestListName = regexp.MustCompile(`^manifest-list-` + uuidPart + `$`)
	manifestName     = regexp.MustCompile(`^manifest-` + uuidPart + `$`)
	indexManifest    = regexp.MustCompile(`^index-manifest-` + uuidPart + `$`)
)

// CheckTable validates a table against Paimon's format rules, strictly, so that
// tables Weir writes stay readable by Java Paimon: snapshot files and hints,
// manifest names and their Avro schemas (equal field for field to the ones
// Java writes), the directories and names of data files, the Parquet columns
// (names, field ids and order of the key-value or append layout), row counts,
// file sizes, statistics layouts, key and sequence ranges. It reads every
// snapshot's manifests and the latest snapshot's data files, and returns every
// problem found, joined.
func CheckTable(ctx context.Context, t *Table) error {
	return CheckTableWith(ctx, t, CheckOptions{})
}

// CheckOptions relax CheckTable for tables Java wrote.
type CheckOptions struct {
	// AllowOlderJavaLayouts accepts manifests in the Avro layouts older Java
	// versions wrote (≤ 0.9 nullable unions, shorter field lists), which Java
	// still reads. Tables Weir writes are checked without it.
	AllowOlderJavaLayouts bool
}

// CheckTableWith is CheckTable with options.
func CheckTableWith(ctx context.Context, t *Table, opts CheckOptions) error {
	c := &checker{t: t, opts: opts}
	c.run(ctx)
	return errors.Join(c.problems...)
}

type checker struct {
	opts     CheckOptions
	t        *Table
	problems []error
	checked  map[string]bool // manifest files already validated
}

func (c *checker) fail(format string, args ...any) {
	c.problems = append(c.problems, fmt.Errorf("table %s: "+format, append([]any{c.t.name}, args...)...))
}

func (c *checker) run(ctx context.Context) {
	t := c.t
	c.checked = map[string]bool{}
	ids, err := t.snapshots.IDs(ctx)
	if err != nil {
		c.fail("list snapshots: %v", err)
		return
	}
	if len(ids) == 0 {
		return
	}
	for i := 1; i < len(ids); i++ {
		if ids[i] != ids[i-1]+1 {
			c.fail("snapshot ids are not contiguous: %d then %d", ids[i-1], ids[i])
		}
	}
	latest := ids[len(ids)-1]
	if hint, err := t.fio.ReadFile(ctx, path.Join(t.path, "snapshot", "LATEST")); err != nil {
		c.fail("read LATEST hint: %v", err)
	} else if n, err := strconv.ParseInt(string(hint), 10, 64); err != nil || n != latest {
		c.fail("LATEST hint is %q, latest snapshot is %d (the hint must be the bare decimal id)", hint, latest)
	}
	var last *snapshot.Snapshot
	for _, id := range ids {
		s, err := t.snapshots.Read(ctx, id)
		if err != nil {
			c.fail("%v", err)
			continue
		}
		c.checkSnapshot(ctx, s)
		last = s
	}
	if last != nil {
		c.checkLiveFiles(ctx, last)
		c.checkHashIndex(ctx, last)
	}
}

func (c *checker) checkSnapshot(ctx context.Context, s *snapshot.Snapshot) {
	t := c.t
	if s.Version != 3 {
		c.fail("snapshot %d has version %d, want 3", s.ID, s.Version)
	}
	if !s.CommitKind.Valid() {
		c.fail("snapshot %d has commit kind %q", s.ID, s.CommitKind)
	}
	if _, err := t.schemaByID(ctx, s.SchemaID); err != nil {
		c.fail("snapshot %d: schema %d: %v", s.ID, s.SchemaID, err)
	}
	for _, l := range []struct {
		name string
		size *int64
	}{{s.BaseManifestList, s.BaseManifestListSize}, {s.DeltaManifestList, s.DeltaManifestListSize}, {s.ChangelogManifestList, s.ChangelogManifestListSize}} {
		if l.name == "" {
			continue
		}
		c.checkManifestList(ctx, s.ID, l.name, l.size)
	}
	if s.BaseManifestList == "" || s.DeltaManifestList == "" {
		c.fail("snapshot %d lacks a base or delta manifest list", s.ID)
	}
	if s.IndexManifest != "" && !c.checked[s.IndexManifest] {
		c.checked[s.IndexManifest] = true
		if !indexManifest.MatchString(s.IndexManifest) {
			c.fail("snapshot %d: index manifest name %q is not index-manifest-<uuid>-<n>", s.ID, s.IndexManifest)
		}
		c.checkAvro(ctx, s.IndexManifest, manifest.IndexEntrySchemaJSON)
	}
}

func (c *checker) checkManifestList(ctx context.Context, snap int64, name string, size *int64) {
	if c.checked[name] {
		return
	}
	c.checked[name] = true
	if !manifestListName.MatchString(name) {
		c.fail("snapshot %d: manifest list name %q is not manifest-list-<uuid>-<n>", snap, name)
	}
	data := c.checkAvro(ctx, name, manifest.FileMetaSchemaJSON, manifest.FileMetaRowIDSchemaJSON)
	if data == nil {
		return
	}
	if size != nil && *size != int64(len(data)) {
		c.fail("snapshot %d: manifest list %s is %d bytes, the snapshot says %d", snap, name, len(data), *size)
	}
	metas, err := manifest.DecodeFileMetas(data)
	if err != nil {
		c.fail("manifest list %s: %v", name, err)
		return
	}
	for _, m := range metas {
		if c.checked[m.FileName] {
			continue
		}
		c.checked[m.FileName] = true
		if !manifestName.MatchString(m.FileName) {
			c.fail("manifest name %q is not manifest-<uuid>-<n>", m.FileName)
		}
		md := c.checkAvro(ctx, m.FileName, manifest.EntrySchemaJSON)
		if md == nil {
			continue
		}
		if m.FileSize != int64(len(md)) {
			c.fail("manifest %s is %d bytes, its list entry says %d", m.FileName, len(md), m.FileSize)
		}
		es, err := manifest.DecodeEntries(md)
		if err != nil {
			c.fail("manifest %s: %v", m.FileName, err)
			continue
		}
		var added, deleted int64
		for _, e := range es {
			if e.Kind == manifest.KindAdd {
				added++
			} else {
				deleted++
			}
			c.checkEntry(m.FileName, e)
		}
		if added != m.NumAddedFiles || deleted != m.NumDeletedFiles {
			c.fail("manifest %s has %d added and %d deleted files, its list entry says %d and %d",
				m.FileName, added, deleted, m.NumAddedFiles, m.NumDeletedFiles)
		}
		if _, _, err := binaryrow.Deserialize(m.PartitionStats.MinValues); err != nil {
			c.fail("manifest list entry %s: partition stats: %v", m.FileName, err)
		}
	}
}

// checkAvro reads a manifest file and compares its embedded writer schema
// with the Java schemas allowed for it; it returns the file's bytes.
func (c *checker) checkAvro(ctx context.Context, name string, javaSchemas ...string) []byte {
	p := c.t.manifestPath(name)
	data, err := c.t.fio.ReadFile(ctx, p)
	if err != nil {
		c.fail("read %s: %v", p, err)
		return nil
	}
	got, err := manifest.ReadSchema(data)
	if err != nil {
		c.fail("%s: %v", p, err)
		return nil
	}
	for _, js := range javaSchemas {
		if eq, err := manifest.SchemasEqual(got, js); err == nil && eq {
			return data
		}
		if c.opts.AllowOlderJavaLayouts {
			if ok, err := manifest.OlderJavaLayout(got, js); err == nil && ok {
				return data
			}
		}
	}
	c.fail("%s: Avro schema differs from the one Java Paimon writes:\n got  %s\n want %s", p, got, javaSchemas[0])
	return data
}

// checkEntry validates the layout of one manifest entry's metadata.
func (c *checker) checkEntry(manifestName string, e manifest.Entry) {
	t := c.t
	f := e.File
	where := fmt.Sprintf("manifest %s, file %s", manifestName, f.FileName)
	if arity, _, err := binaryrow.Deserialize(e.Partition); err != nil || arity != len(t.partTypes) {
		c.fail("%s: partition row has arity %d (%v), table has %d partition keys", where, arity, err, len(t.partTypes))
	}
	if e.TotalBuckets > 0 && (e.Bucket < 0 || e.Bucket >= e.TotalBuckets) {
		c.fail("%s: bucket %d is outside 0..%d (total buckets %d)", where, e.Bucket, e.TotalBuckets-1, e.TotalBuckets)
	}
	if f.MinSequenceNumber > f.MaxSequenceNumber {
		c.fail("%s: sequence range %d..%d is inverted", where, f.MinSequenceNumber, f.MaxSequenceNumber)
	}
	if f.RowCount <= 0 {
		c.fail("%s: row count %d", where, f.RowCount)
	}
	if f.Level < 0 {
		c.fail("%s: level %d", where, f.Level)
	}
	nk := 0
	if t.HasPrimaryKey() {
		nk = len(t.keyFields)
	}
	for _, st := range []struct {
		what  string
		stats manifest.SimpleStats
		arity int
	}{{"key stats", f.KeyStats, nk}, {"value stats", f.ValueStats, c.valueStatsArity(f)}} {
		for _, row := range [][]byte{st.stats.MinValues, st.stats.MaxValues} {
			if a, _, err := binaryrow.Deserialize(row); err != nil || a != st.arity {
				c.fail("%s: %s row has arity %d (%v), want %d", where, st.what, a, err, st.arity)
			}
		}
		if st.arity > 0 && len(st.stats.NullCounts) != st.arity {
			c.fail("%s: %s have %d null counts, want %d", where, st.what, len(st.stats.NullCounts), st.arity)
		}
	}
	for _, k := range [][]byte{f.MinKey, f.MaxKey} {
		if a, _, err := binaryrow.Deserialize(k); err != nil || a != nk {
			c.fail("%s: min/max key has arity %d (%v), want %d", where, a, err, nk)
		}
	}
	if nk > 0 {
		if cmp, err := compareSerializedKeys(fieldTypes(t.keyFields), f.MinKey, f.MaxKey); err != nil || cmp > 0 {
			c.fail("%s: min key is above max key (%v)", where, err)
		}
	}
}

func (c *checker) valueStatsArity(f manifest.DataFileMeta) int {
	if f.ValueStatsCols != nil {
		return len(*f.ValueStatsCols)
	}
	s, err := c.t.schemaByID(context.Background(), f.SchemaID)
	if err != nil {
		return -1
	}
	return len(s.Fields)
}

var dataFileName = regexp.MustCompile(`^(data|changelog)-` + uuidPart + `\.(parquet|orc|avro)$`)

// checkLiveFiles opens every live data file of the snapshot.
func (c *checker) checkLiveFiles(ctx context.Context, s *snapshot.Snapshot) {
	t := c.t
	entries, err := t.liveEntries(ctx, s, nil)
	if err != nil {
		c.fail("snapshot %d: %v", s.ID, err)
		return
	}
	for _, e := range entries {
		f := e.File
		partDir, err := t.partitionDir(e.Partition)
		if err != nil {
			c.fail("file %s: %v", f.FileName, err)
			continue
		}
		if !dataFileName.MatchString(f.FileName) {
			c.fail("data file name %q is not data-<uuid>-<n>.<format>", f.FileName)
		}
		p := path.Join(t.bucketDir(partDir, int(e.Bucket)), f.FileName)
		fs, err := t.schemaByID(ctx, f.SchemaID)
		if err != nil {
			c.fail("file %s: %v", p, err)
			continue
		}
		file, err := t.fio.Open(ctx, p)
		if err != nil {
			c.fail("data file %s (partition %q, bucket %d) missing: %v", p, partDir, e.Bucket, err)
			continue
		}
		if file.Size() != f.FileSize {
			c.fail("data file %s is %d bytes, its manifest entry says %d", p, file.Size(), f.FileSize)
		}
		r, err := datafile.Open(file, file.Size())
		if err != nil {
			c.fail("data file %s: %v", p, err)
			file.Close()
			continue
		}
		if r.NumRows() != f.RowCount {
			c.fail("data file %s has %d rows, its manifest entry says %d", p, r.NumRows(), f.RowCount)
		}
		var want []datafile.Column
		if t.HasPrimaryKey() {
			keys, err := trimmedKeyFields(fs)
			if err != nil {
				c.fail("file %s: %v", p, err)
			}
			want = datafile.KeyValueColumns(keys, fs.Fields)
		} else {
			want = datafile.AppendColumns(fs.Fields)
		}
		got := r.Columns()
		if len(got) != len(want) {
			c.fail("data file %s has %d columns, the layout has %d", p, len(got), len(want))
		} else if r.HasFieldIDs() {
			for i := range want {
				if got[i].Name != want[i].Name || got[i].ID != want[i].ID || got[i].Type.Nullable != want[i].Type.Nullable {
					c.fail("data file %s column %d is %s (id %d, nullable %v), the layout wants %s (id %d, nullable %v)",
						p, i, got[i].Name, got[i].ID, got[i].Type.Nullable, want[i].Name, want[i].ID, want[i].Type.Nullable)
				}
			}
		}
		file.Close()
	}
}
