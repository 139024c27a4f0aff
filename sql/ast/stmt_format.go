package ast

func (p *printer) partitionSpec(vals []PartitionValue) {
	p.w(" PARTITION (")
	for i, v := range vals {
		if i > 0 {
			p.w(", ")
		}
		p.ident(v.Column)
		p.w(" = ")
		v.Value.format(p)
	}
	p.w(")")
}

func (s *Insert) format(p *printer) {
	if s.Overwrite {
		p.w("INSERT OVERWRITE ")
	} else {
		p.w("INSERT INTO ")
	}
	p.name(s.Table)
	if len(s.Hints) > 0 {
		p.w(" ")
		p.hints(s.Hints)
	}
	if len(s.Partition) > 0 {
		p.partitionSpec(s.Partition)
	}
	if len(s.Columns) > 0 {
		p.w(" ")
		p.identList(s.Columns)
	}
	p.w(" ")
	s.Source.format(p)
}

func (s *Delete) format(p *printer) {
	p.w("DELETE FROM ")
	p.name(s.Table)
	if s.Where != nil {
		p.w(" WHERE ")
		s.Where.format(p)
	}
}

func (s *Update) format(p *printer) {
	p.w("UPDATE ")
	p.name(s.Table)
	p.w(" SET ")
	for i, a := range s.Set {
		if i > 0 {
			p.w(", ")
		}
		p.name(a.Column)
		p.w(" = ")
		a.Value.format(p)
	}
	if s.Where != nil {
		p.w(" WHERE ")
		s.Where.format(p)
	}
}

func (s *Truncate) format(p *printer) {
	p.w("TRUNCATE TABLE ")
	p.name(s.Table)
}

func (s *StatementSet) format(p *printer) {
	if s.Legacy {
		p.w("BEGIN STATEMENT SET;")
	} else {
		p.w("EXECUTE ")
		s.body(p)
		return
	}
	for _, in := range s.Inserts {
		p.w(" ")
		in.format(p)
		p.w(";")
	}
	p.w(" END")
}

// body prints STATEMENT SET BEGIN ...; END (after EXECUTE or EXPLAIN).
func (s *StatementSet) body(p *printer) {
	p.w("STATEMENT SET BEGIN")
	for _, in := range s.Inserts {
		p.w(" ")
		in.format(p)
		p.w(";")
	}
	p.w(" END")
}

func (s *Execute) format(p *printer) {
	p.w("EXECUTE ")
	s.Stmt.format(p)
}

func (s *Show) format(p *printer) {
	p.w("SHOW ")
	p.w(s.Kind.String())
	switch s.Kind {
	case ShowCreateTable, ShowCreateView, ShowPartitions:
		p.w(" ")
		p.name(s.Object)
		if len(s.Partition) > 0 {
			p.partitionSpec(s.Partition)
		}
	case ShowColumns:
		p.w(" FROM ")
		p.name(s.Object)
	}
	if len(s.From) > 0 {
		p.w(" FROM ")
		p.name(s.From)
	}
	if s.Like != nil {
		if s.NotLike {
			p.w(" NOT")
		}
		if s.ILike {
			p.w(" ILIKE ")
		} else {
			p.w(" LIKE ")
		}
		p.str(*s.Like)
	}
}

func (s *Describe) format(p *printer) {
	p.w("DESCRIBE ")
	if s.Extended {
		p.w("EXTENDED ")
	}
	p.name(s.Name)
}

func (s *Explain) format(p *printer) {
	p.w("EXPLAIN ")
	if s.PlanFor {
		p.w("PLAN FOR ")
	}
	for i, d := range s.Details {
		if i > 0 {
			p.w(", ")
		}
		p.w(d)
	}
	if len(s.Details) > 0 {
		p.w(" ")
	}
	if ss, ok := s.Stmt.(*StatementSet); ok && !ss.Legacy {
		ss.body(p) // EXPLAIN STATEMENT SET BEGIN ... END
		return
	}
	s.Stmt.format(p)
}

func (s *Set) format(p *printer) {
	p.w("SET")
	if s.Key != nil {
		p.w(" ")
		p.str(*s.Key)
		p.w(" = ")
		p.str(s.Value)
	}
}

func (s *Reset) format(p *printer) {
	p.w("RESET")
	if s.Key != nil {
		p.w(" ")
		p.str(*s.Key)
	}
}

func (s *Call) format(p *printer) {
	p.w("CALL ")
	p.funcName(s.Procedure)
	p.w("(")
	p.exprs(s.Args)
	p.w(")")
}
