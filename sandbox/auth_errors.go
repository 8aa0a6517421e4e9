package sandbox

import (
	"net/http"

	"github.com/s3sec/s3sec/sandbox/sigv4"
)

// protocolError is an error of the Query (STS, IAM) and JSON (KMS) protocols.
type protocolError struct {
	Status  int
	Code    string
	Message string
}

// protocolAuthError translates a SigV4 failure from S3's vocabulary into the
// codes and texts STS, IAM and KMS use for the same failures.
func protocolAuthError(e *sigv4.Error) protocolError {
	switch {
	case e.Anonymous():
		return protocolError{http.StatusForbidden, "MissingAuthenticationToken", "Request is missing Authentication Token"}
	case e.Code == "InvalidAccessKeyId":
		return protocolError{http.StatusForbidden, "InvalidClientTokenId", "The security token included in the request is invalid."}
	case e.Code == "SignatureDoesNotMatch":
		return protocolError{http.StatusForbidden, "SignatureDoesNotMatch",
			"The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details."}
	case e.Code == "RequestTimeTooSkewed":
		return protocolError{http.StatusBadRequest, "SignatureDoesNotMatch", "Signature expired: " + e.Message}
	case e.Status == http.StatusBadRequest:
		return protocolError{http.StatusBadRequest, "IncompleteSignature", e.Message}
	}
	return protocolError{e.Status, e.Code, e.Message}
}
