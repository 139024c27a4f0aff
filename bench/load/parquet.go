package load

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/weir-data/weir/bench/dataset"
	"github.com/weir-data/weir/paimon/datafile"
	"github.com/weir-data/weir/vec"
)

// Parquet writes each source to dir/<table>.parquet: plain Parquet (the
// table's columns only, zstd, column statistics), readable by DuckDB and
// any other Parquet reader.
func Parquet(ctx context.Context, dir string, srcs []dataset.Source) ([]Stats, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("load: create directory %s: %w", dir, err)
	}
	var out []Stats
	for _, src := range srcs {
		start := time.Now()
		path := filepath.Join(dir, src.Table.Name+".parquet")
		n, err := writeParquet(ctx, path, src)
		if err != nil {
			return out, fmt.Errorf("load: write %s: %w", path, err)
		}
		out = append(out, Stats{Table: src.Table.Name, Rows: n, Elapsed: time.Since(start)})
	}
	return out, nil
}

func writeParquet(ctx context.Context, path string, src dataset.Source) (n int64, err error) {
	f, err := os.Create(path)
	if err != nil {
		return 0, err
	}
	defer func() {
		if cerr := f.Close(); err == nil && cerr != nil {
			err = cerr
		}
		if err != nil {
			os.Remove(path)
		}
	}()
	cols := make([]datafile.Column, len(src.Table.Columns))
	for i, c := range src.Table.Columns {
		cols[i] = datafile.Column{ID: i, Name: c.Name, Type: c.Type}
	}
	bw := bufio.NewWriterSize(f, 1<<20)
	w, err := datafile.NewWriter(bw, cols, datafile.WriterOptions{})
	if err != nil {
		return 0, err
	}
	if err := src.Rows(ctx, func(b *vec.Batch) error {
		n += int64(b.Len)
		return w.Write(b)
	}); err != nil {
		return n, err
	}
	if _, err := w.Close(); err != nil {
		return n, err
	}
	return n, bw.Flush()
}
