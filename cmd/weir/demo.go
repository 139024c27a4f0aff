package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/spf13/cobra"

	"github.com/weir-data/weir/display"
	"github.com/weir-data/weir/paimon/catalog"
	"github.com/weir-data/weir/paimon/table"
	"github.com/weir-data/weir/sql/session"
	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

func newDemoCmd() *cobra.Command {
	var warehouse string
	cmd := &cobra.Command{
		Use:   "demo [--warehouse DIR]",
		Short: "Run Weir's main job on embedded defaults: a local warehouse with a primary-key table, written, updated and read",
		Long: `demo creates (or reuses) a local warehouse, a database "demo" and a
primary-key table "orders" (partitioned by day, 2 buckets), then commits
inserts, an update (-U/+U) and a delete, reads the merged rows back, checks
the table against Paimon's format rules and describes it. Run it again to
add one more commit. The warehouse is a plain Apache Paimon warehouse: Flink,
Spark or Trino can read it.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runDemo(cmd.Context(), cmd.OutOrStdout(), warehouse)
		},
	}
	cmd.Flags().StringVar(&warehouse, "warehouse", "./warehouse", "warehouse location")
	return cmd
}

func runDemo(ctx context.Context, out io.Writer, warehouse string) error {
	cat, err := catalog.Open(ctx, warehouse)
	if err != nil {
		return err
	}
	if err := cat.CreateDatabase(ctx, "demo", true); err != nil {
		return err
	}
	id := catalog.Identifier{Database: "demo", Table: "orders"}
	t, err := cat.CreateTable(ctx, id, catalog.TableSpec{
		Columns: []catalog.Column{
			{Name: "day", Type: types.NewDate().NotNull(), Description: "order date"},
			{Name: "order_id", Type: types.NewBigInt().NotNull()},
			{Name: "customer", Type: types.NewString()},
			{Name: "amount", Type: types.NewDecimal(12, 2)},
			{Name: "updated_at", Type: types.NewTimestamp(3)},
		},
		PartitionKeys: []string{"day"},
		PrimaryKeys:   []string{"day", "order_id"},
		Options:       map[string]string{"bucket": "2"},
		Comment:       "Weir demo orders",
	}, true)
	if err != nil {
		return err
	}
	latest, err := t.Snapshots().Latest(ctx)
	if err != nil {
		return err
	}
	round := int64(0)
	if latest != nil {
		round = latest.ID
	}
	day := int32(time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC).Unix() / 86400)
	now := types.Timestamp{Millis: time.Now().UnixMilli()}
	batch := func(rows ...[]any) (*vec.Batch, error) {
		b, err := vec.NewBatch([]types.DataType{types.NewDate().NotNull(), types.NewBigInt().NotNull(), types.NewString(), types.NewDecimal(12, 2), types.NewTimestamp(3)}, len(rows))
		if err != nil {
			return nil, err
		}
		for _, r := range rows {
			if err := b.AppendRow(r[0].(types.RowKind), r[1:]...); err != nil {
				return nil, err
			}
		}
		return b, nil
	}
	base := round * 10
	steps := []struct {
		what string
		rows [][]any
	}{
		{"insert 4 orders", [][]any{
			{types.Insert, day, base + 1, "alice", int64(1000), now},
			{types.Insert, day, base + 2, "bob", int64(2550), now},
			{types.Insert, day + 1, base + 3, "carol", int64(999), now},
			{types.Insert, day + 1, base + 4, nil, nil, now},
		}},
		{"update order 1 from 10.00 to 30.00 (-U/+U)", [][]any{
			{types.UpdateBefore, day, base + 1, "alice", int64(1000), now},
			{types.UpdateAfter, day, base + 1, "alice", int64(3000), now},
		}},
		{"delete order 2 (-D)", [][]any{
			{types.Delete, day, base + 2, "bob", int64(2550), now},
		}},
	}
	user := fmt.Sprintf("weir-demo-%d", time.Now().UnixNano())
	for i, s := range steps {
		b, err := batch(s.rows...)
		if err != nil {
			return err
		}
		w, err := t.NewWriter(ctx, table.WriterOptions{CommitUser: user})
		if err != nil {
			return err
		}
		defer w.Close(ctx)
		if err := w.Write(ctx, b); err != nil {
			return err
		}
		msgs, err := w.Prepare(ctx)
		if err != nil {
			return err
		}
		res, err := t.Commit(ctx, user, table.Committable{Identifier: int64(i + 1), Messages: msgs})
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "commit %d: %s -> snapshot %v\n", i+1, s.what, res.SnapshotIDs)
	}
	fmt.Fprintf(out, "\nSELECT * FROM demo.orders (merge-on-read):\n")
	if err := scanTable(ctx, out, t, table.ScanOptions{}, display.Table, time.UTC, 0); err != nil {
		return err
	}
	if err := table.CheckTable(ctx, t); err != nil {
		return fmt.Errorf("format check of %s failed: %w", id, err)
	}
	fmt.Fprintf(out, "\nformat check: ok (readable by Java Paimon)\n\n")
	if err := describeTable(ctx, out, t); err != nil {
		return err
	}
	// The same table through the SQL engine (batch mode), as `weir sql` runs it.
	s, err := session.New(ctx, session.Options{Warehouse: warehouse, Config: map[string]string{"table.local-time-zone": "UTC"}})
	if err != nil {
		return err
	}
	const query = "SELECT customer, COUNT(*) AS orders, SUM(amount) AS total FROM demo.orders GROUP BY customer ORDER BY customer"
	fmt.Fprintf(out, "\nweir sql> %s;\n", query)
	r, err := s.Execute(ctx, query)
	if err != nil {
		return err
	}
	if err := printResult(ctx, s, r, out, display.Table); err != nil {
		return err
	}
	fmt.Fprintf(out, "\nwarehouse: %s — try: weir table scan --warehouse %s demo.orders --format csv\n", warehouse, warehouse)
	fmt.Fprintf(out, "           or: weir sql --warehouse %s -e 'SELECT * FROM demo.orders WHERE amount > 10;'\n", warehouse)
	return nil
}
