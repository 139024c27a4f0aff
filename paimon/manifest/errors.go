package manifest

import (
	"errors"
	"fmt"
)

// ErrUnsupportedFormat is matched (errors.Is) by every *FormatError.
var ErrUnsupportedFormat = errors.New("unsupported manifest file format")

// FormatError reports a manifest written in a non-Avro file format (ORC or
// Parquet, chosen by the table option manifest.format in Paimon ≤2.0). Weir
// reads Avro manifests only. The decoders do not know the file name; callers
// set File (see WithFileName) so the message names the file.
type FormatError struct {
	// Format is the detected format as spelled in messages: "ORC" or "Parquet".
	Format string
	// Option is the manifest.format option value that produces it: "orc" or "parquet".
	Option string
	// File is the manifest file name, empty when unknown.
	File string
}

// Error renders "manifest <file> is in ORC format (written with
// manifest.format=orc); Weir reads Avro manifests only".
func (e *FormatError) Error() string {
	name := ""
	if e.File != "" {
		name = " " + e.File
	}
	return fmt.Sprintf("manifest%s is in %s format (written with manifest.format=%s); Weir reads Avro manifests only",
		name, e.Format, e.Option)
}

// Is reports whether target is ErrUnsupportedFormat.
func (e *FormatError) Is(target error) bool { return target == ErrUnsupportedFormat }

// WithFileName attaches a manifest file name to an error returned by one of
// the decoders: a *FormatError gets its File set (so the message reads
// exactly "manifest <name> is in ORC format ..."), any other error is wrapped
// as "manifest <name>: <err>". A nil error stays nil.
func WithFileName(err error, name string) error {
	if err == nil {
		return nil
	}
	var fe *FormatError
	if errors.As(err, &fe) {
		c := *fe
		c.File = name
		return &c
	}
	return fmt.Errorf("manifest %s: %w", name, err)
}

// detectForeignFormat returns a *FormatError when data starts with the magic
// bytes of ORC ("ORC") or Parquet ("PAR1").
func detectForeignFormat(data []byte) error {
	switch {
	case len(data) >= 3 && string(data[:3]) == "ORC":
		return &FormatError{Format: "ORC", Option: "orc"}
	case len(data) >= 4 && string(data[:4]) == "PAR1":
		return &FormatError{Format: "Parquet", Option: "parquet"}
	}
	return nil
}
