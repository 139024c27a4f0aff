package fn

import (
	"fmt"
	"strings"

	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// Field extraction from DATE, TIME, TIMESTAMP and TIMESTAMP_LTZ values, as
// BIGINT (Flink's EXTRACT and its shorthands): YEAR, QUARTER, MONTH, WEEK
// (ISO-8601), DAYOFYEAR, DAYOFMONTH, DAYOFWEEK (Sunday = 1), HOUR, MINUTE,
// SECOND. TIMESTAMP_LTZ values are read in Context.Location (the session
// zone); TIMESTAMP values are wall clocks already.
//
// EXTRACT is registered as a function whose first argument is the unit as a
// constant STRING: the planner lowers EXTRACT(YEAR FROM ts) to
// EXTRACT('YEAR', ts). Units: MILLENNIUM, CENTURY, DECADE, YEAR, QUARTER,
// MONTH, WEEK, DOY, DAY, DOW (Sunday = 1), ISODOW (Monday = 1), HOUR,
// MINUTE, SECOND, MILLISECOND (seconds*1000 + millis, as Calcite),
// MICROSECOND, NANOSECOND, EPOCH (seconds since 1970-01-01 of the wall clock).

type extractUnit uint8

const (
	exMillennium extractUnit = iota + 1
	exCentury
	exDecade
	exYear
	exQuarter
	exMonth
	exWeek
	exDOY
	exDay
	exDOW
	exISODOW
	exHour
	exMinute
	exSecond
	exMillisecond
	exMicrosecond
	exNanosecond
	exEpoch
)

var extractUnits = map[string]extractUnit{
	"MILLENNIUM": exMillennium, "CENTURY": exCentury, "DECADE": exDecade, "YEAR": exYear,
	"QUARTER": exQuarter, "MONTH": exMonth, "WEEK": exWeek, "DOY": exDOY, "DAY": exDay,
	"DOW": exDOW, "ISODOW": exISODOW, "HOUR": exHour, "MINUTE": exMinute, "SECOND": exSecond,
	"MILLISECOND": exMillisecond, "MICROSECOND": exMicrosecond, "NANOSECOND": exNanosecond,
	"EPOCH": exEpoch,
}

func init() {
	for name, u := range map[string]extractUnit{
		"YEAR": exYear, "QUARTER": exQuarter, "MONTH": exMonth, "WEEK": exWeek,
		"DAYOFYEAR": exDOY, "DAYOFMONTH": exDay, "DAYOFWEEK": exDOW,
		"HOUR": exHour, "MINUTE": exMinute, "SECOND": exSecond,
	} {
		RegisterScalar(name, func(args []Arg) (*Scalar, error) {
			if err := rowsArgCount(name, args, 1, 1); err != nil {
				return nil, err
			}
			return resolveExtract(name, u, args[0])
		})
	}
	RegisterScalar("EXTRACT", func(args []Arg) (*Scalar, error) {
		if err := rowsArgCount("EXTRACT", args, 2, 2); err != nil {
			return nil, err
		}
		calUnitName, ok := rowsConstString(args[0])
		if !ok {
			return nil, fmt.Errorf("EXTRACT: the unit (argument 1) must be a constant string such as 'YEAR', got %s", args[0].Type)
		}
		u, ok := extractUnits[strings.ToUpper(calUnitName)]
		if !ok {
			return nil, fmt.Errorf("EXTRACT: unknown unit %q (one of MILLENNIUM, CENTURY, DECADE, YEAR, QUARTER, MONTH, WEEK, DOY, DAY, DOW, ISODOW, HOUR, MINUTE, SECOND, MILLISECOND, MICROSECOND, NANOSECOND, EPOCH)", calUnitName)
		}
		s, err := resolveExtract("EXTRACT", u, args[1])
		if err != nil {
			return nil, err
		}
		s.Args = append([]types.DataType{types.NewString().NotNull()}, s.Args...)
		inner := s.Kernel
		s.Kernel = func(ctx *Context, args []*vec.Vector, sel []int32, n int, out *vec.Vector) error {
			if len(args) != 2 {
				return fmt.Errorf("EXTRACT: expected 2 argument vectors, got %d", len(args))
			}
			return inner(ctx, args[1:], sel, n, out)
		}
		return s, nil
	})
}

func extractIsTimeUnit(u extractUnit) bool {
	switch u {
	case exHour, exMinute, exSecond, exMillisecond, exMicrosecond, exNanosecond:
		return true
	}
	return false
}

func resolveExtract(name string, u extractUnit, a Arg) (*Scalar, error) {
	t := a.Type
	switch t.Root {
	case types.Date:
		if extractIsTimeUnit(u) {
			return nil, rowsArgTypeError(name, 0, a, "a TIME, TIMESTAMP or TIMESTAMP_LTZ for a time-of-day field")
		}
	case types.Time:
		if !extractIsTimeUnit(u) && u != exEpoch {
			return nil, rowsArgTypeError(name, 0, a, "a DATE, TIMESTAMP or TIMESTAMP_LTZ for a date field")
		}
	case types.TimestampRoot, types.TimestampLTZ:
	default:
		return nil, rowsArgTypeError(name, 0, a, "DATE, TIME, TIMESTAMP or TIMESTAMP_LTZ")
	}
	ltz := t.Root == types.TimestampLTZ
	isDate := t.Root == types.Date
	return &Scalar{
		Name:          name,
		Args:          []types.DataType{t},
		Result:        types.NewBigInt().WithNullable(t.Nullable),
		Deterministic: true,
		Kernel: func(ctx *Context, args []*vec.Vector, sel []int32, n int, out *vec.Vector) error {
			if len(args) != 1 {
				return fmt.Errorf("%s: expected 1 argument vector, got %d", name, len(args))
			}
			v := args[0]
			rows := rowsOf(sel, n)
			rowsStartFixed(out, n)
			rowsPropagateNulls(args, rows, out)
			res := out.I64
			switch v.Kind {
			case vec.KindI32:
				for _, i := range rows {
					x := int64(v.I32[i])
					if isDate {
						x *= civilMsDay
					}
					res[i] = extractField(u, x, 0)
				}
			case vec.KindTimestamp:
				loc := calLocation(ctx)
				for _, i := range rows {
					ts := v.TS[i]
					res[i] = extractField(u, civilWallOf(ts, ltz, loc), ts.NanoOfMilli)
				}
			default:
				return fmt.Errorf("%s: argument vector of type %s is not temporal", name, v.Type)
			}
			return nil
		},
	}, nil
}

// extractField computes one field of a wall clock.
func extractField(u extractUnit, wall int64, nano int32) int64 {
	days := civilFloorDiv(wall, civilMsDay)
	msOfDay := wall - days*civilMsDay
	switch u {
	case exHour:
		return msOfDay / civilMsHour
	case exMinute:
		return msOfDay / civilMsMinute % 60
	case exSecond:
		return msOfDay / civilMsSecond % 60
	case exMillisecond:
		return msOfDay % civilMsMinute
	case exMicrosecond:
		return (msOfDay%civilMsMinute)*1000 + int64(nano)/1000
	case exNanosecond:
		return (msOfDay%civilMsMinute)*1_000_000 + int64(nano)
	case exEpoch:
		return civilFloorDiv(wall, civilMsSecond)
	case exDOW:
		return civilFloorMod(days+4, 7) + 1
	case exISODOW:
		return civilFloorMod(days+3, 7) + 1
	case exWeek:
		return int64(civilISOWeek(days))
	case exDOY:
		return int64(civilDayOfYear(days))
	}
	y, m, d := civilFromDays(days)
	switch u {
	case exYear:
		return y
	case exQuarter:
		return int64(m-1)/3 + 1
	case exMonth:
		return int64(m)
	case exDay:
		return int64(d)
	case exDecade:
		return civilFloorDiv(y, 10)
	case exCentury:
		if y > 0 {
			return (y + 99) / 100
		}
		return -((-y + 100) / 100)
	case exMillennium:
		if y > 0 {
			return (y + 999) / 1000
		}
		return -((-y + 1000) / 1000)
	}
	return 0
}
