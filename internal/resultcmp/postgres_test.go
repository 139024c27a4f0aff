package resultcmp

import (
	"context"
	"testing"

	"github.com/weir-data/weir/internal/pgtest"
	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// TestPostgresMatchesBatchRendering renders the same values from PostgreSQL
// and from a Weir batch, and requires the canonical forms to be identical.
func TestPostgresMatchesBatchRendering(t *testing.T) {
	conn, _ := pgtest.Conn(t)
	ctx := context.Background()
	sql := `SELECT 42::int AS i, -7::bigint AS b, 12.50::numeric(15,2) AS d, 'x y'::varchar AS s,
		DATE '1998-12-01' AS dt, TIMESTAMP '2023-01-02 03:04:05.25' AS ts, true AS ok, 0.5::float8 AS f,
		NULL::numeric(15,2) AS n
		UNION ALL
		SELECT 0, 9000000000, -0.05, '', DATE '1970-01-01', TIMESTAMP '2023-01-02 03:04:05', false, -1.25, 1.00`
	got, err := QueryPostgres(ctx, conn, sql)
	if err != nil {
		t.Fatal(err)
	}
	ts := []types.DataType{types.NewInt(), types.NewBigInt(), types.NewDecimal(15, 2), types.NewString(),
		types.NewDate(), types.NewTimestamp(3), types.NewBoolean(), types.NewDouble(), types.NewDecimal(15, 2)}
	b, err := vec.NewBatch(ts, 2)
	if err != nil {
		t.Fatal(err)
	}
	ms := int64(1672628645000)
	if err := b.AppendRow(types.Insert, int32(42), int64(-7), types.DecimalFromInt64(1250), "x y", int32(10561),
		types.Timestamp{Millis: ms + 250}, true, 0.5, nil); err != nil {
		t.Fatal(err)
	}
	if err := b.AppendRow(types.Insert, int32(0), int64(9000000000), types.DecimalFromInt64(-5), "", int32(0),
		types.Timestamp{Millis: ms}, false, -1.25, types.DecimalFromInt64(100)); err != nil {
		t.Fatal(err)
	}
	want := NewResult([]string{"i", "b", "d", "s", "dt", "ts", "ok", "f", "n"}, ts)
	if err := want.AppendBatch(b); err != nil {
		t.Fatal(err)
	}
	for i := range want.Rows {
		for c := range want.Rows[i] {
			if want.Rows[i][c] != got.Rows[i][c] {
				t.Errorf("row %d column %s: batch renders %q, PostgreSQL %q", i, want.Columns[c].Name, want.Rows[i][c], got.Rows[i][c])
			}
		}
	}
	if err := CompareQuery(sql, want, got); err != nil {
		t.Fatal(err)
	}
	for i, c := range got.Columns {
		if w := want.Columns[i]; c.Kind != w.Kind {
			t.Errorf("column %s: PostgreSQL kind %v, batch kind %v", c.Name, c.Kind, w.Kind)
		}
	}
}
