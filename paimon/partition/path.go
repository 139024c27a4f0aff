package partition

import (
	"fmt"
	"strings"

	"github.com/weir-data/weir/types"
)

// KV is one partition key and its (unescaped) value.
type KV struct {
	Key   string
	Value string
}

// Values returns the partition spec of one partition (Java's
// generatePartValues): each value spelled per opts, with null and blank values
// replaced by the default name. Values are not escaped.
func Values(names []string, fieldTypes []types.DataType, values []any, opts Options) ([]KV, error) {
	if len(names) != len(fieldTypes) || len(names) != len(values) {
		return nil, fmt.Errorf("partition: %d names, %d types and %d values", len(names), len(fieldTypes), len(values))
	}
	kvs := make([]KV, len(names))
	for i, name := range names {
		s, ok, err := formatValue(fieldTypes[i], values[i], opts)
		if err != nil {
			return nil, fmt.Errorf("partition key %q: %w", name, err)
		}
		if !ok || isBlank(s) {
			s = opts.defaultName()
		}
		kvs[i] = KV{Key: name, Value: s}
	}
	return kvs, nil
}

// PathOf returns the partition directory `k1=v1/k2=v2/` (with a trailing
// slash, "" for no partition keys) that Java writes for the given partition
// values.
func PathOf(names []string, fieldTypes []types.DataType, values []any, opts Options) (string, error) {
	kvs, err := Values(names, fieldTypes, values, opts)
	if err != nil {
		return "", err
	}
	return Path(kvs)
}

// Path joins an unescaped partition spec into a directory path with a
// trailing slash (Java's generatePartitionPath); keys and values must be
// non-empty.
func Path(kvs []KV) (string, error) {
	var b strings.Builder
	for _, kv := range kvs {
		if kv.Key == "" || kv.Value == "" {
			return "", fmt.Errorf("partition: empty key or value in %q=%q", kv.Key, kv.Value)
		}
		b.WriteString(Escape(kv.Key))
		b.WriteByte('=')
		b.WriteString(Escape(kv.Value))
		b.WriteByte('/')
	}
	return b.String(), nil
}

// Parse splits a relative partition path such as "dt=19415/hr=3/" (leading,
// trailing and repeated slashes ignored) into its unescaped keys and values.
// Like Java's pattern ([^/]+)=([^/]+), a component splits at its last '='
// that leaves a non-empty key and value; a component without one is an error.
func Parse(path string) ([]KV, error) {
	var kvs []KV
	for _, comp := range strings.Split(path, "/") {
		if comp == "" {
			continue
		}
		i := strings.LastIndexByte(comp[:len(comp)-1], '=')
		if i <= 0 {
			return nil, fmt.Errorf("partition: path component %q of %q is not key=value", comp, path)
		}
		kvs = append(kvs, KV{Key: Unescape(comp[:i]), Value: Unescape(comp[i+1:])})
	}
	return kvs, nil
}

// IsDefault reports whether a parsed value is the default name (a null or
// blank partition value).
func IsDefault(value string, opts Options) bool { return value == opts.defaultName() }
