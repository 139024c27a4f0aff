package fileio

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// Opening and reading a missing root must not create it; the first write does.
func TestLocalMissingRootIsNotCreated(t *testing.T) {
	root := filepath.Join(t.TempDir(), "typo", "warehouse")
	fs, err := NewLocal(root)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if infos, err := fs.List(ctx, ""); err != nil || len(infos) != 0 {
		t.Fatalf("List of a missing root = %v, %v", infos, err)
	}
	if _, err := os.Stat(root); !os.IsNotExist(err) {
		t.Fatalf("a read created the root: %v", err)
	}
	if err := fs.WriteFile(ctx, "db.db/t/x", []byte("1")); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "db.db", "t", "x")); err != nil {
		t.Fatal(err)
	}
	f := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(f, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := NewLocal(f); err == nil {
		t.Fatal("a file accepted as a root directory")
	}
}
