package merge

import (
	"bytes"
	"fmt"
	"unicode/utf8"

	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// aggFn identifies a field aggregate function (Paimon's FieldAggregator
// subclasses).
type aggFn uint8

const (
	fnPrimaryKey   aggFn = iota // FieldPrimaryKeyAgg
	fnSum                       // FieldSumAgg
	fnProduct                   // FieldProductAgg
	fnCount                     // FieldCountAgg
	fnMax                       // FieldMaxAgg
	fnMin                       // FieldMinAgg
	fnLastValue                 // FieldLastValueAgg
	fnLastNonNull               // FieldLastNonNullValueAgg
	fnFirstValue                // FieldFirstValueAgg
	fnFirstNonNull              // FieldFirstNonNullValueAgg
	fnListagg                   // FieldListaggAgg
	fnBoolAnd                   // FieldBoolAndAgg
	fnBoolOr                    // FieldBoolOrAgg
)

var fnByName = map[string]aggFn{
	"primary_key": fnPrimaryKey, "primary-key": fnPrimaryKey,
	"sum": fnSum, "product": fnProduct, "count": fnCount, "max": fnMax, "min": fnMin,
	"last_value": fnLastValue, "last_non_null_value": fnLastNonNull,
	"first_value": fnFirstValue, "first_non_null_value": fnFirstNonNull, "first_not_null_value": fnFirstNonNull,
	"listagg": fnListagg, "bool_and": fnBoolAnd, "bool_or": fnBoolOr,
}

// notSupported are Paimon aggregate functions Weir does not implement yet.
var notSupported = map[string]string{
	"collect":                "it aggregates ARRAY columns, which Weir's columnar vectors do not hold yet",
	"merge_map":              "it aggregates MAP columns, which Weir's columnar vectors do not hold yet",
	"merge_map_with_keytime": "it aggregates MAP columns, which Weir's columnar vectors do not hold yet",
	"nested_update":          "it aggregates ARRAY<ROW> columns, which Weir's columnar vectors do not hold yet",
	"nested_partial_update":  "it aggregates ARRAY<ROW> columns, which Weir's columnar vectors do not hold yet",
	"rbm32":                  "RoaringBitmap aggregation is not implemented in Weir yet",
	"rbm64":                  "RoaringBitmap aggregation is not implemented in Weir yet",
	"hll_sketch":             "sketch aggregation is not implemented in Weir yet",
	"theta_sketch":           "sketch aggregation is not implemented in Weir yet",
}

// fieldAgg is the aggregator of one value column.
type fieldAgg struct {
	name          string // aggregate function name, for errors
	field         string
	col           int
	typ           types.DataType
	kind          vec.Kind
	fn            aggFn
	ignoreRetract bool
	decimal       bool // DECIMAL column (I64 compact or Dec)
	prec, scale   int
	width         uint // bit width of integer kinds (8, 16, 32, 64)
	delim         []byte
	distinct      bool

	big     bigScratch
	tmp     slot        // aggReversed scratch
	scratch *vec.Vector // aggReversed scratch: holds the accumulator as an input
	tokens  map[string]struct{}
}

// newFieldAgg builds the aggregator of column i with function name, checking
// the column type as Paimon's factories do. option is the option that chose
// the function ("" for implicit choices), for errors.
func newFieldAgg(c *config, i int, name, option string) (*fieldAgg, error) {
	f := c.fields[i]
	if reason, ok := notSupported[name]; ok {
		return nil, cfgErr(option, f.Name, "aggregate function '%s' is not supported: %s", name, reason)
	}
	fn, ok := fnByName[name]
	if !ok {
		return nil, cfgErr(option, f.Name, "Use unsupported aggregation: %s or spell aggregate function incorrectly!", name)
	}
	a := &fieldAgg{name: name, field: f.Name, col: i, typ: f.Type, kind: c.kinds[i], fn: fn}
	a.ignoreRetract = c.opts.FieldIgnoreRetract(f.Name)
	a.decimal = f.Type.Root == types.DecimalRoot
	a.prec, a.scale = f.Type.Precision, f.Type.Scale
	switch a.kind {
	case vec.KindI8:
		a.width = 8
	case vec.KindI16:
		a.width = 16
	case vec.KindI32:
		a.width = 32
	case vec.KindI64:
		a.width = 64
	}
	typeErr := func(what, want string) error {
		return cfgErr(option, f.Name, "Data type for %s column must be '%s' but was '%s'.", what, want, f.Type)
	}
	root := f.Type.Root
	switch fn {
	case fnSum, fnProduct:
		switch root {
		case types.TinyInt, types.SmallInt, types.Int, types.BigInt, types.Float, types.Double, types.DecimalRoot:
		default:
			return nil, typeErr(name, "NumericType")
		}
	case fnCount:
		if root != types.Int && root != types.BigInt {
			return nil, typeErr(name, "INT' or 'BIGINT")
		}
	case fnMax, fnMin:
		switch root {
		case types.TinyInt, types.SmallInt, types.Int, types.BigInt, types.Float, types.Double, types.DecimalRoot,
			types.Date, types.Time, types.TimestampRoot, types.TimestampLTZ,
			types.Char, types.VarChar, types.Binary, types.VarBinary:
		default:
			return nil, cfgErr(option, f.Name, "aggregate function '%s' needs a comparable type (Incomparable type: %s)", name, f.Type)
		}
	case fnListagg:
		if root != types.VarChar {
			return nil, typeErr("list agg", "VarCharType")
		}
		a.delim = []byte(c.opts.FieldListAggDelimiter(f.Name))
		a.distinct = c.opts.FieldDistinct(f.Name)
		a.tokens = map[string]struct{}{}
	case fnBoolAnd, fnBoolOr:
		if root != types.Boolean {
			what := "bool and"
			if fn == fnBoolOr {
				what = "bool or"
			}
			return nil, typeErr(what, "BooleanType")
		}
	}
	return a, nil
}

// slot is a typed accumulator (one field of Paimon's GenericRow being merged).
type slot struct {
	null bool
	// init is the "initialized" flag of first_value / first_non_null_value; it
	// belongs to the aggregator, so a removed row does not clear it (as Java).
	init bool
	i    int64 // BOOLEAN (0/1), TINYINT..BIGINT, DATE, TIME, DECIMAL(p ≤ 18) unscaled
	f    float64
	d    types.Decimal
	ts   types.Timestamp
	b    []byte // owned
}

func (s *slot) reset() { s.null, s.init, s.b = true, false, s.b[:0] }

// load copies the value at row of v into s (null included).
func (s *slot) load(v *vec.Vector, row int) {
	if v.Nulls.Get(row) {
		s.null = true
		return
	}
	s.null = false
	switch v.Kind {
	case vec.KindBool:
		s.i = boolInt(v.Bools[row])
	case vec.KindI8:
		s.i = int64(v.I8[row])
	case vec.KindI16:
		s.i = int64(v.I16[row])
	case vec.KindI32:
		s.i = int64(v.I32[row])
	case vec.KindI64:
		s.i = v.I64[row]
	case vec.KindF32:
		s.f = float64(v.F32[row])
	case vec.KindF64:
		s.f = v.F64[row]
	case vec.KindDecimal:
		s.d = v.Dec[row]
	case vec.KindTimestamp:
		s.ts = v.TS[row]
	case vec.KindBytes:
		s.b = append(s.b[:0], v.Bytes(row)...)
	}
}

// store appends s to v.
func (s *slot) store(v *vec.Vector) {
	if s.null {
		v.AppendNull()
		return
	}
	switch v.Kind {
	case vec.KindBool:
		v.Bools = append(v.Bools, s.i != 0)
	case vec.KindI8:
		v.I8 = append(v.I8, int8(s.i))
	case vec.KindI16:
		v.I16 = append(v.I16, int16(s.i))
	case vec.KindI32:
		v.I32 = append(v.I32, int32(s.i))
	case vec.KindI64:
		v.I64 = append(v.I64, s.i)
	case vec.KindF32:
		v.F32 = append(v.F32, float32(s.f))
	case vec.KindF64:
		v.F64 = append(v.F64, s.f)
	case vec.KindDecimal:
		v.Dec = append(v.Dec, s.d)
	case vec.KindTimestamp:
		v.TS = append(v.TS, s.ts)
	case vec.KindBytes:
		v.AppendBytes(s.b)
		return
	}
	v.Len++
}

// wrap truncates x to the field's integer width (Java's (byte)/(short)/(int) casts).
func (a *fieldAgg) wrap(x int64) int64 {
	switch a.width {
	case 8:
		return int64(int8(x))
	case 16:
		return int64(int16(x))
	case 32:
		return int64(int32(x))
	}
	return x
}

func (a *fieldAgg) retractErr() error {
	return fmt.Errorf("merge: field %q: Aggregate function '%s' does not support retraction, "+
		"If you allow this function to ignore retraction messages, you can configure 'fields.%s.ignore-retract'='true'.",
		a.field, a.name, a.field)
}

func (a *fieldAgg) arithErr(err error) error {
	return fmt.Errorf("merge: field %q: aggregate function '%s': %w", a.field, a.name, err)
}

// agg folds the input value at row of v into s (FieldAggregator.agg).
func (a *fieldAgg) agg(s *slot, v *vec.Vector, row int) {
	inNull := v.Nulls.Get(row)
	switch a.fn {
	case fnPrimaryKey, fnLastValue:
		s.load(v, row)
	case fnLastNonNull:
		if !inNull {
			s.load(v, row)
		}
	case fnFirstValue:
		if !s.init {
			s.init = true
			s.load(v, row)
		}
	case fnFirstNonNull:
		if !s.init && !inNull {
			s.init = true
			s.load(v, row)
		}
	case fnSum, fnProduct:
		if inNull {
			return
		}
		if s.null {
			s.load(v, row)
			return
		}
		if a.fn == fnSum {
			a.add(s, v, row, false)
		} else {
			a.mul(s, v, row)
		}
	case fnCount:
		if s.null || inNull {
			if s.null {
				s.null, s.i = false, 1
			}
			return
		}
		s.i = a.wrap(s.i + 1)
	case fnMax, fnMin:
		if inNull {
			return
		}
		if s.null {
			s.load(v, row)
			return
		}
		c := cmpSlotVec(s, v, row)
		if (a.fn == fnMax && c < 0) || (a.fn == fnMin && c > 0) {
			s.load(v, row)
		}
	case fnBoolAnd, fnBoolOr:
		if inNull {
			return
		}
		if s.null {
			s.load(v, row)
			return
		}
		x := boolInt(v.Bools[row])
		if a.fn == fnBoolAnd {
			s.i &= x
		} else {
			s.i |= x
		}
	case fnListagg:
		in := v.Bytes(row)
		if inNull || isBlank(in) {
			return
		}
		if s.null || isBlank(s.b) {
			s.load(v, row)
			return
		}
		a.listagg(s, in)
	}
}

// retract removes the input value at row of v from s (FieldAggregator.retract).
func (a *fieldAgg) retract(s *slot, v *vec.Vector, row int) error {
	if a.ignoreRetract {
		return nil // FieldIgnoreRetractAgg
	}
	inNull := v.Nulls.Get(row)
	switch a.fn {
	case fnPrimaryKey:
		s.load(v, row)
	case fnLastValue:
		s.null = true
	case fnLastNonNull:
		if !inNull {
			s.null = true
		}
	case fnSum:
		if inNull {
			return nil
		}
		if s.null {
			s.load(v, row)
			a.negate(s)
			return nil
		}
		a.add(s, v, row, true)
	case fnProduct:
		if s.null || inNull {
			return nil
		}
		return a.div(s, v, row)
	case fnCount:
		if s.null || inNull {
			if s.null {
				s.null, s.i = false, 1
			}
			return nil
		}
		s.i = a.wrap(s.i - 1)
	default:
		return a.retractErr()
	}
	return nil
}

// aggReversed is FieldAggregator.aggReversed: agg with the accumulator and the
// input swapped (partial-update, a record older than the stored sequence).
func (a *fieldAgg) aggReversed(s *slot, v *vec.Vector, row int) {
	if a.scratch == nil {
		a.scratch = vec.MustNew(a.typ, 1)
	}
	a.scratch.Reset()
	s.store(a.scratch)
	t := &a.tmp
	t.load(v, row)
	t.init = s.init
	a.agg(t, a.scratch, 0)
	// s = t, keeping both byte buffers owned.
	b := s.b
	*s = *t
	t.b = b
}

// add adds (or with sub, subtracts) the non-null input to the non-null s.
func (a *fieldAgg) add(s *slot, v *vec.Vector, row int, sub bool) {
	switch v.Kind {
	case vec.KindF32:
		x := v.F32[row]
		if sub {
			s.f = float64(float32(s.f) - x)
		} else {
			s.f = float64(float32(s.f) + x)
		}
		return
	case vec.KindF64:
		if sub {
			s.f -= v.F64[row]
		} else {
			s.f += v.F64[row]
		}
		return
	case vec.KindDecimal:
		x := v.Dec[row]
		if sub {
			x = neg128(x)
		}
		d, ok := decAdd(s.d, x, a.prec)
		s.d, s.null = d, !ok
		return
	}
	var x int64
	switch v.Kind {
	case vec.KindI8:
		x = int64(v.I8[row])
	case vec.KindI16:
		x = int64(v.I16[row])
	case vec.KindI32:
		x = int64(v.I32[row])
	case vec.KindI64:
		x = v.I64[row]
	}
	if a.decimal {
		if sub {
			x = -x
		}
		r, ok := compactAdd(s.i, x, a.prec)
		s.i, s.null = r, !ok
		return
	}
	if sub {
		s.i = a.wrap(s.i - x)
	} else {
		s.i = a.wrap(s.i + x)
	}
}

// negate negates a non-null s (FieldSumAgg.negative).
func (a *fieldAgg) negate(s *slot) {
	if s.null {
		return
	}
	switch a.kind {
	case vec.KindF32, vec.KindF64:
		s.f = -s.f
	case vec.KindDecimal:
		s.d = neg128(s.d)
	default:
		s.i = a.wrap(-s.i)
	}
}

func (a *fieldAgg) mul(s *slot, v *vec.Vector, row int) {
	switch v.Kind {
	case vec.KindF32:
		s.f = float64(float32(s.f) * v.F32[row])
		return
	case vec.KindF64:
		s.f *= v.F64[row]
		return
	case vec.KindDecimal:
		d, ok := a.big.decMul(s.d, v.Dec[row], a.prec, a.scale)
		s.d, s.null = d, !ok
		return
	}
	x := loadInt(v, row)
	if a.decimal {
		d, ok := a.big.decMul(types.DecimalFromInt64(s.i), types.DecimalFromInt64(x), a.prec, a.scale)
		s.i, s.null = d.Int64(), !ok
		return
	}
	s.i = a.wrap(s.i * x)
}

func (a *fieldAgg) div(s *slot, v *vec.Vector, row int) error {
	switch v.Kind {
	case vec.KindF32:
		s.f = float64(float32(s.f) / v.F32[row])
		return nil
	case vec.KindF64:
		s.f /= v.F64[row]
		return nil
	case vec.KindDecimal:
		d, ok, err := a.big.decDiv(s.d, v.Dec[row], a.prec, a.scale)
		if err != nil {
			return a.arithErr(err)
		}
		s.d, s.null = d, !ok
		return nil
	}
	x := loadInt(v, row)
	if a.decimal {
		d, ok, err := a.big.decDiv(types.DecimalFromInt64(s.i), types.DecimalFromInt64(x), a.prec, a.scale)
		if err != nil {
			return a.arithErr(err)
		}
		s.i, s.null = d.Int64(), !ok
		return nil
	}
	if x == 0 {
		return a.arithErr(errIntegerDivByZero)
	}
	s.i = a.wrap(s.i / x) // MinInt64 / -1 wraps in Go as in Java
	return nil
}

func loadInt(v *vec.Vector, row int) int64 {
	switch v.Kind {
	case vec.KindI8:
		return int64(v.I8[row])
	case vec.KindI16:
		return int64(v.I16[row])
	case vec.KindI32:
		return int64(v.I32[row])
	}
	return v.I64[row]
}

// listagg concatenates in (non-blank) to the non-blank accumulator
// (FieldListaggAgg; with distinct, tokens already present are skipped).
func (a *fieldAgg) listagg(s *slot, in []byte) {
	if !a.distinct {
		s.b = append(append(s.b, a.delim...), in...)
		return
	}
	clear(a.tokens)
	for _, t := range splitWhole(s.b, a.delim) {
		a.tokens[string(t)] = struct{}{}
	}
	for _, t := range splitWhole(in, a.delim) {
		if isBlank(t) {
			continue
		}
		if _, dup := a.tokens[string(t)]; dup {
			continue
		}
		a.tokens[string(t)] = struct{}{}
		s.b = append(append(s.b, a.delim...), t...)
	}
}

// splitWhole splits s at every occurrence of sep, keeping empty tokens
// (commons-lang splitByWholeSeparatorPreserveAllTokens; an empty separator
// splits at whitespace).
func splitWhole(s, sep []byte) [][]byte {
	if len(s) == 0 {
		return nil
	}
	if len(sep) == 0 {
		var out [][]byte
		start := 0
		for i := 0; i < len(s); {
			r, n := utf8.DecodeRune(s[i:])
			if javaWhitespace(r) {
				out = append(out, s[start:i])
				start = i + n
			}
			i += n
		}
		return append(out, s[start:])
	}
	return bytes.Split(s, sep)
}

// isBlank is Paimon's StringUtils.isBlank: empty or only Java whitespace.
func isBlank(b []byte) bool {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if !javaWhitespace(r) {
			return false
		}
		i += n
	}
	return true
}

// javaWhitespace is Character.isWhitespace: Unicode space separators except
// the no-break spaces, plus \t \n \v \f \r and \x1c..\x1f.
func javaWhitespace(r rune) bool {
	switch r {
	case '\t', '\n', '\v', '\f', '\r', 0x1c, 0x1d, 0x1e, 0x1f, ' ',
		0x1680, 0x2028, 0x2029, 0x205f, 0x3000:
		return true
	}
	return r >= 0x2000 && r <= 0x200a && r != 0x2007
}
