package schema

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/weir-data/weir/types"
)

// ParseType parses Paimon's SQL spelling of a type, as schema files store
// atomic types: "INT", "STRING NOT NULL", "DECIMAL(23, 5)", "VARCHAR(10)",
// "TIMESTAMP(6) WITH LOCAL TIME ZONE", "TIMESTAMP_LTZ(3)", "BYTES", "TIME(3)",
// the synonyms INTEGER, NUMERIC, DEC and DOUBLE PRECISION, and for convenience
// also "ARRAY<T>", "MULTISET<T>" and "MAP<K, V>". Keywords are
// case-insensitive. ROW types carry field ids and exist only in the JSON form
// (ParseTypeJSON).
func ParseType(s string) (types.DataType, error) {
	p := &sqlParser{src: s}
	if err := p.tokenize(); err != nil {
		return types.DataType{}, err
	}
	t, err := p.parseType()
	if err != nil {
		return types.DataType{}, err
	}
	if p.pos < len(p.toks) {
		return types.DataType{}, fmt.Errorf("type %q: unexpected %q after the type", s, p.toks[p.pos].text)
	}
	return t, nil
}

// FormatType returns Paimon's SQL spelling of t (what schema files store for
// atomic types), e.g. "DECIMAL(10, 2) NOT NULL".
func FormatType(t types.DataType) string { return t.String() }

type sqlToken struct {
	text  string // upper-cased for words
	num   bool
	value int64
}

type sqlParser struct {
	src  string
	toks []sqlToken
	pos  int
}

func (p *sqlParser) tokenize() error {
	s := p.src
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case c == '(' || c == ')' || c == ',' || c == '<' || c == '>':
			p.toks = append(p.toks, sqlToken{text: string(c)})
			i++
		case c >= '0' && c <= '9':
			j := i
			for j < len(s) && s[j] >= '0' && s[j] <= '9' {
				j++
			}
			v, err := strconv.ParseInt(s[i:j], 10, 64)
			if err != nil || v > types.MaxLength {
				return fmt.Errorf("type %q: number %s out of range", s, s[i:j])
			}
			p.toks = append(p.toks, sqlToken{text: s[i:j], num: true, value: v})
			i = j
		case c == '_' || (c|0x20 >= 'a' && c|0x20 <= 'z'):
			j := i
			for j < len(s) && (s[j] == '_' || (s[j]|0x20 >= 'a' && s[j]|0x20 <= 'z') || (s[j] >= '0' && s[j] <= '9')) {
				j++
			}
			p.toks = append(p.toks, sqlToken{text: strings.ToUpper(s[i:j])})
			i = j
		default:
			return fmt.Errorf("type %q: unexpected character %q", s, c)
		}
	}
	if len(p.toks) == 0 {
		return fmt.Errorf("empty type")
	}
	return nil
}

func (p *sqlParser) peek() string {
	if p.pos < len(p.toks) {
		return p.toks[p.pos].text
	}
	return ""
}

func (p *sqlParser) accept(words ...string) bool {
	if p.pos+len(words) > len(p.toks) {
		return false
	}
	for i, w := range words {
		if p.toks[p.pos+i].num || p.toks[p.pos+i].text != w {
			return false
		}
	}
	p.pos += len(words)
	return true
}

func (p *sqlParser) expect(w string) error {
	if !p.accept(w) {
		got := p.peek()
		if got == "" {
			got = "end of input"
		}
		return fmt.Errorf("type %q: expected %q, found %q", p.src, w, got)
	}
	return nil
}

// number reads an integer token.
func (p *sqlParser) number() (int, error) {
	if p.pos >= len(p.toks) || !p.toks[p.pos].num {
		return 0, fmt.Errorf("type %q: expected a number, found %q", p.src, p.peek())
	}
	v := p.toks[p.pos].value
	p.pos++
	return int(v), nil
}

// optParams reads an optional parenthesised list of up to max numbers.
func (p *sqlParser) optParams(max int) ([]int, error) {
	if !p.accept("(") {
		return nil, nil
	}
	var out []int
	for {
		n, err := p.number()
		if err != nil {
			return nil, err
		}
		out = append(out, n)
		if p.accept(")") {
			break
		}
		if len(out) >= max {
			return nil, fmt.Errorf("type %q: too many parameters", p.src)
		}
		if err := p.expect(","); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (p *sqlParser) parseType() (types.DataType, error) {
	t, err := p.parseBase()
	if err != nil {
		return t, err
	}
	switch {
	case p.accept("NOT", "NULL"):
		t.Nullable = false
	case p.accept("NULL"):
		t.Nullable = true
	}
	return t, nil
}

func (p *sqlParser) length(name string, def, min int) (int, error) {
	ps, err := p.optParams(1)
	if err != nil {
		return 0, err
	}
	n := def
	if len(ps) == 1 {
		n = ps[0]
	}
	if n < min || n > types.MaxLength {
		return 0, fmt.Errorf("type %q: %s length must be between %d and %d, got %d", p.src, name, min, types.MaxLength, n)
	}
	return n, nil
}

func (p *sqlParser) precision(name string, def int) (int, error) {
	ps, err := p.optParams(1)
	if err != nil {
		return 0, err
	}
	n := def
	if len(ps) == 1 {
		n = ps[0]
	}
	if n < 0 || n > types.MaxTimestampPrecision {
		return 0, fmt.Errorf("type %q: %s precision must be between 0 and %d, got %d", p.src, name, types.MaxTimestampPrecision, n)
	}
	return n, nil
}

func (p *sqlParser) parseBase() (types.DataType, error) {
	if p.pos >= len(p.toks) || p.toks[p.pos].num {
		return types.DataType{}, fmt.Errorf("type %q: expected a type name, found %q", p.src, p.peek())
	}
	word := p.toks[p.pos].text
	p.pos++
	switch word {
	case "BOOLEAN":
		return types.NewBoolean(), nil
	case "TINYINT":
		return types.NewTinyInt(), nil
	case "SMALLINT":
		return types.NewSmallInt(), nil
	case "INT", "INTEGER":
		return types.NewInt(), nil
	case "BIGINT":
		return types.NewBigInt(), nil
	case "FLOAT":
		return types.NewFloat(), nil
	case "DOUBLE":
		p.accept("PRECISION")
		return types.NewDouble(), nil
	case "DATE":
		return types.NewDate(), nil
	case "STRING":
		return types.NewString(), nil
	case "BYTES":
		return types.NewBytes(), nil
	case "VARIANT":
		return types.DataType{Root: types.Variant, Nullable: true}, nil
	case "BLOB":
		return types.DataType{Root: types.Blob, Nullable: true}, nil
	case "CHAR", "CHARACTER":
		n, err := p.length("CHAR", 1, 1)
		return types.NewChar(n), err
	case "VARCHAR":
		n, err := p.length("VARCHAR", 1, 1)
		return types.NewVarChar(n), err
	case "BINARY":
		n, err := p.length("BINARY", 1, 1)
		return types.NewBinary(n), err
	case "VARBINARY":
		n, err := p.length("VARBINARY", 1, 1)
		return types.NewVarBinary(n), err
	case "DECIMAL", "NUMERIC", "DEC":
		ps, err := p.optParams(2)
		if err != nil {
			return types.DataType{}, err
		}
		prec, scale := 10, 0
		if len(ps) >= 1 {
			prec = ps[0]
		}
		if len(ps) == 2 {
			scale = ps[1]
		}
		if prec < 1 || prec > types.MaxDecimalPrecision {
			return types.DataType{}, fmt.Errorf("type %q: DECIMAL precision must be between 1 and %d, got %d", p.src, types.MaxDecimalPrecision, prec)
		}
		if scale < 0 || scale > prec {
			return types.DataType{}, fmt.Errorf("type %q: DECIMAL scale must be between 0 and the precision %d, got %d", p.src, prec, scale)
		}
		return types.NewDecimal(prec, scale), nil
	case "TIME":
		n, err := p.precision("TIME", 0)
		if err != nil {
			return types.DataType{}, err
		}
		p.accept("WITHOUT", "TIME", "ZONE")
		return types.NewTime(n), nil
	case "TIMESTAMP":
		n, err := p.precision("TIMESTAMP", 6)
		if err != nil {
			return types.DataType{}, err
		}
		if p.accept("WITH", "LOCAL", "TIME", "ZONE") {
			return types.NewTimestampLTZ(n), nil
		}
		p.accept("WITHOUT", "TIME", "ZONE")
		return types.NewTimestamp(n), nil
	case "TIMESTAMP_LTZ":
		n, err := p.precision("TIMESTAMP_LTZ", 6)
		return types.NewTimestampLTZ(n), err
	case "ARRAY", "MULTISET":
		if err := p.expect("<"); err != nil {
			return types.DataType{}, err
		}
		e, err := p.parseType()
		if err != nil {
			return types.DataType{}, err
		}
		if err := p.expect(">"); err != nil {
			return types.DataType{}, err
		}
		root := types.Array
		if word == "MULTISET" {
			root = types.Multiset
		}
		return types.DataType{Root: root, Nullable: true, Elem: &e}, nil
	case "MAP":
		if err := p.expect("<"); err != nil {
			return types.DataType{}, err
		}
		k, err := p.parseType()
		if err != nil {
			return types.DataType{}, err
		}
		if err := p.expect(","); err != nil {
			return types.DataType{}, err
		}
		v, err := p.parseType()
		if err != nil {
			return types.DataType{}, err
		}
		if err := p.expect(">"); err != nil {
			return types.DataType{}, err
		}
		return types.DataType{Root: types.Map, Nullable: true, Key: &k, Value: &v}, nil
	case "ROW":
		return types.DataType{}, fmt.Errorf("type %q: ROW types need field ids and are only accepted in the JSON object form", p.src)
	}
	return types.DataType{}, fmt.Errorf("unknown type %q", word)
}
