package sandbox_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/s3sec/s3sec/sandbox"
)

// putKMS writes an SSE-KMS object under keyID, with or without a bucket key.
func putKMS(c *s3.Client, bucket, key, keyID string, bucketKey bool) error {
	_, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(bucket), Key: aws.String(key), Body: strings.NewReader("kms body " + key),
		ServerSideEncryption: s3types.ServerSideEncryptionAwsKms, SSEKMSKeyId: aws.String(keyID), BucketKeyEnabled: aws.Bool(bucketKey)})
	return err
}

// getBody reads an object and fails the test on error.
func getBody(t *testing.T, c *s3.Client, bucket, key string) string {
	t.Helper()
	out, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(bucket), Key: aws.String(key)})
	if err != nil {
		t.Fatalf("GetObject %s/%s: %v", bucket, key, err)
	}
	return readAll(t, out.Body)
}

func TestKMSErrorsSurfaceAsS3Errors(t *testing.T) {
	srv := start(t, sandbox.Options{})
	c := s3Client(t, srv, clientOpts{})
	mustBucket(t, c, "kmserr")
	keyARN := newKey(t, srv, "us-east-1", "alias/kmserr")
	const missing = "11111111-2222-3333-4444-555555555555"
	for _, tc := range []struct{ keyID, message string }{
		{"fake-key-id", "Invalid keyId 'fake-key-id'"},
		{missing, "Key 'arn:aws:kms:us-east-1:111122223333:key/" + missing + "' does not exist"},
		{"arn:aws:kms:eu-west-1:111122223333:key/" + missing, "Invalid arn eu-west-1"},
	} {
		expectError(t, putKMS(c, "kmserr", "k", tc.keyID, false), 400, "KMS.NotFoundException", tc.message)
		_, err := c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String("kmserr"), Key: aws.String("k"),
			ServerSideEncryption: s3types.ServerSideEncryptionAwsKms, SSEKMSKeyId: aws.String(tc.keyID)})
		expectError(t, err, 400, "KMS.NotFoundException", tc.message)
	}
	// A bad key in the bucket default only shows on the next write (2.1).
	setDefaultKMS(t, c, "kmserr", "aws:kms", "fake-key-id", false)
	_, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("kmserr"), Key: aws.String("d"), Body: strings.NewReader("x")})
	expectError(t, err, 400, "KMS.NotFoundException", "Invalid keyId 'fake-key-id'")

	// A disabled key fails reads and writes of objects without a bucket key.
	if err := putKMS(c, "kmserr", "k", "alias/kmserr", false); err != nil {
		t.Fatal(err)
	}
	if err := srv.KMS().SetEnabled("us-east-1", keyARN, false); err != nil {
		t.Fatal(err)
	}
	_, err = c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("kmserr"), Key: aws.String("k")})
	expectError(t, err, 400, "KMS.DisabledException", keyARN+" is disabled.")
	expectError(t, putKMS(c, "kmserr", "k2", keyARN, false), 400, "KMS.DisabledException", keyARN+" is disabled.")
	// HEAD does not call KMS, so it still answers.
	if _, err := c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String("kmserr"), Key: aws.String("k")}); err != nil {
		t.Fatalf("HEAD with the key disabled: %v", err)
	}
	if err := srv.KMS().SetEnabled("us-east-1", keyARN, true); err != nil {
		t.Fatal(err)
	}
	if got := getBody(t, c, "kmserr", "k"); got != "kms body k" {
		t.Fatalf("after re-enabling: %q", got)
	}
}

func TestKMSThrottlingIsSlowDown(t *testing.T) {
	// One crypto call per ~17 minutes: the first succeeds, the next is throttled.
	srv := start(t, sandbox.Options{KMSRequestsPerSecond: 0.001})
	c := s3Client(t, srv, clientOpts{}) // the test clients never retry
	mustBucket(t, c, "throttle")
	mustBucket(t, c, "throttle-bk")
	if err := putKMS(c, "throttle", "a", "alias/aws/s3", false); err != nil {
		t.Fatalf("first SSE-KMS put: %v", err)
	}
	expectError(t, putKMS(c, "throttle", "b", "alias/aws/s3", false), 503, "SlowDown",
		"Please reduce your request rate for operations involving AWS KMS.")
	_, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("throttle"), Key: aws.String("a")})
	expectError(t, err, 503, "SlowDown", "Please reduce your request rate for operations involving AWS KMS.")
	// The quota is per (account, region), shared with every KMS caller: eu-west-1 still has its token,
	// and an S3 Bucket Key spends it once for many objects.
	west := s3Client(t, srv, clientOpts{region: "eu-west-1"})
	mustBucket(t, west, "throttle-eu", "eu-west-1")
	for i := range 10 {
		if err := putKMS(west, "throttle-eu", fmt.Sprint("k", i), "alias/aws/s3", true); err != nil {
			t.Fatalf("bucket-key put %d: %v", i, err)
		}
	}
	if calls := srv.KMSCalls("throttle-eu"); calls.GenerateDataKey != 1 || calls.BucketKeyHits != 9 {
		t.Fatalf("KMS calls with a bucket key: %+v", calls)
	}
}

func TestBucketKeyCutsKMSCalls(t *testing.T) {
	srv := start(t, sandbox.Options{})
	c := s3Client(t, srv, clientOpts{})
	newKey(t, srv, "us-east-1", "alias/bk")
	const n = 50
	for _, bk := range []bool{false, true} {
		bucket := fmt.Sprintf("bk-%v", bk)
		mustBucket(t, c, bucket)
		for i := range n {
			if err := putKMS(c, bucket, fmt.Sprint("k", i), "alias/bk", bk); err != nil {
				t.Fatal(err)
			}
		}
		for i := range n {
			if got := getBody(t, c, bucket, fmt.Sprint("k", i)); got != fmt.Sprint("kms body k", i) {
				t.Fatalf("%s: got %q", bucket, got)
			}
		}
	}
	without, with := srv.KMSCalls("bk-false"), srv.KMSCalls("bk-true")
	if without != (sandbox.KMSCallCount{GenerateDataKey: n, Decrypt: n}) {
		t.Fatalf("without bucket key: %+v, want one GenerateDataKey per put and one Decrypt per get", without)
	}
	if with != (sandbox.KMSCallCount{GenerateDataKey: 1, BucketKeyHits: 2*n - 1}) {
		t.Fatalf("with bucket key: %+v, want a single GenerateDataKey and everything else from the cache", with)
	}
	// Bucket keys are per requester: the admin fetches its own, and needs one Decrypt for root's.
	admin := s3Client(t, srv, clientOpts{creds: srv.Admin()})
	if err := putKMS(admin, "bk-true", "by-admin", "alias/bk", true); err != nil {
		t.Fatal(err)
	}
	getBody(t, admin, "bk-true", "k0")
	getBody(t, admin, "bk-true", "k1")
	if got := srv.KMSCalls("bk-true"); got != (sandbox.KMSCallCount{GenerateDataKey: 2, Decrypt: 1, BucketKeyHits: 2 * n}) {
		t.Fatalf("after the admin's calls: %+v", got)
	}
}

func TestBucketKeyExpiresAfterItsTTL(t *testing.T) {
	clock := &manualClock{t: fixedTime}
	srv := start(t, sandbox.Options{Clock: clock.Now})
	c := s3Client(t, srv, clientOpts{})
	mustBucket(t, c, "ttl")
	keyARN := newKey(t, srv, "us-east-1", "alias/ttl")
	if err := putKMS(c, "ttl", "a", "alias/ttl", true); err != nil {
		t.Fatal(err)
	}
	// While the bucket key lives, S3 does not ask KMS: a disabled key goes unnoticed (as on AWS).
	if err := srv.KMS().SetEnabled("us-east-1", keyARN, false); err != nil {
		t.Fatal(err)
	}
	clock.Advance(4 * time.Minute)
	if err := putKMS(c, "ttl", "b", "alias/ttl", true); err != nil {
		t.Fatalf("put within the bucket key's lifetime: %v", err)
	}
	if got := getBody(t, c, "ttl", "a"); got != "kms body a" {
		t.Fatalf("get within the lifetime: %q", got)
	}
	clock.Advance(2 * time.Minute)
	expectError(t, putKMS(c, "ttl", "c", "alias/ttl", true), 400, "KMS.DisabledException", keyARN+" is disabled.")
	_, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("ttl"), Key: aws.String("a")})
	expectError(t, err, 400, "KMS.DisabledException", keyARN+" is disabled.")
	if got := srv.KMSCalls("ttl"); got != (sandbox.KMSCallCount{GenerateDataKey: 2, Decrypt: 1, BucketKeyHits: 2}) {
		t.Fatalf("KMS calls %+v", got)
	}
}

// Writers that miss the bucket-key cache at the same moment share one new
// bucket key: a burst of concurrent uploads costs one GenerateDataKey, so
// the demo's KMS counters are the same on every run.
func TestConcurrentWritesShareOneBucketKey(t *testing.T) {
	srv := start(t, sandbox.Options{})
	c := s3Client(t, srv, clientOpts{})
	newKey(t, srv, "us-east-1", "alias/burst")
	mustBucket(t, c, "burst")
	const n = 16
	errs := make(chan error, n)
	for i := range n {
		go func() { errs <- putKMS(c, "burst", fmt.Sprint("k", i), "alias/burst", true) }()
	}
	for range n {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	if got := srv.KMSCalls("burst"); got != (sandbox.KMSCallCount{GenerateDataKey: 1, BucketKeyHits: n - 1}) {
		t.Fatalf("%d concurrent writes: %+v, want one GenerateDataKey", n, got)
	}
}
