package fn

import (
	"fmt"
	"math"
	"math/big"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

var testCtx = &Context{Location: time.UTC}

// column builds a vector of type t from scalar values (nil = NULL).
func column(t *testing.T, typ types.DataType, vals ...any) *vec.Vector {
	t.Helper()
	v := vec.MustNew(typ, len(vals))
	for _, x := range vals {
		if err := v.Append(x); err != nil {
			t.Fatalf("column %s: %v", typ, err)
		}
	}
	return v
}

// run evaluates s over the argument columns (all rows, or sel) and returns
// the result as scalars.
func run(t *testing.T, s *Scalar, sel []int32, cols ...*vec.Vector) ([]any, error) {
	t.Helper()
	out := vec.MustNew(s.Result, 0)
	n := cols[0].Len
	if err := s.Kernel(testCtx, cols, sel, n, out); err != nil {
		return nil, err
	}
	if out.Len != n {
		t.Fatalf("%s: out has %d rows, want %d", s.Name, out.Len, n)
	}
	res := make([]any, n)
	for i := range res {
		res[i] = out.Value(i)
	}
	return res, nil
}

// render prints scalars for comparison, decimals with their type's scale.
func render(typ types.DataType, vals []any) string {
	parts := make([]string, len(vals))
	for i, v := range vals {
		if v == nil {
			parts[i] = "NULL"
			continue
		}
		parts[i], _ = types.FormatValue(typ, v, time.UTC)
	}
	return strings.Join(parts, " ")
}

func resolve(t *testing.T, name string, ts ...types.DataType) *Scalar {
	t.Helper()
	args := make([]Arg, len(ts))
	for i, typ := range ts {
		args[i] = Arg{Type: typ}
	}
	s, err := ResolveScalar(name, args)
	if err != nil {
		t.Fatalf("resolve %s%v: %v", name, ts, err)
	}
	return s
}

func d(s string, p, sc int) types.Decimal {
	v, err := types.ParseDecimal(s, p, sc)
	if err != nil {
		panic(err)
	}
	return v
}

func TestArithmetic(t *testing.T) {
	cases := []struct {
		op   string
		ta   types.DataType
		a    []any
		tb   types.DataType
		b    []any
		want string // rendered result or "error: ..."
	}{
		{"+", tInt, []any{int32(1), int32(math.MaxInt32), nil}, tInt, []any{int32(2), int32(1), int32(3)}, "3 -2147483648 NULL"},
		{"+", tTiny, []any{int8(100)}, tTiny, []any{int8(100)}, "-56"},
		{"-", tBig, []any{int64(math.MinInt64)}, tBig, []any{int64(1)}, "9223372036854775807"},
		{"*", tSmall, []any{int16(300)}, tSmall, []any{int16(300)}, "24464"},
		{"/", tInt, []any{int32(5), int32(-5), int32(math.MinInt32)}, tInt, []any{int32(2), int32(2), int32(-1)}, "2 -2 -2147483648"},
		{"/", tInt, []any{int32(5)}, tInt, []any{int32(0)}, "error: division by zero in 5 / 0"},
		{"/", tInt, []any{nil}, tInt, []any{int32(0)}, "NULL"},
		{"%", tInt, []any{int32(-7), int32(7)}, tInt, []any{int32(3), int32(-3)}, "-1 1"},
		{"%", tBig, []any{int64(1) << 40}, tBig, []any{int64(7)}, fmt.Sprint((int64(1) << 40) % 7)},
		{"MOD", tInt, []any{int32(1)}, tInt, []any{int32(0)}, "error: division by zero in 1 % 0"},
		{"/", tDouble, []any{1.0, -1.0, 0.0}, tDouble, []any{0.0, 0.0, 0.0}, "Infinity -Infinity NaN"},
		{"+", tInt, []any{int32(1)}, tDouble, []any{0.5}, "error: cast"}, // planner must cast: kernel args differ
		{"+", dec(5, 2), []any{d("1.25", 5, 2), d("-999.99", 5, 2)}, dec(5, 2), []any{d("1.75", 5, 2), d("-0.01", 5, 2)}, "3.00 -1000.00"},
		{"-", dec(5, 2), []any{d("1.25", 5, 2)}, dec(4, 3), []any{d("1.001", 4, 3)}, "0.249"},
		{"*", dec(5, 2), []any{d("1.25", 5, 2)}, dec(4, 3), []any{d("-1.001", 4, 3)}, "-1.25125"},
		{"/", dec(5, 2), []any{d("1.00", 5, 2), d("2.00", 5, 2)}, dec(5, 2), []any{d("3.00", 5, 2), d("3.00", 5, 2)}, "0.33333333 0.66666667"},
		{"/", dec(5, 2), []any{d("1.00", 5, 2)}, dec(5, 2), []any{d("0", 5, 2)}, "error: division by zero in 1.00 / 0"},
		{"%", dec(5, 2), []any{d("-7.50", 5, 2)}, dec(3, 1), []any{d("2.0", 3, 1)}, "-1.50"},
		{"*", dec(38, 0), []any{d("99999999999999999999999999999999999999", 38, 0)}, dec(38, 0), []any{d("10", 38, 0)}, "NULL"},
		{"+", dec(38, 0), []any{d("-99999999999999999999999999999999999999", 38, 0)}, dec(38, 0), []any{d("-1", 38, 0)}, "NULL"},
		{"*", dec(20, 10), []any{d("1234567890.0123456789", 20, 10)}, dec(20, 10), []any{d("-1.5", 20, 10)}, "-1851851835.01851851835000000"},
	}
	for _, c := range cases {
		name := fmt.Sprintf("%s %s %s", c.ta, c.op, c.tb)
		s, err := ResolveArithmetic(strings.Replace(c.op, "MOD", "%", 1), c.ta, c.tb)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !s.Args[0].Equal(c.ta) || !s.Args[1].Equal(c.tb) {
			if strings.HasPrefix(c.want, "error: cast") {
				continue
			}
			t.Fatalf("%s: kernel expects %v", name, s.Args)
		}
		got, err := run(t, s, nil, column(t, c.ta, c.a...), column(t, c.tb, c.b...))
		if strings.HasPrefix(c.want, "error: ") {
			if err == nil || !strings.Contains(err.Error(), strings.TrimPrefix(c.want, "error: ")) {
				t.Errorf("%s: got %v, %v; want %s", name, got, err, c.want)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if r := render(s.Result, got); r != c.want {
			t.Errorf("%s = %s, want %s (result type %s)", name, r, c.want, s.Result)
		}
	}
}

// TestDecimalArithmeticExact cross-checks every decimal operator against
// math/big on random operands of random types.
func TestDecimalArithmeticExact(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	randDec := func(p, s int) (types.Decimal, *big.Int) {
		digits := 1 + r.IntN(p)
		var sb strings.Builder
		if r.IntN(2) == 0 {
			sb.WriteByte('-')
		}
		for i := 0; i < digits; i++ {
			sb.WriteByte(byte('0' + r.IntN(10)))
		}
		z, _ := new(big.Int).SetString(sb.String(), 10)
		v, err := types.DecimalFromBig(z)
		if err != nil {
			t.Fatal(err)
		}
		return v, z
	}
	for iter := 0; iter < 3000; iter++ {
		p1, p2 := 1+r.IntN(38), 1+r.IntN(38)
		s1, s2 := r.IntN(p1+1), r.IntN(p2+1)
		ta, tb := dec(p1, s1), dec(p2, s2)
		op := []string{"+", "-", "*", "/", "%"}[r.IntN(5)]
		s, err := ResolveArithmetic(op, ta, tb)
		if err != nil {
			t.Fatal(err)
		}
		av, ab := randDec(p1, s1)
		bv, bb := randDec(p2, s2)
		if (op == "/" || op == "%") && bb.Sign() == 0 {
			continue
		}
		got, err := run(t, s, nil, column(t, ta, av), column(t, tb, bv))
		if err != nil {
			t.Fatalf("%s(%s) %s %s(%s): %v", av.String(s1), ta, op, bv.String(s2), tb, err)
		}
		// Exact rational result, rounded half-up to the result scale.
		x := new(big.Rat).SetFrac(ab, pow10Big[s1])
		y := new(big.Rat).SetFrac(bb, pow10Big[s2])
		var z *big.Rat
		switch op {
		case "+":
			z = new(big.Rat).Add(x, y)
		case "-":
			z = new(big.Rat).Sub(x, y)
		case "*":
			z = new(big.Rat).Mul(x, y)
		case "/":
			z = new(big.Rat).Quo(x, y)
		case "%":
			q := new(big.Rat).Quo(x, y)
			tq := new(big.Int).Quo(q.Num(), q.Denom()) // truncated quotient
			z = new(big.Rat).Sub(x, new(big.Rat).Mul(new(big.Rat).SetInt(tq), y))
		}
		rs := s.Result.Scale
		if op == "/" {
			z = roundSignificant(z, 38) // Flink divides with MathContext(38, HALF_UP) first
		}
		scaled := new(big.Rat).Mul(z, new(big.Rat).SetInt(pow10Big[rs]))
		want := new(big.Int)
		m := new(big.Int)
		want.QuoRem(scaled.Num(), scaled.Denom(), m)
		if new(big.Int).Lsh(new(big.Int).Abs(m), 1).Cmp(scaled.Denom()) >= 0 {
			if scaled.Sign() < 0 {
				want.Sub(want, big.NewInt(1))
			} else {
				want.Add(want, big.NewInt(1))
			}
		}
		var wantS string
		if new(big.Int).Abs(want).Cmp(pow10Big[s.Result.Precision]) >= 0 {
			wantS = "NULL"
		} else {
			wd, _ := types.DecimalFromBig(want)
			wantS = wd.String(rs)
		}
		if g := render(s.Result, got); g != wantS {
			t.Fatalf("%s(%s) %s %s(%s) = %s, want %s (%s)", av.String(s1), ta, op, bv.String(s2), tb, g, wantS, s.Result)
		}
	}
}

func TestUnaryMinusAndConcat(t *testing.T) {
	s := resolve(t, "-", tInt)
	got, _ := run(t, s, nil, column(t, tInt, int32(5), int32(math.MinInt32), nil))
	if r := render(tInt, got); r != "-5 -2147483648 NULL" {
		t.Errorf("-x = %s", r)
	}
	s = resolve(t, "-", dec(30, 2))
	got, _ = run(t, s, nil, column(t, dec(30, 2), d("-12345678901234567890.12", 30, 2)))
	if r := render(s.Result, got); r != "12345678901234567890.12" {
		t.Errorf("-decimal = %s", r)
	}
	s = resolve(t, "||", varchar(3), tString)
	if s.Result.String() != "STRING" {
		t.Errorf("VARCHAR(3) || STRING = %s", s.Result)
	}
	got, _ = run(t, s, nil, column(t, varchar(3), "ab", nil, ""), column(t, tString, "cd", "x", "é"))
	if r := render(tString, got); r != "abcd NULL é" {
		t.Errorf("|| = %q", r)
	}
	if _, err := ResolveScalar("||", []Arg{{Type: tInt}, {Type: tString}}); err == nil {
		t.Error("INT || STRING resolved")
	}
}

func TestArithmeticSelection(t *testing.T) {
	// Only rows in sel are computed: row 1 divides by zero but is not selected.
	s := resolve(t, "/", tBig, tBig)
	got, err := run(t, s, []int32{0, 2}, column(t, tBig, int64(10), int64(1), int64(9)), column(t, tBig, int64(2), int64(0), int64(3)))
	if err != nil {
		t.Fatal(err)
	}
	if got[0] != int64(5) || got[2] != int64(3) {
		t.Errorf("selected rows = %v", got)
	}
}

func TestModNarrowsToRightOperandType(t *testing.T) {
	s := resolve(t, "%", tBig, tInt)
	if s.Result.Root != types.Int || s.Args[1].Root != types.BigInt {
		t.Fatalf("BIGINT %% INT resolved to %v -> %s", s.Args, s.Result)
	}
	got, err := run(t, s, nil, column(t, tBig, int64(1)<<40+5, int64(-9)), column(t, tBig, int64(1)<<20, int64(4)))
	if err != nil {
		t.Fatal(err)
	}
	if got[0] != int32(5) || got[1] != int32(-1) {
		t.Errorf("BIGINT %% INT = %v", got)
	}
}

// roundSignificant rounds z HALF_UP to n significant decimal digits, as
// java.math.MathContext(n, HALF_UP) does.
func roundSignificant(z *big.Rat, n int) *big.Rat {
	if z.Sign() == 0 {
		return z
	}
	abs := new(big.Rat).Abs(z)
	// e = floor(log10(abs)): the exponent of the leading digit.
	e := len(new(big.Int).Quo(abs.Num(), abs.Denom()).String()) - 1
	if abs.Cmp(big.NewRat(1, 1)) < 0 {
		e = -1
		for t := new(big.Rat).Mul(abs, big.NewRat(10, 1)); t.Cmp(big.NewRat(1, 1)) < 0; t.Mul(t, big.NewRat(10, 1)) {
			e--
		}
	}
	shift := n - 1 - e // scale so that n digits are left of the point
	f := new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(absInt(shift))), nil))
	scaled := new(big.Rat).Set(abs)
	if shift >= 0 {
		scaled.Mul(scaled, f)
	} else {
		scaled.Quo(scaled, f)
	}
	q, m := new(big.Int).QuoRem(scaled.Num(), scaled.Denom(), new(big.Int))
	if new(big.Int).Lsh(m, 1).Cmp(scaled.Denom()) >= 0 {
		q.Add(q, big.NewInt(1))
	}
	res := new(big.Rat).SetInt(q)
	if shift >= 0 {
		res.Quo(res, f)
	} else {
		res.Mul(res, f)
	}
	if z.Sign() < 0 {
		res.Neg(res)
	}
	return res
}

func absInt(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// TestDecimalDivideDoubleRounding: Flink rounds the quotient to 38
// significant digits before rounding to the result scale, which differs from
// a single rounding when the digit after the 38th is the one that carries.
func TestDecimalDivideDoubleRounding(t *testing.T) {
	// 2000000000000000000000000000000.0000009 / 2.0 = 1000000000000000000000000000000.00000045
	// (31 integer digits): 38 significant digits give ….0000005, which
	// DECIMAL(38, 6) rounds HALF_UP to ….000001; one rounding would give ….000000.
	s, err := ResolveArithmetic("/", dec(38, 7), dec(2, 1))
	if err != nil {
		t.Fatal(err)
	}
	if s.Result.String() != "DECIMAL(38, 6)" {
		t.Fatalf("result type %s", s.Result)
	}
	got, err := run(t, s, nil, column(t, dec(38, 7), d("2000000000000000000000000000000.0000009", 38, 7)), column(t, dec(2, 1), d("2.0", 2, 1)))
	if err != nil {
		t.Fatal(err)
	}
	if r := render(s.Result, got); r != "1000000000000000000000000000000.000001" {
		t.Errorf("quotient = %s, want 1000000000000000000000000000000.000001 (Flink's double rounding)", r)
	}
}
