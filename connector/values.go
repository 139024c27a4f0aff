package connector

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Options reads typed option values of one table, collecting every bad
// value as an error that names the option, the connector, the table and the
// expected form. Accessors return the default for absent keys and for bad
// values, so a caller reads everything and then checks Err once.
type Options struct {
	connector string
	table     string
	m         map[string]string
	errs      []error
}

// NewOptions returns the option reader of t for the named connector.
func NewOptions(connectorName string, t TableInfo) *Options {
	return &Options{connector: connectorName, table: t.Name, m: t.Options}
}

// Has reports whether key is set.
func (o *Options) Has(key string) bool {
	_, ok := o.m[key]
	return ok
}

// Err returns every problem found so far, or nil.
func (o *Options) Err() error { return errors.Join(o.errs...) }

// Fail records a bad value of key; expected says what a good value looks
// like ("a positive integer, e.g. '1000'").
func (o *Options) Fail(key, expected string) {
	o.errs = append(o.errs, fmt.Errorf("invalid value '%s' for option '%s' of connector %s (table %s): expected %s",
		o.m[key], key, o.connector, o.table, expected))
}

// Failf records a problem with key in free form.
func (o *Options) Failf(key, format string, args ...any) {
	o.errs = append(o.errs, fmt.Errorf("option '%s' of connector %s (table %s): %s",
		key, o.connector, o.table, fmt.Sprintf(format, args...)))
}

// String returns the value of key, or def.
func (o *Options) String(key, def string) string {
	if v, ok := o.m[key]; ok {
		return v
	}
	return def
}

// Int returns an integer in [lo, hi], or def.
func (o *Options) Int(key string, def, lo, hi int64) int64 {
	v, ok := o.m[key]
	if !ok {
		return def
	}
	n, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
	if err != nil || n < lo || n > hi {
		o.Fail(key, rangeText("an integer", lo, hi))
		return def
	}
	return n
}

func rangeText(what string, lo, hi int64) string {
	switch {
	case lo == 1 && hi == math.MaxInt64:
		return "a positive integer, e.g. '1000'"
	case lo == 0 && hi == math.MaxInt64:
		return "a non-negative integer, e.g. '1000'"
	}
	return fmt.Sprintf("%s from %d to %d", what, lo, hi)
}

// Float returns a floating-point number in [lo, hi], or def.
func (o *Options) Float(key string, def, lo, hi float64) float64 {
	v, ok := o.m[key]
	if !ok {
		return def
	}
	f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
	if err != nil || math.IsNaN(f) || f < lo || f > hi {
		o.Fail(key, fmt.Sprintf("a number from %g to %g", lo, hi))
		return def
	}
	return f
}

// Bool returns 'true' or 'false' (any case), or def.
func (o *Options) Bool(key string, def bool) bool {
	v, ok := o.m[key]
	if !ok {
		return def
	}
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "true":
		return true
	case "false":
		return false
	}
	o.Fail(key, "'true' or 'false'")
	return def
}

// Enum returns one of allowed (matched case-insensitively, returned as
// spelled in allowed), or def.
func (o *Options) Enum(key, def string, allowed ...string) string {
	v, ok := o.m[key]
	if !ok {
		return def
	}
	for _, a := range allowed {
		if strings.EqualFold(strings.TrimSpace(v), a) {
			return a
		}
	}
	o.Fail(key, "one of '"+strings.Join(allowed, "', '")+"'")
	return def
}

// Char returns a single character (one rune), or def. Flink's CSV options
// also accept Java escapes such as '\t'; so does Char.
func (o *Options) Char(key string, def rune) rune {
	v, ok := o.m[key]
	if !ok {
		return def
	}
	switch v {
	case `\t`:
		return '\t'
	case `\n`:
		return '\n'
	case `\\`:
		return '\\'
	}
	r, n := utf8.DecodeRuneInString(v)
	if n == 0 || n != len(v) || r == utf8.RuneError {
		o.Fail(key, "a single character, e.g. ',' or '\\t'")
		return def
	}
	return r
}

// Duration returns a duration in Flink's notation ("10 s", "5min", "100ms",
// "1 h", "2d"; a bare number is milliseconds), or def.
func (o *Options) Duration(key string, def time.Duration) time.Duration {
	v, ok := o.m[key]
	if !ok {
		return def
	}
	d, err := ParseDuration(v)
	if err != nil {
		o.Fail(key, "a duration such as '10 s', '5 min' or '100 ms'")
		return def
	}
	return d
}

// MemorySize returns a size in Flink's notation ("128 mb", "1gb", "512k";
// a bare number is bytes), or def.
func (o *Options) MemorySize(key string, def int64) int64 {
	v, ok := o.m[key]
	if !ok {
		return def
	}
	n, err := ParseMemorySize(v)
	if err != nil || n <= 0 {
		o.Fail(key, "a positive memory size such as '128 mb' or '1 gb'")
		return def
	}
	return n
}

// splitNumber splits "10 min" into 10 and "min".
func splitNumber(s string) (int64, string, error) {
	s = strings.TrimSpace(s)
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == 0 {
		return 0, "", fmt.Errorf("%q does not start with a number", s)
	}
	n, err := strconv.ParseInt(s[:i], 10, 64)
	if err != nil {
		return 0, "", err
	}
	return n, strings.ToLower(strings.TrimSpace(s[i:])), nil
}

// ParseDuration parses Flink's duration notation (TimeUtils.parseDuration):
// an integer and an optional unit among d/day/days, h/hour/hours,
// min/minute/minutes, s/sec/secs/second/seconds, ms/milli/millis/
// millisecond/milliseconds, µs/us/micro/micros/microsecond/microseconds,
// ns/nano/nanos/nanosecond/nanoseconds; no unit means milliseconds.
func ParseDuration(s string) (time.Duration, error) {
	n, unit, err := splitNumber(s)
	if err != nil {
		return 0, err
	}
	var u time.Duration
	switch unit {
	case "", "ms", "milli", "millis", "millisecond", "milliseconds":
		u = time.Millisecond
	case "d", "day", "days":
		u = 24 * time.Hour
	case "h", "hour", "hours":
		u = time.Hour
	case "min", "m", "minute", "minutes":
		u = time.Minute
	case "s", "sec", "secs", "second", "seconds":
		u = time.Second
	case "µs", "us", "micro", "micros", "microsecond", "microseconds":
		u = time.Microsecond
	case "ns", "nano", "nanos", "nanosecond", "nanoseconds":
		u = time.Nanosecond
	default:
		return 0, fmt.Errorf("unknown time unit %q", unit)
	}
	if n > math.MaxInt64/int64(u) {
		return 0, fmt.Errorf("duration %q overflows", s)
	}
	return time.Duration(n) * u, nil
}

// ParseMemorySize parses Flink's memory size notation (MemorySize.parse):
// an integer and an optional unit among b/bytes, k/kb/kibibytes,
// m/mb/mebibytes, g/gb/gibibytes, t/tb/tebibytes (powers of 1024, any
// case); no unit means bytes.
func ParseMemorySize(s string) (int64, error) {
	n, unit, err := splitNumber(s)
	if err != nil {
		return 0, err
	}
	var shift uint
	switch unit {
	case "", "b", "bytes":
	case "k", "kb", "kibibytes":
		shift = 10
	case "m", "mb", "mebibytes":
		shift = 20
	case "g", "gb", "gibibytes":
		shift = 30
	case "t", "tb", "tebibytes":
		shift = 40
	default:
		return 0, fmt.Errorf("unknown memory unit %q", unit)
	}
	if n > math.MaxInt64>>shift {
		return 0, fmt.Errorf("memory size %q overflows", s)
	}
	return n << shift, nil
}
