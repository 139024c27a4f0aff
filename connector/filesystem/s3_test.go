package filesystem

import (
	"fmt"
	"strings"
	"testing"

	"github.com/weir-data/weir/connector"
	"github.com/weir-data/weir/fileio/s3fake"
)

// TestS3RoundTrip writes and reads a partitioned table on a fake S3.
func TestS3RoundTrip(t *testing.T) {
	srv := s3fake.Start(t)
	uri := srv.URI("/warehouse/t")
	for _, format := range []string{"csv", "parquet"} {
		tbl := testTable(strings.Replace(uri, "/t?", "/t_"+format+"?", 1), format, true, "csv.null-literal", `\N`)
		if format != "csv" {
			delete(tbl.Options, "csv.null-literal")
		}
		in := testRows(t)
		writeAll(t, tbl, connector.SinkRequest{}, in)
		if got, want := fmt.Sprint(readAll(t, tbl, nil)), fmt.Sprint(rowsOf(in)); got != want {
			t.Errorf("%s on S3: read back\n%s\nwant\n%s", format, got, want)
		}
		writeAll(t, tbl, connector.SinkRequest{Overwrite: true}, in.Slice(2, 3)) // p=x held rows 3 and 4
		if n := len(readAll(t, tbl, nil)); n != 3 {
			t.Errorf("%s on S3 after overwriting one partition: %d rows, want 3", format, n)
		}
	}
	var parts int
	for _, k := range srv.Keys(t) {
		if strings.Contains(k, "/part-") {
			parts++
		}
	}
	if parts == 0 {
		t.Errorf("no part files in %v", srv.Keys(t))
	}
}
