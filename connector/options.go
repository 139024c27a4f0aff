package connector

import (
	"errors"
	"fmt"
	"github.com/weir-data/weir/internal/suggest"
	"slices"
	"sort"
	"strings"
)

// OptionSpec declares one option key of a connector.
type OptionSpec struct {
	// Key is the exact key ("rows-per-second") or a pattern in which one '#'
	// stands for the name of a table column ("fields.#.kind").
	Key string
	// Required options must be present.
	Required bool
	// Default is the documented default ("" when there is none).
	Default string
	// Description says what the option does and which values it takes.
	Description string
}

// ConnectorOption is the option that names a table's connector.
const ConnectorOption = "connector"

// CommonOptions are the keys every connector accepts, as Flink's
// FactoryUtil consumes them before a connector validates its own.
var CommonOptions = []OptionSpec{
	{Key: ConnectorOption, Required: true, Description: "the connector of the table"},
	{Key: "property-version", Description: "version of the option layout (ignored, as in Flink)"},
}

// CheckKeys reports, in one error, every key of t's options that neither
// CommonOptions nor specs declare (with a did-you-mean suggestion) and every
// required key that is missing. A '#' in a spec key matches the name of one
// of t's columns.
func CheckKeys(connectorName string, specs []OptionSpec, t TableInfo) error {
	all := append(slices.Clip(CommonOptions), specs...)
	var candidates []string
	for _, s := range all {
		if strings.Contains(s.Key, "#") {
			for _, c := range t.Columns {
				candidates = append(candidates, strings.Replace(s.Key, "#", c.Name, 1))
			}
			continue
		}
		candidates = append(candidates, s.Key)
	}
	known := make(map[string]bool, len(candidates))
	for _, c := range candidates {
		known[c] = true
	}
	keys := make([]string, 0, len(t.Options))
	for k := range t.Options {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var errs []error
	for _, k := range keys {
		if !known[k] {
			errs = append(errs, fmt.Errorf("unknown option '%s' for connector %s of table %s%s",
				k, connectorName, t.Name, Suggest(k, candidates)))
		}
	}
	for _, s := range specs {
		if s.Required && !strings.Contains(s.Key, "#") {
			if _, ok := t.Options[s.Key]; !ok {
				errs = append(errs, fmt.Errorf("missing required option '%s' for connector %s of table %s",
					s.Key, connectorName, t.Name))
			}
		}
	}
	return errors.Join(errs...)
}

// Suggest returns " (did you mean x?)" naming the candidate closest to s,
// or "" when none is close (edit distance above a third of s's length, at
// least 2).
func Suggest(s string, candidates []string) string {
	best, bestD := "", 1<<30
	for _, c := range candidates {
		if d := suggest.Distance(s, c); d < bestD || (d == bestD && c < best) {
			best, bestD = c, d
		}
	}
	if best == "" || bestD > max(2, len(s)/3) {
		return ""
	}
	return fmt.Sprintf(" (did you mean %s?)", best)
}
