package load

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/weir-data/weir/bench/dataset"
	"github.com/weir-data/weir/paimon/catalog"
	"github.com/weir-data/weir/paimon/table"
	"github.com/weir-data/weir/vec"
)

// PaimonOptions configure Paimon loads.
type PaimonOptions struct {
	// Database is created if missing.
	Database string
	// Buckets is the fixed bucket count of primary-key tables (2 when 0).
	Buckets int
	// AppendOnly creates append tables (no primary key, unaware bucket)
	// instead of primary-key tables.
	AppendOnly bool
	// CommitUser names the writer in the snapshots ("weir-load" when empty).
	CommitUser string
	// Options are extra table options.
	Options map[string]string
}

// PaimonSpec returns the catalog spec of t under o.
func PaimonSpec(t dataset.Table, o PaimonOptions) catalog.TableSpec {
	spec := catalog.TableSpec{PartitionKeys: t.PartitionKeys, Options: map[string]string{}}
	for _, c := range t.Columns {
		spec.Columns = append(spec.Columns, catalog.Column{Name: c.Name, Type: c.Type})
	}
	if !o.AppendOnly && len(t.PrimaryKey) > 0 {
		spec.PrimaryKeys = t.PrimaryKey
		buckets := o.Buckets
		if buckets == 0 {
			buckets = 2
		}
		spec.Options["bucket"] = strconv.Itoa(buckets)
	}
	for k, v := range o.Options {
		spec.Options[k] = v
	}
	return spec
}

// Paimon creates each source's table in the catalog (replacing nothing: an
// existing table is an error) and writes the generated rows with one writer
// per table, committed as one batch snapshot.
func Paimon(ctx context.Context, cat *catalog.Catalog, srcs []dataset.Source, o PaimonOptions) ([]Stats, error) {
	user := o.CommitUser
	if user == "" {
		user = "weir-load"
	}
	if err := cat.CreateDatabase(ctx, o.Database, true); err != nil {
		return nil, fmt.Errorf("load: create database %s: %w", o.Database, err)
	}
	var out []Stats
	for _, src := range srcs {
		start := time.Now()
		id := catalog.Identifier{Database: o.Database, Table: src.Table.Name}
		t, err := cat.CreateTable(ctx, id, PaimonSpec(src.Table, o), false)
		if err != nil {
			return out, fmt.Errorf("load: create table %s: %w", id, err)
		}
		n, err := writeTable(ctx, t, user, src)
		if err != nil {
			return out, fmt.Errorf("load: write %s: %w", id, err)
		}
		out = append(out, Stats{Table: src.Table.Name, Rows: n, Elapsed: time.Since(start)})
	}
	return out, nil
}

func writeTable(ctx context.Context, t *table.Table, user string, src dataset.Source) (n int64, err error) {
	w, err := t.NewWriter(ctx, table.WriterOptions{CommitUser: user})
	if err != nil {
		return 0, err
	}
	defer func() {
		if cerr := w.Close(ctx); err == nil && cerr != nil {
			err = cerr
		}
	}()
	if err := src.Rows(ctx, func(b *vec.Batch) error {
		n += int64(b.Len)
		return w.Write(ctx, b)
	}); err != nil {
		return n, err
	}
	msgs, err := w.Prepare(ctx)
	if err != nil {
		return n, err
	}
	_, err = t.Commit(ctx, user, table.Committable{Identifier: table.BatchCommitIdentifier, Messages: msgs})
	return n, err
}
