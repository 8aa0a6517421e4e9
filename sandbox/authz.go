package sandbox

import (
	"net/http"
	"strings"
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
	return wildcardMatch(strings.ToLower(pattern), strings.ToLower(action))
}

// wildcardMatch matches s against an IAM pattern where '*' is any run of
// characters and '?' any single character; everything else is literal.
func wildcardMatch(pattern, s string) bool {
	p, i := 0, 0
	star, mark := -1, 0
	for i < len(s) {
		switch {
		case p < len(pattern) && (pattern[p] == '?' || pattern[p] == s[i]):
			p++
			i++
		case p < len(pattern) && pattern[p] == '*':
			star, mark = p, i
			p++
		case star >= 0:
			p = star + 1
			mark++
			i = mark
		default:
			return false
		}
	}
	for p < len(pattern) && pattern[p] == '*' {
		p++
	}
	return p == len(pattern)
}
