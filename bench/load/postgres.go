package load

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"github.com/weir-data/weir/bench/dataset"
	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// PostgresType returns the PostgreSQL spelling of a column type.
func PostgresType(t types.DataType) (string, error) {
	var s string
	switch t.Root {
	case types.Boolean:
		s = "boolean"
	case types.TinyInt, types.SmallInt:
		s = "smallint"
	case types.Int:
		s = "integer"
	case types.BigInt:
		s = "bigint"
	case types.Float:
		s = "real"
	case types.Double:
		s = "double precision"
	case types.DecimalRoot:
		s = fmt.Sprintf("numeric(%d,%d)", t.Precision, t.Scale)
	case types.Date:
		s = "date"
	case types.TimestampRoot:
		s = fmt.Sprintf("timestamp(%d)", min(t.Precision, 6))
	case types.Char:
		s = fmt.Sprintf("char(%d)", t.Length)
	case types.VarChar:
		if t.Length == types.MaxLength {
			s = "text"
		} else {
			s = fmt.Sprintf("varchar(%d)", t.Length)
		}
	default:
		return "", fmt.Errorf("load: no PostgreSQL type for %v", t)
	}
	if !t.Nullable {
		s += " NOT NULL"
	}
	return s, nil
}

// PostgresDDL returns the CREATE TABLE statement of t in schema, with its
// primary key.
func PostgresDDL(schema string, t dataset.Table) (string, error) {
	var b strings.Builder
	fmt.Fprintf(&b, "CREATE TABLE %s (\n", pgx.Identifier{schema, t.Name}.Sanitize())
	for i, c := range t.Columns {
		pt, err := PostgresType(c.Type)
		if err != nil {
			return "", fmt.Errorf("load: column %s of %s: %w", c.Name, t.Name, err)
		}
		if i > 0 {
			b.WriteString(",\n")
		}
		fmt.Fprintf(&b, "    %s %s", pgx.Identifier{c.Name}.Sanitize(), pt)
	}
	if len(t.PrimaryKey) > 0 {
		keys := make([]string, len(t.PrimaryKey))
		for i, k := range t.PrimaryKey {
			keys[i] = pgx.Identifier{k}.Sanitize()
		}
		fmt.Fprintf(&b, ",\n    PRIMARY KEY (%s)", strings.Join(keys, ", "))
	}
	b.WriteString("\n)")
	return b.String(), nil
}

// Postgres creates each source's table in schema (which must exist) and
// copies the generated rows in with COPY FROM STDIN (binary), then ANALYZEs
// the tables.
func Postgres(ctx context.Context, conn *pgx.Conn, schema string, srcs []dataset.Source) ([]Stats, error) {
	var out []Stats
	for _, src := range srcs {
		t := src.Table
		start := time.Now()
		ddl, err := PostgresDDL(schema, t)
		if err != nil {
			return out, err
		}
		if _, err := conn.Exec(ctx, ddl); err != nil {
			return out, fmt.Errorf("load: create table %s.%s: %w", schema, t.Name, err)
		}
		n, err := copyTable(ctx, conn, schema, src)
		if err != nil {
			return out, fmt.Errorf("load: copy into %s.%s: %w", schema, t.Name, err)
		}
		for i, cols := range t.Indexes {
			if err := createIndex(ctx, conn, schema, t.Name, i, cols); err != nil {
				return out, err
			}
		}
		if _, err := conn.Exec(ctx, "ANALYZE "+pgx.Identifier{schema, t.Name}.Sanitize()); err != nil {
			return out, fmt.Errorf("load: analyze %s.%s: %w", schema, t.Name, err)
		}
		out = append(out, Stats{Table: t.Name, Rows: n, Elapsed: time.Since(start)})
	}
	return out, nil
}

func createIndex(ctx context.Context, conn *pgx.Conn, schema, tbl string, i int, cols []string) error {
	quoted := make([]string, len(cols))
	for j, c := range cols {
		quoted[j] = pgx.Identifier{c}.Sanitize()
	}
	name := pgx.Identifier{fmt.Sprintf("%s_idx%d", tbl, i)}.Sanitize()
	sql := fmt.Sprintf("CREATE INDEX %s ON %s (%s)", name, pgx.Identifier{schema, tbl}.Sanitize(), strings.Join(quoted, ", "))
	if _, err := conn.Exec(ctx, sql); err != nil {
		return fmt.Errorf("load: index %s.%s (%s): %w", schema, tbl, strings.Join(cols, ", "), err)
	}
	return nil
}

// copyTable runs the generator on its own goroutine and hands each batch to
// pgx's CopyFrom without copying it: the generator waits until the copy has
// consumed a batch before it may reuse it.
func copyTable(parent context.Context, conn *pgx.Conn, schema string, src dataset.Source) (int64, error) {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	batches := make(chan *vec.Batch)
	consumed := make(chan struct{})
	genErr := make(chan error, 1)
	go func() {
		defer close(batches)
		genErr <- src.Rows(ctx, func(b *vec.Batch) error {
			select {
			case batches <- b:
			case <-ctx.Done():
				return ctx.Err()
			}
			select {
			case <-consumed:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
	}()
	cols := make([]string, len(src.Table.Columns))
	for i, c := range src.Table.Columns {
		cols[i] = c.Name
	}
	rows := newBatchRows(src.Table, batches, consumed)
	n, err := conn.CopyFrom(ctx, pgx.Identifier{schema, src.Table.Name}, cols, rows)
	cancel()
	for range batches { // unblock the generator if the copy stopped early
	}
	gerr := <-genErr
	if err := parent.Err(); err != nil {
		return n, err
	}
	if err != nil {
		return n, err
	}
	if gerr != nil && !errors.Is(gerr, context.Canceled) {
		return n, gerr
	}
	return n, nil
}

// batchRows adapts a stream of batches to pgx.CopyFromSource: one row at a
// time, reusing the value slice and the numeric scratch between rows (pgx
// encodes a row before asking for the next).
type batchRows struct {
	batches  <-chan *vec.Batch
	consumed chan<- struct{}
	cur      *vec.Batch
	row      int
	vals     []any
	nums     []pgtype.Numeric
	scales   []int32
}

func newBatchRows(t dataset.Table, batches <-chan *vec.Batch, consumed chan<- struct{}) *batchRows {
	r := &batchRows{batches: batches, consumed: consumed, vals: make([]any, len(t.Columns)),
		nums: make([]pgtype.Numeric, len(t.Columns)), scales: make([]int32, len(t.Columns))}
	for i, c := range t.Columns {
		r.nums[i] = pgtype.Numeric{Int: new(big.Int), Valid: true}
		r.scales[i] = int32(c.Type.Scale)
	}
	return r
}

func (r *batchRows) Next() bool {
	r.row++
	for r.cur == nil || r.row >= r.cur.Len {
		if r.cur != nil {
			r.cur = nil
			r.consumed <- struct{}{}
		}
		b, ok := <-r.batches
		if !ok {
			return false
		}
		r.cur, r.row = b, 0
	}
	return true
}

func (r *batchRows) Values() ([]any, error) {
	i := r.row
	for c, v := range r.cur.Cols {
		if v.Nulls.Get(i) {
			r.vals[c] = nil
			continue
		}
		switch v.Kind {
		case vec.KindBool:
			r.vals[c] = v.Bools[i]
		case vec.KindI8:
			r.vals[c] = int16(v.I8[i])
		case vec.KindI16:
			r.vals[c] = v.I16[i]
		case vec.KindI32:
			if v.Type.Root == types.Date {
				r.vals[c] = pgtype.Date{Time: time.Unix(int64(v.I32[i])*86400, 0).UTC(), Valid: true}
			} else {
				r.vals[c] = v.I32[i]
			}
		case vec.KindI64:
			if v.Type.Root == types.DecimalRoot {
				n := &r.nums[c]
				n.Int.SetInt64(v.I64[i])
				n.Exp = -r.scales[c]
				r.vals[c] = n
			} else {
				r.vals[c] = v.I64[i]
			}
		case vec.KindF32:
			r.vals[c] = v.F32[i]
		case vec.KindF64:
			r.vals[c] = v.F64[i]
		case vec.KindDecimal:
			n := &r.nums[c]
			n.Int = v.Dec[i].Big()
			n.Exp = -r.scales[c]
			r.vals[c] = n
		case vec.KindTimestamp:
			ts := v.TS[i]
			r.vals[c] = pgtype.Timestamp{Time: time.UnixMilli(ts.Millis).Add(time.Duration(ts.NanoOfMilli)).UTC(), Valid: true}
		case vec.KindBytes:
			r.vals[c] = v.Bytes(i)
		default:
			return nil, fmt.Errorf("load: column %d: unsupported vector kind %d", c, v.Kind)
		}
	}
	return r.vals, nil
}

func (r *batchRows) Err() error { return nil }
