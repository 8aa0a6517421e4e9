package awsops_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/sandbox"
)

// The acls-enabled fix against the sandbox: S3 refuses BucketOwnerEnforced
// while the bucket ACL grants someone beyond the owner (the plan's first
// warning says so); once the ACL is private the same plan applies and the
// finding is gone.
func TestDisableACLsFixSandbox(t *testing.T) {
	env, _ := sandboxEnv(t, sandbox.Options{})
	sess := env.open(t)
	ctx := context.Background()
	c := env.client(t, "us-east-1")
	const bucket = "acl-grants"
	if _, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(bucket)}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.DeleteBucketOwnershipControls(ctx, &s3.DeleteBucketOwnershipControlsInput{Bucket: aws.String(bucket)}); err != nil {
		t.Fatal(err)
	}
	other := strings.Repeat("ab", 32) // another account's canonical user id
	if _, err := c.PutBucketAcl(ctx, &s3.PutBucketAclInput{Bucket: aws.String(bucket), GrantRead: aws.String("id=" + other)}); err != nil {
		t.Fatal(err)
	}
	state := func() awsops.BucketState { return sess.State(ctx, awsops.Bucket{Name: bucket, Region: "us-east-1"}) }
	st := state()
	p, err := awsops.FixPlan(awsops.FindingACLsEnabled, st, []awsops.BucketState{st}, awsops.FixOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(p.Warnings[0], "InvalidBucketAclWithObjectOwnership") {
		t.Errorf("warnings: %q", p.Warnings)
	}
	err = sess.Apply(ctx, p, awsops.MFA{}, nil)
	var se *awsops.StepError
	if !errors.As(err, &se) || !strings.Contains(err.Error(), "InvalidBucketAclWithObjectOwnership") {
		t.Fatalf("with a grant beyond the owner: %v", err)
	}
	if _, err := c.PutBucketAcl(ctx, &s3.PutBucketAclInput{Bucket: aws.String(bucket), ACL: types.BucketCannedACLPrivate}); err != nil {
		t.Fatal(err)
	}
	if err := sess.Apply(ctx, p, awsops.MFA{}, nil); err != nil {
		t.Fatalf("with a private ACL: %v", err)
	}
	if after := state(); awsops.HasFinding(awsops.FindingACLsEnabled, after, nil) || after.Ownership == nil || after.Ownership.Setting != awsops.OwnershipEnforced {
		t.Errorf("after the fix: %+v", after.Ownership)
	}
}
