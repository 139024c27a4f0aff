package resultcmp

import (
	"strings"
	"testing"
)

func TestValueEqual(t *testing.T) {
	tests := []struct {
		wk, gk Kind
		w, g   string
		want   bool
	}{
		{Decimal, Decimal, "25.5000000000000000", "25.500000", true},
		{Decimal, Decimal, "25.5000004999999999", "25.500000", true},
		{Decimal, Decimal, "25.5000005000000000", "25.500000", false},
		{Decimal, Decimal, "25.5000005000000000", "25.500001", true},
		{Decimal, Decimal, "-0.125", "-0.13", true},
		{Decimal, Decimal, "-0.124", "-0.13", false},
		{Decimal, Decimal, "1.10", "1.2", false},
		{Integer, Decimal, "1995", "1995", true},
		{Integer, Decimal, "1995", "1995.0", true},
		{Integer, Integer, "1", "2", false},
		{Float, Float, "0.1", "0.10000000000000002", true},
		{Float, Decimal, "3.3333333333", "3.333333333333", true},
		{Float, Float, "1", "1.0001", false},
		{String, String, "a", "a ", false},
		{String, String, Null, Null, true},
		{Decimal, Decimal, Null, "0", false},
		{Date, Date, "1998-12-01", "1998-12-01", true},
	}
	for _, tt := range tests {
		if got := valueEqual(tt.wk, tt.gk, tt.w, tt.g); got != tt.want {
			t.Errorf("valueEqual(%v %q, %v %q) = %v, want %v", tt.wk, tt.w, tt.gk, tt.g, got, tt.want)
		}
	}
}

func TestHasOrderBy(t *testing.T) {
	tests := []struct {
		sql  string
		want bool
	}{
		{"SELECT a FROM t ORDER BY a", true},
		{"select a from t order\n  by a limit 3", true},
		{"SELECT a FROM (SELECT a FROM t ORDER BY a) x", false},
		{"SELECT ROW_NUMBER() OVER (PARTITION BY a ORDER BY b) FROM t", false},
		{"SELECT 'ORDER BY' FROM t", false},
		{"SELECT a FROM t -- ORDER BY a", false},
		{"SELECT a FROM t /* ORDER BY a */", false},
		{`SELECT "order" FROM t`, false},
		{"WITH x AS (SELECT a FROM t ORDER BY a) SELECT * FROM x UNION ALL SELECT 1 ORDER BY 1", true},
		{"SELECT reorder_by FROM t", false},
	}
	for _, tt := range tests {
		if got := HasOrderBy(tt.sql); got != tt.want {
			t.Errorf("HasOrderBy(%q) = %v, want %v", tt.sql, got, tt.want)
		}
	}
}

func TestCompare(t *testing.T) {
	cols := []Column{{Name: "k", Kind: String}, {Name: "v", Kind: Decimal, Scale: 2}}
	want := &Result{Columns: cols, Rows: [][]string{{"a", "1.00"}, {"b", "2.50"}, {"c", Null}}}
	tests := []struct {
		name    string
		rows    [][]string
		ordered bool
		diff    string // substring of the error; "" means equal
	}{
		{"same", [][]string{{"a", "1.00"}, {"b", "2.50"}, {"c", Null}}, true, ""},
		{"reordered unordered", [][]string{{"c", Null}, {"b", "2.5"}, {"a", "1"}}, false, ""},
		{"reordered ordered", [][]string{{"c", Null}, {"b", "2.50"}, {"a", "1.00"}}, true, "row 1: want (a | 1.00)"},
		{"value differs", [][]string{{"a", "1.00"}, {"b", "2.51"}, {"c", Null}}, false, "got  (b | 2.51)"},
		{"missing row", [][]string{{"a", "1.00"}, {"b", "2.50"}}, false, "3 rows wanted, 2 got"},
		{"extra row", [][]string{{"a", "1.00"}, {"a", "1.00"}, {"b", "2.50"}, {"c", Null}}, false, "got  (c | \\N)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Compare(want, &Result{Columns: cols, Rows: tt.rows}, tt.ordered)
			switch {
			case tt.diff == "" && err != nil:
				t.Fatalf("unexpected mismatch: %v", err)
			case tt.diff != "" && err == nil:
				t.Fatalf("no mismatch, want one mentioning %q", tt.diff)
			case tt.diff != "" && !strings.Contains(err.Error(), tt.diff):
				t.Fatalf("mismatch %q does not mention %q", err, tt.diff)
			}
		})
	}
	if err := Compare(want, &Result{Columns: cols[:1]}, false); err == nil {
		t.Fatal("column count difference not reported")
	}
	if err := Compare(want, &Result{Columns: []Column{cols[0], {Name: "v", Kind: Date}}}, false); err == nil {
		t.Fatal("column kind difference not reported")
	}
}
