package fn

import (
	"math/big"
	"strconv"
	"strings"
	"testing"

	"github.com/weir-data/weir/types"
)

// FuzzCastParsers feeds arbitrary text to every string parser of CAST: none
// may panic, and each accepted value must agree with an independent
// reference (strconv, math/big) or survive a format/parse round trip.
func FuzzCastParsers(f *testing.F) {
	for _, s := range []string{"", " 1 ", "-0", "+12.50", "1e3", "-1.5E-3", ".5", "5.", "9223372036854775808",
		"-9223372036854775808", "NaN", "-Infinity", "1f", "2024-02-29", "2024-02-29 23:59:59.123456789",
		"0001-01-01T00:00", "12:34", "23:59:59.999", "true", "N", "\x00", "1.2.3", "1e", "e1", "--1", "0x1p3"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		b := []byte(s)
		trimmed := strings.TrimFunc(s, func(r rune) bool { return r <= ' ' })
		if v, err := parseInteger(b, 64); err == nil {
			// Accepted text is an integer with an optional dropped fraction.
			intPart := trimmed
			if k := strings.IndexByte(intPart, '.'); k >= 0 {
				intPart = intPart[:k]
			}
			if intPart == "" || intPart == "-" || intPart == "+" {
				intPart += "0"
			}
			ref, rerr := strconv.ParseInt(intPart, 10, 64)
			if rerr != nil || ref != v {
				t.Fatalf("parseInteger(%q) = %d, strconv says %d, %v", s, v, ref, rerr)
			}
		}
		for _, bits := range []int{8, 16, 32} {
			if v, err := parseInteger(b, bits); err == nil && (v < -(1<<(bits-1)) || v >= 1<<(bits-1)) {
				t.Fatalf("parseInteger(%q, %d) = %d out of range", s, bits, v)
			}
		}
		if v, ok := parseFloat(b, 64); ok && v == v && !strings.Contains(trimmed, "Infinity") {
			body := strings.TrimRight(trimmed, "fFdD")
			ref, err := strconv.ParseFloat(body, 64)
			if err != nil && !strings.Contains(err.Error(), "range") || ref != v {
				t.Fatalf("parseFloat(%q) = %v, strconv says %v, %v", s, v, ref, err)
			}
		}
		sc := new(decScratch)
		var z big.Int
		if parseDecimalBytes(&z, b, 4, sc) && len(trimmed) < 200 && !strings.ContainsAny(trimmed, "eE") {
			r, ok := new(big.Rat).SetString(trimmed)
			if !ok {
				t.Fatalf("parseDecimal accepted %q, big.Rat does not", s)
			}
			r.Mul(r, big.NewRat(10000, 1))
			diff := new(big.Rat).Sub(r, new(big.Rat).SetInt(&z))
			if diff.Abs(diff).Cmp(big.NewRat(1, 2)) > 0 {
				t.Fatalf("parseDecimal(%q) = %s, off by %s", s, z.String(), diff)
			}
		}
		if d, ok := parseDate(b); ok {
			back, ok2 := parseDate([]byte(types.FormatDate(d)))
			if !ok2 || back != d {
				t.Fatalf("date %q → %d → %q → %d", s, d, types.FormatDate(d), back)
			}
		}
		if ms, ok := parseTime(b); ok {
			if ms < 0 || ms >= 86400000 {
				t.Fatalf("time %q → %d ms", s, ms)
			}
		}
		if v, ok := parseTimestamp(b); ok && v.Millis > -62135596800000 && v.Millis < 253402300800000 {
			txt := types.FormatTimestamp(v, 9)
			back, ok2 := parseTimestamp([]byte(txt))
			if !ok2 || back != v {
				t.Fatalf("timestamp %q → %v → %q → %v", s, v, txt, back)
			}
		}
		parseBool(b)
	})
}
