package ast

func (p *printer) comment(c string) {
	if c != "" {
		p.w(" COMMENT ")
		p.str(c)
	}
}

func (p *printer) withOptions(opts []Option) {
	if len(opts) > 0 {
		p.w(" WITH ")
		p.options(opts)
	}
}

func (s *CreateCatalog) format(p *printer) {
	p.w("CREATE CATALOG ")
	if s.IfNotExists {
		p.w("IF NOT EXISTS ")
	}
	p.ident(s.Name)
	p.comment(s.Comment)
	p.w(" WITH ") // required, even when empty
	p.options(s.Options)
}

func (s *DropCatalog) format(p *printer) {
	p.w("DROP CATALOG ")
	if s.IfExists {
		p.w("IF EXISTS ")
	}
	p.ident(s.Name)
}

func (s *UseCatalog) format(p *printer) {
	p.w("USE CATALOG ")
	p.ident(s.Name)
}

func (s *UseDatabase) format(p *printer) {
	p.w("USE ")
	p.name(s.Name)
}

func (s *CreateDatabase) format(p *printer) {
	p.w("CREATE DATABASE ")
	if s.IfNotExists {
		p.w("IF NOT EXISTS ")
	}
	p.name(s.Name)
	p.comment(s.Comment)
	p.withOptions(s.Options)
}

func (s *DropDatabase) format(p *printer) {
	p.w("DROP DATABASE ")
	if s.IfExists {
		p.w("IF EXISTS ")
	}
	p.name(s.Name)
	if s.Cascade {
		p.w(" CASCADE")
	}
}

func (s *AlterDatabase) format(p *printer) {
	p.w("ALTER DATABASE ")
	p.name(s.Name)
	p.w(" SET ")
	p.options(s.Options)
}

func (c *ColumnDef) format(p *printer) {
	p.ident(c.Name)
	switch c.Kind {
	case ComputedColumn:
		p.w(" AS ")
		c.Expr.format(p)
	default:
		p.w(" ")
		c.Type.format(p)
		if c.Kind == MetadataColumn {
			p.w(" METADATA")
			if c.MetadataKey != "" {
				p.w(" FROM ")
				p.str(c.MetadataKey)
			}
			if c.Virtual {
				p.w(" VIRTUAL")
			}
		}
	}
	if c.PrimaryKey {
		if c.Constraint != "" {
			p.w(" CONSTRAINT ")
			p.ident(c.Constraint)
		}
		p.w(" PRIMARY KEY NOT ENFORCED")
	}
	p.comment(c.Comment)
	if c.Position != nil {
		if c.Position.First {
			p.w(" FIRST")
		} else {
			p.w(" AFTER ")
			p.ident(c.Position.After)
		}
	}
}

func (k *PrimaryKey) format(p *printer) {
	if k.Name != "" {
		p.w("CONSTRAINT ")
		p.ident(k.Name)
		p.w(" ")
	}
	p.w("PRIMARY KEY ")
	p.identList(k.Columns)
	p.w(" NOT ENFORCED")
}

func (w *Watermark) format(p *printer) {
	p.w("WATERMARK FOR ")
	p.name(w.Column)
	p.w(" AS ")
	w.Expr.format(p)
}

func (l *LikeClause) format(p *printer) {
	p.w(" LIKE ")
	p.name(l.Source)
	if len(l.Options) > 0 {
		p.w(" (")
		for i, o := range l.Options {
			if i > 0 {
				p.w(" ")
			}
			p.w(o.Strategy)
			p.w(" ")
			p.w(o.Feature)
		}
		p.w(")")
	}
}

func (s *CreateTable) format(p *printer) {
	p.w("CREATE ")
	if s.OrReplace {
		p.w("OR REPLACE ")
	}
	if s.Temporary {
		p.w("TEMPORARY ")
	}
	p.w("TABLE ")
	if s.IfNotExists {
		p.w("IF NOT EXISTS ")
	}
	p.name(s.Name)
	n := 0
	sep := func() {
		if n == 0 {
			p.w(" (")
		} else {
			p.w(", ")
		}
		n++
	}
	for _, c := range s.Columns {
		sep()
		c.format(p)
	}
	for _, w := range s.Watermarks {
		sep()
		w.format(p)
	}
	if s.PrimaryKey != nil {
		sep()
		s.PrimaryKey.format(p)
	}
	if n > 0 {
		p.w(")")
	}
	p.comment(s.Comment)
	if len(s.PartitionBy) > 0 {
		p.w(" PARTITIONED BY ")
		p.identList(s.PartitionBy)
	}
	p.withOptions(s.Options)
	if s.Like != nil {
		s.Like.format(p)
	}
	if s.Query != nil {
		p.w(" AS ")
		s.Query.format(p)
	}
}

func (p *printer) temporary(t, system bool) {
	if t {
		p.w("TEMPORARY ")
		if system {
			p.w("SYSTEM ")
		}
	}
}

func (s *DropTable) format(p *printer) {
	p.w("DROP ")
	p.temporary(s.Temporary, false)
	p.w("TABLE ")
	if s.IfExists {
		p.w("IF EXISTS ")
	}
	p.name(s.Name)
}

func (s *CreateView) format(p *printer) {
	p.w("CREATE ")
	p.temporary(s.Temporary, false)
	p.w("VIEW ")
	if s.IfNotExists {
		p.w("IF NOT EXISTS ")
	}
	p.name(s.Name)
	if len(s.Columns) > 0 {
		p.w(" ")
		p.identList(s.Columns)
	}
	p.comment(s.Comment)
	p.w(" AS ")
	s.Query.format(p)
}

func (s *DropView) format(p *printer) {
	p.w("DROP ")
	p.temporary(s.Temporary, false)
	p.w("VIEW ")
	if s.IfExists {
		p.w("IF EXISTS ")
	}
	p.name(s.Name)
}

func (s *CreateFunction) format(p *printer) {
	p.w("CREATE ")
	p.temporary(s.Temporary, s.System)
	p.w("FUNCTION ")
	if s.IfNotExists {
		p.w("IF NOT EXISTS ")
	}
	p.name(s.Name)
	p.w(" AS ")
	p.str(s.Class)
	if s.Language != "" {
		p.w(" LANGUAGE ")
		p.w(s.Language)
	}
	for i, j := range s.Jars {
		if i == 0 {
			p.w(" USING JAR ")
		} else {
			p.w(", JAR ")
		}
		p.str(j)
	}
}

func (s *DropFunction) format(p *printer) {
	p.w("DROP ")
	p.temporary(s.Temporary, s.System)
	p.w("FUNCTION ")
	if s.IfExists {
		p.w("IF EXISTS ")
	}
	p.name(s.Name)
}

func (s *AlterTable) format(p *printer) {
	p.w("ALTER TABLE ")
	if s.IfExists {
		p.w("IF EXISTS ")
	}
	p.name(s.Name)
	p.w(" ")
	s.Action.format(p)
}

func (a *AddColumns) format(p *printer) {
	if a.Modify {
		p.w("MODIFY ")
	} else {
		p.w("ADD ")
	}
	if !a.Paren {
		switch {
		case len(a.Columns) == 1:
			a.Columns[0].format(p)
		case a.PrimaryKey != nil:
			a.PrimaryKey.format(p)
		case a.Watermark != nil:
			a.Watermark.format(p)
		}
		return
	}
	p.w("(")
	n := 0
	sep := func() {
		if n > 0 {
			p.w(", ")
		}
		n++
	}
	for _, c := range a.Columns {
		sep()
		c.format(p)
	}
	if a.PrimaryKey != nil {
		sep()
		a.PrimaryKey.format(p)
	}
	if a.Watermark != nil {
		sep()
		a.Watermark.format(p)
	}
	p.w(")")
}

func (a *DropColumns) format(p *printer) {
	p.w("DROP ")
	if a.Paren {
		p.w("(")
	}
	for i, c := range a.Columns {
		if i > 0 {
			p.w(", ")
		}
		p.name(c)
	}
	if a.Paren {
		p.w(")")
	}
}

func (a *DropPrimaryKey) format(p *printer) { p.w("DROP PRIMARY KEY") }
func (a *DropWatermark) format(p *printer)  { p.w("DROP WATERMARK") }

func (a *DropConstraint) format(p *printer) {
	p.w("DROP CONSTRAINT ")
	p.ident(a.Name)
}

func (a *RenameColumn) format(p *printer) {
	p.w("RENAME ")
	p.name(a.From)
	p.w(" TO ")
	p.ident(a.To)
}

func (a *RenameTable) format(p *printer) {
	p.w("RENAME TO ")
	p.name(a.To)
}

func (a *SetOptions) format(p *printer) {
	p.w("SET ")
	p.options(a.Options)
}

func (a *ResetOptions) format(p *printer) {
	p.w("RESET (")
	for i, k := range a.Keys {
		if i > 0 {
			p.w(", ")
		}
		p.str(k)
	}
	p.w(")")
}

func (s *AlterView) format(p *printer) {
	p.w("ALTER VIEW ")
	p.name(s.Name)
	if s.Query != nil {
		p.w(" AS ")
		s.Query.format(p)
		return
	}
	p.w(" RENAME TO ")
	p.name(s.RenameTo)
}
