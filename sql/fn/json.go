package fn

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// JSON functions (Flink's defaults: NULL ON EMPTY, NULL ON ERROR), over the
// path language of jsonpath.go:
//
//	JSON_VALUE(json, path)              STRING: the one scalar selected (strings unescaped, numbers and
//	                                    booleans as written); NULL for JSON null, no match, several
//	                                    matches, an object or array, or invalid JSON. RETURNING <type>
//	                                    is the planner's cast of this result.
//	JSON_QUERY(json, path[, wrapper])   STRING: the object or array selected, compacted; wrapper is a
//	                                    constant 'WITHOUT' (default: a scalar or several matches give
//	                                    NULL), 'CONDITIONAL' (wrap in [...] unless one object/array) or
//	                                    'UNCONDITIONAL' (always wrap)
//	JSON_EXISTS(json, path)             BOOLEAN: whether the path selects anything (FALSE for invalid JSON)
//	IS_JSON(s[, kind])                  BOOLEAN NOT NULL: s IS JSON [VALUE|SCALAR|ARRAY|OBJECT]; NULL s
//	                                    gives FALSE. The parser lowers the predicate to this call.
//
// A constant path is compiled when the call is resolved (a bad one is a
// resolve error); a non-constant path is compiled per distinct value, and a
// bad one is an error naming the function and the path.

func init() {
	RegisterScalar("JSON_VALUE", func(args []Arg) (*Scalar, error) { return resolveJSONPathFn("JSON_VALUE", args) })
	RegisterScalar("JSON_QUERY", func(args []Arg) (*Scalar, error) { return resolveJSONPathFn("JSON_QUERY", args) })
	RegisterScalar("JSON_EXISTS", func(args []Arg) (*Scalar, error) { return resolveJSONPathFn("JSON_EXISTS", args) })
	RegisterScalar("IS_JSON", resolveIsJSON)
}

type jsonWrapper uint8

const (
	jsonWithout jsonWrapper = iota
	jsonConditional
	jsonUnconditional
)

// jpCache compiles non-constant paths once per distinct value (kernel
// local).
type jpCache struct {
	src string
	p   *jsonPath
}

func (c *jpCache) get(b []byte) (*jsonPath, error) {
	if c.p != nil && c.src == string(b) {
		return c.p, nil
	}
	p, err := compileJSONPath(string(b))
	if err != nil {
		return nil, err
	}
	c.src, c.p = string(b), p
	return p, nil
}

func resolveJSONPathFn(name string, args []Arg) (*Scalar, error) {
	maxArgs := 2
	if name == "JSON_QUERY" {
		maxArgs = 3
	}
	if err := rowsArgCount(name, args, 2, maxArgs); err != nil {
		return nil, err
	}
	for k, a := range args {
		if !rowsIsCharacter(a) {
			return nil, rowsArgTypeError(name, k, a, "a string")
		}
	}
	var cache jpCache
	if s, ok := rowsConstString(args[1]); ok {
		p, err := compileJSONPath(s)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		cache = jpCache{src: s, p: p}
	}
	wrapper := jsonWithout
	if len(args) == 3 {
		w, ok := rowsConstString(args[2])
		if !ok {
			return nil, fmt.Errorf("%s: the wrapper mode (argument 3) must be a constant string", name)
		}
		switch strings.ToUpper(strings.TrimSpace(w)) {
		case "WITHOUT", "WITHOUT ARRAY":
		case "CONDITIONAL", "CONDITIONAL ARRAY":
			wrapper = jsonConditional
		case "UNCONDITIONAL", "UNCONDITIONAL ARRAY", "WITH", "WITH ARRAY":
			wrapper = jsonUnconditional
		default:
			return nil, fmt.Errorf("%s: unknown wrapper mode %q (WITHOUT, CONDITIONAL or UNCONDITIONAL)", name, w)
		}
	}
	argTypes := make([]types.DataType, len(args))
	for k, a := range args {
		argTypes[k] = types.NewString().WithNullable(a.Type.Nullable || rowsIsNullLiteral(a))
	}
	result := types.NewString()
	if name == "JSON_EXISTS" {
		result = types.NewBoolean().WithNullable(rowsAnyNullable(args))
	}
	return &Scalar{
		Name: name, Args: argTypes, Result: result, Deterministic: true,
		Kernel: func(_ *Context, args []*vec.Vector, sel []int32, n int, out *vec.Vector) error {
			if len(args) != len(argTypes) {
				return fmt.Errorf("%s: expected %d argument vectors, got %d", name, len(argTypes), len(args))
			}
			local := cache
			pathOf := func(i int32) (*jsonPath, error) {
				p, err := local.get(rowsBytesAt(args[1], i))
				if err != nil {
					return nil, fmt.Errorf("%s: %w", name, err)
				}
				return p, nil
			}
			doc := args[0]
			if name == "JSON_EXISTS" {
				var ferr error
				err := rowsEachFixed(args[:2], sel, n, out, func(i int32) bool {
					p, err := pathOf(i)
					if err != nil {
						ferr = err
						return false
					}
					b := rowsBytesAt(doc, i)
					found := false
					if json.Valid(b) {
						p.eval(b, func([]byte) bool { found = true; return false })
					}
					out.Bools[i] = found
					return true
				})
				if ferr != nil {
					return ferr
				}
				return err
			}
			var matches [][]byte
			return rowsEachString(name, args[:2], sel, n, out, func(i int32) (bool, error) {
				p, err := pathOf(i)
				if err != nil {
					return false, err
				}
				b := rowsBytesAt(doc, i)
				if !json.Valid(b) {
					return false, nil
				}
				matches = matches[:0]
				p.eval(b, func(v []byte) bool {
					matches = append(matches, v)
					return len(matches) < 1<<20
				})
				if name == "JSON_VALUE" {
					return jsonValueOf(out, matches), nil
				}
				return jsonQueryOf(out, matches, wrapper), nil
			})
		},
	}, nil
}

// jsonValueOf appends JSON_VALUE's result for the matches.
func jsonValueOf(out *vec.Vector, matches [][]byte) bool {
	if len(matches) != 1 {
		return false
	}
	v := matches[0]
	switch v[0] {
	case '{', '[', 'n':
		return false
	case '"':
		out.Data = jsonAppendUnquoted(out.Data, v)
	default:
		out.Data = append(out.Data, v...)
	}
	return true
}

// jsonQueryOf appends JSON_QUERY's result for the matches.
func jsonQueryOf(out *vec.Vector, matches [][]byte, w jsonWrapper) bool {
	if len(matches) == 0 {
		return false
	}
	single := len(matches) == 1 && (matches[0][0] == '{' || matches[0][0] == '[')
	switch {
	case w == jsonWithout && !single:
		return false
	case w == jsonWithout || (w == jsonConditional && single):
		out.Data = jsonAppendCompact(out.Data, matches[0])
		return true
	}
	out.Data = append(out.Data, '[')
	for k, m := range matches {
		if k > 0 {
			out.Data = append(out.Data, ',')
		}
		out.Data = jsonAppendCompact(out.Data, m)
	}
	out.Data = append(out.Data, ']')
	return true
}

func resolveIsJSON(args []Arg) (*Scalar, error) {
	const name = "IS_JSON"
	if err := rowsArgCount(name, args, 1, 2); err != nil {
		return nil, err
	}
	if !rowsIsCharacter(args[0]) {
		return nil, rowsArgTypeError(name, 0, args[0], "a string")
	}
	kind := "VALUE"
	if len(args) == 2 {
		k, ok := rowsConstString(args[1])
		if !ok {
			return nil, fmt.Errorf("%s: the kind (argument 2) must be a constant string", name)
		}
		kind = strings.ToUpper(strings.TrimSpace(k))
		switch kind {
		case "VALUE", "SCALAR", "ARRAY", "OBJECT":
		default:
			return nil, fmt.Errorf("%s: unknown kind %q (VALUE, SCALAR, ARRAY or OBJECT)", name, k)
		}
	}
	argTypes := []types.DataType{types.NewString()}
	if len(args) == 2 {
		argTypes = append(argTypes, types.NewString())
	}
	return &Scalar{
		Name: name, Args: argTypes, Result: types.NewBoolean().NotNull(), Deterministic: true,
		Kernel: func(_ *Context, args []*vec.Vector, sel []int32, n int, out *vec.Vector) error {
			if len(args) < 1 {
				return fmt.Errorf("%s: missing argument vector", name)
			}
			s := args[0]
			rowsStartFixed(out, n)
			for _, i := range rowsOf(sel, n) {
				if s.Nulls.Get(int(i)) {
					continue // FALSE
				}
				b := rowsBytesAt(s, i)
				if !json.Valid(b) {
					continue
				}
				first := b[jsonSkipWS(b, 0)]
				switch kind {
				case "VALUE":
					out.Bools[i] = true
				case "SCALAR":
					out.Bools[i] = first != '{' && first != '['
				case "ARRAY":
					out.Bools[i] = first == '['
				case "OBJECT":
					out.Bools[i] = first == '{'
				}
			}
			return nil
		},
	}, nil
}
