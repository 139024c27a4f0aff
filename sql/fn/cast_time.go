package fn

import (
	"fmt"

	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// Casts among DATE, TIME, TIMESTAMP and TIMESTAMP_LTZ (see cast.go).

const msPerDay = 86400000

// truncateTime drops the digits of milliseconds of the day beyond precision p.
func truncateTime(ms int32, p int) int32 {
	switch {
	case p >= 3:
		return ms
	case p == 2:
		return ms - ms%10
	case p == 1:
		return ms - ms%100
	}
	return ms - ms%1000
}

func floorDivMod(a, b int64) (q, r int64) {
	q, r = a/b, a%b
	if r < 0 {
		q--
		r += b
	}
	return q, r
}

// datetime resolves casts among the date and time types.
func (c castSpec) datetime() (Kernel, error) {
	from, to := c.from.Root, c.to.Root
	p := c.to.Precision
	switch {
	case from == types.Date && to == types.Date:
		return copyKernel, nil
	case from == types.Time && to == types.Time:
		return c.i32Kernel(func(_ *Context, v int32) int32 { return truncateTime(v, p) }), nil
	case from == types.Date && c.to.IsTimestamp():
		ltz := to == types.TimestampLTZ
		return c.tsKernel(func(ctx *Context, in *vec.Vector, i int) types.Timestamp {
			ts := types.Timestamp{Millis: int64(in.I32[i]) * msPerDay}
			if ltz {
				ts = wallToInstant(ts, ctx.Loc())
			}
			return ts
		}), nil
	case from == types.Time && c.to.IsTimestamp():
		ltz := to == types.TimestampLTZ
		return c.tsKernel(func(ctx *Context, in *vec.Vector, i int) types.Timestamp {
			ts := types.Timestamp{Millis: int64(in.I32[i])}
			if ltz {
				ts = wallToInstant(ts, ctx.Loc())
			}
			return ts.Truncate(p)
		}), nil
	case c.from.IsTimestamp() && c.to.IsTimestamp():
		switch {
		case from == to:
			return c.tsKernel(func(_ *Context, in *vec.Vector, i int) types.Timestamp { return in.TS[i].Truncate(p) }), nil
		case to == types.TimestampLTZ:
			return c.tsKernel(func(ctx *Context, in *vec.Vector, i int) types.Timestamp {
				return wallToInstant(in.TS[i], ctx.Loc()).Truncate(p)
			}), nil
		default:
			return c.tsKernel(func(ctx *Context, in *vec.Vector, i int) types.Timestamp {
				return instantToWall(in.TS[i], ctx.Loc()).Truncate(p)
			}), nil
		}
	case c.from.IsTimestamp() && (to == types.Date || to == types.Time):
		ltz := from == types.TimestampLTZ
		date := to == types.Date
		return func(ctx *Context, args []*vec.Vector, _ []int32, n int, out *vec.Vector) error {
			in := args[0]
			SizeOut(out, n)
			UnionNulls(out, n, in)
			ts, o := in.TS[:n], out.I32[:n]
			for i := range o {
				t := ts[i]
				if ltz {
					t = instantToWall(t, ctx.Loc())
				}
				d, ms := floorDivMod(t.Millis, msPerDay)
				if date {
					o[i] = int32(d)
				} else {
					o[i] = truncateTime(int32(ms), p)
				}
			}
			return nil
		}, nil
	}
	return nil, fmt.Errorf("cannot cast %s to %s", c.from, c.to)
}

// i32Kernel maps every row of an I32 vector.
func (c castSpec) i32Kernel(f func(*Context, int32) int32) Kernel {
	return func(ctx *Context, args []*vec.Vector, _ []int32, n int, out *vec.Vector) error {
		SizeOut(out, n)
		UnionNulls(out, n, args[0])
		a, o := args[0].I32[:n], out.I32[:n]
		for i := range o {
			o[i] = f(ctx, a[i])
		}
		return nil
	}
}

// tsKernel computes a timestamp from every selected row.
func (c castSpec) tsKernel(f func(ctx *Context, in *vec.Vector, i int) types.Timestamp) Kernel {
	return func(ctx *Context, args []*vec.Vector, sel []int32, n int, out *vec.Vector) error {
		in := args[0]
		SizeOut(out, n)
		UnionNulls(out, n, in)
		o := out.TS[:n]
		forRows(n, sel, func(i int) { o[i] = f(ctx, in, i) })
		return nil
	}
}
