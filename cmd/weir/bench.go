package main

import (
	"fmt"
	"os"
	"runtime"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/weir-data/weir/bench/tablebench"
)

func newBenchCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "bench",
		Short: "Run Weir's benchmarks (figures as ratios to a baseline measured in the same run)",
	}
	cmd.AddCommand(newBenchTableCmd(), newBenchUpsertCmd(), newBenchLookupCmd(), newBenchStreamLatencyCmd())
	return cmd
}

func newBenchTableCmd() *cobra.Command {
	var rows, cores int
	cmd := &cobra.Command{
		Use:   "table [--rows N]",
		Short: "Primary-key write and merge-on-read scan (INT key + 20 STRING(10) columns) against plain Parquet",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if rows <= 0 {
				return usageError{fmt.Errorf("--rows must be positive")}
			}
			prev := runtime.GOMAXPROCS(cores)
			defer runtime.GOMAXPROCS(prev)
			dir, err := os.MkdirTemp("", "weir-bench-")
			if err != nil {
				return err
			}
			defer os.RemoveAll(dir)
			res, err := tablebench.Report(cmd.Context(), dir, rows)
			if err != nil {
				return err
			}
			out := cmd.OutOrStdout()
			fmt.Fprintf(out, "weir bench table: %d rows, INT key + %d STRING(10) columns, random keys, one bucket, GOMAXPROCS=%d, files in %s\n\n",
				rows, tablebench.StringColumns, cores, os.TempDir())
			w := tabwriter.NewWriter(out, 0, 4, 2, ' ', tabwriter.AlignRight)
			fmt.Fprintln(w, "figure\trows/s\tseconds\t")
			for _, r := range res {
				fmt.Fprintf(w, "%s\t%.0f\t%.3f\t\n", r.Name, r.RowsPerSecond(), r.Duration.Seconds())
			}
			w.Flush()
			ratio := func(a, b int) float64 { return res[a].RowsPerSecond() / res[b].RowsPerSecond() }
			fmt.Fprintf(out, "\nwrite: weir / baseline A = %.2f, weir / baseline B = %.2f (targets: ≥ 0.60 of plain, ≥ 300000 rows/s)\n", ratio(0, 1), ratio(0, 2))
			fmt.Fprintf(out, "read:  weir merge-on-read / baseline A = %.2f, / baseline B = %.2f (target: ≥ 0.50 of plain)\n", ratio(3, 4), ratio(3, 5))
			return nil
		},
	}
	cmd.Flags().IntVar(&rows, "rows", 500000, "rows to write")
	cmd.Flags().IntVar(&cores, "cores", 1, "GOMAXPROCS during the run (the target is per core)")
	return cmd
}

func newBenchUpsertCmd() *cobra.Command {
	var rows, keys, commitEvery, cores int
	cmd := &cobra.Command{
		Use:   "upsert [--rows N] [--keys K]",
		Short: "Sustained upsert into one bucket with background compaction: rows/s, longest write stall, sorted runs",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if rows <= 0 || keys <= 0 || commitEvery <= 0 {
				return usageError{fmt.Errorf("--rows, --keys and --commit-every must be positive")}
			}
			prev := runtime.GOMAXPROCS(cores)
			defer runtime.GOMAXPROCS(prev)
			dir, err := os.MkdirTemp("", "weir-bench-")
			if err != nil {
				return err
			}
			defer os.RemoveAll(dir)
			res, err := tablebench.Upsert(cmd.Context(), dir, rows, keys, commitEvery)
			if err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "weir bench upsert: INT key + %d STRING(10) columns, keys over %d, one bucket, commit every %d rows, GOMAXPROCS=%d\n%s\n",
				tablebench.StringColumns, keys, commitEvery, cores, tablebench.FormatUpsert(res))
			return nil
		},
	}
	cmd.Flags().IntVar(&rows, "rows", 10_000_000, "rows to upsert")
	cmd.Flags().IntVar(&keys, "keys", 1_000_000, "distinct keys")
	cmd.Flags().IntVar(&commitEvery, "commit-every", 200_000, "rows per commit (checkpoint)")
	cmd.Flags().IntVar(&cores, "cores", 2, "GOMAXPROCS (compaction runs beside the writer)")
	return cmd
}

func newBenchLookupCmd() *cobra.Command {
	var rows, keys, commitEvery, cores int
	cmd := &cobra.Command{
		Use:   "lookup [--rows N] [--keys K]",
		Short: "Cost of changelog-producer = lookup against none on the same upsert stream (target <= 1.3x)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if rows <= 0 || keys <= 0 || commitEvery <= 0 {
				return usageError{fmt.Errorf("--rows, --keys and --commit-every must be positive")}
			}
			prev := runtime.GOMAXPROCS(cores)
			defer runtime.GOMAXPROCS(prev)
			dir, err := os.MkdirTemp("", "weir-bench-")
			if err != nil {
				return err
			}
			defer os.RemoveAll(dir)
			res, err := tablebench.Lookup(cmd.Context(), dir, rows, keys, commitEvery)
			if err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "weir bench lookup: %d upserts over %d keys, INT key + %d STRING(10) columns, one bucket, commit every %d rows, GOMAXPROCS=%d\n%s\n",
				rows, keys, tablebench.LookupColumns-1, commitEvery, cores, tablebench.FormatLookup(res))
			return nil
		},
	}
	cmd.Flags().IntVar(&rows, "rows", 2_000_000, "rows to upsert")
	cmd.Flags().IntVar(&keys, "keys", 200_000, "distinct keys")
	cmd.Flags().IntVar(&commitEvery, "commit-every", 100_000, "rows per commit (checkpoint)")
	cmd.Flags().IntVar(&cores, "cores", 2, "GOMAXPROCS (compaction runs beside the writer)")
	return cmd
}

func newBenchStreamLatencyCmd() *cobra.Command {
	var commits, rows int
	var interval, poll time.Duration
	cmd := &cobra.Command{
		Use:   "stream-latency [--commits N] [--interval D] [--poll D]",
		Short: "Commit-to-visible latency of a streaming scan polling a table that commits small batches at a steady rate",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if commits <= 0 || rows <= 0 || interval <= 0 || poll <= 0 {
				return usageError{fmt.Errorf("--commits, --rows, --interval and --poll must be positive")}
			}
			dir, err := os.MkdirTemp("", "weir-bench-")
			if err != nil {
				return err
			}
			defer os.RemoveAll(dir)
			res, err := tablebench.StreamLatency(cmd.Context(), dir, commits, rows, interval, poll)
			if err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "weir bench stream-latency: INT key + %d STRING(10) columns, one bucket, local files in %s\n%s\n",
				tablebench.StringColumns, os.TempDir(), tablebench.FormatStreamLatency(res))
			return nil
		},
	}
	cmd.Flags().IntVar(&commits, "commits", 200, "commits to measure")
	cmd.Flags().IntVar(&rows, "rows", 100, "rows per commit")
	cmd.Flags().DurationVar(&interval, "interval", 50*time.Millisecond, "time between commits")
	cmd.Flags().DurationVar(&poll, "poll", 100*time.Millisecond, "the scan's poll interval when caught up")
	return cmd
}
