package fn

import (
	"testing"
	"time"

	"github.com/weir-data/weir/types"
)

func TestDatetimeInterval(t *testing.T) {
	date := func(s string) int32 {
		v, err := ParseDate(s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	cases := []struct {
		typ   types.DataType
		v     any
		kind  IntervalKind
		minus bool
		iv    any
		want  string
	}{
		{tDate, date("2024-01-31"), IntervalYearMonth, false, int32(1), "2024-02-29"},
		{tDate, date("2023-01-31"), IntervalYearMonth, false, int32(1), "2023-02-28"},
		{tDate, date("2024-03-31"), IntervalYearMonth, true, int32(1), "2024-02-29"},
		{tDate, date("2024-01-15"), IntervalYearMonth, false, int32(-13), "2022-12-15"},
		{tDate, date("1969-12-31"), IntervalYearMonth, false, int32(14), "1971-02-28"},
		{tDate, date("2024-01-01"), IntervalDayTime, false, int64(86400000 * 3), "2024-01-04"},
		{tDate, date("2024-01-01"), IntervalDayTime, false, int64(86400000*2 - 1), "2024-01-02"},
		{tDate, date("2024-01-01"), IntervalDayTime, true, int64(86400000), "2023-12-31"},
		{types.NewTime(0), int32(23 * 3600000), IntervalDayTime, false, int64(2 * 3600000), "01:00:00"},
		{types.NewTime(0), int32(3600000), IntervalDayTime, true, int64(2 * 3600000), "23:00:00"},
		{tTS3, ts("2024-01-31 10:00:00.5"), IntervalYearMonth, false, int32(1), "2024-02-29 10:00:00.500"},
		{tTS3, ts("2024-01-01 00:00:00"), IntervalDayTime, true, int64(1), "2023-12-31 23:59:59.999"},
		{tLTZ3, ts("2024-01-01 00:00:00"), IntervalDayTime, false, int64(3600000), "2024-01-01 01:00:00.000"},
	}
	for _, c := range cases {
		s, err := ResolveDatetimeInterval(c.typ, c.kind, c.minus, false)
		if err != nil {
			t.Fatal(err)
		}
		got, err := run(t, s, nil, column(t, c.typ, c.v, nil), column(t, c.kind.IntervalType(), c.iv, c.iv))
		if err != nil {
			t.Fatal(err)
		}
		if r := render(s.Result, got); r != c.want+" NULL" {
			t.Errorf("%s %s %v (%s) = %s, want %s", render(c.typ, []any{c.v}), s.Name, c.iv, c.kind, r, c.want)
		}
	}
	if _, err := ResolveDatetimeInterval(types.NewTime(0), IntervalYearMonth, false, false); err == nil {
		t.Error("TIME + year-month interval resolved")
	}
	if _, err := ResolveDatetimeInterval(tInt, IntervalDayTime, false, false); err == nil {
		t.Error("INT + interval resolved")
	}
	// addMonths agrees with time.AddDate where no clamping happens.
	for days := int64(-800000); days < 800000; days += 997 {
		for _, m := range []int64{-25, -1, 1, 7, 120} {
			y, mo, d := civilFromDays(days)
			if d > 28 {
				continue
			}
			want := time.Date(int(y), time.Month(mo), d, 0, 0, 0, 0, time.UTC).AddDate(0, int(m), 0).Unix() / 86400
			if got := addMonths(days, m); got != want {
				t.Fatalf("addMonths(%d, %d) = %d, want %d", days, m, got, want)
			}
		}
	}
}
