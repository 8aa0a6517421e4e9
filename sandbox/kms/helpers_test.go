package kms_test

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net/http"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/smithy-go"
	smithyhttp "github.com/aws/smithy-go/transport/http"

	"github.com/s3sec/s3sec/sandbox"
)

// ctx is the context of SDK calls in tests.
var ctx = context.Background()

// account is the sandbox's default account, which owns every key.
const account = sandbox.DefaultAccountID

// start runs a sandbox for the test and closes it afterwards.
func start(t testing.TB, opts sandbox.Options) *sandbox.Server {
	t.Helper()
	srv, err := sandbox.Start(opts)
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

// client is an aws-sdk-go-v2 KMS client for region, signed by creds, over
// HTTPS with the sandbox CA. Retries are off so every error is the server's
// first answer.
func client(t testing.TB, srv *sandbox.Server, region string, creds sandbox.Credentials, optFns ...func(*kms.Options)) *kms.Client {
	cfg := aws.Config{
		Region:      region,
		Credentials: credentials.NewStaticCredentialsProvider(creds.AccessKeyID, creds.SecretAccessKey, ""),
		HTTPClient:  httpClient(t, srv),
		Retryer:     func() aws.Retryer { return aws.NopRetryer{} },
	}
	optFns = append([]func(*kms.Options){func(o *kms.Options) { o.BaseEndpoint = aws.String(srv.HTTPSURL()) }}, optFns...)
	return kms.NewFromConfig(cfg, optFns...)
}

// rootClient is a us-east-1 client signed by the account's root user.
func rootClient(t testing.TB, srv *sandbox.Server) *kms.Client {
	return client(t, srv, "us-east-1", srv.Root())
}

// expectError asserts that err is a KMS error answer with this status, code
// and exact message.
func expectError(t testing.TB, err error, status int, code, message string) {
	t.Helper()
	if err == nil {
		t.Fatalf("got success, want %d %s %q", status, code, message)
	}
	var ae smithy.APIError
	if !errors.As(err, &ae) {
		t.Fatalf("not an API error: %v", err)
	}
	got := 0
	var re *smithyhttp.ResponseError
	if errors.As(err, &re) {
		got = re.HTTPStatusCode()
	}
	if got != status || ae.ErrorCode() != code || ae.ErrorMessage() != message {
		t.Fatalf("got %d %s %q, want %d %s %q", got, ae.ErrorCode(), ae.ErrorMessage(), status, code, message)
	}
}

// must fails the test on an unexpected error.
func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// newKey creates a key over the API and returns its id and ARN.
func newKey(t testing.TB, c *kms.Client, description string) (id, arn string) {
	t.Helper()
	out, err := c.CreateKey(ctx, &kms.CreateKeyInput{Description: aws.String(description)})
	must(t, err)
	return aws.ToString(out.KeyMetadata.KeyId), aws.ToString(out.KeyMetadata.Arn)
}

// sprint formats a value for comparisons in failure messages.
func sprint(v any) string { return fmt.Sprint(v) }
