package compaction

import (
	"strings"
	"testing"
	"time"

	"github.com/weir-data/weir/paimon/manifest"
	"github.com/weir-data/weir/paimon/options"
)

func parse(t *testing.T, m map[string]string) options.Options {
	t.Helper()
	o, err := options.Parse(m)
	if err != nil {
		t.Fatal(err)
	}
	return o
}

func TestConfigDefaults(t *testing.T) {
	c, err := ConfigFromOptions(parse(t, nil))
	if err != nil {
		t.Fatal(err)
	}
	if c.NumLevels != 6 || c.CompactionTrigger != 5 || c.StopTrigger != 8 || c.MaxSizeAmp != 200 ||
		c.SizeRatio != 1 || c.OffPeakStartHour != -1 || c.NeedLookup || c.LookupMaxInterval != 0 ||
		c.CompactionFileSize != (128<<20)/10*7 || c.OptimizationInterval != 0 {
		t.Fatalf("defaults: %+v", c)
	}
	if _, ok := c.NewStrategy(nil, time.Time{}).(*UniversalCompaction); !ok {
		t.Error("default strategy is not universal")
	}
}

func TestConfigOptions(t *testing.T) {
	c, err := ConfigFromOptions(parse(t, map[string]string{
		"num-sorted-run.compaction-trigger":         "3",
		"compaction.max-size-amplification-percent": "50",
		"compaction.size-ratio":                     "7",
		"compaction.optimization-interval":          "1 h",
		"compaction.total-size-threshold":           "1 mb",
		"compaction.incremental-size-threshold":     "2 mb",
		"changelog-producer":                        "lookup",
		"lookup-compact":                            "gentle",
		"full-compaction.delta-commits":             "4",
		"target-file-size":                          "10 mb",
		"compaction.force-rewrite-all-files":        "true",
		"compaction.offpeak.start.hour":             "22",
		"compaction.offpeak.end.hour":               "4",
		"compaction.offpeak-ratio":                  "9",
	}))
	if err != nil {
		t.Fatal(err)
	}
	if c.NumLevels != 4 || c.StopTrigger != 6 || c.MaxSizeAmp != 50 || c.SizeRatio != 7 ||
		c.OptimizationInterval != time.Hour || c.TotalSizeThreshold != 1<<20 || c.IncrementalSizeThreshold != 2<<20 ||
		!c.NeedLookup || c.LookupMaxInterval != 6 || c.FullCompactionDeltaCommits != 4 ||
		c.CompactionFileSize != (10<<20)/10*7 || !c.ForceRewriteAllFiles || c.OffPeakRatio != 9 {
		t.Fatalf("config: %+v", c)
	}
	s, ok := c.NewStrategy(nil, time.UnixMilli(5)).(*ForceUpLevel0)
	if !ok || s.MaxInterval != 6 || s.Universal.Early == nil || s.Universal.OffPeak == nil || s.Universal.Early.Interval != time.Hour {
		t.Fatalf("strategy: %+v", s)
	}

	// Radical lookup (default) and deletion vectors: forced, no interval.
	c, _ = ConfigFromOptions(parse(t, map[string]string{"deletion-vectors.enabled": "true"}))
	if s, ok := c.NewStrategy(nil, time.Time{}).(*ForceUpLevel0); !ok || s.MaxInterval != 0 {
		t.Fatal("deletion vectors must force up level 0")
	}
	// Gentle interval is at least the trigger.
	c, _ = ConfigFromOptions(parse(t, map[string]string{"merge-engine": "first-row", "lookup-compact": "gentle", "lookup-compact.max-interval": "2"}))
	if c.LookupMaxInterval != 5 {
		t.Fatalf("gentle interval %d", c.LookupMaxInterval)
	}
	c, _ = ConfigFromOptions(parse(t, map[string]string{"compaction.force-up-level-0": "true"}))
	if s, ok := c.NewStrategy(nil, time.Time{}).(*ForceUpLevel0); !ok || s.MaxInterval != 0 {
		t.Fatal("force-up-level-0")
	}
	// Unregistered keys are not validated by options.Parse; a bad value is
	// an error here.
	_, err = ConfigFromOptions(parse(t, map[string]string{"compaction.incremental-size-threshold": "lots"}))
	if err == nil || !strings.Contains(err.Error(), "compaction.incremental-size-threshold") {
		t.Fatalf("bad value: %v", err)
	}
	_, err = ConfigFromOptions(parse(t, map[string]string{"num-levels": "1"}))
	if err == nil {
		t.Fatal("num-levels 1 accepted")
	}
}

func TestEstimateLastFullCompaction(t *testing.T) {
	ms := func(v int64) *int64 { return &v }
	files := []manifest.DataFileMeta{
		{FileName: "a", Level: 5, CreationTime: ms(1000)},
		{FileName: "b", Level: 5, CreationTime: ms(3000)},
		{FileName: "c", Level: 0, CreationTime: ms(9000)},
		{FileName: "d", Level: 5},
	}
	got, ok := EstimateLastFullCompaction(files, 6, time.UTC)
	if !ok || got.UnixMilli() != 3000 {
		t.Fatalf("got %v %v", got, ok)
	}
	// The stored wall-clock reading is interpreted in the given zone.
	loc := time.FixedZone("UTC+2", 2*3600)
	got, _ = EstimateLastFullCompaction(files, 6, loc)
	if got.UnixMilli() != 3000-2*3600*1000 {
		t.Fatalf("zone: %v", got.UnixMilli())
	}
	if _, ok := EstimateLastFullCompaction(files[2:], 6, nil); ok {
		t.Fatal("estimated without max-level creation times")
	}
}
