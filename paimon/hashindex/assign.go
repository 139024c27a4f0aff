package hashindex

import (
	"fmt"
	"math/rand/v2"
	"slices"
)

// MaxBuckets is the largest number of dynamic buckets of a partition
// (Java's MAX_DYNAMIC_BUCKETS: bucket ids are stored as shorts).
const MaxBuckets = 32767

// Options configure the assignment; they mirror Paimon's dynamic-bucket.* options.
type Options struct {
	// TargetRowNum is dynamic-bucket.target-row-num: a bucket takes new keys
	// until it holds this many hashes. Must be ≥ 1.
	TargetRowNum int64
	// MaxBuckets is dynamic-bucket.max-buckets: -1 for no limit (up to
	// MaxBuckets, beyond which assignment fails), or 1..MaxBuckets, beyond
	// which new keys go to random existing buckets.
	MaxBuckets int
	// Assigners is the number of bucket assigners Java would run
	// (dynamic-bucket.initial-buckets, capped by the assigner parallelism;
	// 1 when neither is set). Key hash h belongs to assigner |h % Assigners|,
	// which owns the buckets b with |b % Assigners| equal to its id, so a
	// fresh partition opens Assigners buckets at once, as Java's would.
	// One PartitionIndex computes all assigners' decisions. Must be ≥ 1.
	Assigners int
}

// Validate reports every invalid field in one error.
func (o Options) Validate() error {
	var errs []string
	if o.TargetRowNum < 1 {
		errs = append(errs, fmt.Sprintf("'dynamic-bucket.target-row-num' must be at least 1, but is %d", o.TargetRowNum))
	}
	if o.MaxBuckets != -1 && (o.MaxBuckets < 1 || o.MaxBuckets > MaxBuckets) {
		errs = append(errs, fmt.Sprintf("'dynamic-bucket.max-buckets' must be -1 or between 1 and %d, but is %d", MaxBuckets, o.MaxBuckets))
	}
	if o.Assigners < 1 || o.Assigners > MaxBuckets {
		errs = append(errs, fmt.Sprintf("the number of bucket assigners ('dynamic-bucket.initial-buckets') must be between 1 and %d, but is %d", MaxBuckets, o.Assigners))
	}
	if len(errs) > 0 {
		return fmt.Errorf("dynamic bucket: %s", joinSemicolon(errs))
	}
	return nil
}

func joinSemicolon(xs []string) string {
	out := xs[0]
	for _, x := range xs[1:] {
		out += "; " + x
	}
	return out
}

// PartitionIndex is the key-hash → bucket index of one partition, with the
// hashes of each bucket (the content of its next HASH index file). It is not
// safe for concurrent use.
type PartitionIndex struct {
	opts        Options
	hash2bucket map[int32]int16
	assigners   []assigner
	// buckets holds each bucket's hashes in file order (loaded, then
	// assigned); dirty marks buckets whose hashes changed since MarkClean.
	buckets map[int]*bucketHashes
	rnd     *rand.Rand
}

type bucketHashes struct {
	hashes []int32
	dirty  bool
}

// assigner is one of Java's parallel bucket assigners.
type assigner struct {
	id int
	// nonFull lists the assigner's buckets that may still take keys, by
	// ascending bucket id, with their hash counts.
	nonFull []bucketCount
	// total is every bucket the assigner owns (for random picks).
	total    []int
	has      map[int]bool
	boundHit bool // no more buckets may be opened
}

type bucketCount struct {
	bucket int
	count  int64
}

// NewPartitionIndex returns an empty index; load existing buckets with Load
// before the first Assign.
func NewPartitionIndex(o Options) (*PartitionIndex, error) {
	if err := o.Validate(); err != nil {
		return nil, err
	}
	p := &PartitionIndex{
		opts: o, hash2bucket: map[int32]int16{}, buckets: map[int]*bucketHashes{},
		assigners: make([]assigner, o.Assigners), rnd: rand.New(rand.NewPCG(rand.Uint64(), rand.Uint64())),
	}
	for i := range p.assigners {
		p.assigners[i] = assigner{id: i, has: map[int]bool{}}
	}
	return p, nil
}

func ownerOf(x int64, n int) int {
	r := x % int64(n)
	if r < 0 {
		r = -r
	}
	return int(r)
}

// Load adds the hashes of an existing bucket's HASH index file. Each hash is
// mapped to the bucket (a later Load of the same hash wins, as in Java) and
// counts towards the bucket's size.
func (p *PartitionIndex) Load(bucket int, hashes []int32) error {
	if bucket < 0 || bucket >= MaxBuckets {
		return fmt.Errorf("dynamic bucket: bucket id %d is outside 0..%d", bucket, MaxBuckets-1)
	}
	for _, h := range hashes {
		p.hash2bucket[h] = int16(bucket)
	}
	bh := p.buckets[bucket]
	if bh == nil {
		bh = &bucketHashes{}
		p.buckets[bucket] = bh
	}
	bh.hashes = append(bh.hashes, hashes...)
	a := &p.assigners[ownerOf(int64(bucket), len(p.assigners))]
	if !a.has[bucket] {
		a.has[bucket] = true
		a.total = append(a.total, bucket)
		i, _ := slices.BinarySearchFunc(a.nonFull, bucket, func(c bucketCount, b int) int { return c.bucket - b })
		a.nonFull = slices.Insert(a.nonFull, i, bucketCount{bucket: bucket})
	}
	for i := range a.nonFull {
		if a.nonFull[i].bucket == bucket {
			a.nonFull[i].count += int64(len(hashes))
		}
	}
	return nil
}

// Assign returns the bucket of a key hash, assigning one to a hash not seen
// before. It fails only when a bucket is needed beyond MaxBuckets with
// max-buckets unlimited, or when the hash's assigner owns no bucket and may
// open none.
func (p *PartitionIndex) Assign(hash int32) (int, error) {
	if b, ok := p.hash2bucket[hash]; ok {
		return int(b), nil
	}
	a := &p.assigners[ownerOf(int64(hash), len(p.assigners))]
	b, err := p.pick(a)
	if err != nil {
		return 0, err
	}
	p.hash2bucket[hash] = int16(b)
	bh := p.buckets[b]
	if bh == nil {
		bh = &bucketHashes{}
		p.buckets[b] = bh
	}
	bh.hashes = append(bh.hashes, hash)
	bh.dirty = true
	return b, nil
}

func (p *PartitionIndex) pick(a *assigner) (int, error) {
	// 1. The first bucket that is not full yet; full ones leave the list.
	for len(a.nonFull) > 0 {
		if c := &a.nonFull[0]; c.count < p.opts.TargetRowNum {
			c.count++
			return c.bucket, nil
		}
		a.nonFull = a.nonFull[1:]
	}
	// 2. A new bucket: the lowest free id the assigner owns.
	limit := p.opts.MaxBuckets
	if limit == -1 {
		limit = MaxBuckets
	}
	if !a.boundHit {
		for b := 0; b < limit; b++ {
			if ownerOf(int64(b), len(p.assigners)) == a.id && !a.has[b] {
				a.has[b] = true
				a.total = append(a.total, b)
				a.nonFull = append(a.nonFull, bucketCount{bucket: b, count: 1})
				return b, nil
			}
		}
		if p.opts.MaxBuckets == -1 {
			return 0, fmt.Errorf("dynamic bucket: a partition needs more than %d buckets; increase 'dynamic-bucket.target-row-num' (%d)",
				MaxBuckets, p.opts.TargetRowNum)
		}
		a.boundHit = true
	}
	// 3. Over 'dynamic-bucket.max-buckets': any of the assigner's buckets.
	if len(a.total) == 0 {
		return 0, fmt.Errorf("dynamic bucket: 'dynamic-bucket.max-buckets' (%d) leaves bucket assigner %d of %d no bucket; "+
			"raise it to at least the number of assigners ('dynamic-bucket.initial-buckets')", p.opts.MaxBuckets, a.id, len(p.assigners))
	}
	return a.total[p.rnd.IntN(len(a.total))], nil
}

// Dirty returns the buckets whose hashes changed since the last MarkClean,
// in ascending order.
func (p *PartitionIndex) Dirty() []int {
	var out []int
	for b, bh := range p.buckets {
		if bh.dirty {
			out = append(out, b)
		}
	}
	slices.Sort(out)
	return out
}

// Hashes returns the hashes of a bucket (the content of its HASH index file),
// valid until the next Assign or Load.
func (p *PartitionIndex) Hashes(bucket int) []int32 {
	if bh := p.buckets[bucket]; bh != nil {
		return bh.hashes
	}
	return nil
}

// MarkClean records that the bucket's hashes were written.
func (p *PartitionIndex) MarkClean(bucket int) {
	if bh := p.buckets[bucket]; bh != nil {
		bh.dirty = false
	}
}

// Len returns the number of distinct key hashes the index maps.
func (p *PartitionIndex) Len() int { return len(p.hash2bucket) }
