package fileio

import (
	"context"
	"errors"
	"io"
	"strings"
	"testing"
)

func TestFaultyNth(t *testing.T) {
	ctx := context.Background()
	f := NewFaulty(NewMemory())
	f.FailNth(OpWriteFile, 2)
	var errs []bool
	for range 4 {
		errs = append(errs, f.WriteFile(ctx, "x", []byte("x")) != nil)
	}
	if want := []bool{false, true, false, false}; !equalBools(errs, want) {
		t.Errorf("WriteFile failures = %v, want %v", errs, want)
	}
	if got := f.Count(OpWriteFile); got != 4 {
		t.Errorf("Count(OpWriteFile) = %d, want 4", got)
	}
}

func equalBools(a, b []bool) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestFaultyPathAndError(t *testing.T) {
	ctx := context.Background()
	f := NewFaulty(NewMemory())
	errDisk := errors.New("disk on fire")
	f.Inject(Fault{Op: OpAny, Path: func(p string) bool { return strings.HasPrefix(p, "manifest/") }, Err: errDisk})
	for _, tc := range []struct {
		name string
		call func() error
		fail bool
	}{
		{"write data", func() error { return f.WriteFile(ctx, "data/a", []byte("a")) }, false},
		{"write manifest", func() error { return f.WriteFile(ctx, "manifest/m", []byte("m")) }, true},
		{"stat manifest", func() error { _, err := f.Stat(ctx, "manifest/m"); return err }, true},
		{"list manifest", func() error { _, err := f.List(ctx, "manifest/"); return err }, true},
		{"read data", func() error { _, err := f.ReadFile(ctx, "data/a"); return err }, false},
	} {
		err := tc.call()
		if (err != nil) != tc.fail {
			t.Errorf("%s: err = %v, want failure %v", tc.name, err, tc.fail)
		}
		if tc.fail && (!errors.Is(err, errDisk) || !strings.Contains(err.Error(), "manifest/")) {
			t.Errorf("%s: err = %v, want errDisk naming the path", tc.name, err)
		}
	}
	f.Reset()
	if err := f.WriteFile(ctx, "manifest/m", []byte("m")); err != nil {
		t.Errorf("after Reset: %v", err)
	}
}

func TestFaultyCommit(t *testing.T) {
	ctx := context.Background()
	mem := NewMemory()
	f := NewFaulty(mem)

	// A failed commit leaves no file.
	f.FailNth(OpCommit, 1)
	w, err := f.Create(ctx, "a")
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(w, "data")
	if err := w.Close(); !errors.Is(err, ErrInjected) {
		t.Fatalf("Close: err = %v, want ErrInjected", err)
	}
	mustExist(ctx, t, mem, "a", false)

	// A lost acknowledgement: the snapshot is committed but the caller sees an
	// error.
	f.Inject(Fault{Op: OpTryCreate, Nth: 1, After: true})
	created, err := f.TryCreateExclusive(ctx, "snapshot-1", []byte("s"))
	if !errors.Is(err, ErrInjected) || created {
		t.Fatalf("TryCreateExclusive = %v, %v; want false, ErrInjected", created, err)
	}
	mustExist(ctx, t, mem, "snapshot-1", true)
	if created, err := f.TryCreateExclusive(ctx, "snapshot-1", []byte("s")); err != nil || created {
		t.Fatalf("retry = %v, %v; want false, nil", created, err)
	}
}

func TestFaultyReads(t *testing.T) {
	ctx := context.Background()
	mem := NewMemory()
	mustWrite(ctx, t, mem, "f", []byte("0123456789"))
	mustWrite(ctx, t, mem, "g", []byte("0123456789"))
	f := NewFaulty(mem)
	isF := func(p string) bool { return p == "f" }
	f.TruncateReads(isF, 4)
	f.CorruptReads(isF, 2)

	if got := mustRead(ctx, t, f, "f"); string(got) != "01\xcd3" {
		t.Errorf("ReadFile(f) = %q, want truncated and corrupted", got)
	}
	if got := mustRead(ctx, t, f, "g"); string(got) != "0123456789" {
		t.Errorf("ReadFile(g) = %q, want untouched", got)
	}
	if got := mustRead(ctx, t, mem, "f"); string(got) != "0123456789" {
		t.Errorf("stored file changed: %q", got)
	}
	file, err := f.Open(ctx, "f")
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	if file.Size() != 4 {
		t.Errorf("Size = %d, want 4", file.Size())
	}
	p := make([]byte, 8)
	n, err := file.ReadAt(p, 1)
	if string(p[:n]) != "1\xcd3" || err != io.EOF {
		t.Errorf("ReadAt = %q, %v; want truncated and corrupted, io.EOF", p[:n], err)
	}
	f.FailNth(OpReadAt, 1)
	if _, err := file.ReadAt(p[:1], 0); !errors.Is(err, ErrInjected) {
		t.Errorf("ReadAt: err = %v, want ErrInjected", err)
	}
}
