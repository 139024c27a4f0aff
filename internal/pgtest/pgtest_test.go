package pgtest

import (
	"context"
	"testing"
)

func TestSchemaIsSearchPathAndUnique(t *testing.T) {
	conn, schema := Conn(t)
	_, other := Schema(t)
	if schema == other {
		t.Fatalf("two schemas of one test share the name %s", schema)
	}
	ctx := context.Background()
	if _, err := conn.Exec(ctx, "CREATE TABLE probe (x int)"); err != nil {
		t.Fatal(err)
	}
	var got string
	if err := conn.QueryRow(ctx, "SELECT table_schema FROM information_schema.tables WHERE table_name = 'probe'").Scan(&got); err != nil {
		t.Fatal(err)
	}
	if got != schema {
		t.Fatalf("unqualified table created in schema %q, want %q", got, schema)
	}
}
