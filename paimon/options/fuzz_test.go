package options

import "testing"

// FuzzValues: the duration, memory-size and boolean parsers never panic, and
// accepted sizes and durations are not negative.
func FuzzValues(f *testing.F) {
	for _, s := range []string{"1 h", "10 s", "5min", "100 ms", "128 mb", "1gb", "64 kb", "0", "-1", "true", "9999999999999 tb"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if d, err := ParseDuration(s); err == nil && d < 0 {
			t.Fatalf("ParseDuration(%q) = %v", s, d)
		}
		if n, err := ParseMemorySize(s); err == nil && n < 0 {
			t.Fatalf("ParseMemorySize(%q) = %d", s, n)
		}
		_, _ = ParseBool(s)
		_ = SplitList(s)
	})
}
