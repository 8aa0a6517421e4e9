package awsops

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// PublicAccessSetting is one of the four Block Public Access settings, with
// what it blocks in plain words.
type PublicAccessSetting struct {
	Name   string // BlockPublicAcls, ...
	Blocks string // what it blocks, in a sentence
	Short  string // the same in at most 52 characters, for one-line displays
	On     bool
}

// Settings lists the four settings in S3's order with what each blocks.
func (p PublicAccessBlock) Settings() []PublicAccessSetting {
	return []PublicAccessSetting{
		{"BlockPublicAcls", "refuses requests that would add a public ACL to the bucket or its objects",
			"refuses new public ACLs", p.BlockPublicAcls},
		{"IgnorePublicAcls", "ignores the public ACLs already on the bucket and its objects",
			"ignores existing public ACLs", p.IgnorePublicAcls},
		{"BlockPublicPolicy", "refuses a bucket policy that grants public access (PutBucketPolicy fails)",
			"refuses public bucket policies", p.BlockPublicPolicy},
		{"RestrictPublicBuckets", "while the policy is public, only AWS services and this account may use the bucket",
			"a public policy reaches only this account, services", p.RestrictPublicBuckets},
	}
}

// AllPublicAccessBlocked is the recommended configuration: all four on.
var AllPublicAccessBlocked = PublicAccessBlock{Configured: true, BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true}

// PutPublicAccessBlockPlan is the one-step plan that sets the bucket-level
// Block Public Access settings of st to want. The warnings say what the
// change opens or closes, naming the policy statements that make the
// bucket's policy public.
func PutPublicAccessBlockPlan(st BucketState, want PublicAccessBlock) (Plan, error) {
	var cur PublicAccessBlock
	if st.PublicAccessBlock != nil {
		cur = *st.PublicAccessBlock
	}
	want.Configured = true
	if cur == want {
		return Plan{}, errors.New("the Block Public Access settings of " + st.Name + " are already these")
	}
	var params, flags []string
	for _, s := range want.Settings() {
		params = append(params, fmt.Sprintf("%s=%t", s.Name, s.On))
		flags = append(flags, fmt.Sprintf("%s=%t", s.Name, s.On))
	}
	bucket, region := st.Name, st.Region
	return Plan{
		Title:    "Set Block Public Access of " + bucket,
		Bucket:   bucket,
		Region:   region,
		Warnings: pabWarnings(st, cur, want),
		Steps: []Step{{
			Title:  "Write the bucket's Block Public Access settings",
			API:    "s3:PutPublicAccessBlock",
			Params: params,
			CLI: "aws s3api put-public-access-block --bucket " + shellArg(bucket) +
				" --public-access-block-configuration " + strings.Join(flags, ","),
			Checks: pabChecks(bucket, region, want),
			run: func(ctx context.Context, s *Session, _ MFA) error {
				_, err := s.s3Client(region).PutPublicAccessBlock(ctx, &s3.PutPublicAccessBlockInput{
					Bucket: aws.String(bucket),
					PublicAccessBlockConfiguration: &types.PublicAccessBlockConfiguration{
						BlockPublicAcls:       aws.Bool(want.BlockPublicAcls),
						IgnorePublicAcls:      aws.Bool(want.IgnorePublicAcls),
						BlockPublicPolicy:     aws.Bool(want.BlockPublicPolicy),
						RestrictPublicBuckets: aws.Bool(want.RestrictPublicBuckets),
					},
				})
				return wrapOp("s3:PutPublicAccessBlock", err)
			},
		}},
	}, nil
}

// DeletePublicAccessBlockPlan is the one-step plan that removes the
// bucket-level configuration: the bucket then counts as all four off, and
// only account-level settings (if any) still block public access.
func DeletePublicAccessBlockPlan(st BucketState) Plan {
	var cur PublicAccessBlock
	if st.PublicAccessBlock != nil {
		cur = *st.PublicAccessBlock
	}
	bucket, region := st.Name, st.Region
	return Plan{
		Title:    "Delete the Block Public Access configuration of " + bucket,
		Bucket:   bucket,
		Region:   region,
		Warnings: pabWarnings(st, cur, PublicAccessBlock{}),
		Steps: []Step{{
			Title:  "Delete the bucket's Block Public Access configuration",
			API:    "s3:DeletePublicAccessBlock",
			CLI:    "aws s3api delete-public-access-block --bucket " + shellArg(bucket),
			Checks: pabChecks(bucket, region, PublicAccessBlock{}),
			run: func(ctx context.Context, s *Session, _ MFA) error {
				_, err := s.s3Client(region).DeletePublicAccessBlock(ctx, &s3.DeletePublicAccessBlockInput{Bucket: aws.String(bucket)})
				return wrapOp("s3:DeletePublicAccessBlock", err)
			},
		}},
	}
}

// pabWarnings says what a change from cur to want opens or closes.
func pabWarnings(st BucketState, cur, want PublicAccessBlock) []string {
	var public []PublicStatement
	if st.Policy != nil && st.Policy.Present {
		public = PublicStatements(st.Policy.JSON)
	}
	var out []string
	if len(public) > 0 && cur.RestrictPublicBuckets && !want.RestrictPublicBuckets {
		out = append(out, "The bucket policy is public and takes effect for everyone, anonymous callers included: "+publicNames(public)+".")
	}
	if len(public) > 0 && !cur.RestrictPublicBuckets && want.RestrictPublicBuckets {
		out = append(out, "The public policy ("+publicNames(public)+") stops reaching anonymous callers and other accounts; this account and AWS services keep their access.")
	}
	if cur.BlockPublicPolicy && !want.BlockPublicPolicy {
		out = append(out, "S3 will accept a public bucket policy for this bucket.")
	}
	if len(public) > 0 && !cur.BlockPublicPolicy && want.BlockPublicPolicy {
		out = append(out, "The current public policy stays in place, but S3 will refuse any public policy put from now on, so it cannot be replaced by another public one.")
	}
	if (cur.BlockPublicAcls && !want.BlockPublicAcls) || (cur.IgnorePublicAcls && !want.IgnorePublicAcls) {
		out = append(out, "Public ACLs on the bucket or its objects can take effect (where Object Ownership lets ACLs apply).")
	}
	if !want.AllOn() {
		out = append(out, "Account-level Block Public Access, where set, still applies on top of the bucket's settings.")
	}
	return out
}

// publicNames lists public statements for a warning.
func publicNames(ps []PublicStatement) string {
	names := make([]string, len(ps))
	for i, p := range ps {
		names[i] = p.Name + " grants " + p.Actions
	}
	return strings.Join(names, "; ")
}
