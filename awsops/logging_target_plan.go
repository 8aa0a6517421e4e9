package awsops

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// LogToPlan is the minimal one-step plan that sends bucket's server access
// logs to target under prefix (PutBucketLogging). It checks nothing: the
// demo tour uses it to break a logging loop with a target it has prepared
// (SSE-S3, a policy letting the logging service write). The console's
// logging pane builds its plans with the loop and permission checks.
func LogToPlan(bucket, region, target, prefix string) Plan {
	status := `{"LoggingEnabled":{"TargetBucket":"` + target + `","TargetPrefix":"` + prefix + `"}}`
	return Plan{
		Title:  "Send the access logs of " + bucket + " to " + target,
		Bucket: bucket,
		Region: region,
		Steps: []Step{{
			Title:  "Set the logging target",
			API:    "s3:PutBucketLogging",
			Params: []string{"Bucket=" + bucket, "TargetBucket=" + target, "TargetPrefix=" + prefix},
			CLI:    "aws s3api put-bucket-logging " + cliOpt("bucket", bucket) + " " + cliOpt("bucket-logging-status", status),
			run: func(ctx context.Context, s *Session, _ MFA) error {
				_, err := s.s3Client(region).PutBucketLogging(ctx, &s3.PutBucketLoggingInput{
					Bucket: aws.String(bucket),
					BucketLoggingStatus: &types.BucketLoggingStatus{LoggingEnabled: &types.LoggingEnabled{
						TargetBucket: aws.String(target), TargetPrefix: aws.String(prefix),
					}},
				})
				return wrapOp("s3:PutBucketLogging", err)
			},
		}},
	}
}
