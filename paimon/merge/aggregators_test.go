package merge

import (
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/weir-data/weir/types"
)

// aggOne merges recs of a single value column v (with key column k) under
// function fn and returns v's merged value.
func aggOne(t *testing.T, typ types.DataType, fn string, extra map[string]string, vals []rec) (any, error) {
	t.Helper()
	fields := []types.Field{{Name: "k", Type: types.NewInt().NotNull()}, {ID: 1, Name: "v", Type: typ}}
	opts := map[string]string{"merge-engine": "aggregation", "fields.v.aggregate-function": fn}
	for k, v := range extra {
		opts[k] = v
	}
	recs := make([]rec, len(vals))
	for i, r := range vals {
		recs[i] = rec{r.kind, append([]any{int32(1)}, r.vals...)}
	}
	row, _, err := run(t, opts, fields, recs, "k")
	if err != nil {
		return nil, err
	}
	return row[1], nil
}

type aggCase struct {
	name  string
	typ   types.DataType
	fn    string
	extra map[string]string
	recs  []rec
	want  any
	err   string
}

func TestAggregateFunctions(t *testing.T) {
	d := func(s string) types.Decimal { return dec(s, 5, 2) }
	big := func(s string) types.Decimal { return dec(s, 38, 4) }
	cases := []aggCase{
		// sum
		{name: "sum bigint", typ: types.NewBigInt(), fn: "sum", recs: []rec{I(int64(1)), I(nil), I(int64(2))}, want: int64(3)},
		{name: "sum all null", typ: types.NewBigInt(), fn: "sum", recs: []rec{I(nil), I(nil)}, want: nil},
		{name: "sum tinyint wraps", typ: types.NewTinyInt(), fn: "sum", recs: []rec{I(int8(100)), I(int8(100))}, want: int8(-56)},
		{name: "sum int wraps", typ: types.NewInt(), fn: "sum", recs: []rec{I(int32(math.MaxInt32)), I(int32(1))}, want: int32(math.MinInt32)},
		{name: "sum smallint retract", typ: types.NewSmallInt(), fn: "sum", recs: []rec{I(int16(5)), UB(int16(7))}, want: int16(-2)},
		{name: "sum retract first negates", typ: types.NewBigInt(), fn: "sum", recs: []rec{D(int64(4)), I(int64(1))}, want: int64(-3)},
		{name: "sum retract null keeps", typ: types.NewInt(), fn: "sum", recs: []rec{I(int32(4)), D(nil)}, want: int32(4)},
		{name: "sum update -U/+U", typ: types.NewBigInt(), fn: "sum", recs: []rec{I(int64(10)), UB(int64(10)), UA(int64(30))}, want: int64(30)},
		{name: "sum float", typ: types.NewFloat(), fn: "sum", recs: []rec{I(float32(0.1)), I(float32(0.2))}, want: float32(0.1) + float32(0.2)},
		{name: "sum double retract", typ: types.NewDouble(), fn: "sum", recs: []rec{I(1.5), D(0.25)}, want: 1.25},
		{name: "sum decimal scale", typ: types.NewDecimal(5, 2), fn: "sum", recs: []rec{I(d("1.25")), I(d("2.50")), UB(d("0.05"))}, want: d("3.70")},
		{name: "sum decimal overflow is null", typ: types.NewDecimal(5, 2), fn: "sum", recs: []rec{I(d("999.00")), I(d("1.00"))}, want: nil},
		{name: "sum decimal overflow then restarts", typ: types.NewDecimal(5, 2), fn: "sum", recs: []rec{I(d("999.00")), I(d("1.00")), I(d("2.00"))}, want: d("2.00")},
		{name: "sum decimal38", typ: types.NewDecimal(38, 4), fn: "sum", recs: []rec{I(big("12345678901234567890.1234")), I(big("-0.0234")), D(big("1"))}, want: big("12345678901234567889.1000")},
		{name: "sum decimal38 overflow", typ: types.NewDecimal(38, 4), fn: "sum", recs: []rec{I(big("9999999999999999999999999999999999.0000")), I(big("1.0000"))}, want: nil},
		// product
		{name: "product int", typ: types.NewInt(), fn: "product", recs: []rec{I(int32(3)), I(nil), I(int32(4))}, want: int32(12)},
		{name: "product retract divides", typ: types.NewBigInt(), fn: "product", recs: []rec{I(int64(3)), I(int64(4)), UB(int64(2))}, want: int64(6)},
		{name: "product retract on null acc is null", typ: types.NewBigInt(), fn: "product", recs: []rec{D(int64(3)), I(int64(4))}, want: int64(4)},
		{name: "product divide by zero", typ: types.NewInt(), fn: "product", recs: []rec{I(int32(3)), D(int32(0))}, err: "/ by zero"},
		{name: "product decimal rounds half up", typ: types.NewDecimal(5, 2), fn: "product", recs: []rec{I(d("1.25")), I(d("1.10"))}, want: d("1.38")},
		{name: "product decimal overflow", typ: types.NewDecimal(5, 2), fn: "product", recs: []rec{I(d("100.00")), I(d("10.00"))}, want: nil},
		{name: "product decimal divide", typ: types.NewDecimal(5, 2), fn: "product", recs: []rec{I(d("1.00")), D(d("8.00"))}, want: d("0.13")},
		{name: "product decimal non-terminating", typ: types.NewDecimal(5, 2), fn: "product", recs: []rec{I(d("1.00")), D(d("3.00"))}, err: "Non-terminating decimal expansion"},
		{name: "product tinyint wraps", typ: types.NewTinyInt(), fn: "product", recs: []rec{I(int8(16)), I(int8(16))}, want: int8(0)},
		// count
		{name: "count", typ: types.NewBigInt(), fn: "count", recs: []rec{I(int64(9)), I(nil), I(int64(9)), I(int64(1))}, want: int64(3)},
		{name: "count first null counts 1", typ: types.NewInt(), fn: "count", recs: []rec{I(nil), I(int32(5))}, want: int32(2)},
		{name: "count retract", typ: types.NewInt(), fn: "count", recs: []rec{I(int32(1)), I(int32(1)), UB(int32(1))}, want: int32(1)},
		// max / min
		{name: "max int", typ: types.NewInt(), fn: "max", recs: []rec{I(int32(3)), I(nil), I(int32(9)), I(int32(-1))}, want: int32(9)},
		{name: "min string bytes order", typ: types.NewString(), fn: "min", recs: []rec{I("b"), I("é"), I("a")}, want: "a"},
		{name: "max string utf8", typ: types.NewString(), fn: "max", recs: []rec{I("b"), I("é"), I("z")}, want: "é"},
		{name: "max double +Inf", typ: types.NewDouble(), fn: "max", recs: []rec{I(1.0), I(math.Inf(1))}, want: math.Inf(1)},
		{name: "min double -0", typ: types.NewDouble(), fn: "min", recs: []rec{I(0.0), I(math.Copysign(0, -1))}, want: math.Copysign(0, -1)},
		{name: "max decimal", typ: types.NewDecimal(38, 4), fn: "max", recs: []rec{I(big("-5")), I(big("3.5"))}, want: big("3.5")},
		{name: "max timestamp", typ: types.NewTimestamp(9), fn: "max", recs: []rec{I(types.Timestamp{Millis: 5, NanoOfMilli: 2}), I(types.Timestamp{Millis: 5, NanoOfMilli: 1})}, want: types.Timestamp{Millis: 5, NanoOfMilli: 2}},
		{name: "min date", typ: types.NewDate(), fn: "min", recs: []rec{I(int32(10)), I(int32(-3))}, want: int32(-3)},
		{name: "max retract fails", typ: types.NewInt(), fn: "max", recs: []rec{I(int32(1)), D(int32(1))}, err: "Aggregate function 'max' does not support retraction"},
		{name: "max ignore-retract", typ: types.NewInt(), fn: "max", extra: map[string]string{"fields.v.ignore-retract": "true"}, recs: []rec{I(int32(1)), D(int32(1))}, want: int32(1)},
		// last / first
		{name: "last_value", typ: types.NewString(), fn: "last_value", recs: []rec{I("a"), I(nil)}, want: nil},
		{name: "last_value retract nulls", typ: types.NewString(), fn: "last_value", recs: []rec{I("a"), UB("zz")}, want: nil},
		{name: "last_non_null_value", typ: types.NewString(), fn: "last_non_null_value", recs: []rec{I("a"), I(nil)}, want: "a"},
		{name: "last_non_null retract null keeps", typ: types.NewString(), fn: "last_non_null_value", recs: []rec{I("a"), D(nil)}, want: "a"},
		{name: "last_non_null retract nulls", typ: types.NewString(), fn: "last_non_null_value", recs: []rec{I("a"), D("b")}, want: nil},
		{name: "first_value keeps null", typ: types.NewBigInt(), fn: "first_value", recs: []rec{I(nil), I(int64(2))}, want: nil},
		{name: "first_non_null_value", typ: types.NewBigInt(), fn: "first_non_null_value", recs: []rec{I(nil), I(int64(2)), I(int64(3))}, want: int64(2)},
		{name: "first_value retract fails", typ: types.NewBigInt(), fn: "first_value", recs: []rec{I(int64(1)), UB(int64(1))}, err: "fields.v.ignore-retract"},
		// listagg
		{name: "listagg", typ: types.NewString(), fn: "listagg", recs: []rec{I("a"), I(nil), I("  "), I("b")}, want: "a,b"},
		{name: "listagg delimiter", typ: types.NewString(), fn: "listagg", extra: map[string]string{"fields.v.list-agg-delimiter": "; "}, recs: []rec{I("a"), I("b")}, want: "a; b"},
		{name: "listagg distinct", typ: types.NewString(), fn: "listagg", extra: map[string]string{"fields.v.distinct": "true"}, recs: []rec{I("a,b"), I("b,c, ,a"), I("c")}, want: "a,b,c"},
		{name: "listagg retract fails", typ: types.NewString(), fn: "listagg", recs: []rec{I("a"), D("a")}, err: "'listagg' does not support retraction"},
		// bool
		{name: "bool_and", typ: types.NewBoolean(), fn: "bool_and", recs: []rec{I(true), I(nil), I(false)}, want: false},
		{name: "bool_or", typ: types.NewBoolean(), fn: "bool_or", recs: []rec{I(nil), I(false), I(true)}, want: true},
		{name: "bool_or null", typ: types.NewBoolean(), fn: "bool_or", recs: []rec{I(nil)}, want: nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := aggOne(t, tc.typ, tc.fn, tc.extra, tc.recs)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("error %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if f, ok := got.(float64); ok {
				w := tc.want.(float64)
				if f != w || math.Signbit(f) != math.Signbit(w) {
					t.Fatalf("got %v want %v", got, tc.want)
				}
				return
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Fatalf("got %#v want %#v", got, tc.want)
			}
		})
	}
}

func TestValidation(t *testing.T) {
	fields := fieldsOf(types.NewInt().NotNull(), types.NewString(), types.NewBigInt(), types.NewBoolean())
	cases := []struct {
		opts map[string]string
		want string
	}{
		{map[string]string{"merge-engine": "aggregation", "fields.b.aggregate-function": "sum"}, "Data type for sum column must be 'NumericType' but was 'STRING'"},
		{map[string]string{"merge-engine": "aggregation", "fields.c.aggregate-function": "listagg"}, "list agg column must be 'VarCharType'"},
		{map[string]string{"merge-engine": "aggregation", "fields.b.aggregate-function": "bool_or"}, "bool or column must be 'BooleanType'"},
		{map[string]string{"merge-engine": "aggregation", "fields.d.aggregate-function": "max"}, "Incomparable type: BOOLEAN"},
		{map[string]string{"merge-engine": "aggregation", "fields.b.aggregate-function": "count"}, "field \"b\""},
		{map[string]string{"merge-engine": "aggregation", "fields.b.aggregate-function": "collect"}, "ARRAY columns"},
		{map[string]string{"merge-engine": "aggregation", "fields.c.aggregate-function": "merge_map"}, "MAP columns"},
		{map[string]string{"merge-engine": "aggregation", "fields.default-aggregate-function": "sum"}, "option 'fields.default-aggregate-function', field \"b\""},
		{map[string]string{"merge-engine": "aggregation", "fields.zz.aggregate-function": "sum"}, "Field zz can not be found in table schema."},
		{map[string]string{"merge-engine": "first-row", "sequence.field": "c"}, "Do not support use sequence field on FIRST_ROW merge engine."},
		{map[string]string{"sequence.field": "x"}, "Sequence field: 'x' can not be found in table schema."},
		{map[string]string{"sequence.field": "c,c"}, "Sequence field 'c' is defined repeatedly."},
		{map[string]string{"sequence.field": "c", "fields.c.aggregate-function": "max", "merge-engine": "aggregation"}, "Should not define aggregation on sequence field: 'c'."},
		{map[string]string{"merge-engine": "partial-update", "fields.x.sequence-group": "b"}, "Field x can not be found in table schema"},
		{map[string]string{"merge-engine": "partial-update", "fields.c.sequence-group": "y"}, "Field y can not be found in table schema"},
		{map[string]string{"merge-engine": "partial-update", "fields.c.sequence-group": "b", "fields.d.sequence-group": "b"}, "Field b is defined repeatedly by multiple groups"},
		{map[string]string{"merge-engine": "partial-update", "fields.c.aggregate-function": "sum"}, "Must use sequence group for aggregation functions but not found for field c."},
		{map[string]string{"merge-engine": "partial-update", "ignore-delete": "true", "partial-update.remove-record-on-delete": "true"}, "conflicting behavior"},
		{map[string]string{"merge-engine": "partial-update", "fields.c.sequence-group": "b", "partial-update.remove-record-on-delete": "true"}, "sequence-group and partial-update.remove-record-on-delete"},
		{map[string]string{"merge-engine": "partial-update", "fields.c.sequence-group": "b", "partial-update.remove-record-on-sequence-group": "b"}, "must be part of sequence groups"},
		{map[string]string{"merge-engine": "partial-update", "fields.c.sequence-group": "b", "fields.b.aggregate-function": "max", "fields.c.aggregate-function": "sum"}, "Should not defined aggregation function on sequence group"},
	}
	for _, tc := range cases {
		o, err := optionsParse(tc.opts)
		if err != nil {
			t.Fatalf("%v: %v", tc.opts, err)
		}
		_, err = New(o, fields, "a")
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%v: error %v, want %q", tc.opts, err, tc.want)
		}
	}
	// Valid configurations.
	for _, m := range []map[string]string{
		{"merge-engine": "partial-update", "fields.c.sequence-group": "b", "fields.b.aggregate-function": "max"},
		{"merge-engine": "partial-update", "fields.default-aggregate-function": "last_non_null_value"},
		{"merge-engine": "aggregation", "fields.default-aggregate-function": "last_value"},
		{"merge-engine": "aggregation", "fields.a.aggregate-function": "sum"}, // ignored on the primary key
	} {
		o, _ := optionsParse(m)
		if _, err := New(o, fields, "a"); err != nil {
			t.Errorf("%v: %v", m, err)
		}
	}
}
