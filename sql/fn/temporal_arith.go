package fn

import (
	"fmt"
	"math"
	"strings"

	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// Calendar arithmetic. The unit is always a constant STRING first argument
// (MILLISECOND, SECOND, MINUTE, HOUR, DAY, WEEK, MONTH, QUARTER, YEAR);
// the planner lowers the SQL forms to these calls:
//
//	FLOOR(x TO unit)            → TIME_FLOOR('unit', x)     same type as x
//	CEIL(x TO unit)             → TIME_CEIL('unit', x)      same type as x
//	TIMESTAMPADD(unit, n, x)    → TIMESTAMPADD('unit', n, x)   same type as x
//	TIMESTAMPDIFF(unit, a, b)   → TIMESTAMPDIFF('unit', a, b)  INT: whole units from a to b
//
// x is a DATE, TIMESTAMP or TIMESTAMP_LTZ (units below DAY are refused for
// DATE). TIMESTAMP_LTZ values are floored, and moved by DAY and larger
// units, on their wall clock in Context.Location (a result in a DST gap
// moves forward, as Java); smaller units move the instant. WEEK floors to
// Sunday (Calcite's rule). Adding months keeps the day of month, clamped to
// the month's end (Jan 31 + 1 month = Feb 28/29). TIMESTAMPDIFF counts
// months as Flink: whole months, the partial last month dropped; its INT
// result wraps as Java's (int) cast. Overflowing the timestamp range is an
// error naming the function and the value.

type calUnit uint8

const (
	tuMillisecond calUnit = iota + 1
	tuSecond
	tuMinute
	tuHour
	tuDay
	tuWeek
	tuMonth
	tuQuarter
	tuYear
)

var calUnits = map[string]calUnit{
	"MILLISECOND": tuMillisecond, "SECOND": tuSecond, "MINUTE": tuMinute, "HOUR": tuHour,
	"DAY": tuDay, "WEEK": tuWeek, "MONTH": tuMonth, "QUARTER": tuQuarter, "YEAR": tuYear,
}

// millis returns the fixed length of units up to WEEK.
func (u calUnit) millis() int64 {
	switch u {
	case tuMillisecond:
		return 1
	case tuSecond:
		return civilMsSecond
	case tuMinute:
		return civilMsMinute
	case tuHour:
		return civilMsHour
	case tuDay:
		return civilMsDay
	case tuWeek:
		return 7 * civilMsDay
	}
	return 0
}

// months returns the number of months of MONTH, QUARTER, YEAR.
func (u calUnit) months() int64 {
	switch u {
	case tuMonth:
		return 1
	case tuQuarter:
		return 3
	case tuYear:
		return 12
	}
	return 0
}

func init() {
	RegisterScalar("TIME_FLOOR", func(args []Arg) (*Scalar, error) { return resolveTimeRound("TIME_FLOOR", false, args) })
	RegisterScalar("TIME_CEIL", func(args []Arg) (*Scalar, error) { return resolveTimeRound("TIME_CEIL", true, args) })
	RegisterScalar("TIMESTAMPADD", resolveTimestampAdd)
	RegisterScalar("TIMESTAMPDIFF", resolveTimestampDiff)
}

func calUnitArg(name string, a Arg) (calUnit, error) {
	s, ok := rowsConstString(a)
	if !ok {
		return 0, fmt.Errorf("%s: the unit (argument 1) must be a constant string such as 'DAY', got %s", name, a.Type)
	}
	u, ok := calUnits[strings.ToUpper(strings.TrimSpace(s))]
	if !ok {
		return 0, fmt.Errorf("%s: unknown unit %q (MILLISECOND, SECOND, MINUTE, HOUR, DAY, WEEK, MONTH, QUARTER, YEAR)", name, s)
	}
	return u, nil
}

func calArgCheck(name string, pos int, a Arg, u calUnit) error {
	switch a.Type.Root {
	case types.Date:
		if u < tuDay {
			return fmt.Errorf("%s: unit below DAY on a DATE; cast argument %d to TIMESTAMP first", name, pos+1)
		}
	case types.TimestampRoot, types.TimestampLTZ:
	default:
		return rowsArgTypeError(name, pos, a, "DATE, TIMESTAMP or TIMESTAMP_LTZ")
	}
	return nil
}

// calAddMonths adds k months to a wall clock, clamping the day.
func calAddMonths(wall, k int64) (int64, bool) {
	days := civilFloorDiv(wall, civilMsDay)
	tod := wall - days*civilMsDay
	y, m, d := civilFromDays(days)
	total := y*12 + int64(m-1) + k
	if k > 1<<40 || k < -(1<<40) {
		return 0, false
	}
	ny, nm := civilFloorDiv(total, 12), int(civilFloorMod(total, 12))+1
	if ny > 1<<31 || ny < -(1<<31) {
		return 0, false
	}
	nd := min(d, civilMonthDays(ny, nm))
	return civilToDays(ny, nm, nd)*civilMsDay + tod, true
}

// calFloor floors a wall clock to a unit.
func calFloor(wall int64, u calUnit) int64 {
	switch u {
	case tuWeek:
		days := civilFloorDiv(wall, civilMsDay)
		days -= civilFloorMod(days+4, 7) // 1970-01-01 was a Thursday: days+4 ≡ 0 on Sundays
		return days * civilMsDay
	case tuMonth, tuQuarter, tuYear:
		y, m, _ := civilFromDays(civilFloorDiv(wall, civilMsDay))
		switch u {
		case tuQuarter:
			m = (m-1)/3*3 + 1
		case tuYear:
			m = 1
		}
		return civilToDays(y, m, 1) * civilMsDay
	}
	return civilFloorDiv(wall, u.millis()) * u.millis()
}

func resolveTimeRound(name string, ceil bool, args []Arg) (*Scalar, error) {
	if err := rowsArgCount(name, args, 2, 2); err != nil {
		return nil, err
	}
	u, err := calUnitArg(name, args[0])
	if err != nil {
		return nil, err
	}
	if err := calArgCheck(name, 1, args[1], u); err != nil {
		return nil, err
	}
	t := args[1].Type
	ltz := t.Root == types.TimestampLTZ
	return &Scalar{
		Name: name, Args: []types.DataType{types.NewString().NotNull(), t}, Result: t, Deterministic: true,
		Kernel: func(ctx *Context, args []*vec.Vector, sel []int32, n int, out *vec.Vector) error {
			if len(args) != 2 {
				return fmt.Errorf("%s: expected 2 argument vectors, got %d", name, len(args))
			}
			v := args[1]
			loc := calLocation(ctx)
			var ferr error
			err := rowsEachFixed(args[1:], sel, n, out, func(i int32) bool {
				var wall int64
				exact := true
				if v.Kind == vec.KindI32 {
					wall = int64(v.I32[i]) * civilMsDay
				} else {
					ts := v.TS[i]
					wall = civilWallOf(ts, ltz, loc)
					exact = ts.NanoOfMilli == 0
				}
				f := calFloor(wall, u)
				if ceil && (f != wall || !exact) {
					var ok bool
					if m := u.months(); m > 0 {
						f, ok = calAddMonths(f, m)
					} else {
						f, ok = f+u.millis(), f <= math.MaxInt64-u.millis()
					}
					if !ok {
						ferr = fmt.Errorf("%s: ceiling of %d overflows", name, wall)
						return false
					}
				}
				if v.Kind == vec.KindI32 {
					out.I32[i] = int32(civilFloorDiv(f, civilMsDay))
				} else if ltz {
					out.TS[i] = types.Timestamp{Millis: civilWallToInstant(f, loc)}
				} else {
					out.TS[i] = types.Timestamp{Millis: f}
				}
				return true
			})
			if ferr != nil {
				return ferr
			}
			return err
		},
	}, nil
}

func resolveTimestampAdd(args []Arg) (*Scalar, error) {
	const name = "TIMESTAMPADD"
	if err := rowsArgCount(name, args, 3, 3); err != nil {
		return nil, err
	}
	u, err := calUnitArg(name, args[0])
	if err != nil {
		return nil, err
	}
	if !rowsIsIntegral(args[1].Type) && !rowsIsNullLiteral(args[1]) {
		return nil, rowsArgTypeError(name, 1, args[1], "an integer")
	}
	if err := calArgCheck(name, 2, args[2], u); err != nil {
		return nil, err
	}
	t := args[2].Type
	ltz := t.Root == types.TimestampLTZ
	return &Scalar{
		Name:   name,
		Args:   []types.DataType{types.NewString().NotNull(), types.NewBigInt().WithNullable(args[1].Type.Nullable), t},
		Result: t.WithNullable(t.Nullable || args[1].Type.Nullable), Deterministic: true,
		Kernel: func(ctx *Context, args []*vec.Vector, sel []int32, n int, out *vec.Vector) error {
			if len(args) != 3 {
				return fmt.Errorf("%s: expected 3 argument vectors, got %d", name, len(args))
			}
			cnt, v := args[1], args[2]
			loc := calLocation(ctx)
			var ferr error
			err := rowsEachFixed(args[1:], sel, n, out, func(i int32) bool {
				k := cnt.I64[i]
				var base int64
				var nano int32
				if v.Kind == vec.KindI32 {
					base = int64(v.I32[i]) * civilMsDay
				} else {
					base, nano = v.TS[i].Millis, v.TS[i].NanoOfMilli
				}
				onWall := ltz && u >= tuDay
				if onWall {
					base = civilInstantToWall(base, loc)
				}
				var r int64
				ok := true
				if m := u.months(); m > 0 {
					if k > math.MaxInt64/12 || k < math.MinInt64/12 {
						ok = false
					} else {
						r, ok = calAddMonths(base, k*m)
					}
				} else {
					step := u.millis()
					d := k * step
					ok = k == 0 || (d/step == k && !((d > 0 && base > math.MaxInt64-d) || (d < 0 && base < math.MinInt64-d)))
					r = base + d
				}
				if !ok {
					ferr = fmt.Errorf("%s: adding %d %s to %d overflows the timestamp range", name, k, strings.ToLower(calUnitName(u)), base)
					return false
				}
				if onWall {
					r = civilWallToInstant(r, loc)
				}
				if v.Kind == vec.KindI32 {
					d := civilFloorDiv(r, civilMsDay)
					if d > math.MaxInt32 || d < math.MinInt32 {
						ferr = fmt.Errorf("%s: result day %d is outside the DATE range", name, d)
						return false
					}
					out.I32[i] = int32(d)
				} else {
					out.TS[i] = types.Timestamp{Millis: r, NanoOfMilli: nano}
				}
				return true
			})
			if ferr != nil {
				return ferr
			}
			return err
		},
	}, nil
}

func calUnitName(u calUnit) string {
	for k, v := range calUnits {
		if v == u {
			return k
		}
	}
	return "?"
}

func resolveTimestampDiff(args []Arg) (*Scalar, error) {
	const name = "TIMESTAMPDIFF"
	if err := rowsArgCount(name, args, 3, 3); err != nil {
		return nil, err
	}
	u, err := calUnitArg(name, args[0])
	if err != nil {
		return nil, err
	}
	a, b := args[1].Type, args[2].Type
	for k, x := range []Arg{args[1], args[2]} {
		switch x.Type.Root {
		case types.Date, types.TimestampRoot, types.TimestampLTZ:
		default:
			return nil, rowsArgTypeError(name, k+1, x, "DATE, TIMESTAMP or TIMESTAMP_LTZ")
		}
	}
	var common types.DataType
	switch {
	case a.Root == types.Date && b.Root == types.Date:
		common = types.NewDate()
	case (a.Root == types.TimestampLTZ) != (b.Root == types.TimestampLTZ):
		return nil, fmt.Errorf("%s: cannot mix TIMESTAMP_LTZ (%s) and %s; cast one side first", name, a, b)
	case a.Root == types.TimestampLTZ:
		common = types.NewTimestampLTZ(max(a.Precision, b.Precision))
	default:
		common = types.NewTimestamp(max(a.Precision, b.Precision, 0))
	}
	ltz := common.Root == types.TimestampLTZ
	return &Scalar{
		Name:   name,
		Args:   []types.DataType{types.NewString().NotNull(), common.WithNullable(a.Nullable), common.WithNullable(b.Nullable)},
		Result: types.NewInt().WithNullable(a.Nullable || b.Nullable), Deterministic: true,
		Kernel: func(ctx *Context, args []*vec.Vector, sel []int32, n int, out *vec.Vector) error {
			if len(args) != 3 {
				return fmt.Errorf("%s: expected 3 argument vectors, got %d", name, len(args))
			}
			loc := calLocation(ctx)
			wallAt := func(v *vec.Vector, i int32) int64 {
				if v.Kind == vec.KindI32 {
					return int64(v.I32[i]) * civilMsDay
				}
				if ltz && u.months() > 0 {
					return civilInstantToWall(v.TS[i].Millis, loc)
				}
				return v.TS[i].Millis
			}
			return rowsEachFixed(args[1:], sel, n, out, func(i int32) bool {
				x, y := wallAt(args[1], i), wallAt(args[2], i)
				var r int64
				if m := u.months(); m > 0 {
					r = calMonthsBetween(x, y) / m
				} else {
					r = (y - x) / u.millis() // wraps for differences beyond int64, as Java's long
				}
				out.I32[i] = int32(r)
				return true
			})
		},
	}, nil
}

// calMonthsBetween counts whole months from wall clock a to b (negative when b
// is earlier), dropping a partial last month.
func calMonthsBetween(a, b int64) int64 {
	da, db := civilFloorDiv(a, civilMsDay), civilFloorDiv(b, civilMsDay)
	ya, ma, dA := civilFromDays(da)
	yb, mb, dB := civilFromDays(db)
	months := (yb*12 + int64(mb)) - (ya*12 + int64(ma))
	restA := int64(dA)*civilMsDay + (a - da*civilMsDay)
	restB := int64(dB)*civilMsDay + (b - db*civilMsDay)
	switch {
	case months > 0 && restB < restA:
		months--
	case months < 0 && restB > restA:
		months++
	}
	return months
}
