package fn

import (
	"unicode/utf8"

	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// TRIM, BTRIM, LTRIM and RTRIM remove characters from both ends, the start,
// or the end of a string: spaces (U+0020 only, as Flink) with one argument,
// or any character of the second argument's set.
//
// Call shapes the planner produces:
//
//	TRIM(s)                              TRIM(s)
//	TRIM(BOTH chars FROM s)              TRIM(s, chars)     (BTRIM is an alias)
//	TRIM(LEADING chars FROM s)           LTRIM(s, chars)
//	TRIM(TRAILING chars FROM s)          RTRIM(s, chars)

func init() {
	for _, f := range []struct {
		name        string
		left, right bool
	}{
		{"TRIM", true, true}, {"BTRIM", true, true}, {"LTRIM", true, false}, {"RTRIM", false, true},
	} {
		RegisterScalar(f.name, func(args []Arg) (*Scalar, error) {
			return rowsResolveSig(f.name, args, "ss", 1, types.NewString(), false, func(_ *Context, args []*vec.Vector, sel []int32, n int, out *vec.Vector) error {
				s := args[0]
				var chars *vec.Vector
				if len(args) == 2 {
					chars = args[1]
				}
				return rowsEachString(f.name, args, sel, n, out, func(i int32) (bool, error) {
					b := rowsBytesAt(s, i)
					if chars == nil {
						out.Data = append(out.Data, strTrimSpaces(b, f.left, f.right)...)
					} else {
						out.Data = append(out.Data, strTrimSet(b, rowsBytesAt(chars, i), f.left, f.right)...)
					}
					return true, nil
				})
			})
		})
	}
}

func strTrimSpaces(b []byte, left, right bool) []byte {
	if left {
		for len(b) > 0 && b[0] == ' ' {
			b = b[1:]
		}
	}
	if right {
		for len(b) > 0 && b[len(b)-1] == ' ' {
			b = b[:len(b)-1]
		}
	}
	return b
}

// strTrimSet removes characters contained in set (compared as whole UTF-8
// sequences; an invalid byte matches the same invalid byte).
func strTrimSet(b, set []byte, left, right bool) []byte {
	if len(set) == 0 {
		return b
	}
	in := func(c []byte) bool {
		for k := 0; k < len(set); {
			_, size := utf8.DecodeRune(set[k:])
			if size == len(c) && string(set[k:k+size]) == string(c) {
				return true
			}
			k += size
		}
		return false
	}
	if left {
		for len(b) > 0 {
			_, size := utf8.DecodeRune(b)
			if !in(b[:size]) {
				break
			}
			b = b[size:]
		}
	}
	if right {
		for len(b) > 0 {
			_, size := utf8.DecodeLastRune(b)
			if !in(b[len(b)-size:]) {
				break
			}
			b = b[:len(b)-size]
		}
	}
	return b
}
