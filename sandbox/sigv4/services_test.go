package sigv4

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/smithy-go"
)

// Real STS and KMS clients sign the SHA-256 of their bodies without sending
// x-amz-content-sha256; the handler must still get the body.
func TestSDKServiceClients(t *testing.T) {
	vs := newVerifyServer(t, true)
	creds := credentials.NewStaticCredentialsProvider(testAccessKey, testSecretKey, "")
	stsClient := sts.New(sts.Options{Region: testRegion, BaseEndpoint: aws.String(vs.URL), Credentials: creds,
		HTTPClient: vs.Client(), RetryMaxAttempts: 1})
	out, err := stsClient.GetCallerIdentity(context.Background(), &sts.GetCallerIdentityInput{})
	if err != nil {
		t.Fatal(err)
	}
	s := vs.last(t)
	if aws.ToString(out.Account) != "123456789012" || s.res.Service != "sts" || s.contentSHA256 != "" ||
		!bytes.Contains(s.body, []byte("Action=GetCallerIdentity")) {
		t.Fatalf("sts: service %q, x-amz-content-sha256 %q, body %q", s.res.Service, s.contentSHA256, s.body)
	}

	kmsClient := kms.New(kms.Options{Region: testRegion, BaseEndpoint: aws.String(vs.URL), Credentials: creds,
		HTTPClient: vs.Client(), RetryMaxAttempts: 1})
	if _, err := kmsClient.ListKeys(context.Background(), &kms.ListKeysInput{Limit: aws.Int32(7)}); err != nil {
		t.Fatal(err)
	}
	s = vs.last(t)
	if s.res.Service != "kms" || !bytes.Contains(s.body, []byte(`"Limit":7`)) {
		t.Fatalf("kms: service %q, body %q", s.res.Service, s.body)
	}

	wrong := sts.New(sts.Options{Region: testRegion, BaseEndpoint: aws.String(vs.URL), HTTPClient: vs.Client(), RetryMaxAttempts: 1,
		Credentials: credentials.NewStaticCredentialsProvider(testAccessKey, "wrong", "")})
	_, err = wrong.GetCallerIdentity(context.Background(), &sts.GetCallerIdentityInput{})
	var apiErr smithy.APIError
	if !errors.As(err, &apiErr) || apiErr.ErrorCode() != "SignatureDoesNotMatch" {
		t.Fatalf("wrong secret: %v", err)
	}
}

// For non-S3 services the body is part of the signature: changing it after
// signing breaks the signature.
func TestServiceBodyIsSigned(t *testing.T) {
	body := []byte(`{"KeyId":"alias/aws/s3"}`)
	r, _ := http.NewRequest("POST", "http://127.0.0.1/", bytes.NewReader(body))
	r.Header.Set("X-Amz-Target", "TrentService.DescribeKey")
	r.Header.Set("Content-Type", "application/x-amz-json-1.1")
	signCreds(t, r, testCreds(), hexSHA256(body), "kms", time.Now())
	r.Body = bodyOf([]byte(`{"KeyId":"alias/other"}`))
	if _, e := Verify(r, testLookup, time.Now()); e == nil || e.Code != "SignatureDoesNotMatch" {
		t.Fatalf("tampered body accepted: %+v", e)
	}
}
