package fn

import (
	"fmt"

	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

func init() {
	for _, op := range []string{"+", "-", "*", "/", "%"} {
		RegisterScalar(op, arithResolver(op))
	}
	RegisterScalar("MOD", arithResolver("%"))
	RegisterScalar("||", resolveConcat)
}

func arithResolver(op string) Resolver {
	return func(args []Arg) (*Scalar, error) {
		if op == "-" && len(args) == 1 {
			return ResolveNegate(args[0].Type)
		}
		if len(args) != 2 {
			return nil, fmt.Errorf("operator %s takes 2 operands, got %d", op, len(args))
		}
		return ResolveArithmetic(op, args[0].Type, args[1].Type)
	}
}

// ResolveArithmetic resolves a binary arithmetic operator ("+", "-", "*",
// "/", "%") on operands of types a and b (ArithmeticTypes gives the argument
// and result types).
//
// The arithmetic operators, registered by symbol: "+", "-" (binary, and
// unary with one argument), "*", "/", "%" (also as MOD) and "||". Result
// types follow ArithmeticTypes and ConcatType. Behaviour on bad values, as in
// Flink's generated Java code:
//
//   - integer + - * and unary -: wrap around on overflow (Java int/long
//     arithmetic; TINYINT and SMALLINT wrap at their own width, as Java's
//     narrowing of the int result does).
//   - integer / and %: division by zero is an error naming the dividend
//     (Java's ArithmeticException "/ by zero" fails the Flink job);
//     MIN / -1 wraps to MIN. Integer division truncates toward zero (5 / 2 = 2,
//     -5 / 2 = -2); the sign of % follows the dividend.
//   - FLOAT and DOUBLE: IEEE 754; x / 0 is ±Infinity or NaN, never an error.
//   - DECIMAL: exact; results are rounded HALF_UP to the result scale (a
//     quotient first to 38 significant digits, then to the scale, as Flink's
//     MathContext(38, HALF_UP) division does); a result
//     with more digits than the result precision is NULL (Flink's
//     DecimalData.fromBigDecimal); division or % by zero is an error
//     (BigDecimal's ArithmeticException).
//
// Rows that are NULL in any argument are NULL and never raise an error.
func ResolveArithmetic(op string, a, b types.DataType) (*Scalar, error) {
	argTypes, res, err := ArithmeticTypes(op, a, b)
	if err != nil {
		return nil, err
	}
	name := op
	s := &Scalar{Name: name, Args: argTypes[:], Result: res, Deterministic: true}
	if res.Root == types.DecimalRoot {
		s.Kernel, err = decimalArithKernel(op, argTypes[0], argTypes[1], res)
		return s, err
	}
	k, err := vec.KindOf(argTypes[0])
	if err != nil {
		return nil, err
	}
	switch op {
	case "+":
		s.Kernel = pickNumber(k, addKernel[int8], addKernel[int16], addKernel[int32], addKernel[int64], addKernel[float32], addKernel[float64])
	case "-":
		s.Kernel = pickNumber(k, subKernel[int8], subKernel[int16], subKernel[int32], subKernel[int64], subKernel[float32], subKernel[float64])
	case "*":
		s.Kernel = pickNumber(k, mulKernel[int8], mulKernel[int16], mulKernel[int32], mulKernel[int64], mulKernel[float32], mulKernel[float64])
	case "/":
		s.Kernel = pickNumber(k, divIntKernel[int8], divIntKernel[int16], divIntKernel[int32], divIntKernel[int64], divFloatKernel[float32], divFloatKernel[float64])
	case "%":
		s.Kernel = modKernelFor(k, res)
	default:
		return nil, fmt.Errorf("unknown arithmetic operator %q", op)
	}
	if s.Kernel == nil {
		return nil, fmt.Errorf("operator %s is not defined on %s and %s", op, a, b)
	}
	return s, nil
}

// ResolveNegate resolves unary minus on a number: integers wrap (-MIN = MIN,
// as Java), floats flip their sign, decimals are exact.
func ResolveNegate(t types.DataType) (*Scalar, error) {
	if isNullType(t) {
		t = types.NewInt()
	}
	if !IsNumeric(t) {
		return nil, fmt.Errorf("unary - is not defined on %s; cast the operand to a number", t)
	}
	k, err := vec.KindOf(t)
	if err != nil {
		return nil, err
	}
	s := &Scalar{Name: "-", Args: []types.DataType{t}, Result: t, Deterministic: true}
	if k == vec.KindDecimal {
		s.Kernel = negDecimalKernel
	} else {
		s.Kernel = pickNumber(k, negKernel[int8], negKernel[int16], negKernel[int32], negKernel[int64], negKernel[float32], negKernel[float64])
	}
	return s, nil
}

func pickNumber(k vec.Kind, i8, i16, i32, i64, f32, f64 Kernel) Kernel {
	switch k {
	case vec.KindI8:
		return i8
	case vec.KindI16:
		return i16
	case vec.KindI32:
		return i32
	case vec.KindI64:
		return i64
	case vec.KindF32:
		return f32
	case vec.KindF64:
		return f64
	}
	return nil
}

type integer interface {
	~int8 | ~int16 | ~int32 | ~int64
}

type float interface{ ~float32 | ~float64 }

type number interface{ integer | float }

// slot returns the typed slice of v that holds T.
func slot[T number](v *vec.Vector) *[]T {
	var z T
	switch any(z).(type) {
	case int8:
		return any(&v.I8).(*[]T)
	case int16:
		return any(&v.I16).(*[]T)
	case int32:
		return any(&v.I32).(*[]T)
	case int64:
		return any(&v.I64).(*[]T)
	case float32:
		return any(&v.F32).(*[]T)
	default:
		return any(&v.F64).(*[]T)
	}
}

// binaryPrep sizes out for n rows with the nulls of both arguments and
// returns the three typed slices.
func binaryPrep[T number](args []*vec.Vector, n int, out *vec.Vector) (a, b, o []T) {
	SizeOut(out, n)
	UnionNulls(out, n, args[0], args[1])
	return (*slot[T](args[0]))[:n], (*slot[T](args[1]))[:n], (*slot[T](out))[:n]
}

func addKernel[T number](_ *Context, args []*vec.Vector, sel []int32, n int, out *vec.Vector) error {
	a, b, o := binaryPrep[T](args, n, out)
	if sel == nil {
		for i := range o {
			o[i] = a[i] + b[i]
		}
		return nil
	}
	for _, i := range sel {
		o[i] = a[i] + b[i]
	}
	return nil
}

func subKernel[T number](_ *Context, args []*vec.Vector, sel []int32, n int, out *vec.Vector) error {
	a, b, o := binaryPrep[T](args, n, out)
	if sel == nil {
		for i := range o {
			o[i] = a[i] - b[i]
		}
		return nil
	}
	for _, i := range sel {
		o[i] = a[i] - b[i]
	}
	return nil
}

func mulKernel[T number](_ *Context, args []*vec.Vector, sel []int32, n int, out *vec.Vector) error {
	a, b, o := binaryPrep[T](args, n, out)
	if sel == nil {
		for i := range o {
			o[i] = a[i] * b[i]
		}
		return nil
	}
	for _, i := range sel {
		o[i] = a[i] * b[i]
	}
	return nil
}

func divFloatKernel[T float](_ *Context, args []*vec.Vector, sel []int32, n int, out *vec.Vector) error {
	a, b, o := binaryPrep[T](args, n, out)
	if sel == nil {
		for i := range o {
			o[i] = a[i] / b[i]
		}
		return nil
	}
	for _, i := range sel {
		o[i] = a[i] / b[i]
	}
	return nil
}

func divIntKernel[T integer](_ *Context, args []*vec.Vector, sel []int32, n int, out *vec.Vector) error {
	a, b, o := binaryPrep[T](args, n, out)
	if sel == nil {
		for i := range o {
			if b[i] == 0 {
				if out.Nulls.Get(i) {
					o[i] = 0
					continue
				}
				return divisionByZero("/", int64(a[i]))
			}
			o[i] = a[i] / b[i]
		}
		return nil
	}
	for _, i := range sel {
		if b[i] == 0 {
			if out.Nulls.Get(int(i)) {
				o[i] = 0
				continue
			}
			return divisionByZero("/", int64(a[i]))
		}
		o[i] = a[i] / b[i]
	}
	return nil
}

func divisionByZero(op string, dividend any) error {
	return fmt.Errorf("division by zero in %v %s 0; use NULLIF(divisor, 0) or a CASE to get NULL instead", dividend, op)
}

// modKernelFor picks the integer % kernel computing in kind k and narrowing
// to the result type res (the right operand's type, which holds every
// remainder).
func modKernelFor(k vec.Kind, res types.DataType) Kernel {
	rk, err := vec.KindOf(res)
	if err != nil {
		return nil
	}
	switch k {
	case vec.KindI8:
		return modKernel[int8, int8]
	case vec.KindI16:
		return pickMod[int16](rk)
	case vec.KindI32:
		return pickMod[int32](rk)
	case vec.KindI64:
		return pickMod[int64](rk)
	}
	return nil
}

func pickMod[T integer](rk vec.Kind) Kernel {
	switch rk {
	case vec.KindI8:
		return modKernel[T, int8]
	case vec.KindI16:
		return modKernel[T, int16]
	case vec.KindI32:
		return modKernel[T, int32]
	case vec.KindI64:
		return modKernel[T, int64]
	}
	return nil
}

func modKernel[T, R integer](_ *Context, args []*vec.Vector, sel []int32, n int, out *vec.Vector) error {
	SizeOut(out, n)
	UnionNulls(out, n, args[0], args[1])
	a, b, o := (*slot[T](args[0]))[:n], (*slot[T](args[1]))[:n], (*slot[R](out))[:n]
	if sel == nil {
		for i := range o {
			if b[i] == 0 {
				if out.Nulls.Get(i) {
					o[i] = 0
					continue
				}
				return divisionByZero("%", int64(a[i]))
			}
			o[i] = R(a[i] % b[i])
		}
		return nil
	}
	for _, i := range sel {
		if b[i] == 0 {
			if out.Nulls.Get(int(i)) {
				o[i] = 0
				continue
			}
			return divisionByZero("%", int64(a[i]))
		}
		o[i] = R(a[i] % b[i])
	}
	return nil
}

func negKernel[T number](_ *Context, args []*vec.Vector, sel []int32, n int, out *vec.Vector) error {
	SizeOut(out, n)
	UnionNulls(out, n, args[0])
	a, o := (*slot[T](args[0]))[:n], (*slot[T](out))[:n]
	if sel == nil {
		for i := range o {
			o[i] = -a[i]
		}
		return nil
	}
	for _, i := range sel {
		o[i] = -a[i]
	}
	return nil
}

func resolveConcat(args []Arg) (*Scalar, error) {
	if len(args) != 2 {
		return nil, fmt.Errorf("operator || takes 2 operands, got %d", len(args))
	}
	a, b := args[0].Type, args[1].Type
	if isNullType(a) {
		a = b
	}
	if isNullType(b) {
		b = a
	}
	res, err := ConcatType(a, b)
	if err != nil {
		return nil, err
	}
	return &Scalar{Name: "||", Args: []types.DataType{a, b}, Result: res, Deterministic: true, Kernel: concatKernel}, nil
}

// concatKernel concatenates two bytes vectors; rows outside sel are empty.
func concatKernel(_ *Context, args []*vec.Vector, sel []int32, n int, out *vec.Vector) error {
	a, b := args[0], args[1]
	next := 0
	for i := 0; i < n; i++ {
		if sel != nil {
			if next >= len(sel) || int(sel[next]) != i {
				out.AppendBytes(nil)
				continue
			}
			next++
		}
		if a.Nulls.Get(i) || b.Nulls.Get(i) {
			out.AppendNull()
			continue
		}
		out.Data = append(out.Data, a.Data[a.Offsets[i]:a.Offsets[i+1]]...)
		out.Data = append(out.Data, b.Data[b.Offsets[i]:b.Offsets[i+1]]...)
		out.Offsets = append(out.Offsets, int32(len(out.Data)))
		out.Len++
	}
	return nil
}
