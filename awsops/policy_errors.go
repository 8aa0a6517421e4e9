package awsops

import "strings"

// ExplainPolicyError is the one line of what to do when S3 refuses a
// bucket policy change; "" when the error is not one of these.
func ExplainPolicyError(err error) string {
	if err == nil {
		return ""
	}
	fe := Classify(err)
	switch {
	case fe.Code == "MalformedPolicy":
		return "S3 checked the document and refused it (the message says what): edit it again (p, then e); your text is kept."
	case IsAccessDenied(err) && strings.Contains(fe.Message, "BlockPublicPolicy"):
		return "The policy grants public access and Block Public Access (BlockPublicPolicy) is on: narrow the Principal or Condition, or turn the setting off first."
	case IsDeniedOverPlainHTTP(err):
		return "A bucket policy denies plain HTTP, and only the root user may still change the policy then: connect over https://, or as the root user."
	case IsAccessDenied(err):
		return "You may not change this bucket's policy (s3:PutBucketPolicy / s3:DeleteBucketPolicy), or the policy itself denies you: the account's root user can always repair it."
	case fe.Code == "MethodNotAllowed":
		return "Only identities of the account that owns the bucket may change its policy."
	}
	return ""
}
