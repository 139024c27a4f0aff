package options

import (
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

func TestParseDuration(t *testing.T) {
	tests := []struct {
		in   string
		want time.Duration
		bad  bool
	}{
		{"1 h", time.Hour, false}, {"10 s", 10 * time.Second, false}, {"5min", 5 * time.Minute, false},
		{"100 ms", 100 * time.Millisecond, false}, {"2m", 2 * time.Minute, false}, {"2h", 2 * time.Hour, false},
		{"250", 250 * time.Millisecond, false}, {"3 d", 72 * time.Hour, false}, {"7 DAYS", 7 * 24 * time.Hour, false},
		{"1 seconds", time.Second, false}, {"5 us", 5 * time.Microsecond, false}, {"9ns", 9, false},
		{"", 0, true}, {"h", 0, true}, {"1 week", 0, true}, {"-1 s", 0, true}, {"1.5 h", 0, true},
		{"99999999999999999999 d", 0, true}, {"9999999999 d", 0, true},
	}
	for _, tc := range tests {
		got, err := ParseDuration(tc.in)
		if tc.bad != (err != nil) || got != tc.want {
			t.Errorf("ParseDuration(%q) = %v, %v", tc.in, got, err)
		}
	}
}

func TestParseMemorySize(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		bad  bool
	}{
		{"128 mb", 128 << 20, false}, {"1gb", 1 << 30, false}, {"64 kb", 64 << 10, false}, {"64kb", 64 << 10, false},
		{"500 B", 500, false}, {"42", 42, false}, {"2 MB", 2 << 20, false}, {"1 t", 1 << 40, false}, {"3 mebibytes", 3 << 20, false},
		{"", 0, true}, {"mb", 0, true}, {"1 pb", 0, true}, {"1.5 mb", 0, true}, {"99999999999 tb", 0, true},
	}
	for _, tc := range tests {
		got, err := ParseMemorySize(tc.in)
		if tc.bad != (err != nil) || got != tc.want {
			t.Errorf("ParseMemorySize(%q) = %v, %v", tc.in, got, err)
		}
	}
}

func TestDefaultsParse(t *testing.T) {
	for _, o := range All() {
		if o.HasDefault && o.Default != "" {
			if err := CheckValue(&o, o.Default); err != nil {
				t.Errorf("default of %s does not parse: %v", o.Key, err)
			}
		}
		if o.Kind == Enum && len(o.Values) == 0 {
			t.Errorf("enum %s without values", o.Key)
		}
	}
}

func TestValidate(t *testing.T) {
	fields := []string{"id", "name", "amount", "ts", "g_1", "g_2", "a", "b"}
	tests := []struct {
		name string
		opts map[string]string
		want []string // substrings, each must appear; nil = valid
	}{
		{"valid", map[string]string{
			"bucket": "2", "bucket-key": "id", "merge-engine": "Aggregation", "changelog-producer": "full-compaction",
			"snapshot.time-retained": "2h", "changelog-producer.compaction-interval": "2m",
			"fields.amount.aggregate-function": "sum", "fields.name.ignore-retract": "true",
			"fields.g_1.sequence-group": "a,b", "fields.g_1,g_2.sequence-group": "name",
			"fields.default-aggregate-function": "last_non_null_value", "sequence.field": "ts",
			"parquet.use-native": "false", "s3.endpoint": "http://x", "file-index.bloom-filter.columns": "id,name",
			"file-index.bloom-filter.id.fpp": "0.01", "commit.callback.com.x.Cb.param": "p",
			"first-row.ignore-delete": "true", "lookup.async": "true", "lookup.async-thread-number": "8",
			"partition.expiration-time": "7 d", "partition.expiration-check-interval": "1 d",
			"partition.timestamp-formatter": "yyyyMMdd", "partition.timestamp-pattern": "$dt",
			"write-buffer-size": "512 mb", "metadata.stats-mode": "truncate(32)", "fields.name.stats-mode": "none",
			"file.compression.per.level": "0:lz4,1:zstd", "scan.mode": "FROM_SNAPSHOT", "changelog-producer.row-deduplicate": "true",
		}, nil},
		{"all problems", map[string]string{
			"bukcet": "2", "bucket": "two", "merge-engine": "aggregate", "fields.nope.aggregate-function": "sum",
			"fields.amount.aggregate-function": "summ", "sequence.field": "ts,missing", "snapshot.time-retained": "2 weeks",
			"write-buffer-size": "lots", "fields.amount.ignore-retracts": "true", "metadata.stats-mode": "truncate(0)",
			"file-index.bloomfilter.columns": "id",
		}, []string{
			"table db.t: 11 invalid options",
			"'bukcet': unknown option (did you mean 'bucket'?)",
			"'bucket': \"two\" is not a 32-bit integer",
			"'merge-engine': \"aggregate\" is not allowed (allowed: deduplicate, partial-update, aggregation, first-row) (did you mean 'aggregation'?)",
			"'fields.nope.aggregate-function': column \"nope\" does not exist",
			"'fields.amount.aggregate-function': \"summ\" is not allowed",
			"'sequence.field': column \"missing\" does not exist",
			"'snapshot.time-retained': \"2 weeks\" is not a duration",
			"'write-buffer-size': \"lots\" is not a memory size",
			"unknown per-field option \"ignore-retracts\" (did you mean 'ignore-retract'?)",
			"'metadata.stats-mode'",
			"'file-index.bloomfilter.columns': unknown file index option",
		}},
		{"sequence group members", map[string]string{"fields.g_1.sequence-group": "a,zz"}, []string{`column "zz" does not exist`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := Validate("db.t", tc.opts, fields)
			if tc.want == nil {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatal("no error")
			}
			var ve *ValidationError
			if !errors.As(err, &ve) || ve.Table != "db.t" {
				t.Errorf("not a ValidationError: %T", err)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error lacks %q:\n%v", w, err)
				}
			}
		})
	}
	// Without field names, column checks are skipped.
	if err := Validate("t", map[string]string{"fields.x.ignore-retract": "true", "bucket-key": "q"}, nil); err != nil {
		t.Errorf("nil fields: %v", err)
	}
}

// TestSeedOptions checks that every option the seed scripts put in the WITH
// clauses of Paimon tables is known.
func TestSeedOptions(t *testing.T) {
	files, _ := filepath.Glob("../../../shared/seeds/*.txt")
	if len(files) == 0 {
		t.Fatal("seed scripts not found in ../shared/seeds (they sit beside the repository)")
	}
	re := regexp.MustCompile(`'([a-zA-Z][a-zA-Z0-9._-]*)' *= *'([^']*)'`)
	// Non-Paimon connectors' and SET options that also appear in the seeds.
	foreign := map[string]bool{"connector": true, "hostname": true, "port": true, "username": true, "password": true,
		"database-name": true, "schema-name": true, "table-name": true, "decoding.plugin.name": true,
		"debezium.slot.name": true, "debezium.snapshot.mode": true, "scan.startup.mode": true, "type": false,
		"warehouse": true, "pipeline.name": true, "table.exec.sink.upsert-materialize": true,
		"sql-client.execution.result-mode": true, "execution.runtime-mode": true}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range re.FindAllStringSubmatch(string(data), -1) {
			k, v := m[1], m[2]
			if foreign[k] || k == "type" {
				continue
			}
			if err := Validate("seed", map[string]string{k: v}, nil); err != nil {
				t.Errorf("%s: %v", filepath.Base(f), err)
			}
		}
	}
}

func TestOptionsAccessors(t *testing.T) {
	o, err := Parse(map[string]string{})
	if err != nil {
		t.Fatal(err)
	}
	checks := []struct {
		name      string
		got, want any
	}{
		{"Bucket", o.Bucket(), -1}, {"FileFormat", o.FileFormat(), "parquet"}, {"ZstdLevel", o.ZstdLevel(), 1},
		{"FileCompression", o.FileCompression(), "zstd"}, {"ManifestFormat", o.ManifestFormat(), "avro"},
		{"ManifestTargetFileSize", o.ManifestTargetFileSize(), int64(8 << 20)}, {"ManifestMergeMinCount", o.ManifestMergeMinCount(), 30},
		{"TargetFileSize pk", o.TargetFileSize(true), int64(128 << 20)}, {"TargetFileSize append", o.TargetFileSize(false), int64(256 << 20)},
		{"WriteBufferSize", o.WriteBufferSize(), int64(256 << 20)}, {"PageSize", o.PageSize(), int64(64 << 10)},
		{"Trigger", o.NumSortedRunCompactionTrigger(), 5}, {"Stop", o.NumSortedRunStopTrigger(), 8}, {"NumLevels", o.NumLevels(), 6},
		{"MergeEngine", o.MergeEngine(), "deduplicate"}, {"ChangelogProducer", o.ChangelogProducer(), "none"},
		{"DV", o.DeletionVectorsEnabled(), false}, {"StatsMode", o.StatsMode(), "truncate(16)"}, {"Dense", o.StatsDenseStore(), true},
		{"DefaultName", o.PartitionDefaultName(), "__DEFAULT_PARTITION__"}, {"Legacy", o.PartitionLegacyName(), true},
		{"MaxRetries", o.CommitMaxRetries(), 10}, {"Timeout", o.CommitTimeout(), time.Duration(0)},
		{"MinWait", o.CommitMinRetryWait(), 10 * time.Millisecond}, {"MaxWait", o.CommitMaxRetryWait(), 10 * time.Second},
		{"RetainMin", o.SnapshotNumRetainedMin(), 10}, {"RetainMax", o.SnapshotNumRetainedMax(), 2147483647},
		{"TimeRetained", o.SnapshotTimeRetained(), time.Hour}, {"ExpireLimit", o.SnapshotExpireLimit(), 50},
		{"ChangelogMin", o.ChangelogNumRetainedMin(), 10}, {"ChangelogTime", o.ChangelogTimeRetained(), time.Hour},
		{"Decoupled", o.ChangelogLifecycleDecoupled(), false}, {"SequenceField", len(o.SequenceField()), 0},
		{"IgnoreDelete", o.IgnoreDelete(), false}, {"ScanMode", o.ScanMode(), "latest-full"},
		{"Discovery", o.ContinuousDiscoveryInterval(), 10 * time.Second}, {"DataFilePrefix", o.DataFilePrefix(), "data-"},
		{"ChangelogFilePrefix", o.ChangelogFilePrefix(), "changelog-"}, {"TargetRowNum", o.DynamicBucketTargetRowNum(), int64(2000000)},
		{"CheckInterval", o.PartitionExpirationCheckInterval(), time.Hour}, {"Delimiter", o.FieldListAggDelimiter("x"), ","},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("default %s = %v, want %v", c.name, c.got, c.want)
		}
	}

	o, err = Parse(map[string]string{
		"bucket": "4", "bucket-key": "a, b", "file.format": "ORC", "num-sorted-run.compaction-trigger": "3",
		"merge-engine": "PARTIAL_UPDATE", "first-row.ignore-delete": "TRUE", "sequence.field": "t1,t2",
		"sequence.field.sort-order": "descending", "changelog.time-retained": "2 h", "commit.timeout": "30 s",
		"fields.amount.aggregate-function": "SUM", "fields.default-aggregate-function": "max",
		"fields.g_1,g_2.sequence-group": "x,y", "scan.snapshot-id": "9223372036854775807", "target-file-size": "64mb",
		"fields.c.stats-mode": "FULL", "write.compaction-skip": "true",
	})
	if err != nil {
		t.Fatal(err)
	}
	if o.Bucket() != 4 || strings.Join(o.BucketKey(), "|") != "a|b" || o.FileFormat() != "orc" || o.NumLevels() != 4 ||
		o.NumSortedRunStopTrigger() != 6 || o.MergeEngine() != "partial-update" || !o.IgnoreDelete() ||
		strings.Join(o.SequenceField(), ",") != "t1,t2" || !o.SequenceFieldDescending() || !o.ChangelogLifecycleDecoupled() ||
		o.CommitTimeout() != 30*time.Second || o.FieldAggregateFunction("amount") != "sum" || o.FieldAggregateFunction("other") != "max" ||
		strings.Join(o.SequenceGroups()["g_1,g_2"], ",") != "x,y" || o.ScanMode() != "from-snapshot" || o.TargetFileSize(true) != 64<<20 ||
		o.FieldStatsMode("c") != "full" || o.FieldStatsMode("d") != "truncate(16)" || !o.WriteOnly() {
		t.Errorf("accessors wrong: %+v", o.Map())
	}
	if id, ok := o.ScanSnapshotID(); !ok || id != 9223372036854775807 {
		t.Errorf("scan.snapshot-id = %d %v", id, ok)
	}
	if v, ok := o.Get("ignore-delete"); !ok || v != "TRUE" {
		t.Errorf("Get via fallback = %q %v", v, ok)
	}
	if v, ok := o.Get("scan.tag-name"); ok || v != "" {
		t.Errorf("Get unset = %q %v", v, ok)
	}
	if v, ok := o.Get("page-size"); !ok || v != "64 kb" {
		t.Errorf("Get default = %q %v", v, ok)
	}

	_, err = Parse(map[string]string{"bucket": "x", "commit.timeout": "soon", "fields.a.ignore-retract": "yes", "unknown.key": "ok"})
	if err == nil || !strings.Contains(err.Error(), "'bucket'") || !strings.Contains(err.Error(), "'commit.timeout'") || !strings.Contains(err.Error(), "'fields.a.ignore-retract'") {
		t.Errorf("Parse errors = %v", err)
	}
}

func TestLookup(t *testing.T) {
	o, ok := Lookup("deduplicate.ignore-delete")
	if !ok || o.Key != "ignore-delete" {
		t.Errorf("fallback lookup = %+v %v", o, ok)
	}
	if _, ok := Lookup("no.such"); ok {
		t.Errorf("found unknown")
	}
	if len(All()) < 200 {
		t.Errorf("registry has only %d options", len(All()))
	}
}
