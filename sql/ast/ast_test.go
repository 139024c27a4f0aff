package ast

import (
	"testing"

	"github.com/weir-data/weir/types"
)

func TestQuoteIdent(t *testing.T) {
	tests := []struct{ in, want string }{
		{"a", "a"},
		{"OrderHAWB", "OrderHAWB"},
		{"_x$1", "_x$1"},
		{"中文", "中文"},
		{"select", "`select`"},
		{"Date", "`Date`"},
		{"value", "`value`"},
		{"type", "type"},
		{"1a", "`1a`"},
		{"a b", "`a b`"},
		{"a`b", "`a``b`"},
		{"", "``"},
		{"a.b", "`a.b`"},
	}
	for _, tt := range tests {
		if got := QuoteIdent(tt.in); got != tt.want {
			t.Errorf("QuoteIdent(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestQuoteString(t *testing.T) {
	tests := []struct{ in, want string }{
		{"abc", "'abc'"},
		{"it's", "'it''s'"},
		{"主键", "'主键'"},
		{"a\nb", `U&'a\000Ab'`},
		{"a\\b\t'", `U&'a\\b\0009'''`},
	}
	for _, tt := range tests {
		if got := QuoteString(tt.in); got != tt.want {
			t.Errorf("QuoteString(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

// TestFormatBuiltTrees prints trees built by a program (no parser, no
// positions), as the planner will build them.
func TestFormatBuiltTrees(t *testing.T) {
	col := func(n ...string) Expr { return &ColumnRef{Name: n} }
	num := func(s string) Expr { return &NumberLit{Kind: IntegerNumber, Text: s} }
	tests := []struct {
		n    Node
		want string
	}{
		{&BinaryExpr{Op: "*", L: &BinaryExpr{Op: "+", L: col("a"), R: col("b")}, R: col("c")}, "(a + b) * c"},
		{&BinaryExpr{Op: "-", L: col("a"), R: &BinaryExpr{Op: "-", L: col("b"), R: col("c")}}, "a - (b - c)"},
		{&UnaryExpr{Op: "-", X: &UnaryExpr{Op: "-", X: num("1")}}, "- -1"},
		{&UnaryExpr{Op: "NOT", X: &BinaryExpr{Op: "AND", L: col("a"), R: col("b")}}, "NOT (a AND b)"},
		{&FieldExpr{X: col("r"), Field: "f"}, "(r).f"},
		{&IsExpr{X: &BinaryExpr{Op: "AND", L: col("a"), R: col("b")}, Value: "NULL"}, "(a AND b) IS NULL"},
		{&FuncCall{Name: Name{"COUNT"}, Star: true, Over: &WindowSpec{PartitionBy: []Expr{col("k")}}}, "COUNT(*) OVER (PARTITION BY k)"},
		{&FuncCall{Name: Name{"select"}, Args: []Expr{col("x")}}, "`select`(x)"},
		{&StringLit{Value: "x"}, "'x'"},
		{&SetOp{Op: Intersect, L: &SetOp{Op: Union, L: &Select{Items: []*SelectItem{{Expr: num("1")}}}, R: &Select{Items: []*SelectItem{{Expr: num("2")}}}},
			R: &Select{Items: []*SelectItem{{Expr: num("3")}}}}, "(SELECT 1 UNION SELECT 2) INTERSECT SELECT 3"},
		{&Join{Kind: LeftJoin, L: &TableName{Name: Name{"a"}}, R: &Join{Kind: CrossJoin, L: &TableName{Name: Name{"b"}}, R: &TableName{Name: Name{"c"}}}, On: &BoolLit{Value: true}},
			"a LEFT JOIN (b CROSS JOIN c) ON TRUE"},
		{&CreateTable{Name: Name{"db", "order"}, Columns: []*ColumnDef{{Name: "id", Type: &TypeName{Name: "BIGINT", NotNull: true}}},
			PrimaryKey: &PrimaryKey{Columns: []string{"id"}}, Options: []Option{{Key: "bucket", Value: "2"}}},
			"CREATE TABLE db.`order` (id BIGINT NOT NULL, PRIMARY KEY (id) NOT ENFORCED) WITH ('bucket' = '2')"},
		{&Set{}, "SET"},
		{&IntervalLit{Value: "5", Qualifier: IntervalQualifier{Start: "MINUTE", StartPrecision: NoPrecision, FracPrecision: NoPrecision}}, "INTERVAL '5' MINUTE"},
		{&TypeName{Name: "MAP", Key: &TypeName{Name: "STRING"}, Value: &TypeName{Name: "ARRAY", Elem: &TypeName{Name: "INT"}}}, "MAP<STRING, ARRAY<INT>>"},
	}
	for _, tt := range tests {
		if got := Format(tt.n); got != tt.want {
			t.Errorf("Format(%T) = %s, want %s", tt.n, got, tt.want)
		}
	}
}

func TestToDataType(t *testing.T) {
	tn := &TypeName{Name: "ROW", Fields: []*RowField{
		{Name: "a", Type: &TypeName{Name: "DECIMAL"}},
		{Name: "b", Type: &TypeName{Name: "TIMESTAMP_LTZ", Params: []int{3}, NotNull: true}, Description: "when"},
	}}
	dt, err := tn.ToDataType()
	if err != nil {
		t.Fatal(err)
	}
	want := types.RowType(
		types.Field{Name: "a", Type: types.NewDecimal(10, 0)},
		types.Field{Name: "b", Type: types.NewTimestampLTZ(3).NotNull(), Description: "when"},
	)
	if !dt.Equal(want) || dt.Fields[1].Description != "when" {
		t.Errorf("got %s, want %s", dt, want)
	}
	if _, err := (&TypeName{Name: "GEOMETRY"}).ToDataType(); err == nil || err.Error() != "type GEOMETRY has no logical type in Weir" {
		t.Errorf("unknown type: %v", err)
	}
	if _, err := (&TypeName{Name: "ARRAY"}).ToDataType(); err == nil {
		t.Error("ARRAY without element accepted")
	}
}
