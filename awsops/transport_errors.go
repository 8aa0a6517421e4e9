package awsops

import (
	"errors"
	"strings"

	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
)

// sentOverPlainHTTP reports whether the answer behind err came to a request
// sent over plain HTTP (no TLS). The SDK keeps the request on the response.
func sentOverPlainHTTP(err error) bool {
	var re *awshttp.ResponseError
	if errors.As(err, &re) && re.Response != nil && re.Response.Request != nil && re.Response.Request.URL != nil {
		return strings.EqualFold(re.Response.Request.URL.Scheme, "http")
	}
	return false
}

// IsDeniedOverPlainHTTP reports whether a request over plain HTTP was
// refused with a permission error. S3 answers a request that a TLS-only
// bucket policy (Deny on aws:SecureTransport = false) refuses with the same
// terse "AccessDenied: Access Denied" as a missing permission, so the
// transport is the only sign of the real cause.
func IsDeniedOverPlainHTTP(err error) bool {
	fe := Classify(err)
	return fe != nil && fe.PlainHTTP && IsAccessDenied(fe)
}
