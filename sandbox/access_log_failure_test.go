package sandbox_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/s3sec/s3sec/sandbox"
)

// TestAccessLogDeliveryFailsSilently: AWS accepts these configurations and
// then delivers nothing; the sandbox says why, to its Go API and log writer.
func TestAccessLogDeliveryFailsSilently(t *testing.T) {
	var stderr bytes.Buffer
	srv := start(t, sandbox.Options{Clock: fixedClock, LogWriter: &stderr})
	c := s3Client(t, srv, clientOpts{})
	for _, b := range []string{"src", "nogrant", "kms", "denies", "gone"} {
		mustBucket(t, c, b)
	}
	putPolicy(t, c, "kms", deliveryPolicy("kms", ""))
	if _, err := c.PutBucketEncryption(ctx, &s3.PutBucketEncryptionInput{Bucket: aws.String("kms"),
		ServerSideEncryptionConfiguration: &s3types.ServerSideEncryptionConfiguration{Rules: []s3types.ServerSideEncryptionRule{{
			ApplyServerSideEncryptionByDefault: &s3types.ServerSideEncryptionByDefault{SSEAlgorithm: s3types.ServerSideEncryptionAwsKms},
		}}}}); err != nil {
		t.Fatal(err)
	}
	putPolicy(t, c, "denies", `{"Version":"2012-10-17","Statement":[`+
		`{"Sid":"Allow","Effect":"Allow","Principal":{"Service":"logging.s3.amazonaws.com"},"Action":"s3:PutObject","Resource":"arn:aws:s3:::denies/*"},`+
		`{"Sid":"NoLogs","Effect":"Deny","Principal":"*","Action":"s3:PutObject","Resource":"arn:aws:s3:::denies/*"}]}`)

	want := map[string]string{
		"nogrant": "the target bucket policy does not allow logging.s3.amazonaws.com s3:PutObject",
		"kms":     "default encryption is aws:kms",
		"denies":  `denies logging.s3.amazonaws.com s3:PutObject (statement "NoLogs")`,
		"gone":    "the target bucket does not exist",
	}
	for target := range want {
		// Accepted at configuration time, as AWS does.
		if _, err := c.PutBucketLogging(ctx, logTo("src", target, target+"/")); err != nil {
			t.Fatalf("PutBucketLogging to %s: %v", target, err)
		}
		if target == "gone" {
			if _, err := c.DeleteBucket(ctx, &s3.DeleteBucketInput{Bucket: aws.String("gone")}); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := c.HeadBucket(ctx, &s3.HeadBucketInput{Bucket: aws.String("src")}); err != nil {
			t.Fatal(err)
		}
		d := srv.FlushAccessLogs() // PutBucketLogging and HeadBucket
		if len(d) != 1 || !strings.Contains(d[0].Failure, want[target]) || d[0].TargetBucket != target || d[0].Records != 2 {
			t.Fatalf("%s: deliveries %+v, want failure %q", target, d, want[target])
		}
		if target != "gone" {
			if keys := logKeys(t, c, target, ""); len(keys) != 0 {
				t.Errorf("%s received %q", target, keys)
			}
		}
		if !strings.Contains(stderr.String(), "not delivered to "+target+": ") {
			t.Errorf("log writer lacks %s: %q", target, stderr.String())
		}
	}
	if f := srv.LogDeliveryFailures(); len(f) != len(want) {
		t.Errorf("LogDeliveryFailures has %d entries, want %d: %+v", len(f), len(want), f)
	}
}

// TestDemoLogDelivery: the seeded loops really accumulate log objects; the
// model bucket's target refuses delivery because of its SSE-KMS default.
func TestDemoLogDelivery(t *testing.T) {
	srv, clients := seeded(t)
	east, west := clients["us-east-1"], clients["eu-west-1"]
	before := len(logKeys(t, east, "acme-selflog", "logs/"))
	for _, b := range []string{"acme-selflog", "acme-secure-records"} {
		if _, err := east.HeadBucket(ctx, &s3.HeadBucketInput{Bucket: aws.String(b)}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := west.HeadBucket(ctx, &s3.HeadBucketInput{Bucket: aws.String("acme-ping")}); err != nil {
		t.Fatal(err)
	}
	srv.FlushAccessLogs()
	if n := len(logKeys(t, east, "acme-selflog", "logs/")); n != before+1 {
		t.Errorf("acme-selflog has %d log objects after a flush, want %d", n, before+1)
	}
	if keys := logKeys(t, west, "acme-pong", "from-ping/"); len(keys) != 1 {
		t.Fatalf("acme-pong from-ping/ = %q", keys)
	}
	srv.FlushAccessLogs() // pong's record of that write reaches ping
	if keys := logKeys(t, west, "acme-ping", "from-pong/"); len(keys) != 1 {
		t.Errorf("acme-ping from-pong/ = %q", keys)
	}
	failed := false
	for _, f := range srv.LogDeliveryFailures() {
		if f.SourceBucket == "acme-secure-records" && f.TargetBucket == "acme-access-logs" && strings.Contains(f.Failure, "aws:kms") {
			failed = true
		}
	}
	if !failed {
		t.Errorf("no SSE-KMS delivery failure for acme-secure-records: %+v", srv.LogDeliveryFailures())
	}

	// Fixing the finding (SSE-S3 on the target) lets the next delivery through.
	if _, err := east.PutBucketEncryption(ctx, &s3.PutBucketEncryptionInput{Bucket: aws.String("acme-access-logs"),
		ServerSideEncryptionConfiguration: &s3types.ServerSideEncryptionConfiguration{Rules: []s3types.ServerSideEncryptionRule{{
			ApplyServerSideEncryptionByDefault: &s3types.ServerSideEncryptionByDefault{SSEAlgorithm: s3types.ServerSideEncryptionAes256},
		}}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := east.GetBucketVersioning(ctx, &s3.GetBucketVersioningInput{Bucket: aws.String("acme-secure-records")}); err != nil {
		t.Fatal(err)
	}
	for _, d := range srv.FlushAccessLogs() {
		if d.SourceBucket == "acme-secure-records" {
			if d.Failure != "" {
				t.Fatalf("delivery after the fix: %+v", d)
			}
			findRecord(t, logRecords(t, east, "acme-access-logs", d.Key), "REST.GET.VERSIONING")
		}
	}
	if keys := logKeys(t, east, "acme-access-logs", "secure-records/"); len(keys) != 4 {
		t.Errorf("acme-access-logs has %d log objects, want the 3 seeded and 1 delivered: %q", len(keys), keys)
	}
}

// TestAccessLogIntervalDeliveryUnderLoad runs timed deliveries while
// requests arrive (for the race detector): nothing is lost or duplicated
// once the last flush has run.
func TestAccessLogIntervalDeliveryUnderLoad(t *testing.T) {
	srv := start(t, sandbox.Options{AccessLogInterval: time.Millisecond})
	c := s3Client(t, srv, clientOpts{})
	mustBucket(t, c, "src")
	mustBucket(t, c, "logs")
	putPolicy(t, c, "logs", deliveryPolicy("logs", ""))
	if _, err := c.PutBucketLogging(ctx, logTo("src", "logs", "")); err != nil {
		t.Fatal(err)
	}
	const n = 40
	done := make(chan error, n)
	for i := 0; i < n; i++ {
		go func() {
			_, err := c.HeadBucket(ctx, &s3.HeadBucketInput{Bucket: aws.String("src")})
			done <- err
		}()
	}
	for i := 0; i < n; i++ {
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}
	srv.FlushAccessLogs()
	heads := 0
	for _, k := range logKeys(t, c, "logs", "") {
		for _, r := range logRecords(t, c, "logs", k) {
			if r[6] == "REST.HEAD.BUCKET" {
				heads++
			}
		}
	}
	if heads != n {
		t.Errorf("%d HeadBucket records delivered, want %d", heads, n)
	}
}
