package table

import (
	"context"
	"regexp"

	"github.com/weir-data/weir/paimon/manifest"
	"github.com/weir-data/weir/paimon/snapshot"
)

var indexFileName = regexp.MustCompile(`^index-` + uuidPart + `$`)

// checkHashIndex validates the HASH index files of the latest snapshot (a
// dynamic-bucket table's key → bucket index): names, sizes (4 bytes per
// hash), one file per (partition, bucket), no hash in two buckets of a
// partition, and for dynamic-bucket primary-key tables a file for every
// bucket that holds data, with _TOTAL_BUCKETS -1 on the data files.
func (c *checker) checkHashIndex(ctx context.Context, s *snapshot.Snapshot) {
	t := c.t
	dynamic := t.opts.Bucket() == -1 && t.HasPrimaryKey()
	type pb struct {
		part   string
		bucket int32
	}
	hashed := map[pb]bool{}
	if s.IndexManifest != "" {
		entries, err := t.readIndexManifest(ctx, s.IndexManifest)
		if err != nil {
			c.fail("snapshot %d: %v", s.ID, err)
			return
		}
		owner := map[string]map[int32]int32{} // partition → hash → bucket
		var hashes []int32
		for _, e := range entries {
			if e.Kind != manifest.KindAdd {
				c.fail("index manifest %s holds a %v entry for %s; stored index manifests hold only ADD", s.IndexManifest, e.Kind, e.FileName)
			}
			if !indexFileName.MatchString(e.FileName) {
				c.fail("index file name %q is not index-<uuid>-<n>", e.FileName)
			}
			if e.IndexType != manifest.IndexTypeHash {
				continue
			}
			k := pb{string(e.Partition), e.Bucket}
			if hashed[k] {
				c.fail("index manifest %s lists two hash index files for bucket %d of one partition", s.IndexManifest, e.Bucket)
			}
			hashed[k] = true
			if e.FileSize != 4*e.RowCount {
				c.fail("hash index %s: size %d is not 4 bytes × %d hashes", e.FileName, e.FileSize, e.RowCount)
			}
			if hashes, err = t.readHashIndex(ctx, e, hashes[:0]); err != nil {
				c.fail("%v", err)
				continue
			}
			m := owner[k.part]
			if m == nil {
				m = map[int32]int32{}
				owner[k.part] = m
			}
			for _, h := range hashes {
				if b, ok := m[h]; ok && b != e.Bucket {
					c.fail("hash index: key hash %d is in buckets %d and %d of one partition", h, b, e.Bucket)
					break
				}
				m[h] = e.Bucket
			}
		}
	}
	if !dynamic {
		return
	}
	entries, err := t.liveEntries(ctx, s, nil)
	if err != nil {
		c.fail("snapshot %d: %v", s.ID, err)
		return
	}
	for _, e := range entries {
		if e.TotalBuckets != -1 {
			c.fail("data file %s of a dynamic-bucket table has _TOTAL_BUCKETS %d, want -1", e.File.FileName, e.TotalBuckets)
		}
		if !hashed[pb{string(e.Partition), e.Bucket}] {
			c.fail("data file %s is in bucket %d, which has no hash index file", e.File.FileName, e.Bucket)
		}
	}
}
