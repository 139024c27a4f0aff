// Package fileio is the one interface through which Weir reads and writes files:
// local disk, S3-compatible object stores (through gocloud.dev/blob) and memory.
// A FileIO is rooted at a location (a warehouse); paths given to its methods are
// slash-separated and relative to that root. It is a leaf package.
package fileio

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"time"
)

// ErrNotExist is returned (wrapped) when a file does not exist. It is fs.ErrNotExist,
// so errors.Is(err, fs.ErrNotExist) works too.
var ErrNotExist = fs.ErrNotExist

// IsNotExist reports whether err says a file does not exist.
func IsNotExist(err error) bool { return errors.Is(err, fs.ErrNotExist) }

// FileInfo describes a file or directory.
type FileInfo struct {
	// Name is the base name (no slashes).
	Name    string
	Size    int64
	ModTime time.Time
	IsDir   bool
}

// File is an open file for random access.
type File interface {
	io.ReaderAt
	io.Closer
	// Size is the file's length in bytes.
	Size() int64
}

// Writer writes a new file. The file becomes visible only when Close returns nil;
// Abort discards it. On object stores this is a single PUT or multipart upload; on
// local disk a temporary file renamed into place.
type Writer interface {
	io.Writer
	Close() error
	Abort() error
}

// FileIO is a rooted file system. Implementations are safe for concurrent use.
type FileIO interface {
	// Open opens path for random access.
	Open(ctx context.Context, path string) (File, error)
	// ReadFile reads a whole file.
	ReadFile(ctx context.Context, path string) ([]byte, error)
	// Create starts writing path, replacing any existing file when closed.
	// Parent directories are created as needed.
	Create(ctx context.Context, path string) (Writer, error)
	// WriteFile writes a whole file, replacing any existing one, atomically: a
	// reader sees the old content or the new, never a part.
	WriteFile(ctx context.Context, path string, data []byte) error
	// TryCreateExclusive writes data to path only if path does not exist, as one
	// atomic step (a reader never sees a partial file). It returns false, nil when
	// the path already existed. This is how snapshots are committed.
	TryCreateExclusive(ctx context.Context, path string, data []byte) (bool, error)
	// Stat describes path; a missing path gives an error wrapping ErrNotExist.
	Stat(ctx context.Context, path string) (FileInfo, error)
	// Exists reports whether path exists as a file.
	Exists(ctx context.Context, path string) (bool, error)
	// List returns the direct children of dir (files and directories), sorted by
	// name. A missing dir gives an empty list, not an error.
	List(ctx context.Context, dir string) ([]FileInfo, error)
	// Delete removes a file; a missing file is not an error.
	Delete(ctx context.Context, path string) error
	// MkdirAll creates dir and its parents. Object stores have no directories:
	// there it writes an empty marker object "dir/" (as Hadoop's S3A does) so
	// that an empty directory, such as a new database, is listed.
	MkdirAll(ctx context.Context, dir string) error
	// DeleteAll removes dir and everything below it; missing is not an error.
	DeleteAll(ctx context.Context, dir string) error
	// Location returns the root location this FileIO was opened at, for messages.
	Location() string
}
