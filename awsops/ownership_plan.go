package awsops

import (
	"context"
	"errors"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// OwnershipEnforced is the Object Ownership setting that disables ACLs.
const OwnershipEnforced = "BucketOwnerEnforced"

// DisableACLsPlan is the one-step plan that sets Object Ownership to
// BucketOwnerEnforced: ACLs stop granting anything and every object
// belongs to the bucket owner.
func DisableACLsPlan(st BucketState) (Plan, error) {
	if st.Ownership != nil && !st.Ownership.ACLsEnabled() {
		return Plan{}, errors.New("ACLs of " + st.Name + " are already disabled (BucketOwnerEnforced)")
	}
	bucket, region := st.Name, st.Region
	return Plan{
		Title:  "Disable ACLs on " + bucket,
		Bucket: bucket,
		Region: region,
		Warnings: []string{
			"S3 refuses this change (InvalidBucketAclWithObjectOwnership) while the bucket ACL grants access to anyone beyond the owner: move such grants into the bucket policy and reset the ACL to private first.",
			"From now on ACLs on the bucket and its objects grant nothing: access that relied on an object ACL (another account, log delivery through the ACL) stops.",
		},
		Steps: []Step{{
			Title:  "Set Object Ownership to BucketOwnerEnforced",
			API:    "s3:PutBucketOwnershipControls",
			Params: []string{"ObjectOwnership=" + OwnershipEnforced},
			CLI: "aws s3api put-bucket-ownership-controls --bucket " + shellArg(bucket) +
				" --ownership-controls 'Rules=[{ObjectOwnership=BucketOwnerEnforced}]'",
			Checks: []StepCheck{ReadBack(FacetOwnership, bucket, region, "Object Ownership reads back BucketOwnerEnforced", func(got any) (bool, string) {
				if o, _ := got.(ObjectOwnership); o.ACLsEnabled() {
					return false, "the endpoint accepted disabling ACLs but reports Object Ownership " + o.Setting + ": ACL grants still apply"
				}
				return true, ""
			})},
			run: func(ctx context.Context, s *Session, _ MFA) error {
				_, err := s.s3Client(region).PutBucketOwnershipControls(ctx, &s3.PutBucketOwnershipControlsInput{
					Bucket: aws.String(bucket),
					OwnershipControls: &types.OwnershipControls{Rules: []types.OwnershipControlsRule{
						{ObjectOwnership: types.ObjectOwnership(OwnershipEnforced)},
					}},
				})
				return wrapOp("s3:PutBucketOwnershipControls", err)
			},
		}},
	}, nil
}
