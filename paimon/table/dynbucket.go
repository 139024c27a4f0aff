package table

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/weir-data/weir/paimon/binaryrow"
	"github.com/weir-data/weir/paimon/bucket"
	"github.com/weir-data/weir/paimon/hashindex"
	"github.com/weir-data/weir/paimon/manifest"
	"github.com/weir-data/weir/vec"
)

// dynamicBuckets routes the rows of a dynamic-bucket table ('bucket' = '-1'
// with a primary key) to buckets through the table's hash index, and keeps
// that index: Java's HashBucketAssigner and DynamicBucketIndexMaintainer in
// one, since a Weir writer is the only assigner (its decisions equal those of
// Java's 'dynamic-bucket.initial-buckets' parallel assigners, see
// hashindex.Options.Assigners).
//
// A partition's index is loaded on its first row from the HASH index files
// the latest snapshot lists (never from the data). Prepare writes one new
// HASH file per changed bucket, holding all of the bucket's hashes, and
// returns it as an ADD with the file it supersedes as a DELETE; the commit
// folds both into the snapshot's index manifest.
//
// One writer per table: two writers assigning buckets concurrently would each
// miss the other's new keys (Java has the same rule: one job writes a
// dynamic-bucket table).
type dynamicBuckets struct {
	t      *Table
	opts   hashindex.Options
	hasher *bucket.KeyHasher // the trimmed primary key
	parts  map[string]*dynPartition
}

type dynPartition struct {
	idx *hashindex.PartitionIndex
	// files holds the live HASH file of each bucket (the one a new file of
	// the bucket supersedes).
	files map[int]manifest.IndexEntry
}

// indexChange is a bucket's index update in one commit.
type indexChange struct {
	add, del []manifest.IndexEntry
}

// dynamicBucketOptions resolves the dynamic-bucket.* options.
func (t *Table) dynamicBucketOptions() hashindex.Options {
	o := hashindex.Options{
		TargetRowNum: t.opts.DynamicBucketTargetRowNum(),
		MaxBuckets:   t.opts.DynamicBucketMaxBuckets(),
		Assigners:    1,
	}
	// Java runs min(initial-buckets, assigner parallelism) assigners; the
	// parallelism defaults to the sink's, which is 1 here.
	initial, hasInitial := t.opts.DynamicBucketInitialBuckets()
	par, hasPar := t.opts.DynamicBucketAssignerParallelism()
	switch {
	case hasInitial && hasPar:
		o.Assigners = min(initial, par)
	case hasInitial:
		o.Assigners = initial
	case hasPar:
		o.Assigners = par
	}
	return o
}

// checkDynamicBucketWrite refuses dynamic-bucket tables Weir cannot write.
func (t *Table) checkDynamicBucketWrite() error {
	var missing []string
	for _, p := range t.schema.PartitionKeys {
		if !slices.Contains(t.schema.PrimaryKeys, p) {
			missing = append(missing, p)
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("table %s: the primary key (%s) does not contain the partition key %s, which makes 'bucket' = '-1' Paimon's cross-partition upsert mode (a global key index across partitions); it is not supported yet: add the partition keys to the primary key or set a fixed 'bucket' = 'N'",
			t.name, strings.Join(t.schema.PrimaryKeys, ", "), strings.Join(missing, ", "))
	}
	if err := t.dynamicBucketOptions().Validate(); err != nil {
		return fmt.Errorf("table %s: %w", t.name, err)
	}
	return nil
}

func newDynamicBuckets(t *Table) (*dynamicBuckets, error) {
	if err := t.checkDynamicBucketWrite(); err != nil {
		return nil, err
	}
	h, err := bucket.NewKeyHasher(fieldTypes(t.keyFields), t.keyPos)
	if err != nil {
		return nil, fmt.Errorf("table %s: primary key hash: %w", t.name, err)
	}
	return &dynamicBuckets{t: t, opts: t.dynamicBucketOptions(), hasher: h, parts: map[string]*dynPartition{}}, nil
}

// bucketOf returns the bucket of row r of b in the partition part (its
// serialized BinaryRow), assigning one to a new key.
func (d *dynamicBuckets) bucketOf(ctx context.Context, part string, b *vec.Batch, r int) (int, error) {
	p := d.parts[part]
	if p == nil {
		var err error
		if p, err = d.load(ctx, part); err != nil {
			return 0, err
		}
		d.parts[part] = p
	}
	h, err := d.hasher.Hash(b, r)
	if err != nil {
		return 0, fmt.Errorf("table %s: primary key of row %d: %w", d.t.name, r, err)
	}
	bk, err := p.idx.Assign(h)
	if err != nil {
		return 0, fmt.Errorf("table %s: %w", d.t.name, err)
	}
	return bk, nil
}

// load reads a partition's HASH index files from the latest snapshot.
func (d *dynamicBuckets) load(ctx context.Context, part string) (*dynPartition, error) {
	t := d.t
	idx, err := hashindex.NewPartitionIndex(d.opts)
	if err != nil {
		return nil, fmt.Errorf("table %s: %w", t.name, err)
	}
	p := &dynPartition{idx: idx, files: map[int]manifest.IndexEntry{}}
	snap, err := t.snapshots.Latest(ctx)
	if err != nil {
		return nil, fmt.Errorf("table %s: load hash index: %w", t.name, err)
	}
	if snap == nil || snap.IndexManifest == "" {
		return p, nil
	}
	entries, err := t.readIndexManifest(ctx, snap.IndexManifest)
	if err != nil {
		return nil, err
	}
	var hashes []int32
	for _, e := range entries {
		if e.IndexType != manifest.IndexTypeHash || string(e.Partition) != part {
			continue
		}
		if _, dup := p.files[int(e.Bucket)]; dup {
			return nil, fmt.Errorf("table %s: index manifest %s lists two hash index files for bucket %d", t.name, snap.IndexManifest, e.Bucket)
		}
		if hashes, err = t.readHashIndex(ctx, e, hashes[:0]); err != nil {
			return nil, err
		}
		if err := idx.Load(int(e.Bucket), hashes); err != nil {
			return nil, fmt.Errorf("table %s: hash index %s: %w", t.name, e.FileName, err)
		}
		p.files[int(e.Bucket)] = e
	}
	return p, nil
}

// readHashIndex reads a HASH index file, checking its size and row count
// against the index manifest.
func (t *Table) readHashIndex(ctx context.Context, e manifest.IndexEntry, dst []int32) ([]int32, error) {
	p := t.indexPath(e.FileName)
	data, err := t.fio.ReadFile(ctx, p)
	if err != nil {
		return dst, fmt.Errorf("table %s: read hash index %s: %w", t.name, p, err)
	}
	if int64(len(data)) != 4*e.RowCount {
		return dst, fmt.Errorf("table %s: hash index %s has %d bytes, the index manifest says %d hashes (%d bytes): %w",
			t.name, p, len(data), e.RowCount, 4*e.RowCount, hashindex.ErrCorrupt)
	}
	dst, err = hashindex.Decode(dst, data)
	if err != nil {
		return dst, fmt.Errorf("table %s: hash index %s: %w", t.name, p, err)
	}
	return dst, nil
}

// prepare writes a new HASH file for every bucket whose hashes changed and
// returns the index changes per bucket.
func (d *dynamicBuckets) prepare(ctx context.Context, names *nameFactory) (map[bucketKey]indexChange, error) {
	t := d.t
	out := map[bucketKey]indexChange{}
	var buf []byte
	for part, p := range d.parts {
		for _, b := range p.idx.Dirty() {
			hashes := p.idx.Hashes(b)
			buf = hashindex.Encode(buf[:0], hashes)
			name := names.name("index-", "")
			path := t.indexPath(name)
			if err := t.fio.WriteFile(ctx, path, buf); err != nil {
				t.fio.Delete(ctx, path) // the write may have landed with its acknowledgement lost
				return nil, fmt.Errorf("table %s: write hash index %s: %w", t.name, path, err)
			}
			add := manifest.IndexEntry{
				Kind: manifest.KindAdd, Partition: []byte(part), Bucket: int32(b), IndexType: manifest.IndexTypeHash,
				FileName: name, FileSize: int64(len(buf)), RowCount: int64(len(hashes)),
			}
			ch := indexChange{add: []manifest.IndexEntry{add}}
			if old, ok := p.files[b]; ok {
				old.Kind = manifest.KindDelete
				ch.del = []manifest.IndexEntry{old}
			}
			p.files[b] = add
			p.idx.MarkClean(b)
			out[bucketKey{part, b}] = ch
		}
	}
	return out, nil
}

// unpartitioned is the serialized partition of an unpartitioned table.
var unpartitioned = string(binaryrow.EmptyRow())
