package fn

import (
	"fmt"

	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

func init() {
	RegisterScalar("AND", logicResolver("AND", AndKernel))
	RegisterScalar("OR", logicResolver("OR", OrKernel))
	RegisterScalar("NOT", func(args []Arg) (*Scalar, error) {
		if len(args) != 1 {
			return nil, fmt.Errorf("NOT takes 1 operand, got %d", len(args))
		}
		t, err := boolOperand("NOT", args[0].Type)
		if err != nil {
			return nil, err
		}
		return &Scalar{Name: "NOT", Args: []types.DataType{t}, Result: t, Deterministic: true, Kernel: NotKernel}, nil
	})
	for _, test := range []TruthTest{TestNull, TestNotNull, TestTrue, TestNotTrue, TestFalse, TestNotFalse} {
		RegisterScalar(test.String(), truthResolver(test))
	}
}

// boolOperand checks that t is BOOLEAN (or an untyped NULL, taken as
// BOOLEAN) and returns it.
func boolOperand(op string, t types.DataType) (types.DataType, error) {
	if isNullType(t) {
		return types.NewBoolean(), nil
	}
	if t.Root != types.Boolean {
		return t, fmt.Errorf("%s needs a BOOLEAN operand, not %s", op, t)
	}
	return t, nil
}

func logicResolver(name string, k Kernel) Resolver {
	return func(args []Arg) (*Scalar, error) {
		if len(args) != 2 {
			return nil, fmt.Errorf("%s takes 2 operands, got %d", name, len(args))
		}
		a, err := boolOperand(name, args[0].Type)
		if err != nil {
			return nil, err
		}
		b, err := boolOperand(name, args[1].Type)
		if err != nil {
			return nil, err
		}
		res := types.NewBoolean().WithNullable(a.Nullable || b.Nullable)
		return &Scalar{Name: name, Args: []types.DataType{a, b}, Result: res, Deterministic: true, Kernel: k}, nil
	}
}

// AndKernel computes a AND b with three-valued logic over every row.
//
// The logical operators with SQL's three-valued logic, registered by name:
// "AND" and "OR" (two BOOLEAN operands), "NOT", and the null-free tests
// "IS NULL", "IS NOT NULL", "IS TRUE", "IS NOT TRUE", "IS FALSE",
// "IS NOT FALSE" (any operand type for the NULL tests, BOOLEAN for the
// others; their results are BOOLEAN NOT NULL).
//
//	AND   | TRUE  FALSE NULL        OR    | TRUE  FALSE NULL
//	TRUE  | TRUE  FALSE NULL        TRUE  | TRUE  TRUE  TRUE
//	FALSE | FALSE FALSE FALSE       FALSE | TRUE  FALSE NULL
//	NULL  | NULL  FALSE NULL        NULL  | TRUE  NULL  NULL
//
// These kernels evaluate both operands; the expression layer (sql/expr)
// short-circuits AND and OR by evaluating the right operand only on the rows
// the left one leaves open.
func AndKernel(_ *Context, args []*vec.Vector, _ []int32, n int, out *vec.Vector) error {
	SizeOut(out, n)
	a, b, o := args[0], args[1], out.Bools[:n]
	av, bv := a.Bools[:n], b.Bools[:n]
	if !a.Nulls.Any() && !b.Nulls.Any() {
		for i := range o {
			o[i] = av[i] && bv[i]
		}
		return nil
	}
	for i := range o {
		an, bn := a.Nulls.Get(i), b.Nulls.Get(i)
		x, y := av[i] || an, bv[i] || bn // NULL counts as "maybe true"
		o[i] = x && y
		if o[i] && (an || bn) {
			out.Nulls.Set(i)
			o[i] = false
		}
	}
	return nil
}

// OrKernel computes a OR b with three-valued logic over every row.
func OrKernel(_ *Context, args []*vec.Vector, _ []int32, n int, out *vec.Vector) error {
	SizeOut(out, n)
	a, b, o := args[0], args[1], out.Bools[:n]
	av, bv := a.Bools[:n], b.Bools[:n]
	if !a.Nulls.Any() && !b.Nulls.Any() {
		for i := range o {
			o[i] = av[i] || bv[i]
		}
		return nil
	}
	for i := range o {
		an, bn := a.Nulls.Get(i), b.Nulls.Get(i)
		x, y := av[i] && !an, bv[i] && !bn // definitely true
		o[i] = x || y
		if !o[i] && (an || bn) {
			out.Nulls.Set(i)
		}
	}
	return nil
}

// NotKernel computes NOT a; NOT NULL is NULL.
func NotKernel(_ *Context, args []*vec.Vector, _ []int32, n int, out *vec.Vector) error {
	SizeOut(out, n)
	UnionNulls(out, n, args[0])
	a, o := args[0].Bools[:n], out.Bools[:n]
	for i := range o {
		o[i] = !a[i]
	}
	return nil
}

// TruthTest is one of the IS [NOT] NULL/TRUE/FALSE tests.
type TruthTest uint8

// The truth tests.
const (
	TestNull TruthTest = iota + 1
	TestNotNull
	TestTrue
	TestNotTrue
	TestFalse
	TestNotFalse
)

// String returns the test's SQL spelling, e.g. "IS NOT TRUE".
func (t TruthTest) String() string {
	switch t {
	case TestNull:
		return "IS NULL"
	case TestNotNull:
		return "IS NOT NULL"
	case TestTrue:
		return "IS TRUE"
	case TestNotTrue:
		return "IS NOT TRUE"
	case TestFalse:
		return "IS FALSE"
	case TestNotFalse:
		return "IS NOT FALSE"
	}
	return fmt.Sprintf("TruthTest(%d)", uint8(t))
}

func truthResolver(test TruthTest) Resolver {
	return func(args []Arg) (*Scalar, error) {
		if len(args) != 1 {
			return nil, fmt.Errorf("%s takes 1 operand, got %d", test, len(args))
		}
		return ResolveTruthTest(test, args[0].Type)
	}
}

// ResolveTruthTest resolves x IS [NOT] NULL (any type of x) or x IS [NOT]
// TRUE/FALSE (BOOLEAN x). The result is BOOLEAN NOT NULL.
func ResolveTruthTest(test TruthTest, t types.DataType) (*Scalar, error) {
	if isNullType(t) {
		t = types.NewBoolean()
	}
	if test != TestNull && test != TestNotNull {
		if _, err := boolOperand(test.String(), t); err != nil {
			return nil, err
		}
	}
	return &Scalar{Name: test.String(), Args: []types.DataType{t}, Result: types.NewBoolean().NotNull(),
		Deterministic: true, Kernel: truthKernel(test)}, nil
}

func truthKernel(test TruthTest) Kernel {
	return func(_ *Context, args []*vec.Vector, _ []int32, n int, out *vec.Vector) error {
		SizeOut(out, n)
		a, o := args[0], out.Bools[:n]
		switch test {
		case TestNull, TestNotNull:
			want := test == TestNull
			for i := range o {
				o[i] = a.Nulls.Get(i) == want
			}
			return nil
		}
		av := a.Bools[:n]
		wantTrue := test == TestTrue || test == TestNotTrue
		negate := test == TestNotTrue || test == TestNotFalse
		for i := range o {
			is := !a.Nulls.Get(i) && av[i] == wantTrue
			o[i] = is != negate
		}
		return nil
	}
}
