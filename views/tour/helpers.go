package tour

import (
	"context"
	"fmt"

	"github.com/s3sec/s3sec/awsops"
)

// The tour's own buckets: created on first use, forgotten by a reset.
const (
	region       = "us-east-1"
	bucketNew    = "tour-new-bucket"
	bucketKMS    = "tour-kms-no-bucket-key"
	bucketKMSKey = "tour-kms-bucket-key"
	bucketSSEC   = "tour-ssec"
	bucketWeb    = "tour-web-app"
	bucketLogs   = "tour-access-logs"
	// Seeded buckets the tour uses as they are.
	bucketRecords = "acme-secure-records" // versioned, MFA Delete on
	bucketSelfLog = "acme-selflog"        // logs into itself
	demoKMSAlias  = "alias/acme-records"
)

// ensureBucket creates the bucket through a plan unless it exists (a step
// run again after `b` finds it there).
func ensureBucket(ctx context.Context, e *Env, o *Outcome, name string) error {
	if _, err := e.S3.BucketRegion(ctx, name); err == nil {
		o.Lines = append(o.Lines, "Bucket "+name+" (created earlier).")
		return nil
	}
	p, err := awsops.CreateBucketPlan(name, region)
	if err != nil {
		return err
	}
	if err := e.S3.Apply(ctx, p, awsops.MFA{}, nil); err != nil {
		return err
	}
	o.Lines = append(o.Lines, "s3:CreateBucket "+name+": created, no settings sent.")
	return nil
}

// state reads a bucket's settings, as the console does.
func (e *Env) state(ctx context.Context, name string) awsops.BucketState {
	return e.S3.State(ctx, awsops.Bucket{Name: name, Region: region})
}

// refused describes a refusal as S3 answered it: "AccessDenied: message".
func refused(err error) string {
	if fe := awsops.Classify(err); fe != nil {
		if fe.Message != "" {
			return fe.Code + ": " + fe.Message
		}
		return fe.Code
	}
	return err.Error()
}

// attempt runs call and records its result as a line and a check named key
// (true when S3 accepted it).
func attempt(o *Outcome, key, what string, err error) {
	o.Checks[key] = err == nil
	if err == nil {
		o.Lines = append(o.Lines, "✓ "+what+": accepted")
		return
	}
	o.Lines = append(o.Lines, "✗ "+what+": refused, "+refused(err))
}

// countObjects counts the keys under prefix (all pages).
func countObjects(ctx context.Context, s *awsops.Session, bucket, prefix string) (int, error) {
	n, token := 0, ""
	for {
		page, err := s.ListObjects(ctx, bucket, region, prefix, token, 1000)
		if err != nil {
			return 0, err
		}
		n += len(page.Objects)
		if page.NextToken == "" {
			return n, nil
		}
		token = page.NextToken
	}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}
