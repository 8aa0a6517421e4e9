package sandbox

import (
	"net/http"

	"github.com/s3sec/s3sec/otp"
)

// checkMFA applies x-amz-mfa for the operations that accept it (DeleteObject,
// DeleteObjects, PutBucketVersioning), in this order:
//  1. a header that is present must have come over HTTPS and be well formed,
//     whether or not the request needs it;
//  2. when required, the caller must be the account root (IAM users cannot
//     use MFA Delete, not even with their own device), the header must be
//     present, and it must carry a code of a device enabled for root that
//     was not accepted before in its time step (otp.Guard), and the device
//     must not be locked out by recent wrong codes (mfa_throttle.go).
//
// A header that is not required is not verified further (AWS UNVERIFIED).
// Temporary credentials with the header are refused earlier, during
// authentication (authenticateS3). The caller holds the bucket store lock,
// so the bucket state that made MFA required cannot change before the
// operation runs. TOTP uses Options.Clock, like everything the sandbox
// stamps, so tests can fix the time.
func (c *s3Call) checkMFA(required bool) *s3Error {
	values, present := c.r.Header[http.CanonicalHeaderKey(otp.HeaderName)]
	var serial, code string
	if present {
		if !c.secure {
			return errMFAOverHTTP()
		}
		if len(values) != 1 {
			return errMFAHeaderInvalid()
		}
		var err error
		if serial, code, err = otp.ParseHeader(values[0]); err != nil {
			return errMFAHeaderInvalid()
		}
	}
	if !required {
		return nil
	}
	if !c.p.isRoot {
		return errMFAOwnerOnly()
	}
	if !present {
		return errMFARequired()
	}
	switch c.s.iam.verify(serial, c.s.root, code, c.s.opts.Clock()) {
	case mfaLockedOut:
		return errMFATooManyAttempts()
	case mfaRejected:
		return errAccessDenied()
	}
	return nil
}
