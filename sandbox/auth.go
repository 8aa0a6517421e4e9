package sandbox

import (
	"net/http"
	"time"

	"github.com/s3sec/s3sec/otp"
	"github.com/s3sec/s3sec/sandbox/sigv4"
)

// authInfo is a verified caller and what its signature said.
type authInfo struct {
	principal *principal
	result    *sigv4.Result
}

// verify checks the request's SigV4 signature against the two principals'
// secrets. The wall clock is used, not Options.Clock: clients sign with
// theirs, and a fixed test clock must not make every request "skewed".
func (s *Server) verify(r *http.Request) (*authInfo, *sigv4.Error) {
	res, err := sigv4.Verify(r, s.lookupSecret, time.Now())
	if err != nil {
		return nil, err
	}
	return &authInfo{principal: s.principalFor(res.AccessKeyID), result: res}, nil
}

// lookupSecret is the sigv4.SecretLookup of the sandbox's principals.
func (s *Server) lookupSecret(accessKeyID string) (string, bool) {
	if p := s.principalFor(accessKeyID); p != nil {
		return p.creds.SecretAccessKey, true
	}
	return "", false
}

// principalFor maps an access key id to its principal, or nil.
func (s *Server) principalFor(accessKeyID string) *principal {
	switch accessKeyID {
	case s.root.creds.AccessKeyID:
		return s.root
	case s.admin.creds.AccessKeyID:
		return s.admin
	}
	return nil
}

// authenticateS3 verifies an S3 request and applies the checks S3 makes on
// the credential scope itself: the service must be s3, and the sandbox's
// long-term keys never come with a session token.
func (s *Server) authenticateS3(r *http.Request) (*authInfo, *s3Error) {
	info, err := s.verify(r)
	if err.Anonymous() {
		// An unsigned request is anonymous: authorisation decides (policy_check.go).
		return &authInfo{principal: anonymousPrincipal}, nil
	}
	if err != nil {
		return nil, fromSigv4(err)
	}
	if svc := info.result.Service; svc != "s3" {
		return nil, newError(http.StatusBadRequest, "AuthorizationHeaderMalformed",
			"The authorization header is malformed; incorrect service \""+svc+"\". This endpoint belongs to \"s3\".")
	}
	if info.result.SessionToken != "" {
		// MFA needs the root user's long-term keys: S3 names this conflict
		// before (and instead of) judging the token, which the sandbox never issues.
		if _, mfa := r.Header[http.CanonicalHeaderKey(otp.HeaderName)]; mfa {
			return nil, errMFAWithSessionToken()
		}
		return nil, newError(http.StatusBadRequest, "InvalidToken", "The provided token is malformed or otherwise invalid.").
			with("Token-0", info.result.SessionToken)
	}
	return info, nil
}
