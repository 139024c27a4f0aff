package parser

import (
	"strings"

	"github.com/weir-data/weir/sql/ast"
)

// parseStatement reads one statement, not its terminating semicolon.
func (p *parser) parseStatement() ast.Statement {
	t := p.cur()
	switch {
	case t.is("SELECT"), t.is("WITH"), t.is("VALUES"), t.isOp("("):
		return p.parseQuery()
	case t.is("INSERT"):
		return p.parseInsert()
	case t.is("CREATE"):
		return p.parseCreate()
	case t.is("DROP"):
		return p.parseDrop()
	case t.is("ALTER"):
		return p.parseAlter()
	case t.is("USE"):
		return p.parseUse()
	case t.is("SHOW"):
		return p.parseShow()
	case t.is("DESCRIBE"), t.is("DESC"):
		p.advance()
		d := &ast.Describe{Pos: t.pos(), Extended: p.accept("EXTENDED")}
		d.Name = p.parseName()
		return d
	case t.is("EXPLAIN"):
		return p.parseExplain()
	case t.is("SET"):
		return p.parseSet()
	case t.is("RESET"):
		p.advance()
		r := &ast.Reset{Pos: t.pos()}
		if isStringTok(p.cur()) {
			k := p.parseStringValue()
			r.Key = &k
		} else if !p.isOp(";") && p.cur().kind != tokEOF {
			p.fail(p.cur(), "expected a quoted key after RESET, as in RESET 'pipeline.name', but found "+p.cur().describe())
		}
		return r
	case t.is("DELETE"):
		p.advance()
		p.expect("FROM")
		d := &ast.Delete{Pos: t.pos(), Table: p.parseName()}
		if p.accept("WHERE") {
			d.Where = p.parseExpr()
		}
		return d
	case t.is("UPDATE"):
		return p.parseUpdate()
	case t.is("TRUNCATE"):
		p.advance()
		p.expect("TABLE")
		return &ast.Truncate{Pos: t.pos(), Table: p.parseName()}
	case t.is("EXECUTE"):
		p.advance()
		if p.is("STATEMENT") {
			p.expectSeq("STATEMENT", "SET")
			p.expect("BEGIN")
			return p.parseStatementSetBody(t.pos(), false)
		}
		if p.is("INSERT") || p.isQueryStart() {
			return &ast.Execute{Pos: t.pos(), Stmt: p.parseStatement()}
		}
		p.failExpected("STATEMENT SET, INSERT or a query after EXECUTE")
	case t.is("BEGIN"):
		p.advance()
		p.expectSeq("STATEMENT", "SET")
		p.expectOp(";")
		return p.parseStatementSetBody(t.pos(), true)
	case t.is("CALL"):
		p.advance()
		c := &ast.Call{Pos: t.pos(), Procedure: p.parseName()}
		p.expectOp("(")
		for !p.isOp(")") {
			c.Args = append(c.Args, p.parseArg())
			if !p.acceptOp(",") {
				break
			}
		}
		p.expectOp(")")
		return c
	case t.is("UPSERT"):
		p.fail(t, "UPSERT INTO is not Flink SQL; INSERT INTO a table with a primary key upserts")
	case t.is("MERGE"):
		p.fail(t, "MERGE is not supported by Flink SQL; use INSERT INTO a primary-key table")
	case t.is("LOAD"), t.is("UNLOAD"), t.is("ADD"), t.is("REMOVE"), t.is("ANALYZE"), t.is("STOP"):
		p.fail(t, strings.ToUpper(t.text)+" statements are not supported in Weir")
	case t.is("END"):
		p.fail(t, "END without BEGIN STATEMENT SET")
	}
	if t.kind == tokEOF {
		p.failExpected("a statement")
	}
	p.fail(t, "unknown statement starting with "+t.describe()+"; expected SELECT, INSERT, CREATE, DROP, ALTER, USE, SHOW, DESCRIBE, EXPLAIN, SET, RESET, DELETE, UPDATE, TRUNCATE, EXECUTE, BEGIN STATEMENT SET or CALL")
	return nil
}

// parseStatementSetBody reads "insert; ... END" after BEGIN. In the legacy
// form each INSERT and the END are terminated by semicolons; the END's
// semicolon is left for the caller.
func (p *parser) parseStatementSetBody(pos ast.Pos, legacy bool) *ast.StatementSet {
	s := &ast.StatementSet{Pos: pos, Legacy: legacy}
	for {
		for p.acceptOp(";") {
		}
		if p.accept("END") {
			if len(s.Inserts) == 0 {
				p.fail(p.toks[p.prev], "a statement set needs at least one INSERT before END")
			}
			return s
		}
		if !p.is("INSERT") {
			p.failExpected("INSERT or END in the statement set")
		}
		s.Inserts = append(s.Inserts, p.parseInsert())
		if !p.isOp(";") {
			p.failExpected("';' after the INSERT in the statement set")
		}
	}
}

func (p *parser) parseInsert() *ast.Insert {
	t := p.advance()
	in := &ast.Insert{Pos: t.pos()}
	switch {
	case p.accept("INTO"):
	case p.accept("OVERWRITE"):
		in.Overwrite = true
	default:
		p.failExpected("INTO or OVERWRITE after INSERT")
	}
	in.Table = p.parseName()
	in.Hints = p.parseHints(p.hintsAfterPrev())
	if p.accept("PARTITION") {
		in.Partition = p.parsePartitionSpec()
	}
	if p.isOp("(") && !p.parenStartsQuery() {
		in.Columns = p.parseIdentList()
	}
	if !p.isQueryStart() && !p.isOp("(") {
		p.failExpected("a query (SELECT ...) or VALUES after INSERT INTO " + in.Table.String())
	}
	in.Source = p.parseQuery()
	return in
}

func (p *parser) parsePartitionSpec() []ast.PartitionValue {
	p.expectOp("(")
	var vals []ast.PartitionValue
	for {
		col := p.parseIdent()
		p.expectOp("=")
		vals = append(vals, ast.PartitionValue{Column: col, Value: p.parseAdditive()})
		if !p.acceptOp(",") {
			break
		}
	}
	p.expectOp(")")
	return vals
}

func (p *parser) parseUpdate() *ast.Update {
	t := p.advance()
	u := &ast.Update{Pos: t.pos(), Table: p.parseName()}
	p.expect("SET")
	for {
		col := p.parseName()
		p.expectOp("=")
		u.Set = append(u.Set, ast.Assignment{Column: col, Value: p.parseExpr()})
		if !p.acceptOp(",") {
			break
		}
	}
	if p.accept("WHERE") {
		u.Where = p.parseExpr()
	}
	return u
}

func (p *parser) parseSet() ast.Statement {
	t := p.advance()
	s := &ast.Set{Pos: t.pos()}
	if p.isOp(";") || p.cur().kind == tokEOF {
		return s
	}
	if !isStringTok(p.cur()) {
		if isIdent(p.cur()) || p.cur().kind == tokWord {
			p.fail(p.cur(), "SET keys and values are quoted strings: write SET 'key' = 'value'")
		}
		p.failExpected("a quoted key after SET")
	}
	k := p.parseStringValue()
	s.Key = &k
	p.expectOp("=")
	if !isStringTok(p.cur()) {
		p.fail(p.cur(), "SET values are quoted strings: write SET '"+k+"' = '...'")
	}
	s.Value = p.parseStringValue()
	return s
}

func (p *parser) parseUse() ast.Statement {
	t := p.advance()
	if p.is("CATALOG") && isIdent(p.peek(1)) {
		p.advance()
		return &ast.UseCatalog{Pos: t.pos(), Name: p.parseIdent()}
	}
	if p.is("MODULES") {
		p.fail(p.cur(), "USE MODULES is not supported in Weir")
	}
	n := p.parseName()
	if len(n) > 2 {
		p.fail(t, "USE takes a database or catalog.database, not "+n.String())
	}
	return &ast.UseDatabase{Pos: t.pos(), Name: n}
}

var explainDetails = map[string]bool{
	"ESTIMATED_COST": true, "CHANGELOG_MODE": true, "JSON_EXECUTION_PLAN": true, "PLAN_ADVICE": true,
}

func (p *parser) parseExplain() ast.Statement {
	t := p.advance()
	e := &ast.Explain{Pos: t.pos()}
	if p.acceptSeq("PLAN", "FOR") {
		e.PlanFor = true
	} else {
		for explainDetails[strings.ToUpper(p.cur().text)] && p.cur().kind == tokWord {
			e.Details = append(e.Details, strings.ToUpper(p.advance().text))
			if !p.acceptOp(",") {
				break
			}
		}
	}
	st := p.cur()
	switch {
	case st.isOp("("), st.is("SELECT"), st.is("WITH"), st.is("VALUES"), st.is("INSERT"), st.is("EXECUTE"):
	case st.is("STATEMENT"):
		p.advance()
		p.expect("SET")
		p.expect("BEGIN")
		e.Stmt = p.parseStatementSetBody(st.pos(), false)
		return e
	default:
		p.failExpected("a query, INSERT or STATEMENT SET to explain")
	}
	e.Stmt = p.parseStatement()
	return e
}

func (p *parser) parseShow() ast.Statement {
	t := p.advance()
	s := &ast.Show{Pos: t.pos()}
	switch {
	case p.accept("CATALOGS"):
		s.Kind = ast.ShowCatalogs
	case p.accept("DATABASES"):
		s.Kind = ast.ShowDatabases
	case p.accept("TABLES"):
		s.Kind = ast.ShowTables
	case p.accept("VIEWS"):
		s.Kind = ast.ShowViews
	case p.accept("FUNCTIONS"):
		s.Kind = ast.ShowFunctions
	case p.acceptSeq("USER", "FUNCTIONS"):
		s.Kind = ast.ShowUserFunctions
	case p.accept("JOBS"):
		s.Kind = ast.ShowJobs
	case p.accept("MODULES"):
		s.Kind = ast.ShowModules
	case p.acceptSeq("FULL", "MODULES"):
		s.Kind = ast.ShowFullModules
	case p.acceptSeq("CURRENT", "CATALOG"):
		s.Kind = ast.ShowCurrentCatalog
		return s
	case p.acceptSeq("CURRENT", "DATABASE"):
		s.Kind = ast.ShowCurrentDatabase
		return s
	case p.acceptSeq("CREATE", "TABLE"):
		s.Kind = ast.ShowCreateTable
		s.Object = p.parseName()
		return s
	case p.acceptSeq("CREATE", "VIEW"):
		s.Kind = ast.ShowCreateView
		s.Object = p.parseName()
		return s
	case p.accept("COLUMNS"):
		s.Kind = ast.ShowColumns
		if !p.accept("FROM") {
			p.expect("IN")
		}
		s.Object = p.parseName()
	case p.accept("PARTITIONS"):
		s.Kind = ast.ShowPartitions
		s.Object = p.parseName()
		if p.accept("PARTITION") {
			s.Partition = p.parsePartitionSpec()
		}
		return s
	default:
		p.failExpected("CATALOGS, DATABASES, TABLES, VIEWS, FUNCTIONS, USER FUNCTIONS, MODULES, JOBS, COLUMNS, PARTITIONS, CREATE TABLE, CREATE VIEW, CURRENT CATALOG or CURRENT DATABASE after SHOW")
	}
	switch s.Kind {
	case ast.ShowDatabases, ast.ShowTables, ast.ShowViews, ast.ShowFunctions, ast.ShowUserFunctions:
		if p.accept("FROM") || p.accept("IN") {
			s.From = p.parseName()
		}
	}
	switch s.Kind {
	case ast.ShowDatabases, ast.ShowTables, ast.ShowViews, ast.ShowFunctions, ast.ShowUserFunctions, ast.ShowColumns, ast.ShowCatalogs:
		if p.is("NOT") && (p.peek(1).is("LIKE") || p.peek(1).is("ILIKE")) {
			p.advance()
			s.NotLike = true
		}
		if p.is("LIKE") || p.is("ILIKE") {
			s.ILike = p.advance().is("ILIKE")
			pat := p.parseStringValue()
			s.Like = &pat
		} else if s.NotLike {
			p.failExpected("LIKE after NOT")
		}
	}
	return s
}
