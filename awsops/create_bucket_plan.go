package awsops

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// CreateBucketPlan is the one-step plan that creates a general-purpose
// bucket in region. Outside us-east-1 the request carries the region as
// its LocationConstraint (S3 refuses a mismatch with
// IllegalLocationConstraintException); in us-east-1 it carries none.
func CreateBucketPlan(name, region string) (Plan, error) {
	if err := CheckBucketName(name); err != nil {
		return Plan{}, err
	}
	if region == "" {
		region = "us-east-1"
	}
	params := []string{"Bucket=" + name}
	cli := "aws s3api create-bucket --bucket " + shellArg(name) + " --region " + shellArg(region)
	in := &s3.CreateBucketInput{Bucket: aws.String(name)}
	if region != "us-east-1" {
		params = append(params, "CreateBucketConfiguration.LocationConstraint="+region)
		cli += " --create-bucket-configuration LocationConstraint=" + shellArg(region)
		in.CreateBucketConfiguration = &types.CreateBucketConfiguration{LocationConstraint: types.BucketLocationConstraint(region)}
	}
	return Plan{
		Title:  "Create the bucket " + name + " in " + region,
		Bucket: name,
		Region: region,
		Warnings: []string{
			"A new bucket starts with SSE-S3 default encryption, Block Public Access on, ACLs disabled and no policy, CORS or logging.",
			"Bucket names are global: once created, the name is yours until the bucket is deleted.",
		},
		Steps: []Step{{
			Title: "Create the bucket", API: "s3:CreateBucket", Params: params, CLI: cli,
			run: func(ctx context.Context, s *Session, _ MFA) error {
				_, err := s.s3Client(region).CreateBucket(ctx, in)
				return wrapOp("s3:CreateBucket", err)
			},
		}},
	}, nil
}

// CombinePlans joins plans into one, applied in order with one
// confirmation: every step, every warning and every second confirmation is
// kept. Owners maps each step of the result to the plan it came from, so a
// failure can be reported per part ("encryption applied, versioning not").
func CombinePlans(title, bucket, region string, plans ...Plan) (p Plan, owners []int) {
	p = Plan{Title: title, Bucket: bucket, Region: region}
	var second []string
	for i, part := range plans {
		for _, st := range part.Steps {
			p.Steps = append(p.Steps, st)
			owners = append(owners, i)
		}
		p.Warnings = append(p.Warnings, part.Warnings...)
		if part.SecondConfirm != "" {
			second = append(second, part.SecondConfirm)
		}
	}
	if len(second) > 0 {
		p.SecondConfirm = second[0]
		for _, q := range second[1:] {
			p.SecondConfirm += " " + q
		}
	}
	return p, owners
}
