package sigv4

import "errors"

// Error is an authentication failure as S3 reports it.
type Error struct {
	Status  int    // HTTP status code
	Code    string // S3 error code, e.g. "SignatureDoesNotMatch"
	Message string // S3 error message, literal
	// Fields are the extra elements S3 puts after <Message> in the error
	// document (for example <StringToSign>), in order.
	Fields []Field

	anonymous bool
}

// Field is one extra element of an S3 error document.
type Field struct {
	Name, Value string
}

// Error returns "Code: Message".
func (e *Error) Error() string { return e.Code + ": " + e.Message }

// Anonymous reports whether the request carried no authentication at all.
// The sandbox denies anonymous access, but a server may want to treat it
// differently from a bad signature (for example to say so in its logs).
func (e *Error) Anonymous() bool { return e != nil && e.anonymous }

// AsError returns the *Error inside err, which is how a failure found while
// reading a verified body (see Verify) is recognised.
func AsError(err error) (*Error, bool) {
	var e *Error
	ok := errors.As(err, &e)
	return e, ok
}

func newError(status int, code, message string, fields ...Field) *Error {
	return &Error{Status: status, Code: code, Message: message, Fields: fields}
}

func errAnonymous() *Error {
	e := newError(403, "AccessDenied", "Access Denied")
	e.anonymous = true
	return e
}

func errInvalidAccessKey(akid string) *Error {
	return newError(403, "InvalidAccessKeyId",
		"The AWS Access Key Id you provided does not exist in our records.",
		Field{"AWSAccessKeyId", akid})
}

const msgSignatureMismatch = "The request signature we calculated does not match the signature you provided. Check your key and signing method."

func errSignatureMismatch(fields ...Field) *Error {
	return newError(403, "SignatureDoesNotMatch", msgSignatureMismatch, fields...)
}

func errHeaderMalformed(reason string) *Error {
	return newError(400, "AuthorizationHeaderMalformed", "The authorization header is malformed; "+reason)
}

func errQueryMalformed(message string) *Error {
	return newError(400, "AuthorizationQueryParametersError", message)
}

func errBadDate() *Error {
	return newError(403, "AccessDenied", "AWS authentication requires a valid Date or x-amz-date header")
}

func errUnsupportedMechanism() *Error {
	return newError(400, "InvalidRequest", "The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.")
}

func errTwoMechanisms() *Error {
	return newError(400, "InvalidArgument",
		"Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified",
		Field{"ArgumentName", "Authorization"})
}

func errMissingContentSHA256() *Error {
	return newError(400, "InvalidRequest", "Missing required header for this request: x-amz-content-sha256")
}

func errInvalidContentSHA256(value string) *Error {
	return newError(400, "InvalidArgument",
		"x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-UNSIGNED-PAYLOAD-TRAILER, STREAMING-AWS4-HMAC-SHA256-PAYLOAD, STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER, STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD, STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER or a valid sha256 value.",
		Field{"ArgumentName", "x-amz-content-sha256"}, Field{"ArgumentValue", value})
}

func errContentSHA256Mismatch(client, computed string) *Error {
	return newError(400, "XAmzContentSHA256Mismatch",
		"The provided 'x-amz-content-sha256' header does not match what was computed.",
		Field{"ClientComputedContentSHA256", client}, Field{"S3ComputedContentSHA256", computed})
}

func errIncompleteBody() *Error {
	return newError(400, "IncompleteBody", "The request body terminated unexpectedly")
}

func errMalformedTrailer() *Error {
	return newError(400, "MalformedTrailerError",
		"The request contained trailing data that was not well-formed or did not conform to our published schema.")
}

func errTooLarge() *Error {
	return newError(413, "RequestEntityTooLarge", "Your request was too large.")
}
