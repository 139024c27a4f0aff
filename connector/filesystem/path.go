package filesystem

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/weir-data/weir/fileio"
)

// location is a table's path resolved to a FileIO: either a directory
// (dir, relative to the FileIO's root; "" for the root itself) or a single
// file.
type location struct {
	fio    fileio.FileIO
	dir    string // directory of the table (when not a single file)
	file   string // the single file, if path names one
	exists bool
}

// close releases the FileIO (object-store buckets).
func (l *location) close() error {
	if c, ok := l.fio.(io.Closer); ok {
		return c.Close()
	}
	return nil
}

// join joins relative path elements below the FileIO's root.
func join(elems ...string) string {
	var b strings.Builder
	for _, e := range elems {
		e = strings.Trim(e, "/")
		if e == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('/')
		}
		b.WriteString(e)
	}
	return b.String()
}

// resolve opens the FileIO of path's parent and looks at the last element,
// so that path may name a file as well as a directory. Plain paths,
// file:// and s3:// URIs (with fileio.Open's query parameters) work.
func resolve(ctx context.Context, table, path string) (*location, error) {
	query := ""
	if strings.Contains(path, "://") {
		if q := strings.IndexByte(path, '?'); q >= 0 {
			path, query = path[:q], path[q:]
		}
	}
	for len(path) > 1 && strings.HasSuffix(path, "/") && !strings.HasSuffix(path, "://") {
		path = path[:len(path)-1]
	}
	parent, base := path, ""
	minSlash := 0
	if s := strings.Index(path, "://"); s >= 0 {
		minSlash = s + 3
		if strings.HasPrefix(path, "s3://") {
			// Keep the bucket in the parent.
			if b := strings.IndexByte(path[minSlash:], '/'); b >= 0 {
				minSlash += b
			} else {
				minSlash = len(path)
			}
		}
	}
	if i := strings.LastIndexByte(path, '/'); i >= minSlash && i >= 0 && i < len(path)-1 {
		parent, base = path[:i], path[i+1:]
		if parent == "" {
			parent = "/"
		} else if strings.HasSuffix(parent, "://") {
			parent += "/"
		}
	} else if !strings.Contains(path, "/") {
		parent, base = ".", path
	}
	fio, err := fileio.Open(ctx, parent+query)
	if err != nil {
		return nil, fmt.Errorf("filesystem table %s: path %s: %w", table, path, err)
	}
	loc := &location{fio: fio, dir: base}
	if base == "" {
		loc.exists = true
		return loc, nil
	}
	st, err := fio.Stat(ctx, base)
	switch {
	case fileio.IsNotExist(err):
	case err != nil:
		loc.close()
		return nil, fmt.Errorf("filesystem table %s: path %s: %w", table, path, err)
	default:
		loc.exists = true
		if !st.IsDir {
			loc.dir, loc.file = "", base
		}
	}
	return loc, nil
}

// hidden reports whether a file or directory name is ignored by readers:
// names starting with '.' or '_' (in-progress files, _SUCCESS markers), as
// in Flink.
func hidden(name string) bool { return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") }
