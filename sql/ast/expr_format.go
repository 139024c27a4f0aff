package ast

import (
	"encoding/hex"
	"strconv"
	"strings"
)

func (e *NumberLit) format(p *printer)  { p.w(e.Text) }
func (e *StringLit) format(p *printer)  { p.str(e.Value) }
func (e *NullLit) format(p *printer)    { p.w("NULL") }
func (e *UnknownLit) format(p *printer) { p.w("UNKNOWN") }

func (e *BinaryLit) format(p *printer) {
	p.w("X'")
	p.w(strings.ToUpper(hex.EncodeToString(e.Value)))
	p.w("'")
}

func (e *BoolLit) format(p *printer) {
	if e.Value {
		p.w("TRUE")
	} else {
		p.w("FALSE")
	}
}

func (e *TypedLit) format(p *printer) {
	p.w(e.Type)
	p.w(" ")
	p.str(e.Value)
}

func (q IntervalQualifier) format(p *printer) {
	p.w(q.Start)
	switch {
	case q.Start == "SECOND" && q.End == "" && q.StartPrecision != NoPrecision && q.FracPrecision != NoPrecision:
		p.w("(")
		p.int(q.StartPrecision)
		p.w(", ")
		p.int(q.FracPrecision)
		p.w(")")
	case q.StartPrecision != NoPrecision:
		p.w("(")
		p.int(q.StartPrecision)
		p.w(")")
	}
	if q.End != "" {
		p.w(" TO ")
		p.w(q.End)
		if q.End == "SECOND" && q.FracPrecision != NoPrecision {
			p.w("(")
			p.int(q.FracPrecision)
			p.w(")")
		}
	}
}

// String renders the qualifier as SQL, e.g. "DAY(2) TO SECOND(3)".
func (q IntervalQualifier) String() string {
	var p printer
	q.format(&p)
	return p.b.String()
}

func (e *IntervalLit) format(p *printer) {
	p.w("INTERVAL ")
	if e.Negative {
		p.w("-")
	}
	p.str(e.Value)
	p.w(" ")
	e.Qualifier.format(p)
}

func (e *Param) format(p *printer) {
	if e.Dollar {
		p.w("$")
		p.int(e.Index)
		return
	}
	p.w("?")
}

func (e *ColumnRef) format(p *printer) { p.name(e.Name) }

func (e *Star) format(p *printer) {
	if len(e.Qualifier) > 0 {
		p.name(e.Qualifier)
		p.w(".")
	}
	p.w("*")
}

func (e *UnaryExpr) format(p *printer) {
	if e.Op == "NOT" {
		p.w("NOT ")
		p.sub(e.X, precNot)
		return
	}
	p.w(e.Op)
	if u, ok := e.X.(*UnaryExpr); ok && u.Op != "NOT" {
		p.w(" ") // "- -x", never the comment "--x"
	}
	p.sub(e.X, precUnary)
}

func (e *BinaryExpr) format(p *printer) {
	prec := binaryPrecedence(e.Op)
	p.sub(e.L, prec)
	p.w(" ")
	p.w(e.Op)
	p.w(" ")
	p.sub(e.R, prec+1)
}

func (e *IsExpr) format(p *printer) {
	p.sub(e.X, precCompare)
	p.w(" IS ")
	if e.Not {
		p.w("NOT ")
	}
	p.w(e.Value)
}

func (e *IsDistinctFrom) format(p *printer) {
	p.sub(e.L, precCompare)
	p.w(" IS ")
	if e.Not {
		p.w("NOT ")
	}
	p.w("DISTINCT FROM ")
	p.sub(e.R, precAdd)
}

func (e *BetweenExpr) format(p *printer) {
	p.sub(e.X, precCompare)
	if e.Not {
		p.w(" NOT")
	}
	p.w(" BETWEEN ")
	if e.Symmetric {
		p.w("SYMMETRIC ")
	}
	p.sub(e.Low, precAdd)
	p.w(" AND ")
	p.sub(e.High, precAdd)
}

func (e *LikeExpr) format(p *printer) {
	p.sub(e.X, precCompare)
	if e.Not {
		p.w(" NOT")
	}
	if e.Similar {
		p.w(" SIMILAR TO ")
	} else {
		p.w(" LIKE ")
	}
	p.sub(e.Pattern, precAdd)
	if e.Escape != nil {
		p.w(" ESCAPE ")
		p.sub(e.Escape, precAdd)
	}
}

func (e *InExpr) format(p *printer) {
	p.sub(e.X, precCompare)
	if e.Not {
		p.w(" NOT")
	}
	p.w(" IN ")
	if e.Query != nil {
		p.query(e.Query)
		return
	}
	p.w("(")
	p.exprs(e.List)
	p.w(")")
}

func (e *ExistsExpr) format(p *printer) {
	p.w("EXISTS ")
	p.query(e.Query)
}

func (e *SubqueryExpr) format(p *printer) { p.query(e.Query) }

// funcNameKeywords are reserved words that may still name a function when
// followed by "(".
var funcNameKeywords = wordSet(`LEFT RIGHT CURRENT_DATE CURRENT_TIME
CURRENT_TIMESTAMP LOCALTIME LOCALTIMESTAMP`)

// IsFuncNameKeyword reports whether the reserved word (upper case) may name a
// function call.
func IsFuncNameKeyword(upper string) bool { return funcNameKeywords[upper] }

func (p *printer) funcName(n Name) {
	for i, part := range n {
		if i > 0 {
			p.w(".")
		}
		if i == len(n)-1 && !needsQuote(part) {
			p.w(part)
			continue
		}
		if i == len(n)-1 && isSimpleWord(part) {
			var buf [32]byte
			u, _ := upperASCII(part, buf[:])
			if !parserReserved[u] || funcNameKeywords[u] {
				p.w(part)
				continue
			}
		}
		p.ident(part)
	}
}

func isSimpleWord(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || i > 0 && (c == '$' || '0' <= c && c <= '9')) {
			return false
		}
	}
	return true
}

func (e *FuncCall) format(p *printer) {
	p.funcName(e.Name)
	if e.Niladic {
		return
	}
	p.w("(")
	if e.Distinct {
		p.w("DISTINCT ")
	}
	if e.Star {
		p.w("*")
	}
	p.exprs(e.Args)
	p.w(")")
	if e.Filter != nil {
		p.w(" FILTER (WHERE ")
		e.Filter.format(p)
		p.w(")")
	}
	if e.Over != nil {
		p.w(" OVER ")
		e.Over.format(p)
	} else if e.OverName != "" {
		p.w(" OVER ")
		p.ident(e.OverName)
	}
}

func (e *NamedArg) format(p *printer) {
	p.ident(e.Name)
	p.w(" => ")
	e.Value.format(p)
}

func (e *TableArg) format(p *printer) {
	p.w("TABLE ")
	p.name(e.Name)
	if len(e.PartitionBy) > 0 {
		p.w(" PARTITION BY ")
		p.exprs(e.PartitionBy)
	}
}

func (e *Descriptor) format(p *printer) {
	p.w("DESCRIPTOR")
	p.identList(e.Columns)
}

func (e *TimeUnitArg) format(p *printer) { p.w(e.Unit) }

func (e *CastExpr) format(p *printer) {
	if e.Try {
		p.w("TRY_CAST(")
	} else {
		p.w("CAST(")
	}
	e.X.format(p)
	p.w(" AS ")
	e.Type.format(p)
	p.w(")")
}

func (e *CaseExpr) format(p *printer) {
	p.w("CASE")
	if e.Operand != nil {
		p.w(" ")
		e.Operand.format(p)
	}
	for _, w := range e.Whens {
		w.format(p)
	}
	if e.Else != nil {
		p.w(" ELSE ")
		e.Else.format(p)
	}
	p.w(" END")
}

func (w *When) format(p *printer) {
	p.w(" WHEN ")
	w.Cond.format(p)
	p.w(" THEN ")
	w.Result.format(p)
}

func (e *ExtractExpr) format(p *printer) {
	p.w("EXTRACT(")
	p.w(e.Unit)
	p.w(" FROM ")
	e.X.format(p)
	p.w(")")
}

func (e *PositionExpr) format(p *printer) {
	p.w("POSITION(")
	p.sub(e.Sub, precAdd)
	p.w(" IN ")
	e.X.format(p)
	p.w(")")
}

func (e *TrimExpr) format(p *printer) {
	p.w("TRIM(")
	if e.Side != "" {
		p.w(e.Side)
		p.w(" ")
	}
	if e.Chars != nil {
		e.Chars.format(p)
		p.w(" ")
	}
	if e.Side != "" || e.Chars != nil {
		p.w("FROM ")
	}
	e.X.format(p)
	p.w(")")
}

func (e *SubstringExpr) format(p *printer) {
	p.w("SUBSTRING(")
	e.X.format(p)
	p.w(" FROM ")
	e.From.format(p)
	if e.For != nil {
		p.w(" FOR ")
		e.For.format(p)
	}
	p.w(")")
}

func (e *OverlayExpr) format(p *printer) {
	p.w("OVERLAY(")
	e.X.format(p)
	p.w(" PLACING ")
	e.Placing.format(p)
	p.w(" FROM ")
	e.From.format(p)
	if e.For != nil {
		p.w(" FOR ")
		e.For.format(p)
	}
	p.w(")")
}

func (e *FloorCeilExpr) format(p *printer) {
	if e.Ceil {
		p.w("CEIL(")
	} else {
		p.w("FLOOR(")
	}
	e.X.format(p)
	p.w(" TO ")
	p.w(e.Unit)
	p.w(")")
}

func (e *RowExpr) format(p *printer) {
	if len(e.Items) < 2 {
		p.w("ROW")
	}
	p.w("(")
	p.exprs(e.Items)
	p.w(")")
}

func (e *ArrayExpr) format(p *printer) {
	p.w("ARRAY[")
	p.exprs(e.Items)
	p.w("]")
}

func (e *MapExpr) format(p *printer) {
	p.w("MAP[")
	p.exprs(e.Items)
	p.w("]")
}

func (e *IndexExpr) format(p *printer) {
	p.sub(e.X, precPostfix)
	p.w("[")
	e.Index.format(p)
	p.w("]")
}

func (e *FieldExpr) format(p *printer) {
	switch e.X.(type) {
	case *ColumnRef, *NumberLit: // a.b would be one name, 1.b a bad number
		p.w("(")
		e.X.format(p)
		p.w(")")
	default:
		p.sub(e.X, precPostfix)
	}
	p.w(".")
	p.ident(e.Field)
}

func (b *JSONBehavior) format(p *printer, on string) {
	if b == nil {
		return
	}
	p.w(" ")
	p.w(b.Kind)
	if b.Kind == "DEFAULT" {
		p.w(" ")
		b.Default.format(p)
	}
	p.w(" ON ")
	p.w(on)
}

func (e *JSONValueExpr) format(p *printer) {
	p.w("JSON_VALUE(")
	e.X.format(p)
	p.w(", ")
	e.Path.format(p)
	if e.Returning != nil {
		p.w(" RETURNING ")
		e.Returning.format(p)
	}
	e.OnEmpty.format(p, "EMPTY")
	e.OnError.format(p, "ERROR")
	p.w(")")
}

func (e *JSONQueryExpr) format(p *printer) {
	p.w("JSON_QUERY(")
	e.X.format(p)
	p.w(", ")
	e.Path.format(p)
	if e.Wrapper != "" {
		p.w(" ")
		p.w(e.Wrapper)
		p.w(" ARRAY WRAPPER")
	}
	e.OnEmpty.format(p, "EMPTY")
	e.OnError.format(p, "ERROR")
	p.w(")")
}

func (e *JSONExistsExpr) format(p *printer) {
	p.w("JSON_EXISTS(")
	e.X.format(p)
	p.w(", ")
	e.Path.format(p)
	e.OnError.format(p, "ERROR")
	p.w(")")
}

func (e *JSONObjectExpr) format(p *printer) {
	p.w("JSON_OBJECT(")
	for i := range e.Keys {
		if i > 0 {
			p.w(", ")
		}
		p.w("KEY ")
		e.Keys[i].format(p)
		p.w(" VALUE ")
		e.Values[i].format(p)
	}
	if e.AbsentOnNull {
		if len(e.Keys) > 0 {
			p.w(" ")
		}
		p.w("ABSENT ON NULL")
	}
	p.w(")")
}

func (e *JSONArrayExpr) format(p *printer) {
	p.w("JSON_ARRAY(")
	p.exprs(e.Items)
	if e.NullOnNull {
		if len(e.Items) > 0 {
			p.w(" ")
		}
		p.w("NULL ON NULL")
	}
	p.w(")")
}

func (w *WindowSpec) format(p *printer) {
	p.w("(")
	sep := ""
	if w.Base != "" {
		p.ident(w.Base)
		sep = " "
	}
	if len(w.PartitionBy) > 0 {
		p.w(sep)
		p.w("PARTITION BY ")
		p.exprs(w.PartitionBy)
		sep = " "
	}
	if len(w.OrderBy) > 0 {
		p.w(sep)
		p.w("ORDER BY ")
		p.orderItems(w.OrderBy)
		sep = " "
	}
	if w.Frame != nil {
		p.w(sep)
		w.Frame.format(p)
	}
	p.w(")")
}

func (f *WindowFrame) format(p *printer) {
	if f.Range {
		p.w("RANGE ")
	} else {
		p.w("ROWS ")
	}
	if f.End == nil {
		f.Start.format(p)
		return
	}
	p.w("BETWEEN ")
	f.Start.format(p)
	p.w(" AND ")
	f.End.format(p)
}

func (b *FrameBound) format(p *printer) {
	if b.Offset != nil {
		p.sub(b.Offset, precAdd)
		p.w(" ")
	}
	p.w(b.Kind)
}

func (e *GroupingSetsExpr) format(p *printer) {
	p.w(e.Kind)
	p.w(" (")
	p.exprs(e.Items)
	p.w(")")
}

func (e *EmptyGroup) format(p *printer) { p.w("()") }

var _ = strconv.Itoa
