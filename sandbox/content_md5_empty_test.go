package sandbox_test

import (
	"net/http"
	"testing"

	"github.com/s3sec/s3sec/sandbox"
)

// An empty Content-MD5 header is an invalid digest, not a missing one: S3
// answers 400 InvalidDigest, for objects as for configuration documents.
func TestEmptyContentMD5IsInvalidDigest(t *testing.T) {
	srv := start(t, sandbox.Options{})
	c := s3Client(t, srv, clientOpts{})
	mustBucket(t, c, "md5")
	empty := http.Header{"Content-Md5": {""}}
	for _, tc := range []struct{ method, path string }{
		{"PUT", "/md5/k"},
		{"PUT", "/md5?tagging"},
	} {
		res := do(t, srv, clientOpts{}, tc.method, tc.path, []byte("<Tagging><TagSet/></Tagging>"), empty)
		expectRawError(t, tc.path, res, 400, "InvalidDigest", "The Content-MD5 you specified was invalid.", "-", "-")
	}
	if res := do(t, srv, clientOpts{}, "GET", "/md5/k", nil, nil); res.Status != 404 {
		t.Fatalf("the refused PUT stored something: %d", res.Status)
	}
}
