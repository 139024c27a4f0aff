package fileio

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"sort"
	"strings"
	"sync"
	"time"
)

// Memory is an in-memory FileIO for tests. Like an object store, it holds files
// only; a directory exists while some file lies below it. It is safe for
// concurrent use.
type Memory struct {
	mu sync.RWMutex
	// files maps clean paths to contents. INVARIANT: a stored memFile is never
	// modified, so its data may be shared with readers.
	files map[string]memFile
}

type memFile struct {
	data    []byte
	modTime time.Time
}

var _ FileIO = (*Memory)(nil)

// NewMemory returns an empty Memory.
func NewMemory() *Memory {
	return &Memory{files: make(map[string]memFile)}
}

// Location returns "mem://".
func (m *Memory) Location() string { return "mem://" }

func (m *Memory) get(p string) (memFile, bool) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	f, ok := m.files[p]
	return f, ok
}

// Open opens path for random access.
func (m *Memory) Open(ctx context.Context, path string) (File, error) {
	p, err := cleanFilePath(path)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	f, ok := m.get(p)
	if !ok {
		return nil, fmt.Errorf("open %s: %w", p, ErrNotExist)
	}
	return &memReader{r: bytes.NewReader(f.data)}, nil
}

type memReader struct {
	r *bytes.Reader
}

func (f *memReader) ReadAt(p []byte, off int64) (int, error) { return f.r.ReadAt(p, off) }
func (f *memReader) Size() int64                             { return f.r.Size() }
func (f *memReader) Close() error                            { return nil }

// ReadFile returns a copy of the file's contents.
func (m *Memory) ReadFile(ctx context.Context, path string) ([]byte, error) {
	p, err := cleanFilePath(path)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	f, ok := m.get(p)
	if !ok {
		return nil, fmt.Errorf("read %s: %w", p, ErrNotExist)
	}
	return bytes.Clone(f.data), nil
}

// Create starts writing path; the file appears when the Writer is closed.
func (m *Memory) Create(ctx context.Context, path string) (Writer, error) {
	p, err := cleanFilePath(path)
	if err != nil {
		return nil, fmt.Errorf("create %s: %w", path, err)
	}
	return &memWriter{m: m, path: p}, nil
}

type memWriter struct {
	m      *Memory
	path   string
	buf    bytes.Buffer
	closed bool
}

func (w *memWriter) Write(p []byte) (int, error) {
	if w.closed {
		return 0, fmt.Errorf("write %s: %w", w.path, os.ErrClosed)
	}
	return w.buf.Write(p)
}

func (w *memWriter) Close() error {
	if w.closed {
		return fmt.Errorf("close %s: %w", w.path, os.ErrClosed)
	}
	w.closed = true
	w.m.put(w.path, w.buf.Bytes())
	return nil
}

func (w *memWriter) Abort() error {
	w.closed = true
	w.buf = bytes.Buffer{}
	return nil
}

// put stores data (which the caller must not modify afterwards) at p.
func (m *Memory) put(p string, data []byte) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.files[p] = memFile{data: data, modTime: time.Now()}
}

// WriteFile stores a copy of data at path.
func (m *Memory) WriteFile(ctx context.Context, path string, data []byte) error {
	p, err := cleanFilePath(path)
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	m.put(p, bytes.Clone(data))
	return nil
}

// TryCreateExclusive stores a copy of data at path unless path exists.
func (m *Memory) TryCreateExclusive(ctx context.Context, path string, data []byte) (bool, error) {
	p, err := cleanFilePath(path)
	if err != nil {
		return false, fmt.Errorf("create exclusive %s: %w", path, err)
	}
	data = bytes.Clone(data)
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.files[p]; ok {
		return false, nil
	}
	m.files[p] = memFile{data: data, modTime: time.Now()}
	return true, nil
}

// Stat describes a file, or a directory that has files below it.
func (m *Memory) Stat(ctx context.Context, path string) (FileInfo, error) {
	p, err := cleanPath(path)
	if err != nil {
		return FileInfo{}, fmt.Errorf("stat %s: %w", path, err)
	}
	if p == "" {
		return FileInfo{IsDir: true}, nil
	}
	m.mu.RLock()
	defer m.mu.RUnlock()
	if f, ok := m.files[p]; ok {
		return FileInfo{Name: baseName(p), Size: int64(len(f.data)), ModTime: f.modTime}, nil
	}
	prefix := dirPrefix(p)
	for k := range m.files {
		if strings.HasPrefix(k, prefix) {
			return FileInfo{Name: baseName(p), IsDir: true}, nil
		}
	}
	return FileInfo{}, fmt.Errorf("stat %s: %w", p, ErrNotExist)
}

// Exists reports whether path exists as a file.
func (m *Memory) Exists(ctx context.Context, path string) (bool, error) {
	p, err := cleanPath(path)
	if err != nil {
		return false, fmt.Errorf("exists %s: %w", path, err)
	}
	_, ok := m.get(p)
	return ok, nil
}

// List returns the direct children of dir, sorted by name.
func (m *Memory) List(ctx context.Context, dir string) ([]FileInfo, error) {
	d, err := cleanPath(dir)
	if err != nil {
		return nil, fmt.Errorf("list %s: %w", dir, err)
	}
	prefix := dirPrefix(d)
	m.mu.RLock()
	defer m.mu.RUnlock()
	var out []FileInfo
	seenDir := make(map[string]bool)
	for k, f := range m.files {
		rest, ok := strings.CutPrefix(k, prefix)
		if !ok {
			continue
		}
		if name, _, isDir := strings.Cut(rest, "/"); isDir {
			if !seenDir[name] {
				seenDir[name] = true
				out = append(out, FileInfo{Name: name, IsDir: true})
			}
			continue
		}
		if rest == "" {
			continue // the directory's own marker (MkdirAll)
		}
		out = append(out, FileInfo{Name: rest, Size: int64(len(f.data)), ModTime: f.modTime})
	}
	sortInfos(out)
	return out, nil
}

// sortInfos sorts by name; a file sorts before a directory of the same name,
// which object stores allow.
func sortInfos(infos []FileInfo) {
	sort.Slice(infos, func(i, j int) bool {
		if infos[i].Name != infos[j].Name {
			return infos[i].Name < infos[j].Name
		}
		return !infos[i].IsDir && infos[j].IsDir
	})
}

// Delete removes a file; a missing file is not an error.
func (m *Memory) Delete(ctx context.Context, path string) error {
	p, err := cleanFilePath(path)
	if err != nil {
		return fmt.Errorf("delete %s: %w", path, err)
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.files, p)
	return nil
}

// DeleteAll removes dir (if it is a file) and every file below it.
func (m *Memory) DeleteAll(ctx context.Context, dir string) error {
	d, err := cleanPath(dir)
	if err != nil {
		return fmt.Errorf("delete all %s: %w", dir, err)
	}
	prefix := dirPrefix(d)
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.files, d)
	for k := range m.files {
		if strings.HasPrefix(k, prefix) {
			delete(m.files, k)
		}
	}
	return nil
}

// MkdirAll records dir with a marker entry so that it is listed while empty.
func (m *Memory) MkdirAll(ctx context.Context, dir string) error {
	d, err := cleanPath(dir)
	if err != nil {
		return fmt.Errorf("mkdir %s: %w", dir, err)
	}
	if d == "" {
		return nil
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.files[dirPrefix(d)] = memFile{modTime: time.Now()}
	return nil
}
