package types

import (
	"math"
	"testing"
	"time"
)

func TestFormatValue(t *testing.T) {
	shanghai := time.FixedZone("UTC+8", 8*3600)
	ts := Timestamp{Millis: 1999999999999, NanoOfMilli: 1001} // 2033-05-18 03:33:19.999001001 UTC
	pre := TimestampFromNanos(-2240521240, 1001001)           // 1899-01-01 00:59:20.001001001
	tests := []struct {
		name string
		t    DataType
		v    any
		loc  *time.Location
		want string
	}{
		{"true", NewBoolean(), true, nil, "true"},
		{"false", NewBoolean(), false, nil, "false"},
		{"int", NewInt(), int32(-5), nil, "-5"},
		{"bigint", NewBigInt(), int64(9223372036854775807), nil, "9223372036854775807"},
		{"date", NewDate(), int32(19415), nil, "2023-02-27"},
		{"date-pre-epoch", NewDate(), int32(-1), nil, "1969-12-31"},
		{"time0", NewTime(0), int32(3723004), nil, "01:02:03"},
		{"time3", NewTime(3), int32(3723004), nil, "01:02:03.004"},
		{"ts9", NewTimestamp(9), ts, nil, "2033-05-18 03:33:19.999001001"},
		{"ts3", NewTimestamp(3), ts.Truncate(3), nil, "2033-05-18 03:33:19.999"},
		{"ts0", NewTimestamp(0), Timestamp{Millis: 0}, nil, "1970-01-01 00:00:00"},
		{"ts-pre-1900", NewTimestamp(9), pre, nil, "1899-01-01 00:59:20.001001001"},
		{"ltz-utc", NewTimestampLTZ(3), Timestamp{Millis: 0}, nil, "1970-01-01 00:00:00.000"},
		{"ltz-zone", NewTimestampLTZ(3), Timestamp{Millis: 0}, shanghai, "1970-01-01 08:00:00.000"},
		{"dec-compact", NewDecimal(10, 2), int64(-12345), nil, "-123.45"},
		{"dec-big", NewDecimal(23, 5), mustDec(t, "123456789987654321.45678", 23, 5), nil, "123456789987654321.45678"},
		{"dec-zero-scale", NewDecimal(23, 5), Decimal{}, nil, "0.00000"},
		{"dec-small", NewDecimal(10, 5), int64(5), nil, "0.00005"},
		{"double", NewDouble(), 1.5, nil, "1.5"},
		{"double-int", NewDouble(), 100.0, nil, "100.0"},
		{"double-big", NewDouble(), 1e10, nil, "1.0E10"},
		{"double-small", NewDouble(), 0.0001, nil, "1.0E-4"},
		{"double-edge", NewDouble(), 0.001, nil, "0.001"},
		{"double-neg", NewDouble(), -123456.789, nil, "-123456.789"},
		{"float", NewFloat(), float32(0.1), nil, "0.1"},
		{"string", NewString(), "héllo", nil, "héllo"},
		{"bytes", NewBytes(), []byte("add"), nil, "add"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := FormatValue(tc.t, tc.v, tc.loc)
			if !ok || got != tc.want {
				t.Fatalf("FormatValue(%s, %v) = %q, %v; want %q", tc.t, tc.v, got, ok, tc.want)
			}
		})
	}
	if _, ok := FormatValue(NewInt(), nil, nil); ok {
		t.Fatal("null formatted as a value")
	}
}

func mustDec(t *testing.T, s string, p, sc int) Decimal {
	t.Helper()
	d, err := ParseDecimal(s, p, sc)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestDecimalBytesRoundTrip(t *testing.T) {
	for _, s := range []string{"0", "1", "-1", "127", "128", "-128", "-129", "255", "123456789987654321.45678", "-99999999999999999999999999999999999999"} {
		d, err := ParseDecimal(s, 38, 0)
		if err != nil {
			// values with a fraction are parsed with scale 5
			d, err = ParseDecimal(s, 38, 5)
			if err != nil {
				t.Fatal(err)
			}
		}
		b := d.BigEndianBytes()
		back, err := DecimalFromBigEndian(b)
		if err != nil || back != d {
			t.Fatalf("%s: round trip %x -> %v, %v", s, b, back, err)
		}
		if want := d.Big().Bytes(); d.Sign() > 0 && len(b) > len(want)+1 {
			t.Fatalf("%s: %x is not minimal", s, b)
		}
	}
	if _, err := ParseDecimal("1234", 3, 0); err == nil {
		t.Fatal("overflow not reported")
	}
}

func TestTimestampFloor(t *testing.T) {
	ts := TimestampFromEpochNanos(-1)
	if ts.Millis != -1 || ts.NanoOfMilli != 999999 {
		t.Fatalf("got %+v", ts)
	}
	if got := TimestampFromMicros(-1); got.Millis != -1 || got.NanoOfMilli != 999000 {
		t.Fatalf("got %+v", got)
	}
}

func TestDataTypeString(t *testing.T) {
	cases := map[string]DataType{
		"STRING NOT NULL":                   NewString().NotNull(),
		"DECIMAL(23, 5)":                    NewDecimal(23, 5),
		"TIMESTAMP(6) WITH LOCAL TIME ZONE": NewTimestampLTZ(6),
		"VARCHAR(10)":                       NewVarChar(10),
		"BYTES":                             NewBytes(),
	}
	for want, dt := range cases {
		if got := dt.String(); got != want {
			t.Errorf("got %q want %q", got, want)
		}
	}
}

func TestCompareFloat(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	negZero := math.Copysign(0, -1)
	tests := []struct {
		a, b float64
		want int
	}{
		{1, 2, -1}, {2, 1, 1}, {1, 1, 0}, {negZero, 0, -1}, {0, negZero, 1},
		{nan, inf, 1}, {inf, nan, -1}, {nan, nan, 0}, {-inf, 0, -1},
	}
	for _, tc := range tests {
		if got := CompareFloat(tc.a, tc.b); got != tc.want {
			t.Errorf("CompareFloat(%v, %v) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}
