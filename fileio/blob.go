package fileio

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"gocloud.dev/blob"
	"gocloud.dev/gcerrors"
)

// Blob is a FileIO over a gocloud.dev/blob bucket: S3 and S3-compatible stores,
// or any other gocloud driver. Directories are key prefixes: List lists with the
// delimiter "/" and reports the common prefixes as directories, and a directory
// exists while some object lies below it.
//
// TryCreateExclusive is a conditional write (blob.WriterOptions.IfNotExist, an
// "If-None-Match: *" PUT on S3), so it is only as atomic as the store makes it.
type Blob struct {
	bucket   *blob.Bucket
	location string
}

var _ FileIO = (*Blob)(nil)

// OpenBucket returns a Blob over bucket. location names the bucket in
// Location() and messages (for example "s3://warehouse/prod"). To root the
// FileIO below a key prefix, pass blob.PrefixedBucket(bucket, "prefix/"). The
// Blob takes over the bucket: Close closes it.
func OpenBucket(ctx context.Context, bucket *blob.Bucket, location string) *Blob {
	return &Blob{bucket: bucket, location: location}
}

// Location returns the location given to OpenBucket or Open.
func (b *Blob) Location() string { return b.location }

// Close closes the underlying bucket.
func (b *Blob) Close() error {
	if err := b.bucket.Close(); err != nil {
		return fmt.Errorf("close %s: %w", b.location, err)
	}
	return nil
}

// blobErr wraps a bucket error with op and path, turning gocloud's NotFound into
// ErrNotExist.
func blobErr(op, path string, err error) error {
	if gcerrors.Code(err) == gcerrors.NotFound {
		return fmt.Errorf("%s %s: %w", op, path, ErrNotExist)
	}
	return fmt.Errorf("%s %s: %w", op, path, err)
}

// Open opens path for random access. It reads the object's size once; each
// ReadAt is a ranged GET that uses ctx.
func (b *Blob) Open(ctx context.Context, path string) (File, error) {
	key, err := cleanFilePath(path)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	attrs, err := b.bucket.Attributes(ctx, key)
	if err != nil {
		return nil, blobErr("open", key, err)
	}
	return &blobFile{ctx: ctx, bucket: b.bucket, key: key, size: attrs.Size}, nil
}

type blobFile struct {
	ctx    context.Context
	bucket *blob.Bucket
	key    string
	size   int64
}

func (f *blobFile) Size() int64  { return f.size }
func (f *blobFile) Close() error { return nil }

func (f *blobFile) ReadAt(p []byte, off int64) (int, error) {
	if off < 0 {
		return 0, fmt.Errorf("read %s: negative offset %d", f.key, off)
	}
	if off >= f.size {
		return 0, io.EOF
	}
	want := min(int64(len(p)), f.size-off)
	if want == 0 {
		return 0, nil
	}
	r, err := f.bucket.NewRangeReader(f.ctx, f.key, off, want, nil)
	if err != nil {
		return 0, blobErr("read", f.key, err)
	}
	defer r.Close()
	n, err := io.ReadFull(r, p[:want])
	if err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
			// The object shrank since Open: it was replaced.
			return n, fmt.Errorf("read %s: object changed size since open: %w", f.key, io.ErrUnexpectedEOF)
		}
		return n, blobErr("read", f.key, err)
	}
	if int64(len(p)) > want {
		return n, io.EOF
	}
	return n, nil
}

// ReadFile reads a whole object.
func (b *Blob) ReadFile(ctx context.Context, path string) ([]byte, error) {
	key, err := cleanFilePath(path)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	data, err := b.bucket.ReadAll(ctx, key)
	if err != nil {
		return nil, blobErr("read", key, err)
	}
	return data, nil
}

// writerOptions avoids content sniffing; Weir's files are binary or JSON.
func writerOptions(ifNotExist bool) *blob.WriterOptions {
	return &blob.WriterOptions{ContentType: "application/octet-stream", IfNotExist: ifNotExist}
}

// Create starts an upload; the object appears when the Writer is closed.
func (b *Blob) Create(ctx context.Context, path string) (Writer, error) {
	key, err := cleanFilePath(path)
	if err != nil {
		return nil, fmt.Errorf("create %s: %w", path, err)
	}
	wctx, cancel := context.WithCancel(ctx)
	w, err := b.bucket.NewWriter(wctx, key, writerOptions(false))
	if err != nil {
		cancel()
		return nil, blobErr("create", key, err)
	}
	return &blobWriter{w: w, key: key, cancel: cancel}, nil
}

type blobWriter struct {
	w      *blob.Writer
	key    string
	cancel context.CancelFunc
	closed bool
}

func (w *blobWriter) Write(p []byte) (int, error) {
	if w.closed {
		return 0, fmt.Errorf("write %s: %w", w.key, os.ErrClosed)
	}
	n, err := w.w.Write(p)
	if err != nil {
		return n, blobErr("write", w.key, err)
	}
	return n, nil
}

func (w *blobWriter) Close() error {
	if w.closed {
		return fmt.Errorf("close %s: %w", w.key, os.ErrClosed)
	}
	w.closed = true
	defer w.cancel()
	if err := w.w.Close(); err != nil {
		return blobErr("close", w.key, err)
	}
	return nil
}

// Abort cancels the upload's context, which gocloud documents as aborting it.
func (w *blobWriter) Abort() error {
	if w.closed {
		return nil
	}
	w.closed = true
	w.cancel()
	_ = w.w.Close() // reports the cancellation
	return nil
}

// WriteFile uploads a whole object.
func (b *Blob) WriteFile(ctx context.Context, path string, data []byte) error {
	key, err := cleanFilePath(path)
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := b.bucket.WriteAll(ctx, key, data, writerOptions(false)); err != nil {
		return blobErr("write", key, err)
	}
	return nil
}

// conflictRetries bounds how often TryCreateExclusive retries a conditional
// write that S3 rejected with 409 ConditionalRequestConflict (another
// conditional write to the key was in flight); AWS asks clients to retry.
const conflictRetries = 5

// TryCreateExclusive uploads data only if no object exists at path. A failed
// precondition (HTTP 412 on S3) returns false, nil. On S3, data of 16 MiB or
// more goes up as a multipart upload whose CompleteMultipartUpload carries the
// condition; S3 honours that, but some S3-compatible stores (gofakes3 v1.2.0
// among them) only check it on a single PUT.
func (b *Blob) TryCreateExclusive(ctx context.Context, path string, data []byte) (bool, error) {
	key, err := cleanFilePath(path)
	if err != nil {
		return false, fmt.Errorf("create exclusive %s: %w", path, err)
	}
	backoff := 10 * time.Millisecond
	for attempt := 0; ; attempt++ {
		err := b.bucket.WriteAll(ctx, key, data, writerOptions(true))
		switch {
		case err == nil:
			return true, nil
		case gcerrors.Code(err) == gcerrors.FailedPrecondition:
			return false, nil
		case isConditionalConflict(err) && attempt < conflictRetries:
			select {
			case <-time.After(backoff):
				backoff *= 2
				continue
			case <-ctx.Done():
				return false, fmt.Errorf("create exclusive %s: %w", key, ctx.Err())
			}
		default:
			return false, blobErr("create exclusive", key, err)
		}
	}
}

// isConditionalConflict reports whether err is S3's 409
// ConditionalRequestConflict, found through the API error's code so that this
// file does not depend on the AWS SDK.
func isConditionalConflict(err error) bool {
	var coded interface{ ErrorCode() string }
	return errors.As(err, &coded) && coded.ErrorCode() == "ConditionalRequestConflict"
}

// Stat describes an object, or a directory (a prefix with objects below it).
func (b *Blob) Stat(ctx context.Context, path string) (FileInfo, error) {
	key, err := cleanPath(path)
	if err != nil {
		return FileInfo{}, fmt.Errorf("stat %s: %w", path, err)
	}
	if key == "" {
		return FileInfo{IsDir: true}, nil
	}
	attrs, err := b.bucket.Attributes(ctx, key)
	if err == nil {
		return FileInfo{Name: baseName(key), Size: attrs.Size, ModTime: attrs.ModTime}, nil
	}
	if gcerrors.Code(err) != gcerrors.NotFound {
		return FileInfo{}, blobErr("stat", key, err)
	}
	objs, _, err := b.bucket.ListPage(ctx, blob.FirstPageToken, 1, &blob.ListOptions{Prefix: dirPrefix(key)})
	if err != nil {
		return FileInfo{}, blobErr("stat", key, err)
	}
	if len(objs) == 0 {
		return FileInfo{}, fmt.Errorf("stat %s: %w", key, ErrNotExist)
	}
	return FileInfo{Name: baseName(key), IsDir: true}, nil
}

// Exists reports whether an object exists at path.
func (b *Blob) Exists(ctx context.Context, path string) (bool, error) {
	key, err := cleanPath(path)
	if err != nil {
		return false, fmt.Errorf("exists %s: %w", path, err)
	}
	if key == "" {
		return false, nil
	}
	ok, err := b.bucket.Exists(ctx, key)
	if err != nil {
		return false, blobErr("exists", key, err)
	}
	return ok, nil
}

// List lists dir with the delimiter "/": objects directly below dir are files,
// common prefixes are directories.
func (b *Blob) List(ctx context.Context, dir string) ([]FileInfo, error) {
	d, err := cleanPath(dir)
	if err != nil {
		return nil, fmt.Errorf("list %s: %w", dir, err)
	}
	prefix := dirPrefix(d)
	it := b.bucket.List(&blob.ListOptions{Prefix: prefix, Delimiter: "/"})
	var out []FileInfo
	seen := map[string]bool{}
	for {
		obj, err := it.Next(ctx)
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, blobErr("list", d, err)
		}
		rest := strings.TrimPrefix(obj.Key, prefix)
		name := strings.TrimSuffix(rest, "/")
		if name == "" {
			continue // a "directory marker" object named like the prefix itself
		}
		// A marker object "dir/" (MkdirAll) is a directory; some servers list it
		// as an object rather than as a common prefix, and may list both.
		isDir := obj.IsDir || strings.HasSuffix(rest, "/")
		if isDir && seen[name] {
			continue
		}
		seen[name] = isDir || seen[name]
		out = append(out, FileInfo{Name: name, Size: obj.Size, ModTime: obj.ModTime, IsDir: isDir})
	}
	sortInfos(out)
	return out, nil
}

// Delete removes an object; a missing object is not an error.
func (b *Blob) Delete(ctx context.Context, path string) error {
	key, err := cleanFilePath(path)
	if err != nil {
		return fmt.Errorf("delete %s: %w", path, err)
	}
	if err := b.bucket.Delete(ctx, key); err != nil && gcerrors.Code(err) != gcerrors.NotFound {
		return blobErr("delete", key, err)
	}
	return nil
}

// DeleteAll removes the object named dir, if any, and every object below dir,
// one DELETE at a time.
func (b *Blob) DeleteAll(ctx context.Context, dir string) error {
	d, err := cleanPath(dir)
	if err != nil {
		return fmt.Errorf("delete all %s: %w", dir, err)
	}
	if d != "" {
		if err := b.bucket.Delete(ctx, d); err != nil && gcerrors.Code(err) != gcerrors.NotFound {
			return blobErr("delete all", d, err)
		}
	}
	it := b.bucket.List(&blob.ListOptions{Prefix: dirPrefix(d)})
	for {
		obj, err := it.Next(ctx)
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return blobErr("delete all", d, err)
		}
		if err := b.bucket.Delete(ctx, obj.Key); err != nil && gcerrors.Code(err) != gcerrors.NotFound {
			return blobErr("delete all", obj.Key, err)
		}
	}
}

// MkdirAll writes an empty marker object "dir/" so that the directory is
// listed while it has no files.
func (b *Blob) MkdirAll(ctx context.Context, dir string) error {
	d, err := cleanPath(dir)
	if err != nil {
		return fmt.Errorf("mkdir %s: %w", dir, err)
	}
	if d == "" {
		return nil
	}
	if err := b.bucket.WriteAll(ctx, dirPrefix(d), nil, nil); err != nil {
		return blobErr("mkdir", d, err)
	}
	return nil
}
