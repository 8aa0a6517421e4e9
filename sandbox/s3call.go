package sandbox

import (
	"net/http"
	"net/url"
	"regexp"
	"time"

	"github.com/s3sec/s3sec/sandbox/sigv4"
)

// s3Call carries one authenticated S3 request through its operation.
type s3Call struct {
	s      *Server
	w      http.ResponseWriter
	r      *http.Request
	ids    requestIDs
	p      *principal
	auth   *sigv4.Result // nil for an anonymous request
	region string        // region of the SigV4 credential scope; "" when anonymous
	secure bool          // arrived over TLS (aws:SecureTransport)
	bucket string
	key    string
	query  url.Values
	op     *operation
	action string // IAM action after versionId refinement
}

// now is the time stored data is stamped with (Options.Clock).
func (c *s3Call) now() time.Time { return c.s.opts.Clock().UTC() }

// resource is the ARN the request acts on.
func (c *s3Call) resource() string {
	switch {
	case c.op.Object:
		return "arn:aws:s3:::" + c.bucket + "/" + c.key
	case c.op.Bucket:
		return "arn:aws:s3:::" + c.bucket
	default:
		return "arn:aws:s3:::*"
	}
}

// serveS3 answers an S3 REST request: standard headers, SigV4, routing, the
// region and authorisation checks, then the operation.
func (s *Server) serveS3(w http.ResponseWriter, r *http.Request) {
	s.writes.note(r)
	ids := newRequestIDs()
	e := &accessEntry{start: time.Now(), received: s.opts.Clock().UTC(), ids: ids, w: &countingWriter{ResponseWriter: w}}
	w = e.w
	// Every request to a logging bucket is logged, refused ones included.
	defer s.logAccess(r, e)
	h := w.Header()
	// Set as raw map entries so the names go out lower-case, byte-exact with AWS.
	h["x-amz-request-id"] = []string{ids.RequestID}
	h["x-amz-id-2"] = []string{ids.HostID}
	h.Set("Server", "AmazonS3")

	if r.Method == http.MethodOptions {
		// Preflights are unauthenticated (cors_preflight.go); a refused one is
		// logged with its error code like any other request.
		if err := s.preflight(w, r); err != nil {
			e.fail(w, r, err)
		}
		return
	}
	s.addActualCORSHeaders(w, r)
	auth, aerr := s.authenticateS3(r)
	if aerr != nil {
		e.fail(w, r, aerr)
		return
	}
	if !auth.principal.anonymous {
		e.principal = auth.principal
	}
	bucket, key := splitBucketKey(r)
	c := &s3Call{
		s: s, w: w, r: r, ids: ids, p: auth.principal, auth: auth.result,
		secure: r.TLS != nil, bucket: bucket, key: key, query: r.URL.Query(),
	}
	if auth.result != nil {
		c.region = auth.result.Region
	}
	err := c.run()
	e.op = c.op
	if err != nil {
		e.fail(w, r, err)
	}
}

// run routes the request and applies the checks every operation shares, in
// the order S3 applies them.
func (c *s3Call) run() *s3Error {
	op, err := route(c.r.Method, c.bucket, c.key, c.query, c.r.Header)
	if err != nil {
		return err
	}
	if c.key == "" && c.s.laxNotImplemented(c.query) {
		return errNotImplemented()
	}
	c.op = op
	if err := c.s.failOperation(op); err != nil {
		return err
	}
	c.action = op.Action
	if op.Object && c.query.Has("versionId") {
		if a, ok := versionedActions[op.Action]; ok {
			c.action = a
		}
	}
	if !op.Bucket || op == opCreateBucket {
		// Service-level operations and CreateBucket need an identity.
		if c.p.anonymous {
			return errAccessDenied()
		}
		if err := c.s.identityAllows(c.p, c.action, c.resource()); err != nil {
			return err
		}
		return op.Handler(c)
	}

	region, exists := c.s.bucketRegion(c.bucket)
	// An unsigned request has no credential scope to compare.
	if exists && !op.AnyScope && c.auth != nil && c.region != region {
		return errWrongRegion(op, c.auth, region)
	}
	// An operation without an action (DeleteObjects) is authorised per key by its handler.
	if op.Action != "" {
		if err := c.s.identityAllows(c.p, c.action, c.resource()); err != nil {
			return err
		}
	}
	if !exists {
		return errNoSuchBucket(c.bucket)
	}
	if err := c.checkExpectedOwner(); err != nil {
		return err
	}
	if op.Action != "" {
		if err := c.s.bucketPolicyAllows(c); err != nil {
			return err
		}
	}
	if err := checkKeyLength(op, c.key); err != nil {
		return err
	}
	return op.Handler(c)
}

// bucketRegion returns the region of a bucket and whether it exists.
func (s *Server) bucketRegion(name string) (string, bool) {
	s.store.mu.RLock()
	defer s.store.mu.RUnlock()
	if b := s.store.get(name); b != nil {
		return b.Region, true
	}
	return "", false
}

// errWrongRegion answers a bucket request signed for another region: HeadBucket
// gets a bodiless 301, everything else 400 AuthorizationHeaderMalformed; both
// name the bucket's region in x-amz-bucket-region, which SDK region redirectors read.
func errWrongRegion(op *operation, auth *sigv4.Result, region string) *s3Error {
	if op == opHeadBucket {
		return newError(http.StatusMovedPermanently, "PermanentRedirect",
			"The bucket you are attempting to access must be addressed using the specified endpoint.").
			withHeader("x-amz-bucket-region", region)
	}
	return fromSigv4(sigv4.CheckRegion(auth, region)).withHeader("x-amz-bucket-region", region)
}

// accountIDPattern is the shape of an AWS account id.
var accountIDPattern = regexp.MustCompile(`^[0-9]{12}$`)

// checkExpectedOwner applies x-amz-expected-bucket-owner (1.3).
func (c *s3Call) checkExpectedOwner() *s3Error {
	want := c.r.Header.Get("X-Amz-Expected-Bucket-Owner")
	if want == "" {
		return nil
	}
	if !accountIDPattern.MatchString(want) {
		return newError(http.StatusBadRequest, "InvalidBucketOwnerAWSAccountID",
			"The value of the expected bucket owner parameter must be an AWS Account ID... ["+want+"]")
	}
	if want != c.s.opts.AccountID {
		return errAccessDenied()
	}
	return nil
}
