package fileio

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"testing"
)

// testConformance checks the FileIO contract on fs. Every subtest works below
// its own directory, so fs may start with unrelated content.
func testConformance(t *testing.T, fs FileIO) {
	ctx := context.Background()
	for _, tc := range conformanceCases {
		t.Run(tc.name, func(t *testing.T) {
			tc.run(ctx, t, fs, strings.ReplaceAll(tc.name, " ", "-"))
		})
	}
}

var conformanceCases = []struct {
	name string
	run  func(ctx context.Context, t *testing.T, fs FileIO, dir string)
}{
	{"write read", testWriteRead},
	{"open read at", testOpenReadAt},
	{"create writer", testCreateWriter},
	{"overwrite", testOverwrite},
	{"missing", testMissing},
	{"list", testList},
	{"stat", testStat},
	{"delete", testDelete},
	{"try create exclusive", testTryCreateExclusive},
	{"race try create exclusive", testRaceTryCreateExclusive},
	{"atomic replace", testAtomicReplace},
	{"invalid paths", testInvalidPaths},
	{"mkdir all", testMkdirAll},
}

func mustWrite(ctx context.Context, t *testing.T, fs FileIO, path string, data []byte) {
	t.Helper()
	if err := fs.WriteFile(ctx, path, data); err != nil {
		t.Fatalf("WriteFile(%q): %v", path, err)
	}
}

func mustRead(ctx context.Context, t *testing.T, fs FileIO, path string) []byte {
	t.Helper()
	data, err := fs.ReadFile(ctx, path)
	if err != nil {
		t.Fatalf("ReadFile(%q): %v", path, err)
	}
	return data
}

func mustExist(ctx context.Context, t *testing.T, fs FileIO, path string, want bool) {
	t.Helper()
	got, err := fs.Exists(ctx, path)
	if err != nil {
		t.Fatalf("Exists(%q): %v", path, err)
	}
	if got != want {
		t.Fatalf("Exists(%q) = %v, want %v", path, got, want)
	}
}

func testWriteRead(ctx context.Context, t *testing.T, fs FileIO, dir string) {
	for _, tc := range []struct {
		path string
		data []byte
	}{
		{dir + "/a.txt", []byte("hello")},
		{dir + "/deep/er/b.bin", bytes.Repeat([]byte{0, 1, 2, 255}, 1000)},
		{dir + "/empty", []byte{}},
		{"./" + dir + "/x/../c.json", []byte(`{"k":1}`)}, // cleaned to dir/c.json
	} {
		mustWrite(ctx, t, fs, tc.path, tc.data)
		if got := mustRead(ctx, t, fs, tc.path); !bytes.Equal(got, tc.data) {
			t.Errorf("ReadFile(%q) = %d bytes, want %d", tc.path, len(got), len(tc.data))
		}
		mustExist(ctx, t, fs, tc.path, true)
	}
	if got := mustRead(ctx, t, fs, dir+"/c.json"); string(got) != `{"k":1}` {
		t.Errorf("ReadFile(c.json) = %q", got)
	}
	// The caller's slice is not retained.
	data := []byte("mutable")
	mustWrite(ctx, t, fs, dir+"/m", data)
	data[0] = 'X'
	if got := mustRead(ctx, t, fs, dir+"/m"); string(got) != "mutable" {
		t.Errorf("WriteFile retained the caller's slice: read %q", got)
	}
	got := mustRead(ctx, t, fs, dir+"/m")
	got[0] = 'Y'
	if got := mustRead(ctx, t, fs, dir+"/m"); string(got) != "mutable" {
		t.Errorf("ReadFile returned shared storage: read %q", got)
	}
}

func testOpenReadAt(ctx context.Context, t *testing.T, fs FileIO, dir string) {
	data := []byte("0123456789abcdefghij")
	mustWrite(ctx, t, fs, dir+"/f", data)
	f, err := fs.Open(ctx, dir+"/f")
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer f.Close()
	if f.Size() != int64(len(data)) {
		t.Fatalf("Size = %d, want %d", f.Size(), len(data))
	}
	for _, tc := range []struct {
		off     int64
		n       int
		want    string
		wantEOF bool
	}{
		{0, 5, "01234", false},
		{10, 10, "abcdefghij", false},
		{15, 10, "fghij", true}, // short read at the end
		{20, 4, "", true},       // at the end
		{25, 4, "", true},       // past the end
		{3, 0, "", false},
	} {
		p := make([]byte, tc.n)
		n, err := f.ReadAt(p, tc.off)
		if got := string(p[:n]); got != tc.want {
			t.Errorf("ReadAt(%d, off %d) = %q, want %q", tc.n, tc.off, got, tc.want)
		}
		if tc.wantEOF && err != io.EOF {
			t.Errorf("ReadAt(%d, off %d): err = %v, want io.EOF", tc.n, tc.off, err)
		}
		if !tc.wantEOF && err != nil {
			t.Errorf("ReadAt(%d, off %d): %v", tc.n, tc.off, err)
		}
	}
	// Concurrent ReadAt on one File.
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			p := make([]byte, 2)
			if _, err := f.ReadAt(p, int64(i)); err != nil || string(p) != string(data[i:i+2]) {
				t.Errorf("concurrent ReadAt(off %d) = %q, %v", i, p, err)
			}
		})
	}
	wg.Wait()
}

func testCreateWriter(ctx context.Context, t *testing.T, fs FileIO, dir string) {
	w, err := fs.Create(ctx, dir+"/sub/w")
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	for _, part := range []string{"part1,", "part2,", "part3"} {
		if _, err := io.WriteString(w, part); err != nil {
			t.Fatalf("Write: %v", err)
		}
	}
	mustExist(ctx, t, fs, dir+"/sub/w", false) // not visible before Close
	if err := w.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if got := mustRead(ctx, t, fs, dir+"/sub/w"); string(got) != "part1,part2,part3" {
		t.Errorf("after Close read %q", got)
	}
	if _, err := w.Write([]byte("late")); err == nil {
		t.Errorf("Write after Close succeeded")
	}

	// Abort leaves nothing behind, and leaves an existing file alone.
	for _, existing := range []bool{false, true} {
		path := fmt.Sprintf("%s/aborted-%v", dir, existing)
		if existing {
			mustWrite(ctx, t, fs, path, []byte("old"))
		}
		w, err := fs.Create(ctx, path)
		if err != nil {
			t.Fatalf("Create: %v", err)
		}
		io.WriteString(w, "new content")
		if err := w.Abort(); err != nil {
			t.Fatalf("Abort: %v", err)
		}
		mustExist(ctx, t, fs, path, existing)
		if existing {
			if got := mustRead(ctx, t, fs, path); string(got) != "old" {
				t.Errorf("after Abort read %q, want old", got)
			}
		}
	}
	infos, err := fs.List(ctx, dir)
	if err != nil {
		t.Fatalf("List: %v", err)
	}
	if got, want := names(infos), "aborted-true,sub/"; got != want {
		t.Errorf("List after Abort = %s, want %s (no temporary files)", got, want)
	}
}

func testOverwrite(ctx context.Context, t *testing.T, fs FileIO, dir string) {
	path := dir + "/f"
	mustWrite(ctx, t, fs, path, []byte("first version, long"))
	mustWrite(ctx, t, fs, path, []byte("second"))
	if got := mustRead(ctx, t, fs, path); string(got) != "second" {
		t.Errorf("after WriteFile overwrite read %q", got)
	}
	w, err := fs.Create(ctx, path)
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	io.WriteString(w, "third")
	if err := w.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if got := mustRead(ctx, t, fs, path); string(got) != "third" {
		t.Errorf("after Create overwrite read %q", got)
	}
	info, err := fs.Stat(ctx, path)
	if err != nil || info.Size != 5 {
		t.Errorf("Stat = %+v, %v; want size 5", info, err)
	}
}

func testMissing(ctx context.Context, t *testing.T, fs FileIO, dir string) {
	mustWrite(ctx, t, fs, dir+"/present", []byte("x"))
	for _, path := range []string{dir + "/nope", dir + "/no/such/dir/file"} {
		if _, err := fs.ReadFile(ctx, path); !IsNotExist(err) {
			t.Errorf("ReadFile(%q): err = %v, want IsNotExist", path, err)
		} else if !strings.Contains(err.Error(), path) {
			t.Errorf("ReadFile(%q): error %q does not name the path", path, err)
		}
		if _, err := fs.Open(ctx, path); !IsNotExist(err) {
			t.Errorf("Open(%q): err = %v, want IsNotExist", path, err)
		}
		if _, err := fs.Stat(ctx, path); !IsNotExist(err) {
			t.Errorf("Stat(%q): err = %v, want IsNotExist", path, err)
		}
		mustExist(ctx, t, fs, path, false)
		if err := fs.Delete(ctx, path); err != nil {
			t.Errorf("Delete(%q): %v", path, err)
		}
		if err := fs.DeleteAll(ctx, path); err != nil {
			t.Errorf("DeleteAll(%q): %v", path, err)
		}
		infos, err := fs.List(ctx, path)
		if err != nil || len(infos) != 0 {
			t.Errorf("List(%q) = %v, %v; want empty, nil", path, infos, err)
		}
	}
	// A file below a file does not exist either.
	if _, err := fs.ReadFile(ctx, dir+"/present/child"); err == nil {
		t.Errorf("ReadFile(present/child) succeeded")
	}
	mustExist(ctx, t, fs, dir+"/present/child", false)
}

// names renders infos as "a,b/,c", with a slash after directories.
func names(infos []FileInfo) string {
	var s []string
	for _, fi := range infos {
		if fi.IsDir {
			s = append(s, fi.Name+"/")
		} else {
			s = append(s, fi.Name)
		}
	}
	return strings.Join(s, ",")
}

func testList(ctx context.Context, t *testing.T, fs FileIO, dir string) {
	files := map[string]string{
		"b":              "bb",
		"a":              "a",
		"c-1":            "ccc",
		"sub/x":          "x",
		"sub/y":          "y",
		"sub/deep/z":     "z",
		"sub2/deep/er/w": "w",
	}
	for p, data := range files {
		mustWrite(ctx, t, fs, dir+"/"+p, []byte(data))
	}
	for _, tc := range []struct {
		dir  string
		want string
	}{
		{dir, "a,b,c-1,sub/,sub2/"},
		{dir + "/", "a,b,c-1,sub/,sub2/"},
		{dir + "/sub", "deep/,x,y"},
		{dir + "/sub2", "deep/"},
		{dir + "/sub2/deep/er", "w"},
		{dir + "/missing", ""},
	} {
		infos, err := fs.List(ctx, tc.dir)
		if err != nil {
			t.Fatalf("List(%q): %v", tc.dir, err)
		}
		if got := names(infos); got != tc.want {
			t.Errorf("List(%q) = %s, want %s", tc.dir, got, tc.want)
		}
		for _, fi := range infos {
			if strings.Contains(fi.Name, "/") {
				t.Errorf("List(%q): name %q has a slash", tc.dir, fi.Name)
			}
			if data, ok := files[strings.TrimPrefix(strings.TrimPrefix(tc.dir, dir), "/")+"/"+fi.Name]; ok && !fi.IsDir && fi.Size != int64(len(data)) {
				t.Errorf("List(%q): %s size %d, want %d", tc.dir, fi.Name, fi.Size, len(data))
			}
		}
	}
	top, err := fs.List(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, fi := range top {
		if fi.Name == "c-1" && (fi.Size != 3 || fi.ModTime.IsZero()) {
			t.Errorf("List: c-1 = %+v, want size 3 and a mod time", fi)
		}
	}
	root, err := fs.List(ctx, "")
	if err != nil {
		t.Fatalf("List(root): %v", err)
	}
	if !strings.Contains(","+names(root)+",", ","+dir+"/,") {
		t.Errorf("List(root) = %s, want it to contain %s/", names(root), dir)
	}
}

func testStat(ctx context.Context, t *testing.T, fs FileIO, dir string) {
	mustWrite(ctx, t, fs, dir+"/d/f.txt", []byte("12345"))
	for _, tc := range []struct {
		path string
		want FileInfo
	}{
		{dir + "/d/f.txt", FileInfo{Name: "f.txt", Size: 5}},
		{dir + "/d", FileInfo{Name: "d", IsDir: true}},
		{dir + "/d/", FileInfo{Name: "d", IsDir: true}},
	} {
		got, err := fs.Stat(ctx, tc.path)
		if err != nil {
			t.Fatalf("Stat(%q): %v", tc.path, err)
		}
		if got.Name != tc.want.Name || got.IsDir != tc.want.IsDir || (!got.IsDir && got.Size != tc.want.Size) {
			t.Errorf("Stat(%q) = %+v, want %+v", tc.path, got, tc.want)
		}
		if !got.IsDir && got.ModTime.IsZero() {
			t.Errorf("Stat(%q): zero ModTime", tc.path)
		}
	}
	mustExist(ctx, t, fs, dir+"/d", false) // a directory is not a file
}

func testDelete(ctx context.Context, t *testing.T, fs FileIO, dir string) {
	for _, p := range []string{"keep", "f", "tree/a", "tree/b/c", "tree/b/d/e", "treehouse"} {
		mustWrite(ctx, t, fs, dir+"/"+p, []byte(p))
	}
	if err := fs.Delete(ctx, dir+"/f"); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	mustExist(ctx, t, fs, dir+"/f", false)
	if _, err := fs.ReadFile(ctx, dir+"/f"); !IsNotExist(err) {
		t.Errorf("ReadFile after Delete: err = %v, want IsNotExist", err)
	}
	if err := fs.DeleteAll(ctx, dir+"/tree"); err != nil {
		t.Fatalf("DeleteAll: %v", err)
	}
	infos, err := fs.List(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := names(infos), "keep,treehouse"; got != want {
		t.Errorf("after DeleteAll List = %s, want %s", got, want)
	}
	if _, err := fs.Stat(ctx, dir+"/tree"); !IsNotExist(err) {
		t.Errorf("Stat(tree) after DeleteAll: err = %v, want IsNotExist", err)
	}
}

func testTryCreateExclusive(ctx context.Context, t *testing.T, fs FileIO, dir string) {
	path := dir + "/snapshot/snapshot-1"
	for i, tc := range []struct {
		data    string
		created bool
	}{
		{"first", true},
		{"second", false},
		{"", false},
	} {
		created, err := fs.TryCreateExclusive(ctx, path, []byte(tc.data))
		if err != nil {
			t.Fatalf("TryCreateExclusive #%d: %v", i, err)
		}
		if created != tc.created {
			t.Errorf("TryCreateExclusive #%d = %v, want %v", i, created, tc.created)
		}
		if got := mustRead(ctx, t, fs, path); string(got) != "first" {
			t.Errorf("after TryCreateExclusive #%d read %q, want first", i, got)
		}
	}
	// A file written by WriteFile counts as existing.
	mustWrite(ctx, t, fs, dir+"/w", []byte("w"))
	if created, err := fs.TryCreateExclusive(ctx, dir+"/w", []byte("x")); err != nil || created {
		t.Errorf("TryCreateExclusive over WriteFile = %v, %v; want false, nil", created, err)
	}
	// After a delete the path can be created again.
	if err := fs.Delete(ctx, path); err != nil {
		t.Fatal(err)
	}
	if created, err := fs.TryCreateExclusive(ctx, path, []byte("again")); err != nil || !created {
		t.Errorf("TryCreateExclusive after Delete = %v, %v; want true, nil", created, err)
	}
	infos, err := fs.List(ctx, dir+"/snapshot")
	if err != nil {
		t.Fatal(err)
	}
	if got := names(infos); got != "snapshot-1" {
		t.Errorf("List = %s, want only snapshot-1 (no temporary files)", got)
	}
}

func testRaceTryCreateExclusive(ctx context.Context, t *testing.T, fs FileIO, dir string) {
	const racers = 16
	for round := range 3 {
		path := fmt.Sprintf("%s/snapshot-%d", dir, round)
		start := make(chan struct{})
		won := make([]bool, racers)
		var wg sync.WaitGroup
		for i := range racers {
			wg.Go(func() {
				<-start
				data := bytes.Repeat([]byte(fmt.Sprintf("writer-%02d;", i)), 100*(i+1))
				created, err := fs.TryCreateExclusive(ctx, path, data)
				if err != nil {
					t.Errorf("racer %d: %v", i, err)
				}
				won[i] = created
			})
		}
		close(start)
		wg.Wait()
		winner := -1
		for i, w := range won {
			if !w {
				continue
			}
			if winner >= 0 {
				t.Fatalf("round %d: racers %d and %d both won", round, winner, i)
			}
			winner = i
		}
		if winner < 0 {
			t.Fatalf("round %d: no racer won", round)
		}
		want := bytes.Repeat([]byte(fmt.Sprintf("writer-%02d;", winner)), 100*(winner+1))
		if got := mustRead(ctx, t, fs, path); !bytes.Equal(got, want) {
			t.Fatalf("round %d: content is %d bytes starting %q, want winner %d's %d bytes", round, len(got), got[:min(len(got), 12)], winner, len(want))
		}
	}
}

// testAtomicReplace checks that readers racing WriteFile see the old or the new
// content, never a mix or a partial file.
func testAtomicReplace(ctx context.Context, t *testing.T, fs FileIO, dir string) {
	path := dir + "/f"
	versions := [][]byte{bytes.Repeat([]byte("A"), 64<<10), bytes.Repeat([]byte("B"), 32<<10)}
	mustWrite(ctx, t, fs, path, versions[0])
	var wg sync.WaitGroup
	wg.Go(func() {
		for i := range 20 {
			if err := fs.WriteFile(ctx, path, versions[i%2]); err != nil {
				t.Errorf("WriteFile: %v", err)
				return
			}
		}
	})
	for range 2 {
		wg.Go(func() {
			for range 20 {
				got, err := fs.ReadFile(ctx, path)
				if err != nil {
					t.Errorf("ReadFile: %v", err)
					return
				}
				if !bytes.Equal(got, versions[0]) && !bytes.Equal(got, versions[1]) {
					t.Errorf("ReadFile saw a torn file of %d bytes", len(got))
					return
				}
			}
		})
	}
	wg.Wait()
}

func testInvalidPaths(ctx context.Context, t *testing.T, fs FileIO, dir string) {
	for _, path := range []string{"..", "../x", dir + "/../../x", "/etc/passwd", "a\x00b"} {
		errs := map[string]error{}
		errs["WriteFile"] = fs.WriteFile(ctx, path, []byte("x"))
		_, errs["ReadFile"] = fs.ReadFile(ctx, path)
		_, errs["Open"] = fs.Open(ctx, path)
		_, errs["Create"] = fs.Create(ctx, path)
		_, errs["TryCreateExclusive"] = fs.TryCreateExclusive(ctx, path, []byte("x"))
		_, errs["Stat"] = fs.Stat(ctx, path)
		_, errs["Exists"] = fs.Exists(ctx, path)
		_, errs["List"] = fs.List(ctx, path)
		errs["Delete"] = fs.Delete(ctx, path)
		errs["DeleteAll"] = fs.DeleteAll(ctx, path)
		for op, err := range errs {
			if err == nil {
				t.Errorf("%s(%q) succeeded, want an error", op, path)
				continue
			}
			if !errors.Is(err, errInvalidPath) || IsNotExist(err) {
				t.Errorf("%s(%q): err = %v, want an invalid-path error", op, path, err)
			}
			if !strings.Contains(err.Error(), fmt.Sprintf("%q", path)) {
				t.Errorf("%s(%q): error %q does not name the path", op, path, err)
			}
		}
	}
	// The root is not a file.
	if err := fs.WriteFile(ctx, "", []byte("x")); !errors.Is(err, errInvalidPath) {
		t.Errorf("WriteFile(root): err = %v, want an invalid-path error", err)
	}
	if _, err := fs.ReadFile(ctx, "."); !errors.Is(err, errInvalidPath) {
		t.Errorf("ReadFile(.): err = %v, want an invalid-path error", err)
	}
}

func testMkdirAll(ctx context.Context, t *testing.T, fs FileIO, dir string) {
	if err := fs.MkdirAll(ctx, dir+"/a.db"); err != nil {
		t.Fatal(err)
	}
	infos, err := fs.List(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(infos) != 1 || infos[0].Name != "a.db" || !infos[0].IsDir {
		t.Fatalf("after MkdirAll, List(%s) = %+v, want one directory a.db", dir, infos)
	}
	inner, err := fs.List(ctx, dir+"/a.db")
	if err != nil || len(inner) != 0 {
		t.Fatalf("List of the empty directory = %+v, %v", inner, err)
	}
	mustWrite(ctx, t, fs, dir+"/a.db/t/f", []byte("x"))
	if err := fs.MkdirAll(ctx, dir+"/a.db"); err != nil {
		t.Fatalf("MkdirAll of an existing directory: %v", err)
	}
	if err := fs.DeleteAll(ctx, dir+"/a.db"); err != nil {
		t.Fatal(err)
	}
	if infos, _ := fs.List(ctx, dir); len(infos) != 0 {
		t.Fatalf("after DeleteAll, List = %+v", infos)
	}
}
