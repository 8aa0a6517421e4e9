package sandbox

import (
	"crypto/tls"
	"net"
	"strings"
)

// bucketPolicyAllows applies the bucket policy's explicit Deny statements to
// the request. The account root keeps access to the policy operations
// themselves whatever the policy says (lock-out protection, 6.1).
func (s *Server) bucketPolicyAllows(c *s3Call) *s3Error {
	if c.p.isRoot && policyOps[c.op] {
		return nil
	}
	doc := s.bucketPolicy(c.bucket)
	if doc == nil {
		return nil
	}
	if _, denied := doc.explicitDeny(c.evalContext(c.action, c.resource())); denied {
		return errAccessDenied()
	}
	return nil
}

// bucketPolicy returns the parsed policy of a bucket, or nil.
func (s *Server) bucketPolicy(name string) *policyDocument {
	s.store.mu.RLock()
	defer s.store.mu.RUnlock()
	if b := s.store.get(name); b != nil {
		return b.config.policyDoc
	}
	return nil
}

// evalContext describes this request to the policy evaluator, for an action
// and resource (DeleteObjects evaluates each key separately).
func (c *s3Call) evalContext(action, resource string) evalContext {
	return evalContext{
		Principal: c.p,
		Account:   c.p.account,
		Action:    action,
		Resource:  resource,
		Keys:      c.conditionKeys(),
	}
}

// conditionKeys are the global and S3 condition keys this request carries.
func (c *s3Call) conditionKeys() map[string][]string {
	k := map[string][]string{
		"aws:securetransport":  {boolString(c.secure)},
		"aws:principalarn":     {c.p.creds.ARN},
		"aws:principalaccount": {c.p.account},
		"aws:userid":           {c.p.userID},
		"s3:signatureversion":  {"AWS4-HMAC-SHA256"},
		"aws:principaltype":    {principalType(c.p)},
		"s3:resourceaccount":   {c.s.opts.AccountID},
	}
	if c.p.userName != "" {
		k["aws:username"] = []string{c.p.userName}
	}
	if host, _, err := net.SplitHostPort(c.r.RemoteAddr); err == nil {
		k["aws:sourceip"] = []string{host}
	}
	if c.r.TLS != nil {
		k["s3:tlsversion"] = []string{tlsVersionNumber(c.r.TLS.Version)}
	}
	for _, q := range []string{"prefix", "delimiter", "max-keys", "versionId"} {
		if c.query.Has(q) {
			k["s3:"+strings.ToLower(q)] = []string{c.query.Get(q)}
		}
	}
	// Request headers are condition keys of the writes (6.3): they describe
	// what the client asked for, not what the object ends up with.
	for name, vals := range c.r.Header {
		ln := strings.ToLower(name)
		if strings.HasPrefix(ln, "x-amz-server-side-encryption") || ln == "x-amz-acl" ||
			ln == "x-amz-storage-class" || ln == "x-amz-content-sha256" {
			k["s3:"+ln] = vals
		}
	}
	return k
}

// boolString renders a policy boolean.
func boolString(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

// principalType is the aws:PrincipalType value of a principal.
func principalType(p *principal) string {
	if p.isRoot {
		return "Account"
	}
	return "User"
}

// tlsVersionNumber renders a TLS version the way s3:TlsVersion compares it.
func tlsVersionNumber(v uint16) string {
	switch v {
	case tls.VersionTLS13:
		return "1.3"
	case tls.VersionTLS12:
		return "1.2"
	case tls.VersionTLS11:
		return "1.1"
	}
	return "1.0"
}
