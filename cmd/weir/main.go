// Command weir is Weir's single binary: a streaming data warehouse whose tables
// are Apache Paimon tables. Each subcommand follows flags → options → open → run
// → close.
package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/cobra"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := newRootCmd().ExecuteContext(ctx)
	stop()
	if err != nil {
		var ue usageError
		if errors.As(err, &ue) {
			fmt.Fprintln(os.Stderr, "weir:", err)
			os.Exit(2)
		}
		var se sqlError
		if errors.As(err, &se) {
			fmt.Fprintln(os.Stderr, se.Error())
			os.Exit(1)
		}
		fmt.Fprintln(os.Stderr, "weir:", err)
		os.Exit(1)
	}
}

// usageError marks errors in how the command was called (exit status 2).
type usageError struct{ error }

func newRootCmd() *cobra.Command {
	var verbose bool
	root := &cobra.Command{
		Use:           "weir",
		Short:         "Weir: a streaming data warehouse in one binary, on Apache Paimon tables",
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRun: func(cmd *cobra.Command, args []string) {
			level := slog.LevelWarn
			if verbose {
				level = slog.LevelDebug
			}
			slog.SetDefault(slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level})))
		},
	}
	root.PersistentFlags().BoolVarP(&verbose, "verbose", "v", false, "log debug messages to stderr")
	root.AddCommand(newTableCmd(), newSQLCmd(), newDemoCmd(), newBenchCmd(), newVersionCmd())
	return root
}

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

func newVersionCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print Weir's version",
		Args:  cobra.NoArgs,
		Run: func(cmd *cobra.Command, args []string) {
			fmt.Fprintln(cmd.OutOrStdout(), "weir", version)
		},
	}
}
