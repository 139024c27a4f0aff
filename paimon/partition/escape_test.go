package partition

import (
	"fmt"
	"testing"
)

// Java's PartitionPathUtilsTest.testEscapeChar: every ASCII character that
// needs escaping becomes %XX with uppercase hex; all others stay.
func TestEscapeEveryASCII(t *testing.T) {
	special := "\"#%'*/:={}[]^?\\\x7f"
	for c := 0; c < 128; c++ {
		s := string(rune(c))
		want := s
		if c < 0x20 || containsByte(special, byte(c)) {
			want = fmt.Sprintf("%%%02X", c)
		}
		if got := Escape(s); got != want {
			t.Errorf("Escape(%q) = %q, want %q", s, got, want)
		}
		if got := Unescape(want); got != s {
			t.Errorf("Unescape(%q) = %q, want %q", want, got, s)
		}
	}
}

func containsByte(s string, c byte) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			return true
		}
	}
	return false
}

func TestEscapeUnescape(t *testing.T) {
	tests := []struct{ raw, escaped string }{
		{"plain-value_1.2 with space", "plain-value_1.2 with space"},
		{"2026-01-01T12:00", "2026-01-01T12%3A00"},
		{"a/b=c", "a%2Fb%3Dc"},
		{"100%", "100%25"},
		{"ünïcødé 你好", "ünïcødé 你好"},
		{"tab\there", "tab%09here"},
	}
	for _, tc := range tests {
		if got := Escape(tc.raw); got != tc.escaped {
			t.Errorf("Escape(%q) = %q, want %q", tc.raw, got, tc.escaped)
		}
		if got := Unescape(tc.escaped); got != tc.raw {
			t.Errorf("Unescape(%q) = %q, want %q", tc.escaped, got, tc.raw)
		}
	}
}

// Java's unescapePathName keeps malformed escapes and decodes what
// Integer.parseInt(s, 16) accepts.
func TestUnescapeJavaQuirks(t *testing.T) {
	tests := []struct{ in, want string }{
		{"%", "%"},
		{"%4", "%4"},
		{"a%zz", "a%zz"},
		{"%41%", "A%"},
		{"%e9", "é"},  // code 0xE9 becomes U+00E9
		{"%+9", "\t"}, // parseInt accepts a sign
		{"%-1", "%-1"},
		{"%-0", "\x00"},
	}
	for _, tc := range tests {
		if got := Unescape(tc.in); got != tc.want {
			t.Errorf("Unescape(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
