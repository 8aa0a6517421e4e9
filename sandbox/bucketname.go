package sandbox

import (
	"net"
	"net/http"
	"strings"
)

// validBucketName applies the general-purpose bucket naming rules of S3:
// 3–63 characters of a–z, 0–9, '.' and '-', starting and ending with a letter
// or digit, no ".." and no dash next to a period, not shaped like an IP
// address, and none of the reserved prefixes and suffixes.
func validBucketName(name string) bool {
	if len(name) < 3 || len(name) > 63 {
		return false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '-') {
			return false
		}
	}
	if !isLowerAlnum(name[0]) || !isLowerAlnum(name[len(name)-1]) {
		return false
	}
	// No ".." (user guide), and no dash next to a period: "my-.bucket" and
	// "my.-bucket" are not DNS labels. The current user guide no longer lists
	// the dash rule, but S3's DNS-compliant naming rules (as the CloudTrail
	// guide still quotes them: "cannot ... use dashes adjacent to periods")
	// and the S3 console's validator refuse such names.
	if strings.Contains(name, "..") || strings.Contains(name, "-.") || strings.Contains(name, ".-") {
		return false
	}
	if ip := net.ParseIP(name); ip != nil {
		return false
	}
	for _, p := range []string{"xn--", "sthree-", "amzn-s3-demo-"} {
		if strings.HasPrefix(name, p) {
			return false
		}
	}
	for _, s := range []string{"-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"} {
		if strings.HasSuffix(name, s) {
			return false
		}
	}
	return true
}

// isLowerAlnum reports whether c is a lower-case ASCII letter or a digit.
func isLowerAlnum(c byte) bool { return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' }

// errInvalidBucketName is CreateBucket's answer to a name that breaks the rules.
func errInvalidBucketName(name string) *s3Error {
	return newError(http.StatusBadRequest, "InvalidBucketName", "The specified bucket is not valid.").with("BucketName", name)
}
