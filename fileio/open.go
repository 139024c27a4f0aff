package fileio

import (
	"context"
	"fmt"
	"net/url"
	"strings"

	"gocloud.dev/blob"
	"gocloud.dev/blob/s3blob"
)

// Open opens the FileIO that uri names:
//
//   - a plain path ("/data/warehouse", "warehouse") or "file:///data/warehouse":
//     Local rooted there;
//   - "mem://": a new, empty Memory (every call gives a separate one);
//   - "s3://bucket/prefix?query": Blob over the S3 bucket, rooted at the key
//     prefix "prefix/" (no path means the bucket's root).
//
// The s3 query parameters are those of gocloud.dev/blob/s3blob v0.47 and
// gocloud.dev/aws.V2ConfigFromURLParams, among them endpoint (for example
// http://127.0.0.1:9000), region, use_path_style=true, disable_https=true,
// anonymous=true, profile, request_checksum_calculation=when_required and
// response_checksum_validation=when_required; an unknown parameter is an
// error. Credentials come from the AWS SDK's default chain (environment,
// shared config files, instance role). An S3-compatible store on a local port:
//
//	s3://warehouse/prod?endpoint=http://127.0.0.1:9000&region=us-east-1&use_path_style=true
//
// A Blob holds a bucket; close it through io.Closer when done.
func Open(ctx context.Context, uri string) (FileIO, error) {
	if uri == "" {
		return nil, fmt.Errorf("open file system: empty location")
	}
	if !strings.Contains(uri, "://") {
		return NewLocal(uri)
	}
	u, err := url.Parse(uri)
	if err != nil {
		return nil, fmt.Errorf("open file system %s: %w", uri, err)
	}
	switch u.Scheme {
	case "file":
		if u.Host != "" && u.Host != "localhost" {
			return nil, fmt.Errorf("open file system %s: file URI with host %q, want file:///absolute/path", uri, u.Host)
		}
		if u.Path == "" {
			return nil, fmt.Errorf("open file system %s: file URI without a path", uri)
		}
		return NewLocal(u.Path)
	case "mem":
		return NewMemory(), nil
	case "s3":
		return openS3(ctx, uri, u)
	default:
		return nil, fmt.Errorf("open file system %s: unsupported scheme %q (want a path, file://, mem:// or s3://)", uri, u.Scheme)
	}
}

// openS3 opens s3://bucket/prefix?query through s3blob's URL opener.
func openS3(ctx context.Context, uri string, u *url.URL) (*Blob, error) {
	if u.Host == "" {
		return nil, fmt.Errorf("open file system %s: no bucket, want s3://bucket/prefix", uri)
	}
	q := u.Query()
	if q.Has("prefix") || q.Has("key") {
		return nil, fmt.Errorf("open file system %s: give the key prefix as the URI path, s3://bucket/prefix", uri)
	}
	prefix, err := cleanPath(strings.Trim(u.Path, "/"))
	if err != nil {
		return nil, fmt.Errorf("open file system %s: prefix: %w", uri, err)
	}
	bucketURL := &url.URL{Scheme: u.Scheme, Host: u.Host, RawQuery: u.RawQuery}
	opener := &s3blob.URLOpener{}
	bucket, err := opener.OpenBucketURL(ctx, bucketURL)
	if err != nil {
		return nil, fmt.Errorf("open file system %s: %w", uri, err)
	}
	if prefix != "" {
		bucket = blob.PrefixedBucket(bucket, dirPrefix(prefix))
	}
	return OpenBucket(ctx, bucket, uri), nil
}
