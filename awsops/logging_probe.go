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
// makes delivery fail silently. region is where to ask first (the source's).
// A check that cannot be made is named in Unchecked, never fatal.
func (s *Session) ProbeLogTarget(ctx context.Context, target, region string, known bool) LogTargetProbe {
	var p LogTargetProbe
	targetRegion := region
	if !known {
		r, err := s.BucketRegion(ctx, target)
		switch code := codeOf(err); {
		case err == nil:
			p.Region, targetRegion = r, r
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

// codeOf is the classified AWS error code of err, "" for nil.
func codeOf(err error) string {
	if err == nil {
		return ""
	}
	return Classify(err).Code
}
