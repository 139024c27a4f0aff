package fileio

import (
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/weir-data/weir/fileio/s3fake"
	"gocloud.dev/blob/memblob"
)

func TestLocalConformance(t *testing.T) {
	fs, err := NewLocal(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	testConformance(t, fs)
}

func TestMemoryConformance(t *testing.T) {
	testConformance(t, NewMemory())
}

func TestBlobMemblobConformance(t *testing.T) {
	b := OpenBucket(context.Background(), memblob.OpenBucket(nil), "memblob://")
	defer b.Close()
	testConformance(t, b)
}

func TestBlobS3Conformance(t *testing.T) {
	for _, prefix := range []string{"", "/warehouse/prod"} {
		t.Run("prefix="+prefix, func(t *testing.T) {
			srv := newFakeS3(t)
			fs, err := Open(context.Background(), srv.uri(prefix))
			if err != nil {
				t.Fatalf("Open: %v", err)
			}
			defer fs.(io.Closer).Close()
			if _, ok := fs.(*Blob); !ok {
				t.Fatalf("Open gave %T, want *Blob", fs)
			}
			testConformance(t, fs)
		})
	}
}

func TestFaultyConformance(t *testing.T) {
	testConformance(t, NewFaulty(NewMemory()))
}

// fakeS3 wraps s3fake for this package's tests.
type fakeS3 struct{ *s3fake.Server }

const fakeBucket = s3fake.Bucket

func newFakeS3(t *testing.T) *fakeS3 { return &fakeS3{s3fake.Start(t)} }

func (f *fakeS3) uri(prefix string) string { return f.URI(prefix) }

func (f *fakeS3) keys(t *testing.T) []string { return f.Keys(t) }

// TestFakeS3IfNoneMatch checks, below gocloud, that gofakes3 answers a PUT with
// "If-None-Match: *" on an existing key with 412 Precondition Failed and leaves
// the object alone; TryCreateExclusive on S3 relies on that.
func TestFakeS3IfNoneMatch(t *testing.T) {
	srv := newFakeS3(t)
	put := func(body string) (int, string) {
		req, err := http.NewRequest(http.MethodPut, srv.HTTP.URL+"/"+fakeBucket+"/k", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("If-None-Match", "*")
		resp, err := srv.HTTP.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	if code, body := put("one"); code != http.StatusOK {
		t.Fatalf("first conditional PUT: %d %s", code, body)
	}
	code, body := put("two")
	if code != http.StatusPreconditionFailed || !strings.Contains(body, "PreconditionFailed") {
		t.Fatalf("second conditional PUT: %d %s; want 412 PreconditionFailed", code, body)
	}
	obj, err := srv.Backend.GetObject(fakeBucket, "k", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer obj.Contents.Close()
	if got, _ := io.ReadAll(obj.Contents); string(got) != "one" {
		t.Fatalf("object after rejected PUT = %q, want one", got)
	}
}

func TestBlobS3Prefix(t *testing.T) {
	ctx := context.Background()
	srv := newFakeS3(t)
	fs, err := Open(ctx, srv.uri("/warehouse/prod/"))
	if err != nil {
		t.Fatal(err)
	}
	defer fs.(io.Closer).Close()
	mustWrite(ctx, t, fs, "db/t/snapshot/snapshot-1", []byte("{}"))
	if created, err := fs.TryCreateExclusive(ctx, "db/t/snapshot/snapshot-2", []byte("{}")); err != nil || !created {
		t.Fatalf("TryCreateExclusive = %v, %v", created, err)
	}
	got := strings.Join(srv.keys(t), ",")
	want := "warehouse/prod/db/t/snapshot/snapshot-1,warehouse/prod/db/t/snapshot/snapshot-2"
	if got != want {
		t.Errorf("bucket keys = %s, want %s", got, want)
	}
	// An object written beside the prefix is invisible through it.
	other, err := Open(ctx, srv.uri("/warehouse"))
	if err != nil {
		t.Fatal(err)
	}
	defer other.(io.Closer).Close()
	mustWrite(ctx, t, other, "prod-old/x", []byte("x"))
	infos, err := fs.List(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	if got := names(infos); got != "db/" {
		t.Errorf("List(root) = %s, want db/", got)
	}
	infos, err = other.List(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	if got := names(infos); got != "prod/,prod-old/" {
		t.Errorf("List(root) of the parent = %s, want prod/,prod-old/", got)
	}
	if fs.Location() != srv.uri("/warehouse/prod/") {
		t.Errorf("Location = %q", fs.Location())
	}
}

// TestBlobS3DirectoryMarker checks that a zero-byte "dir/" object, as S3
// consoles create, is neither listed as a child of itself nor breaks Stat.
func TestBlobS3DirectoryMarker(t *testing.T) {
	ctx := context.Background()
	srv := newFakeS3(t)
	if _, err := srv.Backend.PutObject(fakeBucket, "d/", nil, strings.NewReader(""), 0, nil); err != nil {
		t.Fatal(err)
	}
	fs, err := Open(ctx, srv.uri(""))
	if err != nil {
		t.Fatal(err)
	}
	defer fs.(io.Closer).Close()
	mustWrite(ctx, t, fs, "d/f", []byte("f"))
	infos, err := fs.List(ctx, "d")
	if err != nil {
		t.Fatal(err)
	}
	if got := names(infos); got != "f" {
		t.Errorf("List(d) = %s, want f", got)
	}
	if info, err := fs.Stat(ctx, "d"); err != nil || !info.IsDir {
		t.Errorf("Stat(d) = %+v, %v; want a directory", info, err)
	}
}

func TestOpen(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	for _, tc := range []struct {
		uri     string
		want    string // type name, or "" for an error
		wantErr string
	}{
		{dir, "*fileio.Local", ""},
		{"file://" + dir, "*fileio.Local", ""},
		{"file://localhost" + dir, "*fileio.Local", ""},
		{"mem://", "*fileio.Memory", ""},
		{"", "", "empty location"},
		{"file://host/x", "", `file URI with host "host"`},
		{"gs://bucket", "", `unsupported scheme "gs"`},
		{"s3:///prefix", "", "no bucket"},
		{"s3://b/x?prefix=y", "", "give the key prefix as the URI path"},
		{"s3://b/../x?region=us-east-1", "", "escapes the root"},
		{"s3://b?region=us-east-1&bogus=1", "", `unknown query parameter "bogus"`},
	} {
		fs, err := Open(ctx, tc.uri)
		if tc.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("Open(%q): err = %v, want one containing %q", tc.uri, err, tc.wantErr)
			}
			continue
		}
		if err != nil {
			t.Errorf("Open(%q): %v", tc.uri, err)
			continue
		}
		if got := typeName(fs); got != tc.want {
			t.Errorf("Open(%q) = %s, want %s", tc.uri, got, tc.want)
		}
	}
}

func typeName(v any) string {
	switch v.(type) {
	case *Local:
		return "*fileio.Local"
	case *Memory:
		return "*fileio.Memory"
	case *Blob:
		return "*fileio.Blob"
	}
	return "?"
}

func TestLocalLayout(t *testing.T) {
	ctx := context.Background()
	root := t.TempDir()
	fs, err := NewLocal(filepath.Join(root, "new", "warehouse"))
	if err != nil {
		t.Fatal(err)
	}
	if fs.Location() != filepath.Join(root, "new", "warehouse") {
		t.Errorf("Location = %q", fs.Location())
	}
	mustWrite(ctx, t, fs, "a/b", []byte("x"))
	if got, err := os.ReadFile(filepath.Join(root, "new", "warehouse", "a", "b")); err != nil || string(got) != "x" {
		t.Errorf("file on disk = %q, %v", got, err)
	}
	if created, err := fs.TryCreateExclusive(ctx, "a/c", []byte("y")); err != nil || !created {
		t.Fatalf("TryCreateExclusive = %v, %v", created, err)
	}
	entries, err := os.ReadDir(filepath.Join(root, "new", "warehouse", "a"))
	if err != nil {
		t.Fatal(err)
	}
	var onDisk []string
	for _, e := range entries {
		onDisk = append(onDisk, e.Name())
	}
	if got := strings.Join(onDisk, ","); got != "b,c" {
		t.Errorf("directory holds %s, want b,c (temporary files removed)", got)
	}
	// DeleteAll of the root empties it but keeps it.
	if err := fs.DeleteAll(ctx, ""); err != nil {
		t.Fatal(err)
	}
	if entries, err := os.ReadDir(fs.Location()); err != nil || len(entries) != 0 {
		t.Errorf("after DeleteAll(root): %d entries, %v", len(entries), err)
	}
	if _, err := NewLocal(""); err == nil {
		t.Errorf("NewLocal(\"\") succeeded")
	}
}
