package fn

import (
	"strings"
	"testing"

	"github.com/weir-data/weir/types"
)

var (
	tInt     = types.NewInt()
	tBig     = types.NewBigInt()
	tTiny    = types.NewTinyInt()
	tSmall   = types.NewSmallInt()
	tFloat   = types.NewFloat()
	tDouble  = types.NewDouble()
	tBool    = types.NewBoolean()
	tString  = types.NewString()
	tDate    = types.NewDate()
	tNull    = types.DataType{}
	tTS3     = types.NewTimestamp(3)
	tTS6     = types.NewTimestamp(6)
	tLTZ3    = types.NewTimestampLTZ(3)
	tBytes   = types.NewBytes()
	tTime0   = types.NewTime(0)
	dec      = types.NewDecimal
	varchar  = types.NewVarChar
	charType = types.NewChar
)

func TestCommonType(t *testing.T) {
	cases := []struct {
		in   []types.DataType
		want string // type String() or "error: <substring>"
	}{
		{[]types.DataType{tInt, tInt}, "INT"},
		{[]types.DataType{tTiny, tSmall}, "SMALLINT"},
		{[]types.DataType{tInt, tBig}, "BIGINT"},
		{[]types.DataType{tInt, tBig, dec(2, 2)}, "DECIMAL(21, 2)"}, // Flink's javadoc example
		{[]types.DataType{dec(10, 2), dec(5, 4)}, "DECIMAL(12, 4)"},
		{[]types.DataType{dec(38, 10), dec(38, 30)}, "DECIMAL(38, 10)"},
		{[]types.DataType{dec(10, 2), tDouble}, "DOUBLE"},
		{[]types.DataType{dec(10, 2), tFloat}, "DOUBLE"},
		{[]types.DataType{tInt, tFloat}, "FLOAT"},
		{[]types.DataType{tFloat, tDouble}, "DOUBLE"},
		{[]types.DataType{charType(3), charType(3)}, "CHAR(3)"},
		{[]types.DataType{charType(3), charType(5)}, "VARCHAR(5)"},
		{[]types.DataType{charType(3), varchar(2)}, "VARCHAR(3)"},
		{[]types.DataType{varchar(3), tString}, "STRING"},
		{[]types.DataType{types.NewBinary(2), tBytes}, "BYTES"},
		{[]types.DataType{tTS3, tTS6}, "TIMESTAMP(6)"},
		{[]types.DataType{tTS6, tLTZ3}, "TIMESTAMP(6) WITH LOCAL TIME ZONE"},
		{[]types.DataType{tDate, tTS3}, "TIMESTAMP(3)"},
		{[]types.DataType{tTime0, types.NewTime(3)}, "TIME(3)"},
		{[]types.DataType{tNull, tInt.NotNull()}, "INT"},
		{[]types.DataType{tInt.NotNull(), tBig.NotNull()}, "BIGINT NOT NULL"},
		{[]types.DataType{tInt.NotNull(), tBig}, "BIGINT"},
		{[]types.DataType{tInt, tString}, "error: INT and STRING"},
		{[]types.DataType{tBool, tInt}, "error: BOOLEAN and INT"},
		{[]types.DataType{tDate, tTime0}, "error: DATE and TIME(0)"},
		{[]types.DataType{tNull, tNull}, "error: type of NULL"},
	}
	for _, c := range cases {
		got, err := CommonType(c.in...)
		if strings.HasPrefix(c.want, "error: ") {
			if err == nil || !strings.Contains(err.Error(), strings.TrimPrefix(c.want, "error: ")) {
				t.Errorf("CommonType(%v) = %v, %v; want error containing %q", c.in, got, err, c.want)
			}
			continue
		}
		if err != nil || got.String() != c.want {
			t.Errorf("CommonType(%v) = %v, %v; want %s", c.in, got, err, c.want)
		}
	}
}

func TestImplicitAndExplicitCasts(t *testing.T) {
	cases := []struct {
		from, to           types.DataType
		implicit, explicit bool
	}{
		{tTiny, tInt, true, true},
		{tInt, tTiny, false, true},
		{tBig, tDouble, true, true},
		{tDouble, dec(10, 2), true, true}, // Flink: DECIMAL implicitly from every NUMERIC
		{tDouble, tFloat, false, true},
		{dec(10, 2), tFloat, true, true},
		{tInt, tString, false, true},
		{tString, tInt, false, true},
		{charType(2), tString, true, true},
		{tString, charType(2), false, true},
		{tBool, tInt, false, true},
		{tInt, tBool, false, true},
		{tBool, tDouble, false, true},
		{tTS3, tDate, true, true},
		{tDate, tTS3, false, true},
		{tTS3, tLTZ3, true, true},
		{tLTZ3, tTS6, true, true},
		{tDate, tTime0, false, false},
		{tTime0, tDate, false, false},
		{tTS3, tBig, false, false}, // Flink's planner refuses these
		{tBig, tTS3, false, false},
		{tDate, tInt, false, false},
		{tBytes, tString, false, true},
		{tString, tBytes, false, true},
		{types.NewBinary(3), tBytes, true, true},
		{tBytes, tInt, false, false},
		{tInt.NotNull(), tBig, true, true},
		{tInt, tBig.NotNull(), false, true},
		{tNull, tDate, true, true},
	}
	for _, c := range cases {
		if got := ImplicitCast(c.from, c.to); got != c.implicit {
			t.Errorf("ImplicitCast(%s, %s) = %v", c.from, c.to, got)
		}
		if got := Castable(c.from, c.to); got != c.explicit {
			t.Errorf("Castable(%s, %s) = %v", c.from, c.to, got)
		}
	}
}

func TestArithmeticTypes(t *testing.T) {
	cases := []struct {
		op         string
		a, b       types.DataType
		args, want string
	}{
		{"+", tInt, tInt, "INT,INT", "INT"},
		{"+", tInt.NotNull(), tInt.NotNull(), "INT NOT NULL,INT NOT NULL", "INT NOT NULL"},
		{"+", tTiny, tTiny, "TINYINT,TINYINT", "TINYINT"},
		{"-", tInt, tBig, "BIGINT,BIGINT", "BIGINT"},
		{"/", tInt, tInt, "INT,INT", "INT"},
		{"%", tBig, tInt, "BIGINT,BIGINT", "INT"},
		{"%", tInt, tBig, "BIGINT,BIGINT", "BIGINT"},
		{"*", tInt, tDouble, "DOUBLE,DOUBLE", "DOUBLE"},
		{"*", tInt, tFloat, "FLOAT,FLOAT", "FLOAT"},
		{"+", dec(10, 2), tDouble, "DOUBLE,DOUBLE", "DOUBLE"},
		{"+", dec(10, 2), dec(5, 4), "DECIMAL(10, 2),DECIMAL(5, 4)", "DECIMAL(13, 4)"},
		{"+", dec(38, 8), dec(32, 8), "DECIMAL(38, 8),DECIMAL(32, 8)", "DECIMAL(38, 7)"},
		{"+", dec(10, 2), tInt, "DECIMAL(10, 2),DECIMAL(10, 0)", "DECIMAL(13, 2)"},
		{"*", dec(10, 2), dec(5, 1), "DECIMAL(10, 2),DECIMAL(5, 1)", "DECIMAL(16, 3)"},
		{"*", dec(38, 10), dec(38, 10), "DECIMAL(38, 10),DECIMAL(38, 10)", "DECIMAL(38, 6)"},
		{"*", dec(20, 2), dec(20, 2), "DECIMAL(20, 2),DECIMAL(20, 2)", "DECIMAL(38, 4)"},
		{"/", dec(10, 2), dec(5, 1), "DECIMAL(10, 2),DECIMAL(5, 1)", "DECIMAL(17, 8)"},
		{"/", tInt, dec(10, 0), "DECIMAL(10, 0),DECIMAL(10, 0)", "DECIMAL(21, 11)"},
		{"/", dec(38, 2), dec(38, 2), "DECIMAL(38, 2),DECIMAL(38, 2)", "DECIMAL(38, 6)"},
		{"%", dec(10, 2), dec(5, 1), "DECIMAL(10, 2),DECIMAL(5, 1)", "DECIMAL(6, 2)"},
		{"%", tDouble, tInt, "", "error: exact numbers"},
		{"+", tString, tInt, "", "error: not defined on STRING and INT"},
	}
	for _, c := range cases {
		args, got, err := ArithmeticTypes(c.op, c.a, c.b)
		if strings.HasPrefix(c.want, "error: ") {
			if err == nil || !strings.Contains(err.Error(), strings.TrimPrefix(c.want, "error: ")) {
				t.Errorf("%s %s %s = %v, %v; want %s", c.a, c.op, c.b, got, err, c.want)
			}
			continue
		}
		if err != nil || got.String() != c.want {
			t.Errorf("%s %s %s = %v, %v; want %s", c.a, c.op, c.b, got, err, c.want)
		}
		if a := args[0].String() + "," + args[1].String(); a != c.args {
			t.Errorf("%s %s %s: argument types %s, want %s", c.a, c.op, c.b, a, c.args)
		}
	}
}
