package session

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"strconv"

	"github.com/weir-data/weir/connector"
	cpaimon "github.com/weir-data/weir/connector/paimon"
	"github.com/weir-data/weir/engine/batch"
	"github.com/weir-data/weir/paimon/table"
	"github.com/weir-data/weir/sql/plan"
)

// paimonTable is a table of a Paimon catalog.
type paimonTable struct {
	name string // catalog.db.table
	t    *table.Table
}

func (p *paimonTable) FullName() string { return p.name }

func (p *paimonTable) Columns() []plan.Column {
	var cols []plan.Column
	for _, f := range p.t.Schema().Fields {
		cols = append(cols, plan.Column{Name: f.Name, Type: f.Type, Comment: f.Description})
	}
	return cols
}

func (p *paimonTable) PrimaryKey() []string       { return p.t.Schema().PrimaryKeys }
func (p *paimonTable) PartitionKeys() []string    { return p.t.Schema().PartitionKeys }
func (p *paimonTable) Options() map[string]string { return maps.Clone(p.t.Schema().Options) }
func (p *paimonTable) Paimon() *table.Table       { return p.t }

func (p *paimonTable) EstimatedRows(ctx context.Context) (int64, bool) {
	s, err := p.t.Snapshots().Latest(ctx)
	if err != nil || s == nil {
		return 0, s == nil && err == nil
	}
	return s.TotalRecordCount, true
}

// withHints applies /*+ OPTIONS(...) */ to the table.
func (p *paimonTable) withHints(hints map[string]string) (*table.Table, error) {
	if len(hints) == 0 {
		return p.t, nil
	}
	t, err := p.t.WithOptions(hints)
	if err != nil {
		return nil, fmt.Errorf("OPTIONS hint on %s: %w", p.name, err)
	}
	return t, nil
}

func (p *paimonTable) Scan(ctx context.Context, req plan.ScanRequest) (batch.Operator, error) {
	t, err := p.withHints(req.Hints)
	if err != nil {
		return nil, err
	}
	opts := table.ScanOptions{Filter: req.Filter, SnapshotID: req.SnapshotID, TimestampMillis: req.TimestampMillis, Tag: req.Tag}
	// Paimon's batch time-travel options, as table hints.
	for key, dst := range map[string]*int64{"scan.snapshot-id": &opts.SnapshotID, "scan.timestamp-millis": &opts.TimestampMillis} {
		if v, ok := req.Hints[key]; ok && *dst == 0 {
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil {
				return nil, fmt.Errorf("OPTIONS hint on %s: %s = %q is not a number", p.name, key, v)
			}
			*dst = n
		}
	}
	if v, ok := req.Hints["scan.tag-name"]; ok && opts.Tag == "" {
		opts.Tag = v
	}
	return cpaimon.NewScan(cpaimon.ScanSpec{Table: t, Options: opts, Projection: req.Projection, Parallelism: req.Parallelism, Part: req.Split, Parts: req.Splits})
}

func (p *paimonTable) Sink(ctx context.Context, req plan.SinkRequest) (connector.Sink, error) {
	t, err := p.withHints(req.Hints)
	if err != nil {
		return nil, err
	}
	return cpaimon.NewSink(ctx, cpaimon.SinkSpec{Table: t, Overwrite: req.Overwrite, Static: req.Static})
}

// connectorTable is a table defined by CREATE TABLE ... WITH ('connector' =
// ...): its rows come from and go to the connector.
type connectorTable struct {
	name    string
	cols    []plan.Column
	pk      []string
	parts   []string
	options map[string]string
	comment string
	factory connector.Factory
}

func (c *connectorTable) FullName() string           { return c.name }
func (c *connectorTable) Columns() []plan.Column     { return c.cols }
func (c *connectorTable) PrimaryKey() []string       { return c.pk }
func (c *connectorTable) PartitionKeys() []string    { return c.parts }
func (c *connectorTable) Options() map[string]string { return maps.Clone(c.options) }
func (c *connectorTable) Paimon() *table.Table       { return nil }

func (c *connectorTable) EstimatedRows(context.Context) (int64, bool) {
	if v, ok := c.options["number-of-rows"]; ok {
		if n, err := strconv.ParseInt(v, 10, 64); err == nil {
			return n, true
		}
	}
	return 0, false
}

// info is the table as its connector sees it: physical columns only.
func (c *connectorTable) info(hints map[string]string) connector.TableInfo {
	ti := connector.TableInfo{Name: c.name, PrimaryKey: c.pk, PartitionKeys: c.parts, Options: maps.Clone(c.options)}
	maps.Copy(ti.Options, hints)
	for _, col := range c.cols {
		if col.Computed == nil && col.Metadata == "" {
			ti.Columns = append(ti.Columns, connector.Column{Name: col.Name, Type: col.Type})
		}
	}
	return ti
}

func (c *connectorTable) Scan(ctx context.Context, req plan.ScanRequest) (batch.Operator, error) {
	ti := c.info(req.Hints)
	if len(req.Hints) > 0 {
		if err := c.factory.Validate(ti); err != nil {
			return nil, err
		}
	}
	return c.factory.NewSource(ctx, ti, connector.SourceRequest{Projection: req.Projection, Bounded: true, Split: req.Split, Splits: req.Splits})
}

func (c *connectorTable) Sink(ctx context.Context, req plan.SinkRequest) (connector.Sink, error) {
	ti := c.info(req.Hints)
	static := map[string]string{}
	for k, v := range req.Static {
		static[k] = fmt.Sprint(v)
	}
	return c.factory.NewSink(ctx, ti, connector.SinkRequest{Overwrite: req.Overwrite, StaticPartition: static})
}

// lookupConnector finds a connector in the default registry.
func lookupConnector(name string) (connector.Factory, error) {
	if name == "paimon" {
		return nil, errors.New("'connector' = 'paimon' tables belong in a Paimon catalog: CREATE CATALOG c WITH ('type' = 'paimon', 'warehouse' = '...') and create the table there")
	}
	return connector.Lookup(name)
}
