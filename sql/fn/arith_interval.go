package fn

import (
	"fmt"

	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// Date and time arithmetic with intervals. Weir's type system (package
// types) has no INTERVAL type yet, so intervals travel as Flink's runtime
// represents them: INTERVAL DAY TO SECOND (and its sub-ranges) as BIGINT
// milliseconds, INTERVAL YEAR TO MONTH as INT months. The planner turns
// `ts + INTERVAL '1' DAY` into ResolveDatetimeInterval(ts's type,
// IntervalDayTime, false) applied to ts and the literal 86400000.
//
// Semantics, as Flink's generated code:
//   - TIMESTAMP, TIMESTAMP_LTZ ± day-time: milliseconds added to the instant.
//   - DATE ± day-time: whole days added (the interval's milliseconds divided
//     by 86 400 000, truncated toward zero).
//   - TIME ± day-time: milliseconds added, wrapped around midnight.
//   - DATE, TIMESTAMP, TIMESTAMP_LTZ ± year-month: months added to the
//     calendar date (of the UTC wall clock for TIMESTAMP_LTZ), the day of the
//     month clamped to the last day of the resulting month (Jan 31 + 1 month
//     = Feb 28/29); the time of day is kept.
//
// The result has the date/time operand's type. Date/time minus date/time
// (an interval) is not supported; use TIMESTAMPDIFF.

// IntervalKind is the family of an interval operand.
type IntervalKind uint8

const (
	// IntervalDayTime is INTERVAL DAY TO SECOND: BIGINT milliseconds.
	IntervalDayTime IntervalKind = iota + 1
	// IntervalYearMonth is INTERVAL YEAR TO MONTH: INT months.
	IntervalYearMonth
)

// IntervalType returns the type that carries intervals of kind k.
func (k IntervalKind) IntervalType() types.DataType {
	if k == IntervalYearMonth {
		return types.NewInt()
	}
	return types.NewBigInt()
}

// String names the interval family.
func (k IntervalKind) String() string {
	if k == IntervalYearMonth {
		return "INTERVAL YEAR TO MONTH"
	}
	return "INTERVAL DAY TO SECOND"
}

// ResolveDatetimeInterval resolves dt + interval (minus false) or dt -
// interval for dt of type DATE, TIME, TIMESTAMP or TIMESTAMP_LTZ. The kernel
// takes dt and the interval (k.IntervalType()); the result has dt's type,
// nullable when either operand is (the planner passes the interval
// operand's nullability in intervalNullable).
func ResolveDatetimeInterval(dt types.DataType, k IntervalKind, minus, intervalNullable bool) (*Scalar, error) {
	name := "+"
	if minus {
		name = "-"
	}
	if !IsDatetime(dt) {
		return nil, fmt.Errorf("%s %s is not defined on %s; only DATE, TIME and TIMESTAMP take intervals", name, k, dt)
	}
	if dt.Root == types.Time && k == IntervalYearMonth {
		return nil, fmt.Errorf("TIME %s %s is not defined; a time of day has no months", name, k)
	}
	it := k.IntervalType().WithNullable(intervalNullable)
	sign := int64(1)
	if minus {
		sign = -1
	}
	var kern Kernel
	switch {
	case k == IntervalYearMonth && dt.Root == types.Date:
		kern = func(_ *Context, args []*vec.Vector, _ []int32, n int, out *vec.Vector) error {
			SizeOut(out, n)
			UnionNulls(out, n, args[0], args[1])
			d, m, o := args[0].I32[:n], args[1].I32[:n], out.I32[:n]
			for i := range o {
				o[i] = int32(addMonths(int64(d[i]), sign*int64(m[i])))
			}
			return nil
		}
	case k == IntervalYearMonth:
		kern = func(_ *Context, args []*vec.Vector, _ []int32, n int, out *vec.Vector) error {
			SizeOut(out, n)
			UnionNulls(out, n, args[0], args[1])
			t, m, o := args[0].TS[:n], args[1].I32[:n], out.TS[:n]
			for i := range o {
				days, ms := floorDivMod(t[i].Millis, msPerDay)
				days = addMonths(days, sign*int64(m[i]))
				o[i] = types.Timestamp{Millis: days*msPerDay + ms, NanoOfMilli: t[i].NanoOfMilli}
			}
			return nil
		}
	case dt.Root == types.Date:
		kern = func(_ *Context, args []*vec.Vector, _ []int32, n int, out *vec.Vector) error {
			SizeOut(out, n)
			UnionNulls(out, n, args[0], args[1])
			d, ms, o := args[0].I32[:n], args[1].I64[:n], out.I32[:n]
			for i := range o {
				o[i] = d[i] + int32(sign*(ms[i]/msPerDay))
			}
			return nil
		}
	case dt.Root == types.Time:
		kern = func(_ *Context, args []*vec.Vector, _ []int32, n int, out *vec.Vector) error {
			SizeOut(out, n)
			UnionNulls(out, n, args[0], args[1])
			t, ms, o := args[0].I32[:n], args[1].I64[:n], out.I32[:n]
			for i := range o {
				_, r := floorDivMod(int64(t[i])+sign*(ms[i]%msPerDay), msPerDay)
				o[i] = int32(r)
			}
			return nil
		}
	default:
		kern = func(_ *Context, args []*vec.Vector, _ []int32, n int, out *vec.Vector) error {
			SizeOut(out, n)
			UnionNulls(out, n, args[0], args[1])
			t, ms, o := args[0].TS[:n], args[1].I64[:n], out.TS[:n]
			for i := range o {
				o[i] = types.Timestamp{Millis: t[i].Millis + sign*ms[i], NanoOfMilli: t[i].NanoOfMilli}
			}
			return nil
		}
	}
	return &Scalar{Name: name, Args: []types.DataType{dt, it}, Result: dt.WithNullable(dt.Nullable || intervalNullable),
		Deterministic: true, Kernel: kern}, nil
}

// civilFromDays converts days since 1970-01-01 to a proleptic Gregorian date.
func civilFromDays(z int64) (y int64, m, d int) {
	z += 719468
	era := z / 146097
	if z < 0 && z%146097 != 0 {
		era--
	}
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y = yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d = int(doy - (153*mp+2)/5 + 1)
	m = int(mp + 3)
	if m > 12 {
		m -= 12
	}
	if m <= 2 {
		y++
	}
	return y, m, d
}

// addMonths adds months to a date, clamping the day to the month's length.
func addMonths(days, months int64) int64 {
	y, m, d := civilFromDays(days)
	total := y*12 + int64(m-1) + months
	ny := total / 12
	nm := total % 12
	if nm < 0 {
		nm += 12
		ny--
	}
	month := int(nm) + 1
	if dim := daysInMonth(int(ny), month); d > dim {
		d = dim
	}
	return daysFromCivil(int(ny), month, d)
}
