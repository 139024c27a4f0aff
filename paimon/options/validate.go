package options

import (
	"fmt"
	names "github.com/weir-data/weir/internal/suggest"
	"math"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// Problem is one invalid option.
type Problem struct {
	Key     string
	Message string
}

// ValidationError lists every invalid option of a table.
type ValidationError struct {
	Table    string
	Problems []Problem
}

func (e *ValidationError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "table %s: %d invalid option", e.Table, len(e.Problems))
	if len(e.Problems) != 1 {
		b.WriteString("s")
	}
	for _, p := range e.Problems {
		fmt.Fprintf(&b, "\n  '%s': %s", p.Key, p.Message)
	}
	return b.String()
}

// Validate checks a table's options and reports every problem in one
// *ValidationError: unknown keys (with a suggestion for close names),
// malformed values, enum values not allowed, and columns named by an option
// (fields.<f>.*, bucket-key, sequence.field, ...) that are not in fieldNames.
// Column checks are skipped when fieldNames is nil.
func Validate(tableName string, opts map[string]string, fieldNames []string) error {
	keys := make([]string, 0, len(opts))
	for k := range opts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var fields map[string]bool
	if fieldNames != nil {
		fields = make(map[string]bool, len(fieldNames))
		for _, f := range fieldNames {
			fields[f] = true
		}
	}
	var probs []Problem
	add := func(k, format string, args ...any) {
		probs = append(probs, Problem{Key: k, Message: fmt.Sprintf(format, args...)})
	}
	checkFields := func(k string, names []string) {
		if fields == nil {
			return
		}
		for _, n := range names {
			if i := strings.IndexByte(n, '['); i > 0 && strings.HasSuffix(n, "]") {
				n = n[:i] // file-index map key syntax col[key]
			}
			if !fields[n] {
				add(k, "column %q does not exist (columns: %s)%s", n, strings.Join(fieldNames, ", "), suggest(n, fieldNames))
			}
		}
	}
	for _, k := range keys {
		v := opts[k]
		if o, ok := Lookup(k); ok {
			if err := CheckValue(o, v); err != nil {
				add(k, "%v", err)
			} else if o.FieldRefs {
				checkFields(k, SplitList(v))
			}
			continue
		}
		if passThrough(k) {
			continue
		}
		if rest, ok := strings.CutPrefix(k, "fields."); ok {
			i := strings.LastIndexByte(rest, '.')
			if i > 0 {
				if o, ok := FieldSuffixes[rest[i+1:]]; ok {
					if err := CheckValue(&o, v); err != nil {
						add(k, "%v", err)
					}
					checkFields(k, SplitList(rest[:i]))
					if o.FieldRefs {
						checkFields(k, SplitList(v))
					}
					continue
				}
				add(k, "unknown per-field option %q%s", rest[i+1:], suggest(rest[i+1:], fieldSuffixNames()))
				continue
			}
		}
		if rest, ok := strings.CutPrefix(k, "file-index."); ok {
			if typ, tail, ok := strings.Cut(rest, "."); ok && contains(FileIndexTypes, typ) {
				if tail == "columns" {
					checkFields(k, SplitList(v))
				} else if col, _, ok := strings.Cut(tail, "."); ok {
					checkFields(k, []string{col})
				} else {
					add(k, "expected file-index.%s.columns or file-index.%s.<column>.<param>", typ, typ)
				}
				continue
			}
			add(k, "unknown file index option (types: %s)", strings.Join(FileIndexTypes, ", "))
			continue
		}
		if isCallbackParam(k) {
			continue
		}
		add(k, "unknown option%s", suggest(k, registeredKeys()))
	}
	if len(probs) == 0 {
		return nil
	}
	return &ValidationError{Table: tableName, Problems: probs}
}

func passThrough(k string) bool {
	for _, p := range PassThroughPrefixes {
		if strings.HasPrefix(k, p) && len(k) > len(p) {
			return true
		}
	}
	return false
}

func isCallbackParam(k string) bool {
	for _, p := range []string{"commit.callback.", "tag.callback."} {
		if rest, ok := strings.CutPrefix(k, p); ok && strings.HasSuffix(rest, ".param") && len(rest) > len(".param") {
			return true
		}
	}
	return false
}

// CheckValue reports whether v is a valid value for o.
func CheckValue(o *Option, v string) error {
	switch o.Kind {
	case Int:
		_, err := parseInt(v, 32)
		return err
	case Long:
		_, err := parseInt(v, 64)
		return err
	case Bool:
		_, err := ParseBool(v)
		return err
	case Double:
		f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
		if err != nil || math.IsNaN(f) {
			return fmt.Errorf("%q is not a number", v)
		}
	case Duration:
		_, err := ParseDuration(v)
		return err
	case Memory:
		_, err := ParseMemorySize(v)
		return err
	case Enum:
		if _, ok := matchEnum(o, v); !ok {
			return fmt.Errorf("%q is not allowed (allowed: %s)%s", v, strings.Join(o.Values, ", "), suggest(strings.ToLower(v), o.Values))
		}
	case LevelMap:
		return checkLevelMap(v)
	case StatsMode:
		return checkStatsMode(v)
	}
	return nil
}

// matchEnum finds v among o.Values ignoring case and '-' vs '_'.
func matchEnum(o *Option, v string) (string, bool) {
	norm := func(s string) string { return strings.ReplaceAll(strings.ToLower(strings.TrimSpace(s)), "_", "-") }
	n := norm(v)
	for _, a := range o.Values {
		if norm(a) == n {
			return a, true
		}
	}
	return "", false
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

var registeredKeys = sync.OnceValue(func() []string {
	keys := make([]string, 0, len(registry))
	for k := range registry {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
})

func fieldSuffixNames() []string {
	out := make([]string, 0, len(FieldSuffixes))
	for k := range FieldSuffixes {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// suggest returns " (did you mean 'x'?)" for the candidate closest to s by
// edit distance, when it is close enough; "" otherwise.
func suggest(s string, candidates []string) string {
	best, bestD := "", math.MaxInt
	for _, c := range candidates {
		d := names.Distance(strings.ToLower(s), strings.ToLower(c))
		if d < bestD {
			best, bestD = c, d
		}
	}
	limit := len(s) / 3
	if limit < 2 {
		limit = 2
	}
	if best == "" || bestD > limit {
		return ""
	}
	return fmt.Sprintf(" (did you mean '%s'?)", best)
}
