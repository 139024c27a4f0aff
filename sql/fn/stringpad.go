package fn

import (
	"unicode/utf8"

	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// LPAD(s, len, pad) and RPAD(s, len, pad) pad s on the left / right with
// repetitions of pad to len characters, or cut s to its first len
// characters when it is longer (both as Flink). A negative len or an empty
// pad gives NULL. A result beyond rowsMaxValue (256 MiB) is an error, found
// before anything is built.

func init() {
	RegisterScalar("LPAD", func(args []Arg) (*Scalar, error) { return resolvePad("LPAD", true, args) })
	RegisterScalar("RPAD", func(args []Arg) (*Scalar, error) { return resolvePad("RPAD", false, args) })
}

func resolvePad(name string, left bool, args []Arg) (*Scalar, error) {
	return rowsResolveSig(name, args, "sis", 3, types.NewString(), true, func(_ *Context, args []*vec.Vector, sel []int32, n int, out *vec.Vector) error {
		s, length, pad := args[0], args[1], args[2]
		return rowsEachString(name, args, sel, n, out, func(i int32) (bool, error) {
			b, p, want := rowsBytesAt(s, i), rowsBytesAt(pad, i), int64(length.I32[i])
			if want < 0 || len(p) == 0 {
				return false, nil
			}
			have := int64(utf8.RuneCount(b))
			if want <= have {
				out.Data = append(out.Data, b[:strRuneOffset(b, want)]...)
				return true, nil
			}
			fill := want - have
			padRunes := int64(utf8.RuneCount(p))
			full, rest := fill/padRunes, fill%padRunes
			restBytes := strRuneOffset(p, rest)
			need := full*int64(len(p)) + int64(restBytes) + int64(len(b))
			if need > rowsMaxValue {
				return false, rowsValueTooLong(name, need)
			}
			if !left {
				out.Data = append(out.Data, b...)
			}
			for ; full > 0; full-- {
				out.Data = append(out.Data, p...)
			}
			out.Data = append(out.Data, p[:restBytes]...)
			if left {
				out.Data = append(out.Data, b...)
			}
			return true, nil
		})
	})
}
