package options

import "sort"

// Kind is the value kind of an option.
type Kind int

const (
	String    Kind = iota
	Int            // 32-bit integer
	Long           // 64-bit integer
	Bool           // true / false
	Double         // floating point
	Duration       // "10 s", "1 h", plain number = ms
	Memory         // "128 mb", plain number = bytes
	Enum           // one of Option.Values, case-insensitive
	List           // comma-separated strings
	LevelMap       // "0:lz4,1:zstd"
	StatsMode      // none | counts | full | truncate(N)
)

var kindNames = [...]string{"string", "int", "long", "boolean", "double", "duration", "memory size", "enum", "list", "map", "stats mode"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "unknown"
}

// Option describes one table option.
type Option struct {
	Key  string
	Kind Kind
	// Default is the value used when the option is not set; meaningful only
	// when HasDefault. Some defaults depend on other options (e.g.
	// num-levels = num-sorted-run.compaction-trigger + 1) and are computed by
	// the Options accessors; Description says so.
	Default    string
	HasDefault bool
	// Values are the allowed values of an Enum option (lower-case).
	Values      []string
	Description string
	// FallbackKeys are older keys read when Key is not set.
	FallbackKeys []string
	// Deprecated options are accepted but have no effect in Weir or are superseded.
	Deprecated bool
	// FieldRefs marks options whose value lists column names.
	FieldRefs bool
	// Connector marks Flink connector options (FlinkConnectorOptions) rather
	// than CoreOptions.
	Connector bool
}

const none = "\x00"

func opt(key string, kind Kind, def, desc string) Option {
	o := Option{Key: key, Kind: kind, Description: desc}
	if def != none {
		o.Default, o.HasDefault = def, true
	}
	return o
}

func (o Option) enum(values ...string) Option { o.Kind = Enum; o.Values = values; return o }
func (o Option) fallback(keys ...string) Option {
	o.FallbackKeys = append(o.FallbackKeys, keys...)
	return o
}
func (o Option) fields() Option     { o.FieldRefs = true; return o }
func (o Option) connector() Option  { o.Connector = true; return o }
func (o Option) deprecated() Option { o.Deprecated = true; return o }

// AggregateFunctions are the values of fields.<f>.aggregate-function and
// fields.default-aggregate-function.
var AggregateFunctions = []string{
	"sum", "product", "count", "max", "min", "last_value", "last_non_null_value", "listagg",
	"bool_and", "bool_or", "first_value", "first_non_null_value", "rbm32", "rbm64",
	"nested_update", "nested_partial_update", "collect", "merge_map", "merge_map_with_keytime",
	"hll_sketch", "theta_sketch", "primary_key",
}

// FileIndexTypes are the <type> of file-index.<type>.columns.
var FileIndexTypes = []string{"bloom-filter", "bitmap", "bsi", "range-bitmap"}

// PassThroughPrefixes are key prefixes handed to format writers and file
// system clients without validation.
var PassThroughPrefixes = []string{
	"parquet.", "orc.", "avro.", "csv.", "json.",
	"fs.", "s3.", "s3a.", "oss.", "hadoop.", "dfs.", "gs.", "azure.",
}

// FieldSuffixes are the per-field option families fields.<field>.<suffix>.
var FieldSuffixes = map[string]Option{
	"aggregate-function": opt("", Enum, none, "Aggregate function of the field for the aggregation and partial-update merge engines.").enum(AggregateFunctions...),
	"ignore-retract":     opt("", Bool, "false", "Whether the field's aggregate ignores retraction (-U/-D) messages."),
	"sequence-group":     opt("", List, none, "Columns updated together with the sequence field(s) named in the key (partial-update).").fields(),
	"list-agg-delimiter": opt("", String, ",", "Delimiter of the listagg aggregate."),
	"distinct":           opt("", Bool, "false", "Whether the collect aggregate keeps distinct elements only."),
	"nested-key":         opt("", List, none, "Key fields of the nested_update aggregate (fields of the nested ROW)."),
	"count-limit":        opt("", Int, "2147483647", "Maximum number of rows kept by nested_update."),
	"stats-mode":         opt("", StatsMode, none, "Metadata stats mode of this field (overrides metadata.stats-mode)."),
}

var registry = map[string]*Option{}
var fallbackOf = map[string]*Option{}

func register(list ...Option) {
	for i := range list {
		o := list[i]
		registry[o.Key] = &o
		for _, fb := range o.FallbackKeys {
			fallbackOf[fb] = &o
		}
	}
}

// Lookup returns the option registered under key, or the option key is a
// fallback key of.
func Lookup(key string) (*Option, bool) {
	if o, ok := registry[key]; ok {
		return o, true
	}
	o, ok := fallbackOf[key]
	return o, ok
}

// All returns every registered option, sorted by key.
func All() []Option {
	out := make([]Option, 0, len(registry))
	for _, o := range registry {
		out = append(out, *o)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out
}
