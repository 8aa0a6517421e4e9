package sandbox_test

import (
	"context"
	"encoding/base64"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/s3sec/s3sec/sandbox"
)

func TestStartServesBothListenersAndRemovesCAFile(t *testing.T) {
	srv, err := sandbox.Start(sandbox.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(srv.HTTPURL(), "http://127.0.0.1:") || !strings.HasPrefix(srv.HTTPSURL(), "https://127.0.0.1:") {
		t.Fatalf("URLs %s %s", srv.HTTPURL(), srv.HTTPSURL())
	}
	pem, err := os.ReadFile(srv.CAFile())
	if err != nil {
		t.Fatal(err)
	}
	if string(pem) != string(srv.CAPEM()) || !strings.Contains(string(pem), "BEGIN CERTIFICATE") {
		t.Fatal("CA file does not hold the CA PEM")
	}
	for _, plain := range []bool{true, false} {
		_, err := s3Client(t, srv, clientOpts{plain: plain}).ListBuckets(ctx, &s3.ListBucketsInput{})
		if err != nil {
			t.Fatalf("ListBuckets (plain=%v): %v", plain, err)
		}
	}
	if err := srv.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(srv.CAFile()); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("default CA file still there after Close: %v", err)
	}
}

func TestCAFileOptionIsKept(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ca.pem")
	srv := start(t, sandbox.Options{CAFile: path})
	if srv.CAFile() != path {
		t.Fatalf("CAFile() = %s", srv.CAFile())
	}
	if err := srv.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("caller's CA file removed: %v", err)
	}
}

func TestStartRefusesNonLoopback(t *testing.T) {
	for _, opts := range []sandbox.Options{{Addr: "0.0.0.0:0"}, {TLSAddr: "192.0.2.1:0"}} {
		if srv, err := sandbox.Start(opts); err == nil {
			srv.Close()
			t.Fatalf("Start(%+v) accepted a non-loopback address", opts)
		}
	}
}

func TestIdentityDefaults(t *testing.T) {
	srv := start(t, sandbox.Options{})
	if srv.AccountID() != sandbox.DefaultAccountID {
		t.Fatal(srv.AccountID())
	}
	root, admin := srv.Root(), srv.Admin()
	if root.AccessKeyID != sandbox.DefaultRootAccessKeyID || root.SecretAccessKey != sandbox.DefaultRootSecretAccessKey ||
		root.ARN != "arn:aws:iam::111122223333:root" {
		t.Fatalf("root %+v", root)
	}
	if admin.AccessKeyID != "AKIAI44QH8DHBEXAMPLE" || admin.ARN != "arn:aws:iam::111122223333:user/admin" {
		t.Fatalf("admin %+v", admin)
	}
	other := start(t, sandbox.Options{AccountID: "444455556666", RootAccessKeyID: "AKIAOTHER", RootSecretAccessKey: "secret"})
	if got := other.Root(); got.AccessKeyID != "AKIAOTHER" || got.ARN != "arn:aws:iam::444455556666:root" {
		t.Fatalf("override ignored: %+v", got)
	}
}

var requestIDShape = regexp.MustCompile(`^[0-9A-Z]{16}$`)

func TestStandardResponseHeaders(t *testing.T) {
	srv := start(t, sandbox.Options{})
	res := do(t, srv, clientOpts{}, http.MethodGet, "/", nil, nil)
	if res.Status != http.StatusOK {
		t.Fatalf("status %d: %s", res.Status, res.Body)
	}
	if id := res.Header.Get("x-amz-request-id"); !requestIDShape.MatchString(id) {
		t.Errorf("x-amz-request-id %q", id)
	}
	id2, err := base64.StdEncoding.DecodeString(res.Header.Get("x-amz-id-2"))
	if err != nil || len(res.Header.Get("x-amz-id-2")) != 76 || len(id2) == 0 {
		t.Errorf("x-amz-id-2 %q", res.Header.Get("x-amz-id-2"))
	}
	if _, err := http.ParseTime(res.Header.Get("Date")); err != nil {
		t.Errorf("Date %q", res.Header.Get("Date"))
	}
	if res.Header.Get("Server") != "AmazonS3" || res.Header.Get("Content-Type") != "application/xml" {
		t.Errorf("Server %q Content-Type %q", res.Header.Get("Server"), res.Header.Get("Content-Type"))
	}
	if !strings.HasPrefix(res.Body, `<?xml version="1.0" encoding="UTF-8"?>`) {
		t.Errorf("body %q", res.Body)
	}
}

func TestErrorDocumentShape(t *testing.T) {
	srv := start(t, sandbox.Options{})
	res := do(t, srv, clientOpts{}, http.MethodGet, "/no-such-bucket?location", nil, nil)
	id, host := res.Header.Get("x-amz-request-id"), res.Header.Get("x-amz-id-2")
	want := `<?xml version="1.0" encoding="UTF-8"?>` + "\n" +
		`<Error><Code>NoSuchBucket</Code><Message>The specified bucket does not exist</Message>` +
		`<BucketName>no-such-bucket</BucketName><RequestId>` + id + `</RequestId><HostId>` + host + `</HostId></Error>`
	if res.Status != http.StatusNotFound || res.Body != want {
		t.Fatalf("got %d\n%s\nwant\n%s", res.Status, res.Body, want)
	}
	if res.Header.Get("Content-Type") != "application/xml" {
		t.Fatalf("Content-Type %q", res.Header.Get("Content-Type"))
	}
}

func TestHeadErrorsHaveNoBody(t *testing.T) {
	srv := start(t, sandbox.Options{})
	res := do(t, srv, clientOpts{}, http.MethodHead, "/no-such-bucket", nil, nil)
	if res.Status != http.StatusNotFound || res.Body != "" || !requestIDShape.MatchString(res.Header.Get("x-amz-request-id")) {
		t.Fatalf("HEAD: %d %q %v", res.Status, res.Body, res.Header)
	}
	_, err := s3Client(t, srv, clientOpts{}).HeadBucket(ctx, &s3.HeadBucketInput{Bucket: aws.String("no-such-bucket")})
	expectError(t, err, http.StatusNotFound, "NotFound", "")
}

func TestAuthenticationFailures(t *testing.T) {
	srv := start(t, sandbox.Options{})
	unknown := clientOpts{creds: sandbox.Credentials{AccessKeyID: "AKIAUNKNOWNKEY000000", SecretAccessKey: "x"}}
	_, err := s3Client(t, srv, unknown).ListBuckets(ctx, &s3.ListBucketsInput{})
	expectError(t, err, http.StatusForbidden, "InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records.")

	wrongSecret := clientOpts{creds: sandbox.Credentials{AccessKeyID: srv.Root().AccessKeyID, SecretAccessKey: "not-the-secret"}}
	_, err = s3Client(t, srv, wrongSecret).ListBuckets(ctx, &s3.ListBucketsInput{})
	expectError(t, err, http.StatusForbidden, "SignatureDoesNotMatch",
		"The request signature we calculated does not match the signature you provided. Check your key and signing method.")

	resp, err := httpClient(t, srv).Get(srv.HTTPSURL() + "/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Fatalf("anonymous request: %d", resp.StatusCode)
	}
}

func TestUnimplementedFeaturesAnswerNotImplemented(t *testing.T) {
	srv := start(t, sandbox.Options{})
	c := s3Client(t, srv, clientOpts{})
	mustBucket(t, c, "demo")
	mustPut(t, c, "demo", "k", "v")
	for _, path := range []string{"/demo?tagging", "/demo?replication", "/demo?website", "/demo?object-lock", "/demo/k?tagging", "/demo/k?partNumber=1"} {
		res := do(t, srv, clientOpts{}, http.MethodGet, path, nil, nil)
		if res.Status != http.StatusNotImplemented || !strings.Contains(res.Body, "<Code>NotImplemented</Code>") {
			t.Errorf("GET %s: %d %s", path, res.Status, res.Body)
		}
	}
	_, err := c.UploadPartCopy(ctx, &s3.UploadPartCopyInput{Bucket: aws.String("demo"), Key: aws.String("big"),
		UploadId: aws.String("any"), PartNumber: aws.Int32(1), CopySource: aws.String("demo/k")})
	expectError(t, err, http.StatusNotImplemented, "NotImplemented", "")
}

func TestLatencyRespectsCancellation(t *testing.T) {
	srv := start(t, sandbox.Options{Latency: time.Hour})
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	req := httptest.NewRequestWithContext(cctx, http.MethodGet, "/", nil)
	rec := httptest.NewRecorder()
	srv.Handler().ServeHTTP(rec, req) // returns at once instead of sleeping an hour
	if rec.Body.Len() != 0 || rec.Header().Get("x-amz-request-id") != "" {
		t.Fatalf("a cancelled request was answered: %v %q", rec.Header(), rec.Body.String())
	}
}

func TestVirtualHostedStyle(t *testing.T) {
	srv := start(t, sandbox.Options{})
	c := s3Client(t, srv, clientOpts{})
	mustBucket(t, c, "vhost")
	mustPut(t, c, "vhost", "dir/k", "virtual")
	port := srv.HTTPSURL()[strings.LastIndex(srv.HTTPSURL(), ":")+1:]
	res := do(t, srv, clientOpts{}, http.MethodGet, "/dir/k", nil, http.Header{"Host": {"vhost.localhost:" + port}})
	if res.Status != 200 || res.Body != "virtual" {
		t.Fatalf("virtual-hosted GET: %d %s", res.Status, res.Body)
	}
}

func TestExpectedBucketOwner(t *testing.T) {
	srv := start(t, sandbox.Options{})
	c := s3Client(t, srv, clientOpts{})
	mustBucket(t, c, "owned")
	if _, err := c.GetBucketVersioning(ctx, &s3.GetBucketVersioningInput{Bucket: aws.String("owned"), ExpectedBucketOwner: aws.String("111122223333")}); err != nil {
		t.Fatal(err)
	}
	_, err := c.GetBucketVersioning(ctx, &s3.GetBucketVersioningInput{Bucket: aws.String("owned"), ExpectedBucketOwner: aws.String("999999999999")})
	expectError(t, err, 403, "AccessDenied", "Access Denied")
	_, err = c.GetBucketVersioning(ctx, &s3.GetBucketVersioningInput{Bucket: aws.String("owned"), ExpectedBucketOwner: aws.String("nope")})
	expectError(t, err, 400, "InvalidBucketOwnerAWSAccountID", "")
}

func TestPresignedGet(t *testing.T) {
	srv := start(t, sandbox.Options{})
	c := s3Client(t, srv, clientOpts{})
	mustBucket(t, c, "presign")
	mustPut(t, c, "presign", "k", "shared by url")
	req, err := s3.NewPresignClient(c).PresignGetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("presign"), Key: aws.String("k")})
	if err != nil {
		t.Fatal(err)
	}
	resp, err := httpClient(t, srv).Get(req.URL)
	if err != nil {
		t.Fatal(err)
	}
	body := readAll(t, resp.Body)
	if resp.StatusCode != 200 || body != "shared by url" {
		t.Fatalf("presigned GET: %d %s", resp.StatusCode, body)
	}
}

func TestEmptyListBucketsKeepsBucketsElement(t *testing.T) {
	srv := start(t, sandbox.Options{})
	res := do(t, srv, clientOpts{}, http.MethodGet, "/", nil, nil)
	if !strings.Contains(res.Body, "<Buckets></Buckets>") {
		t.Fatalf("%s", res.Body)
	}
}
