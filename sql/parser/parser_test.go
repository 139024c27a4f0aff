package parser

import (
	"errors"
	"strings"
	"testing"

	"github.com/weir-data/weir/sql/ast"
)

func TestParseExprPrecedence(t *testing.T) {
	tests := []struct{ in, want string }{
		{"a + b * c", "a + b * c"},
		{"(a + b) * c", "(a + b) * c"},
		{"a - (b - c)", "a - (b - c)"},
		{"(a - b) - c", "a - b - c"},
		{"a OR b AND c", "a OR b AND c"},
		{"(a OR b) AND c", "(a OR b) AND c"},
		{"NOT a = b", "NOT a = b"},
		{"(NOT a) = b", "(NOT a) = b"},
		{"-(a * b)", "-(a * b)"},
		{"-a * b", "-a * b"},
		{"- (-a)", "- -a"},
		{"a || b + c", "a || b + c"},
		{"a || (b + c)", "a || (b + c)"},
		{"(a || b) + c", "a || b + c"},
		{"a = b IS NULL", "a = b IS NULL"},
		{"a = (b IS NULL)", "a = (b IS NULL)"},
		{"(a BETWEEN 1 AND 2) = TRUE", "a BETWEEN 1 AND 2 = TRUE"},
		{"a BETWEEN (1 = 1) AND 2", "a BETWEEN (1 = 1) AND 2"},
		{"a IN (1, 2) AND b", "a IN (1, 2) AND b"},
		{"(a + b)[1]", "(a + b)[1]"},
		{"(a).b", "(a).b"},
		{"a.b", "a.b"},
		{"x LIKE (a || 'b') ESCAPE '!'", "x LIKE a || 'b' ESCAPE '!'"},
		{"NOT NOT a", "NOT NOT a"},
		{"a != b", "a <> b"},
		{"CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"},
		{"`select`", "`select`"},
		{"`my col`.`x`", "`my col`.x"},
		{"'a' || U&'\\000A'", "'a' || U&'\\000A'"},
	}
	for _, tt := range tests {
		e, err := ParseExpr(tt.in)
		if err != nil {
			t.Errorf("ParseExpr(%q): %v", tt.in, err)
			continue
		}
		got := ast.Format(e)
		if got != tt.want {
			t.Errorf("ParseExpr(%q) prints %q, want %q", tt.in, got, tt.want)
			continue
		}
		again, err := ParseExpr(got)
		if err != nil || !sameTree(e, again) {
			t.Errorf("%q does not round-trip: %v", got, err)
		}
	}
}

func TestParseExprTree(t *testing.T) {
	e, err := ParseExpr("a + b * c")
	if err != nil {
		t.Fatal(err)
	}
	add, ok := e.(*ast.BinaryExpr)
	if !ok || add.Op != "+" {
		t.Fatalf("got %#v, want + at the root", e)
	}
	if mul, ok := add.R.(*ast.BinaryExpr); !ok || mul.Op != "*" {
		t.Fatalf("right operand %#v, want *", add.R)
	}
	n, err := ParseExpr("1e3")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		in   string
		kind ast.NumberKind
	}{{"42", ast.IntegerNumber}, {"4.2", ast.DecimalNumber}, {".5", ast.DecimalNumber}, {"1e3", ast.ApproxNumber}, {"2.5E-2", ast.ApproxNumber}} {
		n, err = ParseExpr(tt.in)
		if err != nil {
			t.Fatal(err)
		}
		lit, ok := n.(*ast.NumberLit)
		if !ok || lit.Kind != tt.kind || lit.Text != tt.in {
			t.Errorf("%s: got %#v, want kind %d", tt.in, n, tt.kind)
		}
	}
	s, err := ParseExpr("'it''s' ' ok'")
	if err != nil {
		t.Fatal(err)
	}
	if lit := s.(*ast.StringLit); lit.Value != "it's ok" {
		t.Errorf("string value %q", lit.Value)
	}
	u, err := ParseExpr(`U&'\0041\+01F600\\'`)
	if err != nil {
		t.Fatal(err)
	}
	if lit := u.(*ast.StringLit); lit.Value != "A😀\\" {
		t.Errorf("unicode string value %q", lit.Value)
	}
	p, err := ParseExpr("? + ? + $3")
	if err != nil {
		t.Fatal(err)
	}
	var params []int
	var walk func(ast.Expr)
	walk = func(e ast.Expr) {
		switch e := e.(type) {
		case *ast.BinaryExpr:
			walk(e.L)
			walk(e.R)
		case *ast.Param:
			params = append(params, e.Index)
		}
	}
	walk(p)
	if len(params) != 3 || params[0] != 1 || params[1] != 2 || params[2] != 3 {
		t.Errorf("parameter indexes %v, want [1 2 3]", params)
	}
}

func TestPositions(t *testing.T) {
	stmt, err := ParseOne("SELECT a,\n  `中文` + 1 AS x\nFROM t")
	if err != nil {
		t.Fatal(err)
	}
	q := stmt.(*ast.Query)
	sel := q.Body.(*ast.Select)
	if got := sel.Position(); got != (ast.Pos{Offset: 0, Line: 1, Col: 1}) {
		t.Errorf("select at %+v", got)
	}
	bin := sel.Items[1].Expr.(*ast.BinaryExpr)
	if got := bin.L.Position(); got != (ast.Pos{Offset: 12, Line: 2, Col: 3}) {
		t.Errorf("`中文` at %+v", got)
	}
	if got := bin.R.Position(); got.Line != 2 || got.Col != 10 {
		t.Errorf("1 at %+v, want 2:10 (columns count characters)", got)
	}
	if got := sel.From.Position(); got.Line != 3 || got.Col != 6 {
		t.Errorf("t at %+v", got)
	}
}

func TestErrorValue(t *testing.T) {
	_, err := Parse("SELECT a FROM t;\nSELECT (b FROM t")
	var pe *Error
	if !errors.As(err, &pe) {
		t.Fatalf("error %T, want *Error", err)
	}
	if pe.Line != 2 || pe.Column != 11 || pe.Found != "'FROM'" || pe.Msg != "expected ')' but found 'FROM'" {
		t.Errorf("got %+v", pe)
	}
}

func TestParseOne(t *testing.T) {
	if _, err := ParseOne("SELECT 1;"); err != nil {
		t.Error(err)
	}
	if _, err := ParseOne("SELECT 1; SELECT 2"); err == nil || !strings.Contains(err.Error(), "use Parse for a script") {
		t.Errorf("two statements: %v", err)
	}
	if _, err := ParseOne("  -- nothing\n"); err == nil || !strings.Contains(err.Error(), "empty statement") {
		t.Errorf("empty: %v", err)
	}
	stmts, err := Parse(";;\n-- only comments\n;")
	if err != nil || len(stmts) != 0 {
		t.Errorf("empty script: %v %v", stmts, err)
	}
}

func TestStatementShapes(t *testing.T) {
	stmt, err := ParseOne("CREATE TABLE IF NOT EXISTS db.t (id BIGINT NOT NULL, c AS id + 1, m STRING METADATA FROM 'k' VIRTUAL, " +
		"WATERMARK FOR ts AS ts, PRIMARY KEY (id) NOT ENFORCED) PARTITIONED BY (p) WITH ('bucket' = '2') LIKE s (EXCLUDING OPTIONS)")
	if err != nil {
		t.Fatal(err)
	}
	ct := stmt.(*ast.CreateTable)
	if !ct.IfNotExists || ct.Name.String() != "db.t" || len(ct.Columns) != 3 || ct.PrimaryKey == nil ||
		len(ct.Watermarks) != 1 || ct.PartitionBy[0] != "p" || ct.Options[0] != (ast.Option{Pos: ct.Options[0].Pos, Key: "bucket", Value: "2"}) ||
		ct.Like.Options[0] != (ast.LikeOption{Strategy: "EXCLUDING", Feature: "OPTIONS"}) {
		t.Errorf("create table: %+v", ct)
	}
	if c := ct.Columns[0]; c.Kind != ast.PhysicalColumn || !c.Type.NotNull || c.Type.Name != "BIGINT" {
		t.Errorf("column 0: %+v", c)
	}
	if c := ct.Columns[1]; c.Kind != ast.ComputedColumn || c.Expr == nil {
		t.Errorf("column 1: %+v", c)
	}
	if c := ct.Columns[2]; c.Kind != ast.MetadataColumn || c.MetadataKey != "k" || !c.Virtual {
		t.Errorf("column 2: %+v", c)
	}

	stmt, err = ParseOne("SELECT a FROM t UNION ALL SELECT b FROM u INTERSECT SELECT c FROM v ORDER BY 1 LIMIT 5")
	if err != nil {
		t.Fatal(err)
	}
	q := stmt.(*ast.Query)
	u := q.Body.(*ast.SetOp)
	if u.Op != ast.Union || !u.All || u.R.(*ast.SetOp).Op != ast.Intersect || len(q.OrderBy) != 1 || q.Limit == nil {
		t.Errorf("set operations: %s", ast.Format(q))
	}

	stmt, err = ParseOne("BEGIN STATEMENT SET; INSERT INTO a SELECT 1; INSERT INTO b SELECT 2; END;")
	if err != nil {
		t.Fatal(err)
	}
	if ss := stmt.(*ast.StatementSet); !ss.Legacy || len(ss.Inserts) != 2 {
		t.Errorf("statement set: %+v", ss)
	}
}

func TestParseType(t *testing.T) {
	tests := []struct{ in, dataType string }{
		{"INT", "INT"},
		{"integer not null", "INT NOT NULL"},
		{"DECIMAL", "DECIMAL(10, 0)"},
		{"NUMERIC(5)", "DECIMAL(5, 0)"},
		{"DEC(38, 18)", "DECIMAL(38, 18)"},
		{"CHAR", "CHAR(1)"},
		{"VARCHAR", "VARCHAR(1)"},
		{"CHARACTER VARYING(20)", "VARCHAR(20)"},
		{"STRING", "STRING"},
		{"BINARY", "BINARY(1)"},
		{"VARBINARY(3)", "VARBINARY(3)"},
		{"BYTES", "BYTES"},
		{"DOUBLE PRECISION", "DOUBLE"},
		{"TIME", "TIME(0)"},
		{"TIMESTAMP", "TIMESTAMP(6)"},
		{"TIMESTAMP(3) WITHOUT TIME ZONE", "TIMESTAMP(3)"},
		{"TIMESTAMP WITH LOCAL TIME ZONE", "TIMESTAMP(6) WITH LOCAL TIME ZONE"},
		{"TIMESTAMP_LTZ(3)", "TIMESTAMP(3) WITH LOCAL TIME ZONE"},
		{"ARRAY<INT NOT NULL>", "ARRAY<INT NOT NULL>"},
		{"INT ARRAY", "ARRAY<INT>"},
		{"INT NOT NULL ARRAY NOT NULL", "ARRAY<INT NOT NULL> NOT NULL"},
		{"MAP<STRING, BIGINT>", "MAP<STRING, BIGINT>"},
		{"MULTISET<STRING>", "MULTISET<STRING>"},
		{"ROW<a INT, b STRING 'the b'>", "ROW<a INT, b STRING>"},
		{"ROW(a INT)", "ROW<a INT>"},
		{"ROW<>", "ROW<>"},
		{"VARIANT", "VARIANT"},
	}
	for _, tt := range tests {
		tn, err := ParseType(tt.in)
		if err != nil {
			t.Errorf("ParseType(%q): %v", tt.in, err)
			continue
		}
		dt, err := tn.ToDataType()
		if err != nil {
			t.Errorf("%q: ToDataType: %v", tt.in, err)
			continue
		}
		if dt.String() != tt.dataType {
			t.Errorf("%q: got %s, want %s", tt.in, dt, tt.dataType)
		}
		again, err := ParseType(ast.Format(tn))
		if err != nil || !sameTree(tn, again) {
			t.Errorf("%q: printed %q does not round-trip (%v)", tt.in, ast.Format(tn), err)
		}
	}
	rowType, _ := ParseType("ROW<a INT, b STRING 'the b'>")
	if dt, _ := rowType.ToDataType(); dt.Fields[1].Description != "the b" {
		t.Errorf("row field description lost: %+v", dt.Fields)
	}

	bad := []struct{ in, err string }{
		{"DECIMAL(39)", "DECIMAL precision 39 is out of range: use 1 to 38"},
		{"DECIMAL(5, 6)", "DECIMAL scale 6 is out of range: use 0 to 5"},
		{"VARCHAR(0)", "VARCHAR length 0 is out of range: use 1 to 2147483647"},
		{"TIMESTAMP(10)", "TIMESTAMP precision 10 is out of range: use 0 to 9"},
		{"INT(3)", "type INT takes no parameters; remove the (...) after it"},
		{"ROW<a INT, a STRING>", `ROW type has two fields named "a"; rename one`},
		{"ARRAY<DECIMAL(50)>", "DECIMAL precision 50 is out of range: use 1 to 38"},
	}
	for _, tt := range bad {
		tn, err := ParseType(tt.in)
		if err != nil {
			t.Errorf("ParseType(%q): %v", tt.in, err)
			continue
		}
		if _, err := tn.ToDataType(); err == nil || err.Error() != tt.err {
			t.Errorf("%q: error %v, want %q", tt.in, err, tt.err)
		}
	}
	for _, in := range []string{"INTERVAL DAY", "RAW('a', 'b')", "FOO", "TIME WITH LOCAL TIME ZONE", "ARRAY<INT", "MAP<INT>"} {
		if _, err := ParseType(in); err == nil {
			t.Errorf("ParseType(%q) succeeded", in)
		}
	}
}

func TestSplitStatements(t *testing.T) {
	tests := []struct {
		in    string
		stmts []string
		rest  string
	}{
		{"SELECT 1; SELECT 2;", []string{"SELECT 1", "SELECT 2"}, ""},
		{"SELECT 1; SELECT 2", []string{"SELECT 1"}, "SELECT 2"},
		{"SELECT ';' ; SELECT `a;b`;", []string{"SELECT ';'", "SELECT `a;b`"}, ""},
		{"SELECT 1 -- a; comment\n; # x;y\n", []string{"SELECT 1 -- a; comment"}, ""},
		{"SELECT /* ; */ 1;", []string{"SELECT /* ; */ 1"}, ""},
		{"SELECT 'it''s;';", []string{"SELECT 'it''s;'"}, ""},
		{"SELECT 'open;", nil, "SELECT 'open;"},
		{"SELECT 1; /* open ;", []string{"SELECT 1"}, "/* open ;"},
		{"  -- just a comment\n", nil, ""},
		{";;;", nil, ""},
		{"EXECUTE STATEMENT SET BEGIN INSERT INTO a SELECT 1; INSERT INTO b SELECT 2; END; SELECT 3;",
			[]string{"EXECUTE STATEMENT SET BEGIN INSERT INTO a SELECT 1; INSERT INTO b SELECT 2; END", "SELECT 3"}, ""},
		{"BEGIN STATEMENT SET;\nINSERT INTO a SELECT 1;\nEND;\nSET 'a' = 'b';",
			[]string{"BEGIN STATEMENT SET;\nINSERT INTO a SELECT 1;\nEND", "SET 'a' = 'b'"}, ""},
		{"BEGIN STATEMENT SET;\nINSERT INTO a SELECT 1;", nil, "BEGIN STATEMENT SET;\nINSERT INTO a SELECT 1;"},
		{"EXPLAIN STATEMENT SET BEGIN INSERT INTO a SELECT 1; END;", []string{"EXPLAIN STATEMENT SET BEGIN INSERT INTO a SELECT 1; END"}, ""},
	}
	for _, tt := range tests {
		stmts, rest := SplitStatements(tt.in)
		if strings.Join(stmts, "|") != strings.Join(tt.stmts, "|") || rest != tt.rest {
			t.Errorf("SplitStatements(%q) = %q, %q; want %q, %q", tt.in, stmts, rest, tt.stmts, tt.rest)
		}
	}
	spans, _ := SplitSpans("SELECT 1;\n  SELECT 2;")
	if len(spans) != 2 || spans[1].Pos != (ast.Pos{Offset: 12, Line: 2, Col: 3}) {
		t.Errorf("spans %+v", spans)
	}
}

func TestReservedWordsAsNames(t *testing.T) {
	// Non-reserved keywords work as plain names; reserved ones need quotes.
	for _, name := range []string{"type", "status", "value", "date", "time", "timestamp", "year", "hour", "key",
		"comment", "position", "user", "metadata", "options", "partitions", "system_time", "first", "last"} {
		sql := "SELECT " + name + " FROM t WHERE " + name + " IS NOT NULL"
		stmt, err := ParseOne(sql)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		roundTrip(t, stmt)
	}
	for _, name := range []string{"select", "from", "where", "group", "order", "join", "on", "union", "table"} {
		if _, err := ParseOne("SELECT a " + name + " FROM t"); err == nil {
			t.Errorf("%s accepted as an alias", name)
		}
		stmt, err := ParseOne("SELECT `" + name + "` FROM t")
		if err != nil {
			t.Errorf("quoted %s: %v", name, err)
			continue
		}
		roundTrip(t, stmt)
	}
}
