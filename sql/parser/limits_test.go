package parser

import (
	"strings"
	"testing"
	"time"
)

// TestPathologicalInputs guards against quadratic (or worse) behaviour on
// deeply nested or very long input.
func TestPathologicalInputs(t *testing.T) {
	for i, in := range []string{
		strings.Repeat("(", 10000),
		"SELECT " + strings.Repeat("(", 10000),
		"SELECT * FROM " + strings.Repeat("(", 10000),
		"SELECT " + strings.Repeat("- ", 10000) + "1",
		"SELECT " + strings.Repeat("a + ", 10000) + "1",
		strings.Repeat("SELECT 1;", 2000),
		"SELECT '" + strings.Repeat("''", 10000) + "'",
		strings.Repeat("/*+ x */", 1000) + "SELECT 1",
		"SELECT * FROM t " + strings.Repeat("/*+ OPTIONS('a'='b') */", 1000),
		"SELECT " + strings.Repeat("a.", 5000) + "b",
		strings.Repeat("INSERT INTO t PARTITION (", 1000),
	} {
		start := time.Now()
		_, _ = Parse(in)
		_, _ = SplitStatements(in)
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("input %d (%.20q...) took %v", i, in, d)
		}
	}
}
