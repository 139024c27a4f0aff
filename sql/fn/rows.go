package fn

import (
	"fmt"
	"math"
	"strings"
	"sync"

	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// This file holds what every kernel of this package shares: the rows a kernel
// computes (sel or all of 0..n-1), SQL null propagation, output shaping for
// fixed-width and string results, and the argument checks of resolvers.

// identityRows is 0, 1, 2, ... shared by every kernel called without sel; it
// only grows, under identityMu, and is never written below its length.
var (
	identityMu   sync.Mutex
	identityRows []int32
)

// rowsOf returns the rows a kernel computes: sel, or 0..n-1.
func rowsOf(sel []int32, n int) []int32 {
	if sel != nil {
		return sel
	}
	if n <= 0 {
		return nil
	}
	identityMu.Lock()
	defer identityMu.Unlock()
	if len(identityRows) < n {
		grown := make([]int32, max(n, 4096, 2*len(identityRows)))
		for i := range grown {
			grown[i] = int32(i)
		}
		identityRows = grown
	}
	return identityRows[:n]
}

// propagateNulls sets out's null bit for every computed row where any of args
// is null (SQL's "NULL in, NULL out"), and reports whether any row was null,
// so that a kernel can skip its per-row null test when none was.
func propagateNulls(args []*vec.Vector, rows []int32, out *vec.Vector) bool {
	found := false
	for _, a := range args {
		if !a.Nulls.Any() {
			continue
		}
		for _, i := range rows {
			if a.Nulls.Get(int(i)) {
				out.Nulls.Set(int(i))
				found = true
			}
		}
	}
	return found
}

// resizeFixed returns s with length n, reusing its memory; new elements are
// zero.
func resizeFixed[T any](s []T, n int) []T {
	if cap(s) >= n {
		s = s[:n]
		clear(s)
		return s
	}
	return make([]T, n)
}

// startFixed prepares out (of any fixed-width kind) to receive n rows.
func startFixed(out *vec.Vector, n int) {
	out.Len = n
	out.Nulls = out.Nulls[:0]
	switch out.Kind {
	case vec.KindBool:
		out.Bools = resizeFixed(out.Bools, n)
	case vec.KindI8:
		out.I8 = resizeFixed(out.I8, n)
	case vec.KindI16:
		out.I16 = resizeFixed(out.I16, n)
	case vec.KindI32:
		out.I32 = resizeFixed(out.I32, n)
	case vec.KindI64:
		out.I64 = resizeFixed(out.I64, n)
	case vec.KindF32:
		out.F32 = resizeFixed(out.F32, n)
	case vec.KindF64:
		out.F64 = resizeFixed(out.F64, n)
	case vec.KindDecimal:
		out.Dec = resizeFixed(out.Dec, n)
	case vec.KindTimestamp:
		out.TS = resizeFixed(out.TS, n)
	}
}

// maxBytesData is the most bytes a KindBytes vector can address (int32
// offsets).
const maxBytesData = math.MaxInt32

// maxValueBytes bounds one string value a kernel builds (REPEAT, LPAD,
// REPLACE, ...), so that a huge count is an error rather than an
// out-of-memory crash.
const maxValueBytes = 256 << 20

// valueTooLong returns the error for a value of n bytes beyond
// maxValueBytes.
func valueTooLong(name string, n int64) error {
	return fmt.Errorf("%s: result of %d bytes exceeds the %d-byte limit of one value", name, n, maxValueBytes)
}

// startBytes prepares a KindBytes out for rows appended in order with
// padBytes/endBytes/nullBytes.
func startBytes(out *vec.Vector) {
	out.Len = 0
	out.Nulls = out.Nulls[:0]
	out.Offsets = append(out.Offsets[:0], 0)
	out.Data = out.Data[:0]
}

// padBytes appends empty rows until out has i rows (rows a kernel skips
// because sel does not list them).
func padBytes(out *vec.Vector, i int) {
	end := int32(len(out.Data))
	for out.Len < i {
		out.Offsets = append(out.Offsets, end)
		out.Len++
	}
}

// endBytes ends the current row at the end of out.Data. It fails when the
// data outgrows int32 offsets.
func endBytes(name string, out *vec.Vector) error {
	if len(out.Data) > maxBytesData {
		return fmt.Errorf("%s: result exceeds %d bytes in one batch; use smaller batches or shorter values", name, maxBytesData)
	}
	out.Offsets = append(out.Offsets, int32(len(out.Data)))
	out.Len++
	return nil
}

// nullBytes appends a null row to out.
func nullBytes(out *vec.Vector) {
	out.Nulls.Set(out.Len)
	out.Offsets = append(out.Offsets, int32(len(out.Data)))
	out.Len++
}

// bytesAt returns row i of a KindBytes vector.
func bytesAt(v *vec.Vector, i int32) []byte {
	return v.Data[v.Offsets[i]:v.Offsets[i+1]]
}

// checkArgCount returns an error naming the function when len(args) is not
// in [lo, hi].
func checkArgCount(name string, args []Arg, lo, hi int) error {
	if len(args) >= lo && len(args) <= hi {
		return nil
	}
	want := fmt.Sprintf("%d", lo)
	switch {
	case hi > lo+1:
		want = fmt.Sprintf("%d to %d", lo, hi)
	case hi == lo+1:
		want = fmt.Sprintf("%d or %d", lo, hi)
	}
	return fmt.Errorf("%s: expected %s arguments, got %d (%s)", name, want, len(args), argTypeList(args))
}

// argTypeList renders the argument types of a call for error messages.
func argTypeList(args []Arg) string {
	parts := make([]string, len(args))
	for i, a := range args {
		parts[i] = a.Type.String()
	}
	return strings.Join(parts, ", ")
}

// anyNullable reports whether any argument type is nullable.
func anyNullable(args []Arg) bool {
	for _, a := range args {
		if a.Type.Nullable {
			return true
		}
	}
	return false
}

// argTypeError reports an argument whose type a function does not accept.
func argTypeError(name string, pos int, a Arg, want string) error {
	return fmt.Errorf("%s: argument %d has type %s, expected %s", name, pos+1, a.Type, want)
}

// Type families used by resolvers in this package (prefixed to stay clear of
// the type rules' own helpers).

func rowsIsIntegral(t types.DataType) bool {
	switch t.Root {
	case types.TinyInt, types.SmallInt, types.Int, types.BigInt:
		return true
	}
	return false
}

func rowsIsNumeric(t types.DataType) bool {
	switch t.Root {
	case types.TinyInt, types.SmallInt, types.Int, types.BigInt, types.Float, types.Double, types.DecimalRoot:
		return true
	}
	return false
}

// rowsIsCharacter reports whether t is CHAR/VARCHAR, or the NULL literal's
// type (a nil constant), which every string function accepts.
func rowsIsCharacter(a Arg) bool {
	return a.Type.IsString() || rowsIsNullLiteral(a)
}

// rowsIsNullLiteral reports whether a is an untyped NULL literal.
func rowsIsNullLiteral(a Arg) bool {
	return a.IsConst && a.Const == nil && a.Type.Root == 0
}

// constString returns the value of a constant string argument.
func constString(a Arg) (string, bool) {
	if !a.IsConst {
		return "", false
	}
	s, ok := a.Const.(string)
	return s, ok
}

// constInt returns the value of a constant integral argument.
func constInt(a Arg) (int64, bool) {
	if !a.IsConst {
		return 0, false
	}
	switch v := a.Const.(type) {
	case int8:
		return int64(v), true
	case int16:
		return int64(v), true
	case int32:
		return int64(v), true
	case int64:
		return v, true
	}
	return 0, false
}
