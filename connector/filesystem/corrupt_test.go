package filesystem

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/weir-data/weir/connector"
	"github.com/weir-data/weir/engine/batch"
)

// TestCorruptParquet damages a written Parquet file in many ways; reading
// must fail with an error naming the file or return rows, never panic.
func TestCorruptParquet(t *testing.T) {
	dir := t.TempDir()
	tbl := testTable(dir, "parquet", false)
	writeAll(t, tbl, connector.SinkRequest{}, testRows(t))
	files, _ := filepath.Glob(filepath.Join(dir, "part-*.parquet"))
	if len(files) != 1 {
		t.Fatalf("%d files", len(files))
	}
	orig, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	read := func() error {
		op, err := Factory{}.NewSource(context.Background(), tbl, connector.SourceRequest{Bounded: true})
		if err != nil {
			return err
		}
		_, err = batch.Collect(context.Background(), op)
		return err
	}
	failures := 0
	for i := 0; i < len(orig); i += max(1, len(orig)/200) {
		for _, mut := range []func([]byte) []byte{
			func(b []byte) []byte { b[i] ^= 0xff; return b },
			func(b []byte) []byte { return b[:i] },
		} {
			data := mut(append([]byte(nil), orig...))
			if err := os.WriteFile(files[0], data, 0o644); err != nil {
				t.Fatal(err)
			}
			if err := read(); err != nil {
				failures++
			}
		}
	}
	if failures == 0 {
		t.Error("no corruption was detected")
	}
}
