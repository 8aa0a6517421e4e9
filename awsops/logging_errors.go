package awsops

// ExplainLoggingError is the one line of what to do about an error of a
// logging plan's call, from its AWS code; "" when the code says nothing
// specific to logging (the caller then uses its generic hint).
func ExplainLoggingError(err error) string {
	if err == nil {
		return ""
	}
	switch Classify(err).Code {
	case "CrossLocationLoggingProhibitted": // sic: S3's own spelling
		return "S3 delivers access logs only within one region: choose a target in the source bucket's region."
	case "InvalidTargetBucketForLogging":
		return "The target must exist and belong to the source bucket's owner: choose one of this account's buckets."
	case "AccessControlListNotSupported":
		return "The target enforces bucket-owner ownership, which refuses ACL grants: grant delivery through its bucket policy instead."
	case "MalformedPolicy":
		return "S3 refused the target's policy with the delivery statement merged in: check the target's existing statements."
	case "NoSuchBucket":
		return "The bucket no longer exists; press R in the grid to list the buckets again."
	}
	return ""
}
