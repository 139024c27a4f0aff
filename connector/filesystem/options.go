package filesystem

import (
	"math"
	"strings"
	"time"

	"github.com/weir-data/weir/connector"
	"github.com/weir-data/weir/paimon/partition"
	"github.com/weir-data/weir/vec"
)

// Option keys (Flink's).
const (
	OptPath                 = "path"
	OptFormat               = "format"
	OptPartitionDefaultName = "partition.default-name"
	OptRollingFileSize      = "sink.rolling-policy.file-size"
	OptMonitorInterval      = "source.monitor-interval"

	OptCSVFieldDelimiter        = "csv.field-delimiter"
	OptCSVQuoteCharacter        = "csv.quote-character"
	OptCSVDisableQuoteCharacter = "csv.disable-quote-character"
	OptCSVAllowComments         = "csv.allow-comments"
	OptCSVIgnoreParseErrors     = "csv.ignore-parse-errors"
	OptCSVArrayElementDelimiter = "csv.array-element-delimiter"
	OptCSVEscapeCharacter       = "csv.escape-character"
	OptCSVNullLiteral           = "csv.null-literal"

	OptJSONFailOnMissingField     = "json.fail-on-missing-field"
	OptJSONIgnoreParseErrors      = "json.ignore-parse-errors"
	OptJSONTimestampFormat        = "json.timestamp-format.standard"
	OptJSONMapNullKeyMode         = "json.map-null-key.mode"
	OptJSONMapNullKeyLiteral      = "json.map-null-key.literal"
	OptJSONEncodeDecimalPlain     = "json.encode.decimal-as-plain-number"
	OptJSONEncodeIgnoreNullFields = "json.encode.ignore-null-fields"
)

// DefaultRollingFileSize is the default of sink.rolling-policy.file-size.
const DefaultRollingFileSize = 128 << 20

var optionSpecs = []connector.OptionSpec{
	{Key: OptPath, Required: true, Description: "file or directory: a local path, file:// or s3:// URI"},
	{Key: OptFormat, Required: true, Description: "csv, json or parquet"},
	{Key: OptPartitionDefaultName, Default: partition.DefaultPartitionName, Description: "directory name of NULL and empty partition values"},
	{Key: OptRollingFileSize, Default: "128MB", Description: "a part file is closed and a new one begun at this size"},
	{Key: "sink.rolling-policy.rollover-interval", Default: "30 min", Description: "streaming: longest time a part file stays open"},
	{Key: "sink.rolling-policy.inactivity-interval", Default: "30 min", Description: "streaming: roll a part file idle this long"},
	{Key: "sink.rolling-policy.check-interval", Default: "1 min", Description: "streaming: how often time-based rolling is checked"},
	{Key: "auto-compaction", Default: "false", Description: "streaming: compact small files (accepted, not implemented)"},
	{Key: "compaction.file-size", Description: "streaming: compaction target size"},
	{Key: "sink.shuffle-by-partition.enable", Default: "false", Description: "shuffle rows by partition before writing"},
	{Key: "sink.parallelism", Description: "parallelism of the sink"},
	{Key: OptMonitorInterval, Description: "streaming: how often the path is listed for new files"},
	{Key: "source.path.regex-pattern", Description: "only read files whose path matches"},
	{Key: "source.report-statistics", Default: "ALL", Description: "NONE or ALL"},
	{Key: "partition.time-extractor.kind", Default: "default", Description: "default or custom"},
	{Key: "partition.time-extractor.class", Description: "custom extractor class"},
	{Key: "partition.time-extractor.timestamp-pattern", Description: "how to build a timestamp from partition values"},
	{Key: "partition.time-extractor.timestamp-formatter", Default: "yyyy-MM-dd HH:mm:ss", Description: "format of the built timestamp"},
	{Key: "sink.partition-commit.trigger", Default: "process-time", Description: "process-time or partition-time"},
	{Key: "sink.partition-commit.delay", Default: "0 s", Description: "wait before committing a partition"},
	{Key: "sink.partition-commit.watermark-time-zone", Default: "UTC", Description: "time zone of watermarks"},
	{Key: "sink.partition-commit.policy.kind", Description: "metastore, success-file or custom (comma separated)"},
	{Key: "sink.partition-commit.policy.class", Description: "custom commit policy class"},
	{Key: "sink.partition-commit.policy.class.parameters", Description: "parameters of the custom policy"},
	{Key: "sink.partition-commit.success-file.name", Default: "_SUCCESS", Description: "name of the success file"},

	{Key: OptCSVFieldDelimiter, Default: ",", Description: "field delimiter character"},
	{Key: OptCSVQuoteCharacter, Default: `"`, Description: "quote character"},
	{Key: OptCSVDisableQuoteCharacter, Default: "false", Description: "no quoting at all"},
	{Key: OptCSVAllowComments, Default: "false", Description: "skip lines starting with '#'"},
	{Key: OptCSVIgnoreParseErrors, Default: "false", Description: "bad fields become NULL, bad rows are skipped"},
	{Key: OptCSVArrayElementDelimiter, Default: ";", Description: "separator of array elements"},
	{Key: OptCSVEscapeCharacter, Description: "escape character (none by default)"},
	{Key: OptCSVNullLiteral, Description: "string read and written as NULL"},

	{Key: OptJSONFailOnMissingField, Default: "false", Description: "a missing field is an error instead of NULL"},
	{Key: OptJSONIgnoreParseErrors, Default: "false", Description: "bad fields become NULL, bad rows are skipped"},
	{Key: OptJSONTimestampFormat, Default: "SQL", Description: "SQL (yyyy-MM-dd HH:mm:ss.s) or ISO-8601 (yyyy-MM-ddTHH:mm:ss.s)"},
	{Key: OptJSONMapNullKeyMode, Default: "FAIL", Description: "FAIL, DROP or LITERAL for null map keys"},
	{Key: OptJSONMapNullKeyLiteral, Default: "null", Description: "the key written for null map keys in LITERAL mode"},
	{Key: OptJSONEncodeDecimalPlain, Default: "false", Description: "write decimals without scientific notation"},
	{Key: OptJSONEncodeIgnoreNullFields, Default: "false", Description: "leave NULL fields out of written objects"},
}

// format names.
const (
	formatCSV     = "csv"
	formatJSON    = "json"
	formatParquet = "parquet"
)

// config is a validated filesystem table.
type config struct {
	table       string
	path        string
	format      string
	defaultName string
	rollSize    int64

	csv  csvOptions
	json jsonOptions
}

type csvOptions struct {
	delim         byte
	quote         byte // 0: quoting disabled
	escape        byte // 0: none
	allowComments bool
	ignoreErrors  bool
	nullLiteral   string
	hasNull       bool
}

type jsonOptions struct {
	failOnMissing    bool
	ignoreErrors     bool
	iso              bool
	ignoreNullFields bool
	decimalPlain     bool
}

func parseConfig(t connector.TableInfo) (*config, error) {
	if err := connector.CheckKeys(Name, optionSpecs, t); err != nil {
		return nil, err
	}
	o := connector.NewOptions(Name, t)
	c := &config{
		table:       t.Name,
		path:        strings.TrimSpace(o.String(OptPath, "")),
		format:      o.Enum(OptFormat, "", formatCSV, formatJSON, formatParquet),
		defaultName: o.String(OptPartitionDefaultName, partition.DefaultPartitionName),
		rollSize:    o.MemorySize(OptRollingFileSize, DefaultRollingFileSize),
	}
	if o.Has(OptPath) && c.path == "" {
		o.Fail(OptPath, "a file or directory, e.g. 'file:///data/t' or 's3://bucket/t'")
	}
	if c.defaultName == "" {
		o.Fail(OptPartitionDefaultName, "a non-empty directory name")
	}
	for _, k := range []string{"sink.rolling-policy.rollover-interval", "sink.rolling-policy.inactivity-interval",
		"sink.rolling-policy.check-interval", "sink.partition-commit.delay", OptMonitorInterval} {
		o.Duration(k, time.Minute)
	}
	o.Bool("auto-compaction", false)
	o.Bool("sink.shuffle-by-partition.enable", false)
	o.MemorySize("compaction.file-size", DefaultRollingFileSize)
	o.Int("sink.parallelism", 1, 1, math.MaxInt32)
	o.Enum("source.report-statistics", "ALL", "NONE", "ALL")
	o.Enum("partition.time-extractor.kind", "default", "default", "custom")
	o.Enum("sink.partition-commit.trigger", "process-time", "process-time", "partition-time")
	if o.Has("sink.partition-commit.policy.kind") {
		for _, p := range strings.Split(o.String("sink.partition-commit.policy.kind", ""), ",") {
			switch strings.TrimSpace(p) {
			case "metastore", "success-file", "custom":
			default:
				o.Fail("sink.partition-commit.policy.kind", "a comma-separated list of 'metastore', 'success-file', 'custom'")
			}
		}
	}
	if o.Has("source.path.regex-pattern") {
		o.Failf("source.path.regex-pattern", "is not supported by Weir yet: point 'path' at the files to read")
	}

	// Format options must match the format, as Flink's format factories
	// consume only their own.
	for k := range t.Options {
		if (strings.HasPrefix(k, "csv.") && c.format != formatCSV) || (strings.HasPrefix(k, "json.") && c.format != formatJSON) {
			o.Failf(k, "applies to format '%s', but the table's format is '%s'", k[:strings.IndexByte(k, '.')], c.format)
		}
	}
	c.csv = csvOptions{
		delim:         asciiChar(o, OptCSVFieldDelimiter, ','),
		quote:         asciiChar(o, OptCSVQuoteCharacter, '"'),
		allowComments: o.Bool(OptCSVAllowComments, false),
		ignoreErrors:  o.Bool(OptCSVIgnoreParseErrors, false),
		nullLiteral:   o.String(OptCSVNullLiteral, ""),
		hasNull:       o.Has(OptCSVNullLiteral),
	}
	asciiChar(o, OptCSVArrayElementDelimiter, ';')
	if o.Has(OptCSVEscapeCharacter) {
		c.csv.escape = asciiChar(o, OptCSVEscapeCharacter, 0)
	}
	if o.Bool(OptCSVDisableQuoteCharacter, false) {
		if o.Has(OptCSVQuoteCharacter) {
			o.Failf(OptCSVQuoteCharacter, "cannot be set together with '%s' = 'true'", OptCSVDisableQuoteCharacter)
		}
		c.csv.quote = 0
	}
	if c.csv.delim == c.csv.quote || (c.csv.escape != 0 && (c.csv.escape == c.csv.delim || c.csv.escape == c.csv.quote)) ||
		c.csv.delim == '\n' || c.csv.delim == '\r' {
		o.Failf(OptCSVFieldDelimiter, "the delimiter, quote and escape characters must differ and not be line breaks")
	}
	c.json = jsonOptions{
		failOnMissing:    o.Bool(OptJSONFailOnMissingField, false),
		ignoreErrors:     o.Bool(OptJSONIgnoreParseErrors, false),
		iso:              o.Enum(OptJSONTimestampFormat, "SQL", "SQL", "ISO-8601") == "ISO-8601",
		ignoreNullFields: o.Bool(OptJSONEncodeIgnoreNullFields, false),
	}
	if c.json.failOnMissing && c.json.ignoreErrors {
		o.Failf(OptJSONFailOnMissingField, "cannot be 'true' together with '%s' = 'true'", OptJSONIgnoreParseErrors)
	}
	o.Enum(OptJSONMapNullKeyMode, "FAIL", "FAIL", "DROP", "LITERAL")
	c.json.decimalPlain = o.Bool(OptJSONEncodeDecimalPlain, false)

	for _, col := range t.Columns {
		if _, err := vec.KindOf(col.Type); err != nil {
			o.Failf(OptFormat, "column %s has type %s, which the filesystem connector cannot read or write yet", col.Name, col.Type)
		}
	}
	for _, k := range t.PartitionKeys {
		if t.ColumnIndex(k) < 0 {
			o.Failf(OptPath, "partition key %s is not a column", k)
		}
	}
	if len(t.PartitionKeys) > 0 && len(t.PartitionKeys) == len(t.Columns) {
		o.Failf(OptPath, "every column is a partition key, so files would have no columns")
	}
	return c, o.Err()
}

// asciiChar reads a single-byte character option.
func asciiChar(o *connector.Options, key string, def byte) byte {
	r := o.Char(key, rune(def))
	if r >= 0x80 {
		o.Fail(key, "a single ASCII character")
		return def
	}
	return byte(r)
}
