// Package fiotest gives tests fresh, empty file systems of each kind Weir
// runs on: memory, a local temporary directory, and S3 (the in-process fake
// of package s3fake on 127.0.0.1).
package fiotest

import (
	"context"
	"io"
	"testing"

	"github.com/weir-data/weir/fileio"
	"github.com/weir-data/weir/fileio/s3fake"
)

// Kinds names every kind New accepts.
var Kinds = []string{"memory", "local", "s3"}

// New returns a fresh file system of the named kind; it is cleaned up when
// the test ends.
func New(t testing.TB, kind string) fileio.FileIO {
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
	t.Fatalf("unknown file system %q (want one of %v)", kind, Kinds)
	return nil
}
