package awsops

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// codeNoObjectLock is GetObjectLockConfiguration's answer for a bucket without Object Lock.
const codeNoObjectLock = "ObjectLockConfigurationNotFoundError"

// ProbeLogTarget asks S3 what the scan does not hold about a log target,
// just before a logging plan is built: whether a bucket that is not among
// the account's exists, is another account's or lives in another region
// (known is false then), and whether the target has Object Lock, which
// makes delivery fail silently. region is where to ask first (the source's);
// account, when known, is the source's owner, whom a bucket found outside the
// listing must belong to (HeadBucket with x-amz-expected-bucket-owner). A
// check that cannot be made is named in Unchecked, never fatal.
func (s *Session) ProbeLogTarget(ctx context.Context, target, region, account string, known bool) LogTargetProbe {
	var p LogTargetProbe
	targetRegion := region
	if !known {
		r, err := s.BucketRegion(ctx, target)
		switch code := codeOf(err); {
		case err == nil:
			p.Region, targetRegion = r, r
			if account != "" && s.foreignBucket(ctx, target, r, account) {
				p.Foreign = true
				return p
			}
		case code == "NoSuchBucket" || code == "NotFound":
			p.Missing = true
			return p
		case code == "AccessDenied" || code == "Forbidden":
			p.Foreign = true
			return p
		default:
			p.Unchecked = "where " + target + " is (" + code + ")"
			return p
		}
	}
	var out *s3.GetObjectLockConfigurationOutput
	err := s.bounded(ctx, "GetObjectLockConfiguration", func(ctx context.Context) (err error) {
		out, err = s.s3Client(targetRegion).GetObjectLockConfiguration(ctx, &s3.GetObjectLockConfigurationInput{Bucket: aws.String(target)})
		return err
	})
	switch code := codeOf(err); {
	case err == nil:
		p.ObjectLock = out.ObjectLockConfiguration != nil && out.ObjectLockConfiguration.ObjectLockEnabled == types.ObjectLockEnabledEnabled
	case code == codeNoObjectLock, code == CodeNotImplemented:
		// No lock; an endpoint without Object Lock cannot have locked buckets.
	default:
		p.Unchecked = "Object Lock of " + target + " (" + code + ")"
	}
	return p
}

// foreignBucket reports whether S3 refuses HeadBucket on target when the
// owner is required to be account: the bucket is another account's (or one
// this identity may not see, which the user cannot log into either).
func (s *Session) foreignBucket(ctx context.Context, target, region, account string) bool {
	err := s.bounded(ctx, "HeadBucket", func(ctx context.Context) error {
		_, err := s.s3Client(region).HeadBucket(ctx, &s3.HeadBucketInput{Bucket: aws.String(target), ExpectedBucketOwner: aws.String(account)})
		return err
	})
	code := codeOf(err)
	return code == "AccessDenied" || code == "Forbidden"
}

// codeOf is the classified AWS error code of err, "" for nil.
func codeOf(err error) string {
	if err == nil {
		return ""
	}
	return Classify(err).Code
}
