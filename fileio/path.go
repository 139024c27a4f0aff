package fileio

import (
	"errors"
	"fmt"
	"path"
	"strings"
)

// errInvalidPath is wrapped by every error about a malformed path.
var errInvalidPath = errors.New("invalid path")

// cleanPath validates a slash-separated path relative to a FileIO's root and
// returns its clean form. The root itself is "". Absolute paths, paths that
// climb above the root with "..", and paths containing NUL are rejected.
func cleanPath(p string) (string, error) {
	if strings.IndexByte(p, 0) >= 0 {
		return "", fmt.Errorf("%w %q: contains NUL", errInvalidPath, p)
	}
	if strings.HasPrefix(p, "/") {
		return "", fmt.Errorf("%w %q: absolute, want a path relative to the root", errInvalidPath, p)
	}
	c := path.Clean(p)
	if c == "." {
		return "", nil
	}
	if c == ".." || strings.HasPrefix(c, "../") {
		return "", fmt.Errorf("%w %q: escapes the root", errInvalidPath, p)
	}
	return c, nil
}

// cleanFilePath is cleanPath for operations on a file, which cannot be the root.
func cleanFilePath(p string) (string, error) {
	c, err := cleanPath(p)
	if err != nil {
		return "", err
	}
	if c == "" {
		return "", fmt.Errorf("%w %q: names the root, want a file", errInvalidPath, p)
	}
	return c, nil
}

// baseName is the last element of a clean path; the root's is "".
func baseName(p string) string {
	if p == "" {
		return ""
	}
	return path.Base(p)
}

// dirPrefix turns a clean directory path into a key prefix ending in "/"
// ("" for the root).
func dirPrefix(dir string) string {
	if dir == "" {
		return ""
	}
	return dir + "/"
}
