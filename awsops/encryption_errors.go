package awsops

import (
	"errors"
	"net/http"
	"strings"
)

// ErrSSECOverHTTP is matched (errors.Is) by the error of any operation that
// would send an SSE-C key over plain HTTP; nothing is sent in that case.
var ErrSSECOverHTTP = errors.New("SSE-C keys are only sent over HTTPS")

// SSECOverHTTPError is the refusal to send an SSE-C key to a plain-HTTP
// endpoint. It is raised before any request, so the key never leaves.
type SSECOverHTTPError struct {
	Endpoint string // the endpoint that was refused
}

// Error gives the reason and the fix.
func (e *SSECOverHTTPError) Error() string {
	return ErrSSECOverHTTP.Error() + ": refusing to use " + e.Endpoint +
		": the key would travel in clear text, and S3 rejects SSE-C requests that are not made over HTTPS; use an https:// endpoint"
}

// Is makes errors.Is(err, ErrSSECOverHTTP) true.
func (e *SSECOverHTTPError) Is(target error) bool { return target == ErrSSECOverHTTP }

// ErrKeyringRequired is returned by Download for a client-side encrypted
// object when no keyring was given: S3 only holds its ciphertext.
var ErrKeyringRequired = errors.New("the object is encrypted client-side (S3 Encryption Client): a KMS key or master key file is needed to decrypt it")

// SSECKeyProblem says what was wrong with the SSE-C key of a read.
type SSECKeyProblem int

// SSE-C key problems.
const (
	SSECKeyWrong   SSECKeyProblem = iota + 1 // a key was sent but it is not the object's (403)
	SSECKeyMissing                           // the object is SSE-C and no key was sent (400)
)

// SSECKeyError is a read of an SSE-C object that S3 refused because of its
// key. It keeps the AWS error; the key itself is never part of it.
type SSECKeyError struct {
	Problem SSECKeyProblem
	Err     error // the classified AWS error
}

// Error says what is wrong with the key, then the AWS code and message.
func (e *SSECKeyError) Error() string {
	what := "the SSE-C key is not the one this object (version) was written with"
	if e.Problem == SSECKeyMissing {
		what = "the object is encrypted with a customer-provided key (SSE-C): give its key to read it"
	}
	return what + " (" + e.Err.Error() + ")"
}

// Unwrap returns the AWS error.
func (e *SSECKeyError) Unwrap() error { return e.Err }

// Messages S3 uses for SSE-C key failures (S3-BEHAVIOR §2.6), matched when an
// error did not pass through wrapSSECRead.
const (
	msgSSECWrongKey   = "must provide the correct secret key"
	msgSSECMissingKey = "The correct parameters must be provided to retrieve the object"
	msgSSECBlocked    = "blocked upload requests that specify Server Side Encryption with Customer provided keys"
)

// wrapSSECRead classifies the error of a GET/HEAD/copy-source read: with a
// key sent, 403 means a wrong key; without one, S3's 400 InvalidRequest
// (HEAD: a bare 400) means the object is SSE-C.
func wrapSSECRead(op string, sentKey bool, err error) error {
	if err == nil {
		return nil
	}
	wrapped := wrapOp(op, err)
	status := httpStatus(err)
	fe := Classify(err)
	switch {
	case sentKey && status == http.StatusForbidden && (fe.Message == "" || strings.HasPrefix(fe.Message, "HTTP ") || strings.Contains(fe.Message, msgSSECWrongKey)):
		return &SSECKeyError{Problem: SSECKeyWrong, Err: wrapped}
	case !sentKey && status == http.StatusBadRequest && (strings.HasPrefix(fe.Message, "HTTP ") || strings.Contains(fe.Message, msgSSECMissingKey)):
		return &SSECKeyError{Problem: SSECKeyMissing, Err: wrapped}
	}
	return wrapped
}

// IsSSECKeyWrong reports whether a read was refused because its SSE-C key is
// not the object's.
func IsSSECKeyWrong(err error) bool {
	var ke *SSECKeyError
	if errors.As(err, &ke) {
		return ke.Problem == SSECKeyWrong
	}
	return err != nil && strings.Contains(Classify(err).Message, msgSSECWrongKey)
}

// IsSSECKeyMissing reports whether a read was refused because the object is
// SSE-C and no key was given.
func IsSSECKeyMissing(err error) bool {
	var ke *SSECKeyError
	if errors.As(err, &ke) {
		return ke.Problem == SSECKeyMissing
	}
	return err != nil && strings.Contains(Classify(err).Message, msgSSECMissingKey)
}

// IsSSECBlocked reports whether an SSE-C write was refused because the
// bucket blocks SSE-C (its encryption rule lists BlockedEncryptionTypes SSE-C).
func IsSSECBlocked(err error) bool {
	return err != nil && strings.Contains(Classify(err).Message, msgSSECBlocked)
}

// IsThrottled reports whether a call was refused for exceeding a request
// rate: S3's 503 SlowDown (which is how S3 reports KMS throttling) or KMS's
// ThrottlingException (client-side encryption calls KMS directly).
func IsThrottled(err error) bool {
	switch Classify(err).codeOrEmpty() {
	case "SlowDown", "ThrottlingException", "Throttling", "ThrottledException", "RequestLimitExceeded",
		"TooManyRequestsException", "RequestThrottled", "RequestThrottledException", "KMS.ThrottlingException":
		return true
	}
	return false
}

// IsKMSKeyDisabled reports whether a KMS key involved in the call is disabled
// (directly from KMS, or as S3's KMS.DisabledException).
func IsKMSKeyDisabled(err error) bool {
	switch Classify(err).codeOrEmpty() {
	case "DisabledException", "KMS.DisabledException":
		return true
	}
	return false
}

// ExplainEncryptionError returns one line on what to do about an error of
// the encryption operations, or "" when there is nothing specific to say.
func ExplainEncryptionError(err error) string {
	switch {
	case err == nil:
		return ""
	case errors.Is(err, ErrSSECOverHTTP):
		return "Use an https:// endpoint: SSE-C keys are never sent in clear text."
	case IsSSECKeyWrong(err):
		return "Use the key file this object was uploaded with; each version may have its own key."
	case IsSSECKeyMissing(err):
		return "Pass the object's SSE-C key (--sse-c-key-file)."
	case IsSSECBlocked(err):
		return "The bucket blocks SSE-C uploads: allow SSE-C in its encryption settings, or choose SSE-S3 or SSE-KMS."
	case errors.Is(err, ErrKeyringRequired):
		return "Pass the KMS key (--kms-key) or the master key file (--master-key-file) used to encrypt it."
	case IsThrottled(err):
		return "KMS request quota exceeded: retry later, or turn on the S3 Bucket Key to cut KMS calls."
	case IsKMSKeyDisabled(err):
		return "Enable the KMS key (aws kms enable-key) or choose another key."
	case IsDeniedOverPlainHTTP(err):
		return "The endpoint refused this request over plain HTTP, as a TLS-only bucket policy (aws:SecureTransport) does: use the https:// endpoint."
	case IsAccessDenied(err):
		return "Check the IAM and key policies: SSE-KMS needs kms:GenerateDataKey to write and kms:Decrypt to read."
	}
	switch Classify(err).codeOrEmpty() {
	case "KMS.NotFoundException", "NotFoundException":
		return "Check the KMS key id, alias or ARN, and that the key is in the bucket's region."
	case "KMS.KMSInvalidStateException", "KMSInvalidStateException":
		return "The KMS key is pending deletion: cancel the deletion (aws kms cancel-key-deletion) to use it."
	}
	return ""
}
