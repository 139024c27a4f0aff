package parser

import (
	"strings"

	"github.com/weir-data/weir/sql/ast"
)

func (p *parser) parseIfNotExists() bool {
	return p.acceptSeq("IF", "NOT", "EXISTS")
}

func (p *parser) parseIfExists() bool {
	return p.acceptSeq("IF", "EXISTS")
}

// parseOptions reads ('k' = 'v', ...). Repeated commas are tolerated, as
// scripts in the wild carry them.
func (p *parser) parseOptions() []ast.Option {
	p.expectOp("(")
	var opts []ast.Option
	for p.acceptOp(",") {
	}
	for !p.isOp(")") {
		kt := p.cur()
		if kt.kind != tokString && kt.kind != tokUnicodeString {
			if kt.kind == tokWord || kt.kind == tokQuoted {
				p.fail(kt, "option keys are quoted strings: write '"+identText(kt)+"' = '...'")
			}
			p.failExpected("a quoted option key or ')'")
		}
		key := p.parseStringValue()
		p.expectOp("=")
		vt := p.cur()
		if vt.kind != tokString && vt.kind != tokUnicodeString {
			if vt.kind == tokNumber || vt.kind == tokWord {
				p.fail(vt, "option values are quoted strings: write '"+key+"' = '"+vt.text+"'")
			}
			p.failExpected("a quoted option value")
		}
		opts = append(opts, ast.Option{Pos: kt.pos(), Key: key, Value: p.parseStringValue()})
		if !p.acceptOp(",") {
			break
		}
		for p.acceptOp(",") {
		}
	}
	p.expectOp(")")
	return opts
}

func (p *parser) parseComment() string {
	if p.accept("COMMENT") {
		return p.parseStringValue()
	}
	return ""
}

func (p *parser) parseCreate() ast.Statement {
	t := p.advance()
	orReplace := p.acceptSeq("OR", "REPLACE")
	temporary := p.accept("TEMPORARY")
	system := temporary && p.accept("SYSTEM")
	switch {
	case p.is("TABLE"):
		if system {
			p.fail(p.cur(), "TEMPORARY SYSTEM applies to functions only")
		}
		return p.parseCreateTable(t.pos(), temporary, orReplace)
	case p.is("VIEW"):
		p.advance()
		v := &ast.CreateView{Pos: t.pos(), Temporary: temporary, IfNotExists: p.parseIfNotExists(), Name: p.parseName()}
		if p.isOp("(") {
			v.Columns = p.parseIdentList()
		}
		v.Comment = p.parseComment()
		p.expect("AS")
		v.Query = p.parseQuery()
		return v
	case p.is("FUNCTION"):
		p.advance()
		f := &ast.CreateFunction{Pos: t.pos(), Temporary: temporary, System: system, IfNotExists: p.parseIfNotExists(), Name: p.parseName()}
		p.expect("AS")
		f.Class = p.parseStringValue()
		if p.accept("LANGUAGE") {
			lt := p.cur()
			switch {
			case p.accept("JAVA"), p.accept("SCALA"), p.accept("PYTHON"):
				f.Language = strings.ToUpper(lt.text)
			default:
				p.failExpected("JAVA, SCALA or PYTHON after LANGUAGE")
			}
		}
		if p.accept("USING") {
			for {
				p.expect("JAR")
				f.Jars = append(f.Jars, p.parseStringValue())
				if !p.acceptOp(",") {
					break
				}
			}
		}
		return f
	case temporary:
		p.failExpected("TABLE, VIEW or FUNCTION after CREATE TEMPORARY")
	case p.is("CATALOG"):
		p.advance()
		c := &ast.CreateCatalog{Pos: t.pos(), IfNotExists: p.parseIfNotExists(), Name: p.parseIdent()}
		c.Comment = p.parseComment()
		p.expect("WITH")
		c.Options = p.parseOptions()
		return c
	case p.is("DATABASE"), p.is("SCHEMA"):
		p.advance()
		d := &ast.CreateDatabase{Pos: t.pos(), IfNotExists: p.parseIfNotExists(), Name: p.parseName()}
		d.Comment = p.parseComment()
		if p.accept("WITH") {
			d.Options = p.parseOptions()
		}
		return d
	}
	p.failExpected("CATALOG, DATABASE, TABLE, VIEW or FUNCTION after CREATE")
	return nil
}

func (p *parser) parseCreateTable(pos ast.Pos, temporary, orReplace bool) ast.Statement {
	p.expect("TABLE")
	ct := &ast.CreateTable{Pos: pos, Temporary: temporary, OrReplace: orReplace, IfNotExists: p.parseIfNotExists(), Name: p.parseName()}
	if p.isOp("(") {
		p.advance()
		for {
			p.parseTableElement(ct)
			if !p.acceptOp(",") {
				break
			}
		}
		p.expectOp(")")
	}
	ct.Comment = p.parseComment()
	if p.acceptSeq("PARTITIONED", "BY") {
		ct.PartitionBy = p.parseIdentList()
	}
	if p.is("DISTRIBUTED") {
		p.fail(p.cur(), "DISTRIBUTED BY is not supported; set the 'bucket' and 'bucket-key' options instead")
	}
	if p.accept("WITH") {
		ct.Options = p.parseOptions()
	}
	if p.is("LIKE") {
		lt := p.advance()
		l := &ast.LikeClause{Pos: lt.pos(), Source: p.parseName()}
		if p.acceptOp("(") {
			for !p.isOp(")") {
				st := p.cur()
				strategy := strings.ToUpper(st.text)
				if !(st.is("INCLUDING") || st.is("EXCLUDING") || st.is("OVERWRITING")) {
					p.failExpected("INCLUDING, EXCLUDING or OVERWRITING")
				}
				p.advance()
				ft := p.cur()
				feature := strings.ToUpper(ft.text)
				switch feature {
				case "ALL", "CONSTRAINTS", "PARTITIONS", "OPTIONS", "GENERATED", "METADATA", "WATERMARKS":
				default:
					p.failExpected("ALL, CONSTRAINTS, PARTITIONS, OPTIONS, GENERATED, METADATA or WATERMARKS")
				}
				if ft.kind != tokWord {
					p.failExpected("a LIKE feature")
				}
				if strategy == "OVERWRITING" && (feature == "ALL" || feature == "CONSTRAINTS" || feature == "PARTITIONS") {
					p.fail(ft, "OVERWRITING "+feature+" is not allowed; OVERWRITING applies to OPTIONS, GENERATED, METADATA and WATERMARKS")
				}
				p.advance()
				l.Options = append(l.Options, ast.LikeOption{Strategy: strategy, Feature: feature})
			}
			p.expectOp(")")
		}
		ct.Like = l
	}
	if p.accept("AS") {
		if ct.Like != nil {
			p.fail(p.toks[p.prev], "CREATE TABLE cannot have both LIKE and AS query")
		}
		if !p.isQueryStart() && !p.isOp("(") {
			p.failExpected("a query after AS")
		}
		ct.Query = p.parseQuery()
	} else if orReplace {
		p.failExpected("AS query (CREATE OR REPLACE TABLE is only CREATE OR REPLACE TABLE ... AS SELECT)")
	}
	return ct
}

// parseTableElement reads a column, PRIMARY KEY or WATERMARK into ct.
func (p *parser) parseTableElement(ct *ast.CreateTable) {
	t := p.cur()
	switch {
	case t.is("WATERMARK") && p.peek(1).is("FOR"):
		ct.Watermarks = append(ct.Watermarks, p.parseWatermark())
	case t.is("PRIMARY") && p.peek(1).is("KEY"), t.is("CONSTRAINT") && !p.peek(1).isOp(","), t.is("UNIQUE") && p.peek(1).isOp("("):
		if ct.PrimaryKey != nil {
			p.fail(t, "a table has at most one PRIMARY KEY")
		}
		ct.PrimaryKey = p.parseTableConstraint()
	default:
		ct.Columns = append(ct.Columns, p.parseColumnDef(false))
	}
}

func (p *parser) parseWatermark() *ast.Watermark {
	t := p.advance()
	p.expect("FOR")
	w := &ast.Watermark{Pos: t.pos(), Column: p.parseName()}
	p.expect("AS")
	w.Expr = p.parseExpr()
	return w
}

// parseTableConstraint reads [CONSTRAINT name] PRIMARY KEY (cols) NOT ENFORCED.
func (p *parser) parseTableConstraint() *ast.PrimaryKey {
	t := p.cur()
	k := &ast.PrimaryKey{Pos: t.pos()}
	if p.accept("CONSTRAINT") {
		k.Name = p.parseIdent()
	}
	if p.is("UNIQUE") {
		p.fail(p.cur(), "UNIQUE constraints are not supported by Flink; only PRIMARY KEY (...) NOT ENFORCED")
	}
	if p.is("PRIMART") {
		p.fail(p.cur(), "unknown word PRIMART; did you mean PRIMARY KEY?")
	}
	p.expectSeq("PRIMARY", "KEY")
	k.Columns = p.parseIdentList()
	p.parseNotEnforced()
	return k
}

func (p *parser) parseNotEnforced() {
	if p.is("ENFORCED") {
		p.fail(p.cur(), "Flink does not support ENFORCED primary keys: it does not own the data, so write PRIMARY KEY ... NOT ENFORCED")
	}
	if !p.is("NOT") || !p.peek(1).is("ENFORCED") {
		p.fail(p.cur(), "expected NOT ENFORCED after PRIMARY KEY but found "+p.cur().describe()+"; Flink only supports PRIMARY KEY ... NOT ENFORCED")
	}
	p.advance()
	p.advance()
}

// parseColumnDef reads a physical, computed or metadata column. In ALTER
// TABLE (alter) it also reads FIRST / AFTER col.
func (p *parser) parseColumnDef(alter bool) *ast.ColumnDef {
	t := p.cur()
	c := &ast.ColumnDef{Pos: t.pos(), Name: p.parseIdent()}
	if p.accept("AS") {
		c.Kind = ast.ComputedColumn
		c.Expr = p.parseExpr()
	} else {
		if p.is("PRIMART") {
			p.fail(t, "unknown word PRIMART; did you mean PRIMARY KEY?")
		}
		c.Type = p.parseType()
		if p.accept("METADATA") {
			c.Kind = ast.MetadataColumn
			if p.accept("FROM") {
				c.MetadataKey = p.parseStringValue()
			}
			c.Virtual = p.accept("VIRTUAL")
		}
	}
	if p.is("CONSTRAINT") || p.is("PRIMARY") {
		if p.accept("CONSTRAINT") {
			c.Constraint = p.parseIdent()
		}
		p.expectSeq("PRIMARY", "KEY")
		p.parseNotEnforced()
		c.PrimaryKey = true
	}
	c.Comment = p.parseComment()
	if alter {
		switch {
		case p.accept("FIRST"):
			c.Position = &ast.ColumnPosition{First: true}
		case p.accept("AFTER"):
			c.Position = &ast.ColumnPosition{After: p.parseIdent()}
		}
	}
	if !alter && (p.is("FIRST") || p.is("AFTER")) {
		p.fail(p.cur(), "FIRST and AFTER place columns in ALTER TABLE ADD/MODIFY only")
	}
	return c
}

func (p *parser) parseDrop() ast.Statement {
	t := p.advance()
	temporary := p.accept("TEMPORARY")
	system := temporary && p.accept("SYSTEM")
	switch {
	case p.accept("TABLE"):
		return &ast.DropTable{Pos: t.pos(), Temporary: temporary, IfExists: p.parseIfExists(), Name: p.parseName()}
	case p.accept("VIEW"):
		return &ast.DropView{Pos: t.pos(), Temporary: temporary, IfExists: p.parseIfExists(), Name: p.parseName()}
	case p.accept("FUNCTION"):
		return &ast.DropFunction{Pos: t.pos(), Temporary: temporary, System: system, IfExists: p.parseIfExists(), Name: p.parseName()}
	case temporary:
		p.failExpected("TABLE, VIEW or FUNCTION after DROP TEMPORARY")
	case p.accept("CATALOG"):
		return &ast.DropCatalog{Pos: t.pos(), IfExists: p.parseIfExists(), Name: p.parseIdent()}
	case p.accept("DATABASE"), p.accept("SCHEMA"):
		d := &ast.DropDatabase{Pos: t.pos(), IfExists: p.parseIfExists(), Name: p.parseName()}
		if p.accept("CASCADE") {
			d.Cascade = true
		} else {
			p.accept("RESTRICT")
		}
		return d
	}
	p.failExpected("CATALOG, DATABASE, TABLE, VIEW or FUNCTION after DROP")
	return nil
}

func (p *parser) parseAlter() ast.Statement {
	t := p.advance()
	switch {
	case p.accept("DATABASE"):
		d := &ast.AlterDatabase{Pos: t.pos(), Name: p.parseName()}
		p.expect("SET")
		d.Options = p.parseOptions()
		return d
	case p.accept("VIEW"):
		v := &ast.AlterView{Pos: t.pos(), Name: p.parseName()}
		switch {
		case p.accept("AS"):
			v.Query = p.parseQuery()
		case p.accept("RENAME"):
			p.expect("TO")
			v.RenameTo = p.parseName()
		default:
			p.failExpected("RENAME TO or AS after ALTER VIEW " + v.Name.String())
		}
		return v
	case p.accept("TABLE"):
	default:
		p.failExpected("TABLE, VIEW or DATABASE after ALTER")
	}
	a := &ast.AlterTable{Pos: t.pos(), IfExists: p.parseIfExists(), Name: p.parseName()}
	at := p.cur()
	pos := at.pos()
	switch {
	case p.is("ADD"), p.is("MODIFY"):
		p.advance()
		add := &ast.AddColumns{Pos: pos, Modify: at.is("MODIFY")}
		if p.acceptOp("(") {
			add.Paren = true
			for {
				p.parseAlterElement(add)
				if !p.acceptOp(",") {
					break
				}
			}
			p.expectOp(")")
		} else {
			p.parseAlterElement(add)
		}
		a.Action = add
	case p.accept("DROP"):
		switch {
		case p.acceptSeq("PRIMARY", "KEY"):
			a.Action = &ast.DropPrimaryKey{Pos: pos}
		case p.is("WATERMARK") && !p.peek(1).isOp(",") && (p.peek(1).isOp(";") || p.peek(1).kind == tokEOF):
			p.advance()
			a.Action = &ast.DropWatermark{Pos: pos}
		case p.is("CONSTRAINT") && isIdent(p.peek(1)):
			p.advance()
			a.Action = &ast.DropConstraint{Pos: pos, Name: p.parseIdent()}
		case p.acceptOp("("):
			d := &ast.DropColumns{Pos: pos, Paren: true}
			for {
				d.Columns = append(d.Columns, p.parseName())
				if !p.acceptOp(",") {
					break
				}
			}
			p.expectOp(")")
			a.Action = d
		default:
			a.Action = &ast.DropColumns{Pos: pos, Columns: []ast.Name{p.parseName()}}
		}
	case p.accept("RENAME"):
		if p.accept("TO") {
			a.Action = &ast.RenameTable{Pos: pos, To: p.parseName()}
		} else {
			r := &ast.RenameColumn{Pos: pos, From: p.parseName()}
			p.expect("TO")
			r.To = p.parseIdent()
			a.Action = r
		}
	case p.accept("SET"):
		a.Action = &ast.SetOptions{Pos: pos, Options: p.parseOptions()}
	case p.accept("RESET"):
		r := &ast.ResetOptions{Pos: pos}
		p.expectOp("(")
		for {
			r.Keys = append(r.Keys, p.parseStringValue())
			if !p.acceptOp(",") {
				break
			}
		}
		p.expectOp(")")
		a.Action = r
	default:
		p.failExpected("ADD, MODIFY, DROP, RENAME, SET or RESET after ALTER TABLE " + a.Name.String())
	}
	return a
}

func (p *parser) parseAlterElement(add *ast.AddColumns) {
	t := p.cur()
	switch {
	case t.is("WATERMARK") && p.peek(1).is("FOR"):
		if add.Watermark != nil {
			p.fail(t, "a table has at most one WATERMARK")
		}
		add.Watermark = p.parseWatermark()
	case t.is("PRIMARY") && p.peek(1).is("KEY"), t.is("CONSTRAINT"):
		if add.PrimaryKey != nil {
			p.fail(t, "a table has at most one PRIMARY KEY")
		}
		add.PrimaryKey = p.parseTableConstraint()
	default:
		add.Columns = append(add.Columns, p.parseColumnDef(true))
	}
}
