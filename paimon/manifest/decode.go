package manifest

import (
	"fmt"
)

// decodeRows reads a container and calls row for each record as a fields
// reader named what[i], checking _VERSION against maxVersion.
func decodeRows(data []byte, what string, maxVersion int64, row func(i int, f *fields) error) error {
	c, err := readContainer(data)
	if err != nil {
		return err
	}
	values, _, err := decodeRecords(c)
	if err != nil {
		return err
	}
	for i, v := range values {
		f, err := newFields(v, fmt.Sprintf("%s %d", what, i))
		if err != nil {
			return err
		}
		if p := f.optLong("_VERSION"); p != nil && (*p < 1 || *p > maxVersion) {
			return fmt.Errorf("%s: unsupported _VERSION %d (Weir reads up to %d)", f.what, *p, maxVersion)
		}
		if err := row(i, f); err != nil {
			return err
		}
		if f.err != nil {
			return f.err
		}
	}
	return nil
}

// DecodeEntries decodes a manifest file (manifest-*) into its entries.
// An ORC or Parquet manifest yields a *FormatError (see WithFileName).
func DecodeEntries(data []byte) ([]Entry, error) {
	var out []Entry
	err := decodeRows(data, "manifest entry", entryVersion, func(_ int, f *fields) error {
		e := Entry{
			Kind:         FileKind(f.optTinyIntOrZero("_KIND")),
			Partition:    f.bytes("_PARTITION"),
			Bucket:       f.int("_BUCKET"),
			TotalBuckets: f.int("_TOTAL_BUCKETS"),
		}
		if !e.Kind.valid() && f.err == nil {
			return fmt.Errorf("%s: invalid _KIND %d", f.what, int8(e.Kind))
		}
		file := f.record("_FILE")
		if file == nil {
			if f.err != nil {
				return f.err
			}
			return fmt.Errorf("%s: _FILE is null or missing", f.what)
		}
		e.File = readDataFileMeta(file)
		f.merge(file)
		out = append(out, e)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("decoding manifest: %w", err)
	}
	return out, nil
}

// DecodeFileMetas decodes a manifest list (manifest-list-*) into the
// descriptions of its manifest files.
// An ORC or Parquet manifest list yields a *FormatError (see WithFileName).
func DecodeFileMetas(data []byte) ([]FileMeta, error) {
	var out []FileMeta
	err := decodeRows(data, "manifest list entry", fileMetaVersion, func(_ int, f *fields) error {
		out = append(out, readFileMeta(f))
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("decoding manifest list: %w", err)
	}
	return out, nil
}

// DecodeIndexEntries decodes an index manifest (index-manifest-*).
// An ORC or Parquet index manifest yields a *FormatError (see WithFileName).
func DecodeIndexEntries(data []byte) ([]IndexEntry, error) {
	var out []IndexEntry
	err := decodeRows(data, "index manifest entry", indexEntryVersion, func(_ int, f *fields) error {
		e := readIndexEntry(f)
		if !e.Kind.valid() && f.err == nil {
			return fmt.Errorf("%s: invalid _KIND %d", f.what, int8(e.Kind))
		}
		out = append(out, e)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("decoding index manifest: %w", err)
	}
	return out, nil
}
