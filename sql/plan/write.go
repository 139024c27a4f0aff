package plan

import (
	"context"
	"errors"
	"io"
	"strings"

	"github.com/weir-data/weir/engine/batch"
	"github.com/weir-data/weir/sql/ast"
	"github.com/weir-data/weir/sql/expr"
	"github.com/weir-data/weir/sql/fn"
	"github.com/weir-data/weir/types"
)

// Write is a bound INSERT, DELETE or UPDATE: the rows of Source, each with
// row kind Kind, written to Target's sink.
type Write struct {
	Target  Table
	Source  *Plan
	Request SinkRequest
	// Kind is the row kind of every written row: +I for INSERT, -D for
	// DELETE, +U for UPDATE.
	Kind types.RowKind
}

func (b *binder) targetTable(n ast.Node, name ast.Name) (Table, error) {
	rel, err := b.cat.ResolveTable(b.ctx, name)
	if err != nil {
		return nil, wrapAt(n, err)
	}
	t, ok := rel.(Table)
	if !ok {
		return nil, errorf(n, "%s is a view; only tables can be written", name)
	}
	return t, nil
}

// BindInsert binds INSERT INTO|OVERWRITE t [PARTITION (...)] [(cols)] query.
func BindInsert(ctx context.Context, cat Catalog, ins *ast.Insert, opts Options) (w *Write, err error) {
	defer recoverErr(ins, &err)
	b := &binder{ctx: ctx, cat: cat, opts: opts}
	t, err := b.targetTable(ins, ins.Table)
	if err != nil {
		return nil, err
	}
	all := t.Columns()
	phys := physicalColumns(t)
	byName := map[string]int{}
	var names []string
	for _, p := range phys {
		byName[all[p].Name] = p
		names = append(names, all[p].Name)
	}
	colErr := func(name string) error {
		msg := "column '" + name + "' not found in table " + t.FullName()
		if s := suggest(name, names); s != "" {
			msg += " (did you mean " + s + "?)"
		}
		return errorf(ins, "%s", msg)
	}
	req := SinkRequest{Overwrite: ins.Overwrite}
	for _, h := range ins.Hints {
		if strings.EqualFold(h.Name, "OPTIONS") {
			if req.Hints == nil {
				req.Hints = map[string]string{}
			}
			for _, o := range h.Options {
				req.Hints[o.Key] = o.Value
			}
		}
	}
	static := map[int]expr.Expr{}
	parts := map[string]bool{}
	for _, k := range t.PartitionKeys() {
		parts[k] = true
	}
	for _, pv := range ins.Partition {
		p, ok := byName[pv.Column]
		if !ok {
			return nil, colErr(pv.Column)
		}
		if !parts[pv.Column] {
			return nil, errorf(pv.Value, "column '%s' is not a partition key of %s", pv.Column, t.FullName())
		}
		v, err := b.bindExpr(&ectx{s: &scope{}, what: "PARTITION"}, pv.Value)
		if err != nil {
			return nil, err
		}
		if v, err = castTo(v, all[p].Type); err == nil {
			v, err = expr.Fold(opts.Fn, v)
		}
		l, ok := v.(*expr.Literal)
		if err != nil || !ok {
			return nil, errorf(pv.Value, "the value of partition column '%s' must be a constant of type %s", pv.Column, all[p].Type)
		}
		if req.Static == nil {
			req.Static = map[string]any{}
		}
		req.Static[pv.Column] = l.Value
		static[p] = l
	}
	var target []int
	if len(ins.Columns) > 0 {
		seen := map[int]bool{}
		for _, c := range ins.Columns {
			p, ok := byName[c]
			if !ok {
				return nil, colErr(c)
			}
			if seen[p] {
				return nil, errorf(ins, "column '%s' is listed twice", c)
			}
			if _, ok := static[p]; ok {
				return nil, errorf(ins, "column '%s' has a static PARTITION value and cannot be listed", c)
			}
			seen[p] = true
			target = append(target, p)
		}
	} else {
		for _, p := range phys {
			if _, ok := static[p]; !ok {
				target = append(target, p)
			}
		}
	}
	src, ss, err := b.bindQuery(ins.Source, nil)
	if err != nil {
		return nil, err
	}
	scols := src.Columns()
	vis := 0
	for _, c := range ss.cols {
		if !c.hidden {
			vis++
		}
	}
	if vis != len(target) {
		return nil, errorf(ins.Source, "INSERT INTO %s: the query returns %d columns but %d are expected", t.FullName(), vis, len(target))
	}
	pos := map[int]int{}
	for i, p := range target {
		pos[p] = i
	}
	var exprs []expr.Expr
	var outNames []string
	for _, p := range phys {
		col := all[p]
		var e expr.Expr
		if i, ok := pos[p]; ok {
			from := scols[i].Type
			if from.Root != 0 && !fn.ImplicitCast(from.WithNullable(true), col.Type.WithNullable(true)) {
				return nil, errorf(ins.Source, "column '%s' of %s has type %s; the query gives %s, which does not cast implicitly", col.Name, t.FullName(), col.Type, from)
			}
			if e, err = castTo(expr.NewColumn(i, scols[i].Name, from), col.Type.WithNullable(from.Nullable || from.Root == 0)); err != nil {
				return nil, errorf(ins.Source, "column '%s': %v", col.Name, err)
			}
		} else if l, ok := static[p]; ok {
			e = l
		} else {
			if !col.Type.Nullable {
				return nil, errorf(ins, "column '%s' of %s is NOT NULL and has no value", col.Name, t.FullName())
			}
			e = expr.NewNull(col.Type)
		}
		exprs = append(exprs, e)
		outNames = append(outNames, col.Name)
	}
	return b.write(t, newProject(src, exprs, outNames), req, types.Insert)
}

func (b *binder) write(t Table, n Node, req SinkRequest, kind types.RowKind) (*Write, error) {
	root, err := optimize(b.opts, n)
	if err != nil {
		return nil, err
	}
	return &Write{Target: t, Source: &Plan{Root: root, cols: n.Columns()}, Request: req, Kind: kind}, nil
}

func (b *binder) pkTable(n ast.Node, name ast.Name, what string) (Table, error) {
	t, err := b.targetTable(n, name)
	if err != nil {
		return nil, err
	}
	if t.Paimon() == nil || len(t.PrimaryKey()) == 0 {
		return nil, errorf(n, "%s is only supported on Paimon tables with a primary key; %s has none", what, t.FullName())
	}
	return t, nil
}

// BindDelete binds DELETE FROM t [WHERE cond]: the matching rows are
// written as -D.
func BindDelete(ctx context.Context, cat Catalog, del *ast.Delete, opts Options) (w *Write, err error) {
	defer recoverErr(del, &err)
	b := &binder{ctx: ctx, cat: cat, opts: opts}
	t, err := b.pkTable(del, del.Table, "DELETE")
	if err != nil {
		return nil, err
	}
	n, s, err := b.scanTable(&ast.TableName{Pos: del.Pos, Name: del.Table}, t)
	if err != nil {
		return nil, err
	}
	if del.Where != nil {
		if n, err = b.bindWhere(n, s, del.Where, nil); err != nil {
			return nil, err
		}
	}
	return b.write(t, physicalProject(t, n), SinkRequest{}, types.Delete)
}

// physicalProject keeps the physical columns of t's scan scope.
func physicalProject(t Table, n Node) Node {
	all := t.Columns()
	var idx []int
	for i, c := range all {
		if c.Computed == nil && c.Metadata == "" {
			idx = append(idx, i)
		}
	}
	if len(idx) == len(n.Columns()) {
		return n
	}
	return identityProject(n, idx)
}

// BindUpdate binds UPDATE t SET c = e, ... [WHERE cond]: the matching rows
// with their new values are written as +U.
func BindUpdate(ctx context.Context, cat Catalog, up *ast.Update, opts Options) (w *Write, err error) {
	defer recoverErr(up, &err)
	b := &binder{ctx: ctx, cat: cat, opts: opts}
	t, err := b.pkTable(up, up.Table, "UPDATE")
	if err != nil {
		return nil, err
	}
	n, s, err := b.scanTable(&ast.TableName{Pos: up.Pos, Name: up.Table}, t)
	if err != nil {
		return nil, err
	}
	if up.Where != nil {
		if n, err = b.bindWhere(n, s, up.Where, nil); err != nil {
			return nil, err
		}
	}
	keys := map[string]string{}
	for _, k := range t.PrimaryKey() {
		keys[k] = "primary key"
	}
	for _, k := range t.PartitionKeys() {
		keys[k] = "partition key"
	}
	all := t.Columns()
	set := map[int]expr.Expr{}
	c := &ectx{s: s, what: "UPDATE SET"}
	for _, a := range up.Set {
		name := a.Column.Last()
		i, err := s.lookup(up, "", name)
		if err != nil {
			return nil, err
		}
		if i < 0 {
			return nil, s.notFound(a.Value, "", name)
		}
		if what, ok := keys[all[i].Name]; ok {
			return nil, errorf(a.Value, "UPDATE cannot change column '%s': it is a %s of %s", all[i].Name, what, t.FullName())
		}
		if all[i].Computed != nil || all[i].Metadata != "" {
			return nil, errorf(a.Value, "UPDATE cannot change computed or metadata column '%s'", all[i].Name)
		}
		v, err := b.bindExpr(c, a.Value)
		if err != nil {
			return nil, err
		}
		from := v.Type()
		if from.Root != 0 && !fn.ImplicitCast(from.WithNullable(true), all[i].Type.WithNullable(true)) {
			return nil, errorf(a.Value, "column '%s' has type %s; the value has type %s, which does not cast implicitly", all[i].Name, all[i].Type, from)
		}
		if v, err = castTo(v, all[i].Type.WithNullable(from.Nullable || from.Root == 0)); err != nil {
			return nil, errorf(a.Value, "%v", err)
		}
		set[i] = v
	}
	var exprs []expr.Expr
	var names []string
	for i, col := range all {
		if col.Computed != nil || col.Metadata != "" {
			continue
		}
		e, ok := set[i]
		if !ok {
			e = expr.NewColumn(i, col.Name, s.cols[i].typ)
		}
		exprs = append(exprs, e)
		names = append(names, col.Name)
	}
	return b.write(t, newProject(n, exprs, names), SinkRequest{}, types.UpdateAfter)
}

func recoverErr(n ast.Node, err *error) {
	if r := recover(); r != nil {
		*err = errorf(n, "internal error planning the statement: %v", r)
	}
}

// Run builds the source, writes its rows into the target's sink with the
// write's row kind, and commits. It returns the number of rows written.
func (w *Write) Run(ctx context.Context, env *batch.Env) (rows int64, err error) {
	op, err := w.Source.Build(ctx, env)
	if err != nil {
		return 0, err
	}
	sink, err := w.Target.Sink(ctx, w.Request)
	if err != nil {
		return 0, err
	}
	defer func() {
		if cerr := sink.Close(); err == nil && cerr != nil {
			err = cerr
		}
	}()
	if err := op.Open(ctx); err != nil {
		op.Close()
		return 0, err
	}
	defer op.Close()
	var kinds []types.RowKind
	for {
		bt, err := op.Next(ctx)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return rows, err
		}
		if w.Kind != types.Insert {
			for len(kinds) < bt.Len {
				kinds = append(kinds, w.Kind)
			}
			c := *bt
			c.Kinds = kinds[:bt.Len]
			bt = &c
		}
		if err := sink.Write(ctx, bt); err != nil {
			return rows, err
		}
		rows += int64(bt.Len)
	}
	if err := sink.Commit(ctx); err != nil {
		return rows, err
	}
	return rows, nil
}
