package filesystem

import (
	"bytes"
	"math"
	"testing"

	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

func TestEncodeGolden(t *testing.T) {
	ts := []types.DataType{types.NewDecimal(10, 8), types.NewString(), types.NewTimestampLTZ(3), types.NewDouble(), types.NewDate(), types.NewTime(0), types.NewBinary(2)}
	b, _ := vec.NewBatch(ts, 2)
	b.AppendRow(types.Insert, types.DecimalFromInt64(5), "a \"q\"\n\x01\xff", types.Timestamp{Millis: 1500}, math.NaN(), int32(1), int32(3723000), []byte{1, 2})
	b.AppendRow(types.Insert, nil, "", nil, 2.5, nil, nil, nil)
	names := []string{"d", "s", "ltz", "f", "dt", "tm", "bin"}
	for _, tc := range []struct {
		opt  jsonOptions
		want string
	}{
		{jsonOptions{}, `{"d":5E-8,"s":"a \"q\"\n\u0001` + "\uFFFD" + `","ltz":"1970-01-01 00:00:01.500Z","f":"NaN","dt":"1970-01-02","tm":"01:02:03","bin":"AQI="}` + "\n" +
			`{"d":null,"s":"","ltz":null,"f":2.5,"dt":null,"tm":null,"bin":null}` + "\n"},
		{jsonOptions{iso: true, decimalPlain: true, ignoreNullFields: true}, `{"d":0.00000005,"s":"a \"q\"\n\u0001` + "\uFFFD" + `","ltz":"1970-01-01T00:00:01.500Z","f":"NaN","dt":"1970-01-02","tm":"01:02:03","bin":"AQI="}` + "\n" +
			`{"s":"","f":2.5}` + "\n"},
	} {
		var out bytes.Buffer
		if err := newJSONEncoder(&out, &tc.opt, names).write(b, 0, b.Len); err != nil {
			t.Fatal(err)
		}
		if out.String() != tc.want {
			t.Errorf("json %+v:\n got %s\nwant %s", tc.opt, out.String(), tc.want)
		}
	}
	var out bytes.Buffer
	opt := csvOptions{delim: ',', quote: '"', nullLiteral: "N", hasNull: true}
	if err := (&csvEncoder{w: &out, opt: &opt}).write(b, 0, b.Len); err != nil {
		t.Fatal(err)
	}
	want := "0.00000005,\"a \"\"q\"\"\n\x01\xff\",1970-01-01 00:00:01.500Z,NaN,1970-01-02,01:02:03,AQI=\n" +
		"N,\"\",N,2.5,N,N,N\n"
	if out.String() != want {
		t.Errorf("csv:\n got %q\nwant %q", out.String(), want)
	}
}
