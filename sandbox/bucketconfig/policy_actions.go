package bucketconfig

import "strings"

// resourceClass says which S3 resource ARNs an action applies to.
type resourceClass uint8

const (
	// appliesToNone marks actions on account-level resources, access points,
	// jobs, Storage Lens or access grants: never on a bucket or object ARN.
	appliesToNone resourceClass = 0
	// appliesToBucket marks actions on arn:aws:s3:::bucket.
	appliesToBucket resourceClass = 1 << iota
	// appliesToObject marks actions on arn:aws:s3:::bucket/key.
	appliesToObject
)

// s3Actions is the catalogue of real S3 IAM actions (Service Authorization
// Reference) with the resource types they apply to. A bucket policy naming
// an action outside it is refused; wildcards are matched against it.
var s3Actions = map[resourceClass][]string{
	appliesToBucket: {
		"CreateBucket", "DeleteBucket", "ListBucket", "ListBucketVersions", "ListBucketMultipartUploads",
		"ListBucketByTags", "GetBucketLocation", "GetBucketAcl", "PutBucketAcl", "GetBucketCORS", "PutBucketCORS",
		"GetBucketPolicy", "PutBucketPolicy", "DeleteBucketPolicy", "GetBucketPolicyStatus",
		"GetBucketPublicAccessBlock", "PutBucketPublicAccessBlock", "GetBucketVersioning", "PutBucketVersioning",
		"GetBucketLogging", "PutBucketLogging", "GetBucketNotification", "PutBucketNotification",
		"GetBucketTagging", "PutBucketTagging", "GetBucketWebsite", "PutBucketWebsite", "DeleteBucketWebsite",
		"GetBucketRequestPayment", "PutBucketRequestPayment", "GetBucketObjectLockConfiguration",
		"PutBucketObjectLockConfiguration", "GetBucketOwnershipControls", "PutBucketOwnershipControls",
		"GetEncryptionConfiguration", "PutEncryptionConfiguration", "GetLifecycleConfiguration",
		"PutLifecycleConfiguration", "GetReplicationConfiguration", "PutReplicationConfiguration",
		"GetAccelerateConfiguration", "PutAccelerateConfiguration", "GetAnalyticsConfiguration",
		"PutAnalyticsConfiguration", "GetInventoryConfiguration", "PutInventoryConfiguration",
		"GetMetricsConfiguration", "PutMetricsConfiguration", "GetIntelligentTieringConfiguration",
		"PutIntelligentTieringConfiguration", "GetBucketMetadataTableConfiguration",
		"CreateBucketMetadataTableConfiguration", "DeleteBucketMetadataTableConfiguration",
		"UpdateBucketMetadataInventoryTableConfiguration", "UpdateBucketMetadataJournalTableConfiguration",
		"PauseReplication", "TagResource", "UntagResource", "ListTagsForResource",
	},
	appliesToObject: {
		"GetObject", "GetObjectVersion", "GetObjectAcl", "GetObjectVersionAcl", "GetObjectAttributes",
		"GetObjectVersionAttributes", "GetObjectTagging", "GetObjectVersionTagging", "GetObjectTorrent",
		"GetObjectVersionTorrent", "GetObjectLegalHold", "GetObjectRetention", "GetObjectVersionForReplication",
		"PutObject", "PutObjectAcl", "PutObjectVersionAcl", "PutObjectTagging", "PutObjectVersionTagging",
		"PutObjectLegalHold", "PutObjectRetention", "DeleteObject", "DeleteObjectVersion", "DeleteObjectTagging",
		"DeleteObjectVersionTagging", "AbortMultipartUpload", "ListMultipartUploadParts", "RestoreObject",
		"ReplicateObject", "ReplicateDelete", "ReplicateTags", "ObjectOwnerOverrideToBucketOwner",
		"BypassGovernanceRetention", "InitiateReplication",
	},
	appliesToNone: {
		"ListAllMyBuckets", "CreateSession", "GetAccountPublicAccessBlock", "PutAccountPublicAccessBlock",
		"ListAccessPoints", "CreateAccessPoint", "DeleteAccessPoint", "GetAccessPoint", "GetAccessPointPolicy",
		"PutAccessPointPolicy", "DeleteAccessPointPolicy", "GetAccessPointPolicyStatus",
		"PutAccessPointPublicAccessBlock", "ListAccessPointsForObjectLambda", "CreateAccessPointForObjectLambda",
		"DeleteAccessPointForObjectLambda", "GetAccessPointForObjectLambda",
		"GetAccessPointConfigurationForObjectLambda", "PutAccessPointConfigurationForObjectLambda",
		"GetAccessPointPolicyForObjectLambda", "PutAccessPointPolicyForObjectLambda",
		"DeleteAccessPointPolicyForObjectLambda", "GetAccessPointPolicyStatusForObjectLambda",
		"ListJobs", "CreateJob", "DescribeJob", "UpdateJobPriority", "UpdateJobStatus", "GetJobTagging",
		"PutJobTagging", "DeleteJobTagging", "ListStorageLensConfigurations", "GetStorageLensConfiguration",
		"PutStorageLensConfiguration", "DeleteStorageLensConfiguration", "GetStorageLensDashboard",
		"GetStorageLensConfigurationTagging", "PutStorageLensConfigurationTagging",
		"DeleteStorageLensConfigurationTagging", "CreateStorageLensGroup", "GetStorageLensGroup",
		"UpdateStorageLensGroup", "DeleteStorageLensGroup", "ListStorageLensGroups",
		"CreateMultiRegionAccessPoint", "DeleteMultiRegionAccessPoint", "DescribeMultiRegionAccessPointOperation",
		"GetMultiRegionAccessPoint", "GetMultiRegionAccessPointPolicy", "GetMultiRegionAccessPointPolicyStatus",
		"ListMultiRegionAccessPoints", "PutMultiRegionAccessPointPolicy", "GetMultiRegionAccessPointRoutes",
		"SubmitMultiRegionAccessPointRoutes", "CreateAccessGrant", "CreateAccessGrantsInstance",
		"CreateAccessGrantsLocation", "DeleteAccessGrant", "DeleteAccessGrantsInstance",
		"DeleteAccessGrantsLocation", "GetAccessGrant", "GetAccessGrantsInstance", "GetAccessGrantsLocation",
		"ListAccessGrants", "ListAccessGrantsInstances", "ListAccessGrantsLocations", "UpdateAccessGrantsLocation",
		"GetDataAccess", "ListCallerAccessGrants", "GetAccessGrantsInstanceForPrefix",
		"GetAccessGrantsInstanceResourcePolicy", "PutAccessGrantsInstanceResourcePolicy",
		"DeleteAccessGrantsInstanceResourcePolicy", "AssociateAccessGrantsIdentityCenter",
		"DissociateAccessGrantsIdentityCenter",
	},
}

// s3ActionIndex maps lower-case action names (without "s3:") to their class;
// IAM action names are case-insensitive.
var s3ActionIndex = buildS3ActionIndex()

// buildS3ActionIndex flattens s3Actions into s3ActionIndex.
func buildS3ActionIndex() map[string]resourceClass {
	index := map[string]resourceClass{}
	for class, names := range s3Actions {
		for _, n := range names {
			index[strings.ToLower(n)] = class
		}
	}
	return index
}

// publicBadActionPrefixes are the lower-case prefixes of the actions that
// make an unrestricted Allow public ("bad actions" of the Block Public
// Access documentation: s3:Get*, s3:List*, s3:AbortMultipartUpload,
// s3:Delete*, s3:Put*, s3:RestoreObject).
var publicBadActionPrefixes = []string{"get", "list", "abortmultipartupload", "delete", "put", "restoreobject"}

// matchedAction summarises the catalogue entries an Action pattern covers.
type matchedAction struct {
	classes resourceClass // union of the resource classes
	bad     bool          // covers at least one "bad action"
}

// matchAction resolves an Action value ("*", "s3:Name" or an s3 wildcard
// pattern) against the catalogue; ok is false when it names nothing real.
func matchAction(action string) (m matchedAction, ok bool) {
	pattern := strings.ToLower(action)
	if pattern == "*" {
		pattern = "s3:*"
	}
	name, found := strings.CutPrefix(pattern, "s3:")
	if !found || name == "" {
		return matchedAction{}, false
	}
	for known, class := range s3ActionIndex {
		if !WildcardMatch(name, known) {
			continue
		}
		ok = true
		m.classes |= class
		for _, p := range publicBadActionPrefixes {
			if strings.HasPrefix(known, p) {
				m.bad = true
			}
		}
	}
	return m, ok
}

// WildcardMatch reports whether s matches pattern, where '*' matches any run
// of characters and '?' any single one (IAM wildcard semantics). The policy
// evaluator of the sandbox uses it too, so validation and evaluation agree.
func WildcardMatch(pattern, s string) bool {
	p, i := 0, 0
	star, mark := -1, 0
	for i < len(s) {
		switch {
		case p < len(pattern) && (pattern[p] == '?' || pattern[p] == s[i]):
			p++
			i++
		case p < len(pattern) && pattern[p] == '*':
			star, mark = p, i
			p++
		case star >= 0:
			p = star + 1
			mark++
			i = mark
		default:
			return false
		}
	}
	for p < len(pattern) && pattern[p] == '*' {
		p++
	}
	return p == len(pattern)
}
