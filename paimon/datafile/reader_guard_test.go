package datafile

import (
	"bytes"
	"encoding/binary"
	"strings"
	"testing"
	"time"

	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// A corrupt footer length must be rejected before anything of that size is
// allocated (it used to make parquet-go allocate up to 4 GiB).
func TestOpenRejectsHugeFooterLength(t *testing.T) {
	var buf bytes.Buffer
	cols := []Column{{ID: 0, Name: "a", Type: types.NewInt()}}
	w, err := NewWriter(&buf, cols, WriterOptions{})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := vec.NewBatch([]types.DataType{types.NewInt()}, 1)
	_ = b.AppendRow(types.Insert, int32(1))
	if err := w.Write(b); err != nil {
		t.Fatal(err)
	}
	if _, err := w.Close(); err != nil {
		t.Fatal(err)
	}
	data := buf.Bytes()
	binary.LittleEndian.PutUint32(data[len(data)-8:], 0xF0000000)
	start := time.Now()
	_, err = Open(bytes.NewReader(data), int64(len(data)))
	if err == nil || !strings.Contains(err.Error(), "footer length") {
		t.Fatalf("want a footer length error, got %v", err)
	}
	if d := time.Since(start); d > time.Second {
		t.Fatalf("rejecting the footer took %s", d)
	}
}
