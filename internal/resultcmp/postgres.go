package resultcmp

import (
	"context"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgtype"
)

// QueryPostgres runs sql on conn and returns its result in canonical form.
// Values are fetched in PostgreSQL's text format, which is already canonical
// for numbers (numeric keeps its scale) and, with DateStyle ISO (the
// default, checked here), for dates and timestamps.
func QueryPostgres(ctx context.Context, conn *pgx.Conn, sql string) (*Result, error) {
	var style string
	if err := conn.QueryRow(ctx, "SHOW DateStyle").Scan(&style); err != nil {
		return nil, fmt.Errorf("resultcmp: read DateStyle: %w", err)
	}
	if !strings.HasPrefix(style, "ISO") {
		return nil, fmt.Errorf("resultcmp: DateStyle is %q; dates are canonical only with ISO", style)
	}
	rows, err := conn.Query(ctx, sql, pgx.QueryResultFormats{pgx.TextFormatCode})
	if err != nil {
		return nil, fmt.Errorf("resultcmp: run query: %w", err)
	}
	defer rows.Close()
	res := &Result{}
	for _, fd := range rows.FieldDescriptions() {
		res.Columns = append(res.Columns, pgColumn(fd))
	}
	for rows.Next() {
		raw := rows.RawValues()
		row := make([]string, len(raw))
		for i, v := range raw {
			if v == nil {
				row[i] = Null
				continue
			}
			row[i] = pgCanonical(res.Columns[i].Kind, string(v))
		}
		res.Rows = append(res.Rows, row)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("resultcmp: run query: %w", err)
	}
	return res, nil
}

func pgColumn(fd pgconn.FieldDescription) Column {
	c := Column{Name: fd.Name, Kind: Other, Scale: -1}
	switch fd.DataTypeOID {
	case pgtype.Int2OID, pgtype.Int4OID, pgtype.Int8OID:
		c.Kind = Integer
	case pgtype.NumericOID:
		c.Kind = Decimal
		if fd.TypeModifier >= 4 {
			c.Scale = int((fd.TypeModifier - 4) & 0xffff)
		}
	case pgtype.Float4OID, pgtype.Float8OID:
		c.Kind = Float
	case pgtype.BoolOID:
		c.Kind = Bool
	case pgtype.DateOID:
		c.Kind = Date
	case pgtype.TimestampOID, pgtype.TimestamptzOID:
		c.Kind = Timestamp
	case pgtype.TextOID, pgtype.VarcharOID, pgtype.BPCharOID, pgtype.NameOID:
		c.Kind = String
	}
	return c
}

func pgCanonical(k Kind, s string) string {
	switch k {
	case Bool:
		if s == "t" {
			return "true"
		}
		return "false"
	case Timestamp:
		return trimFraction(s)
	}
	return s
}

// trimFraction drops trailing zeros of a timestamp's fraction (and the dot).
func trimFraction(s string) string {
	if i := strings.LastIndexByte(s, '.'); i >= 0 && i > strings.LastIndexByte(s, ':') {
		s = strings.TrimRight(s, "0")
		s = strings.TrimSuffix(s, ".")
	}
	return s
}
