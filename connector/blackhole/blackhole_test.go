package blackhole

import (
	"context"
	"errors"
	"testing"

	"github.com/weir-data/weir/connector"
	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

func TestBlackhole(t *testing.T) {
	ctx := context.Background()
	tbl := connector.TableInfo{Name: "db.t", Columns: []connector.Column{{Name: "a", Type: types.NewInt()}},
		Options: map[string]string{"connector": "blackhole"}}
	s, err := Factory{}.NewSink(ctx, tbl, connector.SinkRequest{})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := vec.NewBatch([]types.DataType{types.NewInt()}, 3)
	for i := range 3 {
		b.AppendRow(types.Insert, int32(i))
	}
	for range 2 {
		if err := s.Write(ctx, b); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	if n := s.(*Sink).Rows(); n != 6 {
		t.Errorf("Rows() = %d, want 6", n)
	}
	if _, err := (Factory{}).NewSource(ctx, tbl, connector.SourceRequest{}); !errors.Is(err, connector.ErrNotSource) {
		t.Errorf("NewSource error = %v", err)
	}
	tbl.Options["print-identifier"] = "x"
	want := "unknown option 'print-identifier' for connector blackhole of table db.t"
	if err := (Factory{}).Validate(tbl); err == nil || err.Error() != want {
		t.Errorf("Validate = %v, want %s", err, want)
	}
}
