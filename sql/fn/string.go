package fn

import (
	"fmt"
	"unicode"
	"unicode/utf8"

	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// String functions with Flink's semantics, on UTF-8 bytes. Characters are
// Unicode code points (Flink counts UTF-16 units; the two differ only
// outside the Basic Multilingual Plane). Invalid UTF-8 bytes count as one
// character each and are copied through unchanged. Results are STRING.
//
//	CONCAT(s, ...)           NULL if any argument is NULL
//	CONCAT_WS(sep, s, ...)   NULL if sep is NULL; NULL arguments are skipped
//	UPPER(s), LOWER(s)       Unicode simple case mapping (plus ß → SS, as Java)
//	INITCAP(s)               first letter of each word upper, the rest lower; words are runs of letters and digits
//	CHAR_LENGTH(s), CHARACTER_LENGTH(s)   INT, code points
//	REVERSE(s)               by code points
//	REPEAT(s, n)             n ≤ 0 gives ''

func init() {
	RegisterScalar("CONCAT", resolveConcatFunc)
	RegisterScalar("CONCAT_WS", resolveConcatWS)
	strRegisterMap("UPPER", strAppendUpper)
	strRegisterMap("LOWER", strAppendLower)
	strRegisterMap("INITCAP", strAppendInitCap)
	strRegisterMap("REVERSE", strAppendReverse)
	for _, name := range []string{"CHAR_LENGTH", "CHARACTER_LENGTH"} {
		RegisterScalar(name, func(args []Arg) (*Scalar, error) {
			return rowsResolveSig(name, args, "s", 1, types.NewInt(), false, func(ctx *Context, args []*vec.Vector, sel []int32, n int, out *vec.Vector) error {
				v := args[0]
				return rowsEachFixed(args, sel, n, out, func(i int32) bool {
					out.I32[i] = int32(utf8.RuneCount(rowsBytesAt(v, i)))
					return true
				})
			})
		})
	}
	RegisterScalar("REPEAT", func(args []Arg) (*Scalar, error) {
		return rowsResolveSig("REPEAT", args, "si", 2, types.NewString(), false, func(_ *Context, args []*vec.Vector, sel []int32, n int, out *vec.Vector) error {
			s, cnt := args[0], args[1]
			return rowsEachString("REPEAT", args, sel, n, out, func(i int32) (bool, error) {
				b, k := rowsBytesAt(s, i), int64(cnt.I32[i])
				if k <= 0 || len(b) == 0 {
					return true, nil
				}
				if k > rowsMaxValue || int64(len(b))*k > rowsMaxValue {
					return false, rowsValueTooLong("REPEAT", int64(len(b))*min(k, rowsMaxValue+1))
				}
				for ; k > 0; k-- {
					out.Data = append(out.Data, b...)
				}
				return true, nil
			})
		})
	})
}

// rowsResolveSig resolves a function whose arguments follow sig, one letter per
// argument: 's' a character string (passed as STRING), 'i' an integral
// number (passed as INT), 'l' an integral number (passed as BIGINT), 'd' a
// number (passed as DOUBLE). At least minArgs arguments are required; the
// rest are optional. The result is nullable when an argument is, or always
// when alwaysNullable.
func rowsResolveSig(name string, args []Arg, sig string, minArgs int, result types.DataType, alwaysNullable bool, k Kernel) (*Scalar, error) {
	if err := rowsArgCount(name, args, minArgs, len(sig)); err != nil {
		return nil, err
	}
	argTypes := make([]types.DataType, len(args))
	for i, a := range args {
		null := rowsIsNullLiteral(a)
		var t types.DataType
		switch sig[i] {
		case 's':
			if !a.Type.IsString() && !null {
				return nil, rowsArgTypeError(name, i, a, "a character string")
			}
			t = types.NewString()
		case 'i', 'l':
			if !rowsIsIntegral(a.Type) && !null {
				return nil, rowsArgTypeError(name, i, a, "an integer")
			}
			t = types.NewInt()
			if sig[i] == 'l' {
				t = types.NewBigInt()
			}
		case 'd':
			if !rowsIsNumeric(a.Type) && !null {
				return nil, rowsArgTypeError(name, i, a, "a number")
			}
			t = types.NewDouble()
		}
		argTypes[i] = t.WithNullable(a.Type.Nullable || null)
	}
	return &Scalar{
		Name:          name,
		Args:          argTypes,
		Result:        result.WithNullable(alwaysNullable || rowsAnyNullable(args)),
		Deterministic: true,
		Kernel: func(ctx *Context, vs []*vec.Vector, sel []int32, n int, out *vec.Vector) error {
			if len(vs) != len(argTypes) {
				return fmt.Errorf("%s: expected %d argument vectors, got %d", name, len(argTypes), len(vs))
			}
			return k(ctx, vs, sel, n, out)
		},
	}, nil
}

// rowsEachString computes a string result row by row: for each computed row
// whose arguments are all non-null, f appends the value to out.Data and
// returns true, or false for a NULL result.
func rowsEachString(name string, args []*vec.Vector, sel []int32, n int, out *vec.Vector, f func(i int32) (bool, error)) error {
	rowsStartBytes(out)
	for _, i := range rowsOf(sel, n) {
		rowsPadBytes(out, int(i))
		if rowsAnyNullAt(args, i) {
			rowsNullBytes(out)
			continue
		}
		mark := len(out.Data)
		ok, err := f(i)
		if err != nil {
			return err
		}
		if !ok {
			out.Data = out.Data[:mark]
			rowsNullBytes(out)
			continue
		}
		if err := rowsEndBytes(name, out); err != nil {
			return err
		}
	}
	rowsPadBytes(out, n)
	return nil
}

// rowsEachFixed computes a fixed-width result row by row: f writes row i of out
// and returns false for a NULL result. Rows with a NULL argument are NULL.
func rowsEachFixed(args []*vec.Vector, sel []int32, n int, out *vec.Vector, f func(i int32) bool) error {
	rows := rowsOf(sel, n)
	rowsStartFixed(out, n)
	hasNulls := rowsPropagateNulls(args, rows, out)
	for _, i := range rows {
		if hasNulls && out.Nulls.Get(int(i)) {
			continue
		}
		if !f(i) {
			out.Nulls.Set(int(i))
		}
	}
	return nil
}

// strRegisterMap registers a one-argument string → string function.
func strRegisterMap(name string, f func(dst, src []byte) []byte) {
	RegisterScalar(name, func(args []Arg) (*Scalar, error) {
		return rowsResolveSig(name, args, "s", 1, types.NewString(), false, func(_ *Context, args []*vec.Vector, sel []int32, n int, out *vec.Vector) error {
			v := args[0]
			return rowsEachString(name, args, sel, n, out, func(i int32) (bool, error) {
				out.Data = f(out.Data, rowsBytesAt(v, i))
				return true, nil
			})
		})
	})
}

func strAppendUpper(dst, src []byte) []byte {
	for i := 0; i < len(src); {
		c := src[i]
		if c < utf8.RuneSelf {
			if 'a' <= c && c <= 'z' {
				c -= 'a' - 'A'
			}
			dst = append(dst, c)
			i++
			continue
		}
		r, size := utf8.DecodeRune(src[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			dst = append(dst, src[i])
		case r == 'ß':
			dst = append(dst, 'S', 'S')
		default:
			dst = utf8.AppendRune(dst, unicode.ToUpper(r))
		}
		i += size
	}
	return dst
}

func strAppendLower(dst, src []byte) []byte {
	for i := 0; i < len(src); {
		c := src[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			dst = append(dst, c)
			i++
			continue
		}
		r, size := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && size == 1 {
			dst = append(dst, src[i])
		} else {
			dst = utf8.AppendRune(dst, unicode.ToLower(r))
		}
		i += size
	}
	return dst
}

func strAppendInitCap(dst, src []byte) []byte {
	inWord := false
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && size == 1 {
			dst = append(dst, src[i])
			inWord = false
			i++
			continue
		}
		word := unicode.IsLetter(r) || unicode.IsDigit(r)
		switch {
		case word && !inWord:
			dst = utf8.AppendRune(dst, unicode.ToTitle(r))
		case word:
			dst = utf8.AppendRune(dst, unicode.ToLower(r))
		default:
			dst = utf8.AppendRune(dst, r)
		}
		inWord = word
		i += size
	}
	return dst
}

func strAppendReverse(dst, src []byte) []byte {
	for end := len(src); end > 0; {
		_, size := utf8.DecodeLastRune(src[:end])
		dst = append(dst, src[end-size:end]...)
		end -= size
	}
	return dst
}

func resolveConcatFunc(args []Arg) (*Scalar, error) {
	if len(args) == 0 {
		return nil, fmt.Errorf("CONCAT: expected at least 1 argument")
	}
	sig := make([]byte, len(args))
	for i := range sig {
		sig[i] = 's'
	}
	return rowsResolveSig("CONCAT", args, string(sig), len(args), types.NewString(), false, func(_ *Context, args []*vec.Vector, sel []int32, n int, out *vec.Vector) error {
		return rowsEachString("CONCAT", args, sel, n, out, func(i int32) (bool, error) {
			for _, a := range args {
				out.Data = append(out.Data, rowsBytesAt(a, i)...)
			}
			return true, nil
		})
	})
}

func resolveConcatWS(args []Arg) (*Scalar, error) {
	if len(args) < 2 {
		return nil, fmt.Errorf("CONCAT_WS: expected a separator and at least 1 string, got %d arguments", len(args))
	}
	sig := make([]byte, len(args))
	for i := range sig {
		sig[i] = 's'
	}
	s, err := rowsResolveSig("CONCAT_WS", args, string(sig), len(args), types.NewString(), false, func(_ *Context, args []*vec.Vector, sel []int32, n int, out *vec.Vector) error {
		sep := args[0]
		return rowsEachString("CONCAT_WS", args[:1], sel, n, out, func(i int32) (bool, error) {
			first := true
			for _, a := range args[1:] {
				if a.Nulls.Get(int(i)) {
					continue
				}
				if !first {
					out.Data = append(out.Data, rowsBytesAt(sep, i)...)
				}
				first = false
				out.Data = append(out.Data, rowsBytesAt(a, i)...)
			}
			return true, nil
		})
	})
	if err != nil {
		return nil, err
	}
	s.Result = s.Result.WithNullable(args[0].Type.Nullable || rowsIsNullLiteral(args[0]))
	return s, nil
}
