package awsops

import (
	"context"
	"errors"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// Key formats of a logging target (TargetObjectKeyFormat, S3-BEHAVIOR 4.3).
const (
	LogKeySimple      = "SimplePrefix"
	LogKeyPartitioned = "PartitionedPrefix"
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
	KeyFormat     string // LogKeySimple or LogKeyPartitioned
	DateSource    string // EventTime or DeliveryTime, for LogKeyPartitioned
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
	t.TargetBucket, t.TargetPrefix, t.KeyFormat = aws.ToString(le.TargetBucket), aws.ToString(le.TargetPrefix), LogKeySimple
	if f := le.TargetObjectKeyFormat; f != nil && f.PartitionedPrefix != nil {
		t.KeyFormat, t.DateSource = LogKeyPartitioned, string(f.PartitionedPrefix.PartitionDateSource)
		if t.DateSource == "" {
			t.DateSource = "EventTime"
		}
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
