package policy

import (
	"strings"

	"github.com/s3sec/s3sec/sandbox/bucketconfig"
)

// wildcardMatch is IAM's '*' and '?' matching; the validator in
// bucketconfig uses the same function, so validation and evaluation agree.
func wildcardMatch(pattern, s string) bool { return bucketconfig.WildcardMatch(pattern, s) }

// toLower lower-cases an ASCII name (actions, condition keys).
func toLower(s string) string { return strings.ToLower(s) }
