package table

import (
	"context"
	"fmt"

	"github.com/weir-data/weir/paimon/manifest"
)

// readIndexManifest reads an index manifest's entries.
func (t *Table) readIndexManifest(ctx context.Context, name string) ([]manifest.IndexEntry, error) {
	p := t.manifestPath(name)
	data, err := t.fio.ReadFile(ctx, p)
	if err != nil {
		return nil, fmt.Errorf("table %s: read index manifest %s: %w", t.name, p, err)
	}
	es, err := manifest.DecodeIndexEntries(data)
	if err != nil {
		return nil, fmt.Errorf("table %s: index manifest %s: %w", t.name, p, err)
	}
	return es, nil
}

// indexBucket identifies the index files of one kind of one bucket: Java's
// IndexManifestFileHandler.BucketIdentifier.
type indexBucket struct {
	part   string
	bucket int32
	typ    string
}

// combineIndexEntries applies a commit's index changes to the live entries of
// the previous index manifest, as Java's BucketedCombiner does for HASH and
// (bucketed) DELETION_VECTORS indexes: DELETE entries first remove their
// (partition, bucket, type), then ADD entries set it. The result holds only
// ADD entries, in the previous order with new buckets appended.
func combineIndexEntries(prev, changes []manifest.IndexEntry) []manifest.IndexEntry {
	live := map[indexBucket]manifest.IndexEntry{}
	var order []indexBucket
	key := func(e manifest.IndexEntry) indexBucket {
		return indexBucket{string(e.Partition), e.Bucket, e.IndexType}
	}
	for _, e := range prev {
		k := key(e)
		if _, ok := live[k]; !ok {
			order = append(order, k)
		}
		live[k] = e
	}
	for _, e := range changes {
		if e.Kind == manifest.KindDelete {
			delete(live, key(e))
		}
	}
	for _, e := range changes {
		if e.Kind != manifest.KindAdd {
			continue
		}
		k := key(e)
		if _, ok := live[k]; !ok {
			order = append(order, k)
		}
		live[k] = e
	}
	out := make([]manifest.IndexEntry, 0, len(live))
	for _, k := range order {
		if e, ok := live[k]; ok {
			out = append(out, e)
			delete(live, k) // a key deleted and re-added is listed once
		}
	}
	return out
}

// writeIndexManifest writes the index manifest that follows prev (a name, ""
// for none) after changes, and returns its name.
func (t *Table) writeIndexManifest(ctx context.Context, names *nameFactory, prev string, changes []manifest.IndexEntry) (string, error) {
	var live []manifest.IndexEntry
	if prev != "" {
		var err error
		if live, err = t.readIndexManifest(ctx, prev); err != nil {
			return "", err
		}
	}
	data, err := manifest.EncodeIndexEntries(combineIndexEntries(live, changes))
	if err != nil {
		return "", fmt.Errorf("table %s: encode index manifest: %w", t.name, err)
	}
	name := names.name("index-manifest-", "")
	p := t.manifestPath(name)
	if err := t.fio.WriteFile(ctx, p, data); err != nil {
		t.fio.Delete(ctx, p) // the write may have landed with its acknowledgement lost
		return "", fmt.Errorf("table %s: write index manifest %s: %w", t.name, p, err)
	}
	return name, nil
}
