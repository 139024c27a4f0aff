package expr

import (
	"regexp"
	"strings"
	"testing"
)

func TestLikeMatch(t *testing.T) {
	cases := []struct {
		pattern string
		escape  rune
		yes, no []string
	}{
		{"abc", 0, []string{"abc"}, []string{"ab", "abcd", "ABC", ""}},
		{"", 0, []string{""}, []string{"a"}},
		{"%", 0, []string{"", "anything"}, nil},
		{"a%", 0, []string{"a", "abc"}, []string{"ba", ""}},
		{"%a", 0, []string{"a", "cba"}, []string{"ab"}},
		{"%b%", 0, []string{"b", "abc"}, []string{"ac"}},
		{"_", 0, []string{"a", "é", "日"}, []string{"", "ab"}},
		{"a_c", 0, []string{"abc", "aéc"}, []string{"ac", "abbc"}},
		{"%a_c%", 0, []string{"xxabcxx", "aac"}, []string{"ac", "abbc"}},
		{"a%b%c", 0, []string{"abc", "aXbYc", "abbc", "abcbc"}, []string{"ab", "acb", "abcx"}},
		{"%ab%ab", 0, []string{"abab", "xabyab", "ababab"}, []string{"aba", "ab"}},
		{"_%_", 0, []string{"ab", "abc"}, []string{"a", ""}},
		{"%__", 0, []string{"ab", "xyz"}, []string{"a"}},
		{"10!%", '!', []string{"10%"}, []string{"100", "10!%"}},
		{"a!_b", '!', []string{"a_b"}, []string{"axb"}},
		{"a!!%", '!', []string{"a!", "a!xyz"}, []string{"a"}},
		{"%!%%", '!', []string{"%", "50%off"}, []string{"50"}},
	}
	for _, c := range cases {
		m, err := compileLike([]byte(c.pattern), c.escape)
		if err != nil {
			t.Fatalf("compile %q: %v", c.pattern, err)
		}
		for _, s := range c.yes {
			if !m.match([]byte(s)) {
				t.Errorf("%q LIKE %q = false", s, c.pattern)
			}
		}
		for _, s := range c.no {
			if m.match([]byte(s)) {
				t.Errorf("%q LIKE %q = true", s, c.pattern)
			}
		}
	}
	for _, bad := range []string{"a!", "!a"} {
		if _, err := compileLike([]byte(bad), '!'); err == nil {
			t.Errorf("pattern %q with escape ! compiled", bad)
		}
	}
}

// likeRegexp is an independent reference: the pattern as an anchored regexp.
func likeRegexp(p string) *regexp.Regexp {
	var b strings.Builder
	b.WriteString("^(?s:")
	for _, r := range p {
		switch r {
		case '%':
			b.WriteString(".*")
		case '_':
			b.WriteString(".")
		default:
			b.WriteString(regexp.QuoteMeta(string(r)))
		}
	}
	b.WriteString(")$")
	return regexp.MustCompile(b.String())
}

// FuzzLike compares the matcher with the regexp reference on valid UTF-8.
func FuzzLike(f *testing.F) {
	f.Add("a%b_c", "axxbyc")
	f.Add("%%_", "é")
	f.Add("_%a%_", "bab")
	f.Fuzz(func(t *testing.T, pattern, s string) {
		if !utf8Valid(pattern) || !utf8Valid(s) || len(pattern) > 40 {
			return
		}
		m, err := compileLike([]byte(pattern), 0)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := m.match([]byte(s)), likeRegexp(pattern).MatchString(s); got != want {
			t.Fatalf("%q LIKE %q = %v, want %v", s, pattern, got, want)
		}
	})
}

func utf8Valid(s string) bool { return strings.ToValidUTF8(s, "") == s }
