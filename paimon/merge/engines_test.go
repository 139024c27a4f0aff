package merge

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/weir-data/weir/types"
)

type engineCase struct {
	name    string
	opts    map[string]string
	recs    []rec
	want    []any // nil: nothing emitted
	kind    types.RowKind
	seq     int64
	wantErr string
}

func runCases(t *testing.T, fields []types.Field, base map[string]string, cases []engineCase, pk ...string) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			opts := map[string]string{}
			for k, v := range base {
				opts[k] = v
			}
			for k, v := range tc.opts {
				opts[k] = v
			}
			got, res, err := run(t, opts, fields, tc.recs, pk...)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("error %v, want %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Fatalf("row %v, want %v", got, tc.want)
			}
			if tc.want != nil && res.Kind != tc.kind {
				t.Fatalf("kind %v, want %v", res.Kind, tc.kind)
			}
			if tc.seq != 0 && res.Seq != tc.seq {
				t.Fatalf("seq %d, want %d", res.Seq, tc.seq)
			}
		})
	}
}

func TestDeduplicate(t *testing.T) {
	fields := fieldsOf(types.NewInt().NotNull(), types.NewString())
	runCases(t, fields, map[string]string{}, []engineCase{
		{name: "last wins", recs: []rec{I(int32(1), "a"), UA(int32(1), "b")}, want: []any{int32(1), "b"}, kind: types.UpdateAfter, seq: 2},
		{name: "null wins too", recs: []rec{I(int32(1), "a"), I(int32(1), nil)}, want: []any{int32(1), nil}, kind: types.Insert},
		{name: "delete winner", recs: []rec{I(int32(1), "a"), D(int32(1), "a")}, want: []any{int32(1), "a"}, kind: types.Delete, seq: 2},
		{name: "ignore-delete", opts: map[string]string{"ignore-delete": "true"}, recs: []rec{I(int32(1), "a"), D(int32(1), "a"), UB(int32(1), "a")}, want: []any{int32(1), "a"}, kind: types.Insert, seq: 1},
		{name: "ignore-delete fallback key", opts: map[string]string{"deduplicate.ignore-delete": "true"}, recs: []rec{D(int32(1), "a")}, want: nil},
	}, "a")
}

func TestDeduplicatePick(t *testing.T) {
	fields := fieldsOf(types.NewInt())
	f, err := New(mustOpts(t, nil), fields)
	if err != nil {
		t.Fatal(err)
	}
	res, err := f.Merge(buildGroup(t, fields, []rec{I(int32(1)), I(int32(2))}), nil)
	if err != nil || res.Pick != 1 || !res.Emitted {
		t.Fatalf("%+v %v", res, err)
	}
}

func TestFirstRow(t *testing.T) {
	fields := fieldsOf(types.NewInt().NotNull(), types.NewString())
	base := map[string]string{"merge-engine": "first-row"}
	runCases(t, fields, base, []engineCase{
		{name: "first wins", recs: []rec{I(int32(1), "a"), I(int32(1), "b")}, want: []any{int32(1), "a"}, kind: types.Insert, seq: 1},
		{name: "first is +U", recs: []rec{UA(int32(1), "a"), I(int32(1), "b")}, want: []any{int32(1), "a"}, kind: types.UpdateAfter},
		{name: "delete fails", recs: []rec{I(int32(1), "a"), D(int32(1), "a")}, wantErr: "First row merge engine can not accept DELETE/UPDATE_BEFORE"},
		{name: "-U fails", recs: []rec{UB(int32(1), "a")}, wantErr: "'ignore-delete'"},
		{name: "ignore-delete", opts: map[string]string{"ignore-delete": "true"}, recs: []rec{D(int32(1), "x"), I(int32(1), "a"), UB(int32(1), "a")}, want: []any{int32(1), "a"}, kind: types.Insert, seq: 2},
		{name: "only deletes", opts: map[string]string{"first-row.ignore-delete": "true"}, recs: []rec{D(int32(1), "x")}, want: nil},
	}, "a")
	_, _, err := run(t, map[string]string{"merge-engine": "first-row"}, fields, []rec{D(int32(1), "a")})
	if !errors.Is(err, ErrFirstRowRetract) {
		t.Fatalf("error %v", err)
	}
}

func TestPartialUpdate(t *testing.T) {
	fields := fieldsOf(types.NewInt().NotNull(), types.NewString(), types.NewBigInt(), types.NewInt().NotNull())
	base := map[string]string{"merge-engine": "partial-update"}
	runCases(t, fields, base, []engineCase{
		{name: "newest non-null", recs: []rec{I(int32(1), "a", nil, int32(0)), I(int32(1), nil, int64(5), int32(1)), UA(int32(1), "c", nil, int32(2))},
			want: []any{int32(1), "c", int64(5), int32(2)}, kind: types.Insert, seq: 3},
		{name: "delete fails", recs: []rec{I(int32(1), "a", nil, int32(0)), D(int32(1), "a", nil, int32(0))}, wantErr: "Partial update can not accept delete records"},
		{name: "not null column null", recs: []rec{I(int32(1), "a", nil, nil)}, wantErr: "can not be null"},
		{name: "ignore-delete", opts: map[string]string{"ignore-delete": "true"},
			recs: []rec{I(int32(1), "a", int64(1), int32(0)), D(int32(1), "a", nil, int32(9)), UB(int32(1), "a", nil, int32(9))},
			want: []any{int32(1), "a", int64(1), int32(0)}, kind: types.Insert, seq: 1},
		{name: "ignore-delete only deletes gives -D with NOT NULL columns", opts: map[string]string{"partial-update.ignore-delete": "true"},
			recs: []rec{D(int32(1), "a", int64(3), int32(7))},
			want: []any{int32(1), nil, nil, int32(7)}, kind: types.Delete, seq: 0},
		{name: "remove-record-on-delete", opts: map[string]string{"partial-update.remove-record-on-delete": "true"},
			recs: []rec{I(int32(1), "a", int64(1), int32(0)), D(int32(1), nil, nil, int32(4))},
			want: []any{int32(1), nil, nil, int32(4)}, kind: types.Delete, seq: 2},
		{name: "remove-record-on-delete then insert", opts: map[string]string{"partial-update.remove-record-on-delete": "true"},
			recs: []rec{I(int32(1), "a", int64(1), int32(0)), D(int32(1), nil, nil, int32(4)), I(int32(1), nil, int64(2), int32(5))},
			want: []any{int32(1), nil, int64(2), int32(5)}, kind: types.Insert, seq: 3},
		{name: "remove-record-on-delete skips -U", opts: map[string]string{"partial-update.remove-record-on-delete": "true"},
			recs: []rec{I(int32(1), "a", int64(1), int32(0)), UB(int32(1), "a", int64(1), int32(0))},
			want: []any{int32(1), "a", int64(1), int32(0)}, kind: types.Insert, seq: 2},
	}, "a")
}

func TestPartialUpdateSequenceGroup(t *testing.T) {
	// k, a, b, g1, c, d, g2  with g1 ordering a,b and g2 ordering c,d.
	fields := fieldsOf(types.NewInt().NotNull(), types.NewString(), types.NewString(), types.NewInt(), types.NewString(), types.NewBigInt(), types.NewInt())
	base := map[string]string{
		"merge-engine":                "partial-update",
		"fields.d.sequence-group":     "c",
		"fields.g.sequence-group":     "e,f",
		"fields.f.aggregate-function": "sum",
	}
	runCases(t, fields, base, []engineCase{
		{name: "older group update ignored, newer applied",
			recs: []rec{
				I(int32(1), "x", "b1", int32(1), "e1", int64(10), int32(5)),
				I(int32(1), "y", "b0", int32(0), "e0", int64(1), int32(3)), // g1 older; g2 older → f aggregates anyway
				I(int32(1), nil, nil, int32(2), nil, nil, nil),             // g1 newer: b,c set to null; g2 empty → skipped
			},
			want: []any{int32(1), "y", nil, int32(2), "e1", int64(11), int32(5)}, kind: types.Insert, seq: 3},
		{name: "retract group sets null and subtracts",
			recs: []rec{
				I(int32(1), "x", "b1", int32(1), "e1", int64(10), int32(5)),
				UB(int32(1), "x", "b1", int32(1), "e1", int64(4), int32(6)),
			},
			want: []any{int32(1), "x", nil, int32(1), nil, int64(6), int32(6)}, kind: types.Insert, seq: 2},
		{name: "remove-record-on-sequence-group",
			opts: map[string]string{"partial-update.remove-record-on-sequence-group": "d"},
			recs: []rec{
				I(int32(1), "x", "b1", int32(1), "e1", int64(10), int32(5)),
				D(int32(1), nil, nil, int32(2), nil, nil, nil),
			},
			want: []any{int32(1), nil, nil, nil, nil, nil, nil}, kind: types.Delete, seq: 2},
		{name: "delete on other group only retracts",
			opts: map[string]string{"partial-update.remove-record-on-sequence-group": "d"},
			recs: []rec{
				I(int32(1), "x", "b1", int32(1), "e1", int64(10), int32(5)),
				D(int32(1), nil, nil, nil, "e1", int64(10), int32(7)),
			},
			want: []any{int32(1), "x", "b1", int32(1), nil, int64(0), int32(7)}, kind: types.Insert, seq: 2},
		{name: "only retractions give -D", recs: []rec{UB(int32(1), nil, "b", int32(1), nil, nil, nil)},
			want: []any{int32(1), nil, nil, int32(1), nil, nil, nil}, kind: types.Delete},
	}, "a")
}

func TestPartialUpdateMultiFieldSequenceGroup(t *testing.T) {
	fields := fieldsOf(types.NewInt().NotNull(), types.NewString(), types.NewInt(), types.NewInt())
	base := map[string]string{"merge-engine": "partial-update", "fields.c,d.sequence-group": "b"}
	runCases(t, fields, base, []engineCase{
		{name: "second field breaks tie", recs: []rec{I(int32(1), "new", int32(1), int32(5)), I(int32(1), "old", int32(1), int32(4))},
			want: []any{int32(1), "new", int32(1), int32(5)}, kind: types.Insert},
		{name: "equal applies", recs: []rec{I(int32(1), "a", int32(1), int32(5)), I(int32(1), "b", int32(1), int32(5))},
			want: []any{int32(1), "b", int32(1), int32(5)}, kind: types.Insert},
		{name: "null second field is older", recs: []rec{I(int32(1), "a", int32(1), int32(5)), I(int32(1), "b", int32(1), nil)},
			want: []any{int32(1), "a", int32(1), int32(5)}, kind: types.Insert},
	}, "a")
}

func TestAggregationEngine(t *testing.T) {
	fields := fieldsOf(types.NewInt().NotNull(), types.NewBigInt(), types.NewString(), types.NewInt().NotNull())
	base := map[string]string{"merge-engine": "aggregation", "fields.b.aggregate-function": "sum", "fields.d.aggregate-function": "max"}
	runCases(t, fields, base, []engineCase{
		{name: "sum, default last_non_null, max", recs: []rec{I(int32(1), int64(10), "x", int32(3)), I(int32(1), int64(5), nil, int32(2))},
			want: []any{int32(1), int64(15), "x", int32(3)}, kind: types.Insert, seq: 2},
		{name: "update 10 -> 30 as -U/+U", opts: map[string]string{"fields.d.ignore-retract": "true"},
			recs: []rec{I(int32(1), int64(10), "x", int32(1)), UB(int32(1), int64(10), "x", int32(1)), UA(int32(1), int64(30), "y", int32(1))},
			want: []any{int32(1), int64(30), "y", int32(1)}, kind: types.Insert, seq: 3},
		{name: "max cannot retract", recs: []rec{I(int32(1), int64(10), "x", int32(1)), UB(int32(1), int64(10), "x", int32(1))},
			wantErr: "'fields.d.ignore-retract'='true'"},
		{name: "remove-record-on-delete", opts: map[string]string{"aggregation.remove-record-on-delete": "true"},
			recs: []rec{I(int32(1), int64(10), "x", int32(1)), D(int32(1), int64(10), "x", int32(7))},
			want: []any{int32(1), nil, nil, int32(7)}, kind: types.Delete, seq: 2},
		{name: "remove-record-on-delete then insert", opts: map[string]string{"aggregation.remove-record-on-delete": "true"},
			recs: []rec{I(int32(1), int64(10), "x", int32(1)), D(int32(1), int64(10), "x", int32(7)), I(int32(1), int64(2), nil, int32(3))},
			want: []any{int32(1), int64(2), nil, int32(7)}, kind: types.Insert, seq: 3},
		{name: "default-aggregate-function", opts: map[string]string{"fields.default-aggregate-function": "min"},
			recs: []rec{I(int32(1), int64(10), "x", int32(4)), I(int32(1), int64(5), "a", int32(9))},
			want: []any{int32(1), int64(15), "a", int32(9)}, kind: types.Insert},
		{name: "ignore-delete", opts: map[string]string{"ignore-delete": "true"},
			recs: []rec{I(int32(1), int64(10), "x", int32(4)), D(int32(1), int64(5), "a", int32(9))},
			want: []any{int32(1), int64(10), "x", int32(4)}, kind: types.Insert, seq: 1},
	}, "a")
}

func TestAggregationSequenceField(t *testing.T) {
	// The sequence field aggregates with last_value; the primary key keeps its value.
	fields := fieldsOf(types.NewString().NotNull(), types.NewBigInt(), types.NewBigInt())
	base := map[string]string{"merge-engine": "aggregation", "sequence.field": "c", "fields.default-aggregate-function": "sum"}
	runCases(t, fields, base, []engineCase{
		{name: "seq last_value", recs: []rec{I("k", int64(1), int64(7)), I("k", int64(2), nil)},
			want: []any{"k", int64(3), nil}, kind: types.Insert},
	}, "a")
}
