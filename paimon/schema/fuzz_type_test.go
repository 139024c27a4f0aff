package schema

import "testing"

// FuzzParseType: the SQL type parser never panics, and whatever it accepts
// prints back to a spelling it parses to the same type.
func FuzzParseType(f *testing.F) {
	for _, s := range []string{"INT", "STRING NOT NULL", "DECIMAL(23, 5)", "TIMESTAMP(9) WITH LOCAL TIME ZONE",
		"ARRAY<INT>", "MAP<STRING, BIGINT NOT NULL>", "ROW<a INT, b STRING>", "VARCHAR(10)", "TIMESTAMP_LTZ(3)", "CHAR(", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		dt, err := ParseType(s)
		if err != nil {
			return
		}
		back, err := ParseType(FormatType(dt))
		if err != nil {
			t.Fatalf("%q parsed to %s, which does not parse: %v", s, FormatType(dt), err)
		}
		if !back.Equal(dt) {
			t.Fatalf("%q: %s re-parses to %s", s, FormatType(dt), FormatType(back))
		}
	})
}
