package table

import (
	"context"
	"fmt"
	"time"

	"github.com/weir-data/weir/paimon/options"
)

// fullCompactionEvery returns how many commits apart a writer forces a full
// compaction of its buckets, as Paimon's Flink sink decides it
// (FlinkSink.createWriteProvider → GlobalFullCompactionSinkWrite): the
// full-compaction.delta-commits option; else the legacy
// changelog-producer.compaction-interval divided by the interval between
// commits (the job's checkpoint interval); either way at least 1, and every
// commit for changelog-producer = full-compaction without them. 0 means never.
func (t *Table) fullCompactionEvery(commitInterval time.Duration) (int, error) {
	delta := -1
	if n, ok := t.opts.FullCompactionDeltaCommits(); ok {
		delta = n
	} else if v, ok := t.opts.Get("changelog-producer.compaction-interval"); ok {
		d, err := options.ParseDuration(v)
		if err != nil {
			return 0, fmt.Errorf("table %s: option 'changelog-producer.compaction-interval': %w", t.name, err)
		}
		delta = 0
		if commitInterval > 0 {
			delta = int(d / commitInterval)
		}
	}
	if t.opts.ChangelogProducer() == "full-compaction" || delta >= 0 {
		return max(delta, 1), nil
	}
	return 0, nil
}

// lookupWait reports whether Prepare waits for the compaction of level-0
// files (tables that need lookup, with lookup-wait, the default): their
// changes then reach readers and the lookup changelog in the same commit.
func (t *Table) lookupWait() bool {
	if !t.needLookup() {
		return false
	}
	v, _ := t.opts.Get("lookup-wait")
	b, err := options.ParseBool(v)
	return err != nil || b
}

// prepareCompaction runs the compactions a commit waits for, before Prepare
// collects the finished ones: every fullEvery-th Prepare a full compaction of
// every bucket (changelog-producer = full-compaction, full-compaction.delta-commits),
// and for tables that need lookup (with lookup-wait) compactions until no
// bucket keeps level-0 files. Paimon compacts level 0 once per commit and may
// leave files behind; compacting until level 0 is empty makes every commit's
// changes visible in its own lookup changelog.
func (w *Writer) prepareCompaction(ctx context.Context) error {
	c := w.compact
	if c == nil {
		return nil
	}
	full := false
	if c.fullEvery > 0 {
		c.prepares++
		full = c.prepares%c.fullEvery == 0
	}
	for _, key := range w.order {
		if _, err := w.levelsOf(key); err != nil {
			return err
		}
		if full {
			if err := w.collectCompaction(ctx, true); err != nil {
				return err
			}
			if w.startCompactionOf(ctx, key, true) {
				if err := w.collectCompaction(ctx, true); err != nil {
					return err
				}
			}
		}
		if !c.lookupWait {
			continue
		}
		for len(c.levels[key].Level0()) > 0 {
			if err := w.collectCompaction(ctx, true); err != nil {
				return err
			}
			if len(c.levels[key].Level0()) == 0 || !w.startCompactionOf(ctx, key, false) {
				break
			}
			if err := w.collectCompaction(ctx, true); err != nil {
				return err
			}
		}
	}
	return nil
}
