package awsops

import (
	"context"
	"errors"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// ErrLoggingOff is matched (errors.Is) when a bucket has no server access
// logging: there are no logs to read, which is not the same as logs that
// show nothing.
var ErrLoggingOff = errors.New("server access logging is off for this bucket")

// AccessLogTarget is where one bucket's server access logs are delivered,
// with what is needed to find its log objects.
type AccessLogTarget struct {
	SourceBucket  string
	SourceRegion  string
	SourceAccount string // for PartitionedPrefix keys; "" when unknown (the listing is then wider)
	TargetBucket  string
	TargetRegion  string
	TargetPrefix  string
	KeyFormat     LogKeyFormat // never "": SimplePrefix when the configuration names none
}

// Partitioned reports whether the keys are PartitionedPrefix ones.
func (f LogKeyFormat) Partitioned() bool {
	return f == LogKeyPartitionedEventTime || f == LogKeyPartitionedDeliveryTime
}

// AccessLogTarget reads a bucket's logging configuration with its key
// format (GetBucketLogging), the regions of the bucket and of its target,
// and the account (GetCallerIdentity; without it partitioned keys are
// found by a wider listing). A bucket without logging gives ErrLoggingOff.
func (s *Session) AccessLogTarget(ctx context.Context, bucket string) (AccessLogTarget, error) {
	t := AccessLogTarget{SourceBucket: bucket}
	region, err := s.BucketRegion(ctx, bucket)
	if err != nil {
		return t, err
	}
	t.SourceRegion = region
	var out *s3.GetBucketLoggingOutput
	err = s.bounded(ctx, "GetBucketLogging", func(ctx context.Context) (err error) {
		out, err = s.s3Client(region).GetBucketLogging(ctx, &s3.GetBucketLoggingInput{Bucket: aws.String(bucket)})
		return err
	})
	if err != nil {
		return t, wrapOp("s3:GetBucketLogging", err)
	}
	le := out.LoggingEnabled
	if le == nil || aws.ToString(le.TargetBucket) == "" {
		return t, ErrLoggingOff
	}
	t.TargetBucket, t.TargetPrefix = aws.ToString(le.TargetBucket), aws.ToString(le.TargetPrefix)
	t.KeyFormat = keyFormatOf(le.TargetObjectKeyFormat)
	if t.KeyFormat == "" {
		t.KeyFormat = LogKeySimple
	}
	if t.KeyFormat.Partitioned() {
		if id, err := s.Identity(ctx); err == nil {
			t.SourceAccount = id.Account
		}
	}
	t.TargetRegion = region
	if t.TargetBucket != bucket {
		if t.TargetRegion, err = s.BucketRegion(ctx, t.TargetBucket); err != nil {
			return t, err
		}
	}
	return t, nil
}
