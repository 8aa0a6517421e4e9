package awsops

import "fmt"

// FindingACLsEnabled flags a bucket whose Object Ownership leaves ACLs in force.
const FindingACLsEnabled = "acls-enabled"

// ownershipFindings: ACLs enabled. An ACL grant gives access the bucket
// policy does not show, so AWS recommends disabling ACLs (BucketOwnerEnforced)
// for every bucket that does not need them.
func ownershipFindings(st *BucketState) []Finding {
	o := st.Ownership
	if o == nil || !o.ACLsEnabled() {
		return nil
	}
	setting := "no Object Ownership controls"
	if o.Setting != "" {
		setting = "Object Ownership " + o.Setting
	}
	return []Finding{{
		ID: FindingACLsEnabled, Severity: SeverityLow, Bucket: st.Name,
		Message: fmt.Sprintf("%s has ACLs enabled (%s): grants on the bucket or its objects can give access the bucket policy does not show", st.Name, setting),
		Remedy: fmt.Sprintf("aws s3api put-bucket-ownership-controls --bucket %s --ownership-controls 'Rules=[{ObjectOwnership=BucketOwnerEnforced}]'"+
			" (first move any grants beyond the owner into the bucket policy: S3 refuses while they remain)", st.Name),
	}}
}
