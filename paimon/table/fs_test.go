package table

import (
	"testing"

	"github.com/weir-data/weir/fileio"
	"github.com/weir-data/weir/fileio/fiotest"
)

// testFS returns a fresh file system of the named kind: memory, local (a temp
// dir) or s3 (an in-process fake S3 on 127.0.0.1).
func testFS(t testing.TB, kind string) fileio.FileIO { return fiotest.New(t, kind) }
