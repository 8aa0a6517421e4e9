package sandbox_test

import (
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/s3sec/s3sec/sandbox"
)

// motoS3 is an aws-sdk-go-v2 client for moto_server.
func motoS3(url string, creds aws.CredentialsProvider) *s3.Client {
	return s3.NewFromConfig(aws.Config{
		Region:      "us-east-1",
		Credentials: creds,
		Retryer:     func() aws.Retryer { return aws.NopRetryer{} },
	}, func(o *s3.Options) {
		o.BaseEndpoint = aws.String(url)
		o.UsePathStyle = true
	})
}

// The same policies against moto and the sandbox (both over plain HTTP:
// moto_server has no HTTPS listener). Known moto deviations, asserted as
// moto behaves so a change in moto shows up here:
//   - moto ignores policy Conditions: a Deny with any condition is applied
//     as if unconditional, so a Deny on aws:SecureTransport "true" refuses
//     plain HTTP and a deny-unencrypted statement refuses an upload that
//     carries the required header. AWS and the sandbox evaluate them.
//   - moto answers its policy denials 403 without an AccessDenied error
//     document (the SDK reports code "Forbidden").
//   - moto validates neither condition keys nor operators (an unknown key is
//     stored; AWS answers MalformedPolicy) and new buckets have no Block
//     Public Access configuration, so a public policy is accepted as is.
func TestPolicyConditionsMoto(t *testing.T) {
	url := startMotoServer(t)
	moto := motoS3(url, credentials.NewStaticCredentialsProvider("test", "test", ""))
	srv := start(t, sandbox.Options{})
	sb := s3Client(t, srv, clientOpts{plain: true})
	tls := s3Client(t, srv, clientOpts{})
	httpsOnlyDeny := func(b string) string { // denies HTTPS callers: never applies over HTTP
		return `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::` + b +
			`/*","Condition":{"Bool":{"aws:SecureTransport":"true"}}}]}`
	}
	requireKMS := func(b string) string {
		return `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:PutObject","Resource":"arn:aws:s3:::` + b +
			`/*","Condition":{"StringNotEquals":{"s3:x-amz-server-side-encryption":"aws:kms"}}}]}`
	}
	for _, b := range []string{"cond", "enc"} {
		mustBucket(t, moto, b)
		mustBucket(t, tls, b)
		mustPut(t, moto, b, "k", "v")
		mustPut(t, tls, b, "k", "v")
	}
	for _, c := range []*s3.Client{moto, tls} {
		if err := trySetPolicy(t, c, "cond", httpsOnlyDeny("cond")); err != nil {
			t.Fatal(err)
		}
		if err := trySetPolicy(t, c, "enc", requireKMS("enc")); err != nil {
			t.Fatal(err)
		}
	}

	// A Deny whose condition is false over HTTP.
	if err := getObject(sb, "cond", "k"); err != nil {
		t.Fatalf("sandbox: the HTTPS-only Deny applied over HTTP: %v", err)
	}
	expectError(t, getObject(tls, "cond", "k"), 403, "AccessDenied", "Access Denied")
	if e := asAPIError(t, getObject(moto, "cond", "k")); e.Status != 403 || e.Code != "Forbidden" {
		t.Fatalf("moto (ignores conditions, denies unconditionally): got %+v", e)
	}

	// An upload carrying the header the Deny requires.
	put := func(c *s3.Client) error {
		_, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("enc"), Key: aws.String("x"), Body: strings.NewReader("x"),
			ServerSideEncryption: s3types.ServerSideEncryptionAwsKms})
		return err
	}
	if err := put(tls); err != nil {
		t.Fatalf("sandbox: an SSE-KMS upload under the require-KMS Deny: %v", err)
	}
	if e := asAPIError(t, put(moto)); e.Status != 403 {
		t.Fatalf("moto (ignores conditions): got %+v", e)
	}

	// Validation: moto stores a policy with an unknown condition key.
	bad := `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::cond/*","Condition":{"StringEquals":{"s3:NoSuchKey":"x"}}}]}`
	expectError(t, trySetPolicy(t, tls, "cond", bad), 400, "MalformedPolicy", "Policy has an invalid condition key")
	if err := trySetPolicy(t, moto, "cond", bad); err != nil {
		t.Fatalf("moto refused a policy it does not validate: %v", err)
	}
	_, err := moto.GetPublicAccessBlock(ctx, &s3.GetPublicAccessBlockInput{Bucket: aws.String("cond")})
	expectError(t, err, 404, "NoSuchPublicAccessBlockConfiguration", "")
}
