package sandbox_test

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// enableVersioning sets a bucket's versioning status.
func enableVersioning(t testing.TB, c *s3.Client, bucket string, status s3types.BucketVersioningStatus) {
	t.Helper()
	_, err := c.PutBucketVersioning(ctx, &s3.PutBucketVersioningInput{
		Bucket:                  aws.String(bucket),
		VersioningConfiguration: &s3types.VersioningConfiguration{Status: status},
	})
	if err != nil {
		t.Fatalf("PutBucketVersioning %s: %v", bucket, err)
	}
}
