package sandbox_test

import (
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/s3sec/s3sec/sandbox"
)

// An Expiration with Days below 1 is refused with 400 InvalidArgument and
// the bucket keeps no lifecycle configuration.
func TestLifecycleExpirationDaysBelowOneIsInvalidArgument(t *testing.T) {
	srv := start(t, sandbox.Options{})
	c := s3Client(t, srv, clientOpts{})
	mustBucket(t, c, "lc-days")
	put := func(days int32) error {
		_, err := c.PutBucketLifecycleConfiguration(ctx, &s3.PutBucketLifecycleConfigurationInput{Bucket: aws.String("lc-days"),
			LifecycleConfiguration: &s3types.BucketLifecycleConfiguration{Rules: []s3types.LifecycleRule{{
				ID: aws.String("r"), Status: s3types.ExpirationStatusEnabled, Filter: &s3types.LifecycleRuleFilter{Prefix: aws.String("tmp/")},
				Expiration: &s3types.LifecycleExpiration{Days: aws.Int32(days)}}}}})
		return err
	}
	for _, days := range []int32{0, -3} {
		expectError(t, put(days), 400, "InvalidArgument", "'Days' for Expiration action must be a positive integer")
	}
	_, err := c.GetBucketLifecycleConfiguration(ctx, &s3.GetBucketLifecycleConfigurationInput{Bucket: aws.String("lc-days")})
	expectError(t, err, 404, "NoSuchLifecycleConfiguration", "")
	if err := put(1); err != nil {
		t.Fatalf("Days 1: %v", err)
	}
}

func TestLifecycleExpirationDaysBelowOneIsInvalidArgumentCLI(t *testing.T) {
	srv := start(t, sandbox.Options{})
	aws := awsCLI(t, srv)
	if out, err := aws("s3api", "create-bucket", "--bucket", "lc-days"); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	out, err := aws("s3api", "put-bucket-lifecycle-configuration", "--bucket", "lc-days", "--lifecycle-configuration",
		`{"Rules":[{"ID":"r","Status":"Enabled","Filter":{"Prefix":"tmp/"},"Expiration":{"Days":0}}]}`)
	if err == nil || !strings.Contains(out, "InvalidArgument") || !strings.Contains(out, "must be a positive integer") {
		t.Fatalf("put-bucket-lifecycle-configuration Days 0: %v\n%s", err, out)
	}
}
