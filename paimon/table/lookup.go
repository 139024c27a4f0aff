package table

import (
	"container/list"
	"context"
	"errors"
	"fmt"
	"io"
	"sort"
	"sync"

	"github.com/weir-data/weir/paimon/manifest"
	"github.com/weir-data/weir/paimon/options"
	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// needLookup is Paimon's CoreOptions.needLookup: compaction of level-0 files
// looks up older versions of their keys in the higher levels
// (changelog-producer = lookup, deletion vectors, first-row, force-lookup).
func (t *Table) needLookup() bool {
	force := false
	if v, ok := t.opts.Get("force-lookup"); ok {
		force, _ = options.ParseBool(v)
	}
	return t.opts.ChangelogProducer() == "lookup" || t.opts.DeletionVectorsEnabled() ||
		t.opts.MergeEngine() == "first-row" || force
}

// lookupMerges reports whether merges of this table use Paimon's
// LookupMergeFunction: of a key's records above level 0 only the one on the
// lowest level counts (first-row is not wrapped, as in Paimon).
func (t *Table) lookupMerges() bool {
	return t.needLookup() && t.opts.MergeEngine() != "first-row"
}

// lookupCache keeps the decoded contents of data files for key lookups
// (Paimon's LookupLevels keeps local lookup files per remote file). Data
// files are immutable, so an entry stays valid for as long as it is cached.
// Entries are evicted least recently used first when the cache holds more
// than its byte budget (lookup.cache-max-memory-size); files in use by the
// running compaction are never evicted. Safe for concurrent use.
type lookupCache struct {
	budget int64

	mu    sync.Mutex
	bytes int64
	lru   *list.List // of *lookupFile, most recently used at the front
	files map[string]*list.Element
}

// lookupFile is one data file loaded for lookups: every record (key columns,
// _SEQUENCE_NUMBER, _VALUE_KIND, all value columns) in key order, one record
// per key (files above level 0 are part of a sorted run).
type lookupFile struct {
	name  string
	batch *vec.Batch
	bytes int64
	pins  int // compactions using the file
}

// lookupCacheBudget is lookup.cache-max-memory-size (256 MB by default).
func (t *Table) lookupCacheBudget() int64 {
	if v, ok := t.opts.Get("lookup.cache-max-memory-size"); ok {
		if n, err := options.ParseMemorySize(v); err == nil {
			return n
		}
	}
	return 256 << 20
}

func newLookupCache(budget int64) *lookupCache {
	return &lookupCache{budget: budget, lru: list.New(), files: map[string]*list.Element{}}
}

// get returns the loaded file, loading it with r when not cached, and pins it
// until unpin.
func (c *lookupCache) get(ctx context.Context, r *splitReader, f manifest.DataFileMeta) (*lookupFile, error) {
	c.mu.Lock()
	if e, ok := c.files[f.FileName]; ok {
		c.lru.MoveToFront(e)
		lf := e.Value.(*lookupFile)
		lf.pins++
		c.mu.Unlock()
		return lf, nil
	}
	c.mu.Unlock()
	b, err := loadLookupFile(ctx, r, f)
	if err != nil {
		return nil, err
	}
	lf := &lookupFile{name: f.FileName, batch: b, bytes: batchBytes(b), pins: 1}
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.files[f.FileName]; ok { // loaded concurrently
		other := e.Value.(*lookupFile)
		other.pins++
		return other, nil
	}
	c.files[f.FileName] = c.lru.PushFront(lf)
	c.bytes += lf.bytes
	c.evictLocked()
	return lf, nil
}

// unpin releases files pinned by get and evicts down to the budget.
func (c *lookupCache) unpin(files []*lookupFile) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, f := range files {
		f.pins--
	}
	c.evictLocked()
}

// evictLocked drops unpinned files, least recently used first, while the
// cache is over budget. REQUIRES: c.mu held.
func (c *lookupCache) evictLocked() {
	for e := c.lru.Back(); e != nil && c.bytes > c.budget; {
		prev := e.Prev()
		if lf := e.Value.(*lookupFile); lf.pins == 0 {
			c.lru.Remove(e)
			delete(c.files, lf.name)
			c.bytes -= lf.bytes
		}
		e = prev
	}
}

// size returns the number of cached files and their bytes.
func (c *lookupCache) size() (int, int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.files), c.bytes
}

// loadLookupFile reads a whole data file as one key-value batch.
func loadLookupFile(ctx context.Context, r *splitReader, f manifest.DataFileMeta) (*vec.Batch, error) {
	src, err := r.openFile(ctx, f, true)
	if err != nil {
		return nil, err
	}
	defer src.Close()
	var out *vec.Batch
	for {
		b, err := src.Next(ctx)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("table %s: load data file %s for lookup: %w", r.t.name, f.FileName, err)
		}
		if out == nil {
			// Sized for the whole file: one allocation per column.
			if out, err = vec.NewBatch(batchTypes(b), int(f.RowCount)); err != nil {
				return nil, err
			}
		}
		for c, v := range out.Cols {
			v.AppendVector(b.Cols[c])
		}
		out.Len += b.Len
	}
	if out == nil {
		out = &vec.Batch{}
	}
	return out, nil
}

func batchTypes(b *vec.Batch) []types.DataType {
	ts := make([]types.DataType, len(b.Cols))
	for i, v := range b.Cols {
		ts[i] = v.Type
	}
	return ts
}

// lookupLevels looks keys up in the levels of one bucket above a
// compaction's output level (Paimon's LookupLevels): the newest record of a
// key is on the lowest level that holds it. Files are loaded through the
// cache on first use. Not safe for concurrent use; close it when done.
type lookupLevels struct {
	cache  *lookupCache
	reader *splitReader
	nk     int
	levels []lookupLevel // ascending level
	pinned []*lookupFile
}

type lookupLevel struct {
	level  int
	files  []manifest.DataFileMeta // in key order
	loaded []*lookupFile           // nil until the level is first used
}

// newLookupLevels prepares lookups in the levels above outputLevel of a
// bucket, as the levels stood when its compaction was picked.
func (t *Table) newLookupLevels(cache *lookupCache, partition []byte, bucket int, above [][]manifest.DataFileMeta, outputLevel int) (*lookupLevels, error) {
	partDir, err := t.partitionDir(partition)
	if err != nil {
		return nil, err
	}
	all := make([]int, len(t.schema.Fields))
	for i := range all {
		all[i] = i
	}
	ll := &lookupLevels{cache: cache, nk: len(t.keyFields),
		reader: &splitReader{t: t, split: Split{Partition: partition, Bucket: bucket}, proj: all, size: pieceRows,
			dir: t.bucketDir(partDir, bucket)}}
	for l := max(outputLevel+1, 1); l < len(above); l++ {
		if len(above[l]) > 0 {
			ll.levels = append(ll.levels, lookupLevel{level: l, files: above[l]})
		}
	}
	return ll, nil
}

// lookup finds the newest record of the key in row row of keys (the key
// columns of a key-value batch) at or above level from. It returns the
// loaded file batch and the record's row in it; ok is false when no level
// holds the key.
func (ll *lookupLevels) lookup(ctx context.Context, keys []*vec.Vector, row int, from int) (b *vec.Batch, r int, level int32, ok bool, err error) {
	for i := range ll.levels {
		lv := &ll.levels[i]
		if lv.level < from {
			continue
		}
		if lv.loaded == nil {
			for _, f := range lv.files {
				lf, err := ll.cache.get(ctx, ll.reader, f)
				if err != nil {
					return nil, 0, 0, false, err
				}
				ll.pinned = append(ll.pinned, lf)
				lv.loaded = append(lv.loaded, lf)
			}
		}
		// The first file whose last key is >= the key.
		fi := sort.Search(len(lv.loaded), func(j int) bool {
			fb := lv.loaded[j].batch
			return fb.Len > 0 && vec.CompareRows(fb.Cols[:ll.nk], fb.Len-1, keys, row) >= 0
		})
		if fi == len(lv.loaded) {
			continue
		}
		fb := lv.loaded[fi].batch
		at := sort.Search(fb.Len, func(j int) bool { return vec.CompareRows(fb.Cols[:ll.nk], j, keys, row) >= 0 })
		if at < fb.Len && vec.CompareRows(fb.Cols[:ll.nk], at, keys, row) == 0 {
			return fb, at, int32(lv.level), true, nil
		}
	}
	return nil, 0, 0, false, nil
}

// close unpins the files this lookup used.
func (ll *lookupLevels) close() {
	if ll != nil && ll.cache != nil {
		ll.cache.unpin(ll.pinned)
		ll.pinned = nil
	}
}
