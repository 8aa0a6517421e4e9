package sandbox_test

import (
	"crypto/md5"
	"encoding/base64"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/s3sec/s3sec/sandbox"
)

func TestSeedShowsEveryEncryptionMode(t *testing.T) {
	srv, clients := seeded(t)
	for _, name := range sandbox.DemoBuckets { // seeding's own KMS calls are not counted
		if calls := srv.KMSCalls(name); calls != (sandbox.KMSCallCount{}) {
			t.Errorf("%s: KMS calls %+v right after seeding", name, calls)
		}
	}
	arn := func(region, alias string) string {
		a, err := srv.KMS().ResolveKey(region, alias)
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	for _, tc := range []struct {
		region, bucket, key string
		sse                 s3types.ServerSideEncryption
		kmsARN              string
		bke                 bool
	}{
		{"us-east-1", "acme-secure-records", "reports/2026-q2.pdf", s3types.ServerSideEncryptionAwsKms, arn("us-east-1", "alias/acme-records"), true},
		{"us-east-1", "acme-secure-records", "legal/board-minutes-2026-10.txt", s3types.ServerSideEncryptionAwsKmsDsse, arn("us-east-1", "alias/acme-records"), false},
		{"us-east-1", "acme-access-logs", "secure-records/2026-11-01-10-15-42-3F1A7C9E2B4D6F80", s3types.ServerSideEncryptionAwsKms, arn("us-east-1", "alias/acme-logs"), false},
		{"eu-west-1", "acme-scratch", "exports/customers-eu.csv", s3types.ServerSideEncryptionAwsKms, arn("eu-west-1", "alias/acme-eu"), false},
		{"eu-west-1", "acme-scratch", "exports/orders-eu.csv", s3types.ServerSideEncryptionAwsKms, arn("eu-west-1", "alias/acme-eu"), true},
		{"eu-west-1", "acme-scratch", "notes.txt", s3types.ServerSideEncryptionAes256, "", false},
		{"eu-west-1", "acme-ssec-vault", "README.txt", s3types.ServerSideEncryptionAes256, "", false},
	} {
		out, err := clients[tc.region].GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(tc.bucket), Key: aws.String(tc.key)})
		if err != nil {
			t.Fatalf("%s/%s: %v", tc.bucket, tc.key, err)
		}
		body := readAll(t, out.Body)
		if out.ServerSideEncryption != tc.sse || aws.ToString(out.SSEKMSKeyId) != tc.kmsARN || aws.ToBool(out.BucketKeyEnabled) != tc.bke || body == "" {
			t.Errorf("%s/%s: %s %s %v", tc.bucket, tc.key, out.ServerSideEncryption, aws.ToString(out.SSEKMSKeyId), out.BucketKeyEnabled)
		}
		assertEncryptedAtRest(t, srv, tc.bucket, tc.key, "", []byte(body))
	}
	// In acme-scratch, customers-eu.csv cost a Decrypt; orders-eu.csv came from
	// root's bucket key, still cached since the seeding (the clock is frozen).
	if calls := srv.KMSCalls("acme-scratch"); calls != (sandbox.KMSCallCount{Decrypt: 1, BucketKeyHits: 1}) {
		t.Errorf("acme-scratch: KMS calls %+v", calls)
	}
}

func TestSeedSSECVault(t *testing.T) {
	srv, clients := seeded(t)
	west := clients["eu-west-1"]
	enc, err := west.GetBucketEncryption(ctx, &s3.GetBucketEncryptionInput{Bucket: aws.String("acme-ssec-vault")})
	if err != nil {
		t.Fatal(err)
	}
	rule := enc.ServerSideEncryptionConfiguration.Rules[0]
	if rule.ApplyServerSideEncryptionByDefault.SSEAlgorithm != s3types.ServerSideEncryptionAes256 || rule.BlockedEncryptionTypes == nil ||
		len(rule.BlockedEncryptionTypes.EncryptionType) != 1 || rule.BlockedEncryptionTypes.EncryptionType[0] != s3types.EncryptionTypeNone {
		t.Fatalf("vault encryption %+v", rule)
	}
	if v, err := west.GetBucketVersioning(ctx, &s3.GetBucketVersioningInput{Bucket: aws.String("acme-ssec-vault")}); err != nil || v.Status != s3types.BucketVersioningStatusEnabled {
		t.Fatalf("vault versioning %v %+v", err, v)
	}
	const key = "vault/launch-plan.txt"
	_, err = west.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("acme-ssec-vault"), Key: aws.String(key)})
	expectError(t, err, 400, "InvalidRequest", "The object was stored using a form of Server Side Encryption. The correct parameters must be provided to retrieve the object.")
	sum := md5.Sum(sandbox.DemoSSECKey)
	out, err := west.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("acme-ssec-vault"), Key: aws.String(key),
		SSECustomerAlgorithm: aws.String("AES256"), SSECustomerKey: aws.String(base64.StdEncoding.EncodeToString(sandbox.DemoSSECKey)),
		SSECustomerKeyMD5: aws.String(base64.StdEncoding.EncodeToString(sum[:]))})
	if err != nil {
		t.Fatalf("GET with DemoSSECKey: %v", err)
	}
	body := readAll(t, out.Body)
	if body != "Project Falcon launch plan: T-minus 30 days. Eyes only.\n" || out.ServerSideEncryption != "" || out.VersionId == nil {
		t.Fatalf("vault object %q %+v", body, out)
	}
	assertEncryptedAtRest(t, srv, "acme-ssec-vault", key, "", []byte(body))
}
