package parser

import (
	"strings"

	"github.com/weir-data/weir/sql/ast"
)

// typeNames maps the spellings of atomic types to their canonical names.
var typeNames = map[string]string{
	"BOOLEAN": "BOOLEAN", "BOOL": "BOOLEAN", "TINYINT": "TINYINT", "SMALLINT": "SMALLINT",
	"INT": "INT", "INTEGER": "INT", "BIGINT": "BIGINT", "FLOAT": "FLOAT", "REAL": "FLOAT",
	"DOUBLE": "DOUBLE", "DECIMAL": "DECIMAL", "DEC": "DECIMAL", "NUMERIC": "DECIMAL",
	"CHAR": "CHAR", "CHARACTER": "CHAR", "VARCHAR": "VARCHAR", "STRING": "STRING",
	"BINARY": "BINARY", "VARBINARY": "VARBINARY", "BYTES": "BYTES", "DATE": "DATE",
	"TIME": "TIME", "TIMESTAMP": "TIMESTAMP", "TIMESTAMP_LTZ": "TIMESTAMP_LTZ",
	"VARIANT": "VARIANT",
}

// parseType reads a data type with its nullability.
func (p *parser) parseType() *ast.TypeName {
	p.enter()
	defer p.leave()
	t := p.parseTypeNoNull()
	// T ARRAY and T MULTISET (postfix forms), possibly repeated.
	for {
		if p.is("ARRAY") || p.is("MULTISET") {
			k := p.advance()
			t = &ast.TypeName{Pos: t.Pos, Name: strings.ToUpper(k.text), Elem: t}
			continue
		}
		break
	}
	switch {
	case p.is("NOT") && p.peek(1).is("NULL"):
		p.advance()
		p.advance()
		t.NotNull = true
	case p.is("NULL"):
		p.advance()
	}
	// T NOT NULL ARRAY
	for p.is("ARRAY") || p.is("MULTISET") {
		k := p.advance()
		t = &ast.TypeName{Pos: t.Pos, Name: strings.ToUpper(k.text), Elem: t}
		if p.is("NOT") && p.peek(1).is("NULL") {
			p.advance()
			p.advance()
			t.NotNull = true
		} else {
			p.accept("NULL")
		}
	}
	return t
}

func (p *parser) parseTypeNoNull() *ast.TypeName {
	tok := p.cur()
	if tok.kind != tokWord {
		p.failExpected("a data type")
	}
	t := &ast.TypeName{Pos: tok.pos()}
	up := strings.ToUpper(tok.text)
	switch up {
	case "ARRAY", "MULTISET":
		p.advance()
		t.Name = up
		p.expectOp("<")
		t.Elem = p.parseType()
		p.expectCloseAngle()
		return t
	case "MAP":
		p.advance()
		t.Name = "MAP"
		p.expectOp("<")
		t.Key = p.parseType()
		p.expectOp(",")
		t.Value = p.parseType()
		p.expectCloseAngle()
		return t
	case "ROW":
		p.advance()
		t.Name = "ROW"
		var closer string
		switch {
		case p.isOp("<>"):
			p.advance()
			return t
		case p.acceptOp("<"):
			closer = ">"
		case p.acceptOp("("):
			closer = ")"
		default:
			p.failExpected("'<' or '(' after ROW")
		}
		if closer == ">" && p.isOp(">") || closer == ")" && p.isOp(")") {
			p.advance()
			return t
		}
		for {
			f := &ast.RowField{Name: p.parseIdent(), Type: p.parseType()}
			if isStringTok(p.cur()) {
				f.Description = p.parseStringValue()
			}
			t.Fields = append(t.Fields, f)
			if !p.acceptOp(",") {
				break
			}
		}
		if closer == ">" {
			p.expectCloseAngle()
		} else {
			p.expectOp(")")
		}
		return t
	case "RAW":
		p.fail(tok, "RAW types are not supported in Weir")
	case "INTERVAL":
		p.fail(tok, "INTERVAL data types are not supported as column or cast types in Weir; use BIGINT milliseconds")
	case "NULL":
		p.fail(tok, "the NULL type cannot be written; cast to a concrete type such as STRING")
	}
	name, ok := typeNames[up]
	if !ok {
		p.fail(tok, "unknown data type "+tok.describe()+"; Flink types are BOOLEAN, TINYINT, SMALLINT, INT, BIGINT, FLOAT, DOUBLE, DECIMAL(p, s), CHAR(n), VARCHAR(n), STRING, BINARY(n), VARBINARY(n), BYTES, DATE, TIME(p), TIMESTAMP(p), TIMESTAMP_LTZ(p), ARRAY<T>, MAP<K, V>, MULTISET<T>, ROW<...>")
	}
	p.advance()
	t.Name = name
	switch {
	case name == "DOUBLE":
		p.accept("PRECISION")
	case (name == "CHAR" || name == "BINARY") && p.is("VARYING"):
		p.advance()
		t.Name = "VAR" + name
	}
	if p.isOp("(") {
		p.advance()
		t.Params = append(t.Params, p.parseInt())
		if p.acceptOp(",") {
			t.Params = append(t.Params, p.parseInt())
		}
		p.expectOp(")")
	}
	if name == "TIME" || name == "TIMESTAMP" {
		switch {
		case p.is("WITHOUT"):
			p.advance()
			p.expectSeq("TIME", "ZONE")
		case p.is("WITH") && p.peek(1).is("LOCAL"):
			p.advance()
			p.expectSeq("LOCAL", "TIME", "ZONE")
			if name == "TIME" {
				p.fail(tok, "TIME WITH LOCAL TIME ZONE is not a Flink type; use TIME or TIMESTAMP_LTZ")
			}
			t.Name = "TIMESTAMP_LTZ"
		case p.is("WITH") && p.peek(1).is("TIME"):
			p.fail(p.cur(), name+" WITH TIME ZONE is not supported by Flink; use TIMESTAMP_LTZ (TIMESTAMP WITH LOCAL TIME ZONE)")
		}
	}
	return t
}

// expectCloseAngle consumes '>' closing ARRAY<...>, MAP<...> or ROW<...>. The
// lexer reads ">=" and ">>"-like runs greedily only for ">=", so nested
// closers are separate tokens already.
func (p *parser) expectCloseAngle() {
	p.expectOp(">")
}
