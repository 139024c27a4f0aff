package fn

import (
	"strings"
	"testing"

	"github.com/weir-data/weir/types"
)

func TestRegexp(t *testing.T) {
	fntCheckRows(t, nil, "REGEXP", []types.DataType{fntStr, fntStr}, []fntRow{
		{[]any{"foothebar", "the"}, true},
		{[]any{"abc", "^b"}, false},
		{[]any{"日本語", "本."}, true},
		{[]any{nil, "a"}, nil},
	})
	fntCheckRows(t, nil, "REGEXP_EXTRACT", []types.DataType{fntStr, fntStr, fntInt}, []fntRow{
		{[]any{"foothebar", "foo(.*?)(bar)", int32(2)}, "bar"},
		{[]any{"foothebar", "foo(.*?)(bar)", int32(1)}, "the"},
		{[]any{"foothebar", "foo(.*?)(bar)", int32(0)}, "foothebar"},
		{[]any{"foothebar", "foo(.*?)(bar)", int32(3)}, nil},
		{[]any{"xyz", "(a)", int32(1)}, nil},
		{[]any{"2024-01-02", `(?<y>\d{4})-(\d\d)`, int32(1)}, "2024"},
	})
	fntCheckRows(t, nil, "REGEXP_REPLACE", []types.DataType{fntStr, fntStr, fntStr}, []fntRow{
		{[]any{"foobar", "oo|ar", ""}, "fb"},
		{[]any{"2024-01-02", `(\d+)-(\d+)-(\d+)`, "$3/$2/$1"}, "02/01/2024"},
		{[]any{"a.b", `\.`, `\$`}, "a$b"},
		{[]any{"ab", "(?<x>a)", "[${x}]"}, "[a]b"},
		{[]any{"a+b", `\Q+\E`, "-"}, "a-b"},
		{[]any{"abc", "b", nil}, nil},
	})
	for _, bad := range []string{`(a)\1`, `a(?=b)`, `(?<!a)b`, `(?>a)`, `a*+`, `[a-z&&[^e]]`, `(`} {
		_, err := ResolveScalar("REGEXP", fntConstArgs([]types.DataType{fntStr, fntStr}, []any{nil, bad}, 1))
		if err == nil || !strings.Contains(err.Error(), "REGEXP") {
			t.Errorf("REGEXP with %q: want an error naming the function, got %v", bad, err)
		}
	}
	// A bad non-constant pattern is a kernel error.
	s, _ := ResolveScalar("REGEXP", []Arg{{Type: fntStr}, {Type: fntStr}})
	cols := fntBuildArgs(t, s.Args, [][]any{{"a", "(?=x)"}})
	if err := s.Kernel(nil, cols, nil, 1, fntOut(s)); err == nil {
		t.Error("REGEXP with a lookahead row pattern: want an error")
	}
}

func TestHashesAndEncodings(t *testing.T) {
	fntCheckRows(t, nil, "MD5", []types.DataType{fntStr}, []fntRow{
		{[]any{""}, "d41d8cd98f00b204e9800998ecf8427e"}, {[]any{nil}, nil},
	})
	fntCheckRows(t, nil, "SHA1", []types.DataType{fntStr}, []fntRow{
		{[]any{"abc"}, "a9993e364706816aba3e25717850c26c9cd0d89d"},
	})
	fntCheckRows(t, nil, "SHA256", []types.DataType{fntStr}, []fntRow{
		{[]any{"abc"}, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
	})
	sha2 := func(bits int32) any {
		args := fntConstArgs([]types.DataType{fntStr, fntInt}, []any{nil, bits}, 1)
		return fntEval(t, nil, "SHA2", args, [][]any{{"abc", bits}}, nil)[0]
	}
	if got := sha2(224); got != "23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7" {
		t.Errorf("SHA2(224) = %v", got)
	}
	if got := sha2(100); got != nil {
		t.Errorf("SHA2(100) = %v, want NULL", got)
	}
	fntCheckRows(t, nil, "TO_BASE64", []types.DataType{fntStr}, []fntRow{{[]any{"hello"}, "aGVsbG8="}})
	fntCheckRows(t, nil, "FROM_BASE64", []types.DataType{fntStr}, []fntRow{
		{[]any{"aGVsbG8="}, "hello"}, {[]any{"!!"}, nil},
	})
	fntCheckRows(t, nil, "HEX", []types.DataType{fntStr}, []fntRow{{[]any{"hi\xff"}, "6869FF"}})
	got := fntEval(t, nil, "UUID", nil, [][]any{{}, {}}, nil)
	if u0, _ := got[0].(string); len(u0) != 36 || u0[14] != '4' || got[0] == got[1] {
		t.Errorf("UUID() = %v", got)
	}
	if s, _ := ResolveScalar("UUID", nil); s.Deterministic {
		t.Error("UUID must not be deterministic")
	}
	for _, f := range fntEval(t, nil, "RAND", nil, [][]any{{}, {}, {}}, nil) {
		if x := f.(float64); x < 0 || x >= 1 {
			t.Errorf("RAND() = %v", x)
		}
	}
}

// FuzzJavaRegexp checks that translating any pattern and replacement never
// panics, and that a translated pattern runs.
func FuzzJavaRegexp(f *testing.F) {
	for _, s := range []string{`(?<y>\d{4})-(\d\d)`, `\Q(\E`, `[]a]`, `[^]a]`, `a\Z`, `(a)\1`, `\`, `[a&&b]`, `$1\$${x}`} {
		f.Add(s, "2024-01-02 a(b)", s)
	}
	f.Fuzz(func(t *testing.T, pattern, text, repl string) {
		re, err := regexpCompileJava(pattern)
		if err != nil {
			return
		}
		tmpl := regexpJavaReplacement([]byte(repl))
		for _, m := range re.FindAllSubmatchIndex([]byte(text), 10) {
			_ = re.Expand(nil, tmpl, []byte(text), m)
		}
	})
}

// FuzzZone checks zone and offset parsing never panics.
func FuzzZone(f *testing.F) {
	for _, s := range []string{"UTC", "GMT+8", "+08:00", "-0330", "Asia/Shanghai", "UTC+", "+99", "../etc"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, id string) {
		if loc, err := tzParse(id); err == nil && loc == nil {
			t.Fatalf("zone %q: nil location without an error", id)
		}
	})
}
