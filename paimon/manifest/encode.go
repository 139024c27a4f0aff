package manifest

import (
	"errors"
	"fmt"
)

// EncodeEntries writes a manifest file in the Paimon 1.3 layout
// (EntrySchemaJSON, _VERSION 2, codec zstandard).
func EncodeEntries(entries []Entry) ([]byte, error) {
	records := make([][]byte, len(entries))
	for i := range entries {
		e := &entries[i]
		if !e.Kind.valid() {
			return nil, fmt.Errorf("encoding manifest entry %d (%s): invalid kind %d", i, e.File.FileName, int8(e.Kind))
		}
		if e.Partition == nil {
			return nil, fmt.Errorf("encoding manifest entry %d (%s): nil partition (use the serialized empty row)", i, e.File.FileName)
		}
		w := &binWriter{}
		w.int(entryVersion)
		w.int(int32(e.Kind))
		w.bytes(e.Partition)
		w.int(e.Bucket)
		w.int(e.TotalBuckets)
		writeDataFileMeta(w, &e.File)
		records[i] = w.buf
	}
	out, err := writeContainer(EntrySchemaJSON, codecZstandard, records)
	if err != nil {
		return nil, fmt.Errorf("encoding manifest: %w", err)
	}
	return out, nil
}

// EncodeFileMetas writes a manifest list in the Paimon 1.1–1.3 layout
// (FileMetaSchemaJSON, _VERSION 2, codec zstandard). When any FileMeta has
// MinRowID or MaxRowID set it writes the Paimon 1.4 layout
// (FileMetaRowIDSchemaJSON) instead, so row ids are not lost.
func EncodeFileMetas(metas []FileMeta) ([]byte, error) {
	withRowIDs := false
	for i := range metas {
		if metas[i].MinRowID != nil || metas[i].MaxRowID != nil {
			withRowIDs = true
		}
	}
	records := make([][]byte, len(metas))
	for i := range metas {
		w := &binWriter{}
		writeFileMeta(w, &metas[i], withRowIDs)
		records[i] = w.buf
	}
	schema := FileMetaSchemaJSON
	if withRowIDs {
		schema = FileMetaRowIDSchemaJSON
	}
	out, err := writeContainer(schema, codecZstandard, records)
	if err != nil {
		return nil, fmt.Errorf("encoding manifest list: %w", err)
	}
	return out, nil
}

// errGlobalIndex rejects entries whose _GLOBAL_INDEX was not decoded.
var errGlobalIndex = errors.New("entry has a _GLOBAL_INDEX (Paimon 1.4 global index), which Weir cannot write")

// EncodeIndexEntries writes an index manifest in the Paimon 1.3 layout
// (IndexEntrySchemaJSON, _VERSION 1, codec zstandard).
func EncodeIndexEntries(entries []IndexEntry) ([]byte, error) {
	records := make([][]byte, len(entries))
	for i := range entries {
		e := &entries[i]
		switch {
		case !e.Kind.valid():
			return nil, fmt.Errorf("encoding index manifest entry %d (%s): invalid kind %d", i, e.FileName, int8(e.Kind))
		case e.HasGlobalIndex:
			return nil, fmt.Errorf("encoding index manifest entry %d (%s): %w", i, e.FileName, errGlobalIndex)
		case e.Partition == nil:
			return nil, fmt.Errorf("encoding index manifest entry %d (%s): nil partition (use the serialized empty row)", i, e.FileName)
		}
		w := &binWriter{}
		writeIndexEntry(w, e)
		records[i] = w.buf
	}
	out, err := writeContainer(IndexEntrySchemaJSON, codecZstandard, records)
	if err != nil {
		return nil, fmt.Errorf("encoding index manifest: %w", err)
	}
	return out, nil
}
