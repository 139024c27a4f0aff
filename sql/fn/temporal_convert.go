package fn

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// Conversions between text, epoch numbers and temporal values (Flink's
// semantics; patterns in Java notation, see dateformat.go):
//
//	DATE_FORMAT(ts, fmt)          STRING    TIMESTAMP, TIMESTAMP_LTZ (in Context.Location), DATE, or a string
//	                                        parsed as Flink's default timestamp text
//	TO_DATE(s[, fmt])             DATE      default format yyyy-MM-dd (a time part is accepted and dropped)
//	TO_TIMESTAMP(s[, fmt])        TIMESTAMP(3)   default yyyy-MM-dd HH:mm:ss[.fraction] (leniently: one-digit
//	                                        fields, 'T' separator, time optional)
//	TO_TIMESTAMP_LTZ(n, p)        TIMESTAMP_LTZ(3)  n seconds (p = 0) or milliseconds (p = 3) since the epoch
//	UNIX_TIMESTAMP(s[, fmt])      BIGINT    s read as a wall clock in Context.Location (or at the offset it
//	                                        names), seconds since the epoch (truncated toward zero as Java's
//	                                        division); text that does not parse gives -9223372036854775808
//	                                        (Long.MIN_VALUE), exactly as Flink
//	FROM_UNIXTIME(n[, fmt])       STRING    n seconds since the epoch shown in Context.Location,
//	                                        default format yyyy-MM-dd HH:mm:ss
//	CONVERT_TZ(s, from, to)       STRING    s (default timestamp text) read in zone from, shown in zone to as
//	                                        yyyy-MM-dd HH:mm:ss
//
// Text that does not parse gives NULL (as Flink's TO_TIMESTAMP, TO_DATE).
// Parsing is strict where Java's SimpleDateFormat, which Flink's
// UNIX_TIMESTAMP uses, is lenient (it accepts trailing text and rolls Feb 30
// into March): such text does not parse here. A constant format that does not
// compile is an error when the call is resolved; a non-constant one is an
// error when it is met. Zones are IANA names (Asia/Shanghai), UTC/GMT/Z, or
// fixed offsets (+08:00, GMT+8, UTC-03:30); a constant unknown zone is a
// resolve error, a non-constant one gives NULL (Java would silently use GMT).

const (
	dfDefaultFormat = "yyyy-MM-dd HH:mm:ss"
)

var dfDefaultPattern = dfMustCompile(dfDefaultFormat)

func dfMustCompile(p string) *dateFormat {
	f, err := compileDateFormat(p)
	if err != nil {
		panic(err)
	}
	return f
}

func init() {
	RegisterScalar("DATE_FORMAT", resolveDateFormat)
	RegisterScalar("TO_DATE", func(args []Arg) (*Scalar, error) {
		return resolveParseTemporal("TO_DATE", args, types.NewDate())
	})
	RegisterScalar("TO_TIMESTAMP", func(args []Arg) (*Scalar, error) {
		return resolveParseTemporal("TO_TIMESTAMP", args, types.NewTimestamp(3))
	})
	RegisterScalar("UNIX_TIMESTAMP", resolveUnixTimestamp)
	RegisterScalar("TO_TIMESTAMP_LTZ", resolveToTimestampLTZ)
	RegisterScalar("FROM_UNIXTIME", resolveFromUnixtime)
	RegisterScalar("CONVERT_TZ", resolveConvertTZ)
}

// dfCache compiles a non-constant pattern once per distinct value met in a
// row (kernel-local, so never shared between goroutines).
type dfCache struct {
	src   string
	f     *dateFormat
	fixed bool
}

func newDFCache(a Arg, def *dateFormat) (*dfCache, error) {
	if a.IsConst {
		s, ok := a.Const.(string)
		if !ok {
			return &dfCache{fixed: true}, nil // NULL format: every row NULL
		}
		f, err := compileDateFormat(s)
		if err != nil {
			return nil, err
		}
		return &dfCache{src: s, f: f, fixed: true}, nil
	}
	return &dfCache{f: def}, nil
}

func (c *dfCache) get(b []byte) (*dateFormat, error) {
	if c.fixed || (c.f != nil && c.src == string(b)) {
		return c.f, nil
	}
	f, err := compileDateFormat(string(b))
	if err != nil {
		return nil, err
	}
	c.src, c.f = string(b), f
	return f, nil
}

// rowsAnyNullAt reports whether any argument is NULL in row i.
func rowsAnyNullAt(args []*vec.Vector, i int32) bool {
	for _, a := range args {
		if a.Nulls.Get(int(i)) {
			return true
		}
	}
	return false
}

func resolveDateFormat(args []Arg) (*Scalar, error) {
	const name = "DATE_FORMAT"
	if err := rowsArgCount(name, args, 2, 2); err != nil {
		return nil, err
	}
	t := args[0].Type
	switch {
	case t.Root == types.Date || t.IsTimestamp():
	case rowsIsCharacter(args[0]):
		t = types.NewString().WithNullable(true)
	default:
		return nil, rowsArgTypeError(name, 0, args[0], "a TIMESTAMP, TIMESTAMP_LTZ, DATE or string")
	}
	if !rowsIsCharacter(args[1]) {
		return nil, rowsArgTypeError(name, 1, args[1], "a string pattern")
	}
	if _, err := newDFCache(args[1], nil); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	ltz := t.Root == types.TimestampLTZ
	fmtArg := args[1]
	return &Scalar{
		Name:          name,
		Args:          []types.DataType{t, types.NewString().WithNullable(args[1].Type.Nullable)},
		Result:        types.NewString().WithNullable(rowsAnyNullable(args) || t.IsString()),
		Deterministic: true,
		Kernel: func(ctx *Context, args []*vec.Vector, sel []int32, n int, out *vec.Vector) error {
			if len(args) != 2 {
				return fmt.Errorf("%s: expected 2 argument vectors, got %d", name, len(args))
			}
			cache, _ := newDFCache(fmtArg, nil)
			loc := calLocation(ctx)
			v := args[0]
			rowsStartBytes(out)
			for _, i := range rowsOf(sel, n) {
				rowsPadBytes(out, int(i))
				if rowsAnyNullAt(args, i) {
					rowsNullBytes(out)
					continue
				}
				f, err := cache.get(rowsBytesAt(args[1], i))
				if err != nil {
					return fmt.Errorf("%s: %w", name, err)
				}
				if f == nil {
					rowsNullBytes(out)
					continue
				}
				var in dfInstant
				switch v.Kind {
				case vec.KindI32:
					in.wall = int64(v.I32[i]) * civilMsDay
				case vec.KindTimestamp:
					ts := v.TS[i]
					in = dfInstant{wall: ts.Millis, nano: ts.NanoOfMilli}
					if ltz {
						in = dfInstantIn(ts, loc)
					}
				case vec.KindBytes:
					p, ok := dfParseDefault(rowsBytesAt(v, i))
					if !ok {
						rowsNullBytes(out)
						continue
					}
					in = dfInstant{wall: p.wall, nano: p.nano}
				default:
					return fmt.Errorf("%s: argument vector of type %s is not temporal", name, v.Type)
				}
				out.Data = f.format(out.Data, in)
				if err := rowsEndBytes(name, out); err != nil {
					return err
				}
			}
			rowsPadBytes(out, n)
			return nil
		},
	}, nil
}

// dfInstantIn describes an instant's wall clock and zone in loc.
func dfInstantIn(ts types.Timestamp, loc *time.Location) dfInstant {
	t := time.UnixMilli(ts.Millis).In(loc)
	zone, off := t.Zone()
	offMs := int64(off) * civilMsSecond
	return dfInstant{wall: ts.Millis + offMs, nano: ts.NanoOfMilli, offsetMs: offMs, zone: zone}
}

// resolveParseTemporal resolves TO_DATE and TO_TIMESTAMP.
func resolveParseTemporal(name string, args []Arg, result types.DataType) (*Scalar, error) {
	if err := rowsArgCount(name, args, 1, 2); err != nil {
		return nil, err
	}
	for k, a := range args {
		if !rowsIsCharacter(a) {
			return nil, rowsArgTypeError(name, k, a, "a string")
		}
	}
	var fmtArg *Arg
	argTypes := []types.DataType{types.NewString().WithNullable(args[0].Type.Nullable)}
	if len(args) == 2 {
		fmtArg = &args[1]
		if _, err := newDFCache(args[1], nil); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		argTypes = append(argTypes, types.NewString().WithNullable(args[1].Type.Nullable))
	}
	isDate := result.Root == types.Date
	return &Scalar{
		Name:          name,
		Args:          argTypes,
		Result:        result.WithNullable(true),
		Deterministic: true,
		Kernel: func(_ *Context, args []*vec.Vector, sel []int32, n int, out *vec.Vector) error {
			if len(args) != len(argTypes) {
				return fmt.Errorf("%s: expected %d argument vectors, got %d", name, len(argTypes), len(args))
			}
			var cache *dfCache
			if fmtArg != nil {
				cache, _ = newDFCache(*fmtArg, nil)
			}
			rows := rowsOf(sel, n)
			rowsStartFixed(out, n)
			rowsPropagateNulls(args, rows, out)
			for _, i := range rows {
				if out.Nulls.Get(int(i)) {
					continue
				}
				var p dfParsed
				ok := false
				if cache == nil {
					p, ok = dfParseDefault(rowsBytesAt(args[0], i))
				} else {
					f, err := cache.get(rowsBytesAt(args[1], i))
					if err != nil {
						return fmt.Errorf("%s: %w", name, err)
					}
					if f != nil {
						p, ok = f.parse(rowsBytesAt(args[0], i))
					}
				}
				switch {
				case !ok:
					out.Nulls.Set(int(i))
				case isDate:
					d := civilFloorDiv(p.wall, civilMsDay)
					if d < math.MinInt32 || d > math.MaxInt32 {
						out.Nulls.Set(int(i))
						continue
					}
					out.I32[i] = int32(d)
				default:
					out.TS[i] = types.Timestamp{Millis: p.wall} // TIMESTAMP(3): sub-millis dropped
				}
			}
			return nil
		},
	}, nil
}

func resolveUnixTimestamp(args []Arg) (*Scalar, error) {
	const name = "UNIX_TIMESTAMP"
	if len(args) == 0 {
		return &Scalar{
			Name:          name,
			Result:        types.NewBigInt().NotNull(),
			Deterministic: true,
			Kernel: func(ctx *Context, _ []*vec.Vector, sel []int32, n int, out *vec.Vector) error {
				if ctx == nil {
					return fmt.Errorf("%s: no statement context (the current time is unknown)", name)
				}
				rowsStartFixed(out, n)
				s := civilFloorDiv(ctx.Now.Millis, civilMsSecond)
				for _, i := range rowsOf(sel, n) {
					out.I64[i] = s
				}
				return nil
			},
		}, nil
	}
	if err := rowsArgCount(name, args, 1, 2); err != nil {
		return nil, err
	}
	for k, a := range args {
		if !rowsIsCharacter(a) {
			return nil, rowsArgTypeError(name, k, a, "a string")
		}
	}
	fmtArg := Arg{IsConst: true, Const: dfDefaultFormat}
	argTypes := []types.DataType{types.NewString().WithNullable(args[0].Type.Nullable)}
	if len(args) == 2 {
		fmtArg = args[1]
		argTypes = append(argTypes, types.NewString().WithNullable(args[1].Type.Nullable))
	}
	if _, err := newDFCache(fmtArg, nil); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return &Scalar{
		Name:          name,
		Args:          argTypes,
		Result:        types.NewBigInt().WithNullable(rowsAnyNullable(args)),
		Deterministic: true,
		Kernel: func(ctx *Context, args []*vec.Vector, sel []int32, n int, out *vec.Vector) error {
			if len(args) != len(argTypes) {
				return fmt.Errorf("%s: expected %d argument vectors, got %d", name, len(argTypes), len(args))
			}
			cache, _ := newDFCache(fmtArg, nil)
			loc := calLocation(ctx)
			rows := rowsOf(sel, n)
			rowsStartFixed(out, n)
			rowsPropagateNulls(args, rows, out)
			for _, i := range rows {
				if out.Nulls.Get(int(i)) {
					continue
				}
				f := cache.f
				if len(args) == 2 {
					var err error
					if f, err = cache.get(rowsBytesAt(args[1], i)); err != nil {
						return fmt.Errorf("%s: %w", name, err)
					}
				}
				if f == nil {
					out.Nulls.Set(int(i)) // NULL format
					continue
				}
				var p dfParsed
				var ok bool
				if len(args) == 1 {
					// Flink's default pattern through SimpleDateFormat reads
					// yyyy-MM-dd HH:mm:ss and ignores what follows (a fraction).
					if p, ok = dfParseDefault(rowsBytesAt(args[0], i)); ok {
						p.wall, p.nano = civilFloorDiv(p.wall, civilMsSecond)*civilMsSecond, 0
					}
				} else {
					p, ok = f.parse(rowsBytesAt(args[0], i))
				}
				if !ok {
					out.I64[i] = math.MinInt64 // Flink's "could not parse"
					continue
				}
				instant := p.wall - p.offsetMs
				if !p.hasOffset {
					instant = civilWallToInstant(p.wall, loc)
				}
				out.I64[i] = instant / civilMsSecond // truncated, as Java's long division
			}
			return nil
		},
	}, nil
}

func resolveToTimestampLTZ(args []Arg) (*Scalar, error) {
	const name = "TO_TIMESTAMP_LTZ"
	if err := rowsArgCount(name, args, 1, 2); err != nil {
		return nil, err
	}
	if !rowsIsNumeric(args[0].Type) && !rowsIsNullLiteral(args[0]) {
		return nil, rowsArgTypeError(name, 0, args[0], "a numeric epoch value")
	}
	precision := int64(3)
	if len(args) == 2 {
		p, ok := rowsConstInt(args[1])
		if !ok {
			return nil, fmt.Errorf("%s: the precision (argument 2) must be the constant 0 or 3, got %s", name, args[1].Type)
		}
		precision = p
	}
	var scale int64
	switch precision {
	case 0:
		scale = 1000
	case 3:
		scale = 1
	default:
		return nil, fmt.Errorf("%s: precision %d is not supported; use 0 (seconds) or 3 (milliseconds)", name, precision)
	}
	in := types.NewBigInt()
	if args[0].Type.Root == types.Float || args[0].Type.Root == types.Double || args[0].Type.Root == types.DecimalRoot {
		in = types.NewDouble()
	}
	argTypes := []types.DataType{in.WithNullable(args[0].Type.Nullable)}
	if len(args) == 2 {
		argTypes = append(argTypes, types.NewInt().NotNull())
	}
	return &Scalar{
		Name:          name,
		Args:          argTypes,
		Result:        types.NewTimestampLTZ(3).WithNullable(true),
		Deterministic: true,
		Kernel: func(_ *Context, args []*vec.Vector, sel []int32, n int, out *vec.Vector) error {
			if len(args) < 1 {
				return fmt.Errorf("%s: missing argument vector", name)
			}
			v := args[0]
			rows := rowsOf(sel, n)
			rowsStartFixed(out, n)
			rowsPropagateNulls(args[:1], rows, out)
			for _, i := range rows {
				if out.Nulls.Get(int(i)) {
					continue
				}
				var ms int64
				switch v.Kind {
				case vec.KindI64:
					x := v.I64[i]
					if x > math.MaxInt64/scale || x < math.MinInt64/scale {
						out.Nulls.Set(int(i))
						continue
					}
					ms = x * scale
				case vec.KindF64:
					f := v.F64[i] * float64(scale)
					if math.IsNaN(f) || f >= 9.2e18 || f <= -9.2e18 {
						out.Nulls.Set(int(i))
						continue
					}
					ms = int64(math.Floor(f))
				default:
					return fmt.Errorf("%s: argument vector of type %s is not BIGINT or DOUBLE", name, v.Type)
				}
				out.TS[i] = types.Timestamp{Millis: ms}
			}
			return nil
		},
	}, nil
}

func resolveFromUnixtime(args []Arg) (*Scalar, error) {
	const name = "FROM_UNIXTIME"
	if err := rowsArgCount(name, args, 1, 2); err != nil {
		return nil, err
	}
	if !rowsIsIntegral(args[0].Type) && !rowsIsNullLiteral(args[0]) {
		return nil, rowsArgTypeError(name, 0, args[0], "an integral number of seconds")
	}
	fmtArg := Arg{IsConst: true, Const: dfDefaultFormat}
	argTypes := []types.DataType{types.NewBigInt().WithNullable(args[0].Type.Nullable)}
	if len(args) == 2 {
		if !rowsIsCharacter(args[1]) {
			return nil, rowsArgTypeError(name, 1, args[1], "a string pattern")
		}
		fmtArg = args[1]
		argTypes = append(argTypes, types.NewString().WithNullable(args[1].Type.Nullable))
	}
	if _, err := newDFCache(fmtArg, nil); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return &Scalar{
		Name:          name,
		Args:          argTypes,
		Result:        types.NewString().WithNullable(rowsAnyNullable(args)),
		Deterministic: true,
		Kernel: func(ctx *Context, args []*vec.Vector, sel []int32, n int, out *vec.Vector) error {
			if len(args) != len(argTypes) {
				return fmt.Errorf("%s: expected %d argument vectors, got %d", name, len(argTypes), len(args))
			}
			cache, _ := newDFCache(fmtArg, nil)
			loc := calLocation(ctx)
			rowsStartBytes(out)
			for _, i := range rowsOf(sel, n) {
				rowsPadBytes(out, int(i))
				if rowsAnyNullAt(args, i) {
					rowsNullBytes(out)
					continue
				}
				f := cache.f
				if len(args) == 2 {
					var err error
					if f, err = cache.get(rowsBytesAt(args[1], i)); err != nil {
						return fmt.Errorf("%s: %w", name, err)
					}
				}
				secs := args[0].I64[i]
				if f == nil || secs > math.MaxInt64/civilMsSecond || secs < math.MinInt64/civilMsSecond {
					rowsNullBytes(out)
					continue
				}
				out.Data = f.format(out.Data, dfInstantIn(types.Timestamp{Millis: secs * civilMsSecond}, loc))
				if err := rowsEndBytes(name, out); err != nil {
					return err
				}
			}
			rowsPadBytes(out, n)
			return nil
		},
	}, nil
}

// tzCache holds zones by ID (bounded by the IANA database and the offsets
// a user can spell).
var tzCache sync.Map // string → *time.Location

// tzLoad resolves a zone ID as Java's ZoneId/TimeZone accept them.
func tzLoad(id string) (*time.Location, error) {
	if l, ok := tzCache.Load(id); ok {
		return l.(*time.Location), nil
	}
	loc, err := tzParse(id)
	if err != nil {
		return nil, err
	}
	tzCache.Store(id, loc)
	return loc, nil
}

func tzParse(id string) (*time.Location, error) {
	s := strings.TrimSpace(id)
	up := strings.ToUpper(s)
	switch up {
	case "UTC", "GMT", "Z", "UT":
		return time.UTC, nil
	}
	rest := ""
	switch {
	case strings.HasPrefix(up, "UTC") || strings.HasPrefix(up, "GMT"):
		rest = s[3:]
	case strings.HasPrefix(up, "UT"):
		rest = s[2:]
	case strings.HasPrefix(s, "+") || strings.HasPrefix(s, "-"):
		rest = s
	}
	if rest != "" {
		if off, ok := tzParseOffset(rest); ok {
			return time.FixedZone(s, int(off/civilMsSecond)), nil
		}
		return nil, fmt.Errorf("zone %q: bad offset; use +HH:MM", id)
	}
	if s == "" || strings.Contains(s, "..") {
		return nil, fmt.Errorf("unknown time zone %q", id)
	}
	loc, err := time.LoadLocation(s)
	if err != nil {
		return nil, fmt.Errorf("unknown time zone %q: use an IANA name such as Asia/Shanghai or an offset such as +08:00", id)
	}
	return loc, nil
}

// tzParseOffset parses +H, +HH, +HHMM, +HH:MM (and the same with -).
func tzParseOffset(s string) (int64, bool) {
	if len(s) < 2 || (s[0] != '+' && s[0] != '-') {
		return 0, false
	}
	body := strings.ReplaceAll(s[1:], ":", "")
	var h, m int64
	switch len(body) {
	case 1, 2:
		v, err := strconv.Atoi(body)
		if err != nil {
			return 0, false
		}
		h = int64(v)
	case 3, 4:
		hv, err1 := strconv.Atoi(body[:len(body)-2])
		mv, err2 := strconv.Atoi(body[len(body)-2:])
		if err1 != nil || err2 != nil {
			return 0, false
		}
		h, m = int64(hv), int64(mv)
	default:
		return 0, false
	}
	if h > 18 || m > 59 || h < 0 || m < 0 {
		return 0, false
	}
	off := (h*60 + m) * civilMsMinute
	if s[0] == '-' {
		off = -off
	}
	return off, true
}

// tzArg resolves one row's zone, remembering the last one.
type tzArg struct {
	name string
	loc  *time.Location
	err  error
	set  bool
}

func (z *tzArg) get(b []byte) (*time.Location, error) {
	if z.set && z.name == string(b) {
		return z.loc, z.err
	}
	z.name, z.set = string(b), true
	z.loc, z.err = tzLoad(z.name)
	return z.loc, z.err
}

func resolveConvertTZ(args []Arg) (*Scalar, error) {
	const name = "CONVERT_TZ"
	if err := rowsArgCount(name, args, 3, 3); err != nil {
		return nil, err
	}
	for k, a := range args {
		if !rowsIsCharacter(a) {
			return nil, rowsArgTypeError(name, k, a, "a string")
		}
		if k > 0 {
			if s, ok := rowsConstString(a); ok {
				if _, err := tzLoad(s); err != nil {
					return nil, fmt.Errorf("%s: %w", name, err)
				}
			}
		}
	}
	return &Scalar{
		Name:          name,
		Args:          []types.DataType{types.NewString(), types.NewString(), types.NewString()},
		Result:        types.NewString(),
		Deterministic: true,
		Kernel: func(_ *Context, args []*vec.Vector, sel []int32, n int, out *vec.Vector) error {
			if len(args) != 3 {
				return fmt.Errorf("%s: expected 3 argument vectors, got %d", name, len(args))
			}
			var from, to tzArg
			rowsStartBytes(out)
			for _, i := range rowsOf(sel, n) {
				rowsPadBytes(out, int(i))
				if rowsAnyNullAt(args, i) {
					rowsNullBytes(out)
					continue
				}
				p, ok := dfParseDefault(rowsBytesAt(args[0], i))
				fl, err1 := from.get(rowsBytesAt(args[1], i))
				tl, err2 := to.get(rowsBytesAt(args[2], i))
				if !ok || err1 != nil || err2 != nil {
					rowsNullBytes(out)
					continue
				}
				instant := civilWallToInstant(p.wall, fl)
				out.Data = dfDefaultPattern.format(out.Data, dfInstantIn(types.Timestamp{Millis: instant}, tl))
				if err := rowsEndBytes(name, out); err != nil {
					return err
				}
			}
			rowsPadBytes(out, n)
			return nil
		},
	}, nil
}
