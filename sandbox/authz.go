package sandbox

import (
	"net/http"
	"strings"

	"github.com/s3sec/s3sec/sandbox/bucketconfig"
)

// identityAllows evaluates the caller's identity policy: root may do
// everything; admin everything except Options.AdminDeniedActions, which act as
// an identity-based explicit Deny.
func (s *Server) identityAllows(p *principal, action, resource string) *s3Error {
	for _, pattern := range p.denied {
		if matchAction(pattern, action) {
			msg := "User: " + p.creds.ARN + " is not authorized to perform: " + action +
				" on resource: \"" + resource + "\" with an explicit deny in an identity-based policy"
			return newError(http.StatusForbidden, "AccessDenied", msg)
		}
	}
	return nil
}

// matchAction matches an IAM action pattern ("s3:Get*") against an action;
// action names are case-insensitive.
func matchAction(pattern, action string) bool {
	return bucketconfig.WildcardMatch(strings.ToLower(pattern), strings.ToLower(action))
}
