package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	_ "github.com/weir-data/weir/connector/all"
	"github.com/weir-data/weir/display"
	"github.com/weir-data/weir/sql/parser"
	"github.com/weir-data/weir/sql/session"
	"github.com/weir-data/weir/vec"
)

func newSQLCmd() *cobra.Command {
	var warehouse, file, exec, format string
	cmd := &cobra.Command{
		Use:   "sql [--warehouse DIR] [-f script.sql | -e 'statement;']",
		Short: "Run Flink SQL statements: interactively, from a script (-f) or one statement (-e)",
		Long: `weir sql runs Flink SQL the way Flink's SQL client does. Statements end with ';'.
With --warehouse, a Paimon catalog named 'weir' over that directory (or s3:// URI)
is the current catalog; without it the session starts in the in-memory
default_catalog, and CREATE CATALOG ... WITH ('type' = 'paimon', 'warehouse' = ...)
adds warehouses. Statements run in batch mode (SET 'execution.runtime-mode' to change it).
Interactive input is kept in ~/.weir_history.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			f, err := display.ParseFormat(format)
			if err != nil {
				return usageError{err}
			}
			if file != "" && exec != "" {
				return usageError{errors.New("use either -f or -e, not both")}
			}
			ctx := cmd.Context()
			s, err := session.New(ctx, session.Options{Warehouse: warehouse})
			if err != nil {
				return err
			}
			out := cmd.OutOrStdout()
			switch {
			case exec != "":
				return runScript(ctx, s, exec, out, f)
			case file != "":
				text, err := os.ReadFile(file)
				if err != nil {
					return fmt.Errorf("read script: %w", err)
				}
				return runScript(ctx, s, string(text), out, f)
			}
			return interactive(ctx, s, cmd.InOrStdin(), out, cmd.ErrOrStderr(), f)
		},
	}
	cmd.Flags().StringVar(&warehouse, "warehouse", "", "Paimon warehouse (directory or s3:// URI) to use as the current catalog 'weir'")
	cmd.Flags().StringVarP(&file, "file", "f", "", "run the statements of a script file and exit")
	cmd.Flags().StringVarP(&exec, "execute", "e", "", "run the given statement(s) and exit")
	cmd.Flags().StringVar(&format, "format", "table", "result format: table, csv or json")
	return cmd
}

// sqlError is a statement's error, printed without a Go stack trace.
type sqlError struct{ err error }

func (e sqlError) Error() string { return "[ERROR] " + e.err.Error() }

func runScript(ctx context.Context, s *session.Session, script string, out io.Writer, f display.Format) error {
	err := s.ExecuteScript(ctx, script, func(_ string, r *session.Result) error {
		return printResult(ctx, s, r, out, f)
	})
	if err != nil {
		return sqlError{err}
	}
	return nil
}

// printResult writes a statement's rows or message.
func printResult(ctx context.Context, s *session.Session, r *session.Result, out io.Writer, f display.Format) error {
	if !r.HasRows() {
		if r.Message != "" {
			fmt.Fprintf(out, "[INFO] %s\n", r.Message)
		}
		return nil
	}
	loc, err := s.Location()
	if err != nil {
		r.Close()
		return err
	}
	cols := make([]display.Column, len(r.Columns))
	for i, c := range r.Columns {
		cols[i] = display.Column{Name: c.Name, Type: c.Type}
	}
	w, err := display.NewWriter(out, f, cols, loc)
	if err != nil {
		r.Close()
		return err
	}
	err = r.Rows(ctx, func(b *vec.Batch) error { return w.Write(b) })
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	return nil
}

// interactive reads statements line by line until EOF or QUIT/EXIT.
func interactive(ctx context.Context, s *session.Session, in io.Reader, out, errOut io.Writer, f display.Format) error {
	// Ctrl-C cancels the statement that runs (below), never the client:
	// leave with QUIT; or end of input.
	ctx = context.WithoutCancel(ctx)
	history := openHistory()
	if history != nil {
		defer history.Close()
	}
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	var pending strings.Builder
	prompt := func() {
		if pending.Len() == 0 {
			fmt.Fprint(out, "Weir SQL> ")
		} else {
			fmt.Fprint(out, "> ")
		}
	}
	prompt()
	for sc.Scan() {
		line := sc.Text()
		if pending.Len() == 0 {
			switch strings.ToUpper(strings.TrimSuffix(strings.TrimSpace(line), ";")) {
			case "QUIT", "EXIT":
				return nil
			case "":
				prompt()
				continue
			}
		}
		pending.WriteString(line)
		pending.WriteString("\n")
		stmts, rest := parser.SplitStatements(pending.String())
		for _, st := range stmts {
			if strings.TrimSpace(st) == "" {
				continue
			}
			if history != nil {
				fmt.Fprintln(history, strings.TrimSpace(st)+";")
			}
			// Ctrl-C cancels the running statement, not the client.
			sctx, cancel := context.WithCancel(ctx)
			sig := make(chan os.Signal, 1)
			signal.Notify(sig, os.Interrupt)
			go func() {
				select {
				case <-sig:
					cancel()
				case <-sctx.Done():
				}
			}()
			r, err := s.Execute(sctx, st)
			if err == nil {
				err = printResult(sctx, s, r, out, f)
			}
			signal.Stop(sig)
			cancel()
			if errors.Is(err, context.Canceled) && ctx.Err() == nil {
				err = errors.New("statement cancelled")
			}
			if err != nil {
				fmt.Fprintln(errOut, sqlError{err}.Error())
			}
		}
		pending.Reset()
		if strings.TrimSpace(rest) != "" {
			pending.WriteString(rest)
		}
		prompt()
	}
	fmt.Fprintln(out)
	return sc.Err()
}

// openHistory opens ~/.weir_history for appending (nil when impossible).
func openHistory() *os.File {
	home, err := os.UserHomeDir()
	if err != nil {
		return nil
	}
	f, err := os.OpenFile(filepath.Join(home, ".weir_history"), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		return nil
	}
	return f
}
