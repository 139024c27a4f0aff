package fn

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

func ts(s string) types.Timestamp {
	v, err := ParseTimestamp(s)
	if err != nil {
		panic(err)
	}
	return v
}

func TestCast(t *testing.T) {
	cases := []struct {
		from types.DataType
		v    any
		to   types.DataType
		want string // rendered result, "NULL", or "error: ..."
	}{
		// integers and floats
		{tInt, int32(300), tTiny, "44"},
		{tBig, int64(-1), tSmall, "-1"},
		{tInt, int32(7), tDouble, "7.0"},
		{tBig, int64(1)<<53 + 1, tDouble, "9.007199254740992E15"},
		{tDouble, 1.9, tInt, "1"},
		{tDouble, -1.9, tBig, "-1"},
		{tDouble, 1e20, tInt, "2147483647"},
		{tDouble, 1e20, tBig, "9223372036854775807"},
		{tDouble, 1e10, tTiny, "-1"}, // (byte)(int)1e10 = (byte)Integer.MAX_VALUE
		{tDouble, math.NaN(), tInt, "0"},
		{tFloat, float32(0.1), tDouble, "0.10000000149011612"},
		{tInt, int32(0), tBool, "false"},
		{tDouble, 0.5, tBool, "true"},
		{tBool, true, tInt, "1"},
		// decimals
		{dec(5, 2), d("123.45", 5, 2), tInt, "123"},
		{dec(5, 2), d("-123.99", 5, 2), tInt, "-123"},
		{dec(30, 0), d("300", 30, 0), tTiny, "44"},
		{dec(38, 0), d("18446744073709551617", 38, 0), tBig, "1"}, // low 64 bits
		{dec(5, 2), d("1.25", 5, 2), tDouble, "1.25"},
		{dec(30, 20), d("0.10000000000000000000", 30, 20), tDouble, "0.1"},
		{dec(5, 2), d("1.25", 5, 2), dec(5, 1), "1.3"},
		{dec(5, 2), d("-1.25", 5, 2), dec(5, 1), "-1.3"},
		{dec(5, 2), d("999.99", 5, 2), dec(4, 1), "NULL"}, // 1000.0 overflows
		{dec(5, 2), d("1.25", 5, 2), dec(30, 10), "1.2500000000"},
		{tInt, int32(12345), dec(4, 0), "NULL"},
		{tInt, int32(-123), dec(10, 2), "-123.00"},
		{tDouble, 0.1, dec(10, 5), "0.10000"},
		{tDouble, 1.0e-7, dec(10, 5), "0.00000"},
		{tDouble, 2.5e-4, dec(10, 4), "0.0003"},
		{tDouble, math.Inf(1), dec(10, 5), "error: NaN and Infinity"},
		{tBool, true, dec(3, 2), "1.00"},
		// to string
		{tBool, true, tString, "TRUE"},
		{tInt, int32(-42), tString, "-42"},
		{dec(5, 2), d("-0.05", 5, 2), tString, "-0.05"},
		{dec(30, 3), d("-12345678901234567890.123", 30, 3), tString, "-12345678901234567890.123"},
		{tDouble, 1e7, tString, "1.0E7"},
		{tFloat, float32(1.1), tString, "1.1"},
		{tDate, int32(-1), tString, "1969-12-31"},
		{types.NewTime(3), int32(3723004), tString, "01:02:03.004"},
		{tTS6, ts("2024-02-29 23:59:59.123456"), tString, "2024-02-29 23:59:59.123456"},
		{tLTZ3, ts("2024-01-01 00:00:00"), tString, "2024-01-01 01:00:00.000"}, // Context zone is Europe/Berlin below
		{tInt, int32(12345), varchar(3), "123"},
		{tString, "héllo", varchar(2), "hé"},
		{tString, "ab", charType(4), "ab  "},
		{tBytes, []byte("hi\xff"), tString, "hi\uFFFD"},
		// from string
		{tString, " 42 ", tInt, "42"},
		{tString, "-2147483648", tInt, "-2147483648"},
		{tString, "2147483648", tInt, "error: CAST('2147483648' AS INT) failed: out of range"},
		{tString, "1.9", tInt, "1"},
		{tString, "127", tTiny, "127"},
		{tString, "128", tTiny, "error: out of range"},
		{tString, "abc", tInt, "error: CAST('abc' AS INT) failed"},
		{tString, "", tBig, "error: empty"},
		{tString, "1e3", tDouble, "1000.0"},
		{tString, "-Infinity", tDouble, "-Infinity"},
		{tString, "0x10", tDouble, "error: CAST('0x10' AS DOUBLE)"},
		{tString, "inf", tDouble, "error: AS DOUBLE"},
		{tString, "1.005", dec(5, 2), "1.01"},
		{tString, "-1.005", dec(5, 2), "-1.01"},
		{tString, "1.5e2", dec(5, 1), "150.0"},
		{tString, "123456", dec(5, 2), "NULL"},
		{tString, "12a", dec(5, 2), "error: not a number"},
		{tString, "YES", tBool, "true"},
		{tString, " f ", tBool, "false"},
		{tString, "maybe", tBool, "error: CAST('maybe' AS BOOLEAN)"},
		{tString, "2024-2-9", tDate, "2024-02-09"},
		{tString, "2023-02-29", tDate, "error: AS DATE"},
		{tString, "2024-02-29 10:00:00", tDate, "2024-02-29"},
		{tString, "12:34", tTime0, "12:34:00"},
		{tString, "12:34:56.789", types.NewTime(3), "12:34:56.789"},
		{tString, "25:00:00", tTime0, "error: AS TIME"},
		{tString, "2024-01-02T03:04:05.123456789", types.NewTimestamp(9), "2024-01-02 03:04:05.123456789"},
		{tString, "2024-01-02 03:04:05.999", tTS3, "2024-01-02 03:04:05.999"},
		{tString, "2024-01-02 03:04:05.999", types.NewTimestamp(0), "2024-01-02 03:04:05"},
		{tString, "2024-01-02", tTS3, "2024-01-02 00:00:00.000"},
		{tString, "2024-01-02 03:04:05", tLTZ3, "2024-01-02 03:04:05.000"}, // read and shown in Berlin
		{tString, "abc", tBytes, "abc"},
		{tString, "abcdef", types.NewBinary(3), "abc"},
		{tString, "a", types.NewBinary(3), "a\x00\x00"},
		// date and time
		{tDate, int32(19000), tTS3, "2022-01-08 00:00:00.000"},
		{tTS6, ts("1969-12-31 23:59:59.5"), tDate, "1969-12-31"},
		{tTS6, ts("1969-12-31 23:59:59.5"), types.NewTime(0), "23:59:59"},
		{tTS6, ts("2024-01-02 03:04:05.123456"), tTS3, "2024-01-02 03:04:05.123"},
		{tTS3, ts("2024-07-01 12:00:00"), tLTZ3, "2024-07-01 12:00:00.000"},
		{tLTZ3, ts("2024-07-01 12:00:00"), tTS3, "2024-07-01 14:00:00.000"},
		{tLTZ3, ts("2024-07-01 23:00:00"), tDate, "2024-07-02"},
	}
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Skip("no time zone database:", err)
	}
	ctx := &Context{Location: berlin}
	for _, c := range cases {
		name := c.from.String() + " " + render(c.from, []any{c.v}) + " AS " + c.to.String()
		for _, try := range []bool{false, true} {
			s, err := ResolveCast(c.from, c.to, try)
			if err != nil {
				t.Errorf("%s: %v", name, err)
				continue
			}
			out := vec.MustNew(s.Result, 0)
			in := column(t, c.from, c.v, nil)
			err = s.Kernel(ctx, []*vec.Vector{in}, nil, 2, out)
			want := c.want
			if try && strings.HasPrefix(want, "error: ") {
				want = "NULL"
			}
			if strings.HasPrefix(want, "error: ") {
				if err == nil || !strings.Contains(err.Error(), strings.TrimPrefix(want, "error: ")) {
					t.Errorf("CAST(%s): got %v, want %s", name, err, want)
				}
				continue
			}
			if err != nil {
				t.Errorf("CAST(%s) (try %v): %v", name, try, err)
				continue
			}
			if out.Len != 2 || !out.IsNull(1) {
				t.Errorf("CAST(%s): NULL input did not give NULL (len %d)", name, out.Len)
			}
			got := "NULL"
			if !out.IsNull(0) {
				got, _ = types.FormatValue(s.Result, out.Value(0), berlin)
			}
			if got != want {
				t.Errorf("CAST(%s) (try %v) = %q, want %q", name, try, got, want)
			}
		}
	}
}

func TestCastRoundTrips(t *testing.T) {
	// value → STRING → value gives the value back.
	vals := []struct {
		typ types.DataType
		v   []any
	}{
		{tInt, []any{int32(0), int32(math.MinInt32), int32(math.MaxInt32)}},
		{tBig, []any{int64(math.MinInt64), int64(math.MaxInt64)}},
		{tDouble, []any{0.1, -1e-300, 1.7976931348623157e308, 123456789.125}},
		{tFloat, []any{float32(0.1), float32(3.4028235e38)}},
		{dec(38, 10), []any{d("-9999999999999999999999999999.9999999999", 38, 10), d("0.0000000001", 38, 10)}},
		{dec(18, 4), []any{d("-99999999999999.9999", 18, 4)}},
		{tDate, []any{int32(-719162), int32(2932896)}},
		{types.NewTime(3), []any{int32(0), int32(86399999)}},
		{types.NewTimestamp(9), []any{ts("0001-01-01 00:00:00"), ts("9999-12-31 23:59:59.999999999")}},
		{tBool, []any{true, false}},
	}
	for _, c := range vals {
		toS, err := ResolveCast(c.typ, tString, false)
		if err != nil {
			t.Fatal(err)
		}
		back, err := ResolveCast(tString, c.typ, false)
		if err != nil {
			t.Fatal(err)
		}
		in := column(t, c.typ, c.v...)
		mid := vec.MustNew(toS.Result, 0)
		if err := toS.Kernel(testCtx, []*vec.Vector{in}, nil, in.Len, mid); err != nil {
			t.Fatal(err)
		}
		out := vec.MustNew(back.Result, 0)
		if err := back.Kernel(testCtx, []*vec.Vector{mid}, nil, mid.Len, out); err != nil {
			t.Fatalf("%s: %v", c.typ, err)
		}
		for i := range c.v {
			if vec.Compare(in, i, out, i) != 0 {
				t.Errorf("%s: %v → %q → %v", c.typ, in.Value(i), mid.Value(i), out.Value(i))
			}
		}
	}
}

func TestCastRules(t *testing.T) {
	if _, err := ResolveCast(tDate, tTime0, false); err == nil {
		t.Error("DATE → TIME resolved")
	}
	if _, err := ResolveCast(tBytes, tInt, false); err == nil {
		t.Error("BYTES → INT resolved")
	}
	for _, c := range []struct {
		from, to types.DataType
		hint     string
	}{
		{tTS3, tBig, "UNIX_TIMESTAMP"},
		{tLTZ3, tDouble, "UNIX_TIMESTAMP"},
		{tBig, tTS3, "TO_TIMESTAMP(FROM_UNIXTIME(x))"},
		{dec(10, 3), tLTZ3, "TO_TIMESTAMP_LTZ(x, precision)"},
	} {
		if _, err := ResolveCast(c.from, c.to, true); err == nil || !strings.Contains(err.Error(), c.hint) {
			t.Errorf("CAST(%s AS %s): %v, want a hint to %s", c.from, c.to, err, c.hint)
		}
	}
	s, _ := ResolveCast(tInt.NotNull(), tBig, false)
	if s.Result.Nullable {
		t.Error("CAST(INT NOT NULL AS BIGINT) is nullable")
	}
	s, _ = ResolveCast(tString.NotNull(), tInt, true)
	if !s.Result.Nullable || s.Name != "TRY_CAST" {
		t.Error("TRY_CAST result is not nullable")
	}
	s, _ = ResolveCast(tInt.NotNull(), dec(3, 0), false)
	if !s.Result.Nullable {
		t.Error("a cast to DECIMAL can overflow to NULL but is NOT NULL")
	}
}

func TestCastSelection(t *testing.T) {
	// Unselected rows are not parsed, so they cannot fail.
	s, _ := ResolveCast(tString, tInt, false)
	in := column(t, tString, "1", "bad", "3")
	out := vec.MustNew(s.Result, 0)
	if err := s.Kernel(testCtx, []*vec.Vector{in}, []int32{0, 2}, 3, out); err != nil {
		t.Fatal(err)
	}
	if out.I32[0] != 1 || out.I32[2] != 3 {
		t.Errorf("got %v", out.I32)
	}
}

// TestCastAllPairsNeverPanic runs every supported cast over extreme values,
// with and without a selection and with a nil Context: errors are fine,
// panics and wrong row counts are not.
func TestCastAllPairsNeverPanic(t *testing.T) {
	samples := []struct {
		typ  types.DataType
		vals []any
	}{
		{tBool, []any{true, false}},
		{tTiny, []any{int8(math.MinInt8), int8(math.MaxInt8)}},
		{tSmall, []any{int16(math.MinInt16), int16(-1)}},
		{tInt, []any{int32(math.MinInt32), int32(math.MaxInt32)}},
		{tBig, []any{int64(math.MinInt64), int64(math.MaxInt64)}},
		{tFloat, []any{float32(math.Inf(-1)), float32(math.NaN())}},
		{tDouble, []any{math.MaxFloat64, -math.SmallestNonzeroFloat64}},
		{dec(38, 0), []any{d("-99999999999999999999999999999999999999", 38, 0), d("99999999999999999999999999999999999999", 38, 0)}},
		{dec(38, 38), []any{d("0.99999999999999999999999999999999999999", 38, 38), d("-0.00000000000000000000000000000000000001", 38, 38)}},
		{dec(18, 9), []any{d("-999999999.999999999", 18, 9), d("0", 18, 9)}},
		{charType(3), []any{"a  ", "xyz"}},
		{tString, []any{"", "  -1e400 ", "9999-12-31 23:59:59.999999999", "\xff\xfe", "1e-400", "true"}},
		{tBytes, []any{[]byte{}, []byte{0xff, 0}}},
		{types.NewBinary(2), []any{[]byte{1, 2}}},
		{tDate, []any{int32(math.MinInt32), int32(math.MaxInt32)}},
		{types.NewTime(3), []any{int32(0), int32(86399999)}},
		{types.NewTimestamp(9), []any{types.Timestamp{Millis: math.MinInt64}, types.Timestamp{Millis: math.MaxInt64, NanoOfMilli: 999999}}},
		{types.NewTimestampLTZ(6), []any{types.Timestamp{Millis: -1}, types.Timestamp{Millis: 253402300800000}}},
	}
	targets := []types.DataType{tBool, tTiny, tSmall, tInt, tBig, tFloat, tDouble, dec(5, 2), dec(38, 10), dec(18, 0),
		charType(2), varchar(3), tString, types.NewBinary(3), tBytes, tDate, tTime0, types.NewTime(3), tTS3,
		types.NewTimestamp(9), tLTZ3}
	for _, src := range samples {
		for _, to := range targets {
			if !Castable(src.typ, to) {
				continue
			}
			for _, try := range []bool{false, true} {
				s, err := ResolveCast(src.typ, to, try)
				if err != nil {
					t.Errorf("%s → %s: Castable but %v", src.typ, to, err)
					continue
				}
				in := column(t, src.typ, append(append([]any{}, src.vals...), nil)...)
				for _, sel := range [][]int32{nil, {0, int32(in.Len - 1)}} {
					out := vec.MustNew(s.Result, 0)
					func() {
						defer func() {
							if r := recover(); r != nil {
								t.Errorf("CAST(%s AS %s) try=%v panicked: %v", src.typ, to, try, r)
							}
						}()
						err = s.Kernel(nil, []*vec.Vector{in}, sel, in.Len, out)
					}()
					if err == nil && out.Len != in.Len {
						t.Errorf("CAST(%s AS %s): %d rows out of %d", src.typ, to, out.Len, in.Len)
					}
					if err != nil && try {
						t.Errorf("TRY_CAST(%s AS %s) failed: %v", src.typ, to, err)
					}
				}
			}
		}
	}
}
