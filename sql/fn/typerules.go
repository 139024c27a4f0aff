package fn

import (
	"fmt"

	"github.com/weir-data/weir/types"
)

// This file holds Flink's type rules, exported for the planner: the least
// restrictive common type (LogicalTypeMerging.findCommonType), the implicit
// and explicit cast tables (LogicalTypeCasts) and the result types of the
// arithmetic operators (Calcite's rules with Flink's decimal type system).
//
// A zero DataType (Root 0) stands for the type of an untyped NULL literal:
// it takes part in CommonType without constraining the result, and it casts
// implicitly to anything.

// MinAdjustedScale is the number of fractional digits a decimal result keeps
// at least when its precision has to be cut to 38 (Flink's
// MINIMUM_ADJUSTED_SCALE, the Hive/Spark rule).
const MinAdjustedScale = 6

// isNullType reports whether t is the type of an untyped NULL literal.
func isNullType(t types.DataType) bool { return t.Root == 0 }

// IsExactNumeric reports whether t is TINYINT, SMALLINT, INT, BIGINT or DECIMAL.
func IsExactNumeric(t types.DataType) bool {
	switch t.Root {
	case types.TinyInt, types.SmallInt, types.Int, types.BigInt, types.DecimalRoot:
		return true
	}
	return false
}

// IsIntegral reports whether t is TINYINT, SMALLINT, INT or BIGINT.
func IsIntegral(t types.DataType) bool {
	switch t.Root {
	case types.TinyInt, types.SmallInt, types.Int, types.BigInt:
		return true
	}
	return false
}

// IsApproxNumeric reports whether t is FLOAT or DOUBLE.
func IsApproxNumeric(t types.DataType) bool {
	return t.Root == types.Float || t.Root == types.Double
}

// IsNumeric reports whether t is an exact or approximate number.
func IsNumeric(t types.DataType) bool { return IsExactNumeric(t) || IsApproxNumeric(t) }

// IsDatetime reports whether t is DATE, TIME, TIMESTAMP or TIMESTAMP_LTZ.
func IsDatetime(t types.DataType) bool {
	switch t.Root {
	case types.Date, types.Time, types.TimestampRoot, types.TimestampLTZ:
		return true
	}
	return false
}

// IntegralAsDecimal returns the DECIMAL type that holds every value of an
// integral type exactly, as Flink's decimal arithmetic sees it: TINYINT is
// DECIMAL(3, 0), SMALLINT DECIMAL(5, 0), INT DECIMAL(10, 0), BIGINT
// DECIMAL(19, 0). A DECIMAL is returned unchanged.
func IntegralAsDecimal(t types.DataType) types.DataType {
	var p int
	switch t.Root {
	case types.TinyInt:
		p = 3
	case types.SmallInt:
		p = 5
	case types.Int:
		p = 10
	case types.BigInt:
		p = 19
	default:
		return t
	}
	return types.NewDecimal(p, 0).WithNullable(t.Nullable)
}

// CommonType returns the least restrictive type all of ts can be cast to
// implicitly (Flink's LogicalTypeMerging.findCommonType): numbers widen along
// TINYINT < SMALLINT < INT < BIGINT < DECIMAL < FLOAT < DOUBLE, with DECIMAL
// precision and scale merged (whole digits and scale each the maximum, the
// scale cut so the precision stays ≤ 38), and DECIMAL with FLOAT or DOUBLE
// giving DOUBLE; character strings give VARCHAR of the longest length (CHAR
// stays CHAR only when all lengths are equal), binary strings likewise;
// TIME and TIMESTAMP take the highest precision, TIMESTAMP with
// TIMESTAMP_LTZ gives TIMESTAMP_LTZ. DATE with TIMESTAMP gives TIMESTAMP (a
// widening Weir chooses so that no time of day is lost; Flink's own merging
// falls back to its implicit-cast table here). The result is nullable when
// any input is. It is an error, naming the two types that clash, when no
// common type exists or when every input is an untyped NULL.
func CommonType(ts ...types.DataType) (types.DataType, error) {
	if len(ts) == 0 {
		return types.DataType{}, fmt.Errorf("common type of no types is undefined")
	}
	nullable := false
	var res types.DataType
	for _, t := range ts {
		if isNullType(t) {
			nullable = true
			continue
		}
		if t.Nullable {
			nullable = true
		}
		t = t.WithNullable(true)
		if isNullType(res) {
			res = t
			continue
		}
		m, ok := mergeTypes(res, t)
		if !ok {
			return types.DataType{}, fmt.Errorf("types %s and %s have no common type; add an explicit CAST", res.WithNullable(true), t)
		}
		res = m
	}
	if isNullType(res) {
		return types.DataType{}, fmt.Errorf("the type of NULL cannot be inferred here; add a CAST(NULL AS <type>)")
	}
	return res.WithNullable(nullable), nil
}

// mergeTypes merges two nullable, non-NULL types.
func mergeTypes(a, b types.DataType) (types.DataType, bool) {
	if a.Equal(b) {
		return a, true
	}
	switch {
	case a.IsString() && b.IsString():
		n := max(a.Length, b.Length)
		if a.Root == types.Char && b.Root == types.Char && a.Length == b.Length {
			return a, true
		}
		return types.NewVarChar(n), true
	case a.IsBinary() && b.IsBinary():
		n := max(a.Length, b.Length)
		if a.Root == types.Binary && b.Root == types.Binary && a.Length == b.Length {
			return a, true
		}
		return types.NewVarBinary(n), true
	case IsExactNumeric(a) && IsExactNumeric(b):
		return commonExact(a, b), true
	case IsNumeric(a) && IsNumeric(b):
		// At least one is approximate.
		if a.Root == types.Double || b.Root == types.Double || a.Root == types.DecimalRoot || b.Root == types.DecimalRoot {
			return types.NewDouble(), true
		}
		return types.NewFloat(), true
	case a.Root == types.Date && b.Root == types.Date:
		return a, true
	case a.Root == types.Time && b.Root == types.Time:
		return types.NewTime(max(a.Precision, b.Precision)), true
	case a.IsTimestamp() && b.IsTimestamp():
		p := max(a.Precision, b.Precision)
		if a.Root == types.TimestampLTZ || b.Root == types.TimestampLTZ {
			return types.NewTimestampLTZ(p), true
		}
		return types.NewTimestamp(p), true
	case a.Root == types.Date && b.Root == types.TimestampRoot:
		return b, true
	case a.Root == types.TimestampRoot && b.Root == types.Date:
		return a, true
	}
	return types.DataType{}, false
}

// commonExact merges two exact numeric types.
func commonExact(a, b types.DataType) types.DataType {
	if a.Root != types.DecimalRoot && b.Root != types.DecimalRoot {
		if a.Root > b.Root { // roots are declared in widening order
			return a
		}
		return b
	}
	a, b = IntegralAsDecimal(a), IntegralAsDecimal(b)
	d := min(max(a.Precision-a.Scale, b.Precision-b.Scale), types.MaxDecimalPrecision)
	s := min(max(a.Scale, b.Scale), types.MaxDecimalPrecision-d)
	return types.NewDecimal(d+s, s)
}

// ImplicitCast reports whether a value of type from may be converted to type
// to without an explicit CAST (Flink's LogicalTypeCasts.supportsImplicitCast):
// a nullable type never casts implicitly to a NOT NULL one; numbers widen
// (every number to DOUBLE and DECIMAL, integers and DECIMAL to FLOAT, each
// integer to the wider integers); CHAR and VARCHAR to VARCHAR; BINARY and
// VARBINARY to VARBINARY; TIMESTAMP to DATE and TIME; TIMESTAMP and
// TIMESTAMP_LTZ to each other; every type to itself whatever its length or
// precision.
func ImplicitCast(from, to types.DataType) bool {
	if from.Nullable && !to.Nullable && !isNullType(from) {
		return false
	}
	if isNullType(from) {
		return true
	}
	if from.Root == to.Root {
		return true
	}
	switch to.Root {
	case types.VarChar:
		return from.IsString()
	case types.VarBinary:
		return from.IsBinary()
	case types.DecimalRoot, types.Double:
		return IsNumeric(from)
	case types.SmallInt, types.Int, types.BigInt:
		return IsIntegral(from) && from.Root < to.Root
	case types.Float:
		return IsExactNumeric(from)
	case types.Date, types.Time:
		return from.Root == types.TimestampRoot
	case types.TimestampRoot:
		return from.Root == types.TimestampLTZ
	case types.TimestampLTZ:
		return from.Root == types.TimestampRoot
	}
	return false
}

// Castable reports whether CAST(x AS to) is allowed for x of type from
// (Flink's LogicalTypeCasts.supportsExplicitCast, for the atomic types Weir
// holds, narrowed by the cast rules Flink's planner rejects): everything to
// CHAR/VARCHAR; CHAR/VARCHAR to every atomic type; numbers and BOOLEAN among
// each other; DATE, TIME and the timestamps among each other (except
// DATE↔TIME); BINARY/VARBINARY among each other. Numbers and timestamps do not
// cast to each other: Flink's type table allows it but its planner refuses
// (TimestampToNumericCastRule, NumericToTimestampCastRule), and ResolveCast
// names the functions to use instead. Nested types are not castable yet.
func Castable(from, to types.DataType) bool {
	if isNullType(from) {
		return to.IsAtomic()
	}
	if !from.IsAtomic() || !to.IsAtomic() || from.Root == types.Variant || to.Root == types.Variant ||
		from.Root == types.Blob || to.Root == types.Blob {
		return false
	}
	if ImplicitCast(from.WithNullable(true), to.WithNullable(true)) {
		return true
	}
	switch {
	case to.IsString():
		return true
	case from.IsString():
		return true
	case to.Root == types.Boolean:
		return IsNumeric(from)
	case IsNumeric(to):
		return IsNumeric(from) || from.Root == types.Boolean
	case to.IsBinary():
		return from.IsBinary()
	case to.Root == types.Date:
		return from.IsTimestamp()
	case to.Root == types.Time:
		return from.IsTimestamp()
	case to.IsTimestamp():
		return IsDatetime(from)
	}
	return false
}

// adjustDecimal caps a decimal result type at precision 38, giving up scale
// but keeping at least min(scale, MinAdjustedScale) fractional digits
// (Flink's LogicalTypeMerging.adjustPrecisionScale).
func adjustDecimal(p, s int) types.DataType {
	if p <= types.MaxDecimalPrecision {
		return types.NewDecimal(p, s)
	}
	whole := p - s
	minScale := min(s, MinAdjustedScale)
	s = max(types.MaxDecimalPrecision-whole, minScale)
	return types.NewDecimal(types.MaxDecimalPrecision, s)
}

// DecimalAddType is the type of DECIMAL(p1, s1) ± DECIMAL(p2, s2): scale
// max(s1, s2), precision max(p1-s1, p2-s2) + scale + 1, then capped.
func DecimalAddType(p1, s1, p2, s2 int) types.DataType {
	s := max(s1, s2)
	return adjustDecimal(max(p1-s1, p2-s2)+s+1, s)
}

// DecimalMulType is the type of DECIMAL(p1, s1) * DECIMAL(p2, s2): precision
// p1 + p2 + 1, scale s1 + s2, then capped.
func DecimalMulType(p1, s1, p2, s2 int) types.DataType {
	return adjustDecimal(p1+p2+1, s1+s2)
}

// DecimalDivType is the type of DECIMAL(p1, s1) / DECIMAL(p2, s2): scale
// max(6, s1 + p2 + 1), precision p1 - s1 + s2 + scale, then capped.
func DecimalDivType(p1, s1, p2, s2 int) types.DataType {
	s := max(6, s1+p2+1)
	return adjustDecimal(p1-s1+s2+s, s)
}

// DecimalModType is the type of DECIMAL(p1, s1) % DECIMAL(p2, s2): scale
// max(s1, s2), precision min(p1-s1, p2-s2) + scale, then capped.
func DecimalModType(p1, s1, p2, s2 int) types.DataType {
	s := max(s1, s2)
	return adjustDecimal(min(p1-s1, p2-s2)+s, s)
}

// ArithmeticTypes resolves the binary arithmetic operator op ("+", "-", "*",
// "/" or "%") on operands of types a and b. It returns the types the kernel
// expects its two arguments in (the planner casts the operands to them) and
// the result type:
//
//   - both integral: both operands and the result are the wider integer type
//     (INT + INT = INT, INT / INT = INT as in Flink, where 5 / 2 = 2); "%" takes
//     the type of its right operand (Calcite's MOD); overflow wraps around as
//     Java's int and long arithmetic do.
//   - a FLOAT or DOUBLE operand: the common type (FLOAT or DOUBLE; DECIMAL with
//     FLOAT is DOUBLE). "%" is defined on exact numbers only, as in Flink.
//   - exact numbers with at least one DECIMAL: integers count as DECIMAL(3|5|10|19, 0),
//     and the result follows DecimalAddType, DecimalMulType, DecimalDivType or
//     DecimalModType; the arguments keep their own decimal types.
//
// The result is nullable when an operand is, and always for DECIMAL results
// (an overflowing DECIMAL result is NULL in Flink).
func ArithmeticTypes(op string, a, b types.DataType) (args [2]types.DataType, result types.DataType, err error) {
	nullable := a.Nullable || b.Nullable || isNullType(a) || isNullType(b)
	if isNullType(a) {
		a = b
	}
	if isNullType(b) {
		b = a
	}
	bad := func() error {
		return fmt.Errorf("operator %s is not defined on %s and %s; cast the operands to numbers", op, a, b)
	}
	if !IsNumeric(a) || !IsNumeric(b) {
		return args, result, bad()
	}
	switch {
	case op == "%" && (!IsExactNumeric(a) || !IsExactNumeric(b)):
		return args, result, fmt.Errorf("operator %% (MOD) is defined on exact numbers only, not on %s and %s; cast the operands to DECIMAL or an integer type", a, b)
	case IsIntegral(a) && IsIntegral(b):
		t := commonExact(a, b).WithNullable(nullable)
		if op == "%" {
			return [2]types.DataType{t, t}, b.WithNullable(nullable), nil
		}
		return [2]types.DataType{t, t}, t, nil
	case IsApproxNumeric(a) || IsApproxNumeric(b):
		t, _ := mergeTypes(a.WithNullable(true), b.WithNullable(true))
		t = t.WithNullable(nullable)
		return [2]types.DataType{t, t}, t, nil
	}
	da, db := IntegralAsDecimal(a).WithNullable(nullable), IntegralAsDecimal(b).WithNullable(nullable)
	p1, s1, p2, s2 := da.Precision, da.Scale, db.Precision, db.Scale
	switch op {
	case "+", "-":
		result = DecimalAddType(p1, s1, p2, s2)
	case "*":
		result = DecimalMulType(p1, s1, p2, s2)
	case "/":
		result = DecimalDivType(p1, s1, p2, s2)
	case "%":
		result = DecimalModType(p1, s1, p2, s2)
	default:
		return args, result, fmt.Errorf("unknown arithmetic operator %q", op)
	}
	return [2]types.DataType{da, db}, result.WithNullable(true), nil
}

// ConcatType is the type of a || b on character strings: VARCHAR of the
// summed lengths (STRING when that exceeds the maximum), nullable when
// either operand is. Binary strings concatenate to VARBINARY likewise.
func ConcatType(a, b types.DataType) (types.DataType, error) {
	nullable := a.Nullable || b.Nullable
	n := int64(a.Length) + int64(b.Length)
	if n > types.MaxLength {
		n = types.MaxLength
	}
	switch {
	case a.IsString() && b.IsString():
		return types.NewVarChar(int(n)).WithNullable(nullable), nil
	case a.IsBinary() && b.IsBinary():
		return types.NewVarBinary(int(n)).WithNullable(nullable), nil
	}
	return types.DataType{}, fmt.Errorf("operator || is not defined on %s and %s; cast the operands to STRING", a, b)
}
