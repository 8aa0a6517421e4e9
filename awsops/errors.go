package awsops

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/smithy-go"
)

// Synthetic error codes, used where AWS itself sends none.
const (
	// CodeRequestCanceled marks a call that was canceled (context canceled or
	// deadline exceeded), or a facet that was never read because of it.
	CodeRequestCanceled = "RequestCanceled"
	// CodeNotImplemented marks an endpoint that does not support the call
	// (HTTP 501, or an emulator's equivalent).
	CodeNotImplemented = "NotImplemented"
	// CodeRequestError marks a failure without any HTTP answer (DNS, TLS, refused connection).
	CodeRequestError = "RequestError"
	// CodeLocalError marks a failure on this machine before or after any
	// call: a local file, a key file, an input refused before sending.
	CodeLocalError = "LocalError"
)

// ErrNoCredentials is matched (errors.Is) by the error of Open when no
// credentials can be found or the configured ones cannot be loaded.
var ErrNoCredentials = errors.New("no AWS credentials found")

// noCredentialsError explains how to provide credentials and keeps the SDK's reason.
type noCredentialsError struct{ cause error }

// credentialsHelp lists the ways to provide credentials, the same ones the aws CLI accepts.
const credentialsHelp = "provide them with AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, " +
	"--profile NAME (or AWS_PROFILE) for a profile in ~/.aws/credentials or ~/.aws/config, " +
	"`aws sso login --profile NAME` for IAM Identity Center, or an instance, task or pod role; " +
	"`s3sec demo` needs none"

// Error names the ways to provide credentials, then the SDK's reason.
func (e *noCredentialsError) Error() string {
	return fmt.Sprintf("%v: %s (%v)", ErrNoCredentials, credentialsHelp, e.cause)
}

// Is makes errors.Is(err, ErrNoCredentials) true.
func (e *noCredentialsError) Is(target error) bool { return target == ErrNoCredentials }

// Unwrap returns the SDK's error.
func (e *noCredentialsError) Unwrap() error { return e.cause }

// opError is what Identity and Buckets return: the short "Code: message"
// of the classified error, prefixed by the operation. It unwraps to both
// the *FacetError and the SDK error, so errors.As(err, **FacetError),
// errors.Is(err, context.Canceled) and smithy.APIError all keep working.
type opError struct {
	op  string
	fe  *FacetError
	err error
}

// Error returns "op: Code: message".
func (e *opError) Error() string { return e.op + ": " + e.fe.Error() }

// Unwrap returns the classified error and the original one.
func (e *opError) Unwrap() []error { return []error{e.fe, e.err} }

// wrapOp classifies err and names the operation it came from.
func wrapOp(op string, err error) error {
	if err == nil {
		return nil
	}
	return &opError{op: op, fe: Classify(err), err: err}
}

// Classify turns any error of an AWS call into a FacetError that keeps the
// AWS error code and message. An endpoint that did not answer in time
// becomes Timeout, cancellation RequestCanceled, an
// unsupported call NotImplemented, a failure without an HTTP answer
// RequestError. It returns nil for nil.
func Classify(err error) *FacetError {
	if err == nil {
		return nil
	}
	var fe *FacetError
	if errors.As(err, &fe) {
		return fe
	}
	var timeout *TimeoutError
	if errors.As(err, &timeout) {
		// Before cancellation: a call bounded by the session gives up through
		// its context, but what the user needs to know is who did not answer.
		return &FacetError{Code: CodeTimeout, Message: timeout.Error()}
	}
	var canceled *smithy.CanceledError
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) || errors.As(err, &canceled) {
		msg := "request canceled"
		if errors.Is(err, context.DeadlineExceeded) {
			msg = "request canceled: deadline exceeded"
		}
		return &FacetError{Code: CodeRequestCanceled, Message: msg}
	}
	status := httpStatus(err)
	var api smithy.APIError
	if errors.As(err, &api) {
		code, msg := api.ErrorCode(), api.ErrorMessage()
		if notImplemented(code, msg, status) {
			if msg == "" {
				msg = "the endpoint does not implement this operation"
			}
			return &FacetError{Code: CodeNotImplemented, Message: msg}
		}
		if code == "" || code == "UnknownError" {
			// No code in the answer (HEAD requests never carry a body): use the status.
			if status != 0 {
				code = strings.ReplaceAll(http.StatusText(status), " ", "")
			}
		}
		if msg == "" && status != 0 {
			msg = fmt.Sprintf("HTTP %d %s", status, http.StatusText(status))
		}
		return &FacetError{Code: code, Message: msg, PlainHTTP: sentOverPlainHTTP(err)}
	}
	if status == http.StatusNotImplemented {
		return &FacetError{Code: CodeNotImplemented, Message: "the endpoint does not implement this operation"}
	}
	if status != 0 {
		return &FacetError{Code: strings.ReplaceAll(http.StatusText(status), " ", ""), Message: err.Error(), PlainHTTP: sentOverPlainHTTP(err)}
	}
	var op *smithy.OperationError
	if !errors.As(err, &op) {
		// Not an API call at all: a local file, a key file, a refused input.
		// Calling it a RequestError would send the user to check the network.
		return &FacetError{Code: CodeLocalError, Message: err.Error()}
	}
	return &FacetError{Code: CodeRequestError, Message: err.Error()}
}

// notImplemented recognises the ways endpoints say they lack an operation:
// S3's 501 NotImplemented and moto's "... has not been implemented".
func notImplemented(code, msg string, status int) bool {
	return code == CodeNotImplemented || code == "NotImplementedError" ||
		status == http.StatusNotImplemented ||
		strings.Contains(msg, "has not been implemented")
}

// httpStatus returns the HTTP status of the answer behind err, or 0.
func httpStatus(err error) int {
	var re *awshttp.ResponseError
	if errors.As(err, &re) && re.Response != nil {
		return re.Response.StatusCode
	}
	return 0
}

// IsAccessDenied reports whether err is a permission refusal.
func IsAccessDenied(err error) bool {
	switch Classify(err).codeOrEmpty() {
	case "AccessDenied", "AccessDeniedException", "Forbidden", "AllAccessDisabled":
		return true
	}
	return false
}

// IsNotImplemented reports whether the endpoint does not support the call.
func IsNotImplemented(err error) bool {
	return Classify(err).codeOrEmpty() == CodeNotImplemented
}

// IsCanceled reports whether the call was canceled or timed out.
func IsCanceled(err error) bool {
	return Classify(err).codeOrEmpty() == CodeRequestCanceled
}

// codeOrEmpty returns the code, or "" for a nil error.
func (e *FacetError) codeOrEmpty() string {
	if e == nil {
		return ""
	}
	return e.Code
}
