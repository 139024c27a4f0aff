package fn

import (
	"testing"
	"time"

	"github.com/weir-data/weir/types"
)

func fntEvalUnit(t *testing.T, ctx *Context, name, unit string, argTypes []types.DataType, row []any) any {
	t.Helper()
	ts := append([]types.DataType{types.NewString()}, argTypes...)
	vals := append([]any{unit}, row...)
	return fntEval(t, ctx, name, fntConstArgs(ts, vals, 0), [][]any{vals}, nil)[0]
}

func TestTimeFloorCeil(t *testing.T) {
	tsT := types.NewTimestamp(3)
	x := fntTS(t, "2024-02-29 13:45:30.500") // a Thursday
	for _, c := range []struct {
		unit, floor, ceil string
	}{
		{"SECOND", "2024-02-29 13:45:30", "2024-02-29 13:45:31"},
		{"MINUTE", "2024-02-29 13:45:00", "2024-02-29 13:46:00"},
		{"HOUR", "2024-02-29 13:00:00", "2024-02-29 14:00:00"},
		{"DAY", "2024-02-29 00:00:00", "2024-03-01 00:00:00"},
		{"WEEK", "2024-02-25 00:00:00", "2024-03-03 00:00:00"},
		{"MONTH", "2024-02-01 00:00:00", "2024-03-01 00:00:00"},
		{"QUARTER", "2024-01-01 00:00:00", "2024-04-01 00:00:00"},
		{"YEAR", "2024-01-01 00:00:00", "2025-01-01 00:00:00"},
	} {
		if got := fntEvalUnit(t, nil, "TIME_FLOOR", c.unit, []types.DataType{tsT}, []any{x}); got != fntTS(t, c.floor) {
			t.Errorf("FLOOR(TO %s) = %v, want %s", c.unit, got, c.floor)
		}
		if got := fntEvalUnit(t, nil, "TIME_CEIL", c.unit, []types.DataType{tsT}, []any{x}); got != fntTS(t, c.ceil) {
			t.Errorf("CEIL(TO %s) = %v, want %s", c.unit, got, c.ceil)
		}
	}
	exact := fntTS(t, "2024-03-01 00:00:00")
	if got := fntEvalUnit(t, nil, "TIME_CEIL", "DAY", []types.DataType{tsT}, []any{exact}); got != exact {
		t.Errorf("CEIL of an aligned value = %v", got)
	}
	// LTZ floors on the session's wall clock.
	sh := &Context{Location: fntZone(t, "Asia/Shanghai")}
	inst := types.Timestamp{Millis: time.Date(2024, 1, 1, 20, 0, 0, 0, time.UTC).UnixMilli()} // 04:00 Jan 2 in Shanghai
	want := types.Timestamp{Millis: time.Date(2024, 1, 1, 16, 0, 0, 0, time.UTC).UnixMilli()}
	if got := fntEvalUnit(t, sh, "TIME_FLOOR", "DAY", []types.DataType{types.NewTimestampLTZ(3)}, []any{inst}); got != want {
		t.Errorf("FLOOR(LTZ TO DAY) in Shanghai = %v, want %v", got, want)
	}
	if got := fntEvalUnit(t, nil, "TIME_FLOOR", "MONTH", []types.DataType{types.NewDate()}, []any{fntDate(t, "2024-02-29")}); got != fntDate(t, "2024-02-01") {
		t.Errorf("FLOOR(DATE TO MONTH) = %v", got)
	}
	if _, err := ResolveScalar("TIME_FLOOR", fntConstArgs([]types.DataType{fntStr, types.NewDate()}, []any{"HOUR", nil}, 0)); err == nil {
		t.Error("FLOOR(DATE TO HOUR): want an error")
	}
}

func TestTimestampAddDiff(t *testing.T) {
	tsT, i64 := types.NewTimestamp(3), types.NewBigInt()
	add := func(unit string, k int64, x string) any {
		return fntEvalUnit(t, nil, "TIMESTAMPADD", unit, []types.DataType{i64, tsT}, []any{k, fntTS(t, x)})
	}
	for _, c := range []struct {
		unit string
		k    int64
		x    string
		want string
	}{
		{"MONTH", 1, "2024-01-31 10:00:00", "2024-02-29 10:00:00"},
		{"YEAR", 1, "2024-02-29 00:00:00", "2025-02-28 00:00:00"},
		{"QUARTER", -1, "2024-05-31 00:00:00", "2024-02-29 00:00:00"},
		{"DAY", -60, "2024-03-01 00:00:00", "2024-01-01 00:00:00"},
		{"HOUR", 25, "2024-01-01 00:00:00", "2024-01-02 01:00:00"},
		{"WEEK", 1, "2024-12-30 00:00:00", "2025-01-06 00:00:00"},
	} {
		if got := add(c.unit, c.k, c.x); got != fntTS(t, c.want) {
			t.Errorf("TIMESTAMPADD(%s, %d, %s) = %v, want %s", c.unit, c.k, c.x, got, c.want)
		}
	}
	// DAY on LTZ keeps the Berlin wall clock across the DST change.
	be := &Context{Location: fntZone(t, "Europe/Berlin")}
	before := types.Timestamp{Millis: time.Date(2024, 3, 30, 11, 0, 0, 0, time.UTC).UnixMilli()} // 12:00 CET
	after := types.Timestamp{Millis: time.Date(2024, 3, 31, 10, 0, 0, 0, time.UTC).UnixMilli()}  // 12:00 CEST
	if got := fntEvalUnit(t, be, "TIMESTAMPADD", "DAY", []types.DataType{i64, types.NewTimestampLTZ(3)}, []any{int64(1), before}); got != after {
		t.Errorf("TIMESTAMPADD(DAY) over DST = %v, want %v", got, after)
	}
	s, _ := ResolveScalar("TIMESTAMPADD", fntConstArgs([]types.DataType{fntStr, i64, tsT}, []any{"YEAR", nil, nil}, 0))
	cols := fntBuildArgs(t, s.Args, [][]any{{"YEAR", int64(1 << 61), fntTS(t, "2024-01-01")}})
	if err := s.Kernel(nil, cols, nil, 1, fntOut(s)); err == nil {
		t.Error("TIMESTAMPADD overflow: want an error")
	}
	diff := func(unit, a, b string) any {
		return fntEvalUnit(t, nil, "TIMESTAMPDIFF", unit, []types.DataType{tsT, tsT}, []any{fntTS(t, a), fntTS(t, b)})
	}
	for _, c := range []struct {
		unit, a, b string
		want       int32
	}{
		{"DAY", "2024-01-01 00:00:00", "2024-03-01 00:00:00", 60},
		{"HOUR", "2024-01-01 10:00:00", "2024-01-01 08:30:00", -1},
		{"MONTH", "2024-01-31 00:00:00", "2024-02-29 00:00:00", 0},
		{"MONTH", "2024-01-15 00:00:00", "2024-02-15 00:00:00", 1},
		{"MONTH", "2024-03-15 00:00:00", "2024-01-16 00:00:00", -1},
		{"YEAR", "2020-02-29 00:00:00", "2024-02-28 00:00:00", 3},
		{"QUARTER", "2024-01-01 00:00:00", "2024-12-31 00:00:00", 3},
	} {
		if got := diff(c.unit, c.a, c.b); got != c.want {
			t.Errorf("TIMESTAMPDIFF(%s, %s, %s) = %v, want %d", c.unit, c.a, c.b, got, c.want)
		}
	}
}
