package merge

import (
	"fmt"
	"strings"

	"github.com/weir-data/weir/paimon/options"
	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// ConfigError is an invalid merge-engine configuration. Message is Paimon's
// wording where Paimon has one.
type ConfigError struct {
	Option  string // the table option at fault, e.g. "fields.v.aggregate-function"
	Field   string // the column concerned, "" when none
	Message string
}

func (e *ConfigError) Error() string {
	var b strings.Builder
	b.WriteString("merge: ")
	if e.Option != "" {
		fmt.Fprintf(&b, "option '%s'", e.Option)
	}
	if e.Field != "" {
		if e.Option != "" {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "field %q", e.Field)
	}
	b.WriteString(": ")
	b.WriteString(e.Message)
	return b.String()
}

func cfgErr(option, field, format string, args ...any) error {
	return &ConfigError{Option: option, Field: field, Message: fmt.Sprintf(format, args...)}
}

// config is what every engine needs from the options and the schema.
type config struct {
	opts     options.Options
	raw      map[string]string
	fields   []types.Field
	kinds    []vec.Kind
	index    map[string]int
	pk       map[string]bool
	seqField []int // sequence.field columns
}

// New builds the merge function of a primary-key table from its options and
// its columns (all table columns, in schema order; they are the value columns
// of a key group). primaryKeys names the primary-key columns; when none are
// given, the primary-key option is used. The configuration is validated as
// Paimon validates it (SchemaValidation and the merge function factories);
// errors are *ConfigError values naming the option and field.
func New(opts options.Options, fields []types.Field, primaryKeys ...string) (Function, error) {
	c, err := newConfig(opts, fields, primaryKeys)
	if err != nil {
		return nil, err
	}
	switch engine := opts.MergeEngine(); engine {
	case "deduplicate":
		return newDeduplicate(c), nil
	case "first-row":
		return newFirstRow(c)
	case "partial-update":
		return newPartialUpdate(c)
	case "aggregation":
		return newAggregate(c)
	default:
		return nil, cfgErr("merge-engine", "", "unknown merge engine %q (deduplicate, partial-update, aggregation, first-row)", engine)
	}
}

func newConfig(opts options.Options, fields []types.Field, primaryKeys []string) (*config, error) {
	c := &config{opts: opts, raw: opts.Map(), fields: fields, index: make(map[string]int, len(fields)), pk: map[string]bool{}}
	c.kinds = make([]vec.Kind, len(fields))
	for i, f := range fields {
		if _, dup := c.index[f.Name]; dup {
			return nil, cfgErr("", f.Name, "column is defined twice")
		}
		c.index[f.Name] = i
		k, err := vec.KindOf(f.Type)
		if err != nil {
			return nil, cfgErr("", f.Name, "%v", err)
		}
		c.kinds[i] = k
	}
	if len(primaryKeys) == 0 {
		v, _ := opts.Get("primary-key")
		primaryKeys = options.SplitList(v)
	}
	for _, p := range primaryKeys {
		if _, ok := c.index[p]; !ok {
			return nil, cfgErr("primary-key", p, "Primary key field '%s' can not be found in table schema.", p)
		}
		c.pk[p] = true
	}
	// fields.<f>.<suffix> must name a column (SchemaValidation.validateFieldsPrefix).
	for k := range c.raw {
		rest, ok := strings.CutPrefix(k, "fields.")
		if !ok {
			continue
		}
		i := strings.LastIndexByte(rest, '.')
		if i <= 0 {
			continue
		}
		switch rest[i+1:] {
		case "aggregate-function", "ignore-retract", "list-agg-delimiter", "distinct":
			if _, ok := c.index[rest[:i]]; !ok {
				return nil, cfgErr(k, rest[:i], "Field %s can not be found in table schema.", rest[:i])
			}
		}
	}
	// sequence.field (SchemaValidation.validateSequenceField).
	seen := map[string]bool{}
	for _, s := range opts.SequenceField() {
		i, ok := c.index[s]
		if !ok {
			return nil, cfgErr("sequence.field", s, "Sequence field: '%s' can not be found in table schema.", s)
		}
		if _, ok := c.raw["fields."+s+".aggregate-function"]; ok {
			return nil, cfgErr("fields."+s+".aggregate-function", s, "Should not define aggregation on sequence field: '%s'.", s)
		}
		if seen[s] {
			return nil, cfgErr("sequence.field", s, "Sequence field '%s' is defined repeatedly.", s)
		}
		seen[s] = true
		c.seqField = append(c.seqField, i)
	}
	return c, nil
}

// nullable reports whether column i accepts nulls.
func (c *config) nullable(i int) bool { return c.fields[i].Type.Nullable }

// aggFuncOption returns the option that sets field's aggregate function and
// its value ("" when neither fields.<f>.aggregate-function nor
// fields.default-aggregate-function is set).
func (c *config) aggFuncOption(field string) (key, name string) {
	key = "fields." + field + ".aggregate-function"
	if v, ok := c.raw[key]; ok {
		return key, normFuncName(v)
	}
	if v, ok := c.raw["fields.default-aggregate-function"]; ok {
		return "fields.default-aggregate-function", normFuncName(v)
	}
	return "", ""
}

func normFuncName(s string) string { return strings.ToLower(strings.TrimSpace(s)) }
