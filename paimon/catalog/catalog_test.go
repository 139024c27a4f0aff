package catalog

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/weir-data/weir/fileio"
	"github.com/weir-data/weir/fileio/fiotest"
	"github.com/weir-data/weir/paimon/table"
	"github.com/weir-data/weir/types"
	"github.com/weir-data/weir/vec"
)

// testFS returns a fresh, empty warehouse file system of the named kind.
func testFS(t *testing.T, kind string) fileio.FileIO { return fiotest.New(t, kind) }

var fileSystems = fiotest.Kinds

func simpleSpec() TableSpec {
	return TableSpec{
		Columns: []Column{
			{Name: "day", Type: types.NewDate()},
			{Name: "id", Type: types.NewBigInt()},
			{Name: "name", Type: types.NewString(), Description: "who"},
		},
		PartitionKeys: []string{"day"},
		PrimaryKeys:   []string{"day", "id"},
		Options:       map[string]string{"bucket": "2"},
		Comment:       "test table",
	}
}

func mustList(t *testing.T, what string, got []string, err error, want ...string) {
	t.Helper()
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	if len(got) == 0 && len(want) == 0 {
		return
	}
	if !slices.Equal(got, want) {
		t.Fatalf("%s = %q, want %q", what, got, want)
	}
}

func TestCatalogDatabasesAndTables(t *testing.T) {
	for _, kind := range fileSystems {
		t.Run(kind, func(t *testing.T) {
			ctx := context.Background()
			c := New(testFS(t, kind))

			dbs, err := c.ListDatabases(ctx)
			mustList(t, "databases of an empty warehouse", dbs, err)

			if err := c.CreateDatabase(ctx, "sales", false); err != nil {
				t.Fatal(err)
			}
			if err := c.CreateDatabase(ctx, "sales", false); err == nil || !strings.Contains(err.Error(), "already exists") {
				t.Fatalf("second CreateDatabase: %v, want 'already exists'", err)
			}
			if err := c.CreateDatabase(ctx, "sales", true); err != nil {
				t.Fatalf("CreateDatabase IF NOT EXISTS: %v", err)
			}
			if err := c.CreateDatabase(ctx, "empty", false); err != nil {
				t.Fatal(err)
			}
			dbs, err = c.ListDatabases(ctx)
			mustList(t, "databases", dbs, err, "empty", "sales")

			// An empty database lists no tables (on S3 the database is only a marker object).
			tables, err := c.ListTables(ctx, "empty")
			mustList(t, "tables of an empty database", tables, err)
			if _, err := c.ListTables(ctx, "nope"); err == nil || !strings.Contains(err.Error(), "nope") {
				t.Fatalf("ListTables of a missing database: %v", err)
			}

			id := Identifier{"sales", "orders"}
			tbl, err := c.CreateTable(ctx, id, simpleSpec(), false)
			if err != nil {
				t.Fatal(err)
			}
			if tbl.Name() != "sales.orders" || tbl.Path() != "sales.db/orders" {
				t.Fatalf("table %s at %s", tbl.Name(), tbl.Path())
			}
			if _, err := c.CreateTable(ctx, id, simpleSpec(), false); err == nil || !strings.Contains(err.Error(), "already exists") {
				t.Fatalf("second CreateTable: %v, want 'already exists'", err)
			}
			// IF NOT EXISTS returns the existing table unchanged, even with another spec.
			other := simpleSpec()
			other.Columns = append(other.Columns, Column{Name: "extra", Type: types.NewInt()})
			again, err := c.CreateTable(ctx, id, other, true)
			if err != nil {
				t.Fatalf("CreateTable IF NOT EXISTS: %v", err)
			}
			if n := len(again.Schema().Fields); n != 3 {
				t.Fatalf("IF NOT EXISTS changed the table: %d columns", n)
			}
			if _, err := c.CreateTable(ctx, Identifier{"nodb", "t"}, simpleSpec(), false); err == nil || !strings.Contains(err.Error(), "nodb") {
				t.Fatalf("CreateTable in a missing database: %v", err)
			}
			if _, err := c.CreateTable(ctx, Identifier{"sales", "events"}, TableSpec{Columns: []Column{{Name: "x", Type: types.NewInt()}}}, false); err != nil {
				t.Fatal(err)
			}
			tables, err = c.ListTables(ctx, "sales")
			mustList(t, "tables", tables, err, "events", "orders")
			if ok, err := c.TableExists(ctx, Identifier{"sales", "missing"}); err != nil || ok {
				t.Fatalf("TableExists(missing) = %v, %v", ok, err)
			}

			// GetTable of a missing table names it.
			if _, err := c.GetTable(ctx, Identifier{"sales", "missing"}); err == nil || !strings.Contains(err.Error(), "sales.missing") {
				t.Fatalf("GetTable(missing): %v", err)
			}
			got, err := c.GetTable(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			s := got.Schema()
			if s.Comment != "test table" || !slices.Equal(s.PrimaryKeys, []string{"day", "id"}) || s.Options["bucket"] != "2" || s.Fields[2].Description != "who" {
				t.Fatalf("schema read back: %+v", s)
			}
			if s.Fields[1].Type.Nullable {
				t.Fatal("primary-key column id should be NOT NULL")
			}

			// A database with tables is dropped only with cascade.
			if err := c.DropDatabase(ctx, "sales", false, false); err == nil || !strings.Contains(err.Error(), "not empty") {
				t.Fatalf("DropDatabase of a non-empty database: %v", err)
			}
			if ok, _ := c.DatabaseExists(ctx, "sales"); !ok {
				t.Fatal("failed DropDatabase removed the database")
			}
			if err := c.DropTable(ctx, Identifier{"sales", "events"}, false); err != nil {
				t.Fatal(err)
			}
			if err := c.DropTable(ctx, Identifier{"sales", "events"}, false); err == nil {
				t.Fatal("DropTable of a dropped table succeeded")
			}
			if err := c.DropTable(ctx, Identifier{"sales", "events"}, true); err != nil {
				t.Fatalf("DropTable IF EXISTS: %v", err)
			}
			tables, err = c.ListTables(ctx, "sales")
			mustList(t, "tables after drop", tables, err, "orders")
			if err := c.DropDatabase(ctx, "sales", false, true); err != nil {
				t.Fatalf("DropDatabase CASCADE: %v", err)
			}
			if err := c.DropDatabase(ctx, "empty", false, false); err != nil {
				t.Fatalf("DropDatabase of an empty database: %v", err)
			}
			if err := c.DropDatabase(ctx, "empty", false, false); err == nil {
				t.Fatal("dropping a missing database succeeded")
			}
			if err := c.DropDatabase(ctx, "empty", true, false); err != nil {
				t.Fatalf("DropDatabase IF EXISTS: %v", err)
			}
			dbs, err = c.ListDatabases(ctx)
			mustList(t, "databases after drops", dbs, err)
			// A dropped database can be created again, with the same table name.
			if err := c.CreateDatabase(ctx, "sales", false); err != nil {
				t.Fatal(err)
			}
			if _, err := c.CreateTable(ctx, id, simpleSpec(), false); err != nil {
				t.Fatalf("re-create dropped table: %v", err)
			}
		})
	}
}

func TestCatalogRejectsBadTables(t *testing.T) {
	ctx := context.Background()
	c := New(fileio.NewMemory())
	if err := c.CreateDatabase(ctx, "db", false); err != nil {
		t.Fatal(err)
	}
	cols := func(names ...string) []Column {
		var out []Column
		for _, n := range names {
			out = append(out, Column{Name: n, Type: types.NewInt()})
		}
		return out
	}
	for _, tc := range []struct {
		name string
		spec TableSpec
		want []string // substrings of the error
	}{
		{"unknown option", TableSpec{Columns: cols("a", "b"), Options: map[string]string{"buckett": "2"}},
			[]string{"db.t", "'buckett'", "unknown option", "did you mean 'bucket'"}},
		{"malformed int", TableSpec{Columns: cols("a", "b"), PrimaryKeys: []string{"a"}, Options: map[string]string{"bucket": "two"}},
			[]string{"db.t", "'bucket'", "two"}},
		{"malformed duration", TableSpec{Columns: cols("a"), Options: map[string]string{"snapshot.time-retained": "soon"}},
			[]string{"db.t", "'snapshot.time-retained'", "soon"}},
		{"malformed memory size", TableSpec{Columns: cols("a"), Options: map[string]string{"write-buffer-size": "lots"}},
			[]string{"db.t", "'write-buffer-size'", "lots"}},
		{"bad enum", TableSpec{Columns: cols("a", "b"), PrimaryKeys: []string{"a"}, Options: map[string]string{"merge-engine": "aggregate"}},
			[]string{"db.t", "'merge-engine'", "aggregate"}},
		{"malformed bool", TableSpec{Columns: cols("a"), Options: map[string]string{"deletion-vectors.enabled": "yes please"}},
			[]string{"db.t", "'deletion-vectors.enabled'"}},
		{"bucket-key not a column", TableSpec{Columns: cols("a", "b"), Options: map[string]string{"bucket": "2", "bucket-key": "zz"}},
			[]string{"db.t", "'bucket-key'", "zz"}},
		{"bucket-key is a partition key", TableSpec{Columns: cols("a", "b"), PartitionKeys: []string{"a"}, Options: map[string]string{"bucket": "2", "bucket-key": "a"}},
			[]string{"db.t", "bucket-key", `"a"`, "partition"}},
		{"bucket-key outside the primary key", TableSpec{Columns: cols("a", "b", "c"), PrimaryKeys: []string{"a", "b"}, Options: map[string]string{"bucket": "2", "bucket-key": "c"}},
			[]string{"db.t", "bucket-key", `"c"`, "primary-key"}},
		{"fixed-bucket append table without bucket-key", TableSpec{Columns: cols("a"), Options: map[string]string{"bucket": "4"}},
			[]string{"db.t", "bucket-key"}},
		{"primary key without the partition keys", TableSpec{Columns: cols("a", "b", "c"), PartitionKeys: []string{"c"}, PrimaryKeys: []string{"a", "b"}},
			[]string{"db.t", "primary key", "partition"}},
		{"primary key only partition keys", TableSpec{Columns: cols("a", "b"), PartitionKeys: []string{"a"}, PrimaryKeys: []string{"a"}},
			[]string{"db.t", "primary key"}},
		{"unknown partition column", TableSpec{Columns: cols("a"), PartitionKeys: []string{"nope"}},
			[]string{"db.t", "nope"}},
		{"unknown primary-key column", TableSpec{Columns: cols("a"), PrimaryKeys: []string{"nope"}},
			[]string{"db.t", "nope"}},
		{"duplicate column", TableSpec{Columns: cols("a", "a")},
			[]string{"db.t", `"a"`}},
		{"no columns", TableSpec{},
			[]string{"db.t", "column"}},
		{"field option on a missing column", TableSpec{Columns: cols("a", "b"), PrimaryKeys: []string{"a"}, Options: map[string]string{"merge-engine": "aggregation", "fields.zz.aggregate-function": "sum"}},
			[]string{"db.t", "'fields.zz.aggregate-function'", "zz"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := c.CreateTable(ctx, Identifier{"db", "t"}, tc.spec, false)
			if err == nil {
				t.Fatal("CreateTable succeeded")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Fatalf("error %q does not mention %q", err, w)
				}
			}
			// Nothing was written.
			if ok, err := c.TableExists(ctx, Identifier{"db", "t"}); err != nil || ok {
				t.Fatalf("a rejected table exists: %v %v", ok, err)
			}
		})
	}
}

func TestCatalogNames(t *testing.T) {
	ctx := context.Background()
	c := New(fileio.NewMemory())
	if err := c.CreateDatabase(ctx, "db", false); err != nil {
		t.Fatal(err)
	}
	spec := TableSpec{Columns: []Column{{Name: "a", Type: types.NewInt()}}}
	for _, bad := range []string{"", ".", "..", ".hidden", "a/b", `a\b`, "a\x00b"} {
		if err := c.CreateDatabase(ctx, bad, false); err == nil {
			t.Errorf("CreateDatabase(%q) succeeded", bad)
		}
		if _, err := c.CreateTable(ctx, Identifier{"db", bad}, spec, false); err == nil {
			t.Errorf("CreateTable(db.%q) succeeded", bad)
		}
		if _, err := c.CreateTable(ctx, Identifier{bad, "t"}, spec, false); err == nil {
			t.Errorf("CreateTable(%q.t) succeeded", bad)
		}
	}
	for _, tc := range []struct {
		in      string
		want    Identifier
		wantErr bool
	}{
		{"db.t", Identifier{"db", "t"}, false},
		{"t", Identifier{"default", "t"}, false},
		{"", Identifier{}, true},
		{".t", Identifier{}, true},
		{"db.", Identifier{}, true},
		{"db/x.t", Identifier{}, true},
		{"db.a/b", Identifier{}, true},
		{"a.b.c", Identifier{}, true},
	} {
		got, err := ParseIdentifier(tc.in)
		if (err != nil) != tc.wantErr || (!tc.wantErr && got != tc.want) {
			t.Errorf("ParseIdentifier(%q) = %v, %v", tc.in, got, err)
		}
	}
}

// TestCatalogTableRoundTrip creates a table through the catalog, writes it with
// paimon/table and reads it back through a second catalog over the same files.
func TestCatalogTableRoundTrip(t *testing.T) {
	for _, kind := range fileSystems {
		t.Run(kind, func(t *testing.T) {
			ctx := context.Background()
			fio := testFS(t, kind)
			c := New(fio)
			if err := c.CreateDatabase(ctx, "db", false); err != nil {
				t.Fatal(err)
			}
			tbl, err := c.CreateTable(ctx, Identifier{"db", "people"}, simpleSpec(), false)
			if err != nil {
				t.Fatal(err)
			}
			b, err := vec.NewBatch([]types.DataType{types.NewDate().NotNull(), types.NewBigInt().NotNull(), types.NewString()}, 3)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range [][]any{{int32(20000), int64(1), "ann"}, {int32(20000), int64(2), nil}, {int32(20001), int64(1), "cy"}} {
				if err := b.AppendRow(types.Insert, r...); err != nil {
					t.Fatal(err)
				}
			}
			w, err := tbl.NewWriter(ctx, table.WriterOptions{CommitUser: "u"})
			if err != nil {
				t.Fatal(err)
			}
			if err := w.Write(ctx, b); err != nil {
				t.Fatal(err)
			}
			msgs, err := w.Prepare(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := tbl.Commit(ctx, "u", table.Committable{Identifier: 1, Messages: msgs}); err != nil {
				t.Fatal(err)
			}

			reopened, err := New(fio).GetTable(ctx, Identifier{"db", "people"})
			if err != nil {
				t.Fatal(err)
			}
			var rows []string
			err = reopened.Scan(ctx, table.ScanOptions{}, table.ReadOptions{}, func(b *vec.Batch) error {
				for r := 0; r < b.Len; r++ {
					var cells []string
					for i, f := range reopened.Schema().Fields {
						s, ok := types.FormatValue(f.Type, b.Cols[i].Value(r), nil)
						if !ok {
							s = "null"
						}
						cells = append(cells, s)
					}
					rows = append(rows, strings.Join(cells, ","))
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			slices.Sort(rows)
			want := []string{"2024-10-04,1,ann", "2024-10-04,2,null", "2024-10-05,1,cy"}
			if !slices.Equal(rows, want) {
				t.Fatalf("rows %q, want %q", rows, want)
			}
			if err := table.CheckTable(ctx, reopened); err != nil {
				t.Fatalf("format check: %v", err)
			}
			// Dropping the table removes every file of it.
			if err := c.DropTable(ctx, Identifier{"db", "people"}, false); err != nil {
				t.Fatal(err)
			}
			infos, err := fio.List(ctx, "db.db/people")
			if err != nil || len(infos) != 0 {
				t.Fatalf("files left after DropTable: %v %v", infos, err)
			}
			if _, err := c.GetTable(ctx, Identifier{"db", "people"}); err == nil {
				t.Fatal("GetTable of a dropped table succeeded")
			}
		})
	}
}
