package sandbox_test

import (
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/s3sec/s3sec/sandbox"
)

// A dash next to a period ("-." or ".-") makes a bucket name invalid.
func TestCreateBucketDashNextToPeriodIsInvalid(t *testing.T) {
	srv := start(t, sandbox.Options{})
	c := s3Client(t, srv, clientOpts{})
	for _, name := range []string{"my-.bucket", "my.-bucket", "a.-.b"} {
		_, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(name)})
		if got := asAPIError(t, err); got.Status != 400 || got.Code != "InvalidBucketName" || got.Message != "The specified bucket is not valid." {
			t.Errorf("%q: %+v", name, got)
		}
	}
	mustBucket(t, c, "my-bucket.with-dots") // dashes and periods apart are fine
}

func TestCreateBucketDashNextToPeriodIsInvalidCLI(t *testing.T) {
	srv := start(t, sandbox.Options{})
	aws := awsCLI(t, srv)
	out, err := aws("s3api", "create-bucket", "--bucket", "my-.bucket")
	if err == nil || !strings.Contains(out, "InvalidBucketName") {
		t.Fatalf("create-bucket my-.bucket: %v\n%s", err, out)
	}
}
