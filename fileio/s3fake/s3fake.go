// Package s3fake runs an in-process S3-compatible server (gofakes3 with its
// in-memory backend) on 127.0.0.1 for tests, and points the AWS SDK's default
// credential chain at dummy keys so that tests never reach another address.
package s3fake

import (
	"net"
	"net/http/httptest"
	"path/filepath"
	"testing"

	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"
)

// Bucket is the one bucket the fake serves.
const Bucket = "weir-test"

// Server is a running fake S3.
type Server struct {
	Backend *s3mem.Backend
	HTTP    *httptest.Server
}

// Start starts a fake S3 with one bucket on 127.0.0.1; it stops when the test ends.
func Start(t testing.TB) *Server {
	t.Helper()
	t.Setenv("AWS_ACCESS_KEY_ID", "test")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "test")
	t.Setenv("AWS_SESSION_TOKEN", "")
	t.Setenv("AWS_PROFILE", "")
	t.Setenv("AWS_CONFIG_FILE", filepath.Join(t.TempDir(), "none"))
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", filepath.Join(t.TempDir(), "none"))
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	backend := s3mem.New()
	if err := backend.CreateBucket(Bucket); err != nil {
		t.Fatal(err)
	}
	faker := gofakes3.New(backend, gofakes3.WithLogger(gofakes3.DiscardLog()))
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewUnstartedServer(faker.Server())
	srv.Listener.Close()
	srv.Listener = ln
	srv.Start()
	t.Cleanup(srv.Close)
	return &Server{Backend: backend, HTTP: srv}
}

// URI is the fileio.Open location of the bucket below prefix ("" or "/a/b").
func (s *Server) URI(prefix string) string {
	return "s3://" + Bucket + prefix + "?endpoint=" + s.HTTP.URL + "&region=us-east-1&use_path_style=true"
}

// Keys lists every object key in the bucket.
func (s *Server) Keys(t testing.TB) []string {
	t.Helper()
	res, err := s.Backend.ListBucket(Bucket, &gofakes3.Prefix{}, gofakes3.ListBucketPage{})
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, c := range res.Contents {
		keys = append(keys, c.Key)
	}
	return keys
}
