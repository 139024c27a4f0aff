package types

import "time"

// Timestamp is a TIMESTAMP or TIMESTAMP_LTZ value as Paimon stores it: milliseconds
// since the epoch plus the nanoseconds within that millisecond (0..999999). For
// TIMESTAMP (without time zone) the epoch is read as a wall-clock in UTC; for
// TIMESTAMP_LTZ it is an instant.
type Timestamp struct {
	Millis      int64
	NanoOfMilli int32
}

// TimestampFromTime converts a time.Time (its instant) to a Timestamp.
func TimestampFromTime(t time.Time) Timestamp {
	sec := t.Unix()
	nsec := int64(t.Nanosecond())
	return TimestampFromNanos(sec, nsec)
}

// TimestampFromNanos builds a Timestamp from seconds and nanoseconds of second,
// with floor division so pre-epoch values keep NanoOfMilli in [0, 999999].
func TimestampFromNanos(sec, nsec int64) Timestamp {
	ms := sec*1000 + floorDiv(nsec, 1_000_000)
	return Timestamp{Millis: ms, NanoOfMilli: int32(floorMod(nsec, 1_000_000))}
}

// TimestampFromMicros converts epoch microseconds.
func TimestampFromMicros(us int64) Timestamp {
	return Timestamp{Millis: floorDiv(us, 1000), NanoOfMilli: int32(floorMod(us, 1000) * 1000)}
}

// TimestampFromEpochNanos converts epoch nanoseconds.
func TimestampFromEpochNanos(ns int64) Timestamp {
	return Timestamp{Millis: floorDiv(ns, 1_000_000), NanoOfMilli: int32(floorMod(ns, 1_000_000))}
}

// Time returns the instant as a UTC time.Time.
func (t Timestamp) Time() time.Time {
	return time.UnixMilli(t.Millis).Add(time.Duration(t.NanoOfMilli)).UTC()
}

// Micros returns epoch microseconds (sub-microsecond digits truncated toward minus infinity).
func (t Timestamp) Micros() int64 { return t.Millis*1000 + int64(t.NanoOfMilli)/1000 }

// Compare orders timestamps.
func (t Timestamp) Compare(o Timestamp) int {
	switch {
	case t.Millis < o.Millis:
		return -1
	case t.Millis > o.Millis:
		return 1
	case t.NanoOfMilli < o.NanoOfMilli:
		return -1
	case t.NanoOfMilli > o.NanoOfMilli:
		return 1
	}
	return 0
}

// Truncate drops fractional digits beyond precision p (0..9).
func (t Timestamp) Truncate(p int) Timestamp {
	if p >= 9 {
		return t
	}
	unit := int64(1)
	for i := p; i < 9; i++ {
		unit *= 10
	}
	ns := int64(t.NanoOfMilli)
	if unit <= 1_000_000 {
		t.NanoOfMilli = int32(ns - ns%unit)
		return t
	}
	msUnit := unit / 1_000_000
	t.Millis = floorDiv(t.Millis, msUnit) * msUnit
	t.NanoOfMilli = 0
	return t
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

func floorMod(a, b int64) int64 { return a - floorDiv(a, b)*b }
