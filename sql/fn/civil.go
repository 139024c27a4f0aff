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
	civilMsSecond = 1000
	civilMsMinute = 60 * civilMsSecond
	civilMsHour   = 60 * civilMsMinute
	civilMsDay    = 24 * civilMsHour
)

func civilFloorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

func civilFloorMod(a, b int64) int64 { return a - civilFloorDiv(a, b)*b }

// civilToDays converts a civil date (month 1-12, day 1-31) to days since
// 1970-01-01.
func civilToDays(y int64, m, d int) int64 {
	if m <= 2 {
		y--
	}
	era := civilFloorDiv(y, 400)
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

func civilIsLeap(y int64) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

func civilMonthDays(y int64, m int) int {
	switch m {
	case 2:
		if civilIsLeap(y) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// civilDayOfYear returns 1..366.
func civilDayOfYear(days int64) int {
	y, _, _ := civilFromDays(days)
	return int(days-civilToDays(y, 1, 1)) + 1
}

// civilISOWeek returns the ISO-8601 week number (1..53) of a day.
func civilISOWeek(days int64) int {
	// The Thursday of the day's week decides the week-based year.
	dow := int(civilFloorMod(days+3, 7)) // 0 = Monday
	thursday := days - int64(dow) + 3
	y, _, _ := civilFromDays(thursday)
	return int((thursday-civilToDays(y, 1, 1))/7) + 1
}

// civilZoneOffset returns loc's UTC offset at an instant, in milliseconds.
func civilZoneOffset(instantMillis int64, loc *time.Location) int64 {
	if loc == nil || loc == time.UTC {
		return 0
	}
	_, off := time.UnixMilli(instantMillis).In(loc).Zone()
	return int64(off) * civilMsSecond
}

// civilInstantToWall converts an instant (TIMESTAMP_LTZ millis) to wall-clock
// millis in loc.
func civilInstantToWall(ms int64, loc *time.Location) int64 {
	return ms + civilZoneOffset(ms, loc)
}

// civilWallToInstant converts wall-clock millis in loc to an instant as Java's
// ZonedDateTime.ofLocal does: in an overlap the earlier offset wins, and a
// time in a gap moves forward by the gap's length (both amount to using the
// offset in force before the transition).
func civilWallToInstant(wall int64, loc *time.Location) int64 {
	if loc == nil || loc == time.UTC {
		return wall
	}
	early := civilZoneOffset(wall-civilMsDay, loc)
	late := civilZoneOffset(wall+civilMsDay, loc)
	if early == late {
		return wall - early
	}
	i1, i2 := wall-early, wall-late
	switch {
	case civilZoneOffset(i1, loc) == early:
		return i1
	case civilZoneOffset(i2, loc) == late:
		return i2
	}
	return i1 // gap
}

// wallOf returns a temporal value's wall clock in millis (and nanos within
// the milli) for field extraction: DATE → midnight, TIME → that time on
// 1970-01-01, TIMESTAMP as stored, TIMESTAMP_LTZ in loc.
func civilWallOf(t types.Timestamp, ltz bool, loc *time.Location) int64 {
	if ltz {
		return civilInstantToWall(t.Millis, loc)
	}
	return t.Millis
}
