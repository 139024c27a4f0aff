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

// rowsPropagateNulls sets out's null bit for every computed row where any of args
// is null (SQL's "NULL in, NULL out"), and reports whether any row was null,
// so that a kernel can skip its per-row null test when none was.
func rowsPropagateNulls(args []*vec.Vector, rows []int32, out *vec.Vector) bool {
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

// rowsResize returns s with length n, reusing its memory; new elements are
// zero.
func rowsResize[T any](s []T, n int) []T {
	if cap(s) >= n {
		s = s[:n]
		clear(s)
		return s
	}
	return make([]T, n)
}

// rowsStartFixed prepares out (of any fixed-width kind) to receive n rows.
func rowsStartFixed(out *vec.Vector, n int) {
	out.Len = n
	out.Nulls = out.Nulls[:0]
	switch out.Kind {
	case vec.KindBool:
		out.Bools = rowsResize(out.Bools, n)
	case vec.KindI8:
		out.I8 = rowsResize(out.I8, n)
	case vec.KindI16:
		out.I16 = rowsResize(out.I16, n)
	case vec.KindI32:
		out.I32 = rowsResize(out.I32, n)
	case vec.KindI64:
		out.I64 = rowsResize(out.I64, n)
	case vec.KindF32:
		out.F32 = rowsResize(out.F32, n)
	case vec.KindF64:
		out.F64 = rowsResize(out.F64, n)
	case vec.KindDecimal:
		out.Dec = rowsResize(out.Dec, n)
	case vec.KindTimestamp:
		out.TS = rowsResize(out.TS, n)
	}
}

// rowsMaxData is the most bytes a KindBytes vector can address (int32
// offsets).
const rowsMaxData = math.MaxInt32

// rowsMaxValue bounds one string value a kernel builds (REPEAT, LPAD,
// REPLACE, ...), so that a huge count is an error rather than an
// out-of-memory crash.
const rowsMaxValue = 256 << 20

// rowsValueTooLong returns the error for a value of n bytes beyond
// rowsMaxValue.
func rowsValueTooLong(name string, n int64) error {
	return fmt.Errorf("%s: result of %d bytes exceeds the %d-byte limit of one value", name, n, rowsMaxValue)
}

// rowsStartBytes prepares a KindBytes out for rows appended in order with
// rowsPadBytes/rowsEndBytes/rowsNullBytes.
func rowsStartBytes(out *vec.Vector) {
	out.Len = 0
	out.Nulls = out.Nulls[:0]
	out.Offsets = append(out.Offsets[:0], 0)
	out.Data = out.Data[:0]
}

// rowsPadBytes appends empty rows until out has i rows (rows a kernel skips
// because sel does not list them).
func rowsPadBytes(out *vec.Vector, i int) {
	end := int32(len(out.Data))
	for out.Len < i {
		out.Offsets = append(out.Offsets, end)
		out.Len++
	}
}

// rowsEndBytes ends the current row at the end of out.Data. It fails when the
// data outgrows int32 offsets.
func rowsEndBytes(name string, out *vec.Vector) error {
	if len(out.Data) > rowsMaxData {
		return fmt.Errorf("%s: result exceeds %d bytes in one batch; use smaller batches or shorter values", name, rowsMaxData)
	}
	out.Offsets = append(out.Offsets, int32(len(out.Data)))
	out.Len++
	return nil
}

// rowsNullBytes appends a null row to out.
func rowsNullBytes(out *vec.Vector) {
	out.Nulls.Set(out.Len)
	out.Offsets = append(out.Offsets, int32(len(out.Data)))
	out.Len++
}

// rowsBytesAt returns row i of a KindBytes vector.
func rowsBytesAt(v *vec.Vector, i int32) []byte {
	return v.Data[v.Offsets[i]:v.Offsets[i+1]]
}

// rowsArgCount returns an error naming the function when len(args) is not
// in [lo, hi].
func rowsArgCount(name string, args []Arg, lo, hi int) error {
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
	return fmt.Errorf("%s: expected %s arguments, got %d (%s)", name, want, len(args), rowsArgTypes(args))
}

// rowsArgTypes renders the argument types of a call for error messages.
func rowsArgTypes(args []Arg) string {
	parts := make([]string, len(args))
	for i, a := range args {
		parts[i] = a.Type.String()
	}
	return strings.Join(parts, ", ")
}

// rowsAnyNullable reports whether any argument type is nullable.
func rowsAnyNullable(args []Arg) bool {
	for _, a := range args {
		if a.Type.Nullable {
			return true
		}
	}
	return false
}

// rowsArgTypeError reports an argument whose type a function does not accept.
func rowsArgTypeError(name string, pos int, a Arg, want string) error {
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

// rowsConstString returns the value of a constant string argument.
func rowsConstString(a Arg) (string, bool) {
	if !a.IsConst {
		return "", false
	}
	s, ok := a.Const.(string)
	return s, ok
}

// rowsConstInt returns the value of a constant integral argument.
func rowsConstInt(a Arg) (int64, bool) {
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
