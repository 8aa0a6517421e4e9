package sandbox_test

import (
	"crypto/md5"
	"encoding/hex"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/s3sec/s3sec/sandbox"
)

// md5ETag is the quoted MD5 ETag of an SSE-S3 single-part object.
func md5ETag(s string) string {
	sum := md5.Sum([]byte(s))
	return `"` + hex.EncodeToString(sum[:]) + `"`
}

func TestPutGetHeadObjectOverBothTransports(t *testing.T) {
	srv := start(t, sandbox.Options{Clock: func() time.Time { return fixedTime }})
	for _, plain := range []bool{false, true} {
		c := s3Client(t, srv, clientOpts{plain: plain})
		bucket := "objects-tls"
		if plain {
			bucket = "objects-plain"
		}
		mustBucket(t, c, bucket)
		body := strings.Repeat("sandbox payload ", 5000) // several aws-chunked chunks over TLS
		put, err := c.PutObject(ctx, &s3.PutObjectInput{
			Bucket: aws.String(bucket), Key: aws.String("dir/file.txt"), Body: strings.NewReader(body),
			ContentType: aws.String("text/plain; charset=utf-8"), CacheControl: aws.String("max-age=60"),
			Metadata: map[string]string{"Owner-Team": "Security Ops", "note": "a, b;  c=d"},
		})
		if err != nil {
			t.Fatalf("PutObject (plain=%v): %v", plain, err)
		}
		if aws.ToString(put.ETag) != md5ETag(body) || put.ServerSideEncryption != s3types.ServerSideEncryptionAes256 || put.VersionId != nil {
			t.Fatalf("PutObject output %+v", put)
		}
		get, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(bucket), Key: aws.String("dir/file.txt"), ChecksumMode: s3types.ChecksumModeEnabled})
		if err != nil {
			t.Fatal(err)
		}
		if readAll(t, get.Body) != body || aws.ToString(get.ETag) != md5ETag(body) ||
			aws.ToString(get.ContentType) != "text/plain; charset=utf-8" || aws.ToString(get.CacheControl) != "max-age=60" ||
			get.ServerSideEncryption != s3types.ServerSideEncryptionAes256 || !get.LastModified.Equal(fixedTime) ||
			aws.ToInt64(get.ContentLength) != int64(len(body)) {
			t.Fatalf("GetObject output %+v", get)
		}
		if get.Metadata["owner-team"] != "Security Ops" || get.Metadata["note"] != "a, b;  c=d" {
			t.Fatalf("metadata %v", get.Metadata)
		}
		if put.ChecksumCRC32 == nil || aws.ToString(get.ChecksumCRC32) != aws.ToString(put.ChecksumCRC32) {
			t.Fatalf("checksum put %v get %v", aws.ToString(put.ChecksumCRC32), aws.ToString(get.ChecksumCRC32))
		}
		head, err := c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(bucket), Key: aws.String("dir/file.txt")})
		if err != nil || aws.ToInt64(head.ContentLength) != int64(len(body)) || head.ServerSideEncryption != s3types.ServerSideEncryptionAes256 {
			t.Fatalf("HeadObject %v %+v", err, head)
		}
	}
}

func TestObjectResponseHeadersByteExact(t *testing.T) {
	srv := start(t, sandbox.Options{})
	c := s3Client(t, srv, clientOpts{})
	mustBucket(t, c, "exact")
	_, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("exact"), Key: aws.String("k"), Body: strings.NewReader("x"),
		Metadata: map[string]string{"Mixed-Case": "Value  With Spaces"}})
	if err != nil {
		t.Fatal(err)
	}
	rec := serveDirect(t, srv, http.MethodHead, "/exact/k", nil, nil)
	h := rec.Header()
	if got := h["x-amz-meta-mixed-case"]; len(got) != 1 || got[0] != "Value  With Spaces" {
		t.Fatalf("metadata header %v", h)
	}
	if h.Get("x-amz-server-side-encryption") != "AES256" ||
		h.Get("Accept-Ranges") != "bytes" || h.Get("Content-Length") != "1" || h.Get("x-amz-version-id") != "" {
		t.Fatalf("headers %v", h)
	}
	if _, err := time.Parse(http.TimeFormat, h.Get("Last-Modified")); err != nil {
		t.Fatalf("Last-Modified %q", h.Get("Last-Modified"))
	}
}

func TestDefaultContentType(t *testing.T) {
	srv := start(t, sandbox.Options{})
	mustBucket(t, s3Client(t, srv, clientOpts{}), "types")
	if res := do(t, srv, clientOpts{}, http.MethodPut, "/types/k", []byte("x"), nil); res.Status != http.StatusOK {
		t.Fatalf("PUT: %d %s", res.Status, res.Body)
	}
	res := do(t, srv, clientOpts{}, http.MethodGet, "/types/k", nil, nil)
	if res.Header.Get("Content-Type") != "binary/octet-stream" {
		t.Fatalf("Content-Type %q", res.Header.Get("Content-Type"))
	}
}

func TestRangeGet(t *testing.T) {
	srv := start(t, sandbox.Options{})
	c := s3Client(t, srv, clientOpts{})
	mustBucket(t, c, "ranges")
	mustPut(t, c, "ranges", "digits", "0123456789")
	for rng, want := range map[string]string{"bytes=2-4": "234", "bytes=7-": "789", "bytes=-3": "789", "bytes=8-100": "89"} {
		out, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("ranges"), Key: aws.String("digits"), Range: aws.String(rng)})
		if err != nil {
			t.Fatalf("%s: %v", rng, err)
		}
		if got := readAll(t, out.Body); got != want || !strings.HasSuffix(aws.ToString(out.ContentRange), "/10") {
			t.Fatalf("%s: %q %q", rng, got, aws.ToString(out.ContentRange))
		}
	}
	raw := do(t, srv, clientOpts{}, http.MethodGet, "/ranges/digits", nil, http.Header{"Range": {"bytes=2-4"}})
	if raw.Status != http.StatusPartialContent || raw.Header.Get("Content-Range") != "bytes 2-4/10" {
		t.Fatalf("206: %d %v", raw.Status, raw.Header)
	}
	_, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("ranges"), Key: aws.String("digits"), Range: aws.String("bytes=20-30")})
	expectError(t, err, http.StatusRequestedRangeNotSatisfiable, "InvalidRange", "The requested range is not satisfiable")
}

func TestMissingObjects(t *testing.T) {
	srv := start(t, sandbox.Options{})
	c := s3Client(t, srv, clientOpts{})
	mustBucket(t, c, "misses")
	_, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("misses"), Key: aws.String("nope")})
	expectError(t, err, 404, "NoSuchKey", "The specified key does not exist.")
	_, err = c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String("misses"), Key: aws.String("nope")})
	expectError(t, err, 404, "NotFound", "")
	_, err = c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("no-bucket"), Key: aws.String("nope")})
	expectError(t, err, 404, "NoSuchBucket", "The specified bucket does not exist")
	raw := do(t, srv, clientOpts{}, http.MethodGet, "/misses/nope", nil, nil)
	if !strings.Contains(raw.Body, "<Key>nope</Key>") {
		t.Fatalf("NoSuchKey without Key: %s", raw.Body)
	}
}

func TestDeleteObjectUnversioned(t *testing.T) {
	srv := start(t, sandbox.Options{})
	c := s3Client(t, srv, clientOpts{})
	mustBucket(t, c, "plain")
	mustPut(t, c, "plain", "k", "v")
	out, err := c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String("plain"), Key: aws.String("k")})
	if err != nil || out.DeleteMarker != nil || out.VersionId != nil {
		t.Fatalf("DeleteObject %v %+v", err, out)
	}
	_, err = c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("plain"), Key: aws.String("k")})
	expectError(t, err, 404, "NoSuchKey", "")
	// Deleting what is not there still succeeds.
	res := do(t, srv, clientOpts{}, http.MethodDelete, "/plain/never-existed", nil, nil)
	if res.Status != http.StatusNoContent {
		t.Fatalf("delete of a missing key: %d", res.Status)
	}
}

func TestPutObjectRefusesUnimplementedFeatures(t *testing.T) {
	srv := start(t, sandbox.Options{})
	c := s3Client(t, srv, clientOpts{})
	mustBucket(t, c, "sse")
	put := func(in *s3.PutObjectInput) error {
		in.Bucket, in.Key, in.Body = aws.String("sse"), aws.String("k"), strings.NewReader("data")
		_, err := c.PutObject(ctx, in)
		return err
	}
	expectError(t, put(&s3.PutObjectInput{Tagging: aws.String("a=b")}), 501, "NotImplemented", "")
	expectError(t, put(&s3.PutObjectInput{ACL: s3types.ObjectCannedACLPublicRead}), 400, "AccessControlListNotSupported", "The bucket does not allow ACLs")
	if err := put(&s3.PutObjectInput{ServerSideEncryption: s3types.ServerSideEncryptionAes256}); err != nil {
		t.Fatalf("explicit AES256: %v", err)
	}
}

func TestPutObjectDigests(t *testing.T) {
	srv := start(t, sandbox.Options{})
	c := s3Client(t, srv, clientOpts{})
	mustBucket(t, c, "digests")
	res := do(t, srv, clientOpts{}, http.MethodPut, "/digests/k", []byte("hello"), http.Header{"Content-Md5": {"XUFAKrxLKna5cZ2REBfFkg=="}})
	if res.Status != http.StatusOK {
		t.Fatalf("correct Content-MD5: %d %s", res.Status, res.Body)
	}
	res = do(t, srv, clientOpts{}, http.MethodPut, "/digests/k", []byte("hellO"), http.Header{"Content-Md5": {"XUFAKrxLKna5cZ2REBfFkg=="}})
	if res.Status != http.StatusBadRequest || !strings.Contains(res.Body, "<Code>BadDigest</Code>") {
		t.Fatalf("wrong Content-MD5: %d %s", res.Status, res.Body)
	}
}

func TestConditionalRequests(t *testing.T) {
	srv := start(t, sandbox.Options{})
	c := s3Client(t, srv, clientOpts{})
	mustBucket(t, c, "cond")
	mustPut(t, c, "cond", "k", "v1")
	etag := md5ETag("v1")
	_, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("cond"), Key: aws.String("k"), IfNoneMatch: aws.String(etag)})
	if got := asAPIError(t, err); got.Status != http.StatusNotModified {
		t.Fatalf("If-None-Match: %+v", got)
	}
	_, err = c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("cond"), Key: aws.String("k"), IfMatch: aws.String(`"0000"`)})
	expectError(t, err, http.StatusPreconditionFailed, "PreconditionFailed", "At least one of the pre-conditions you specified did not hold")
	if _, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("cond"), Key: aws.String("k"), IfMatch: aws.String(etag)}); err != nil {
		t.Fatalf("matching If-Match: %v", err)
	}
	_, err = c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("cond"), Key: aws.String("k"), Body: strings.NewReader("v2"), IfNoneMatch: aws.String("*")})
	expectError(t, err, http.StatusPreconditionFailed, "PreconditionFailed", "")
	_, err = c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("cond"), Key: aws.String("new"), Body: strings.NewReader("v"), IfNoneMatch: aws.String("*")})
	if err != nil {
		t.Fatalf("If-None-Match * on a new key: %v", err)
	}
}

func TestNonASCIIMetadataIsMIMEEncoded(t *testing.T) {
	srv := start(t, sandbox.Options{})
	mustBucket(t, s3Client(t, srv, clientOpts{}), "meta")
	res := do(t, srv, clientOpts{}, http.MethodPut, "/meta/k", []byte("x"), http.Header{"X-Amz-Meta-City": {"Zürich"}, "X-Amz-Meta-Plain": {"ascii"}})
	if res.Status != http.StatusOK {
		t.Fatalf("PUT: %d %s", res.Status, res.Body)
	}
	res = do(t, srv, clientOpts{}, http.MethodHead, "/meta/k", nil, nil)
	// S3 reads the raw UTF-8 bytes C3 BC as two ISO-8859-1 characters (Ã ¼)
	// and returns those RFC 2047-encoded: "ZÃ¼rich" in UTF-8 is
	// 5A C3 83 C2 BC 72 69 63 68, base64 WsODwrxyaWNo.
	if got := res.Header.Get("x-amz-meta-city"); got != "=?UTF-8?b?WsODwrxyaWNo?=" || res.Header.Get("x-amz-meta-plain") != "ascii" {
		t.Fatalf("metadata %q %q", got, res.Header.Get("x-amz-meta-plain"))
	}
	// A value the client RFC 2047-encoded itself is ASCII on the wire and
	// comes back verbatim.
	res = do(t, srv, clientOpts{}, http.MethodPut, "/meta/enc", []byte("x"), http.Header{"X-Amz-Meta-City": {"=?UTF-8?b?WsO8cmljaA==?="}})
	if res.Status != http.StatusOK {
		t.Fatalf("PUT: %d %s", res.Status, res.Body)
	}
	res = do(t, srv, clientOpts{}, http.MethodHead, "/meta/enc", nil, nil)
	if got := res.Header.Get("x-amz-meta-city"); got != "=?UTF-8?b?WsO8cmljaA==?=" {
		t.Fatalf("pre-encoded metadata came back as %q", got)
	}
}
