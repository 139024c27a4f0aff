package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/weir-data/weir/display"
	"github.com/weir-data/weir/paimon/catalog"
	"github.com/weir-data/weir/paimon/table"
	"github.com/weir-data/weir/vec"
)

func newTableCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "table",
		Short: "Inspect and read Paimon tables in a warehouse",
	}
	cmd.AddCommand(newTableDescribeCmd(), newTableScanCmd(), newTableListCmd(), newTableCheckCmd(), newTableCompactCmd(), newTableExpireCmd(), newTableRemoveOrphansCmd(), newTableTagCmd())
	return cmd
}

// openTable opens DB.TABLE in the warehouse.
func openTable(ctx context.Context, warehouse, name string) (*table.Table, error) {
	if warehouse == "" {
		return nil, usageError{errors.New("--warehouse is required (a directory, file://, s3://... or mem://)")}
	}
	id, err := catalog.ParseIdentifier(name)
	if err != nil {
		return nil, usageError{err}
	}
	cat, err := catalog.Open(ctx, warehouse)
	if err != nil {
		return nil, err
	}
	return cat.GetTable(ctx, id)
}

func newTableListCmd() *cobra.Command {
	var warehouse string
	cmd := &cobra.Command{
		Use:   "list --warehouse DIR [DB]",
		Short: "List databases, or the tables of a database",
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			if warehouse == "" {
				return usageError{errors.New("--warehouse is required")}
			}
			cat, err := catalog.Open(ctx, warehouse)
			if err != nil {
				return err
			}
			var names []string
			if len(args) == 0 {
				names, err = cat.ListDatabases(ctx)
			} else {
				names, err = cat.ListTables(ctx, args[0])
			}
			if err != nil {
				return err
			}
			for _, n := range names {
				fmt.Fprintln(cmd.OutOrStdout(), n)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&warehouse, "warehouse", "", warehouseHelp)
	return cmd
}

func newTableDescribeCmd() *cobra.Command {
	return newTableCommand("describe --warehouse DIR DB.TABLE",
		"Show a table's schema, options, snapshots and files per bucket and level",
		func(cmd *cobra.Command, t *table.Table) error {
			return describeTable(cmd.Context(), cmd.OutOrStdout(), t)
		})
}

func describeTable(ctx context.Context, out io.Writer, t *table.Table) error {
	s := t.Schema()
	w := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
	fmt.Fprintf(w, "Table:\t%s\n", t.Name())
	fmt.Fprintf(w, "Location:\t%s/%s\n", strings.TrimSuffix(t.FileIO().Location(), "/"), t.Path())
	fmt.Fprintf(w, "Schema id:\t%d\n", s.ID)
	if s.Comment != "" {
		fmt.Fprintf(w, "Comment:\t%s\n", s.Comment)
	}
	fmt.Fprintf(w, "Primary key:\t%s\n", strings.Join(s.PrimaryKeys, ", "))
	fmt.Fprintf(w, "Partition keys:\t%s\n", strings.Join(s.PartitionKeys, ", "))
	w.Flush()
	fmt.Fprintln(out, "\nColumns:")
	w = tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "  id\tname\ttype\tcomment")
	for _, f := range s.Fields {
		fmt.Fprintf(w, "  %d\t%s\t%s\t%s\n", f.ID, f.Name, f.Type, f.Description)
	}
	w.Flush()
	fmt.Fprintln(out, "\nOptions:")
	keys := make([]string, 0, len(s.Options))
	for k := range s.Options {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	w = tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
	for _, k := range keys {
		fmt.Fprintf(w, "  %s\t= %s\n", k, s.Options[k])
	}
	w.Flush()

	ids, err := t.Snapshots().IDs(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "\nSnapshots (%d):\n", len(ids))
	w = tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "  id\tkind\tcommitted at (UTC)\tschema\tcommit user\tidentifier\ttotal rows\tdelta rows")
	for _, id := range ids {
		sn, err := t.Snapshots().Read(ctx, id)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "  %d\t%s\t%s\t%d\t%s\t%d\t%d\t%d\n", sn.ID, sn.CommitKind,
			time.UnixMilli(sn.TimeMillis).UTC().Format("2006-01-02 15:04:05.000"), sn.SchemaID, sn.CommitUser,
			sn.CommitIdentifier, sn.TotalRecordCount, sn.DeltaRecordCount)
	}
	w.Flush()

	// Files of the latest snapshot, level 0 included.
	plan, err := t.PlanFiles(ctx, table.ScanOptions{})
	if err != nil {
		return err
	}
	if plan.Snapshot == nil {
		fmt.Fprintln(out, "\nFiles: none (no snapshot yet)")
		return nil
	}
	fmt.Fprintf(out, "\nFiles of snapshot %d:\n", plan.Snapshot.ID)
	w = tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "  partition\tbucket\tlevel\tfiles\trows\tbytes")
	for _, sp := range plan.Splits {
		part := t.PartitionString(sp.PartitionValues)
		type agg struct{ files, rows, bytes int64 }
		levels := map[int32]*agg{}
		var order []int32
		for _, f := range sp.Files {
			a := levels[f.Level]
			if a == nil {
				a = &agg{}
				levels[f.Level] = a
				order = append(order, f.Level)
			}
			a.files++
			a.rows += f.RowCount
			a.bytes += f.FileSize
		}
		sort.Slice(order, func(i, j int) bool { return order[i] < order[j] })
		for _, l := range order {
			a := levels[l]
			fmt.Fprintf(w, "  %s\t%d\t%d\t%d\t%d\t%d\n", part, sp.Bucket, l, a.files, a.rows, a.bytes)
		}
	}
	return w.Flush()
}

func newTableScanCmd() *cobra.Command {
	var (
		warehouse, format, zone string
		snapshotID              int64
		asOf, tag               string
		limit                   int64
	)
	cmd := &cobra.Command{
		Use:   "scan --warehouse DIR DB.TABLE [--snapshot ID] [--format csv|json|table]",
		Short: "Print a table's rows (merged for primary-key tables) at the latest or a given snapshot",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			f, err := display.ParseFormat(format)
			if err != nil {
				return usageError{err}
			}
			loc, err := time.LoadLocation(zone)
			if err != nil {
				return usageError{fmt.Errorf("--time-zone %q: %w", zone, err)}
			}
			var opts table.ScanOptions
			opts.SnapshotID = snapshotID
			opts.Tag = tag
			if asOf != "" {
				ts, err := time.Parse(time.RFC3339Nano, asOf)
				if err != nil {
					return usageError{fmt.Errorf("--as-of %q: want RFC 3339, e.g. 2026-01-02T15:04:05Z: %w", asOf, err)}
				}
				opts.TimestampMillis = ts.UnixMilli()
			}
			t, err := openTable(ctx, warehouse, args[0])
			if err != nil {
				return err
			}
			return scanTable(ctx, cmd.OutOrStdout(), t, opts, f, loc, limit)
		},
	}
	cmd.Flags().StringVar(&warehouse, "warehouse", "", warehouseHelp)
	cmd.Flags().Int64Var(&snapshotID, "snapshot", 0, "read this snapshot id (default: the latest)")
	cmd.Flags().StringVar(&tag, "tag", "", "read the snapshot this tag names")
	cmd.Flags().StringVar(&asOf, "as-of", "", "read the latest snapshot committed at or before this time (RFC 3339)")
	cmd.Flags().StringVar(&format, "format", "table", "output format: csv, json (one object per line) or table")
	cmd.Flags().StringVar(&zone, "time-zone", "UTC", "time zone for TIMESTAMP WITH LOCAL TIME ZONE values (table.local-time-zone)")
	cmd.Flags().Int64Var(&limit, "limit", 0, "stop after this many rows (0: all)")
	return cmd
}

func scanTable(ctx context.Context, out io.Writer, t *table.Table, opts table.ScanOptions, f display.Format, loc *time.Location, limit int64) error {
	cols := make([]display.Column, len(t.Schema().Fields))
	for i, fld := range t.Schema().Fields {
		cols[i] = display.Column{Name: fld.Name, Type: fld.Type}
	}
	bw := newBufferedOut(out)
	w, err := display.NewWriter(bw, f, cols, loc)
	if err != nil {
		return err
	}
	var n int64
	err = t.Scan(ctx, opts, table.ReadOptions{}, func(b *vec.Batch) error {
		if limit > 0 && n+int64(b.Len) > limit {
			b = b.Slice(0, int(limit-n))
		}
		if err := w.Write(b); err != nil {
			return err
		}
		n += int64(b.Len)
		if limit > 0 && n >= limit {
			return table.ErrStopScan
		}
		return nil
	})
	if err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	return bw.Flush()
}

func newTableCheckCmd() *cobra.Command {
	var strict bool
	cmd := newTableCommand("check --warehouse DIR DB.TABLE [--strict]",
		"Validate a table against Paimon's format rules (what Java Paimon needs to read it)",
		func(cmd *cobra.Command, t *table.Table) error {
			if err := table.CheckTableWith(cmd.Context(), t, table.CheckOptions{AllowOlderJavaLayouts: !strict}); err != nil {
				return fmt.Errorf("table %s fails the format check:\n%w", t.Name(), err)
			}
			fmt.Fprintf(cmd.OutOrStdout(), "table %s: ok\n", t.Name())
			return nil
		})
	cmd.Flags().BoolVar(&strict, "strict", false, "require manifests in the current Java layout exactly (as Weir writes them), not older layouts Java still reads")
	return cmd
}

func newTableCompactCmd() *cobra.Command {
	var full bool
	cmd := newTableCommand("compact --warehouse DIR DB.TABLE [--full]",
		"Compact a primary-key table once (universal compaction, or --full into one sorted run) and commit a COMPACT snapshot",
		func(cmd *cobra.Command, t *table.Table) error {
			res, err := t.Compact(cmd.Context(), table.CompactOptions{Full: full})
			if err != nil {
				return err
			}
			if len(res.Commit.SnapshotIDs) == 0 {
				fmt.Fprintf(cmd.OutOrStdout(), "table %s: nothing to compact\n", t.Name())
				return nil
			}
			fmt.Fprintf(cmd.OutOrStdout(), "table %s: compacted %d bucket(s): %d file(s) rewritten into %d, %d upgraded; snapshot %v\n",
				t.Name(), res.Buckets, res.Rewritten, res.Written, res.Upgraded, res.Commit.SnapshotIDs)
			return nil
		})
	cmd.Flags().BoolVar(&full, "full", false, "compact every bucket into one sorted run on the highest level")
	return cmd
}

func newTableExpireCmd() *cobra.Command {
	var (
		retainMin int
		older     time.Duration
	)
	cmd := newTableCommand("expire --warehouse DIR DB.TABLE [--retain-min N] [--older-than DURATION]",
		"Expire snapshots by the table's retention options (or the flags) and delete the files only they reached",
		func(cmd *cobra.Command, t *table.Table) error {
			res, err := t.ExpireSnapshots(cmd.Context(), table.ExpireOptions{RetainMin: retainMin, TimeRetained: older})
			if err != nil {
				return err
			}
			if res.To == 0 {
				fmt.Fprintf(cmd.OutOrStdout(), "table %s: no snapshot to expire\n", t.Name())
				return nil
			}
			fmt.Fprintf(cmd.OutOrStdout(), "table %s: expired snapshots %d..%d; deleted %d data file(s), %d manifest file(s), %d index file(s)\n",
				t.Name(), res.From, res.To-1, res.DataFiles, res.Manifests, res.Indexes)
			return nil
		})
	cmd.Flags().IntVar(&retainMin, "retain-min", 0, "snapshots to keep at least (default: snapshot.num-retained.min)")
	cmd.Flags().DurationVar(&older, "older-than", 0, "expire only snapshots whose successor is older than this (default: snapshot.time-retained)")
	return cmd
}

func newTableRemoveOrphansCmd() *cobra.Command {
	var (
		older  time.Duration
		dryRun bool
	)
	cmd := newTableCommand("remove-orphans --warehouse DIR DB.TABLE [--older-than 24h] [--dry-run]",
		"Delete data, manifest and index files no snapshot references (left by failed commits), older than the age guard",
		func(cmd *cobra.Command, t *table.Table) error {
			orphans, err := t.RemoveOrphanFiles(cmd.Context(), table.OrphanOptions{OlderThan: older, DryRun: dryRun})
			for _, p := range orphans {
				fmt.Fprintln(cmd.OutOrStdout(), p)
			}
			if err != nil {
				return err
			}
			verb := "deleted"
			if dryRun {
				verb = "found (dry run)"
			}
			fmt.Fprintf(cmd.OutOrStdout(), "table %s: %d orphan file(s) %s\n", t.Name(), len(orphans), verb)
			return nil
		})
	cmd.Flags().DurationVar(&older, "older-than", table.DefaultOrphanAge, "only files older than this (younger ones may belong to a commit in progress)")
	cmd.Flags().BoolVar(&dryRun, "dry-run", false, "list the orphans without deleting them")
	return cmd
}

func newTableTagCmd() *cobra.Command {
	cmd := &cobra.Command{Use: "tag", Short: "Create, list and delete tags (named snapshots kept beyond expiry)"}
	var (
		warehouse  string
		snapshotID int64
		retain     time.Duration
	)
	withTable := func(cmd *cobra.Command, name string, run func(t *table.Table) error) error {
		t, err := openTable(cmd.Context(), warehouse, name)
		if err != nil {
			return err
		}
		return run(t)
	}
	create := &cobra.Command{Use: "create --warehouse DIR DB.TABLE NAME [--snapshot ID] [--retain DURATION]", Short: "Tag a snapshot (the latest by default)", Args: cobra.ExactArgs(2)}
	create.RunE = func(cmd *cobra.Command, a []string) error {
		return withTable(cmd, a[0], func(t *table.Table) error {
			if err := t.CreateTag(cmd.Context(), a[1], snapshotID, retain); err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "table %s: tag %s created\n", t.Name(), a[1])
			return nil
		})
	}
	create.Flags().Int64Var(&snapshotID, "snapshot", 0, "snapshot to tag (default: the latest)")
	create.Flags().DurationVar(&retain, "retain", 0, "time to keep the tag (recorded as tagTimeRetained)")
	del := &cobra.Command{Use: "delete --warehouse DIR DB.TABLE NAME", Short: "Delete a tag (then remove-orphans frees its files)", Args: cobra.ExactArgs(2)}
	del.RunE = func(cmd *cobra.Command, a []string) error {
		return withTable(cmd, a[0], func(t *table.Table) error { return t.DeleteTag(cmd.Context(), a[1]) })
	}
	list := &cobra.Command{Use: "list --warehouse DIR DB.TABLE", Short: "List tags", Args: cobra.ExactArgs(1)}
	list.RunE = func(cmd *cobra.Command, a []string) error {
		return withTable(cmd, a[0], func(t *table.Table) error {
			tags, err := t.Tags(cmd.Context())
			if err != nil {
				return err
			}
			for _, tg := range tags {
				fmt.Fprintf(cmd.OutOrStdout(), "%s\tsnapshot %d\n", tg.Name, tg.SnapshotID)
			}
			return nil
		})
	}
	for _, c := range []*cobra.Command{create, del, list} {
		c.Flags().StringVar(&warehouse, "warehouse", "", warehouseHelp)
		cmd.AddCommand(c)
	}
	return cmd
}

const warehouseHelp = "warehouse location (directory, file://, s3://bucket/prefix?endpoint=..., mem://)"

// newTableCommand builds a `weir table` subcommand that opens DB.TABLE in
// --warehouse and runs run on it.
func newTableCommand(use, short string, run func(cmd *cobra.Command, t *table.Table) error) *cobra.Command {
	var warehouse string
	cmd := &cobra.Command{
		Use:   use,
		Short: short,
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			t, err := openTable(cmd.Context(), warehouse, args[0])
			if err != nil {
				return err
			}
			return run(cmd, t)
		},
	}
	cmd.Flags().StringVar(&warehouse, "warehouse", "", warehouseHelp)
	return cmd
}
