package fn

import (
	"strings"
	"testing"

	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

var (
	fntStr = types.NewString()
	fntInt = types.NewInt()
)

func TestConcat(t *testing.T) {
	fntCheckRows(t, nil, "CONCAT", []types.DataType{fntStr, fntStr, fntStr}, []fntRow{
		{[]any{"a", "", "日本"}, "a日本"},
		{[]any{"a", nil, "c"}, nil},
		{[]any{"\xff", "x", ""}, "\xffx"},
	})
	fntCheckRows(t, nil, "CONCAT_WS", []types.DataType{fntStr, fntStr, fntStr, fntStr}, []fntRow{
		{[]any{"-", "a", nil, "c"}, "a-c"},
		{[]any{"-", nil, nil, nil}, ""},
		{[]any{nil, "a", "b", "c"}, nil},
		{[]any{"", "a", "b", ""}, "ab"},
	})
	// CONCAT over CHAR/VARCHAR arguments takes them as STRING.
	s, err := ResolveScalar("concat", []Arg{{Type: types.NewVarChar(3).NotNull()}, {Type: types.NewChar(2).NotNull()}})
	if err != nil || s.Result.Nullable || s.Result.Root != types.VarChar {
		t.Fatalf("CONCAT(VARCHAR NOT NULL, CHAR NOT NULL): %v, %v", s, err)
	}
	if _, err := ResolveScalar("CONCAT", []Arg{{Type: fntInt}}); err == nil || !strings.Contains(err.Error(), "CONCAT") {
		t.Errorf("CONCAT(INT): want an error naming CONCAT, got %v", err)
	}
}

func TestCaseMapping(t *testing.T) {
	fntCheckRows(t, nil, "UPPER", []types.DataType{fntStr}, []fntRow{
		{[]any{"abc Déjà vu"}, "ABC DÉJÀ VU"},
		{[]any{"straße"}, "STRASSE"},
		{[]any{"ǆ ω"}, "Ǆ Ω"},
		{[]any{"a\xffb"}, "A\xffB"},
		{[]any{""}, ""},
		{[]any{nil}, nil},
	})
	fntCheckRows(t, nil, "LOWER", []types.DataType{fntStr}, []fntRow{
		{[]any{"ÀÉÎ ABC Ω"}, "àéî abc ω"},
		{[]any{"\xc3"}, "\xc3"},
	})
	fntCheckRows(t, nil, "INITCAP", []types.DataType{fntStr}, []fntRow{
		{[]any{"hello WORLD, it's 2nd-time"}, "Hello World, It'S 2nd-Time"},
		{[]any{"élan vital"}, "Élan Vital"},
	})
	fntCheckRows(t, nil, "REVERSE", []types.DataType{fntStr}, []fntRow{
		{[]any{"abc日本"}, "本日cba"},
		{[]any{"a\xffb"}, "b\xffa"},
	})
	fntCheckRows(t, nil, "CHAR_LENGTH", []types.DataType{fntStr}, []fntRow{
		{[]any{"日本語"}, int32(3)},
		{[]any{""}, int32(0)},
		{[]any{"a\xff"}, int32(2)},
		{[]any{nil}, nil},
	})
}

func TestSubstring(t *testing.T) {
	fntCheckRows(t, nil, "SUBSTRING", []types.DataType{fntStr, fntInt, fntInt}, []fntRow{
		{[]any{"Hello World", int32(1), int32(5)}, "Hello"},
		{[]any{"Hello World", int32(7), int32(100)}, "World"},
		{[]any{"Hello World", int32(0), int32(3)}, "Hel"},
		{[]any{"Hello World", int32(-5), int32(3)}, "Wor"},
		{[]any{"Hello", int32(-7), int32(3)}, "H"},
		{[]any{"Hello", int32(2), int32(-1)}, ""},
		{[]any{"Hello", int32(9), int32(1)}, ""},
		{[]any{"日本語です", int32(2), int32(2)}, "本語"},
		{[]any{nil, int32(1), int32(1)}, nil},
		{[]any{"x", nil, int32(1)}, nil},
	})
	fntCheckRows(t, nil, "SUBSTR", []types.DataType{fntStr, fntInt}, []fntRow{
		{[]any{"Hello", int32(3)}, "llo"},
		{[]any{"Hello", int32(-2)}, "lo"},
		{[]any{"Hello", int32(-2147483648)}, "Hello"},
	})
	fntCheckRows(t, nil, "LEFT", []types.DataType{fntStr, fntInt}, []fntRow{
		{[]any{"日本語", int32(2)}, "日本"}, {[]any{"ab", int32(-1)}, ""}, {[]any{"ab", int32(5)}, "ab"},
	})
	fntCheckRows(t, nil, "RIGHT", []types.DataType{fntStr, fntInt}, []fntRow{
		{[]any{"日本語", int32(2)}, "本語"}, {[]any{"ab", int32(-1)}, ""}, {[]any{"ab", int32(5)}, "ab"},
	})
}

func TestSearchAndReplace(t *testing.T) {
	fntCheckRows(t, nil, "POSITION", []types.DataType{fntStr, fntStr}, []fntRow{
		{[]any{"本", "日本語"}, int32(2)},
		{[]any{"x", "abc"}, int32(0)},
		{[]any{"", "abc"}, int32(1)},
		{[]any{nil, "abc"}, nil},
	})
	fntCheckRows(t, nil, "LOCATE", []types.DataType{fntStr, fntStr, fntInt}, []fntRow{
		{[]any{"a", "banana", int32(3)}, int32(4)},
		{[]any{"a", "banana", int32(7)}, int32(0)},
		{[]any{"a", "banana", int32(0)}, int32(0)},
	})
	fntCheckRows(t, nil, "INSTR", []types.DataType{fntStr, fntStr}, []fntRow{
		{[]any{"日本語", "語"}, int32(3)},
	})
	fntCheckRows(t, nil, "REPLACE", []types.DataType{fntStr, fntStr, fntStr}, []fntRow{
		{[]any{"aXbXc", "X", "--"}, "a--b--c"},
		{[]any{"aaa", "aa", "b"}, "ba"},
		{[]any{"abc", "", "z"}, "abc"},
		{[]any{"abc", "b", nil}, nil},
	})
	fntCheckRows(t, nil, "SPLIT_INDEX", []types.DataType{fntStr, fntStr, fntInt}, []fntRow{
		{[]any{"Jack,John,Mary", ",", int32(2)}, "Mary"},
		{[]any{"Jack,John,Mary", ",", int32(3)}, nil},
		{[]any{"a::b", "::", int32(1)}, "b"},
		{[]any{",x", ",", int32(0)}, ""},
		{[]any{"abc", "", int32(0)}, nil},
		{[]any{"abc", ",", int32(-1)}, nil},
	})
	fntCheckRows(t, nil, "ASCII", []types.DataType{fntStr}, []fntRow{
		{[]any{"abc"}, int32(97)}, {[]any{""}, int32(0)}, {[]any{"é"}, int32(233)},
	})
	fntCheckRows(t, nil, "CHR", []types.DataType{types.NewBigInt()}, []fntRow{
		{[]any{int64(65)}, "A"}, {[]any{int64(256 + 97)}, "a"}, {[]any{int64(-1)}, ""}, {[]any{int64(233)}, "é"},
	})
}

func TestTrimAndPad(t *testing.T) {
	fntCheckRows(t, nil, "TRIM", []types.DataType{fntStr}, []fntRow{
		{[]any{"  a b  "}, "a b"}, {[]any{"\t a \t"}, "\t a \t"}, {[]any{"   "}, ""},
	})
	fntCheckRows(t, nil, "RTRIM", []types.DataType{fntStr}, []fntRow{
		{[]any{"HBL001   "}, "HBL001"}, {[]any{"  x  "}, "  x"}, {[]any{nil}, nil},
	})
	fntCheckRows(t, nil, "LTRIM", []types.DataType{fntStr, fntStr}, []fntRow{
		{[]any{"xxyab", "xy"}, "ab"}, {[]any{"日日本", "日"}, "本"}, {[]any{"abc", ""}, "abc"},
	})
	fntCheckRows(t, nil, "TRIM", []types.DataType{fntStr, fntStr}, []fntRow{
		{[]any{"--a-b--", "-"}, "a-b"}, {[]any{"\xffa\xff", "\xff"}, "a"},
	})
	fntCheckRows(t, nil, "LPAD", []types.DataType{fntStr, fntInt, fntStr}, []fntRow{
		{[]any{"hi", int32(5), "??"}, "???hi"},
		{[]any{"hello", int32(2), "?"}, "he"},
		{[]any{"hi", int32(-1), "?"}, nil},
		{[]any{"hi", int32(4), ""}, nil},
		{[]any{"日", int32(3), "本語"}, "本語日"},
	})
	fntCheckRows(t, nil, "RPAD", []types.DataType{fntStr, fntInt, fntStr}, []fntRow{
		{[]any{"hi", int32(5), "ab"}, "hiaba"},
		{[]any{"", int32(0), "a"}, ""},
	})
	fntCheckRows(t, nil, "REPEAT", []types.DataType{fntStr, fntInt}, []fntRow{
		{[]any{"ab", int32(3)}, "ababab"}, {[]any{"ab", int32(-3)}, ""}, {[]any{"", int32(1 << 30)}, ""},
	})
}

// Huge counts are errors, not out-of-memory crashes.
func TestStringSizeLimits(t *testing.T) {
	for _, c := range []struct {
		name string
		ts   []types.DataType
		row  []any
	}{
		{"REPEAT", []types.DataType{fntStr, fntInt}, []any{"abcdefgh", int32(1 << 30)}},
		{"LPAD", []types.DataType{fntStr, fntInt, fntStr}, []any{"a", int32(2147483647), "日"}},
	} {
		s, err := ResolveScalar(c.name, []Arg{{Type: c.ts[0]}, {Type: c.ts[1]}, {Type: fntStr}}[:len(c.ts)])
		if err != nil {
			t.Fatal(err)
		}
		cols := fntBuildArgs(t, s.Args, [][]any{c.row})
		if err := s.Kernel(nil, cols, nil, 1, vec.MustNew(s.Result, 1)); err == nil || !strings.Contains(err.Error(), c.name) {
			t.Errorf("%s%v: want a size error naming the function, got %v", c.name, c.row, err)
		}
	}
}

func BenchmarkUpper(b *testing.B) {
	s, err := ResolveScalar("UPPER", []Arg{{Type: fntStr}})
	if err != nil {
		b.Fatal(err)
	}
	in := vec.MustNew(fntStr, 4096)
	for i := range 4096 {
		in.AppendString("some mixed Case text ümlaut " + strings.Repeat("x", i%7))
	}
	out := vec.MustNew(s.Result, 4096)
	args := []*vec.Vector{in}
	b.ReportAllocs()
	for b.Loop() {
		if err := s.Kernel(nil, args, nil, 4096, out); err != nil {
			b.Fatal(err)
		}
	}
}
