package awsops

import (
	"errors"
	"fmt"
	"strings"

	"github.com/s3sec/s3sec/otp"
)

// Messages and codes S3 and IAM use for MFA failures (S3-BEHAVIOR §3.3, §8.3).
// S3 reuses AccessDenied for several of them, so the message tells them apart.
const (
	msgMFARequired       = "Mfa Authentication must be used for this request"
	msgMFAHeaderInvalid  = "Mfa header is invalid"
	msgMFAWithTempCreds  = "DevPay and Mfa are mutually exclusive"
	msgOnlyBucketOwner   = "may only be performed by the bucket owner"
	msgNotAuthorized     = "is not authorized to perform" // an identity policy's denial, whatever the MFA code
	codeInvalidAuthCode  = "InvalidAuthenticationCode"
	codeInvalidArgument  = "InvalidArgument"
	codeInvalidRequest   = "InvalidRequest"
	codeS3AccessDenied   = "AccessDenied"
	mfaRejectedHint      = "type the code the device shows now; if that same code was already used, wait for the next code"
	mfaRootOnlyHint      = "only the root user of the bucket owner's account can do this, with the root user's MFA device"
	mfaTempCredsHint     = "requests with an MFA code must be signed with the root user's long-term access keys, not temporary credentials: unset AWS_SESSION_TOKEN or use a profile without a session token"
	mfaRequiredHint      = "MFA Delete is on for this bucket: this request needs a code from the root user's MFA device"
	mfaHeaderInvalidHint = "the MFA serial or code is malformed (the serial is the device ARN or a hardware token's serial, the code is 6 digits); a code that was already used is reported this way too: " + mfaRejectedHint
)

// mfaSentError marks the error of a request that carried x-amz-mfa, so that
// an AccessDenied can be read as "the code was refused" rather than as a
// missing permission.
type mfaSentError struct{ err error }

// Error returns the underlying error's text: the marker adds nothing visible.
func (e *mfaSentError) Error() string { return e.err.Error() }

// Unwrap returns the underlying error.
func (e *mfaSentError) Unwrap() error { return e.err }

// mfaCallError classifies err from op and marks it when the request carried
// x-amz-mfa.
func mfaCallError(op string, err error, sentMFA bool) error {
	if err == nil {
		return nil
	}
	err = wrapOp(op, err)
	if sentMFA {
		return &mfaSentError{err: err}
	}
	return err
}

// ErrMFAOverHTTP is returned, before anything is sent, by a step that needs
// an MFA code on a session whose endpoint is plain HTTP: S3 accepts codes
// only over HTTPS, and a code must not cross the network in clear.
var ErrMFAOverHTTP = errors.New("MFA codes are only sent over HTTPS")

// mfaHeader builds the x-amz-mfa value for a request of s, saying which part
// is wrong without repeating the code.
func mfaHeader(s *Session, m MFA) (string, error) {
	if !s.Secure() {
		return "", fmt.Errorf("%w: the endpoint %s is plain HTTP", ErrMFAOverHTTP, s.Endpoint())
	}
	h, err := otp.Header(m.Serial, m.Code)
	if err != nil {
		return "", fmt.Errorf("cannot send the MFA code: %w", err)
	}
	return h, nil
}

// apiCode returns the AWS error code and message behind err ("" for nil).
func apiCode(err error) (code, msg string) {
	fe := Classify(err)
	if fe == nil {
		return "", ""
	}
	return fe.Code, fe.Message
}

// IsMFARequired reports whether the request needed an MFA code and had none:
// S3's 403 "Mfa Authentication must be used for this request", or Apply's
// ErrMFARequired.
func IsMFARequired(err error) bool {
	if errors.Is(err, ErrMFARequired) {
		return true
	}
	code, msg := apiCode(err)
	return code == codeS3AccessDenied && strings.Contains(msg, msgMFARequired)
}

// IsNotRootForMFA reports whether an MFA Delete request was refused because
// the caller is not the bucket owner's root user.
func IsNotRootForMFA(err error) bool {
	code, msg := apiCode(err)
	return code == codeS3AccessDenied && strings.Contains(msg, msgOnlyBucketOwner)
}

// IsMFAHeaderInvalid reports whether the x-amz-mfa value was malformed, as
// found by S3 (400 InvalidArgument "Mfa header is invalid ...") or before
// sending (an invalid serial or code).
func IsMFAHeaderInvalid(err error) bool {
	if errors.Is(err, otp.ErrInvalidHeader) || errors.Is(err, otp.ErrInvalidCode) || errors.Is(err, otp.ErrInvalidSerial) {
		return true
	}
	code, msg := apiCode(err)
	return code == codeInvalidArgument && strings.HasPrefix(msg, msgMFAHeaderInvalid)
}

// IsMFAWithTemporaryCredentials reports whether S3 refused an MFA request
// signed with temporary credentials ("DevPay and Mfa are mutually exclusive
// authorization methods.").
func IsMFAWithTemporaryCredentials(err error) bool {
	code, msg := apiCode(err)
	return code == codeInvalidRequest && strings.Contains(msg, msgMFAWithTempCreds)
}

// IsMFARejected reports whether a well-formed MFA code was refused: wrong,
// expired or reused. For S3 that is an AccessDenied on a request that carried
// x-amz-mfa (and is neither "MFA required" nor "not root", nor an IAM
// denial that names the action: the code is not the cause of those); for
// IAM enrollment it is InvalidAuthenticationCode.
func IsMFARejected(err error) bool {
	code, msg := apiCode(err)
	if code == codeInvalidAuthCode {
		return true
	}
	var sent *mfaSentError
	return errors.As(err, &sent) && code == codeS3AccessDenied && !IsMFARequired(err) && !IsNotRootForMFA(err) &&
		!strings.Contains(msg, msgNotAuthorized)
}

// IsMFAThrottled reports whether the endpoint refused a code because too
// many wrong ones were tried for the device (a guessing guard; the sandbox
// answers AccessDenied "Too many invalid MFA attempts ..."). AWS does not
// document its answer, so any AccessDenied naming too many MFA attempts counts.
func IsMFAThrottled(err error) bool {
	code, msg := apiCode(err)
	lower := strings.ToLower(msg)
	return code == codeS3AccessDenied && strings.Contains(lower, "too many") && strings.Contains(lower, "mfa")
}

// IsMFAOverHTTP reports whether an MFA code was not sent (ErrMFAOverHTTP)
// or was refused because the endpoint is plain HTTP. AWS documents that
// HTTPS is required but not its answer: any InvalidRequest naming both MFA
// and HTTPS (the sandbox's wording) counts.
func IsMFAOverHTTP(err error) bool {
	if errors.Is(err, ErrMFAOverHTTP) {
		return true
	}
	code, msg := apiCode(err)
	lower := strings.ToLower(msg)
	return code == codeInvalidRequest && strings.Contains(lower, "mfa") && strings.Contains(lower, "https")
}

// ExplainMFAError returns a one-line explanation of an MFA failure for the
// user, or "" when err is not one.
func ExplainMFAError(err error) string {
	switch {
	case err == nil:
		return ""
	case IsMFAWithTemporaryCredentials(err):
		return mfaTempCredsHint
	case IsMFAOverHTTP(err):
		return "MFA codes are only accepted over HTTPS: use the endpoint's https:// URL"
	case IsMFARequired(err):
		return mfaRequiredHint
	case IsNotRootForMFA(err):
		return mfaRootOnlyHint + "; an IAM user's own MFA device does not count"
	case IsMFAHeaderInvalid(err):
		return mfaHeaderInvalidHint
	case IsMFAThrottled(err):
		return "too many wrong MFA codes for this device: the endpoint refuses every code, the right one too, for a while; wait a minute, then type the code the device shows"
	case IsMFARejected(err):
		if code, _ := apiCode(err); code == codeInvalidAuthCode {
			return "the device codes were not accepted: enter two consecutive codes, waiting for the device to show a new one between them"
		}
		return "the MFA code was refused (a typo, expired, or already used): " + mfaRejectedHint + ", and check that the serial is the root user's device"
	}
	return ""
}
