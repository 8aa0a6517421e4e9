package awsops

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// CreateBucketPlan is the one-step plan that creates bucket in region. A new
// bucket already has S3's defaults: SSE-S3 encryption, Block Public Access
// on and ACLs disabled; us-east-1 takes no location constraint.
func CreateBucketPlan(bucket, region string) Plan {
	cli := "aws s3api create-bucket " + cliOpt("bucket", bucket) + " " + cliOpt("region", region)
	if region != "" && region != "us-east-1" {
		cli += " " + cliOpt("create-bucket-configuration", "LocationConstraint="+region)
	}
	return Plan{
		Title:  "Create bucket " + bucket,
		Bucket: bucket,
		Region: region,
		Steps: []Step{{
			Title:  "Create the bucket",
			API:    "s3:CreateBucket",
			Params: []string{"Bucket=" + bucket, "Region=" + region},
			CLI:    cli,
			run: func(ctx context.Context, s *Session, _ MFA) error {
				in := &s3.CreateBucketInput{Bucket: aws.String(bucket)}
				if region != "" && region != "us-east-1" {
					in.CreateBucketConfiguration = &types.CreateBucketConfiguration{
						LocationConstraint: types.BucketLocationConstraint(region),
					}
				}
				_, err := s.s3Client(region).CreateBucket(ctx, in)
				return wrapOp("s3:CreateBucket", err)
			},
		}},
	}
}
