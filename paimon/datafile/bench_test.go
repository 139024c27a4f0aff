package datafile

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/compress/zstd"

	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// The benchmark shape of the primary-key write target: INT key + 20 STRING
// columns of 10 characters, 100K rows.
const (
	benchRows    = 100_000
	benchStrings = 20
)

// benchRow is the plain parquet-go baseline row (no Paimon columns).
type benchRow struct {
	K   int32  `parquet:"k"`
	S00 string `parquet:"s00"`
	S01 string `parquet:"s01"`
	S02 string `parquet:"s02"`
	S03 string `parquet:"s03"`
	S04 string `parquet:"s04"`
	S05 string `parquet:"s05"`
	S06 string `parquet:"s06"`
	S07 string `parquet:"s07"`
	S08 string `parquet:"s08"`
	S09 string `parquet:"s09"`
	S10 string `parquet:"s10"`
	S11 string `parquet:"s11"`
	S12 string `parquet:"s12"`
	S13 string `parquet:"s13"`
	S14 string `parquet:"s14"`
	S15 string `parquet:"s15"`
	S16 string `parquet:"s16"`
	S17 string `parquet:"s17"`
	S18 string `parquet:"s18"`
	S19 string `parquet:"s19"`
}

func benchStringsData() [][benchStrings]string {
	rng := rand.New(rand.NewPCG(1, 2))
	const letters = "abcdefghijklmnopqrstuvwxyz0123456789"
	out := make([][benchStrings]string, benchRows)
	var buf [10]byte
	for i := range out {
		for j := range benchStrings {
			for k := range buf {
				buf[k] = letters[rng.IntN(len(letters))]
			}
			out[i][j] = string(buf[:])
		}
	}
	return out
}

func benchKVColumns() []Column {
	key := []types.Field{{ID: 0, Name: "k", Type: types.NewInt().NotNull()}}
	value := []types.Field{{ID: 0, Name: "k", Type: types.NewInt().NotNull()}}
	for j := range benchStrings {
		value = append(value, types.Field{ID: j + 1, Name: fmt.Sprintf("s%02d", j), Type: types.NewString()})
	}
	return KeyValueColumns(key, value)
}

func benchKVBatch(b *testing.B) (*vec.Batch, []Column) {
	cols := benchKVColumns()
	ts := make([]types.DataType, len(cols))
	for i, c := range cols {
		ts[i] = c.Type
	}
	batch, err := vec.NewBatch(ts, benchRows)
	if err != nil {
		b.Fatal(err)
	}
	data := benchStringsData()
	for i := range benchRows {
		batch.Cols[0].I32 = append(batch.Cols[0].I32, int32(i))
		batch.Cols[1].I64 = append(batch.Cols[1].I64, int64(i))
		batch.Cols[2].I8 = append(batch.Cols[2].I8, 0)
		batch.Cols[3].I32 = append(batch.Cols[3].I32, int32(i))
		for j := range benchStrings {
			batch.Cols[4+j].AppendString(data[i][j])
		}
	}
	for _, c := range batch.Cols[:4] {
		c.Len = benchRows
	}
	batch.Len = benchRows
	return batch, cols
}

const benchRawBytes = benchRows * (4 + benchStrings*10)

func reportRows(b *testing.B, start time.Time) {
	b.ReportMetric(float64(benchRows)*float64(b.N)/time.Since(start).Seconds(), "rows/s")
}

// BenchmarkWriteKV writes a KeyValue file (key, _SEQUENCE_NUMBER, _VALUE_KIND,
// INT + 20 STRING columns) with default stats (truncate(16)).
func BenchmarkWriteKV(b *testing.B) {
	batch, cols := benchKVBatch(b)
	var buf bytes.Buffer
	b.SetBytes(benchRawBytes)
	b.ReportAllocs()
	b.ResetTimer()
	start := time.Now()
	for range b.N {
		buf.Reset()
		w, err := NewWriter(&buf, cols, WriterOptions{})
		if err != nil {
			b.Fatal(err)
		}
		for lo := 0; lo < benchRows; lo += 4096 {
			if err := w.Write(sliceBatch(batch, lo, min(lo+4096, benchRows))); err != nil {
				b.Fatal(err)
			}
		}
		if _, err := w.Close(); err != nil {
			b.Fatal(err)
		}
	}
	reportRows(b, start)
}

// sliceBatch returns a view of rows [lo, hi) of a batch without nulls.
func sliceBatch(b *vec.Batch, lo, hi int) *vec.Batch {
	out := &vec.Batch{Cols: make([]*vec.Vector, len(b.Cols)), Len: hi - lo}
	for i, v := range b.Cols {
		s := &vec.Vector{Type: v.Type, Kind: v.Kind, Len: hi - lo}
		switch v.Kind {
		case vec.KindI8:
			s.I8 = v.I8[lo:hi]
		case vec.KindI32:
			s.I32 = v.I32[lo:hi]
		case vec.KindI64:
			s.I64 = v.I64[lo:hi]
		case vec.KindBytes:
			// Rebase offsets so that Data starts at row lo.
			base := v.Offsets[lo]
			s.Offsets = make([]int32, hi-lo+1)
			for j := range s.Offsets {
				s.Offsets[j] = v.Offsets[lo+j] - base
			}
			s.Data = v.Data[base:v.Offsets[hi]]
		}
		out.Cols[i] = s
	}
	return out
}

// BenchmarkPlainParquetWrite is the baseline: the same rows (INT + 20 STRING,
// no Paimon system columns) written by parquet-go's GenericWriter with the
// same codec and page size.
func BenchmarkPlainParquetWrite(b *testing.B) {
	rows := plainRows()
	var buf bytes.Buffer
	b.SetBytes(benchRawBytes)
	b.ReportAllocs()
	b.ResetTimer()
	start := time.Now()
	for range b.N {
		buf.Reset()
		w := parquet.NewGenericWriter[benchRow](&buf,
			parquet.Compression(&zstd.Codec{Level: zstd.SpeedFastest}),
			parquet.PageBufferSize(DefaultPageSize))
		for lo := 0; lo < benchRows; lo += 4096 {
			if _, err := w.Write(rows[lo:min(lo+4096, benchRows)]); err != nil {
				b.Fatal(err)
			}
		}
		if err := w.Close(); err != nil {
			b.Fatal(err)
		}
	}
	reportRows(b, start)
}

func plainRows() []benchRow {
	data := benchStringsData()
	rows := make([]benchRow, benchRows)
	for i := range rows {
		d := data[i]
		rows[i] = benchRow{int32(i), d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7], d[8], d[9],
			d[10], d[11], d[12], d[13], d[14], d[15], d[16], d[17], d[18], d[19]}
	}
	return rows
}

// BenchmarkRead reads the KeyValue file of BenchmarkWriteKV into batches.
func BenchmarkRead(b *testing.B) {
	batch, cols := benchKVBatch(b)
	var buf bytes.Buffer
	w, err := NewWriter(&buf, cols, WriterOptions{})
	if err != nil {
		b.Fatal(err)
	}
	if err := w.Write(batch); err != nil {
		b.Fatal(err)
	}
	if _, err := w.Close(); err != nil {
		b.Fatal(err)
	}
	data := buf.Bytes()
	b.SetBytes(benchRawBytes)
	b.ReportAllocs()
	b.ResetTimer()
	start := time.Now()
	for range b.N {
		r, err := Open(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			b.Fatal(err)
		}
		it, err := r.Read(cols, ReadOptions{})
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for {
			bt, err := it.Next()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			n += bt.Len
		}
		if n != benchRows {
			b.Fatalf("read %d rows", n)
		}
	}
	reportRows(b, start)
}

// BenchmarkPlainParquetRead is the read baseline: the plain file read back
// with parquet-go's GenericReader into structs.
func BenchmarkPlainParquetRead(b *testing.B) {
	rows := plainRows()
	var buf bytes.Buffer
	w := parquet.NewGenericWriter[benchRow](&buf, parquet.Compression(&zstd.Codec{Level: zstd.SpeedFastest}))
	if _, err := w.Write(rows); err != nil {
		b.Fatal(err)
	}
	if err := w.Close(); err != nil {
		b.Fatal(err)
	}
	data := buf.Bytes()
	out := make([]benchRow, 4096)
	b.SetBytes(benchRawBytes)
	b.ReportAllocs()
	b.ResetTimer()
	start := time.Now()
	for range b.N {
		r := parquet.NewGenericReader[benchRow](bytes.NewReader(data))
		n := 0
		for {
			k, err := r.Read(out)
			n += k
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
		}
		r.Close()
		if n != benchRows {
			b.Fatalf("read %d rows", n)
		}
	}
	reportRows(b, start)
}
