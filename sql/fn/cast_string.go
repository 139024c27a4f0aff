package fn

import (
	"fmt"
	"math"
	"strconv"
	"unicode/utf8"

	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// Casts to and from character and binary strings (see cast.go).

// toString resolves a cast of any atomic type to CHAR(n), VARCHAR(n) or
// STRING.
func (c castSpec) toString() Kernel {
	from, to := c.from, c.to
	fs, fp := from.Scale, from.Precision
	padTo, cutAt := -1, -1
	if to.Length < types.MaxLength {
		cutAt = to.Length
		if to.Root == types.Char {
			padTo = to.Length
		}
	}
	return c.bytesKernel(func(ctx *Context, in *vec.Vector, i int, out *vec.Vector) (bool, error) {
		start := len(out.Data)
		b := out.Data
		switch in.Kind {
		case vec.KindBool:
			if in.Bools[i] {
				b = append(b, "TRUE"...)
			} else {
				b = append(b, "FALSE"...)
			}
		case vec.KindI8:
			b = strconv.AppendInt(b, int64(in.I8[i]), 10)
		case vec.KindI16:
			b = strconv.AppendInt(b, int64(in.I16[i]), 10)
		case vec.KindI32:
			switch from.Root {
			case types.Date:
				b = append(b, types.FormatDate(in.I32[i])...)
			case types.Time:
				b = append(b, types.FormatTime(in.I32[i], fp)...)
			default:
				b = strconv.AppendInt(b, int64(in.I32[i]), 10)
			}
		case vec.KindI64:
			if from.Root == types.DecimalRoot {
				b = appendCompactDecimal(b, in.I64[i], fs)
			} else {
				b = strconv.AppendInt(b, in.I64[i], 10)
			}
		case vec.KindF32:
			b = append(b, types.FormatJavaFloat(float64(in.F32[i]), 32)...)
		case vec.KindF64:
			b = append(b, types.FormatJavaFloat(in.F64[i], 64)...)
		case vec.KindDecimal:
			b = append(b, in.Dec[i].String(fs)...)
		case vec.KindTimestamp:
			if from.Root == types.TimestampLTZ {
				b = append(b, types.FormatTimestampIn(in.TS[i], fp, ctx.Loc())...)
			} else {
				b = append(b, types.FormatTimestamp(in.TS[i], fp)...)
			}
		case vec.KindBytes:
			v := in.Bytes(i)
			if from.IsBinary() && !utf8.Valid(v) {
				for len(v) > 0 {
					r, size := utf8.DecodeRune(v)
					b = utf8.AppendRune(b, r) // RuneError for invalid bytes
					v = v[size:]
				}
			} else {
				b = append(b, v...)
			}
		}
		b = fitChars(b, start, cutAt, padTo)
		out.Data = b
		out.Offsets = append(out.Offsets, int32(len(b)))
		out.Len++
		return true, nil
	})
}

// fitChars cuts the text b[start:] to cutAt characters and pads it with
// spaces to padTo characters (-1: no limit / no padding).
func fitChars(b []byte, start, cutAt, padTo int) []byte {
	if cutAt < 0 && padTo < 0 {
		return b
	}
	n, i := 0, start
	for i < len(b) {
		if n == cutAt {
			return b[:i]
		}
		_, size := utf8.DecodeRune(b[i:])
		i += size
		n++
	}
	for ; n < padTo; n++ {
		b = append(b, ' ')
	}
	return b
}

// appendCompactDecimal formats an unscaled int64 with scale s as
// BigDecimal.toPlainString.
func appendCompactDecimal(b []byte, v int64, s int) []byte {
	if s == 0 {
		return strconv.AppendInt(b, v, 10)
	}
	u := uint64(v)
	if v < 0 {
		b = append(b, '-')
		u = -u
	}
	var tmp [24]byte
	digits := strconv.AppendUint(tmp[:0], u, 10)
	if len(digits) <= s {
		b = append(b, '0', '.')
		for k := len(digits); k < s; k++ {
			b = append(b, '0')
		}
		return append(b, digits...)
	}
	b = append(b, digits[:len(digits)-s]...)
	b = append(b, '.')
	return append(b, digits[len(digits)-s:]...)
}

// toBinary resolves a cast to BINARY(n), VARBINARY(n) or BYTES from a
// string (its UTF-8 bytes) or binary string: cut to n bytes, BINARY(n)
// zero-padded to n.
func (c castSpec) toBinary() Kernel {
	to := c.to
	cutAt, padTo := -1, -1
	if to.Length < types.MaxLength {
		cutAt = to.Length
		if to.Root == types.Binary {
			padTo = to.Length
		}
	}
	return c.bytesKernel(func(_ *Context, in *vec.Vector, i int, out *vec.Vector) (bool, error) {
		v := in.Bytes(i)
		if cutAt >= 0 && len(v) > cutAt {
			v = v[:cutAt]
		}
		out.Data = append(out.Data, v...)
		for k := len(v); k < padTo; k++ {
			out.Data = append(out.Data, 0)
		}
		out.Offsets = append(out.Offsets, int32(len(out.Data)))
		out.Len++
		return true, nil
	})
}

// fromString resolves a cast of CHAR/VARCHAR text to a non-string type.
func (c castSpec) fromString() Kernel {
	to := c.to
	switch to.Root {
	case types.DecimalRoot:
		p, s := to.Precision, to.Scale
		return func(ctx *Context, args []*vec.Vector, sel []int32, n int, out *vec.Vector) error {
			sc := decPool.Get().(*decScratch)
			defer decPool.Put(sc)
			return c.fixedKernel(false, func(_ *Context, in *vec.Vector, i int, out *vec.Vector) (bool, error) {
				if !parseDecimalBytes(&sc.r, in.Bytes(i), s, sc) {
					return false, fmt.Errorf("not a number")
				}
				storeBigDecimal(out, i, &sc.r, p, sc)
				return true, nil
			})(ctx, args, sel, n, out)
		}
	}
	var f rowCast
	switch to.Root {
	case types.Boolean:
		f = func(_ *Context, in *vec.Vector, i int, out *vec.Vector) (bool, error) {
			v, ok := parseBool(in.Bytes(i))
			out.Bools[i] = v
			return ok, nil
		}
	case types.TinyInt, types.SmallInt, types.Int, types.BigInt:
		bits := map[types.Root]int{types.TinyInt: 8, types.SmallInt: 16, types.Int: 32, types.BigInt: 64}[to.Root]
		f = func(_ *Context, in *vec.Vector, i int, out *vec.Vector) (bool, error) {
			v, err := parseInteger(in.Bytes(i), bits)
			if err != nil {
				return false, err
			}
			switch out.Kind {
			case vec.KindI8:
				out.I8[i] = int8(v)
			case vec.KindI16:
				out.I16[i] = int16(v)
			case vec.KindI32:
				out.I32[i] = int32(v)
			default:
				out.I64[i] = v
			}
			return true, nil
		}
	case types.Float, types.Double:
		bits := 64
		if to.Root == types.Float {
			bits = 32
		}
		f = func(_ *Context, in *vec.Vector, i int, out *vec.Vector) (bool, error) {
			v, ok := parseFloat(in.Bytes(i), bits)
			if bits == 32 {
				if !math.IsInf(v, 0) && math.Abs(v) > math.MaxFloat32 {
					v = math.Inf(int(math.Copysign(1, v)))
				}
				out.F32[i] = float32(v)
			} else {
				out.F64[i] = v
			}
			return ok, nil
		}
	case types.Date:
		f = func(_ *Context, in *vec.Vector, i int, out *vec.Vector) (bool, error) {
			v, ok := parseDate(in.Bytes(i))
			out.I32[i] = v
			return ok, nil
		}
	case types.Time:
		p := to.Precision
		f = func(_ *Context, in *vec.Vector, i int, out *vec.Vector) (bool, error) {
			v, ok := parseTime(in.Bytes(i))
			out.I32[i] = truncateTime(v, p)
			return ok, nil
		}
	case types.TimestampRoot, types.TimestampLTZ:
		p, ltz := to.Precision, to.Root == types.TimestampLTZ
		f = func(ctx *Context, in *vec.Vector, i int, out *vec.Vector) (bool, error) {
			v, ok := parseTimestamp(in.Bytes(i))
			if ltz {
				v = wallToInstant(v, ctx.Loc())
			}
			out.TS[i] = v.Truncate(p)
			return ok, nil
		}
	default:
		return func(*Context, []*vec.Vector, []int32, int, *vec.Vector) error {
			return fmt.Errorf("cannot cast %s to %s", c.from, c.to)
		}
	}
	return c.fixedKernel(false, f)
}
