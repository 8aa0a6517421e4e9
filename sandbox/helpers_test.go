package sandbox_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"encoding/hex"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/smithy-go"
	smithyhttp "github.com/aws/smithy-go/transport/http"

	"github.com/s3sec/s3sec/sandbox"
)

// fixedTime is the clock of sandboxes whose output tests compare byte for byte.
var fixedTime = time.Date(2026, 11, 20, 9, 30, 0, 0, time.UTC)

// start runs a sandbox for the test and closes it afterwards; the test fails
// if the server logged a panic (server_log_watch_test.go).
func start(t testing.TB, opts sandbox.Options) *sandbox.Server {
	t.Helper()
	srv, err := sandbox.Start(watchServerLog(t, opts))
	if err != nil {
		t.Fatalf("Start: %v", err)
	}
	t.Cleanup(func() {
		if err := srv.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return srv
}

// httpClient trusts the sandbox CA.
func httpClient(t testing.TB, srv *sandbox.Server) *http.Client {
	t.Helper()
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(srv.CAPEM()) {
		t.Fatal("CAPEM holds no certificate")
	}
	return &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}}
}

// clientOpts selects the identity, region and transport of an SDK client.
type clientOpts struct {
	creds  sandbox.Credentials
	region string
	plain  bool // plain HTTP instead of HTTPS
}

// awsConfig builds an SDK config for the sandbox without touching the environment.
func awsConfig(t testing.TB, srv *sandbox.Server, o clientOpts) aws.Config {
	if o.creds.AccessKeyID == "" {
		o.creds = srv.Root()
	}
	if o.region == "" {
		o.region = "us-east-1"
	}
	return aws.Config{
		Region:      o.region,
		Credentials: credentials.NewStaticCredentialsProvider(o.creds.AccessKeyID, o.creds.SecretAccessKey, ""),
		HTTPClient:  httpClient(t, srv),
		Retryer:     func() aws.Retryer { return aws.NopRetryer{} },
		// The defaults config.LoadDefaultConfig applies since 2025: CRC32 on
		// uploads (aws-chunked with a trailer over TLS), response validation.
		RequestChecksumCalculation: aws.RequestChecksumCalculationWhenSupported,
		ResponseChecksumValidation: aws.ResponseChecksumValidationWhenSupported,
	}
}

// endpoint is the sandbox URL for the transport asked for.
func endpoint(srv *sandbox.Server, plain bool) string {
	if plain {
		return srv.HTTPURL()
	}
	return srv.HTTPSURL()
}

// s3Client is an aws-sdk-go-v2 S3 client, path-style, against the sandbox.
func s3Client(t testing.TB, srv *sandbox.Server, o clientOpts) *s3.Client {
	return s3.NewFromConfig(awsConfig(t, srv, o), func(so *s3.Options) {
		so.BaseEndpoint = aws.String(endpoint(srv, o.plain))
		so.UsePathStyle = true
	})
}

// stsClient is an aws-sdk-go-v2 STS client against the sandbox.
func stsClient(t testing.TB, srv *sandbox.Server, o clientOpts) *sts.Client {
	return sts.NewFromConfig(awsConfig(t, srv, o), func(so *sts.Options) {
		so.BaseEndpoint = aws.String(endpoint(srv, o.plain))
	})
}

// apiErr is what a client sees of an error answer.
type apiErr struct {
	Status  int
	Code    string
	Message string
	Err     error
}

// asAPIError extracts status, code and message from an SDK error.
func asAPIError(t testing.TB, err error) apiErr {
	t.Helper()
	if err == nil {
		t.Fatal("expected an error, got success")
	}
	var out apiErr
	out.Err = err
	var ae smithy.APIError
	if errors.As(err, &ae) {
		out.Code, out.Message = ae.ErrorCode(), ae.ErrorMessage()
	} else {
		t.Fatalf("not an API error: %v", err)
	}
	var re *smithyhttp.ResponseError
	if errors.As(err, &re) {
		out.Status = re.HTTPStatusCode()
	}
	return out
}

// expectError asserts an SDK error's status, code and message.
func expectError(t testing.TB, err error, status int, code, message string) apiErr {
	t.Helper()
	got := asAPIError(t, err)
	if got.Status != status || got.Code != code || (message != "" && got.Message != message) {
		t.Fatalf("got %d %s %q, want %d %s %q", got.Status, got.Code, got.Message, status, code, message)
	}
	return got
}

// rawResponse is a fully read HTTP answer.
type rawResponse struct {
	Status int
	Header http.Header
	Body   string
}

// do sends a request signed with aws-sdk-go-v2's SigV4 signer and reads the answer.
func do(t testing.TB, srv *sandbox.Server, o clientOpts, method, path string, body []byte, header http.Header) rawResponse {
	t.Helper()
	if o.creds.AccessKeyID == "" {
		o.creds = srv.Root()
	}
	if o.region == "" {
		o.region = "us-east-1"
	}
	req, err := http.NewRequest(method, endpoint(srv, o.plain)+path, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		if k == "Host" {
			req.Host = v[0] // Go sends req.Host, not a Host header entry
			continue
		}
		req.Header[k] = v
	}
	sum := sha256.Sum256(body)
	hash := hex.EncodeToString(sum[:])
	req.Header.Set("X-Amz-Content-Sha256", hash)
	creds := aws.Credentials{AccessKeyID: o.creds.AccessKeyID, SecretAccessKey: o.creds.SecretAccessKey}
	if err := v4.NewSigner().SignHTTP(context.Background(), creds, req, hash, "s3", o.region, time.Now()); err != nil {
		t.Fatal(err)
	}
	resp, err := httpClient(t, srv).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return rawResponse{Status: resp.StatusCode, Header: resp.Header, Body: string(data)}
}

// ctx is the context of SDK calls in tests.
var ctx = context.Background()

// mustBucket creates a bucket (us-east-1 unless a region is given) and fails the test on error.
func mustBucket(t testing.TB, c *s3.Client, name string, region ...string) {
	t.Helper()
	in := &s3.CreateBucketInput{Bucket: aws.String(name)}
	var optFns []func(*s3.Options)
	if len(region) > 0 && region[0] != "us-east-1" {
		in.CreateBucketConfiguration = &s3types.CreateBucketConfiguration{LocationConstraint: s3types.BucketLocationConstraint(region[0])}
		optFns = append(optFns, func(o *s3.Options) { o.Region = region[0] })
	}
	if _, err := c.CreateBucket(ctx, in, optFns...); err != nil {
		t.Fatalf("CreateBucket %s: %v", name, err)
	}
}

// mustPut stores an object and returns its version id (nil when unversioned).
func mustPut(t testing.TB, c *s3.Client, bucket, key, body string) *string {
	t.Helper()
	out, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(bucket), Key: aws.String(key), Body: strings.NewReader(body)})
	if err != nil {
		t.Fatalf("PutObject %s/%s: %v", bucket, key, err)
	}
	return out.VersionId
}

// readAll drains an SDK body.
func readAll(t testing.TB, r io.ReadCloser) string {
	t.Helper()
	defer r.Close()
	data, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// serveDirect signs a request and runs it through srv.Handler() without a
// network, so the answer's header names are seen exactly as written.
func serveDirect(t testing.TB, srv *sandbox.Server, method, path string, body []byte, header http.Header) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(method, "http://127.0.0.1"+path, bytes.NewReader(body))
	for k, v := range header {
		req.Header[k] = v
	}
	sum := sha256.Sum256(body)
	hash := hex.EncodeToString(sum[:])
	req.Header.Set("X-Amz-Content-Sha256", hash)
	root := srv.Root()
	creds := aws.Credentials{AccessKeyID: root.AccessKeyID, SecretAccessKey: root.SecretAccessKey}
	if err := v4.NewSigner().SignHTTP(context.Background(), creds, req, hash, "s3", "us-east-1", time.Now()); err != nil {
		t.Fatal(err)
	}
	rec := httptest.NewRecorder()
	srv.Handler().ServeHTTP(rec, req)
	return rec
}
