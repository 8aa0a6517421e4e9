package kms_test

import (
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kms"

	"github.com/s3sec/s3sec/sandbox"
)

// TestDemoKeys checks the keys the demo seed creates for its SSE-KMS
// buckets, and that their ARNs are the same on every start.
func TestDemoKeys(t *testing.T) {
	arns := func() map[string]string {
		srv := start(t, sandbox.Options{Seed: true, Clock: func() time.Time { return fixedTime }})
		out := map[string]string{}
		for _, k := range []struct{ region, alias string }{
			{"us-east-1", "alias/acme-records"}, {"us-east-1", "alias/acme-logs"}, {"eu-west-1", "alias/acme-eu"},
		} {
			d, err := client(t, srv, k.region, srv.Root()).DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: aws.String(k.alias)})
			must(t, err)
			m := d.KeyMetadata
			if m.KeyManager != "CUSTOMER" || !m.Enabled || aws.ToString(m.Description) == "" {
				t.Fatalf("%s: %s", k.alias, describe(m))
			}
			out[k.alias] = aws.ToString(m.Arn)
		}
		return out
	}
	a, b := arns(), arns()
	for alias, arn := range a {
		if b[alias] != arn {
			t.Fatalf("%s is %s, then %s", alias, arn, b[alias])
		}
	}
}

// TestSeedOutsideQuota checks that loading the demo data does not spend the
// KMS quota, so even a tiny quota leaves a fresh demo one request.
func TestSeedOutsideQuota(t *testing.T) {
	srv := start(t, sandbox.Options{Seed: true, KMSRequestsPerSecond: 0.01})
	c := rootClient(t, srv)
	_, err := c.Encrypt(ctx, &kms.EncryptInput{KeyId: aws.String("alias/acme-records"), Plaintext: []byte("x")})
	must(t, err)
	_, err = c.Encrypt(ctx, &kms.EncryptInput{KeyId: aws.String("alias/acme-records"), Plaintext: []byte("x")})
	expectError(t, err, 400, "ThrottlingException", throttleMessage)
}
