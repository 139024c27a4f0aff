// Package tablebench measures Weir's table writer and merge-on-read scan in the
// shape of Paimon's own write micro-benchmark (an INT key and 20 STRING columns
// of 10 characters, random keys, one bucket), against plain Parquet files of the
// same rows written and read with the same library (parquet-go). Figures are
// reported as ratios to those baselines, measured in the same run.
package tablebench

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/compress/zstd"

	"github.com/weir-data/weir/fileio"
	"github.com/weir-data/weir/paimon/catalog"
	"github.com/weir-data/weir/paimon/datafile"
	"github.com/weir-data/weir/paimon/table"
	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// StringColumns is the number of STRING columns of the benchmark table.
const StringColumns = 20

// Columns are the benchmark table's columns: k INT, s0..s19 STRING.
func Columns() []catalog.Column {
	cols := []catalog.Column{{Name: "k", Type: types.NewInt().NotNull()}}
	for i := 0; i < StringColumns; i++ {
		cols = append(cols, catalog.Column{Name: fmt.Sprintf("s%d", i), Type: types.NewString()})
	}
	return cols
}

func columnTypes() []types.DataType {
	var ts []types.DataType
	for _, c := range Columns() {
		ts = append(ts, c.Type)
	}
	return ts
}

// GenerateBatches returns n rows with random INT keys in [0, keySpace) and random
// 10-character strings, as batches of batchSize rows.
func GenerateBatches(n, batchSize int, keySpace int32, seed uint64) []*vec.Batch {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	const letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	var out []*vec.Batch
	var s [10]byte
	for lo := 0; lo < n; lo += batchSize {
		m := min(batchSize, n-lo)
		b, _ := vec.NewBatch(columnTypes(), m)
		for i := 0; i < m; i++ {
			b.Cols[0].I32 = append(b.Cols[0].I32, rng.Int32N(keySpace))
			for c := 1; c <= StringColumns; c++ {
				for j := range s {
					s[j] = letters[rng.IntN(len(letters))]
				}
				b.Cols[c].Data = append(b.Cols[c].Data, s[:]...)
				b.Cols[c].Offsets = append(b.Cols[c].Offsets, int32(len(b.Cols[c].Data)))
			}
		}
		for _, v := range b.Cols {
			v.Len = m
		}
		b.Len = m
		out = append(out, b)
	}
	return out
}

// NewPKTable creates the benchmark primary-key table (bucket = 1) in fio.
func NewPKTable(ctx context.Context, fio fileio.FileIO, name string) (*table.Table, error) {
	cat := catalog.New(fio)
	if err := cat.CreateDatabase(ctx, "bench", true); err != nil {
		return nil, err
	}
	return cat.CreateTable(ctx, catalog.Identifier{Database: "bench", Table: name}, catalog.TableSpec{
		Columns:     Columns(),
		PrimaryKeys: []string{"k"},
		Options:     map[string]string{"bucket": "1"},
	}, false)
}

// WriteCommit writes the batches into t with one writer and commits them once.
// The batches are handed over (Writer.WriteOwned), as a source that makes a
// fresh batch per write can do: the writer buffers them without a copy. They
// are only read, so the caller may write them again or read them afterwards.
func WriteCommit(ctx context.Context, t *table.Table, batches []*vec.Batch, identifier int64) error {
	w, err := t.NewWriter(ctx, table.WriterOptions{CommitUser: "bench"})
	if err != nil {
		return err
	}
	defer w.Close(ctx)
	for _, b := range batches {
		if err := w.WriteOwned(ctx, b); err != nil {
			return err
		}
	}
	msgs, err := w.Prepare(ctx)
	if err != nil {
		return err
	}
	_, err = t.Commit(ctx, "bench", table.Committable{Identifier: identifier, Messages: msgs})
	return err
}

// ScanAll reads every row of t (merge-on-read) and returns the row count.
func ScanAll(ctx context.Context, t *table.Table) (int64, error) {
	var n int64
	err := t.Scan(ctx, table.ScanOptions{}, table.ReadOptions{}, func(b *vec.Batch) error {
		n += int64(b.Len)
		return nil
	})
	return n, err
}

// plainRow is the benchmark row as a Go struct, for parquet-go's generic writer.
type plainRow struct {
	K                                                int32
	S0, S1, S2, S3, S4, S5, S6, S7, S8, S9           string
	S10, S11, S12, S13, S14, S15, S16, S17, S18, S19 string
}

// toPlainRows converts batches to structs (outside the timed region).
func toPlainRows(batches []*vec.Batch) []plainRow {
	var rows []plainRow
	for _, b := range batches {
		for i := 0; i < b.Len; i++ {
			s := func(c int) string { return string(b.Cols[c].Bytes(i)) }
			rows = append(rows, plainRow{b.Cols[0].I32[i],
				s(1), s(2), s(3), s(4), s(5), s(6), s(7), s(8), s(9), s(10),
				s(11), s(12), s(13), s(14), s(15), s(16), s(17), s(18), s(19), s(20)})
		}
	}
	return rows
}

// WritePlainGeneric writes rows as a plain Parquet file with parquet-go's
// GenericWriter (zstd, fastest), the idiomatic way to write Parquet in Go.
func WritePlainGeneric(out io.Writer, rows []plainRow) error {
	w := parquet.NewGenericWriter[plainRow](out, parquet.Compression(&zstd.Codec{Level: zstd.SpeedFastest}))
	for lo := 0; lo < len(rows); lo += 4096 {
		if _, err := w.Write(rows[lo:min(lo+4096, len(rows))]); err != nil {
			return err
		}
	}
	return w.Close()
}

// WritePlainColumnar writes the batches as a plain Parquet file (just the 21
// columns, no Paimon columns, no statistics) through parquet-go's column
// writers, the fastest way the library offers.
func WritePlainColumnar(out io.Writer, batches []*vec.Batch) error {
	cols := make([]datafile.Column, 0, StringColumns+1)
	modes := make([]datafile.StatsMode, 0, StringColumns+1)
	for i, c := range Columns() {
		cols = append(cols, datafile.Column{ID: i, Name: c.Name, Type: c.Type})
		modes = append(modes, datafile.StatsNone)
	}
	w, err := datafile.NewWriter(out, cols, datafile.WriterOptions{StatsModes: modes})
	if err != nil {
		return err
	}
	for _, b := range batches {
		if err := w.Write(b); err != nil {
			return err
		}
	}
	_, err = w.Close()
	return err
}

// ReadPlainColumnar reads a plain file written by WritePlainColumnar into batches.
func ReadPlainColumnar(f io.ReaderAt, size int64) (int64, error) {
	r, err := datafile.Open(f, size)
	if err != nil {
		return 0, err
	}
	it, err := r.Read(r.Columns(), datafile.ReadOptions{})
	if err != nil {
		return 0, err
	}
	defer it.Close()
	var n int64
	for {
		b, err := it.Next()
		if errors.Is(err, io.EOF) {
			return n, nil
		}
		if err != nil {
			return n, err
		}
		n += int64(b.Len)
	}
}

// ReadPlainGeneric reads a plain file with parquet-go's GenericReader.
func ReadPlainGeneric(f io.ReaderAt, size int64) (int64, error) {
	pf, err := parquet.OpenFile(f, size)
	if err != nil {
		return 0, err
	}
	r := parquet.NewGenericReader[plainRow](pf)
	defer r.Close()
	buf := make([]plainRow, 4096)
	var n int64
	for {
		m, err := r.Read(buf)
		n += int64(m)
		if errors.Is(err, io.EOF) {
			return n, nil
		}
		if err != nil {
			return n, err
		}
	}
}

// Result is one measured figure.
type Result struct {
	Name     string
	Rows     int64
	Duration time.Duration
}

// RowsPerSecond is Rows / Duration.
func (r Result) RowsPerSecond() float64 { return float64(r.Rows) / r.Duration.Seconds() }

// Report runs the whole comparison on rows rows and returns the figures. Every
// side writes real files into dir (Weir a local warehouse, the baselines plain
// files), as a warehouse does: writes (Weir primary-key write + commit, plain
// Parquet via column writers and via GenericWriter) and reads (Weir
// merge-on-read over 5 overlapping level-0 runs, plain reads of the same rows).
func Report(ctx context.Context, dir string, rows int) ([]Result, error) {
	batches := GenerateBatches(rows, 4096, int32(rows), 42)
	plain := toPlainRows(batches)
	var out []Result
	n := int64(rows)
	time1 := func(name string, f func() error) error {
		runtime.GC()
		start := time.Now()
		if err := f(); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		out = append(out, Result{name, n, time.Since(start)})
		return nil
	}
	writeFile := func(name string, write func(io.Writer) error) error {
		f, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			return err
		}
		bw := bufio.NewWriterSize(f, 1<<20)
		if err := write(bw); err != nil {
			f.Close()
			return err
		}
		if err := bw.Flush(); err != nil {
			f.Close()
			return err
		}
		return f.Close()
	}
	readFile := func(name string, read func(io.ReaderAt, int64) (int64, error)) error {
		f, err := os.Open(filepath.Join(dir, name))
		if err != nil {
			return err
		}
		defer f.Close()
		st, err := f.Stat()
		if err != nil {
			return err
		}
		_, err = read(f, st.Size())
		return err
	}
	warehouse, err := fileio.NewLocal(filepath.Join(dir, "warehouse"))
	if err != nil {
		return nil, err
	}
	if err := time1("write: weir primary-key table (sort, dedupe, parquet, manifests, commit)", func() error {
		t, err := NewPKTable(ctx, warehouse, "w")
		if err != nil {
			return err
		}
		return WriteCommit(ctx, t, batches, 1)
	}); err != nil {
		return nil, err
	}
	if err := time1("write: plain parquet, parquet-go column writers (baseline A)", func() error {
		return writeFile("plain-a.parquet", func(w io.Writer) error { return WritePlainColumnar(w, batches) })
	}); err != nil {
		return nil, err
	}
	if err := time1("write: plain parquet, parquet-go GenericWriter (baseline B)", func() error {
		return writeFile("plain-b.parquet", func(w io.Writer) error { return WritePlainGeneric(w, plain) })
	}); err != nil {
		return nil, err
	}
	// Reads: a table of 5 overlapping level-0 runs, each a fifth of the rows
	// over the whole key range.
	t, err := NewPKTable(ctx, warehouse, "r")
	if err != nil {
		return nil, err
	}
	per := (len(batches) + 4) / 5
	for i := 0; i < 5; i++ {
		lo, hi := i*per, min((i+1)*per, len(batches))
		if lo >= hi {
			break
		}
		if err := WriteCommit(ctx, t, batches[lo:hi], int64(i+1)); err != nil {
			return nil, err
		}
	}
	// The merge consumes all n rows (the output is one row per distinct key).
	if err := time1("read: weir merge-on-read, 5 overlapping level-0 runs", func() error {
		_, err := ScanAll(ctx, t)
		return err
	}); err != nil {
		return nil, err
	}
	if err := time1("read: plain parquet, columnar into batches (baseline A)", func() error {
		return readFile("plain-a.parquet", ReadPlainColumnar)
	}); err != nil {
		return nil, err
	}
	if err := time1("read: plain parquet, parquet-go GenericReader (baseline B)", func() error {
		return readFile("plain-b.parquet", ReadPlainGeneric)
	}); err != nil {
		return nil, err
	}
	return out, nil
}
