package fn

import (
	"fmt"

	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// ResolveCast resolves CAST(x AS to) (try false) or TRY_CAST(x AS to) for
// x of type from. The returned Scalar is named "CAST" or "TRY_CAST", takes
// one argument of type from and returns to (nullable when from is, and
// always for TRY_CAST and for casts that can produce NULL from a non-NULL
// value, such as those to DECIMAL). It is an error when the cast is not
// supported (see Castable).
//
// Casts between the atomic types, with Flink's (≥ 1.15, non-legacy)
// semantics. Per pair:
//
//   - integer → narrower integer: wraps around (Java's narrowing; CAST(300 AS
//     TINYINT) = 44).
//   - FLOAT/DOUBLE → integer: truncates toward zero; out-of-range values
//     saturate to the int (or long) range first and are then narrowed with
//     wrap-around, NaN is 0 (Java's (byte)/(short)/(int)/(long) casts).
//   - DECIMAL → integer: truncates toward zero, then keeps the low 64 bits and
//     narrows with wrap-around (BigDecimal.longValue()).
//   - anything → DECIMAL(p, s): rounded HALF_UP to s digits; a value that needs
//     more than p digits is NULL (DecimalData.fromBigDecimal), also in CAST.
//     FLOAT/DOUBLE go through their shortest decimal representation
//     (BigDecimal.valueOf); NaN and ±Infinity fail.
//   - numbers ↔ BOOLEAN: x <> 0; TRUE is 1, FALSE 0.
//   - anything → STRING: as types.FormatValue (plain decimals with the type's
//     scale, Java's float formatting, yyyy-MM-dd, HH:mm:ss[.f], ...), except
//     BOOLEAN, which Flink renders as TRUE/FALSE. To CHAR(n) or VARCHAR(n):
//     cut to n characters; CHAR(n) is padded with spaces to n characters.
//     BINARY(n) is zero-padded and VARBINARY(n) cut likewise.
//   - STRING → anything: the text is trimmed (Java String.trim) and parsed;
//     invalid text is an error naming the value and the type in CAST, and
//     NULL in TRY_CAST. Integers accept a fraction, which is dropped
//     ('1.9' → 1); integers out of range are invalid. BOOLEAN accepts
//     true/t/yes/y/1 and false/f/no/n/0 in any case.
//   - DATE/TIME/TIMESTAMP among each other: a DATE is midnight; TIMESTAMP →
//     TIME keeps the time of day; precision is reduced by truncation.
//     TIMESTAMP_LTZ converts to and from wall-clock types in Context.Location.
//   - numbers ↔ TIMESTAMP / TIMESTAMP_LTZ: refused, as Flink's planner does;
//     the error names UNIX_TIMESTAMP, TO_TIMESTAMP(FROM_UNIXTIME(x)) and
//     TO_TIMESTAMP_LTZ(x, p).
//   - STRING ↔ BINARY/VARBINARY: the UTF-8 bytes; bytes → STRING replaces
//     invalid UTF-8 with U+FFFD.
//
// TRY_CAST differs from CAST only in turning failures into NULL; its result
// type is always nullable.
func ResolveCast(from, to types.DataType, try bool) (*Scalar, error) {
	name := "CAST"
	if try {
		name = "TRY_CAST"
	}
	if isNullType(from) {
		from = to.WithNullable(true)
	}
	if !Castable(from, to) {
		switch {
		case from.IsTimestamp() && IsNumeric(to):
			return nil, fmt.Errorf("cannot cast %s to %s; use UNIX_TIMESTAMP(CAST(x AS STRING)) for epoch seconds", from, to)
		case IsNumeric(from) && to.Root == types.TimestampRoot:
			return nil, fmt.Errorf("cannot cast %s to %s; use TO_TIMESTAMP(FROM_UNIXTIME(x)) for epoch seconds", from, to)
		case IsNumeric(from) && to.Root == types.TimestampLTZ:
			return nil, fmt.Errorf("cannot cast %s to %s; use TO_TIMESTAMP_LTZ(x, precision) for epoch seconds or milliseconds", from, to)
		}
		return nil, fmt.Errorf("cannot cast %s to %s", from, to)
	}
	fk, err := vec.KindOf(from)
	if err != nil {
		return nil, fmt.Errorf("cannot cast %s to %s: %w", from, to, err)
	}
	tk, err := vec.KindOf(to)
	if err != nil {
		return nil, fmt.Errorf("cannot cast %s to %s: %w", from, to, err)
	}
	c := castSpec{from: from, to: to, fk: fk, tk: tk, try: try}
	k, mayNull, err := c.kernel()
	if err != nil {
		return nil, err
	}
	res := to.WithNullable(from.Nullable || try || mayNull)
	return &Scalar{Name: name, Args: []types.DataType{from}, Result: res, Deterministic: true, Kernel: k}, nil
}

// castSpec is a cast being resolved.
type castSpec struct {
	from, to types.DataType
	fk, tk   vec.Kind
	try      bool
}

// kernel picks the kernel; mayNull reports whether a non-NULL input can give
// NULL even in CAST.
func (c castSpec) kernel() (k Kernel, mayNull bool, err error) {
	from, to := c.from, c.to
	switch {
	case to.IsString():
		return c.toString(), false, nil
	case to.IsBinary():
		return c.toBinary(), false, nil
	case from.IsString():
		return c.fromString(), to.Root == types.DecimalRoot, nil
	case to.Root == types.DecimalRoot:
		return c.toDecimal(), true, nil
	case IsNumeric(to) || to.Root == types.Boolean:
		if IsNumeric(from) || from.Root == types.Boolean {
			k, err := c.numeric()
			return k, false, err
		}
	case IsDatetime(to):
		k, err := c.datetime()
		return k, false, err
	}
	return nil, false, fmt.Errorf("cannot cast %s to %s", from, to)
}

// castFailure formats the error of a failed CAST of the value v.
func (c castSpec) failure(v string, why error) error {
	if c.from.IsString() {
		v = "'" + v + "'"
	}
	if why != nil {
		return fmt.Errorf("CAST(%s AS %s) failed: %v; use TRY_CAST to get NULL instead", v, c.to, why)
	}
	return fmt.Errorf("CAST(%s AS %s) failed; use TRY_CAST to get NULL instead", v, c.to)
}

// rowCast converts row i of in, writing row i of out (fixed-width outputs)
// or appending it (bytes outputs). ok false means the value cannot be cast:
// why, when not nil, says why.
type rowCast func(ctx *Context, in *vec.Vector, i int, out *vec.Vector) (ok bool, why error)

// fixedKernel runs f on every selected non-NULL row into a fixed-width
// output. A failing row is NULL in TRY_CAST (and for casts whose failures
// are NULL anyway, nullOnFail) and an error otherwise.
func (c castSpec) fixedKernel(nullOnFail bool, f rowCast) Kernel {
	return func(ctx *Context, args []*vec.Vector, sel []int32, n int, out *vec.Vector) error {
		in := args[0]
		SizeOut(out, n)
		UnionNulls(out, n, in)
		hasNulls := len(out.Nulls) > 0
		do := func(i int) error {
			if hasNulls && out.Nulls.Get(i) {
				return nil
			}
			ok, why := f(ctx, in, i, out)
			if ok {
				return nil
			}
			if c.try || nullOnFail {
				out.Nulls.Set(i)
				return nil
			}
			s, _ := types.FormatValue(in.Type, in.Value(i), ctx.Loc())
			return c.failure(s, why)
		}
		if sel == nil {
			for i := 0; i < n; i++ {
				if err := do(i); err != nil {
					return err
				}
			}
			return nil
		}
		for _, i := range sel {
			if err := do(int(i)); err != nil {
				return err
			}
		}
		return nil
	}
}

// bytesKernel runs f on every selected non-NULL row into a bytes output;
// unselected rows are empty. f appends exactly one value when it succeeds
// and nothing when it fails.
func (c castSpec) bytesKernel(f rowCast) Kernel {
	return func(ctx *Context, args []*vec.Vector, sel []int32, n int, out *vec.Vector) error {
		in := args[0]
		next := 0
		for i := 0; i < n; i++ {
			if sel != nil {
				if next >= len(sel) || int(sel[next]) != i {
					out.AppendBytes(nil)
					continue
				}
				next++
			}
			if in.Nulls.Get(i) {
				out.AppendNull()
				continue
			}
			ok, why := f(ctx, in, i, out)
			if ok {
				continue
			}
			if c.try {
				out.AppendNull()
				continue
			}
			s, _ := types.FormatValue(in.Type, in.Value(i), ctx.Loc())
			return c.failure(s, why)
		}
		return nil
	}
}
