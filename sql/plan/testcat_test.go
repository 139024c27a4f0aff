package plan_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/weir-data/weir/connector"
	paimonconn "github.com/weir-data/weir/connector/paimon"
	"github.com/weir-data/weir/engine/batch"
	"github.com/weir-data/weir/paimon/catalog"
	"github.com/weir-data/weir/paimon/table"
	"github.com/weir-data/weir/sql/ast"
	"github.com/weir-data/weir/sql/plan"
)

// testCatalog resolves names against one database of a Paimon catalog.
type testCatalog struct {
	cat   *catalog.Catalog
	db    string
	rows  map[string]int64
	views map[string]*plan.View
}

func (c *testCatalog) ResolveTable(ctx context.Context, name ast.Name) (plan.Relation, error) {
	n := strings.ToLower(name.Last())
	if v, ok := c.views[n]; ok {
		return v, nil
	}
	t, err := c.cat.GetTable(ctx, catalog.Identifier{Database: c.db, Table: n})
	if err != nil {
		return nil, fmt.Errorf("table %s not found", name)
	}
	return &paimonTable{t: t, rows: c.rows[n], name: c.db + "." + n}, nil
}

type paimonTable struct {
	t    *table.Table
	rows int64
	name string
}

func (p *paimonTable) FullName() string { return p.name }
func (p *paimonTable) Columns() []plan.Column {
	var out []plan.Column
	for _, f := range p.t.Schema().Fields {
		out = append(out, plan.Column{Name: f.Name, Type: f.Type})
	}
	return out
}
func (p *paimonTable) PrimaryKey() []string       { return p.t.Schema().PrimaryKeys }
func (p *paimonTable) PartitionKeys() []string    { return p.t.Schema().PartitionKeys }
func (p *paimonTable) Options() map[string]string { return p.t.Schema().Options }
func (p *paimonTable) EstimatedRows(context.Context) (int64, bool) {
	return p.rows, p.rows > 0
}
func (p *paimonTable) Scan(ctx context.Context, req plan.ScanRequest) (batch.Operator, error) {
	return paimonconn.NewScan(paimonconn.ScanSpec{Table: p.t, Projection: req.Projection, Parallelism: req.Parallelism, Part: req.Split, Parts: req.Splits,
		Options: table.ScanOptions{Filter: req.Filter, SnapshotID: req.SnapshotID, TimestampMillis: req.TimestampMillis, Tag: req.Tag}})
}
func (p *paimonTable) Sink(ctx context.Context, req plan.SinkRequest) (connector.Sink, error) {
	return paimonconn.NewSink(ctx, paimonconn.SinkSpec{Table: p.t, Overwrite: req.Overwrite, Static: req.Static})
}
func (p *paimonTable) Paimon() *table.Table { return p.t }
