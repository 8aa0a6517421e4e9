package sandbox

import (
	"net/http"

	"github.com/s3sec/s3sec/otp"
)

// Messages of S3's MFA Delete answers (3.3). Clients match on them, so each
// is a constant; those marked UNVERIFIED are best guesses to revisit.
const (
	// msgMFARequired is S3's text when MFA is needed and x-amz-mfa is absent [OBS].
	msgMFARequired = "Mfa Authentication must be used for this request"
	// msgMFAHeaderInvalid is S3's text for a malformed x-amz-mfa [OBS].
	msgMFAHeaderInvalid = "Mfa header is invalid -- the header should be formatted as {serialNumber}(space){tokenCode}"
	// msgMFAWithSessionToken is S3's text for x-amz-mfa with temporary credentials [OBS].
	msgMFAWithSessionToken = "DevPay and Mfa are mutually exclusive authorization methods."
	// msgMFAOverHTTP refuses x-amz-mfa on plain HTTP; AWS only documents
	// that HTTPS is required. UNVERIFIED.
	msgMFAOverHTTP = "x-amz-mfa header is only accepted over HTTPS"
	// msgMFAOwnerOnly refuses MFA Delete operations to anyone but the bucket
	// owner's root user. UNVERIFIED wording.
	msgMFAOwnerOnly = "This operation may only be performed by the bucket owner"
	// msgLifecycleWithMFADelete refuses lifecycle rules and MFA Delete on the
	// same bucket, in either order (3.5). UNVERIFIED: AWS documents only that
	// the combination is unsupported.
	msgLifecycleWithMFADelete = "Lifecycle configuration is not supported on MFA Delete enabled buckets"
	// msgMFATooManyAttempts refuses every code of a device locked out by
	// recent wrong codes (mfa_throttle.go). UNVERIFIED: AWS documents no
	// limit and no answer for it; 403 AccessDenied as for a wrong code.
	msgMFATooManyAttempts = "Too many invalid MFA attempts for this device; try again later"
)

// errMFARequired is the 403 for a request that needs MFA and has no x-amz-mfa.
func errMFARequired() *s3Error {
	return newError(http.StatusForbidden, "AccessDenied", msgMFARequired)
}

// errMFAHeaderInvalid is the 400 for an x-amz-mfa that is not "SERIAL CODE".
func errMFAHeaderInvalid() *s3Error {
	return newError(http.StatusBadRequest, "InvalidArgument", msgMFAHeaderInvalid).with("ArgumentName", otp.HeaderName)
}

// errMFAWithSessionToken is the 400 for x-amz-mfa on a request signed with temporary credentials.
func errMFAWithSessionToken() *s3Error {
	return errInvalidRequest(msgMFAWithSessionToken)
}

// errMFAOverHTTP is the 400 for x-amz-mfa on plain HTTP.
func errMFAOverHTTP() *s3Error {
	return errInvalidRequest(msgMFAOverHTTP)
}

// errMFAOwnerOnly is the 403 for an IAM user attempting what only root may do on an MFA Delete bucket.
func errMFAOwnerOnly() *s3Error {
	return newError(http.StatusForbidden, "AccessDenied", msgMFAOwnerOnly)
}

// errLifecycleWithMFADelete is the 409 for combining lifecycle rules and MFA Delete.
func errLifecycleWithMFADelete() *s3Error {
	return newError(http.StatusConflict, "InvalidBucketState", msgLifecycleWithMFADelete)
}

// errMFATooManyAttempts is the 403 for any code of a device locked out by wrong codes.
func errMFATooManyAttempts() *s3Error {
	return newError(http.StatusForbidden, "AccessDenied", msgMFATooManyAttempts)
}
