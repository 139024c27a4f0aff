package fn

import (
	"math"
	"testing"
	"time"

	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

func TestCivilRoundTrip(t *testing.T) {
	for days := int64(-800000); days <= 800000; days += 7 {
		y, m, d := civilFromDays(days)
		if back := civilToDays(y, m, d); back != days {
			t.Fatalf("days %d → %d-%d-%d → %d", days, y, m, d, back)
		}
		tm := time.Unix(days*86400, 0).UTC()
		if int64(tm.Year()) != y || int(tm.Month()) != m || tm.Day() != d {
			t.Fatalf("days %d: got %d-%d-%d, time says %s", days, y, m, d, tm)
		}
		if _, w := tm.ISOWeek(); w != civilISOWeek(days) {
			t.Fatalf("days %d: iso week %d, time says %d", days, civilISOWeek(days), w)
		}
		if tm.YearDay() != civilDayOfYear(days) {
			t.Fatalf("days %d: day of year %d, time says %d", days, civilDayOfYear(days), tm.YearDay())
		}
	}
}

func TestExtractFunctions(t *testing.T) {
	tsT := types.NewTimestamp(6)
	leap := fntTS(t, "2024-02-29 23:59:58.123456")
	old := fntTS(t, "1969-12-31 00:00:01")
	for _, c := range []struct {
		name      string
		leap, old any
	}{
		{"YEAR", int64(2024), int64(1969)},
		{"QUARTER", int64(1), int64(4)},
		{"MONTH", int64(2), int64(12)},
		{"WEEK", int64(9), int64(1)}, // 1969-12-31 is in ISO week 1 of 1970
		{"DAYOFYEAR", int64(60), int64(365)},
		{"DAYOFMONTH", int64(29), int64(31)},
		{"DAYOFWEEK", int64(5), int64(4)}, // Thursday = 5, Wednesday = 4 (Sunday = 1)
		{"HOUR", int64(23), int64(0)},
		{"MINUTE", int64(59), int64(0)},
		{"SECOND", int64(58), int64(1)},
	} {
		fntCheckRows(t, nil, c.name, []types.DataType{tsT}, []fntRow{
			{[]any{leap}, c.leap}, {[]any{nil}, nil}, {[]any{old}, c.old},
		})
	}
	fntCheckRows(t, nil, "YEAR", []types.DataType{types.NewDate()}, []fntRow{
		{[]any{fntDate(t, "2000-01-01")}, int64(2000)}, {[]any{int32(-1)}, int64(1969)},
	})
	fntCheckRows(t, nil, "HOUR", []types.DataType{types.NewTime(0)}, []fntRow{
		{[]any{int32(13*3600000 + 5)}, int64(13)},
	})
	args := fntConstArgs([]types.DataType{types.NewString(), tsT}, []any{"millisecond", nil}, 0)
	got := fntEval(t, nil, "EXTRACT", args, [][]any{{"millisecond", leap}}, nil)
	if got[0] != int64(58123) {
		t.Errorf("EXTRACT(MILLISECOND) = %v, want 58123", got[0])
	}
	if _, err := ResolveScalar("EXTRACT", fntConstArgs([]types.DataType{types.NewString(), tsT}, []any{"FORTNIGHT", nil}, 0)); err == nil {
		t.Error("EXTRACT with an unknown unit: want an error")
	}
	if _, err := ResolveScalar("HOUR", []Arg{{Type: types.NewDate()}}); err == nil {
		t.Error("HOUR(DATE): want an error")
	}
}

// TIMESTAMP_LTZ fields are read in the session zone; Berlin has DST,
// Shanghai has none.
func TestExtractLTZZones(t *testing.T) {
	ltz := types.NewTimestampLTZ(3)
	// 2024-03-31 01:30 UTC: Berlin switched to CEST at 01:00 UTC.
	instant := types.Timestamp{Millis: time.Date(2024, 3, 31, 1, 30, 0, 0, time.UTC).UnixMilli()}
	for _, c := range []struct {
		zone string
		hour int64
		day  int64
	}{
		{"UTC", 1, 31}, {"Europe/Berlin", 3, 31}, {"Asia/Shanghai", 9, 31}, {"America/Los_Angeles", 18, 30},
	} {
		ctx := &Context{Location: fntZone(t, c.zone)}
		fntCheckRows(t, ctx, "HOUR", []types.DataType{ltz}, []fntRow{{[]any{instant}, c.hour}})
		fntCheckRows(t, ctx, "DAYOFMONTH", []types.DataType{ltz}, []fntRow{{[]any{instant}, c.day}})
	}
}

func TestNowFunctions(t *testing.T) {
	now := types.Timestamp{Millis: time.Date(2024, 6, 30, 20, 15, 30, 250e6, time.UTC).UnixMilli(), NanoOfMilli: 7}
	ctx := &Context{Location: fntZone(t, "Asia/Shanghai"), Now: now}
	one := func(name string) any {
		return fntEval(t, ctx, name, nil, [][]any{{}}, nil)[0]
	}
	if got := one("CURRENT_TIMESTAMP"); got != (types.Timestamp{Millis: now.Millis}) {
		t.Errorf("CURRENT_TIMESTAMP = %v", got)
	}
	wantLocal := fntTS(t, "2024-07-01 04:15:30.250")
	if got := one("LOCALTIMESTAMP"); got != wantLocal {
		t.Errorf("LOCALTIMESTAMP = %v, want %v", got, wantLocal)
	}
	if got := one("CURRENT_DATE"); got != fntDate(t, "2024-07-01") {
		t.Errorf("CURRENT_DATE = %v", got)
	}
	if got := one("LOCALTIME"); got != int32((4*3600+15*60+30)*1000) {
		t.Errorf("LOCALTIME = %v", got)
	}
	if got := one("UNIX_TIMESTAMP"); got != now.Millis/1000 {
		t.Errorf("UNIX_TIMESTAMP() = %v", got)
	}
	s, _ := ResolveScalar("NOW", nil)
	if err := s.Kernel(nil, nil, nil, 1, vec.MustNew(s.Result, 1)); err == nil {
		t.Error("NOW without a context: want an error")
	}
}

func TestDateFormatFunction(t *testing.T) {
	tsT, str := types.NewTimestamp(9), types.NewString()
	v := fntTS(t, "2024-02-29 13:05:09.123456789")
	fntCheckRows(t, nil, "DATE_FORMAT", []types.DataType{tsT, str}, []fntRow{
		{[]any{v, "yyyy-MM-dd HH:mm:ss"}, "2024-02-29 13:05:09"},
		{[]any{v, "yyyy/M/d h:mm a"}, "2024/2/29 1:05 PM"},
		{[]any{v, "yyyyMMddHHmmssSSS"}, "20240229130509123"},
		{[]any{v, "SSSSSSSSS"}, "123456789"},
		{[]any{v, "EEE, dd MMM yy"}, "Thu, 29 Feb 24"},
		{[]any{v, "EEEE MMMM D w u"}, "Thursday February 60 9 4"},
		{[]any{v, "'at' HH 'o''clock' ''"}, "at 13 o'clock '"},
		{[]any{v, "日期 yyyy"}, "日期 2024"},
		{[]any{nil, "yyyy"}, nil},
		{[]any{v, nil}, nil},
	})
	// A string input is parsed as the default timestamp text.
	fntCheckRows(t, nil, "DATE_FORMAT", []types.DataType{str, str}, []fntRow{
		{[]any{"2024-01-05 10:00:00", "MM/dd"}, "01/05"},
		{[]any{"not a date", "MM/dd"}, nil},
	})
	// TIMESTAMP_LTZ is shown in the session zone, with its offset.
	ctx := &Context{Location: fntZone(t, "Europe/Berlin")}
	summer := types.Timestamp{Millis: time.Date(2024, 7, 1, 10, 0, 0, 0, time.UTC).UnixMilli()}
	fntCheckRows(t, ctx, "DATE_FORMAT", []types.DataType{types.NewTimestampLTZ(3), str}, []fntRow{
		{[]any{summer, "yyyy-MM-dd HH:mm Z XXX z"}, "2024-07-01 12:00 +0200 +02:00 CEST"},
	})
	// Constant patterns compile at resolve time.
	if _, err := ResolveScalar("DATE_FORMAT", fntConstArgs([]types.DataType{tsT, str}, []any{nil, "yyyy-QQ"}, 1)); err == nil {
		t.Error("DATE_FORMAT with pattern letter Q: want a resolve error")
	}
	// A bad non-constant pattern is an error naming the function.
	s, _ := ResolveScalar("DATE_FORMAT", []Arg{{Type: tsT}, {Type: str}})
	a0, a1 := vec.MustNew(s.Args[0], 1), vec.MustNew(s.Args[1], 1)
	_ = a0.Append(v)
	_ = a1.Append("'unterminated")
	if err := s.Kernel(nil, []*vec.Vector{a0, a1}, nil, 1, vec.MustNew(s.Result, 1)); err == nil {
		t.Error("DATE_FORMAT with a bad row pattern: want an error")
	}
}

func TestToTimestampAndDate(t *testing.T) {
	str := types.NewString()
	fntCheckRows(t, nil, "TO_TIMESTAMP", []types.DataType{str}, []fntRow{
		{[]any{"2024-02-29 10:11:12"}, fntTS(t, "2024-02-29 10:11:12")},
		{[]any{"2024-02-29 10:11:12.123456"}, fntTS(t, "2024-02-29 10:11:12.123")},
		{[]any{"2024-2-9 1:2:3"}, fntTS(t, "2024-02-09 01:02:03")},
		{[]any{"2024-02-29T10:11"}, fntTS(t, "2024-02-29 10:11:00")},
		{[]any{"2024-02-29"}, fntTS(t, "2024-02-29 00:00:00")},
		{[]any{"2023-02-29 00:00:00"}, nil}, // no Feb 29 in 2023
		{[]any{"2024-02-29 24:00:00"}, nil},
		{[]any{"garbage"}, nil},
		{[]any{""}, nil},
		{[]any{"\xff\xfe"}, nil},
		{[]any{nil}, nil},
	})
	fntCheckRows(t, nil, "TO_TIMESTAMP", []types.DataType{str, str}, []fntRow{
		{[]any{"29/02/2024 10", "dd/MM/yyyy HH"}, fntTS(t, "2024-02-29 10:00:00")},
		{[]any{"20240229101112", "yyyyMMddHHmmss"}, fntTS(t, "2024-02-29 10:11:12")},
		{[]any{"2023-02-30", "yyyy-MM-dd"}, fntTS(t, "2023-02-28 00:00:00")}, // SMART resolver clamps
		{[]any{"2023-02-32", "yyyy-MM-dd"}, nil},
		{[]any{"Feb 3 2024 11:00 pm", "MMM d yyyy hh:mm a"}, fntTS(t, "2024-02-03 23:00:00")},
		{[]any{"2024-01-01 extra", "yyyy-MM-dd"}, nil},
	})
	fntCheckRows(t, nil, "TO_DATE", []types.DataType{str}, []fntRow{
		{[]any{"2024-02-29"}, fntDate(t, "2024-02-29")},
		{[]any{"1969-12-31"}, int32(-1)},
		{[]any{"x"}, nil},
	})
	fntCheckRows(t, nil, "TO_DATE", []types.DataType{str, str}, []fntRow{
		{[]any{"02/29/2024", "MM/dd/yyyy"}, fntDate(t, "2024-02-29")},
	})
}

func TestUnixTimeConversions(t *testing.T) {
	str, i64 := types.NewString(), types.NewBigInt()
	sh := &Context{Location: fntZone(t, "Asia/Shanghai")}
	be := &Context{Location: fntZone(t, "Europe/Berlin")}
	fntCheckRows(t, sh, "UNIX_TIMESTAMP", []types.DataType{str}, []fntRow{
		{[]any{"1970-01-01 08:00:00"}, int64(0)},
		{[]any{"bad"}, int64(math.MinInt64)},
		{[]any{"1970-01-01 07:59:58.500"}, int64(-2)}, // the default pattern ignores the fraction, as Flink
		{[]any{nil}, nil},
	})
	fntCheckRows(t, be, "UNIX_TIMESTAMP", []types.DataType{str, str}, []fntRow{
		// 02:30 on 2024-03-31 does not exist in Berlin: Java moves it to 03:30 CEST = 01:30 UTC.
		{[]any{"2024-03-31 02:30", "yyyy-MM-dd HH:mm"}, time.Date(2024, 3, 31, 1, 30, 0, 0, time.UTC).Unix()},
		// 02:30 on 2024-10-27 happens twice: the earlier offset (+02:00) wins.
		{[]any{"2024-10-27 02:30", "yyyy-MM-dd HH:mm"}, time.Date(2024, 10, 27, 0, 30, 0, 0, time.UTC).Unix()},
		{[]any{"2024-01-01 00:00 +0000", "yyyy-MM-dd HH:mm Z"}, time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).Unix()},
		{[]any{"1970-01-01 00:59:58.500", "yyyy-MM-dd HH:mm:ss.SSS"}, int64(-1)}, // -1.5 s truncates toward zero, as Java
	})
	fntCheckRows(t, sh, "FROM_UNIXTIME", []types.DataType{i64}, []fntRow{
		{[]any{int64(0)}, "1970-01-01 08:00:00"},
		{[]any{int64(-1)}, "1970-01-01 07:59:59"},
		{[]any{int64(1 << 62)}, nil},
		{[]any{nil}, nil},
	})
	fntCheckRows(t, be, "FROM_UNIXTIME", []types.DataType{i64, str}, []fntRow{
		{[]any{int64(1719835200), "HH:mm XXX"}, "14:00 +02:00"},
	})
	fntCheckRows(t, nil, "TO_TIMESTAMP_LTZ", []types.DataType{i64}, []fntRow{
		{[]any{int64(1500)}, types.Timestamp{Millis: 1500}},
		{[]any{nil}, nil},
	})
	args := fntConstArgs([]types.DataType{i64, types.NewInt()}, []any{nil, int32(0)}, 1)
	got := fntEval(t, nil, "TO_TIMESTAMP_LTZ", args, [][]any{{int64(2), int32(0)}, {int64(1 << 62), int32(0)}}, nil)
	if got[0] != (types.Timestamp{Millis: 2000}) || got[1] != nil {
		t.Errorf("TO_TIMESTAMP_LTZ(n, 0) = %v", got)
	}
	if _, err := ResolveScalar("TO_TIMESTAMP_LTZ", fntConstArgs([]types.DataType{i64, types.NewInt()}, []any{nil, int32(5)}, 1)); err == nil {
		t.Error("TO_TIMESTAMP_LTZ precision 5: want an error")
	}
}

// The seed scripts' expression: TO_TIMESTAMP(CONVERT_TZ(CAST(CURRENT_TIMESTAMP
// AS VARCHAR), 'UTC', 'Asia/Shanghai')).
func TestConvertTZ(t *testing.T) {
	str := types.NewString()
	fntCheckRows(t, nil, "CONVERT_TZ", []types.DataType{str, str, str}, []fntRow{
		{[]any{"2024-06-30 20:15:30.250", "UTC", "Asia/Shanghai"}, "2024-07-01 04:15:30"},
		{[]any{"2024-03-31 00:30:00", "UTC", "Europe/Berlin"}, "2024-03-31 01:30:00"},
		{[]any{"2024-03-31 01:30:00", "UTC", "Europe/Berlin"}, "2024-03-31 03:30:00"},
		{[]any{"2024-01-01 00:00:00", "+08:00", "GMT-3"}, "2023-12-31 13:00:00"},
		{[]any{"2024-01-01 00:00:00", "Mars/Olympus", "UTC"}, nil},
		{[]any{"nope", "UTC", "UTC"}, nil},
		{[]any{nil, "UTC", "UTC"}, nil},
	})
	if _, err := ResolveScalar("CONVERT_TZ", fntConstArgs([]types.DataType{str, str, str}, []any{nil, "UTC", "Nowhere/City"}, 1, 2)); err == nil {
		t.Error("CONVERT_TZ to an unknown constant zone: want an error")
	}
	got := fntEval(t, nil, "TO_TIMESTAMP", []Arg{{Type: str}}, [][]any{{"2024-07-01 04:15:30"}}, nil)
	if got[0] != fntTS(t, "2024-07-01 04:15:30") {
		t.Errorf("TO_TIMESTAMP(CONVERT_TZ(...)) = %v", got[0])
	}
}

func FuzzDateFormat(f *testing.F) {
	for _, s := range []string{"yyyy-MM-dd HH:mm:ss", "yyyyMMdd", "EEE, d MMM yyyy HH:mm:ss Z", "'quoted''", "hh 'o''clock' a, zzzz", "XXX", "SSSSSSSSS", "ⅆ"} {
		f.Add(s, "2024-02-29 10:11:12", int64(1709201472000))
	}
	f.Fuzz(func(t *testing.T, pattern, text string, ms int64) {
		df, err := compileDateFormat(pattern)
		if err != nil {
			return
		}
		out := df.format(nil, dfInstant{wall: ms, offsetMs: 3600000, zone: "CET"})
		// What a pattern prints, it must parse back (to the same wall clock
		// when the pattern holds every field), and parsing anything must
		// not panic.
		_, _ = df.parse([]byte(text))
		p, ok := df.parse(out)
		if ok && pattern == "yyyy-MM-dd HH:mm:ss.SSS" && ms >= 0 && ms < 253402300800000 && p.wall != ms {
			t.Fatalf("round trip %d → %q → %d", ms, out, p.wall)
		}
		_, _ = dfParseDefault([]byte(text))
	})
}

func TestDateFormatRoundTrip(t *testing.T) {
	df := dfMustCompile("yyyy-MM-dd HH:mm:ss.SSS")
	for _, ms := range []int64{0, 1, 951782400123, 1709201472999, 253402300799999, -1, -62135596800000} {
		out := df.format(nil, dfInstant{wall: ms})
		p, ok := df.parse(out)
		if !ok || p.wall != ms {
			t.Errorf("%d → %q → %d, %v", ms, out, p.wall, ok)
		}
	}
}

func BenchmarkYearLTZ(b *testing.B) {
	s, err := ResolveScalar("YEAR", []Arg{{Type: types.NewTimestampLTZ(3)}})
	if err != nil {
		b.Fatal(err)
	}
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		b.Skip(err)
	}
	in := vec.MustNew(types.NewTimestampLTZ(3), 4096)
	for i := range 4096 {
		_ = in.Append(types.Timestamp{Millis: int64(i) * 7_777_777_777})
	}
	out := vec.MustNew(s.Result, 4096)
	ctx := &Context{Location: loc}
	b.ReportAllocs()
	for b.Loop() {
		if err := s.Kernel(ctx, []*vec.Vector{in}, nil, 4096, out); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDateFormat(b *testing.B) {
	args := fntConstArgs([]types.DataType{types.NewTimestamp(3), types.NewString()}, []any{nil, "yyyy-MM-dd HH:mm:ss"}, 1)
	s, err := ResolveScalar("DATE_FORMAT", args)
	if err != nil {
		b.Fatal(err)
	}
	in := vec.MustNew(types.NewTimestamp(3), 4096)
	pat := vec.MustNew(types.NewString(), 4096)
	for i := range 4096 {
		_ = in.Append(types.Timestamp{Millis: int64(i) * 7_777_777_777})
		pat.AppendString("yyyy-MM-dd HH:mm:ss")
	}
	out := vec.MustNew(s.Result, 4096)
	b.ReportAllocs()
	for b.Loop() {
		if err := s.Kernel(nil, []*vec.Vector{in, pat}, nil, 4096, out); err != nil {
			b.Fatal(err)
		}
	}
}
