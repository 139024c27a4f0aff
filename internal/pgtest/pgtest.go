// Package pgtest gives a test its own schema on the PostgreSQL server on the
// loopback interface (127.0.0.1:5432, database test, user postgres, trust
// authentication). When the server is unreachable the test is skipped, unless
// WEIR_REQUIRE_SERVICES=1 is set (as in CI), in which case it fails.
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// BaseURL is the server every test uses. It is deliberately not configurable:
// tests never reach beyond the loopback interface.
const BaseURL = "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"

// RequireEnv is the environment variable that turns a missing server from a
// skip into a failure.
const RequireEnv = "WEIR_REQUIRE_SERVICES"

var unsafeChars = regexp.MustCompile(`[^a-z0-9_]+`)

// Schema creates a uniquely named schema for t, dropped (with everything in
// it) when the test ends, and returns a connection string whose search_path
// is that schema, so unqualified table names resolve there.
func Schema(t testing.TB) (connString, schema string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, BaseURL)
	if err != nil {
		if os.Getenv(RequireEnv) == "1" {
			t.Fatalf("pgtest: PostgreSQL at %s is required (%s=1) but unreachable: %v", BaseURL, RequireEnv, err)
		}
		t.Skipf("pgtest: PostgreSQL at %s unreachable (set %s=1 to fail instead): %v", BaseURL, RequireEnv, err)
	}
	defer conn.Close(context.Background())
	var suffix [6]byte
	if _, err := rand.Read(suffix[:]); err != nil {
		t.Fatalf("pgtest: random schema suffix: %v", err)
	}
	name := unsafeChars.ReplaceAllString(strings.ToLower(t.Name()), "_")
	if len(name) > 40 {
		name = name[:40]
	}
	schema = "t_" + name + "_" + hex.EncodeToString(suffix[:])
	if _, err := conn.Exec(ctx, "CREATE SCHEMA "+pgx.Identifier{schema}.Sanitize()); err != nil {
		t.Fatalf("pgtest: create schema %s: %v", schema, err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		c, err := pgx.Connect(ctx, BaseURL)
		if err != nil {
			t.Errorf("pgtest: drop schema %s: %v", schema, err)
			return
		}
		defer c.Close(ctx)
		if _, err := c.Exec(ctx, "DROP SCHEMA "+pgx.Identifier{schema}.Sanitize()+" CASCADE"); err != nil {
			t.Errorf("pgtest: drop schema %s: %v", schema, err)
		}
	})
	return BaseURL + "&search_path=" + url.QueryEscape(schema), schema
}

// Conn returns a connection to a fresh schema of t's (see Schema), closed
// when the test ends.
func Conn(t testing.TB) (*pgx.Conn, string) {
	t.Helper()
	cs, schema := Schema(t)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, cs)
	if err != nil {
		t.Fatalf("pgtest: connect to schema %s: %v", schema, err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	return conn, schema
}
