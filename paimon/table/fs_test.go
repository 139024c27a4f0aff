package table

import (
	"context"
	"io"
	"testing"

	"github.com/weir-data/weir/fileio"
	"github.com/weir-data/weir/fileio/s3fake"
)

// testFS returns a fresh file system of the named kind: memory, local (a temp
// dir) or s3 (an in-process fake S3 on 127.0.0.1).
func testFS(t testing.TB, kind string) fileio.FileIO {
	t.Helper()
	switch kind {
	case "memory":
		return fileio.NewMemory()
	case "local":
		fs, err := fileio.NewLocal(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		return fs
	case "s3":
		srv := s3fake.Start(t)
		fs, err := fileio.Open(context.Background(), srv.URI("/warehouse"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { fs.(io.Closer).Close() })
		return fs
	}
	t.Fatalf("unknown file system %q", kind)
	return nil
}
