package compaction

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/weir-data/weir/paimon/options"
)

// Config is the compaction configuration of a primary-key table, read from
// its options with Paimon's defaults.
type Config struct {
	NumLevels                int           // num-levels (default trigger + 1)
	CompactionTrigger        int           // num-sorted-run.compaction-trigger (5)
	StopTrigger              int           // num-sorted-run.stop-trigger (trigger + 3)
	MaxSizeAmp               int           // compaction.max-size-amplification-percent (200)
	SizeRatio                int           // compaction.size-ratio (1)
	OptimizationInterval     time.Duration // compaction.optimization-interval (0 = unset)
	TotalSizeThreshold       int64         // compaction.total-size-threshold (0 = unset)
	IncrementalSizeThreshold int64         // compaction.incremental-size-threshold (0 = unset)
	OffPeakStartHour         int           // compaction.offpeak.start.hour (-1)
	OffPeakEndHour           int           // compaction.offpeak.end.hour (-1)
	OffPeakRatio             int           // compaction.offpeak-ratio (0)
	ForceUpLevel0            bool          // compaction.force-up-level-0
	ForceRewriteAllFiles     bool          // compaction.force-rewrite-all-files
	// NeedLookup is CoreOptions.needLookup: changelog-producer lookup,
	// deletion vectors, merge-engine first-row or force-lookup.
	NeedLookup bool
	// LookupMaxInterval is the gentle lookup-compact interval
	// (lookup-compact.max-interval, default 2 * trigger, at least trigger);
	// 0 in radical mode or when lookup is not needed.
	LookupMaxInterval int
	MergeEngine       string // merge-engine
	DeletionVectors   bool   // deletion-vectors.enabled
	// CompactionFileSize is target-file-size / 10 * 7: files below it are
	// rewritten rather than upgraded (PlanOptions.MinFileSize).
	CompactionFileSize int64
	// FullCompactionDeltaCommits is full-compaction.delta-commits (0 = unset):
	// the writer forces PickFullCompaction every that many commits.
	FullCompactionDeltaCommits int
}

// ConfigFromOptions reads a primary-key table's compaction configuration.
// Options without a typed accessor in package options are read with
// Options.Get and parsed here; a value that does not parse is an error naming
// the option.
func ConfigFromOptions(o options.Options) (Config, error) {
	c := Config{
		NumLevels:         o.NumLevels(),
		CompactionTrigger: o.NumSortedRunCompactionTrigger(),
		StopTrigger:       o.NumSortedRunStopTrigger(),
		MergeEngine:       o.MergeEngine(),
		DeletionVectors:   o.DeletionVectorsEnabled(),
	}
	c.CompactionFileSize = o.TargetFileSize(true) / 10 * 7
	if n, ok := o.FullCompactionDeltaCommits(); ok {
		c.FullCompactionDeltaCommits = n
	}
	var err error
	get := func(key string, def int, dst *int) {
		if err != nil {
			return
		}
		*dst = def
		if v, ok := o.Get(key); ok {
			n, e := strconv.Atoi(strings.TrimSpace(v))
			if e != nil {
				err = fmt.Errorf("compaction: option '%s': %w", key, e)
				return
			}
			*dst = n
		}
	}
	getBool := func(key string, dst *bool) {
		if err != nil {
			return
		}
		if v, ok := o.Get(key); ok {
			b, e := options.ParseBool(v)
			if e != nil {
				err = fmt.Errorf("compaction: option '%s': %w", key, e)
				return
			}
			*dst = b
		}
	}
	getMem := func(key string, dst *int64) {
		if err != nil {
			return
		}
		if v, ok := o.Get(key); ok {
			n, e := options.ParseMemorySize(v)
			if e != nil {
				err = fmt.Errorf("compaction: option '%s': %w", key, e)
				return
			}
			*dst = n
		}
	}
	get("compaction.max-size-amplification-percent", 200, &c.MaxSizeAmp)
	get("compaction.size-ratio", 1, &c.SizeRatio)
	get("compaction.offpeak.start.hour", -1, &c.OffPeakStartHour)
	get("compaction.offpeak.end.hour", -1, &c.OffPeakEndHour)
	get("compaction.offpeak-ratio", 0, &c.OffPeakRatio)
	getBool("compaction.force-up-level-0", &c.ForceUpLevel0)
	getBool("compaction.force-rewrite-all-files", &c.ForceRewriteAllFiles)
	getMem("compaction.total-size-threshold", &c.TotalSizeThreshold)
	getMem("compaction.incremental-size-threshold", &c.IncrementalSizeThreshold)
	if err == nil {
		if v, ok := o.Get("compaction.optimization-interval"); ok {
			d, e := options.ParseDuration(v)
			if e != nil {
				err = fmt.Errorf("compaction: option 'compaction.optimization-interval': %w", e)
			}
			c.OptimizationInterval = d
		}
	}
	var forceLookup bool
	getBool("force-lookup", &forceLookup)
	c.NeedLookup = o.ChangelogProducer() == "lookup" || c.DeletionVectors ||
		c.MergeEngine == "first-row" || forceLookup
	if c.NeedLookup {
		mode, _ := o.Get("lookup-compact")
		if strings.EqualFold(strings.TrimSpace(mode), "gentle") {
			get("lookup-compact.max-interval", 2*c.CompactionTrigger, &c.LookupMaxInterval)
			c.LookupMaxInterval = max(c.LookupMaxInterval, c.CompactionTrigger)
		}
	}
	if err != nil {
		return Config{}, err
	}
	if c.NumLevels < 2 {
		return Config{}, fmt.Errorf("compaction: num-levels must be at least 2, got %d", c.NumLevels)
	}
	return c, nil
}

// NewStrategy builds the table's strategy as
// MergeTreeCompactManagerFactory.createCompactStrategy does: UniversalCompaction
// (with EarlyFullCompaction and OffPeakHours when configured), wrapped in
// ForceUpLevel0 when lookup is needed or compaction.force-up-level-0 is set.
// now is the clock (nil means time.Now); lastFull, when non-zero, seeds the
// time of the last full compaction (EstimateLastFullCompaction).
func (c Config) NewStrategy(now func() time.Time, lastFull time.Time) Strategy {
	u := &UniversalCompaction{
		MaxSizeAmp:              c.MaxSizeAmp,
		SizeRatio:               c.SizeRatio,
		NumRunCompactionTrigger: c.CompactionTrigger,
		OffPeak:                 NewOffPeakHours(c.OffPeakStartHour, c.OffPeakEndHour, c.OffPeakRatio),
		Now:                     now,
	}
	if c.OptimizationInterval > 0 || c.TotalSizeThreshold > 0 || c.IncrementalSizeThreshold > 0 {
		u.Early = &EarlyFullCompaction{
			Interval:                 c.OptimizationInterval,
			TotalSizeThreshold:       c.TotalSizeThreshold,
			IncrementalSizeThreshold: c.IncrementalSizeThreshold,
			Now:                      now,
		}
		if !lastFull.IsZero() {
			u.Early.SetLastFullCompaction(lastFull)
		}
	}
	if c.NeedLookup {
		return &ForceUpLevel0{Universal: u, MaxInterval: c.LookupMaxInterval}
	}
	if c.ForceUpLevel0 {
		return &ForceUpLevel0{Universal: u}
	}
	return u
}
