package fn

import (
	"fmt"
	"math"
	"math/big"
	"strconv"

	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// Numeric functions with Flink's result types:
//
//	ABS(x), SIGN(x)           the input type (ABS of the smallest integer wraps, as Java's Math.abs)
//	FLOOR(x), CEIL(x)         integral: the input; DOUBLE/FLOAT: the input; DECIMAL(p, s): DECIMAL(p, 0)
//	ROUND(x[, d]), TRUNCATE(x[, d])   d a constant INT (default 0); HALF_UP rounding (DOUBLE through its
//	                          shortest decimal text, as Java's BigDecimal.valueOf); DECIMAL(p, s) gives
//	                          Flink's findRoundDecimalType; integral types stay integral
//	POWER(x, y), SQRT, EXP, LN, LOG10, LOG2, LOG(x) = LN(x), LOG(b, x)   DOUBLE (NaN where Java's Math gives NaN)
//	PI()                      DOUBLE NOT NULL
//
// FLOOR(ts TO unit) is a different function (TIME_FLOOR); the planner
// tells them apart by the TO clause.

func init() {
	RegisterScalar("ABS", func(args []Arg) (*Scalar, error) { return resolveNumericUnary("ABS", args) })
	RegisterScalar("SIGN", func(args []Arg) (*Scalar, error) { return resolveNumericUnary("SIGN", args) })
	RegisterScalar("FLOOR", func(args []Arg) (*Scalar, error) { return resolveRound("FLOOR", args, mathFloor) })
	RegisterScalar("CEIL", func(args []Arg) (*Scalar, error) { return resolveRound("CEIL", args, mathCeil) })
	RegisterScalar("CEILING", func(args []Arg) (*Scalar, error) { return resolveRound("CEILING", args, mathCeil) })
	RegisterScalar("ROUND", func(args []Arg) (*Scalar, error) { return resolveRound("ROUND", args, mathHalfUp) })
	RegisterScalar("TRUNCATE", func(args []Arg) (*Scalar, error) { return resolveRound("TRUNCATE", args, mathDown) })
	for name, f := range map[string]func(float64) float64{
		"SQRT": math.Sqrt, "EXP": math.Exp, "LN": math.Log, "LOG10": math.Log10, "LOG2": math.Log2,
	} {
		RegisterScalar(name, func(args []Arg) (*Scalar, error) {
			return rowsResolveSig(name, args, "d", 1, types.NewDouble(), false, func(_ *Context, args []*vec.Vector, sel []int32, n int, out *vec.Vector) error {
				x := args[0].F64
				return rowsEachFixed(args, sel, n, out, func(i int32) bool {
					out.F64[i] = f(x[i])
					return true
				})
			})
		})
	}
	RegisterScalar("POWER", func(args []Arg) (*Scalar, error) {
		return rowsResolveSig("POWER", args, "dd", 2, types.NewDouble(), false, func(_ *Context, args []*vec.Vector, sel []int32, n int, out *vec.Vector) error {
			x, y := args[0].F64, args[1].F64
			return rowsEachFixed(args, sel, n, out, func(i int32) bool {
				out.F64[i] = math.Pow(x[i], y[i])
				return true
			})
		})
	})
	RegisterScalar("LOG", func(args []Arg) (*Scalar, error) {
		return rowsResolveSig("LOG", args, "dd", 1, types.NewDouble(), false, func(_ *Context, args []*vec.Vector, sel []int32, n int, out *vec.Vector) error {
			if len(args) == 1 {
				x := args[0].F64
				return rowsEachFixed(args, sel, n, out, func(i int32) bool {
					out.F64[i] = math.Log(x[i])
					return true
				})
			}
			b, x := args[0].F64, args[1].F64
			return rowsEachFixed(args, sel, n, out, func(i int32) bool {
				out.F64[i] = math.Log(x[i]) / math.Log(b[i])
				return true
			})
		})
	})
	RegisterScalar("PI", func(args []Arg) (*Scalar, error) {
		if err := rowsArgCount("PI", args, 0, 0); err != nil {
			return nil, err
		}
		return &Scalar{Name: "PI", Result: types.NewDouble().NotNull(), Deterministic: true,
			Kernel: func(_ *Context, _ []*vec.Vector, sel []int32, n int, out *vec.Vector) error {
				rowsStartFixed(out, n)
				for _, i := range rowsOf(sel, n) {
					out.F64[i] = math.Pi
				}
				return nil
			}}, nil
	})
}

func resolveNumericUnary(name string, args []Arg) (*Scalar, error) {
	if err := rowsArgCount(name, args, 1, 1); err != nil {
		return nil, err
	}
	t := args[0].Type
	if !rowsIsNumeric(t) {
		return nil, rowsArgTypeError(name, 0, args[0], "a number")
	}
	abs := name == "ABS"
	return &Scalar{
		Name: name, Args: []types.DataType{t}, Result: t, Deterministic: true,
		Kernel: func(_ *Context, args []*vec.Vector, sel []int32, n int, out *vec.Vector) error {
			if len(args) != 1 || out.Kind != args[0].Kind {
				return fmt.Errorf("%s: argument and result vectors do not match the resolved types", name)
			}
			v := args[0]
			rows := rowsOf(sel, n)
			rowsStartFixed(out, n)
			rowsPropagateNulls(args, rows, out)
			unit := int64(1)
			if t.Root == types.DecimalRoot {
				unit = int64(math.Pow10(t.Scale)) // SIGN of a DECIMAL(p, s) is ±1 at scale s
			}
			switch v.Kind {
			case vec.KindI8:
				mathSignAbs(out.I8, v.I8, rows, abs, int8(unit))
			case vec.KindI16:
				mathSignAbs(out.I16, v.I16, rows, abs, int16(unit))
			case vec.KindI32:
				mathSignAbs(out.I32, v.I32, rows, abs, int32(unit))
			case vec.KindI64:
				mathSignAbs(out.I64, v.I64, rows, abs, unit)
			case vec.KindF32:
				mathSignAbsFloat(out.F32, v.F32, rows, abs)
			case vec.KindF64:
				mathSignAbsFloat(out.F64, v.F64, rows, abs)
			case vec.KindDecimal:
				one := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(t.Scale)), nil)
				oneDec, _ := types.DecimalFromBig(one)
				for _, i := range rows {
					d := v.Dec[i]
					switch {
					case abs && d.Sign() < 0:
						out.Dec[i] = dec128Neg(d)
					case abs:
						out.Dec[i] = d
					case d.Sign() < 0:
						out.Dec[i] = dec128Neg(oneDec)
					case d.Sign() > 0:
						out.Dec[i] = oneDec
					}
				}
			}
			return nil
		},
	}, nil
}

func mathSignAbs[T int8 | int16 | int32 | int64](dst, src []T, rows []int32, abs bool, unit T) {
	for _, i := range rows {
		x := src[i]
		switch {
		case abs && x < 0:
			dst[i] = -x
		case abs:
			dst[i] = x
		case x < 0:
			dst[i] = -unit
		case x > 0:
			dst[i] = unit
		}
	}
}

func mathSignAbsFloat[T float32 | float64](dst, src []T, rows []int32, abs bool) {
	for _, i := range rows {
		x := src[i]
		switch {
		case abs:
			dst[i] = T(math.Abs(float64(x)))
		case x < 0:
			dst[i] = -1
		case x > 0:
			dst[i] = 1
		default:
			dst[i] = x // 0, -0 and NaN
		}
	}
}

// mathRoundMode is how a quotient is rounded.
type mathRoundMode uint8

const (
	mathHalfUp mathRoundMode = iota
	mathDown                 // toward zero (TRUNCATE)
	mathFloor
	mathCeil
)

// mathRoundInt64 rounds x / 10^k (k ≥ 1) to an integer by mode; ok is false on
// overflow.
func mathRoundInt64(x int64, k int, mode mathRoundMode) (int64, bool) {
	if k > 18 {
		switch {
		case x == 0, mode == mathDown, mode == mathHalfUp:
			return 0, true
		case mode == mathFloor && x < 0:
			return -1, true
		case mode == mathCeil && x > 0:
			return 1, true
		}
		return 0, true
	}
	p := int64(1)
	for range k {
		p *= 10
	}
	q, r := x/p, x%p
	switch mode {
	case mathHalfUp:
		if r >= (p+1)/2 {
			q++
		} else if -r >= (p+1)/2 {
			q--
		}
	case mathFloor:
		if r < 0 {
			q--
		}
	case mathCeil:
		if r > 0 {
			q++
		}
	}
	return q, true
}

// resolveRound resolves ROUND, TRUNCATE (with an optional constant digit
// count) and FLOOR, CEIL (none).
func resolveRound(name string, args []Arg, mode mathRoundMode) (*Scalar, error) {
	maxArgs := 2
	if mode == mathFloor || mode == mathCeil {
		maxArgs = 1
	}
	if err := rowsArgCount(name, args, 1, maxArgs); err != nil {
		return nil, err
	}
	t := args[0].Type
	if !rowsIsNumeric(t) {
		return nil, rowsArgTypeError(name, 0, args[0], "a number")
	}
	digits := int64(0)
	argTypes := []types.DataType{t}
	if len(args) == 2 {
		d, ok := rowsConstInt(args[1])
		if !ok {
			return nil, fmt.Errorf("%s: the number of digits (argument 2) must be a constant integer, got %s", name, args[1].Type)
		}
		digits = max(min(d, 64), -64)
		argTypes = append(argTypes, types.NewInt().NotNull())
	}
	result := t
	if t.Root == types.DecimalRoot {
		switch {
		case digits >= int64(t.Scale):
			result = types.NewDecimal(t.Precision, t.Scale)
		case digits < 0:
			result = types.NewDecimal(min(38, 1+t.Precision-t.Scale), 0)
		default:
			result = types.NewDecimal(1+t.Precision-t.Scale+int(digits), int(digits))
		}
		if mode == mathFloor || mode == mathCeil {
			result = types.NewDecimal(min(38, 1+t.Precision-t.Scale), 0)
		}
		result = result.WithNullable(t.Nullable)
	}
	return &Scalar{
		Name: name, Args: argTypes, Result: result, Deterministic: true,
		Kernel: func(_ *Context, args []*vec.Vector, sel []int32, n int, out *vec.Vector) error {
			if len(args) < 1 {
				return fmt.Errorf("%s: missing argument vector", name)
			}
			v := args[0]
			rows := rowsOf(sel, n)
			rowsStartFixed(out, n)
			rowsPropagateNulls(args[:1], rows, out)
			switch {
			case t.Root == types.DecimalRoot:
				return mathRoundDecimals(name, v, out, rows, t.Scale, result.Scale, int(digits), mode)
			case v.Kind == vec.KindF64:
				for _, i := range rows {
					out.F64[i] = mathRoundFloat(v.F64[i], int(digits), mode)
				}
			case v.Kind == vec.KindF32:
				for _, i := range rows {
					out.F32[i] = float32(mathRoundFloat(float64(v.F32[i]), int(digits), mode))
				}
			default:
				return mathRoundIntegers(v, out, rows, int(digits), mode)
			}
			return nil
		},
	}, nil
}

func mathRoundIntegers(v, out *vec.Vector, rows []int32, digits int, mode mathRoundMode) error {
	k := -digits
	if k <= 0 {
		out.I8, out.I16, out.I32, out.I64 = append(out.I8[:0], v.I8...), append(out.I16[:0], v.I16...), append(out.I32[:0], v.I32...), append(out.I64[:0], v.I64...)
		return nil
	}
	scale := func(q int64) int64 {
		for range k {
			q *= 10
		}
		return q
	}
	for _, i := range rows {
		var x int64
		switch v.Kind {
		case vec.KindI8:
			x = int64(v.I8[i])
		case vec.KindI16:
			x = int64(v.I16[i])
		case vec.KindI32:
			x = int64(v.I32[i])
		case vec.KindI64:
			x = v.I64[i]
		}
		q, _ := mathRoundInt64(x, k, mode)
		r := scale(q) // wraps on overflow, as Java's arithmetic
		switch out.Kind {
		case vec.KindI8:
			out.I8[i] = int8(r)
		case vec.KindI16:
			out.I16[i] = int16(r)
		case vec.KindI32:
			out.I32[i] = int32(r)
		case vec.KindI64:
			out.I64[i] = r
		}
	}
	return nil
}

// mathRoundFloat rounds through the shortest decimal text of x, as Java's
// BigDecimal.valueOf(x).setScale(digits, mode).doubleValue().
func mathRoundFloat(x float64, digits int, mode mathRoundMode) float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return x
	}
	switch mode {
	case mathFloor:
		return math.Floor(x)
	case mathCeil:
		return math.Ceil(x)
	}
	var buf [64]byte
	s := strconv.AppendFloat(buf[:0], x, 'e', -1, 64) // d.dddde±x
	mant, exp := s, 0
	for k := range s {
		if s[k] == 'e' {
			mant = s[:k]
			e, _ := strconv.Atoi(string(s[k+1:]))
			exp = e
			break
		}
	}
	neg := mant[0] == '-'
	if neg {
		mant = mant[1:]
	}
	// Digits d0.d1d2... with value d0d1d2... × 10^(exp - (len-1)).
	var ds [32]byte
	nd := 0
	for _, c := range mant {
		if c != '.' {
			ds[nd] = c
			nd++
		}
	}
	// Keep the digits at positions with power ≥ -digits: count = exp + 1 + digits.
	keep := exp + 1 + digits
	if keep >= nd {
		return x
	}
	var q float64
	if keep >= 0 {
		var iv int64
		for _, c := range ds[:keep] {
			iv = iv*10 + int64(c-'0')
		}
		if mode == mathHalfUp && ds[keep] >= '5' {
			iv++
		}
		q = float64(iv)
	}
	r, err := strconv.ParseFloat(strconv.FormatFloat(q, 'f', 0, 64)+"e"+strconv.Itoa(-digits), 64)
	if err != nil {
		return x
	}
	if neg {
		r = -r
	}
	return r
}

// mathRoundDecimals rounds DECIMAL values of scale s to the result scale rs
// (digits may be negative: the result, of scale 0, is a multiple of
// 10^-digits).
func mathRoundDecimals(name string, v, out *vec.Vector, rows []int32, s, rs, digits int, mode mathRoundMode) error {
	if mode == mathFloor || mode == mathCeil {
		digits = 0
	}
	k := s - digits // digits dropped
	for _, i := range rows {
		var x *big.Int
		if v.Kind == vec.KindI64 {
			if k <= 0 {
				if out.Kind == vec.KindI64 {
					out.I64[i] = v.I64[i]
					continue
				}
			}
			if out.Kind == vec.KindI64 && k > 0 {
				q, _ := mathRoundInt64(v.I64[i], k, mode)
				for j := 0; j < -digits; j++ { // negative digits: back to scale 0
					q *= 10
				}
				out.I64[i] = q
				continue
			}
			x = big.NewInt(v.I64[i])
		} else {
			x = v.Dec[i].Big()
		}
		if k > 0 {
			p := dec128Pow10(k)
			switch mode {
			case mathHalfUp:
				x = dec128DivHalfUp(x, p)
			case mathDown:
				x.Quo(x, p)
			case mathFloor:
				x.Div(x, p) // Euclidean: floor for positive divisor
			case mathCeil:
				x.Neg(x).Div(x, p).Neg(x)
			}
			if digits < 0 {
				x.Mul(x, dec128Pow10(-digits))
			}
		} else if rs > s {
			x.Mul(x, dec128Pow10(rs-s))
		}
		d, ok := dec128FromBig(x)
		if !ok {
			return fmt.Errorf("%s: result %s does not fit DECIMAL(38)", name, x)
		}
		if out.Kind == vec.KindI64 {
			out.I64[i] = d.Int64()
		} else {
			out.Dec[i] = d
		}
	}
	return nil
}
