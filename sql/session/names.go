package session

import (
	"fmt"
	names "github.com/weir-data/weir/internal/suggest"
	"strings"
)

// suggest returns " (did you mean x?)" for the candidate nearest to name, or
// "" when none is close.
func suggest(name string, candidates []string) string {
	best, bestD := "", 1<<30
	for _, c := range candidates {
		if d := names.Distance(strings.ToLower(name), strings.ToLower(c)); d < bestD {
			best, bestD = c, d
		}
	}
	if best == "" || bestD > max(2, len(name)/3) {
		return ""
	}
	return fmt.Sprintf(" (did you mean %s?)", best)
}
