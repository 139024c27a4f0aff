package fileio

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// errNotDir is what stat gives when a path runs through a regular file.
var errNotDir error = syscall.ENOTDIR

// tmpSuffix ends the names of Local's temporary files; List hides them.
const tmpSuffix = ".weir-tmp"

// Local is a FileIO over a directory on local disk.
//
// New files are written to a temporary file in the target's directory, synced,
// and then renamed (Create, WriteFile) or hard-linked (TryCreateExclusive) into
// place, so a reader never sees a partial file. Temporary files are named
// ".<name>.<random>.weir-tmp"; List does not report them, and a crash can leave
// them behind.
type Local struct {
	root string // absolute, clean
}

var _ FileIO = (*Local)(nil)

// NewLocal returns a Local rooted at root. The directory need not exist: reads
// of a missing root find nothing, and the first write creates it (so read-only
// commands never create directories by accident).
func NewLocal(root string) (*Local, error) {
	if root == "" {
		return nil, errors.New("open local file system: empty root")
	}
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil, fmt.Errorf("open local file system %s: %w", root, err)
	}
	if fi, err := os.Stat(abs); err == nil && !fi.IsDir() {
		return nil, fmt.Errorf("open local file system %s: not a directory", root)
	}
	return &Local{root: abs}, nil
}

// Location returns the root directory.
func (l *Local) Location() string { return l.root }

// resolve validates p and returns its clean relative form and its OS path.
func (l *Local) resolve(p string, file bool) (rel, abs string, err error) {
	if file {
		rel, err = cleanFilePath(p)
	} else {
		rel, err = cleanPath(p)
	}
	if err != nil {
		return "", "", err
	}
	return rel, filepath.Join(l.root, filepath.FromSlash(rel)), nil
}

// osErr strips the *fs.PathError that os wraps around errors, since it names the
// absolute path and our messages name the relative one.
func osErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}

// Open opens path for random access.
func (l *Local) Open(ctx context.Context, path string) (File, error) {
	rel, abs, err := l.resolve(path, true)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	f, err := os.Open(abs)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", rel, osErr(err))
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("open %s: %w", rel, osErr(err))
	}
	if st.IsDir() {
		f.Close()
		return nil, fmt.Errorf("open %s: is a directory", rel)
	}
	return &localFile{f: f, size: st.Size()}, nil
}

type localFile struct {
	f    *os.File
	size int64
}

func (f *localFile) ReadAt(p []byte, off int64) (int, error) { return f.f.ReadAt(p, off) }
func (f *localFile) Close() error                            { return f.f.Close() }
func (f *localFile) Size() int64                             { return f.size }

// ReadFile reads a whole file.
func (l *Local) ReadFile(ctx context.Context, path string) ([]byte, error) {
	rel, abs, err := l.resolve(path, true)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	data, err := os.ReadFile(abs)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", rel, osErr(err))
	}
	return data, nil
}

// createTemp makes the parent directory of abs and opens a new temporary file
// beside it.
func createTemp(abs string) (*os.File, error) {
	dir, name := filepath.Split(abs)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	return os.CreateTemp(dir, "."+name+".*"+tmpSuffix)
}

// Create starts writing path; the file appears, replacing any old one, when the
// Writer is closed.
func (l *Local) Create(ctx context.Context, path string) (Writer, error) {
	rel, abs, err := l.resolve(path, true)
	if err != nil {
		return nil, fmt.Errorf("create %s: %w", path, err)
	}
	f, err := createTemp(abs)
	if err != nil {
		return nil, fmt.Errorf("create %s: %w", rel, osErr(err))
	}
	return &localWriter{f: f, rel: rel, abs: abs}, nil
}

type localWriter struct {
	f      *os.File
	rel    string
	abs    string
	closed bool
}

func (w *localWriter) Write(p []byte) (int, error) {
	if w.closed {
		return 0, fmt.Errorf("write %s: %w", w.rel, os.ErrClosed)
	}
	n, err := w.f.Write(p)
	if err != nil {
		return n, fmt.Errorf("write %s: %w", w.rel, osErr(err))
	}
	return n, nil
}

func (w *localWriter) Close() error {
	if w.closed {
		return fmt.Errorf("close %s: %w", w.rel, os.ErrClosed)
	}
	w.closed = true
	tmp := w.f.Name()
	if err := syncClose(w.f); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("close %s: %w", w.rel, osErr(err))
	}
	if err := os.Rename(tmp, w.abs); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("close %s: %w", w.rel, osErr(err))
	}
	if err := syncDir(filepath.Dir(w.abs)); err != nil {
		return fmt.Errorf("close %s: sync directory: %w", w.rel, osErr(err))
	}
	return nil
}

func (w *localWriter) Abort() error {
	if w.closed {
		return nil
	}
	w.closed = true
	tmp := w.f.Name()
	err := w.f.Close()
	if rerr := os.Remove(tmp); rerr != nil && err == nil {
		err = rerr
	}
	if err != nil {
		return fmt.Errorf("abort %s: %w", w.rel, osErr(err))
	}
	return nil
}

// syncClose flushes f to stable storage and closes it.
func syncClose(f *os.File) error {
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// syncDir makes a rename or link in dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	return syncClose(d)
}

// WriteFile writes a whole file through a synced temporary file and a rename.
func (l *Local) WriteFile(ctx context.Context, path string, data []byte) error {
	rel, abs, err := l.resolve(path, true)
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	tmp, err := writeTemp(abs, data)
	if err != nil {
		return fmt.Errorf("write %s: %w", rel, osErr(err))
	}
	if err := os.Rename(tmp, abs); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("write %s: %w", rel, osErr(err))
	}
	if err := syncDir(filepath.Dir(abs)); err != nil {
		return fmt.Errorf("write %s: sync directory: %w", rel, osErr(err))
	}
	return nil
}

// writeTemp writes data to a synced, closed temporary file beside abs and
// returns its name.
func writeTemp(abs string, data []byte) (string, error) {
	f, err := createTemp(abs)
	if err != nil {
		return "", err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(f.Name())
		return "", err
	}
	if err := syncClose(f); err != nil {
		os.Remove(f.Name())
		return "", err
	}
	return f.Name(), nil
}

// TryCreateExclusive writes data to a temporary file, syncs it, and hard-links
// it to path. link(2) fails if path exists, so exactly one of several racing
// callers wins, and readers only ever see the complete file.
func (l *Local) TryCreateExclusive(ctx context.Context, path string, data []byte) (bool, error) {
	rel, abs, err := l.resolve(path, true)
	if err != nil {
		return false, fmt.Errorf("create exclusive %s: %w", path, err)
	}
	tmp, err := writeTemp(abs, data)
	if err != nil {
		return false, fmt.Errorf("create exclusive %s: %w", rel, osErr(err))
	}
	defer os.Remove(tmp)
	if err := os.Link(tmp, abs); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return false, nil
		}
		return false, fmt.Errorf("create exclusive %s: %w", rel, osErr(err))
	}
	if err := syncDir(filepath.Dir(abs)); err != nil {
		return true, fmt.Errorf("create exclusive %s: sync directory: %w", rel, osErr(err))
	}
	return true, nil
}

// Stat describes path.
func (l *Local) Stat(ctx context.Context, path string) (FileInfo, error) {
	rel, abs, err := l.resolve(path, false)
	if err != nil {
		return FileInfo{}, fmt.Errorf("stat %s: %w", path, err)
	}
	st, err := os.Stat(abs)
	if err != nil {
		return FileInfo{}, fmt.Errorf("stat %s: %w", rel, osErr(err))
	}
	return FileInfo{Name: baseName(rel), Size: st.Size(), ModTime: st.ModTime(), IsDir: st.IsDir()}, nil
}

// Exists reports whether path exists as a file (not a directory).
func (l *Local) Exists(ctx context.Context, path string) (bool, error) {
	rel, abs, err := l.resolve(path, false)
	if err != nil {
		return false, fmt.Errorf("exists %s: %w", path, err)
	}
	st, err := os.Stat(abs)
	switch {
	case err == nil:
		return !st.IsDir(), nil
	case errors.Is(err, fs.ErrNotExist), errors.Is(err, errNotDir):
		return false, nil
	default:
		return false, fmt.Errorf("exists %s: %w", rel, osErr(err))
	}
}

// List returns the direct children of dir, sorted by name, without temporary
// files. A missing dir gives an empty list.
func (l *Local) List(ctx context.Context, dir string) ([]FileInfo, error) {
	rel, abs, err := l.resolve(dir, false)
	if err != nil {
		return nil, fmt.Errorf("list %s: %w", dir, err)
	}
	entries, err := os.ReadDir(abs)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil
		}
		return nil, fmt.Errorf("list %s: %w", rel, osErr(err))
	}
	out := make([]FileInfo, 0, len(entries))
	for _, e := range entries {
		name := e.Name()
		if strings.HasPrefix(name, ".") && strings.HasSuffix(name, tmpSuffix) {
			continue
		}
		st, err := e.Info()
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				continue // removed since ReadDir
			}
			return nil, fmt.Errorf("list %s: %w", rel, osErr(err))
		}
		out = append(out, FileInfo{Name: name, Size: st.Size(), ModTime: st.ModTime(), IsDir: st.IsDir()})
	}
	return out, nil // os.ReadDir sorts by name
}

// Delete removes a file; a missing file is not an error.
func (l *Local) Delete(ctx context.Context, path string) error {
	rel, abs, err := l.resolve(path, true)
	if err != nil {
		return fmt.Errorf("delete %s: %w", path, err)
	}
	if err := os.Remove(abs); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("delete %s: %w", rel, osErr(err))
	}
	return nil
}

// DeleteAll removes dir and everything below it. For the root ("") it removes
// everything below the root but keeps the root directory.
func (l *Local) DeleteAll(ctx context.Context, dir string) error {
	rel, abs, err := l.resolve(dir, false)
	if err != nil {
		return fmt.Errorf("delete all %s: %w", dir, err)
	}
	if rel != "" {
		if err := os.RemoveAll(abs); err != nil {
			return fmt.Errorf("delete all %s: %w", rel, osErr(err))
		}
		return nil
	}
	entries, err := os.ReadDir(abs)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		return fmt.Errorf("delete all %s: %w", l.root, osErr(err))
	}
	for _, e := range entries {
		if err := os.RemoveAll(filepath.Join(abs, e.Name())); err != nil {
			return fmt.Errorf("delete all %s: %w", e.Name(), osErr(err))
		}
	}
	return nil
}

// MkdirAll creates dir and its parents.
func (l *Local) MkdirAll(ctx context.Context, dir string) error {
	_, abs, err := l.resolve(dir, false)
	if err != nil {
		return fmt.Errorf("mkdir %s: %w", dir, err)
	}
	if err := os.MkdirAll(abs, 0o755); err != nil {
		return fmt.Errorf("mkdir %s: %w", dir, err)
	}
	return nil
}
