package views

import (
	tea "charm.land/bubbletea/v2"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/ui"
)

// hint is the one line of what to do about an AWS error code.
func hint(code string) string {
	switch code {
	case "AccessDenied", "AccessDeniedException", "Forbidden", "AllAccessDisabled":
		return "Your identity may not make this call: ask for the permission, or use another --profile."
	case awsops.CodeNotImplemented:
		return "This endpoint does not implement this setting; nothing to fix on the bucket."
	case awsops.CodeRequestCanceled:
		return "The read was canceled; press r to read it again."
	case awsops.CodeLocalError:
		return "A problem on this machine, not with AWS: check the path and the file's permissions."
	case awsops.CodeTimeout:
		return "The endpoint did not answer in time: check --endpoint-url and the network, or raise --timeout; press r to read it again."
	case awsops.CodeRequestError:
		return "No answer from the endpoint: check --endpoint-url, the network and --ca-bundle."
	case "NoSuchBucket":
		return "The bucket no longer exists; press R to list the buckets again."
	case "PermanentRedirect", "AuthorizationHeaderMalformed", "IllegalLocationConstraintException":
		return "The bucket lives in another region than the request; check --region."
	case "InvalidAccessKeyId", "SignatureDoesNotMatch", "ExpiredToken", "InvalidClientTokenId", "ExpiredTokenException":
		return "The credentials were refused: check the profile or keys, or renew the SSO session."
	case "SlowDown", "ThrottlingException", "Throttling", "RequestLimitExceeded":
		return "AWS is throttling: wait a moment and press r, or lower --parallel."
	}
	return "Press r to try again."
}

// hintOf is hint for a classified error, naming the real cause where the
// code alone would mislead: S3 refuses a plain-HTTP request to a TLS-only
// bucket with the same AccessDenied as a missing permission.
func hintOf(fe *awsops.FacetError) string {
	if fe == nil {
		return hint("")
	}
	if fe.PlainHTTP && awsops.IsAccessDenied(fe) {
		return "Refused over plain HTTP, as a TLS-only bucket policy (aws:SecureTransport) does: use the https:// endpoint; if the bucket allows HTTP, ask for the permission."
	}
	return hint(fe.Code)
}

// errorOf classifies any error into its AWS code and message.
func errorOf(err error) *awsops.FacetError {
	return awsops.Classify(err)
}

// reportError shows a failed call in the status bar: operation, AWS code
// and message, and what to do.
func reportError(op string, fe *awsops.FacetError) tea.Cmd {
	text := op + ": " + fe.Error() + " — " + hintOf(fe)
	return func() tea.Msg { return ui.StatusMsg{Level: ui.LevelError, Op: op, Text: text} }
}
