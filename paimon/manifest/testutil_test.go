package manifest

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/weir-data/weir/internal/fixture"
)

// fileKind classifies a fixture manifest file by name.
type fileKind int

const (
	kindManifest fileKind = iota
	kindList
	kindIndex
)

type fixtureFile struct {
	rel  string // path relative to the fixture root
	kind fileKind
	orc  bool // append_09 writes ORC manifests
}

// fixtureFiles lists every manifest file of the fixtures.
func fixtureFiles(t testing.TB) []fixtureFile {
	t.Helper()
	root := fixture.PaimonDir(t)
	var paths []string
	for _, pattern := range []string{"parquet/*.db/*/manifest/*", "avro/manifest/*"} {
		m, err := filepath.Glob(filepath.Join(root, pattern))
		if err != nil {
			t.Fatal(err)
		}
		paths = append(paths, m...)
	}
	sort.Strings(paths)
	if len(paths) < 100 {
		t.Fatalf("found only %d fixture manifest files", len(paths))
	}
	var out []fixtureFile
	for _, p := range paths {
		rel, _ := filepath.Rel(root, p)
		base := filepath.Base(p)
		f := fixtureFile{rel: rel, orc: strings.Contains(rel, "append_09.db")}
		switch {
		case strings.HasPrefix(base, "index-manifest-"):
			f.kind = kindIndex
		case strings.HasPrefix(base, "manifest-list-"), strings.HasPrefix(base, "avro_manifest_list_"):
			f.kind = kindList
		default: // manifest-*, avro_manifest_09/11, manifest
			f.kind = kindManifest
		}
		out = append(out, f)
	}
	return out
}

func readFixture(t testing.TB, rel ...string) []byte {
	t.Helper()
	data, err := os.ReadFile(fixture.Path(t, rel...))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func ptr[T any](v T) *T { return &v }
