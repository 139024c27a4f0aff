package all_test

import (
	"context"
	"fmt"
	"io"

	"github.com/weir-data/weir/connector"
	_ "github.com/weir-data/weir/connector/all"
	"github.com/weir-data/weir/types"
)

// A batch INSERT INTO sink SELECT * FROM gen, as the planner drives it.
func Example() {
	ctx := context.Background()
	cols := []connector.Column{{Name: "id", Type: types.NewInt()}, {Name: "name", Type: types.NewVarChar(4)}}
	gen := connector.TableInfo{Name: "default_catalog.default_database.gen", Columns: cols, Options: map[string]string{
		"connector": "datagen", "fields.id.kind": "sequence", "fields.id.start": "1", "fields.id.end": "3",
		"fields.name.kind": "sequence", "fields.name.start": "10", "fields.name.end": "99",
	}}
	sink := connector.TableInfo{Name: "default_catalog.default_database.out", Columns: cols,
		Options: map[string]string{"connector": "print", "print-identifier": "out"}}

	src, err := connector.Default.Validate(gen)
	if err != nil {
		fmt.Println(err)
		return
	}
	op, _ := src.NewSource(ctx, gen, connector.SourceRequest{Bounded: true})
	dst, err := connector.Default.Validate(sink)
	if err != nil {
		fmt.Println(err)
		return
	}
	w, _ := dst.NewSink(ctx, sink, connector.SinkRequest{})
	op.Open(ctx)
	for {
		b, err := op.Next(ctx)
		if err == io.EOF {
			break
		}
		w.Write(ctx, b)
	}
	op.Close()
	w.Commit(ctx)
	w.Close()

	_, err = connector.Default.Validate(connector.TableInfo{Name: "db.t", Options: map[string]string{"connector": "kafak"}})
	fmt.Println(err)
	// Output:
	// out> +I[1, 10]
	// out> +I[2, 11]
	// out> +I[3, 12]
	// table db.t: unknown connector 'kafak' (did you mean kafka?)
}
