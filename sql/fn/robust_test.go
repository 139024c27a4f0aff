package fn

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// This file throws every registered function at many argument shapes and
// random, hostile values (NULLs, invalid UTF-8, extreme numbers, far-away
// timestamps): resolution either fails with an error naming the function
// or yields a kernel that never panics, returns n rows, and reports
// failures as errors naming the function.

var fntRobustTypes = []types.DataType{
	types.NewString(), types.NewInt(), types.NewBigInt(), types.NewDouble(), types.NewDecimal(10, 2),
	types.NewDecimal(30, 5), types.NewTimestamp(3), types.NewTimestampLTZ(6), types.NewDate(),
	types.NewBoolean(), types.NewTime(0), types.NewTinyInt(), types.NewFloat(),
}

var fntRobustConsts = []any{"DAY", "YEAR", "yyyy-MM-dd", "$.a", "$[*]", "(a)(b)?", "CONDITIONAL", "ARRAY", "UTC", int32(0), int32(3), int32(256), int32(-2), nil}

var fntRobustStrings = []string{"", "a", "2024-02-29 10:11:12", "2024-02-29", "1970-01-01 00:00:00.123456789",
	`{"a":[1,{"b":"x"}]}`, "[1,2", "\xff\xfe\xfd", "日本語", "yyyy-MM-dd HH:mm:ss", "'", "$.a", "Asia/Shanghai",
	"+08:00", strings.Repeat("z", 300), "(a|b)+", "\\", "[", "aGVsbG8=", "-1", "  x  "}

func fntRobustValue(r *rand.Rand, t types.DataType) any {
	if r.IntN(5) == 0 && t.Nullable {
		return nil
	}
	switch t.Root {
	case types.Boolean:
		return r.IntN(2) == 0
	case types.TinyInt:
		return int8(r.Uint32())
	case types.SmallInt:
		return int16(r.Uint32())
	case types.Int:
		return []int32{0, 1, -1, 2, 5, 300, math.MaxInt32, math.MinInt32, int32(r.Uint32())}[r.IntN(9)]
	case types.Date:
		return []int32{0, -1, 19782, math.MaxInt32, math.MinInt32, int32(r.Uint32())}[r.IntN(6)]
	case types.Time:
		return int32(r.IntN(86400000))
	case types.BigInt:
		return []int64{0, 1, -1, 1700000000, math.MaxInt64, math.MinInt64, int64(r.Uint64())}[r.IntN(7)]
	case types.Float:
		return float32(r.NormFloat64() * 1e6)
	case types.Double:
		return []float64{0, -0.5, 2.675, 1e300, -1e-300, math.Inf(1), math.NaN(), r.NormFloat64() * 1e9}[r.IntN(8)]
	case types.DecimalRoot:
		if t.IsCompactDecimal() {
			lim := int64(math.Pow10(t.Precision)) - 1
			return types.DecimalFromInt64(r.Int64N(2*lim+1) - lim)
		}
		d, _ := types.DecimalFromBig(dec128Pow10(t.Precision - 1))
		if r.IntN(2) == 0 {
			d = dec128Neg(d)
		}
		return d
	case types.TimestampRoot, types.TimestampLTZ:
		ms := []int64{0, -1, 1709201472000, math.MaxInt64 / 2, math.MinInt64 / 2, int64(r.Uint64() >> 20)}[r.IntN(6)]
		return types.Timestamp{Millis: ms, NanoOfMilli: int32(r.IntN(1e6))}
	case types.Char, types.VarChar:
		return fntRobustStrings[r.IntN(len(fntRobustStrings))]
	case types.Binary, types.VarBinary:
		return []byte(fntRobustStrings[r.IntN(len(fntRobustStrings))])
	}
	return nil
}

// fntRobustArgLists yields argument lists of up to three arguments, with some
// positions constant.
func fntRobustArgLists(r *rand.Rand) [][]Arg {
	var out [][]Arg
	out = append(out, nil)
	for range 400 {
		n := 1 + r.IntN(3)
		args := make([]Arg, n)
		for k := range args {
			args[k] = Arg{Type: fntRobustTypes[r.IntN(len(fntRobustTypes))]}
			if r.IntN(3) == 0 {
				c := fntRobustConsts[r.IntN(len(fntRobustConsts))]
				switch c.(type) {
				case string:
					args[k] = Arg{Type: types.NewString().NotNull(), IsConst: true, Const: c}
				case int32:
					args[k] = Arg{Type: types.NewInt().NotNull(), IsConst: true, Const: c}
				default:
					args[k] = Arg{IsConst: true} // untyped NULL literal
				}
			}
		}
		out = append(out, args)
	}
	return out
}

func TestScalarsRobust(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	lists := fntRobustArgLists(r)
	shanghai, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		shanghai = time.UTC
	}
	ctx := &Context{Location: shanghai, Now: types.Timestamp{Millis: 1709201472123}}
	resolved := 0
	for _, name := range Names() {
		if IsAggregate(name) {
			continue
		}
		for _, args := range lists {
			s, err := ResolveScalar(name, args)
			if err != nil {
				// Operators ("!=", "MOD", ...) name their canonical spelling
				// and the operand types; sql/fn's operator tests cover them.
				if !strings.Contains(err.Error(), name) && !fntIsOperator(name) {
					t.Errorf("%s(%s): error does not name the function: %v", name, rowsArgTypes(args), err)
				}
				continue
			}
			resolved++
			const n = 37
			cols := make([]*vec.Vector, len(s.Args))
			for k, ty := range s.Args {
				cols[k] = vec.MustNew(ty, n)
				for range n {
					var v any
					if k < len(args) && args[k].IsConst {
						v = fntRobustConvert(args[k].Const, ty)
					} else {
						v = fntRobustValue(r, ty)
					}
					if v == nil && !ty.Nullable {
						v = fntRobustValue(r, ty.NotNull())
					}
					if err := cols[k].Append(v); err != nil {
						// A constant the planner would cast: use any value of the type.
						if err := cols[k].Append(fntRobustValue(r, ty.NotNull())); err != nil {
							t.Fatalf("%s: build %s: %v", name, ty, err)
						}
					}
				}
			}
			for _, sel := range [][]int32{nil, {0, 3, 4, 36}, {}} {
				out := vec.MustNew(s.Result, n)
				err := s.Kernel(ctx, cols, sel, n, out)
				if err != nil {
					// Operators ("!=", "MOD", ...) name their canonical spelling
					// and the operand types; sql/fn's operator tests cover them.
					if !strings.Contains(err.Error(), name) && !fntIsOperator(name) {
						t.Errorf("%s(%s): kernel error does not name the function: %v", name, rowsArgTypes(args), err)
					}
					continue
				}
				if out.Len != n || (out.Kind == vec.KindBytes && len(out.Offsets) != n+1) {
					t.Fatalf("%s(%s): %d rows / %d offsets for n = %d", name, rowsArgTypes(args), out.Len, len(out.Offsets), n)
				}
			}
		}
	}
	if resolved < 200 {
		t.Errorf("only %d resolutions succeeded; the argument lists are too narrow", resolved)
	}
}

func TestAggregatesRobust(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 9))
	for _, name := range Names() {
		if !IsAggregate(name) {
			continue
		}
		for _, ty := range append([]types.DataType{{}}, fntRobustTypes...) {
			for _, distinct := range []bool{false, true} {
				var args []Arg
				if ty.Root != 0 {
					args = []Arg{{Type: ty}}
				}
				a, err := ResolveAggregate(name, args, distinct)
				if err != nil {
					// Operators ("!=", "MOD", ...) name their canonical spelling
					// and the operand types; sql/fn's operator tests cover them.
					if !strings.Contains(err.Error(), name) && !fntIsOperator(name) {
						t.Errorf("%s(%s): error does not name the function: %v", name, ty, err)
					}
					continue
				}
				const n, groups = 50, 5
				cols := make([]*vec.Vector, len(a.Args))
				for k, at := range a.Args {
					cols[k] = vec.MustNew(at, n)
					for range n {
						_ = cols[k].Append(fntRobustValue(r, at))
					}
				}
				gs := make([]uint32, n)
				for i := range gs {
					gs[i] = uint32(r.IntN(groups))
				}
				acc, other := a.New(), a.New()
				acc.Grow(groups)
				other.Grow(groups)
				for _, x := range []Accumulators{acc, other} {
					if err := x.Update(nil, gs, cols, nil); err != nil {
						t.Fatalf("%s: %v", name, err)
					}
				}
				if rt, ok := acc.(Retracter); ok {
					if err := rt.Retract(nil, gs, cols, []int32{1, 2, 40}); err != nil {
						t.Fatalf("%s retract: %v", name, err)
					}
				}
				if err := acc.Merge(other, []uint32{4, 3, 2, 1, 0}); err != nil {
					t.Fatalf("%s merge: %v", name, err)
				}
				out := vec.MustNew(a.Result, groups)
				if err := acc.Result(nil, 0, groups, out); err != nil {
					// Operators ("!=", "MOD", ...) name their canonical spelling
					// and the operand types; sql/fn's operator tests cover them.
					if !strings.Contains(err.Error(), name) && !fntIsOperator(name) {
						t.Errorf("%s: result error does not name the function: %v", name, err)
					}
					continue
				}
				if out.Len != groups {
					t.Fatalf("%s: %d result rows for %d groups", name, out.Len, groups)
				}
				if acc.MemoryBytes() <= 0 {
					t.Errorf("%s: MemoryBytes %d", name, acc.MemoryBytes())
				}
			}
		}
	}
}

// fntRobustConvert converts a constant to the Go type of the type the resolver
// asked for, as the planner's cast would.
func fntRobustConvert(v any, t types.DataType) any {
	x, ok := v.(int32)
	if !ok {
		return v
	}
	switch t.Root {
	case types.TinyInt:
		return int8(x)
	case types.SmallInt:
		return int16(x)
	case types.BigInt:
		return int64(x)
	case types.Double:
		return float64(x)
	}
	return v
}

// fntIsOperator reports whether name is an operator or an operator alias.
func fntIsOperator(name string) bool {
	switch name {
	case "MOD", "AND", "OR", "NOT":
		return true
	}
	for _, c := range name {
		if c >= 'A' && c <= 'Z' || c == '_' || c >= '0' && c <= '9' {
			return false
		}
	}
	return true
}
