package fn

import (
	"bytes"
	"unicode/utf8"

	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// Substrings and searches, counting characters (code points) from 1 as
// Flink does:
//
//	SUBSTRING(s, start[, len]), SUBSTR   start < 0 counts from the end; start 0 acts as 1; len < 0 gives ''
//	LEFT(s, n), RIGHT(s, n)              n < 0 gives ''
//	POSITION(needle, s)                  INT, 1-based, 0 when absent ('' is found at 1);
//	                                     the parser lowers POSITION(needle IN s) to this call
//	LOCATE(needle, s[, from])            INT, search starting at character from (1-based)
//	INSTR(s, needle)                     INT, as POSITION with the arguments swapped
//	REPLACE(s, search, repl)             every occurrence; an empty search leaves s unchanged
//	SPLIT_INDEX(s, sep, i)               the i-th (0-based) field split by sep; NULL when out of range,
//	                                     for a negative i, or an empty sep
//	ASCII(s)                             INT, the code point of the first character; 0 for ''
//	CHR(n)                               the character with code n & 0xFF (Latin-1); '' for n < 0

func init() {
	for _, name := range []string{"SUBSTRING", "SUBSTR"} {
		RegisterScalar(name, func(args []Arg) (*Scalar, error) {
			return rowsResolveSig(name, args, "sii", 2, types.NewString(), false, func(_ *Context, args []*vec.Vector, sel []int32, n int, out *vec.Vector) error {
				s, start := args[0], args[1]
				var length *vec.Vector
				if len(args) == 3 {
					length = args[2]
				}
				return rowsEachString(name, args, sel, n, out, func(i int32) (bool, error) {
					l := int64(-1) << 40 // "to the end"
					if length != nil {
						l = int64(length.I32[i])
					}
					out.Data = append(out.Data, strSubstringSQL(rowsBytesAt(s, i), int64(start.I32[i]), l)...)
					return true, nil
				})
			})
		})
	}
	RegisterScalar("LEFT", func(args []Arg) (*Scalar, error) {
		return rowsResolveSig("LEFT", args, "si", 2, types.NewString(), false, func(_ *Context, args []*vec.Vector, sel []int32, n int, out *vec.Vector) error {
			s, k := args[0], args[1]
			return rowsEachString("LEFT", args, sel, n, out, func(i int32) (bool, error) {
				b := rowsBytesAt(s, i)
				out.Data = append(out.Data, b[:strRuneOffset(b, int64(k.I32[i]))]...)
				return true, nil
			})
		})
	})
	RegisterScalar("RIGHT", func(args []Arg) (*Scalar, error) {
		return rowsResolveSig("RIGHT", args, "si", 2, types.NewString(), false, func(_ *Context, args []*vec.Vector, sel []int32, n int, out *vec.Vector) error {
			s, k := args[0], args[1]
			return rowsEachString("RIGHT", args, sel, n, out, func(i int32) (bool, error) {
				b := rowsBytesAt(s, i)
				total := int64(utf8.RuneCount(b))
				keep := int64(k.I32[i])
				if keep <= 0 {
					return true, nil
				}
				out.Data = append(out.Data, b[strRuneOffset(b, max(total-keep, 0)):]...)
				return true, nil
			})
		})
	})
	RegisterScalar("POSITION", func(args []Arg) (*Scalar, error) { return resolveLocate("POSITION", args, false, 2) })
	RegisterScalar("LOCATE", func(args []Arg) (*Scalar, error) { return resolveLocate("LOCATE", args, false, 3) })
	RegisterScalar("INSTR", func(args []Arg) (*Scalar, error) { return resolveLocate("INSTR", args, true, 2) })
	RegisterScalar("REPLACE", func(args []Arg) (*Scalar, error) {
		return rowsResolveSig("REPLACE", args, "sss", 3, types.NewString(), false, func(_ *Context, args []*vec.Vector, sel []int32, n int, out *vec.Vector) error {
			s, search, repl := args[0], args[1], args[2]
			return rowsEachString("REPLACE", args, sel, n, out, func(i int32) (bool, error) {
				b, old, nw := rowsBytesAt(s, i), rowsBytesAt(search, i), rowsBytesAt(repl, i)
				start := len(out.Data)
				if len(old) == 0 {
					out.Data = append(out.Data, b...)
					return true, nil
				}
				for {
					k := bytes.Index(b, old)
					if k < 0 {
						break
					}
					out.Data = append(out.Data, b[:k]...)
					out.Data = append(out.Data, nw...)
					b = b[k+len(old):]
					if n := len(out.Data) - start; n > rowsMaxValue {
						return false, rowsValueTooLong("REPLACE", int64(n))
					}
				}
				out.Data = append(out.Data, b...)
				return true, nil
			})
		})
	})
	RegisterScalar("SPLIT_INDEX", func(args []Arg) (*Scalar, error) {
		return rowsResolveSig("SPLIT_INDEX", args, "ssi", 3, types.NewString(), true, func(_ *Context, args []*vec.Vector, sel []int32, n int, out *vec.Vector) error {
			s, sep, idx := args[0], args[1], args[2]
			return rowsEachString("SPLIT_INDEX", args, sel, n, out, func(i int32) (bool, error) {
				b, d, k := rowsBytesAt(s, i), rowsBytesAt(sep, i), idx.I32[i]
				if len(d) == 0 || k < 0 {
					return false, nil
				}
				for ; k > 0; k-- {
					j := bytes.Index(b, d)
					if j < 0 {
						return false, nil
					}
					b = b[j+len(d):]
				}
				if j := bytes.Index(b, d); j >= 0 {
					b = b[:j]
				}
				out.Data = append(out.Data, b...)
				return true, nil
			})
		})
	})
	RegisterScalar("ASCII", func(args []Arg) (*Scalar, error) {
		return rowsResolveSig("ASCII", args, "s", 1, types.NewInt(), false, func(_ *Context, args []*vec.Vector, sel []int32, n int, out *vec.Vector) error {
			s := args[0]
			return rowsEachFixed(args, sel, n, out, func(i int32) bool {
				b := rowsBytesAt(s, i)
				if len(b) == 0 {
					out.I32[i] = 0
					return true
				}
				r, size := utf8.DecodeRune(b)
				if r == utf8.RuneError && size == 1 {
					r = rune(b[0])
				}
				out.I32[i] = int32(r)
				return true
			})
		})
	})
	RegisterScalar("CHR", func(args []Arg) (*Scalar, error) {
		return rowsResolveSig("CHR", args, "l", 1, types.NewString(), false, func(_ *Context, args []*vec.Vector, sel []int32, n int, out *vec.Vector) error {
			c := args[0]
			return rowsEachString("CHR", args, sel, n, out, func(i int32) (bool, error) {
				if x := c.I64[i]; x >= 0 {
					out.Data = utf8.AppendRune(out.Data, rune(x&0xFF))
				}
				return true, nil
			})
		})
	})
}

// strRuneOffset returns the byte offset of character k (0-based) of b, clamped
// to [0, len(b)].
func strRuneOffset(b []byte, k int64) int {
	if k <= 0 {
		return 0
	}
	off := 0
	for ; k > 0 && off < len(b); k-- {
		if b[off] < utf8.RuneSelf {
			off++
			continue
		}
		_, size := utf8.DecodeRune(b[off:])
		off += size
	}
	return off
}

// strSubstringSQL is Flink's strSubstringSQL: 1-based start, negative start from
// the end, length < 0 "to the end" is not SQL's, so callers pass a huge
// negative sentinel for "no length" and a real negative length gives ”.
func strSubstringSQL(b []byte, start, length int64) []byte {
	const toEnd = int64(-1) << 40
	n := int64(utf8.RuneCount(b))
	var from int64
	switch {
	case start > 0:
		from = start - 1
	case start < 0:
		from = n + start
	}
	to := n
	if length != toEnd {
		if length < 0 {
			return nil
		}
		to = from + length
	}
	from = max(from, 0)
	if from >= to || from >= n {
		return nil
	}
	to = min(to, n)
	lo := strRuneOffset(b, from)
	hi := lo + strRuneOffset(b[lo:], to-from)
	return b[lo:hi]
}

// resolveLocate resolves POSITION(needle, s), LOCATE(needle, s[, from]) and
// INSTR(s, needle) (swapped).
func resolveLocate(name string, args []Arg, swapped bool, maxArgs int) (*Scalar, error) {
	sig := "ssi"[:maxArgs]
	return rowsResolveSig(name, args, sig, 2, types.NewInt(), false, func(_ *Context, args []*vec.Vector, sel []int32, n int, out *vec.Vector) error {
		needle, hay := args[0], args[1]
		if swapped {
			needle, hay = hay, needle
		}
		var from *vec.Vector
		if len(args) == 3 {
			from = args[2]
		}
		return rowsEachFixed(args, sel, n, out, func(i int32) bool {
			h, nd := rowsBytesAt(hay, i), rowsBytesAt(needle, i)
			skip := int64(0)
			if from != nil {
				f := int64(from.I32[i])
				if f < 1 {
					out.I32[i] = 0
					return true
				}
				skip = f - 1
			}
			off := strRuneOffset(h, skip)
			if skip > 0 && off == len(h) && int64(utf8.RuneCount(h)) < skip {
				out.I32[i] = 0
				return true
			}
			k := bytes.Index(h[off:], nd)
			if k < 0 {
				out.I32[i] = 0
				return true
			}
			out.I32[i] = int32(skip + int64(utf8.RuneCount(h[off:off+k])) + 1)
			return true
		})
	})
}
