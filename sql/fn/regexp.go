package fn

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// Regular expressions in Java's syntax (as Flink takes them), translated to
// Go's RE2:
//
//	REGEXP(s, re)                       BOOLEAN: re matches somewhere in s (Java's Matcher.find)
//	REGEXP_EXTRACT(s, re[, group])      STRING: the group (0 = whole match, the default) of the first
//	                                    match; NULL when nothing matches or the group does not exist
//	REGEXP_REPLACE(s, re, repl)         STRING: every match replaced; repl refers to groups as Java
//	                                    does ($1, ${name}; \$ is a literal dollar)
//
// Translated: named groups (?<name>...) → (?P<name>...), \Z → \z. RE2 has
// no backtracking, so backreferences (\1), lookahead and lookbehind
// ((?=, (?!, (?<=, (?<!), atomic groups ((?>), possessive quantifiers (*+,
// ++, ?+, }+) and class intersections ([a&&b]) are rejected with an error
// naming the construct; so is any pattern Go cannot compile. (Flink returns
// NULL for a pattern Java cannot compile; here a bad pattern is an error,
// at resolve time when constant.)

func init() {
	RegisterScalar("REGEXP", func(args []Arg) (*Scalar, error) {
		return resolveRegexp("REGEXP", args, "ss", 2, types.NewBoolean(), func(res []*regexpCache, args []*vec.Vector, sel []int32, n int, out *vec.Vector) error {
			s := args[0]
			var ferr error
			err := rowsEachFixed(args, sel, n, out, func(i int32) bool {
				re, err := res[1].get(rowsBytesAt(args[1], i))
				if err != nil {
					ferr = err
					return false
				}
				out.Bools[i] = re.Match(rowsBytesAt(s, i))
				return true
			})
			if ferr != nil {
				return ferr
			}
			return err
		})
	})
	RegisterScalar("REGEXP_EXTRACT", func(args []Arg) (*Scalar, error) {
		return resolveRegexp("REGEXP_EXTRACT", args, "ssi", 2, types.NewString().WithNullable(true), func(res []*regexpCache, args []*vec.Vector, sel []int32, n int, out *vec.Vector) error {
			s := args[0]
			return rowsEachString("REGEXP_EXTRACT", args, sel, n, out, func(i int32) (bool, error) {
				re, err := res[1].get(rowsBytesAt(args[1], i))
				if err != nil {
					return false, err
				}
				group := 0
				if len(args) == 3 {
					group = int(args[2].I32[i])
				}
				if group < 0 || group > re.NumSubexp() {
					return false, nil
				}
				b := rowsBytesAt(s, i)
				m := re.FindSubmatchIndex(b)
				if m == nil || m[2*group] < 0 {
					return false, nil
				}
				out.Data = append(out.Data, b[m[2*group]:m[2*group+1]]...)
				return true, nil
			})
		})
	})
	RegisterScalar("REGEXP_REPLACE", func(args []Arg) (*Scalar, error) {
		return resolveRegexp("REGEXP_REPLACE", args, "sss", 3, types.NewString(), func(res []*regexpCache, args []*vec.Vector, sel []int32, n int, out *vec.Vector) error {
			s := args[0]
			var replSrc string
			var repl []byte
			return rowsEachString("REGEXP_REPLACE", args, sel, n, out, func(i int32) (bool, error) {
				re, err := res[1].get(rowsBytesAt(args[1], i))
				if err != nil {
					return false, err
				}
				if r := rowsBytesAt(args[2], i); repl == nil || replSrc != string(r) {
					replSrc = string(r)
					repl = regexpJavaReplacement(r)
				}
				b := rowsBytesAt(s, i)
				start, last := len(out.Data), 0
				for _, m := range re.FindAllSubmatchIndex(b, -1) {
					out.Data = append(out.Data, b[last:m[0]]...)
					out.Data = re.Expand(out.Data, repl, b, m)
					last = m[1]
					if n := len(out.Data) - start; n > rowsMaxValue {
						return false, rowsValueTooLong("REGEXP_REPLACE", int64(n))
					}
				}
				out.Data = append(out.Data, b[last:]...)
				return true, nil
			})
		})
	})
}

// regexpCache holds a pattern argument's compiled form: fixed for a
// constant, else recompiled when a row's pattern differs from the last one.
type regexpCache struct {
	name  string
	src   string
	re    *regexp.Regexp
	fixed bool
}

func (c *regexpCache) get(b []byte) (*regexp.Regexp, error) {
	if c.fixed || (c.re != nil && c.src == string(b)) {
		return c.re, nil
	}
	re, err := regexpCompileJava(string(b))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", c.name, err)
	}
	c.src, c.re = string(b), re
	return re, nil
}

func resolveRegexp(name string, args []Arg, sig string, minArgs int, result types.DataType,
	k func(res []*regexpCache, args []*vec.Vector, sel []int32, n int, out *vec.Vector) error) (*Scalar, error) {
	var fixed *regexp.Regexp
	var fixedSrc string
	if len(args) >= 2 {
		if s, ok := rowsConstString(args[1]); ok {
			re, err := regexpCompileJava(s)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", name, err)
			}
			fixed, fixedSrc = re, s
		}
	}
	return rowsResolveSig(name, args, sig, minArgs, result, result.Nullable && name != "REGEXP", func(_ *Context, args []*vec.Vector, sel []int32, n int, out *vec.Vector) error {
		res := []*regexpCache{nil, {name: name, src: fixedSrc, re: fixed, fixed: fixed != nil}}
		return k(res, args, sel, n, out)
	})
}

// regexpCompileJava translates a Java pattern to RE2 and compiles it.
func regexpCompileJava(java string) (*regexp.Regexp, error) {
	var b strings.Builder
	inClass := false
	for i := 0; i < len(java); i++ {
		c := java[i]
		unsupported := func(what string) error {
			return fmt.Errorf("regular expression %q: %s at position %d is not supported (RE2 has no backtracking)", java, what, i+1)
		}
		switch {
		case c == '\\' && i+1 < len(java):
			d := java[i+1]
			switch {
			case d >= '1' && d <= '9' && !inClass:
				return nil, unsupported("backreference \\" + string(d))
			case d == 'k' && !inClass:
				return nil, unsupported("named backreference \\k")
			case d == 'Z':
				b.WriteString(`\z`)
			case d == 'Q':
				end := strings.Index(java[i+2:], `\E`)
				lit := java[i+2:]
				if end >= 0 {
					lit = java[i+2 : i+2+end]
				}
				b.WriteString(regexp.QuoteMeta(lit))
				if end < 0 {
					i = len(java)
				} else {
					i += 2 + end + 1
				}
				continue
			default:
				b.WriteByte(c)
				b.WriteByte(d)
			}
			i++
		case inClass:
			if c == '&' && i+1 < len(java) && java[i+1] == '&' {
				return nil, unsupported("class intersection &&")
			}
			if c == ']' {
				inClass = false
			}
			b.WriteByte(c)
		case c == '[':
			inClass = true
			b.WriteByte(c)
			// A ']' right after '[' or '[^' is a literal.
			if i+1 < len(java) && java[i+1] == '^' {
				b.WriteByte('^')
				i++
			}
			if i+1 < len(java) && java[i+1] == ']' {
				b.WriteString(`\]`)
				i++
			}
		case c == '(' && strings.HasPrefix(java[i:], "(?"):
			rest := java[i+2:]
			switch {
			case strings.HasPrefix(rest, "="), strings.HasPrefix(rest, "!"):
				return nil, unsupported("lookahead")
			case strings.HasPrefix(rest, "<="), strings.HasPrefix(rest, "<!"):
				return nil, unsupported("lookbehind")
			case strings.HasPrefix(rest, ">"):
				return nil, unsupported("atomic group")
			case strings.HasPrefix(rest, "<"):
				b.WriteString("(?P<")
				i += 2
				continue
			}
			b.WriteByte(c)
		case (c == '*' || c == '+' || c == '?' || c == '}') && i+1 < len(java) && java[i+1] == '+':
			return nil, unsupported("possessive quantifier " + java[i:i+2])
		default:
			b.WriteByte(c)
		}
	}
	re, err := regexp.Compile(b.String())
	if err != nil {
		return nil, fmt.Errorf("regular expression %q: %w", java, err)
	}
	return re, nil
}

// regexpJavaReplacement turns Java's replacement syntax into Go's Expand
// template: $n → ${n}, \x → x (so \$ is a literal dollar), ${name} as is,
// and a literal $ in Go's syntax is $$.
func regexpJavaReplacement(r []byte) []byte {
	var out []byte
	for i := 0; i < len(r); i++ {
		switch c := r[i]; {
		case c == '\\' && i+1 < len(r):
			i++
			if r[i] == '$' {
				out = append(out, '$', '$')
			} else {
				out = append(out, r[i])
			}
		case c == '$' && i+1 < len(r) && dfIsDigit(r[i+1]):
			j := i + 1
			for j < len(r) && dfIsDigit(r[j]) && j-i <= 2 {
				j++
			}
			out = append(out, "${"...)
			out = append(out, r[i+1:j]...)
			out = append(out, '}')
			i = j - 1
		case c == '$' && i+1 < len(r) && r[i+1] == '{':
			out = append(out, c)
		case c == '$':
			out = append(out, '$', '$')
		default:
			out = append(out, c)
		}
	}
	if out == nil {
		out = []byte{}
	}
	return out
}
