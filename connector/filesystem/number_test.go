package filesystem

import (
	"testing"

	"github.com/weir-data/weir/types"
)

// TestParseDecimalMatchesTypes compares the allocation-free parser with
// types.ParseDecimal.
func TestParseDecimalMatchesTypes(t *testing.T) {
	for _, s := range []string{"0", "-0", "1", "12.345", "12.344", "-12.345", "-12.3449", "99.995", "99.994", "-99.995",
		".5", "5.", "+7.25", "123456789012345678901234567890123.456", "99999999999999999999999999999999999.999",
		"1e3", "", ".", "-", "1.2.3", "12a", "0.000000000000000000000000000000000000001", "5E-8", "-1.5e+3", "1e-2"} {
		for _, ps := range [][2]int{{5, 2}, {18, 3}, {38, 3}, {10, 0}, {20, 10}} {
			want, werr := types.ParseDecimal(s, ps[0], ps[1])
			got, gerr := parseDecimal([]byte(s), ps[0], ps[1])
			if (werr != nil) != (gerr != nil) || (werr == nil && got != want) {
				t.Errorf("parseDecimal(%q, %d, %d) = %v, %v; types.ParseDecimal = %v, %v", s, ps[0], ps[1], got, gerr, want, werr)
			}
		}
	}
}

func TestParseDecimalRejects(t *testing.T) {
	for _, s := range []string{"1/3", "0x10", "1e", "--1", "1e-+2", " 1"} {
		if d, err := parseDecimal([]byte(s), 10, 2); err == nil {
			t.Errorf("parseDecimal(%q) = %v", s, d)
		}
	}
}

func TestParseInt(t *testing.T) {
	for s, want := range map[string]int64{"0": 0, "-9223372036854775808": -9223372036854775808, "9223372036854775807": 9223372036854775807, "+5": 5} {
		if got, ok := parseInt([]byte(s)); !ok || got != want {
			t.Errorf("parseInt(%q) = %d, %v", s, got, ok)
		}
	}
	for _, s := range []string{"", "-", "9223372036854775808", "-9223372036854775809", "1.0", "12345678901234567890"} {
		if _, ok := parseInt([]byte(s)); ok {
			t.Errorf("parseInt(%q) succeeded", s)
		}
	}
}
