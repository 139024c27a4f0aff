package fn

import (
	"time"

	"github.com/weir-data/weir/types"
)

// This file holds the calendar arithmetic of the temporal functions: the
// proleptic Gregorian calendar as Java's java.time uses it, on "wall-clock
// milliseconds" (a TIMESTAMP's millis read as UTC), and the conversion of
// TIMESTAMP_LTZ instants to and from wall clocks in a zone with Java's rules
// for DST gaps and overlaps.

const (
	msPerSecond = 1000
	msPerMinute = 60 * msPerSecond
	msPerHour   = 60 * msPerMinute
)

func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

func floorMod(a, b int64) int64 { return a - floorDiv(a, b)*b }

// civilDays converts a civil date (month 1-12, day 1-31) to days since
// 1970-01-01.
func civilDays(y int64, m, d int) int64 {
	if m <= 2 {
		y--
	}
	era := floorDiv(y, 400)
	yoe := y - era*400
	mm := int64(m)
	if mm > 2 {
		mm -= 3
	} else {
		mm += 9
	}
	doy := (153*mm+2)/5 + int64(d) - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

func isLeapYear(y int64) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

func monthDays(y int64, m int) int {
	switch m {
	case 2:
		if isLeapYear(y) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// dayOfYear returns 1..366.
func dayOfYear(days int64) int {
	y, _, _ := civilFromDays(days)
	return int(days-civilDays(y, 1, 1)) + 1
}

// isoWeek returns the ISO-8601 week number (1..53) of a day.
func isoWeek(days int64) int {
	// The Thursday of the day's week decides the week-based year.
	dow := int(floorMod(days+3, 7)) // 0 = Monday
	thursday := days - int64(dow) + 3
	y, _, _ := civilFromDays(thursday)
	return int((thursday-civilDays(y, 1, 1))/7) + 1
}

// zoneOffsetMillis returns loc's UTC offset at an instant, in milliseconds.
func zoneOffsetMillis(instantMillis int64, loc *time.Location) int64 {
	if loc == nil || loc == time.UTC {
		return 0
	}
	_, off := time.UnixMilli(instantMillis).In(loc).Zone()
	return int64(off) * msPerSecond
}

// wallMillisOf converts an instant (TIMESTAMP_LTZ millis) to wall-clock
// millis in loc.
func wallMillisOf(ms int64, loc *time.Location) int64 {
	return ms + zoneOffsetMillis(ms, loc)
}

// instantMillisOf converts wall-clock millis in loc to an instant as Java's
// ZonedDateTime.ofLocal does: in an overlap the earlier offset wins, and a
// time in a gap moves forward by the gap's length (both amount to using the
// offset in force before the transition).
func instantMillisOf(wall int64, loc *time.Location) int64 {
	if loc == nil || loc == time.UTC {
		return wall
	}
	early := zoneOffsetMillis(wall-msPerDay, loc)
	late := zoneOffsetMillis(wall+msPerDay, loc)
	if early == late {
		return wall - early
	}
	i1, i2 := wall-early, wall-late
	switch {
	case zoneOffsetMillis(i1, loc) == early:
		return i1
	case zoneOffsetMillis(i2, loc) == late:
		return i2
	}
	return i1 // gap
}

// wallOf returns a temporal value's wall clock in millis (and nanos within
// the milli) for field extraction: DATE → midnight, TIME → that time on
// 1970-01-01, TIMESTAMP as stored, TIMESTAMP_LTZ in loc.
func wallOfTS(t types.Timestamp, ltz bool, loc *time.Location) int64 {
	if ltz {
		return wallMillisOf(t.Millis, loc)
	}
	return t.Millis
}
