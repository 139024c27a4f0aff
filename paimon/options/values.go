package options

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// ParseDuration parses a duration the way Paimon/Flink's TimeUtils do: a
// non-negative integer followed by an optional unit — ns/nano/nanos/
// nanosecond(s), µs/us/micro/micros/microsecond(s), ms/milli/millis/
// millisecond(s), s/sec/secs/second(s), m/min/minute(s), h/hour(s), d/day(s);
// blanks between number and unit are allowed; no unit means milliseconds.
func ParseDuration(s string) (time.Duration, error) {
	t := strings.TrimSpace(s)
	i := 0
	for i < len(t) && t[i] >= '0' && t[i] <= '9' {
		i++
	}
	if i == 0 {
		return 0, fmt.Errorf("%q is not a duration: it must start with a number (e.g. '10 s', '5 min', '1 h')", s)
	}
	n, err := strconv.ParseInt(t[:i], 10, 64)
	if err != nil {
		return 0, fmt.Errorf("%q is not a duration: number out of range", s)
	}
	unit := strings.ToLower(strings.TrimSpace(t[i:]))
	var mult time.Duration
	switch unit {
	case "ns", "nano", "nanos", "nanosecond", "nanoseconds":
		mult = time.Nanosecond
	case "µs", "us", "micro", "micros", "microsecond", "microseconds":
		mult = time.Microsecond
	case "", "ms", "milli", "millis", "millisecond", "milliseconds":
		mult = time.Millisecond
	case "s", "sec", "secs", "second", "seconds":
		mult = time.Second
	case "m", "min", "minute", "minutes":
		mult = time.Minute
	case "h", "hour", "hours":
		mult = time.Hour
	case "d", "day", "days":
		mult = 24 * time.Hour
	default:
		return 0, fmt.Errorf("%q is not a duration: unknown unit %q (use ms, s, min, h or d)", s, unit)
	}
	if n > math.MaxInt64/int64(mult) {
		return 0, fmt.Errorf("%q is not a duration: too large", s)
	}
	return time.Duration(n) * mult, nil
}

// ParseMemorySize parses a memory size the way Paimon's MemorySize does: a
// non-negative integer followed by an optional unit — b/bytes, k/kb/kibibytes,
// m/mb/mebibytes, g/gb/gibibytes, t/tb/tebibytes (case-insensitive, powers of
// 1024); blanks allowed; no unit means bytes.
func ParseMemorySize(s string) (int64, error) {
	t := strings.TrimSpace(s)
	i := 0
	for i < len(t) && t[i] >= '0' && t[i] <= '9' {
		i++
	}
	if i == 0 {
		return 0, fmt.Errorf("%q is not a memory size: it must start with a number (e.g. '128 mb', '64 kb')", s)
	}
	n, err := strconv.ParseInt(t[:i], 10, 64)
	if err != nil {
		return 0, fmt.Errorf("%q is not a memory size: number out of range", s)
	}
	var shift uint
	switch strings.ToLower(strings.TrimSpace(t[i:])) {
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
		return 0, fmt.Errorf("%q is not a memory size: unknown unit %q (use b, kb, mb, gb or tb)", s, strings.TrimSpace(t[i:]))
	}
	if n > math.MaxInt64>>shift {
		return 0, fmt.Errorf("%q is not a memory size: too large", s)
	}
	return n << shift, nil
}

// ParseBool parses true/false in any case, as Paimon does.
func ParseBool(s string) (bool, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "true":
		return true, nil
	case "false":
		return false, nil
	}
	return false, fmt.Errorf("%q is not a boolean (true or false)", s)
}

func parseInt(s string, bits int) (int64, error) {
	v, err := strconv.ParseInt(strings.TrimSpace(s), 10, bits)
	if err != nil {
		return 0, fmt.Errorf("%q is not a %d-bit integer", s, bits)
	}
	return v, nil
}

// checkStatsMode accepts none, counts, full and truncate(N) with N > 0.
func checkStatsMode(s string) error {
	v := strings.ToLower(strings.TrimSpace(s))
	switch v {
	case "none", "counts", "full":
		return nil
	}
	if strings.HasPrefix(v, "truncate(") && strings.HasSuffix(v, ")") {
		n, err := strconv.Atoi(v[len("truncate(") : len(v)-1])
		if err == nil && n > 0 {
			return nil
		}
	}
	return fmt.Errorf("%q is not a stats mode (none, counts, full or truncate(N))", s)
}

// checkLevelMap accepts "level:value,level:value".
func checkLevelMap(s string) error {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	for _, part := range strings.Split(s, ",") {
		k, _, ok := strings.Cut(part, ":")
		if !ok {
			return fmt.Errorf("%q is not a map: entries are key:value separated by commas", s)
		}
		if _, err := strconv.Atoi(strings.TrimSpace(k)); err != nil {
			return fmt.Errorf("%q: level %q is not a number", s, strings.TrimSpace(k))
		}
	}
	return nil
}

// SplitList splits a comma-separated list, trimming blanks and dropping empties.
func SplitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
