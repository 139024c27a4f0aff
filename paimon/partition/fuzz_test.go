package partition

import "testing"

// FuzzParse: partition paths never panic the parser, and escaping round-trips.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"f1=10/", "key0=0/key1=1/", "dt=2026-01-01T12%3A00/", "a=%", "=", "a=b=c/d"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		_, _ = Parse(s)
		if got := Unescape(Escape(s)); got != s {
			t.Fatalf("Unescape(Escape(%q)) = %q", s, got)
		}
	})
}
