// Package cdc declares Flink CDC's change-data-capture connectors
// (mysql-cdc, postgres-cdc, sqlserver-cdc) to the connector registry: their
// options, with Flink CDC's names, defaults and checks, so that tables using
// them can be created, described and planned. Reading the change streams is
// the job of Weir's CDC sources; until a connector's source exists, NewSource
// reports that clearly.
package cdc

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/weir-data/weir/connector"
	"github.com/weir-data/weir/engine/batch"
)

func init() {
	for _, f := range factories {
		connector.Register(f)
	}
}

// Factory is one CDC connector.
type Factory struct {
	name  string
	specs []connector.OptionSpec
	// prefixes are pass-through option families ("debezium.").
	prefixes []string
	port     string
}

var common = []connector.OptionSpec{
	{Key: "hostname", Required: true, Description: "IP address or host name of the database server"},
	{Key: "username", Required: true, Description: "user to connect with"},
	{Key: "password", Required: true, Description: "password of the user"},
	{Key: "database-name", Required: true, Description: "database to capture (a regular expression for mysql-cdc)"},
	{Key: "table-name", Required: true, Description: "table to capture (a regular expression for mysql-cdc)"},
	{Key: "scan.startup.mode", Default: "initial", Description: "initial | latest-offset | ... : where reading starts"},
	{Key: "scan.incremental.snapshot.enabled", Default: "true", Description: "lock-free incremental snapshot"},
	{Key: "scan.incremental.snapshot.chunk.size", Default: "8096", Description: "rows per snapshot chunk"},
	{Key: "scan.incremental.snapshot.chunk.key-column", Description: "column that splits the snapshot into chunks"},
	{Key: "scan.incremental.close-idle-reader.enabled", Default: "false", Description: "close idle readers after the snapshot"},
	{Key: "scan.snapshot.fetch.size", Default: "1024", Description: "rows fetched per round trip in the snapshot"},
	{Key: "scan.newly-added-table.enabled", Default: "false", Description: "capture tables added to the pattern later"},
	{Key: "chunk-meta-group.size", Default: "1000", Description: "chunk metadata group size"},
	{Key: "connect.timeout", Default: "30s", Description: "connection timeout"},
	{Key: "connect.max-retries", Default: "3", Description: "connection retries"},
	{Key: "connection.pool.size", Default: "20", Description: "connection pool size"},
	{Key: "heartbeat.interval", Default: "30s", Description: "heartbeat interval"},
	{Key: "split-key.even-distribution.factor.upper-bound", Default: "1000.0", Description: "even chunk distribution bound"},
	{Key: "split-key.even-distribution.factor.lower-bound", Default: "0.05", Description: "even chunk distribution bound"},
}

var factories = []*Factory{
	{name: "mysql-cdc", port: "3306", prefixes: []string{"debezium.", "jdbc.properties."}, specs: append([]connector.OptionSpec{
		{Key: "port", Default: "3306", Description: "port of the MySQL/MariaDB server"},
		{Key: "server-id", Description: "numeric id or range (5400-5408) of the replication client"},
		{Key: "server-time-zone", Description: "session time zone of the server (e.g. Asia/Shanghai)"},
		{Key: "scan.startup.specific-offset.file", Description: "binlog file for scan.startup.mode = specific-offset"},
		{Key: "scan.startup.specific-offset.pos", Description: "binlog position for specific-offset"},
		{Key: "scan.startup.specific-offset.gtid-set", Description: "GTID set for specific-offset"},
		{Key: "scan.startup.specific-offset.skip-events", Description: "events to skip after the offset"},
		{Key: "scan.startup.specific-offset.skip-rows", Description: "rows to skip after the offset"},
		{Key: "scan.startup.timestamp-millis", Description: "start time for scan.startup.mode = timestamp"},
		{Key: "scan.parse.online.schema.changes.enabled", Default: "false", Description: "parse gh-ost/pt-osc schema changes"},
	}, common...)},
	{name: "postgres-cdc", port: "5432", prefixes: []string{"debezium."}, specs: append([]connector.OptionSpec{
		{Key: "port", Default: "5432", Description: "port of the PostgreSQL server"},
		{Key: "schema-name", Required: true, Description: "schema of the table (a regular expression)"},
		{Key: "decoding.plugin.name", Default: "decoderbufs", Description: "logical decoding plug-in: decoderbufs, wal2json, wal2json_rds, wal2json_streaming, wal2json_rds_streaming or pgoutput"},
		{Key: "slot.name", Description: "replication slot name"},
		{Key: "changelog-mode", Default: "all", Description: "all | upsert"},
		{Key: "scan.lsn-commit.checkpoints-num-delay", Default: "3", Description: "checkpoints before an LSN is committed"},
	}, common...)},
	{name: "sqlserver-cdc", port: "1433", prefixes: []string{"debezium."}, specs: append([]connector.OptionSpec{
		{Key: "port", Default: "1433", Description: "port of the SQL Server"},
		{Key: "server-time-zone", Default: "UTC", Description: "session time zone of the server"},
		{Key: "schema-name", Description: "schema of the table (Flink CDC 2.x; 3.x writes it in table-name as schema.table)"},
	}, common...)},
}

// Name implements connector.Factory.
func (f *Factory) Name() string { return f.name }

// OptionKeys implements connector.Factory.
func (f *Factory) OptionKeys() []connector.OptionSpec { return f.specs }

// Validate checks the table's options as Flink CDC does.
func (f *Factory) Validate(t connector.TableInfo) error {
	rest := connector.TableInfo{Name: t.Name, Columns: t.Columns, PrimaryKey: t.PrimaryKey, PartitionKeys: t.PartitionKeys, Options: map[string]string{}}
	for k, v := range t.Options {
		pass := false
		for _, p := range f.prefixes {
			if strings.HasPrefix(k, p) && len(k) > len(p) {
				pass = true
			}
		}
		if !pass {
			rest.Options[k] = v
		}
	}
	return connector.CheckKeys(f.name, f.specs, rest)
}

// checkValues checks option values. Like Flink, which parses a connector's
// option values only when it creates the source, Weir checks them when the
// table is read, so a script with placeholder credentials still plans.
func (f *Factory) checkValues(t connector.TableInfo) error {
	if p, ok := t.Options["port"]; ok {
		if n, err := strconv.Atoi(p); err != nil || n <= 0 || n > 65535 {
			return fmt.Errorf("invalid value '%s' for option 'port' of connector %s (table %s): expected a port number 1-65535", p, f.name, t.Name)
		}
	}
	if m, ok := t.Options["scan.startup.mode"]; ok {
		valid := map[string][]string{
			"mysql-cdc":     {"initial", "earliest-offset", "latest-offset", "specific-offset", "timestamp", "snapshot"},
			"postgres-cdc":  {"initial", "latest-offset", "committed-offset", "snapshot"},
			"sqlserver-cdc": {"initial", "latest-offset", "snapshot"},
		}[f.name]
		ok := false
		for _, v := range valid {
			ok = ok || v == m
		}
		if !ok {
			return fmt.Errorf("invalid value '%s' for option 'scan.startup.mode' of connector %s (table %s): expected one of %s", m, f.name, t.Name, strings.Join(valid, ", "))
		}
	}
	if f.name == "postgres-cdc" && len(t.PrimaryKey) == 0 {
		if m := t.Options["changelog-mode"]; m == "upsert" {
			return fmt.Errorf("table %s: 'changelog-mode' = 'upsert' of connector postgres-cdc needs a PRIMARY KEY", t.Name)
		}
	}
	return nil
}

// NewSource implements connector.Factory; the change-stream readers are not
// part of Weir yet.
func (f *Factory) NewSource(_ context.Context, t connector.TableInfo, _ connector.SourceRequest) (batch.Operator, error) {
	if err := f.Validate(t); err != nil {
		return nil, err
	}
	if err := f.checkValues(t); err != nil {
		return nil, err
	}
	return nil, fmt.Errorf("table %s: reading connector %s needs Weir's CDC sources, which are not built yet; "+
		"the table can be created, described and planned, not read: %w", t.Name, f.name, connector.ErrNotSource)
}

// NewSink implements connector.Factory: CDC connectors are sources only.
func (f *Factory) NewSink(_ context.Context, t connector.TableInfo, _ connector.SinkRequest) (connector.Sink, error) {
	return nil, fmt.Errorf("table %s: connector %s is a source and cannot be written: %w", t.Name, f.name, connector.ErrNotSink)
}
