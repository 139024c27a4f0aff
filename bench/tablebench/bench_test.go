package tablebench

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/weir-data/weir/fileio"
)

const benchRows = 100000

func localFS(b *testing.B) fileio.FileIO {
	fs, err := fileio.NewLocal(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	return fs
}

func tempFile(b *testing.B) *os.File {
	f, err := os.Create(filepath.Join(b.TempDir(), "plain.parquet"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { f.Close() })
	return f
}

func BenchmarkWritePK(b *testing.B) {
	ctx := context.Background()
	batches := GenerateBatches(benchRows, 4096, benchRows, 1)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t, err := NewPKTable(ctx, localFS(b), fmt.Sprintf("w%d", i))
		if err != nil {
			b.Fatal(err)
		}
		if err := WriteCommit(ctx, t, batches, 1); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(benchRows*b.N)/b.Elapsed().Seconds(), "rows/s")
}

func BenchmarkWritePlainColumnar(b *testing.B) {
	batches := GenerateBatches(benchRows, 4096, benchRows, 1)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		f := tempFile(b)
		if err := WritePlainColumnar(f, batches); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(benchRows*b.N)/b.Elapsed().Seconds(), "rows/s")
}

func BenchmarkWritePlainGeneric(b *testing.B) {
	rows := toPlainRows(GenerateBatches(benchRows, 4096, benchRows, 1))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		f := tempFile(b)
		if err := WritePlainGeneric(f, rows); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(benchRows*b.N)/b.Elapsed().Seconds(), "rows/s")
}

func BenchmarkMergeOnRead(b *testing.B) {
	ctx := context.Background()
	batches := GenerateBatches(benchRows, 4096, benchRows, 1)
	t, err := NewPKTable(ctx, localFS(b), "r")
	if err != nil {
		b.Fatal(err)
	}
	per := (len(batches) + 4) / 5
	for i := 0; i < 5; i++ {
		if err := WriteCommit(ctx, t, batches[i*per:min((i+1)*per, len(batches))], int64(i+1)); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := ScanAll(ctx, t); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(benchRows*b.N)/b.Elapsed().Seconds(), "rows/s")
}

func BenchmarkReadPlainColumnar(b *testing.B) {
	f := tempFile(b)
	if err := WritePlainColumnar(f, GenerateBatches(benchRows, 4096, benchRows, 1)); err != nil {
		b.Fatal(err)
	}
	st, err := f.Stat()
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := ReadPlainColumnar(f, st.Size()); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(benchRows*b.N)/b.Elapsed().Seconds(), "rows/s")
}

func TestReportSmall(t *testing.T) {
	res, err := Report(context.Background(), t.TempDir(), 5000)
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != 6 {
		t.Fatalf("got %d figures", len(res))
	}
	for _, r := range res {
		if r.Rows <= 0 || r.Duration <= 0 {
			t.Fatalf("figure %+v", r)
		}
	}
}

func TestUpsertSmall(t *testing.T) {
	res, err := Upsert(context.Background(), t.TempDir(), 60000, 5000, 10000)
	if err != nil {
		t.Fatal(err)
	}
	if res.Rows != 60000 || res.Commits != 5 || res.MaxRuns == 0 {
		t.Fatalf("upsert result %+v", res)
	}
}

func TestLookupSmall(t *testing.T) {
	res, err := Lookup(context.Background(), t.TempDir(), 40000, 5000, 10000)
	if err != nil {
		t.Fatal(err)
	}
	// Every commit's changes reach the changelog: at least one row per
	// distinct key written, at most -U/+U for every row.
	if res.None <= 0 || res.Lookup <= 0 || res.ChangelogRows < 5000 || res.ChangelogRows > 2*40000 {
		t.Fatalf("lookup result %+v", res)
	}
}
