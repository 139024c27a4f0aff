package fileio

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"
)

// ErrInjected is the error a Fault returns when it names none.
var ErrInjected = errors.New("injected fault")

// Op names a kind of FileIO operation, for Faulty.
type Op string

// The operations Faulty counts and can fail. OpWrite is Writer.Write, OpCommit
// is Writer.Close, OpReadAt is File.ReadAt.
const (
	OpAny       Op = "any" // matches every operation in a Fault
	OpOpen      Op = "open"
	OpReadAt    Op = "read at"
	OpReadFile  Op = "read"
	OpCreate    Op = "create"
	OpWrite     Op = "write"
	OpCommit    Op = "commit"
	OpWriteFile Op = "write file"
	OpTryCreate Op = "create exclusive"
	OpStat      Op = "stat"
	OpExists    Op = "exists"
	OpList      Op = "list"
	OpDelete    Op = "delete"
	OpDeleteAll Op = "delete all"
)

// Fault describes operations that fail.
type Fault struct {
	// Op is the kind of operation, or OpAny.
	Op Op
	// Path selects operations by path; nil selects all.
	Path func(path string) bool
	// Nth, if positive, fails only the Nth selected operation (1-based, counted
	// from when the fault is injected), after which the fault is spent. Zero
	// fails every selected operation until Reset.
	Nth int
	// Err is the error returned, wrapped with the operation and path; nil
	// means ErrInjected.
	Err error
	// After performs the operation and then reports Err, as when the store
	// applied a write but the acknowledgement was lost. For Writer.Write and
	// reads it has no effect beyond the error.
	After bool
}

type fault struct {
	Fault
	seen int
}

// readFault changes what reads of matching paths return.
type readFault struct {
	match    func(path string) bool
	truncate int64 // reads see at most this many bytes; < 0: no truncation
	corrupt  int64 // the byte at this offset is inverted; < 0: none
}

// Faulty wraps a FileIO and injects failures, for testing how other packages
// cope with a failing store. Without injected faults it passes everything
// through. It is safe for concurrent use.
type Faulty struct {
	inner FileIO

	mu     sync.Mutex
	faults []*fault
	reads  []readFault
	counts map[Op]int
}

var _ FileIO = (*Faulty)(nil)

// NewFaulty wraps inner.
func NewFaulty(inner FileIO) *Faulty {
	return &Faulty{inner: inner, counts: make(map[Op]int)}
}

// Inject adds a fault.
func (f *Faulty) Inject(ft Fault) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.faults = append(f.faults, &fault{Fault: ft})
}

// FailNth makes the nth operation of kind op from now on fail with ErrInjected.
func (f *Faulty) FailNth(op Op, n int) {
	f.Inject(Fault{Op: op, Nth: n})
}

// FailPath makes every operation of kind op on paths that match fail with
// ErrInjected, until Reset.
func (f *Faulty) FailPath(op Op, match func(path string) bool) {
	f.Inject(Fault{Op: op, Path: match})
}

// TruncateReads makes ReadFile and Open on paths that match (nil: all) see only
// the first size bytes of the file.
func (f *Faulty) TruncateReads(match func(path string) bool, size int64) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.reads = append(f.reads, readFault{match: match, truncate: max(size, 0), corrupt: -1})
}

// CorruptReads makes ReadFile and Open on paths that match (nil: all) see the
// byte at offset inverted.
func (f *Faulty) CorruptReads(match func(path string) bool, offset int64) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.reads = append(f.reads, readFault{match: match, truncate: -1, corrupt: offset})
}

// Reset removes all faults and read changes; counts are kept.
func (f *Faulty) Reset() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.faults = nil
	f.reads = nil
}

// Count returns how many operations of kind op were attempted, failed or not.
func (f *Faulty) Count(op Op) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	if op == OpAny {
		n := 0
		for _, c := range f.counts {
			n += c
		}
		return n
	}
	return f.counts[op]
}

// check counts an operation and returns the fault that fails it, if any.
func (f *Faulty) check(op Op, path string) *Fault {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.counts[op]++
	var fired *Fault
	kept := f.faults[:0]
	for _, ft := range f.faults {
		if (ft.Op != OpAny && ft.Op != op) || (ft.Path != nil && !ft.Path(path)) {
			kept = append(kept, ft)
			continue
		}
		ft.seen++
		fires := ft.Nth <= 0 || ft.seen == ft.Nth
		if fires && fired == nil {
			out := ft.Fault
			fired = &out
		}
		if ft.Nth > 0 && ft.seen >= ft.Nth {
			continue // spent
		}
		kept = append(kept, ft)
	}
	clear(f.faults[len(kept):])
	f.faults = kept
	return fired
}

// err is the error a fault reports for op on path.
func (ft *Fault) err(op Op, path string) error {
	err := ft.Err
	if err == nil {
		err = ErrInjected
	}
	return fmt.Errorf("%s %s: %w", op, path, err)
}

// readFaults returns the read changes for path.
func (f *Faulty) readFaults(path string) []readFault {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []readFault
	for _, r := range f.reads {
		if r.match == nil || r.match(path) {
			out = append(out, r)
		}
	}
	return out
}

// Location returns the inner FileIO's location.
func (f *Faulty) Location() string { return f.inner.Location() }

// Open opens path; its File's ReadAt calls count as OpReadAt.
func (f *Faulty) Open(ctx context.Context, path string) (File, error) {
	ft := f.check(OpOpen, path)
	if ft != nil && !ft.After {
		return nil, ft.err(OpOpen, path)
	}
	file, err := f.inner.Open(ctx, path)
	if err != nil {
		return nil, err
	}
	if ft != nil {
		file.Close()
		return nil, ft.err(OpOpen, path)
	}
	ff := &faultyFile{f: f, inner: file, path: path, size: file.Size(), corrupt: -1}
	for _, r := range f.readFaults(path) {
		if r.truncate >= 0 {
			ff.size = min(ff.size, r.truncate)
		}
		if r.corrupt >= 0 {
			ff.corrupt = r.corrupt
		}
	}
	return ff, nil
}

type faultyFile struct {
	f       *Faulty
	inner   File
	path    string
	size    int64 // possibly truncated
	corrupt int64 // offset of the inverted byte, or -1
}

func (ff *faultyFile) Size() int64  { return ff.size }
func (ff *faultyFile) Close() error { return ff.inner.Close() }

func (ff *faultyFile) ReadAt(p []byte, off int64) (int, error) {
	if ft := ff.f.check(OpReadAt, ff.path); ft != nil {
		return 0, ft.err(OpReadAt, ff.path)
	}
	if off >= ff.size {
		return 0, io.EOF
	}
	short := false
	if int64(len(p)) > ff.size-off {
		p = p[:ff.size-off]
		short = true
	}
	n, err := ff.inner.ReadAt(p, off)
	if ff.corrupt >= off && ff.corrupt < off+int64(n) {
		p[ff.corrupt-off] ^= 0xff
	}
	if err == nil && short {
		err = io.EOF
	}
	return n, err
}

// ReadFile reads path, applying truncation and corruption.
func (f *Faulty) ReadFile(ctx context.Context, path string) ([]byte, error) {
	ft := f.check(OpReadFile, path)
	if ft != nil && !ft.After {
		return nil, ft.err(OpReadFile, path)
	}
	data, err := f.inner.ReadFile(ctx, path)
	if err != nil {
		return nil, err
	}
	if ft != nil {
		return nil, ft.err(OpReadFile, path)
	}
	for _, r := range f.readFaults(path) {
		if r.truncate >= 0 && r.truncate < int64(len(data)) {
			data = data[:r.truncate]
		}
		if r.corrupt >= 0 && r.corrupt < int64(len(data)) {
			data[r.corrupt] ^= 0xff
		}
	}
	return data, nil
}

// Create starts writing path. A fault on OpCommit aborts the inner writer, so
// the file does not appear, unless the fault has After set.
func (f *Faulty) Create(ctx context.Context, path string) (Writer, error) {
	ft := f.check(OpCreate, path)
	if ft != nil && !ft.After {
		return nil, ft.err(OpCreate, path)
	}
	w, err := f.inner.Create(ctx, path)
	if err != nil {
		return nil, err
	}
	if ft != nil {
		w.Abort()
		return nil, ft.err(OpCreate, path)
	}
	return &faultyWriter{f: f, inner: w, path: path}, nil
}

type faultyWriter struct {
	f     *Faulty
	inner Writer
	path  string
}

func (w *faultyWriter) Write(p []byte) (int, error) {
	if ft := w.f.check(OpWrite, w.path); ft != nil {
		return 0, ft.err(OpWrite, w.path)
	}
	return w.inner.Write(p)
}

func (w *faultyWriter) Close() error {
	ft := w.f.check(OpCommit, w.path)
	if ft == nil {
		return w.inner.Close()
	}
	if ft.After {
		if err := w.inner.Close(); err != nil {
			return err
		}
	} else {
		w.inner.Abort()
	}
	return ft.err(OpCommit, w.path)
}

func (w *faultyWriter) Abort() error { return w.inner.Abort() }

// WriteFile writes path.
func (f *Faulty) WriteFile(ctx context.Context, path string, data []byte) error {
	return f.do(OpWriteFile, path, func() error { return f.inner.WriteFile(ctx, path, data) })
}

// TryCreateExclusive creates path. A fault with After set reports an error
// although the file may have been created: the ambiguous commit.
func (f *Faulty) TryCreateExclusive(ctx context.Context, path string, data []byte) (bool, error) {
	var created bool
	err := f.do(OpTryCreate, path, func() error {
		var err error
		created, err = f.inner.TryCreateExclusive(ctx, path, data)
		return err
	})
	if err != nil {
		return false, err
	}
	return created, nil
}

// Stat describes path.
func (f *Faulty) Stat(ctx context.Context, path string) (FileInfo, error) {
	var info FileInfo
	err := f.do(OpStat, path, func() error {
		var err error
		info, err = f.inner.Stat(ctx, path)
		return err
	})
	return info, err
}

// Exists reports whether path exists as a file.
func (f *Faulty) Exists(ctx context.Context, path string) (bool, error) {
	var ok bool
	err := f.do(OpExists, path, func() error {
		var err error
		ok, err = f.inner.Exists(ctx, path)
		return err
	})
	return ok && err == nil, err
}

// List lists dir.
func (f *Faulty) List(ctx context.Context, dir string) ([]FileInfo, error) {
	var infos []FileInfo
	err := f.do(OpList, dir, func() error {
		var err error
		infos, err = f.inner.List(ctx, dir)
		return err
	})
	if err != nil {
		return nil, err
	}
	return infos, nil
}

// Delete removes path.
func (f *Faulty) Delete(ctx context.Context, path string) error {
	return f.do(OpDelete, path, func() error { return f.inner.Delete(ctx, path) })
}

// DeleteAll removes dir and everything below it.
func (f *Faulty) DeleteAll(ctx context.Context, dir string) error {
	return f.do(OpDeleteAll, dir, func() error { return f.inner.DeleteAll(ctx, dir) })
}

// do runs fn unless a fault fails op on path first; a fault with After runs fn
// and then fails.
func (f *Faulty) do(op Op, path string, fn func() error) error {
	ft := f.check(op, path)
	if ft != nil && !ft.After {
		return ft.err(op, path)
	}
	if err := fn(); err != nil {
		return err
	}
	if ft != nil {
		return ft.err(op, path)
	}
	return nil
}

// MkdirAll passes through; faults for OpCreate apply to it.
func (f *Faulty) MkdirAll(ctx context.Context, dir string) error {
	return f.do(OpCreate, dir, func() error { return f.inner.MkdirAll(ctx, dir) })
}
