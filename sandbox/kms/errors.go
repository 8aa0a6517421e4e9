package kms

import "net/http"

// Error is a KMS error: Type is the JSON "__type" (NotFoundException,
// DisabledException, ThrottlingException, ...) and Message its "message".
type Error struct {
	Type, Message string
}

// Error returns "Type: Message", or Type alone when the message is empty.
func (e *Error) Error() string {
	if e.Message == "" {
		return e.Type
	}
	return e.Type + ": " + e.Message
}

// HTTPStatus is the status code KMS answers this error with.
func (e *Error) HTTPStatus() int {
	switch e.Type {
	case "KMSInternalException", "KeyUnavailableException":
		return http.StatusInternalServerError
	case "DependencyTimeoutException":
		return http.StatusServiceUnavailable
	}
	return http.StatusBadRequest
}

// Error types the sandbox produces, as they appear in "__type".
const (
	ErrNotFound             = "NotFoundException"
	ErrDisabled             = "DisabledException"
	ErrInvalidState         = "KMSInvalidStateException"
	ErrInvalidCiphertext    = "InvalidCiphertextException"
	ErrIncorrectKey         = "IncorrectKeyException"
	ErrValidation           = "ValidationException"
	ErrThrottling           = "ThrottlingException"
	ErrAlreadyExists        = "AlreadyExistsException"
	ErrNotAuthorized        = "NotAuthorizedException"
	ErrAccessDenied         = "AccessDeniedException"
	ErrTag                  = "TagException"
	ErrInvalidMarker        = "InvalidMarkerException"
	ErrInvalidKeyUsage      = "InvalidKeyUsageException"
	ErrUnsupportedOperation = "UnsupportedOperationException"
	ErrUnknownOperation     = "UnknownOperationException"
	ErrSerialization        = "SerializationException"
)

// throttleMessage is KMS's text when the request quota is exceeded (S3-BEHAVIOR 2.7).
const throttleMessage = "You have exceeded the rate at which you may call KMS. Reduce the frequency of your calls."

// newError builds an *Error.
func newError(typ, message string) *Error { return &Error{Type: typ, Message: message} }

// errInvalidCiphertext is the tampering / context-mismatch answer: KMS gives no message.
func errInvalidCiphertext() *Error { return newError(ErrInvalidCiphertext, "") }

// errDisabled is the answer for any use of a disabled key.
func errDisabled(keyARN string) *Error { return newError(ErrDisabled, keyARN+" is disabled.") }

// errPolicyDenied is the answer when no key policy statement lets principal
// perform kms:action on the key: what customers get for AWS-managed keys,
// whose policies only admit use through the owning service.
func errPolicyDenied(principal, action, keyARN string) *Error {
	return newError(ErrAccessDenied, "User: "+principal+" is not authorized to perform: kms:"+action+
		" on resource: "+keyARN+" because no resource-based policy allows the kms:"+action+" action")
}

// errPendingDeletion is the answer for any use of a key scheduled for deletion.
func errPendingDeletion(keyARN string) *Error {
	return newError(ErrInvalidState, keyARN+" is pending deletion.")
}
