package sandbox

import (
	"fmt"
	"net/http"
	"strings"
)

// s3Error is an S3 error answer: status, code, message, the extra elements
// that follow Message in the error document, and any extra response headers.
type s3Error struct {
	Status  int
	Code    string
	Message string
	Extra   [][2]string // element name, text; emitted in order after Message
	Header  http.Header // headers S3 adds to this error (x-amz-delete-marker, Allow, ...)
}

// Error implements error.
func (e *s3Error) Error() string { return fmt.Sprintf("%d %s: %s", e.Status, e.Code, e.Message) }

// with appends an extra element and returns e for chaining.
func (e *s3Error) with(name, value string) *s3Error {
	e.Extra = append(e.Extra, [2]string{name, value})
	return e
}

// withHeader adds a response header and returns e for chaining.
func (e *s3Error) withHeader(name, value string) *s3Error {
	if e.Header == nil {
		e.Header = http.Header{}
	}
	e.Header.Set(name, value)
	return e
}

// newError builds an s3Error.
func newError(status int, code, message string) *s3Error {
	return &s3Error{Status: status, Code: code, Message: message}
}

// errorDocument renders the S3 error body of 1.3: no namespace on <Error>,
// Code and Message first, then the extras, then RequestId and HostId.
func errorDocument(e *s3Error, ids requestIDs) []byte {
	var b strings.Builder
	b.WriteString(xmlHeader)
	b.WriteString("<Error>")
	writeElement(&b, "Code", e.Code)
	writeElement(&b, "Message", e.Message)
	for _, kv := range e.Extra {
		writeElement(&b, kv[0], kv[1])
	}
	writeElement(&b, "RequestId", ids.RequestID)
	writeElement(&b, "HostId", ids.HostID)
	b.WriteString("</Error>")
	return []byte(b.String())
}

// writeS3Error sends e; HEAD answers carry the status and headers but no body.
func writeS3Error(w http.ResponseWriter, r *http.Request, ids requestIDs, e *s3Error) {
	for name, values := range e.Header {
		w.Header()[name] = values
	}
	if strings.EqualFold(r.Header.Get("Expect"), "100-continue") {
		// The client (aws CLI) holds the body back until "100 Continue", which
		// net/http never sends once a response is under way; since sigv4
		// replaced r.Body, net/http would instead wait to drain the unsent body
		// and deadlock. Closing the connection after the answer avoids that.
		w.Header().Set("Connection", "close")
	}
	if r.Method == http.MethodHead {
		w.WriteHeader(e.Status)
		return
	}
	body := errorDocument(e, ids)
	w.Header().Set("Content-Type", "application/xml")
	w.Header().Set("Content-Length", fmt.Sprint(len(body)))
	w.WriteHeader(e.Status)
	_, _ = w.Write(body)
}

// The errors below are shared by several operations; their texts are the ones
// clients match on (S3-BEHAVIOR.md).

// errNoSuchBucket is the answer for any bucket-scoped call to a missing bucket.
func errNoSuchBucket(bucket string) *s3Error {
	return newError(http.StatusNotFound, "NoSuchBucket", "The specified bucket does not exist").with("BucketName", bucket)
}

// errNoSuchKey is the answer for a GET/HEAD of a missing or deleted key.
func errNoSuchKey(key string) *s3Error {
	return newError(http.StatusNotFound, "NoSuchKey", "The specified key does not exist.").with("Key", key)
}

// errNoSuchVersion is the answer for a well-formed version id that does not exist.
func errNoSuchVersion(key, versionID string) *s3Error {
	return newError(http.StatusNotFound, "NoSuchVersion", "The specified version does not exist.").
		with("Key", key).with("VersionId", versionID)
}

// errInvalidVersionID is the answer for a version id that cannot be one.
func errInvalidVersionID(versionID string) *s3Error {
	return newError(http.StatusBadRequest, "InvalidArgument", "Invalid version id specified").
		with("ArgumentName", "versionId").with("ArgumentValue", versionID)
}

// errNotImplemented refuses a feature the sandbox lacks, never pretending success.
func errNotImplemented() *s3Error {
	return newError(http.StatusNotImplemented, "NotImplemented",
		"A header you provided implies functionality that is not implemented")
}

// errNotImplementedHeader names the header that asked for the missing feature.
func errNotImplementedHeader(header string) *s3Error {
	return errNotImplemented().with("Header", header)
}

// errAccessDenied is the terse denial of a bucket policy or owner mismatch.
func errAccessDenied() *s3Error {
	return newError(http.StatusForbidden, "AccessDenied", "Access Denied")
}

// errInvalidArgument names the offending argument and value.
func errInvalidArgument(message, name, value string) *s3Error {
	return newError(http.StatusBadRequest, "InvalidArgument", message).
		with("ArgumentName", name).with("ArgumentValue", value)
}

// errInvalidRequest is a 400 InvalidRequest with the given message.
func errInvalidRequest(message string) *s3Error {
	return newError(http.StatusBadRequest, "InvalidRequest", message)
}

// errInternal reports a sandbox bug as S3's 500 InternalError.
func errInternal(err error) *s3Error {
	return newError(http.StatusInternalServerError, "InternalError",
		"We encountered an internal error. Please try again.").with("Detail", err.Error())
}
