package sandbox

import (
	"crypto/tls"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/s3sec/s3sec/sandbox/policy"
)

// bucketPolicyAllows authorises the request's own action against its
// bucket's policy (decide below). The account root keeps access to the
// policy operations themselves whatever the policy says (lock-out
// protection, 6.1); a caller outside the owner account that the policy
// allows to call them gets 405, as S3 reserves them to the owner.
func (s *Server) bucketPolicyAllows(c *s3Call) *s3Error {
	if c.p.isRoot && policyOps[c.op] {
		return nil
	}
	if err := c.authorizeOn(c.bucket, c.action, c.resource()); err != nil {
		return err
	}
	if policyOps[c.op] && c.p.anonymous {
		return errMethodNotAllowed(c.r.Method, "BUCKET")
	}
	return nil
}

// bucketPolicyState is what authorisation needs of a bucket.
type bucketPolicyState struct {
	doc            *policy.Policy
	public         bool // the policy grants public access
	restrictPublic bool // Block Public Access RestrictPublicBuckets
}

// policyState reads a bucket's policy and Block Public Access settings.
func (s *Server) policyState(name string) bucketPolicyState {
	s.store.mu.RLock()
	defer s.store.mu.RUnlock()
	if b := s.store.get(name); b != nil {
		return b.config.policyState()
	}
	return bucketPolicyState{}
}

// policyState is the bucket's policy and Block Public Access settings; the
// caller holds the store lock.
func (cfg *bucketConfig) policyState() bucketPolicyState {
	return bucketPolicyState{
		doc: cfg.policyDoc, public: cfg.public,
		restrictPublic: cfg.pab != nil && cfg.pab.RestrictPublicBuckets,
	}
}

// authorizeOn applies a bucket's policy to this caller for an action on a
// resource of that bucket (copy sources and DeleteObjects keys too).
func (c *s3Call) authorizeOn(bucket, action, resource string) *s3Error {
	return c.decide(c.s.policyState(bucket), action, resource)
}

// decide combines the bucket policy's decision with the caller's identity,
// as AWS does within one account:
//   - an explicit Deny refuses everyone (bucketPolicyAllows exempts the
//     root's policy calls before asking);
//   - the account's own principals (root, admin) were already judged by
//     their identity permissions (identityAllows), so an implicit deny of
//     the bucket policy leaves them allowed;
//   - an anonymous caller has no identity permissions: only an Allow that
//     names everyone lets it in, and not while the policy is public and
//     Block Public Access restricts public buckets (RestrictPublicBuckets:
//     only the owner account and AWS services may then use the bucket).
func (c *s3Call) decide(st bucketPolicyState, action, resource string) *s3Error {
	res := st.doc.Evaluate(c.policyRequest(action, resource))
	switch {
	case res.Decision == policy.ExplicitDeny:
		return errAccessDenied()
	case !c.p.anonymous:
		return nil
	case res.Decision == policy.Allowed && !(st.public && st.restrictPublic):
		return nil
	}
	return errAccessDenied()
}

// policyRequest describes this request to the policy evaluator.
func (c *s3Call) policyRequest(action, resource string) policy.Request {
	return policy.Request{Principal: c.p.policyPrincipal(), Action: action, Resource: resource, Keys: c.conditionKeys()}
}

// policyPrincipal is the principal as bucket policies name it.
func (p *principal) policyPrincipal() policy.Principal {
	if p.anonymous {
		return policy.Principal{Kind: policy.Anonymous}
	}
	return policy.Principal{
		Kind: policy.IAM, ARN: p.creds.ARN, Account: p.account, UserID: p.userID,
		CanonicalID: canonicalUserID(p.account),
	}
}

// conditionKeys are the global and S3 condition keys this request carries
// (policy.SuppliedKeys lists them; a key a policy may use but the sandbox
// does not supply is refused at PutBucketPolicy instead).
func (c *s3Call) conditionKeys() map[string][]string {
	k := map[string][]string{
		"aws:securetransport":       {boolString(c.secure)},
		"aws:viaawsservice":         {"false"},
		"aws:principalisawsservice": {"false"},
		"s3:resourceaccount":        {c.s.opts.AccountID},
		"aws:currenttime":           {c.now().Format(time.RFC3339)},
		"aws:epochtime":             {strconv.FormatInt(c.now().Unix(), 10)},
	}
	if !c.p.anonymous {
		k["aws:principalarn"] = []string{c.p.creds.ARN}
		k["aws:principalaccount"] = []string{c.p.account}
		k["aws:userid"] = []string{c.p.userID}
		k["aws:principaltype"] = []string{principalType(c.p)}
		k["s3:signatureversion"] = []string{"AWS4-HMAC-SHA256"}
		k["s3:authtype"] = []string{authType(c.r)}
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
	// what the client asked for, not what the object ends up with. The KMS
	// key id is the header as sent (whether AWS expands an alias or bare id
	// to the key ARN first is unverified).
	for name, vals := range c.r.Header {
		ln := strings.ToLower(name)
		if strings.HasPrefix(ln, "x-amz-server-side-encryption") || ln == "x-amz-acl" ||
			ln == "x-amz-storage-class" || ln == "x-amz-content-sha256" {
			k["s3:"+ln] = vals
		}
	}
	return k
}

// authType is the s3:authtype value: REST-HEADER for an Authorization
// header, REST-QUERY-STRING for a presigned URL.
func authType(r *http.Request) string {
	if r.Header.Get("Authorization") == "" {
		return "REST-QUERY-STRING"
	}
	return "REST-HEADER"
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
