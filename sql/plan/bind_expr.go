package plan

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/weir-data/weir/sql/ast"
	"github.com/weir-data/weir/sql/expr"
	"github.com/weir-data/weir/sql/fn"
	"github.com/weir-data/weir/types"
)

// ectx is where an expression binds: a scope (the columns of the plan
// being built), or, after grouping, the output of the aggregation.
type ectx struct {
	s *scope
	// agg is set when the expression binds over an aggregation's output.
	agg *aggScope
	// subs maps subqueries already joined into the plan to the column
	// holding their value (scalar) or to -1 (handled as a join: IN/EXISTS
	// conjuncts, bound to TRUE).
	subs map[ast.Node]int
	// win maps window calls already computed to their column.
	win map[ast.Node]int
	// what names the clause for "not allowed here" messages.
	what string
}

// aggScope resolves expressions over an aggregation's output: group keys
// and aggregate calls by their SQL text, plain-column keys by column.
type aggScope struct {
	from   *scope
	byText map[string]int
	keyCol map[int]int
	cols   []ResultColumn // output columns (keys, aggregates, appended columns)
}

func (b *binder) bindExpr(c *ectx, e ast.Expr) (expr.Expr, error) {
	out, err := b.bindExpr1(c, e)
	if err != nil {
		return nil, wrapAt(e, err)
	}
	return out, nil
}

func (b *binder) colRef(c *ectx, i int) expr.Expr {
	if c.agg != nil {
		col := c.agg.cols[i]
		return expr.NewColumn(i, col.Name, col.Type)
	}
	col := c.s.cols[i]
	return expr.NewColumn(i, col.name, col.typ)
}

func (b *binder) bindExpr1(c *ectx, e ast.Expr) (expr.Expr, error) {
	if c.subs != nil {
		if i, ok := c.subs[e]; ok {
			if i < 0 {
				return expr.NewLiteral(true, types.NewBoolean().NotNull())
			}
			return b.colRef(c, i), nil
		}
	}
	if c.win != nil {
		if i, ok := c.win[e]; ok {
			return b.colRef(c, i), nil
		}
	}
	if c.agg != nil {
		if i, ok := c.agg.byText[ast.Format(e)]; ok {
			return b.colRef(c, i), nil
		}
	}
	switch e := e.(type) {
	case *ast.ColumnRef:
		return b.bindColumn(c, e)
	case *ast.NumberLit:
		return numberLiteral(e, false)
	case *ast.StringLit:
		n := utf8.RuneCountInString(e.Value)
		return expr.NewLiteral(e.Value, types.NewChar(max(n, 1)).NotNull())
	case *ast.BoolLit:
		return expr.NewLiteral(e.Value, types.NewBoolean().NotNull())
	case *ast.UnknownLit:
		return expr.NewNull(types.NewBoolean()), nil
	case *ast.NullLit:
		return expr.NewNull(types.DataType{}), nil
	case *ast.BinaryLit:
		return expr.NewLiteral(e.Value, types.NewBinary(max(len(e.Value), 1)).NotNull())
	case *ast.TypedLit:
		return typedLiteral(e)
	case *ast.IntervalLit:
		return nil, errorf(e, "an INTERVAL is only supported as an operand of + or - with a date or time")
	case *ast.UnaryExpr:
		return b.bindUnary(c, e)
	case *ast.BinaryExpr:
		return b.bindBinary(c, e)
	case *ast.IsDistinctFrom:
		l, r, err := b.bind2(c, e.L, e.R)
		if err != nil {
			return nil, err
		}
		op := fn.OpDistinct
		if e.Not {
			op = fn.OpNotDistinct
		}
		return typeErr(e, "IS DISTINCT FROM", l, r)(expr.NewCompare(op, l, r))
	case *ast.IsExpr:
		x, err := b.bindExpr(c, e.X)
		if err != nil {
			return nil, err
		}
		var t fn.TruthTest
		switch e.Value {
		case "NULL", "UNKNOWN":
			t = fn.TestNull
			if e.Not {
				t = fn.TestNotNull
			}
		case "TRUE":
			t = fn.TestTrue
			if e.Not {
				t = fn.TestNotTrue
			}
		case "FALSE":
			t = fn.TestFalse
			if e.Not {
				t = fn.TestNotFalse
			}
		}
		if x.Type().Root == 0 {
			x = expr.NewNull(types.NewBoolean())
		}
		return expr.NewIs(t, x)
	case *ast.BetweenExpr:
		x, err := b.bindExpr(c, e.X)
		if err != nil {
			return nil, err
		}
		lo, hi, err := b.bind2(c, e.Low, e.High)
		if err != nil {
			return nil, err
		}
		out, err := expr.NewBetween(x, lo, hi)
		if err != nil {
			return nil, errorf(e, "BETWEEN: %v", err)
		}
		if e.Symmetric {
			rev, err := expr.NewBetween(x, hi, lo)
			if err != nil {
				return nil, err
			}
			if out, err = expr.NewOr(out, rev); err != nil {
				return nil, err
			}
		}
		if e.Not {
			return expr.NewNot(out)
		}
		return out, nil
	case *ast.InExpr:
		if e.Query != nil {
			return nil, errorf(e, "IN (subquery) is only supported as a conjunct of WHERE or HAVING")
		}
		x, err := b.bindExpr(c, e.X)
		if err != nil {
			return nil, err
		}
		list := make([]expr.Expr, len(e.List))
		for i, it := range e.List {
			if list[i], err = b.bindExpr(c, it); err != nil {
				return nil, err
			}
		}
		in, err := expr.NewIn(x, list...)
		if err != nil {
			return nil, errorf(e, "IN: %v", err)
		}
		if e.Not {
			return expr.NewNot(in)
		}
		return in, nil
	case *ast.ExistsExpr:
		return nil, errorf(e, "EXISTS is only supported as a conjunct of WHERE or HAVING")
	case *ast.SubqueryExpr:
		return nil, errorf(e, "a subquery is not supported in %s", c.whatOr("this clause"))
	case *ast.LikeExpr:
		if e.Similar {
			return nil, errorf(e, "SIMILAR TO is not supported")
		}
		x, p, err := b.bind2(c, e.X, e.Pattern)
		if err != nil {
			return nil, err
		}
		var esc rune
		if e.Escape != nil {
			s, ok := e.Escape.(*ast.StringLit)
			if !ok || utf8.RuneCountInString(s.Value) != 1 {
				return nil, errorf(e.Escape, "ESCAPE must be a one-character string literal")
			}
			esc, _ = utf8.DecodeRuneInString(s.Value)
		}
		l, err := expr.NewLike(x, p, esc)
		if err != nil {
			return nil, errorf(e, "LIKE: %v", err)
		}
		if e.Not {
			return expr.NewNot(l)
		}
		return l, nil
	case *ast.CaseExpr:
		return b.bindCase(c, e)
	case *ast.CastExpr:
		x, err := b.bindExpr(c, e.X)
		if err != nil {
			return nil, err
		}
		t, err := e.Type.ToDataType()
		if err != nil {
			return nil, errorf(e.Type, "%v", err)
		}
		if e.Type.Name == "VARCHAR" && len(e.Type.Params) == 0 {
			// In CAST, Flink (Calcite) reads a VARCHAR without a length as
			// unbounded: CAST(ts AS VARCHAR) is the whole text, not one
			// character.
			t = types.NewString()
		}
		out, err := expr.NewCast(x, t.WithNullable(true), e.Try)
		if err != nil {
			return nil, errorf(e, "cannot cast %s to %s: %v", x.Type(), t, err)
		}
		return out, nil
	case *ast.FuncCall:
		return b.bindCall(c, e)
	case *ast.ExtractExpr:
		x, err := b.bindExpr(c, e.X)
		if err != nil {
			return nil, err
		}
		return b.fnCall(e, "EXTRACT", stringLit(e.Unit), x)
	case *ast.PositionExpr:
		sub, x, err := b.bind2(c, e.Sub, e.X)
		if err != nil {
			return nil, err
		}
		return b.fnCall(e, "POSITION", sub, x)
	case *ast.SubstringExpr:
		args := []ast.Expr{e.X, e.From}
		if e.For != nil {
			args = append(args, e.For)
		}
		xs, err := b.bindList(c, args)
		if err != nil {
			return nil, err
		}
		return b.fnCall(e, "SUBSTRING", xs...)
	case *ast.TrimExpr:
		x, err := b.bindExpr(c, e.X)
		if err != nil {
			return nil, err
		}
		name := map[string]string{"": "TRIM", "BOTH": "TRIM", "LEADING": "LTRIM", "TRAILING": "RTRIM"}[e.Side]
		if e.Chars == nil {
			if name == "TRIM" {
				return b.fnCall(e, name, x)
			}
			return b.fnCall(e, name, x, stringLit(" "))
		}
		ch, err := b.bindExpr(c, e.Chars)
		if err != nil {
			return nil, err
		}
		return b.fnCall(e, name, x, ch)
	case *ast.OverlayExpr:
		args := []ast.Expr{e.X, e.Placing, e.From}
		if e.For != nil {
			args = append(args, e.For)
		}
		xs, err := b.bindList(c, args)
		if err != nil {
			return nil, err
		}
		return b.fnCall(e, "OVERLAY", xs...)
	case *ast.FloorCeilExpr:
		x, err := b.bindExpr(c, e.X)
		if err != nil {
			return nil, err
		}
		name := "TIME_FLOOR"
		if e.Ceil {
			name = "TIME_CEIL"
		}
		return b.fnCall(e, name, stringLit(e.Unit), x)
	case *ast.JSONValueExpr:
		x, p, err := b.bind2(c, e.X, e.Path)
		if err != nil {
			return nil, err
		}
		v, err := b.fnCall(e, "JSON_VALUE", x, p)
		if err != nil || e.Returning == nil {
			return v, err
		}
		t, err := e.Returning.ToDataType()
		if err != nil {
			return nil, errorf(e.Returning, "%v", err)
		}
		return expr.NewCast(v, t.WithNullable(true), true)
	case *ast.JSONExistsExpr:
		x, p, err := b.bind2(c, e.X, e.Path)
		if err != nil {
			return nil, err
		}
		return b.fnCall(e, "JSON_EXISTS", x, p)
	case *ast.JSONQueryExpr:
		x, p, err := b.bind2(c, e.X, e.Path)
		if err != nil {
			return nil, err
		}
		return b.fnCall(e, "JSON_QUERY", x, p)
	case *ast.RowExpr:
		if len(e.Items) == 1 {
			return b.bindExpr(c, e.Items[0])
		}
	case *ast.Param:
		return nil, errorf(e, "query parameters are not supported here")
	}
	return nil, errorf(e, "%s is not supported", ast.Format(e))
}

func (c *ectx) whatOr(def string) string {
	if c.what != "" {
		return c.what
	}
	return def
}

func stringLit(s string) expr.Expr {
	l, _ := expr.NewLiteral(s, types.NewChar(max(1, utf8.RuneCountInString(s))).NotNull())
	return l
}

func (b *binder) bind2(c *ectx, l, r ast.Expr) (expr.Expr, expr.Expr, error) {
	x, err := b.bindExpr(c, l)
	if err != nil {
		return nil, nil, err
	}
	y, err := b.bindExpr(c, r)
	if err != nil {
		return nil, nil, err
	}
	return x, y, nil
}

func (b *binder) bindList(c *ectx, es []ast.Expr) ([]expr.Expr, error) {
	out := make([]expr.Expr, len(es))
	for i, e := range es {
		var err error
		if out[i], err = b.bindExpr(c, e); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// typeErr turns a constructor's error into one naming the operand types.
func typeErr(n ast.Node, what string, l, r expr.Expr) func(expr.Expr, error) (expr.Expr, error) {
	return func(e expr.Expr, err error) (expr.Expr, error) {
		if err != nil {
			return nil, errorf(n, "cannot apply %s to %s and %s", what, l.Type(), r.Type())
		}
		return e, nil
	}
}

func (b *binder) fnCall(n ast.Node, name string, args ...expr.Expr) (expr.Expr, error) {
	out, err := expr.NewFunc(name, args...)
	if err != nil {
		return nil, errorf(n, "%v", err)
	}
	return out, nil
}

func (b *binder) bindColumn(c *ectx, e *ast.ColumnRef) (expr.Expr, error) {
	table, name := "", e.Name.Last()
	if len(e.Name) >= 2 {
		table = e.Name[len(e.Name)-2]
	}
	s := c.s
	if c.agg != nil {
		s = c.agg.from
	}
	i, err := s.lookup(e, table, name)
	if err != nil {
		return nil, err
	}
	if i >= 0 {
		if c.agg != nil {
			if k, ok := c.agg.keyCol[i]; ok {
				return b.colRef(c, k), nil
			}
			return nil, errorf(e, "column '%s' must appear in the GROUP BY clause or be used in an aggregate function", ast.Format(e))
		}
		return b.colRef(c, i), nil
	}
	if s.parent != nil {
		j, err := s.parent.lookup(e, table, name)
		if err != nil {
			return nil, err
		}
		if j >= 0 {
			if s.corr == nil {
				return nil, errorf(e, "correlated reference to '%s' is only supported in the WHERE clause of a subquery", ast.Format(e))
			}
			s.corr.used = true
			col := s.parent.cols[j]
			return expr.NewColumn(outerBase+j, col.name, col.typ), nil
		}
	}
	return nil, s.notFound(e, table, name)
}

func (b *binder) bindUnary(c *ectx, e *ast.UnaryExpr) (expr.Expr, error) {
	if n, ok := e.X.(*ast.NumberLit); ok && e.Op == "-" {
		return numberLiteral(n, true)
	}
	x, err := b.bindExpr(c, e.X)
	if err != nil {
		return nil, err
	}
	switch e.Op {
	case "+":
		return x, nil
	case "NOT":
		out, err := expr.NewNot(x)
		if err != nil {
			return nil, errorf(e, "NOT needs a BOOLEAN operand, not %s", x.Type())
		}
		return out, nil
	}
	f, err := fn.ResolveNegate(x.Type())
	if err != nil {
		return nil, errorf(e, "cannot negate %s", x.Type())
	}
	return expr.NewCall(f, x)
}

var compareOps = map[string]fn.CompareOp{"=": fn.OpEQ, "<>": fn.OpNE, "<": fn.OpLT, "<=": fn.OpLE, ">": fn.OpGT, ">=": fn.OpGE}

func (b *binder) bindBinary(c *ectx, e *ast.BinaryExpr) (expr.Expr, error) {
	if e.Op == "+" || e.Op == "-" {
		if iv, ok := e.R.(*ast.IntervalLit); ok {
			return b.bindIntervalArith(c, e, e.L, iv, e.Op == "-")
		}
		if iv, ok := e.L.(*ast.IntervalLit); ok && e.Op == "+" {
			return b.bindIntervalArith(c, e, e.R, iv, false)
		}
	}
	l, r, err := b.bind2(c, e.L, e.R)
	if err != nil {
		return nil, err
	}
	switch e.Op {
	case "AND", "OR":
		var out expr.Expr
		if l.Type().Root == 0 {
			l = expr.NewNull(types.NewBoolean())
		}
		if r.Type().Root == 0 {
			r = expr.NewNull(types.NewBoolean())
		}
		if e.Op == "AND" {
			out, err = expr.NewAnd(l, r)
		} else {
			out, err = expr.NewOr(l, r)
		}
		if err != nil {
			return nil, errorf(e, "%s needs BOOLEAN operands, not %s and %s", e.Op, l.Type(), r.Type())
		}
		return out, nil
	case "||":
		return typeErr(e, "||", l, r)(expr.NewFunc("||", l, r))
	}
	if op, ok := compareOps[e.Op]; ok {
		out, err := expr.NewCompare(op, l, r)
		if err != nil {
			return nil, errorf(e, "cannot compare %s with %s", l.Type(), r.Type())
		}
		return out, nil
	}
	out, err := expr.NewArithmetic(e.Op, l, r)
	if err != nil {
		return nil, errorf(e, "cannot apply %s to %s and %s", e.Op, l.Type(), r.Type())
	}
	return out, nil
}

// bindIntervalArith binds dt ± INTERVAL '...' unit.
func (b *binder) bindIntervalArith(c *ectx, n ast.Node, dtE ast.Expr, iv *ast.IntervalLit, minus bool) (expr.Expr, error) {
	dt, err := b.bindExpr(c, dtE)
	if err != nil {
		return nil, err
	}
	kind, v, err := intervalValue(iv)
	if err != nil {
		return nil, err
	}
	var lit expr.Expr
	if kind == fn.IntervalYearMonth {
		lit, err = expr.NewLiteral(int32(v), kind.IntervalType().NotNull())
	} else {
		lit, err = expr.NewLiteral(v, kind.IntervalType().NotNull())
	}
	if err != nil {
		return nil, err
	}
	out, err := expr.NewDatetimeInterval(dt, lit, kind, minus)
	if err != nil {
		return nil, errorf(n, "cannot add an interval to %s", dt.Type())
	}
	return out, nil
}

// intervalValue parses an interval literal into months or milliseconds.
func intervalValue(iv *ast.IntervalLit) (fn.IntervalKind, int64, error) {
	q := iv.Qualifier
	s := strings.TrimSpace(iv.Value)
	neg := iv.Negative
	if strings.HasPrefix(s, "-") {
		neg, s = !neg, s[1:]
	} else if strings.HasPrefix(s, "+") {
		s = s[1:]
	}
	sign := int64(1)
	if neg {
		sign = -1
	}
	bad := func() (fn.IntervalKind, int64, error) {
		return 0, 0, errorf(iv, "invalid interval literal '%s' for %s", iv.Value, q)
	}
	if q.Start == "YEAR" || q.Start == "MONTH" {
		if q.End == "MONTH" {
			y, m, ok := strings.Cut(s, "-")
			yi, e1 := strconv.ParseInt(y, 10, 64)
			mi, e2 := strconv.ParseInt(m, 10, 64)
			if !ok || e1 != nil || e2 != nil {
				return bad()
			}
			return fn.IntervalYearMonth, sign * (yi*12 + mi), nil
		}
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return bad()
		}
		if q.Start == "YEAR" {
			n *= 12
		}
		return fn.IntervalYearMonth, sign * n, nil
	}
	unitMs := map[string]float64{"DAY": 86400000, "HOUR": 3600000, "MINUTE": 60000, "SECOND": 1000}
	if _, ok := unitMs[q.Start]; !ok {
		return bad()
	}
	if q.End == "" {
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return bad()
		}
		return fn.IntervalDayTime, sign * int64(f*unitMs[q.Start]+0.5), nil
	}
	// DAY TO SECOND style: 'd hh:mm:ss.fff' with fields from Start to End.
	units := []string{"DAY", "HOUR", "MINUTE", "SECOND"}
	var fields []string
	day, rest, hasDay := strings.Cut(s, " ")
	if q.Start == "DAY" {
		if !hasDay {
			return bad()
		}
		fields = append(fields, day)
		fields = append(fields, strings.Split(rest, ":")...)
	} else {
		fields = strings.Split(s, ":")
	}
	start := 0
	for i, u := range units {
		if u == q.Start {
			start = i
		}
	}
	total := 0.0
	for i, f := range fields {
		if start+i >= len(units) {
			return bad()
		}
		v, err := strconv.ParseFloat(f, 64)
		if err != nil {
			return bad()
		}
		total += v * unitMs[units[start+i]]
	}
	return fn.IntervalDayTime, sign * int64(total+0.5), nil
}

func (b *binder) bindCase(c *ectx, e *ast.CaseExpr) (expr.Expr, error) {
	var op expr.Expr
	var err error
	if e.Operand != nil {
		if op, err = b.bindExpr(c, e.Operand); err != nil {
			return nil, err
		}
	}
	whens := make([]expr.When, len(e.Whens))
	for i, w := range e.Whens {
		cond, err := b.bindExpr(c, w.Cond)
		if err != nil {
			return nil, err
		}
		if op != nil {
			v := cond
			if cond, err = expr.NewCompare(fn.OpEQ, op, v); err != nil {
				return nil, errorf(w.Cond, "cannot compare %s with %s", op.Type(), v.Type())
			}
		}
		then, err := b.bindExpr(c, w.Result)
		if err != nil {
			return nil, err
		}
		whens[i] = expr.When{Cond: cond, Then: then}
	}
	var els expr.Expr
	if e.Else != nil {
		if els, err = b.bindExpr(c, e.Else); err != nil {
			return nil, err
		}
	}
	out, err := expr.NewCase(whens, els)
	if err != nil {
		return nil, errorf(e, "CASE: %v", err)
	}
	return out, nil
}

// numberLiteral types a numeric literal as Flink: INT, BIGINT, DECIMAL(p, s)
// or DOUBLE.
func numberLiteral(e *ast.NumberLit, neg bool) (expr.Expr, error) {
	text := e.Text
	if neg {
		text = "-" + text
	}
	switch e.Kind {
	case ast.IntegerNumber:
		if v, err := strconv.ParseInt(text, 10, 64); err == nil {
			if v >= -1<<31 && v < 1<<31 {
				return expr.NewLiteral(int32(v), types.NewInt().NotNull())
			}
			return expr.NewLiteral(v, types.NewBigInt().NotNull())
		}
		p := len(strings.TrimLeft(e.Text, "0"))
		if p > types.MaxDecimalPrecision {
			return nil, errorf(e, "integer literal %s is out of range", e.Text)
		}
		d, err := types.ParseDecimal(text, p, 0)
		if err != nil {
			return nil, errorf(e, "%v", err)
		}
		return expr.NewLiteral(d, types.NewDecimal(p, 0).NotNull())
	case ast.DecimalNumber:
		whole, frac, _ := strings.Cut(e.Text, ".")
		whole = strings.TrimLeft(whole, "0")
		s := len(frac)
		p := max(len(whole)+s, 1)
		if p > types.MaxDecimalPrecision {
			return nil, errorf(e, "decimal literal %s has more than 38 digits", e.Text)
		}
		d, err := types.ParseDecimal(text, p, s)
		if err != nil {
			return nil, errorf(e, "%v", err)
		}
		return expr.NewLiteral(d, types.NewDecimal(p, s).NotNull())
	}
	f, err := strconv.ParseFloat(text, 64)
	if err != nil {
		return nil, errorf(e, "invalid number %s", e.Text)
	}
	return expr.NewLiteral(f, types.NewDouble().NotNull())
}

func typedLiteral(e *ast.TypedLit) (expr.Expr, error) {
	switch e.Type {
	case "DATE":
		d, err := fn.ParseDate(strings.TrimSpace(e.Value))
		if err != nil {
			return nil, errorf(e, "invalid DATE literal '%s'", e.Value)
		}
		return expr.NewLiteral(d, types.NewDate().NotNull())
	case "TIME":
		t, err := fn.ParseTime(strings.TrimSpace(e.Value))
		if err != nil {
			return nil, errorf(e, "invalid TIME literal '%s'", e.Value)
		}
		return expr.NewLiteral(t, types.NewTime(fracDigits(e.Value, 3)).NotNull())
	case "TIMESTAMP":
		ts, err := fn.ParseTimestamp(strings.TrimSpace(e.Value))
		if err != nil {
			return nil, errorf(e, "invalid TIMESTAMP literal '%s'", e.Value)
		}
		return expr.NewLiteral(ts, types.NewTimestamp(fracDigits(e.Value, 9)).NotNull())
	}
	return nil, errorf(e, "%s literals are not supported", e.Type)
}

func fracDigits(s string, maxP int) int {
	if i := strings.LastIndexByte(s, '.'); i >= 0 && strings.Contains(s, ":") {
		return min(len(strings.TrimSpace(s[i+1:])), maxP)
	}
	return 0
}
