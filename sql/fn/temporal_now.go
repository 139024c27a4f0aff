package fn

import (
	"fmt"
	"time"

	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// The current time, read from Context.Now (the statement's start: constant
// within a statement, so these functions are deterministic in the planner's
// sense) and Context.Location:
//
//	NOW(), CURRENT_TIMESTAMP   TIMESTAMP_LTZ(3) NOT NULL   the instant
//	LOCALTIMESTAMP             TIMESTAMP(3) NOT NULL       its wall clock in Location
//	CURRENT_DATE               DATE NOT NULL               the wall clock's date
//	CURRENT_TIME, LOCALTIME    TIME(0) NOT NULL            the wall clock's time of day (seconds)
//	UNIX_TIMESTAMP()           BIGINT NOT NULL             seconds since the epoch
//
// The parser turns the niladic keywords (CURRENT_TIMESTAMP without
// parentheses) into calls with no arguments. UNIX_TIMESTAMP with arguments
// is in temporal_convert.go.

func init() {
	nows := []struct {
		name   string
		result types.DataType
		fill   func(ctx *Context, out *vec.Vector, rows []int32)
	}{
		{"NOW", types.NewTimestampLTZ(3), fillNowInstant},
		{"CURRENT_TIMESTAMP", types.NewTimestampLTZ(3), fillNowInstant},
		{"LOCALTIMESTAMP", types.NewTimestamp(3), func(ctx *Context, out *vec.Vector, rows []int32) {
			wall := civilInstantToWall(ctx.Now.Millis, calLocation(ctx))
			for _, i := range rows {
				out.TS[i] = types.Timestamp{Millis: wall}
			}
		}},
		{"CURRENT_DATE", types.NewDate(), func(ctx *Context, out *vec.Vector, rows []int32) {
			d := int32(civilFloorDiv(civilInstantToWall(ctx.Now.Millis, calLocation(ctx)), civilMsDay))
			for _, i := range rows {
				out.I32[i] = d
			}
		}},
		{"CURRENT_TIME", types.NewTime(0), fillNowTime},
		{"LOCALTIME", types.NewTime(0), fillNowTime},
	}
	for _, f := range nows {
		RegisterScalar(f.name, func(args []Arg) (*Scalar, error) {
			if err := rowsArgCount(f.name, args, 0, 0); err != nil {
				return nil, err
			}
			return &Scalar{
				Name:          f.name,
				Result:        f.result.NotNull(),
				Deterministic: true,
				Kernel: func(ctx *Context, _ []*vec.Vector, sel []int32, n int, out *vec.Vector) error {
					if ctx == nil {
						return fmt.Errorf("%s: no statement context (the current time is unknown)", f.name)
					}
					rowsStartFixed(out, n)
					f.fill(ctx, out, rowsOf(sel, n))
					return nil
				},
			}, nil
		})
	}
}

func fillNowInstant(ctx *Context, out *vec.Vector, rows []int32) {
	now := types.Timestamp{Millis: ctx.Now.Millis}
	for _, i := range rows {
		out.TS[i] = now
	}
}

func fillNowTime(ctx *Context, out *vec.Vector, rows []int32) {
	wall := civilInstantToWall(ctx.Now.Millis, calLocation(ctx))
	t := int32(civilFloorMod(wall, civilMsDay) / civilMsSecond * civilMsSecond)
	for _, i := range rows {
		out.I32[i] = t
	}
}

// calLocation is the session zone, UTC without a context.
func calLocation(ctx *Context) *time.Location {
	if ctx == nil || ctx.Location == nil {
		return time.UTC
	}
	return ctx.Location
}
