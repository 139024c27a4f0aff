package fn

import (
	"strings"
	"testing"

	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

var (
	testStr = types.NewString()
	testInt = types.NewInt()
)

func TestConcat(t *testing.T) {
	checkScalarRows(t, nil, "CONCAT", []types.DataType{testStr, testStr, testStr}, []rowCase{
		{[]any{"a", "", "日本"}, "a日本"},
		{[]any{"a", nil, "c"}, nil},
		{[]any{"\xff", "x", ""}, "\xffx"},
	})
	checkScalarRows(t, nil, "CONCAT_WS", []types.DataType{testStr, testStr, testStr, testStr}, []rowCase{
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
	if _, err := ResolveScalar("CONCAT", []Arg{{Type: testInt}}); err == nil || !strings.Contains(err.Error(), "CONCAT") {
		t.Errorf("CONCAT(INT): want an error naming CONCAT, got %v", err)
	}
}

func TestCaseMapping(t *testing.T) {
	checkScalarRows(t, nil, "UPPER", []types.DataType{testStr}, []rowCase{
		{[]any{"abc Déjà vu"}, "ABC DÉJÀ VU"},
		{[]any{"straße"}, "STRASSE"},
		{[]any{"ǆ ω"}, "Ǆ Ω"},
		{[]any{"a\xffb"}, "A\xffB"},
		{[]any{""}, ""},
		{[]any{nil}, nil},
	})
	checkScalarRows(t, nil, "LOWER", []types.DataType{testStr}, []rowCase{
		{[]any{"ÀÉÎ ABC Ω"}, "àéî abc ω"},
		{[]any{"\xc3"}, "\xc3"},
	})
	checkScalarRows(t, nil, "INITCAP", []types.DataType{testStr}, []rowCase{
		{[]any{"hello WORLD, it's 2nd-time"}, "Hello World, It'S 2nd-Time"},
		{[]any{"élan vital"}, "Élan Vital"},
	})
	checkScalarRows(t, nil, "REVERSE", []types.DataType{testStr}, []rowCase{
		{[]any{"abc日本"}, "本日cba"},
		{[]any{"a\xffb"}, "b\xffa"},
	})
	checkScalarRows(t, nil, "CHAR_LENGTH", []types.DataType{testStr}, []rowCase{
		{[]any{"日本語"}, int32(3)},
		{[]any{""}, int32(0)},
		{[]any{"a\xff"}, int32(2)},
		{[]any{nil}, nil},
	})
}

func TestSubstring(t *testing.T) {
	checkScalarRows(t, nil, "SUBSTRING", []types.DataType{testStr, testInt, testInt}, []rowCase{
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
	checkScalarRows(t, nil, "SUBSTR", []types.DataType{testStr, testInt}, []rowCase{
		{[]any{"Hello", int32(3)}, "llo"},
		{[]any{"Hello", int32(-2)}, "lo"},
		{[]any{"Hello", int32(-2147483648)}, "Hello"},
	})
	checkScalarRows(t, nil, "LEFT", []types.DataType{testStr, testInt}, []rowCase{
		{[]any{"日本語", int32(2)}, "日本"}, {[]any{"ab", int32(-1)}, ""}, {[]any{"ab", int32(5)}, "ab"},
	})
	checkScalarRows(t, nil, "RIGHT", []types.DataType{testStr, testInt}, []rowCase{
		{[]any{"日本語", int32(2)}, "本語"}, {[]any{"ab", int32(-1)}, ""}, {[]any{"ab", int32(5)}, "ab"},
	})
}

func TestSearchAndReplace(t *testing.T) {
	checkScalarRows(t, nil, "POSITION", []types.DataType{testStr, testStr}, []rowCase{
		{[]any{"本", "日本語"}, int32(2)},
		{[]any{"x", "abc"}, int32(0)},
		{[]any{"", "abc"}, int32(1)},
		{[]any{nil, "abc"}, nil},
	})
	checkScalarRows(t, nil, "LOCATE", []types.DataType{testStr, testStr, testInt}, []rowCase{
		{[]any{"a", "banana", int32(3)}, int32(4)},
		{[]any{"a", "banana", int32(7)}, int32(0)},
		{[]any{"a", "banana", int32(0)}, int32(0)},
	})
	checkScalarRows(t, nil, "INSTR", []types.DataType{testStr, testStr}, []rowCase{
		{[]any{"日本語", "語"}, int32(3)},
	})
	checkScalarRows(t, nil, "REPLACE", []types.DataType{testStr, testStr, testStr}, []rowCase{
		{[]any{"aXbXc", "X", "--"}, "a--b--c"},
		{[]any{"aaa", "aa", "b"}, "ba"},
		{[]any{"abc", "", "z"}, "abc"},
		{[]any{"abc", "b", nil}, nil},
	})
	checkScalarRows(t, nil, "SPLIT_INDEX", []types.DataType{testStr, testStr, testInt}, []rowCase{
		{[]any{"Jack,John,Mary", ",", int32(2)}, "Mary"},
		{[]any{"Jack,John,Mary", ",", int32(3)}, nil},
		{[]any{"a::b", "::", int32(1)}, "b"},
		{[]any{",x", ",", int32(0)}, ""},
		{[]any{"abc", "", int32(0)}, nil},
		{[]any{"abc", ",", int32(-1)}, nil},
	})
	checkScalarRows(t, nil, "ASCII", []types.DataType{testStr}, []rowCase{
		{[]any{"abc"}, int32(97)}, {[]any{""}, int32(0)}, {[]any{"é"}, int32(233)},
	})
	checkScalarRows(t, nil, "CHR", []types.DataType{types.NewBigInt()}, []rowCase{
		{[]any{int64(65)}, "A"}, {[]any{int64(256 + 97)}, "a"}, {[]any{int64(-1)}, ""}, {[]any{int64(233)}, "é"},
	})
}

func TestTrimAndPad(t *testing.T) {
	checkScalarRows(t, nil, "TRIM", []types.DataType{testStr}, []rowCase{
		{[]any{"  a b  "}, "a b"}, {[]any{"\t a \t"}, "\t a \t"}, {[]any{"   "}, ""},
	})
	checkScalarRows(t, nil, "RTRIM", []types.DataType{testStr}, []rowCase{
		{[]any{"HBL001   "}, "HBL001"}, {[]any{"  x  "}, "  x"}, {[]any{nil}, nil},
	})
	checkScalarRows(t, nil, "LTRIM", []types.DataType{testStr, testStr}, []rowCase{
		{[]any{"xxyab", "xy"}, "ab"}, {[]any{"日日本", "日"}, "本"}, {[]any{"abc", ""}, "abc"},
	})
	checkScalarRows(t, nil, "TRIM", []types.DataType{testStr, testStr}, []rowCase{
		{[]any{"--a-b--", "-"}, "a-b"}, {[]any{"\xffa\xff", "\xff"}, "a"},
	})
	checkScalarRows(t, nil, "LPAD", []types.DataType{testStr, testInt, testStr}, []rowCase{
		{[]any{"hi", int32(5), "??"}, "???hi"},
		{[]any{"hello", int32(2), "?"}, "he"},
		{[]any{"hi", int32(-1), "?"}, nil},
		{[]any{"hi", int32(4), ""}, nil},
		{[]any{"日", int32(3), "本語"}, "本語日"},
	})
	checkScalarRows(t, nil, "RPAD", []types.DataType{testStr, testInt, testStr}, []rowCase{
		{[]any{"hi", int32(5), "ab"}, "hiaba"},
		{[]any{"", int32(0), "a"}, ""},
	})
	checkScalarRows(t, nil, "REPEAT", []types.DataType{testStr, testInt}, []rowCase{
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
		{"REPEAT", []types.DataType{testStr, testInt}, []any{"abcdefgh", int32(1 << 30)}},
		{"LPAD", []types.DataType{testStr, testInt, testStr}, []any{"a", int32(2147483647), "日"}},
	} {
		s, err := ResolveScalar(c.name, []Arg{{Type: c.ts[0]}, {Type: c.ts[1]}, {Type: testStr}}[:len(c.ts)])
		if err != nil {
			t.Fatal(err)
		}
		cols := buildArgs(t, s.Args, [][]any{c.row})
		if err := s.Kernel(nil, cols, nil, 1, vec.MustNew(s.Result, 1)); err == nil || !strings.Contains(err.Error(), c.name) {
			t.Errorf("%s%v: want a size error naming the function, got %v", c.name, c.row, err)
		}
	}
}

func BenchmarkUpper(b *testing.B) {
	s, err := ResolveScalar("UPPER", []Arg{{Type: testStr}})
	if err != nil {
		b.Fatal(err)
	}
	in := vec.MustNew(testStr, 4096)
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
