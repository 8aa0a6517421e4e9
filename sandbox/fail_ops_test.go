package sandbox_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/s3sec/s3sec/sandbox"
)

// Options.FailOperations answers only the named operation 500
// InternalError, and changes nothing: the bucket stays unversioned.
func TestFailOperationsFailsOnlyTheNamedOperation(t *testing.T) {
	srv := start(t, sandbox.Options{Clock: func() time.Time { return fixedTime }, FailOperations: []string{"PutBucketVersioning"}})
	c := s3.NewFromConfig(awsConfig(t, srv, clientOpts{}), func(o *s3.Options) {
		o.BaseEndpoint = aws.String(endpoint(srv, false))
		o.UsePathStyle = true
		o.RetryMaxAttempts = 1 // the SDK retries 500s; one answer is enough here
	})
	mustBucket(t, c, "acme-fail")
	ctx := context.Background()
	_, err := c.PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{Bucket: aws.String("acme-fail"),
		VersioningConfiguration: &s3types.VersioningConfiguration{Status: s3types.BucketVersioningStatusEnabled}})
	expectError(t, err, http.StatusInternalServerError, "InternalError", "")
	got, err := c.GetBucketVersioning(ctx, &s3.GetBucketVersioningInput{Bucket: aws.String("acme-fail")})
	if err != nil {
		t.Fatalf("GetBucketVersioning must not fail: %v", err)
	}
	if got.Status != "" {
		t.Errorf("versioning = %q after a failed PutBucketVersioning, want never set", got.Status)
	}
}
