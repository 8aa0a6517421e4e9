package sandbox_test

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/s3sec/s3sec/sandbox"
)

// TestResetReseeds changes the demo data in the ways the tour does (a new
// bucket, an overwritten object, KMS calls) and checks that Reset brings
// back exactly the seeded state, with the same version ids, and that
// clients of the running server keep working.
func TestResetReseeds(t *testing.T) {
	srv, clients := seeded(t)
	c := clients["us-east-1"]
	ctx := context.Background()
	const rec = "acme-secure-records"
	before, _ := versionsOf(t, c, rec, "reports/2026-q1.pdf")

	mustBucket(t, c, "tour-extra")
	mustPut(t, c, rec, "reports/2026-q1.pdf", "overwritten")
	if srv.KMSCalls(rec).BucketKeyHits+srv.KMSCalls(rec).GenerateDataKey == 0 {
		t.Fatal("the overwrite made no KMS work: the test does not exercise the counters")
	}

	if err := srv.Reset(); err != nil {
		t.Fatal(err)
	}
	if got := srv.KMSCalls(rec); got != (sandbox.KMSCallCount{}) {
		t.Errorf("KMS calls after Reset = %+v, want zero", got)
	}
	if _, err := c.HeadBucket(ctx, &s3.HeadBucketInput{Bucket: aws.String("tour-extra")}); err == nil {
		t.Error("the bucket created before Reset still exists")
	}
	after, _ := versionsOf(t, c, rec, "reports/2026-q1.pdf")
	if len(after) != len(before) || len(after) == 0 {
		t.Fatalf("versions after Reset = %v, want %v", after, before)
	}
	for i := range before {
		if before[i] != after[i] {
			t.Errorf("version %d after Reset = %s, want %s (deterministic reseed)", i, after[i], before[i])
		}
	}
	// The reseeded SSE-KMS object reads back: its key exists again.
	out, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(rec), Key: aws.String("reports/2026-q2.pdf")})
	if err != nil {
		t.Fatalf("GetObject after Reset: %v", err)
	}
	if body := readAll(t, out.Body); body == "" {
		t.Error("empty object after Reset")
	}
}

func TestResetNeedsSeed(t *testing.T) {
	srv := start(t, sandbox.Options{})
	if err := srv.Reset(); err == nil {
		t.Error("Reset of an empty sandbox succeeded; want an error saying it needs the demo data")
	}
}
