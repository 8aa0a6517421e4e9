package sandbox

import (
	"net/http"

	"github.com/s3sec/s3sec/sandbox/bucketconfig"
	"github.com/s3sec/s3sec/sandbox/cors"
)

// The 400/403 answers of a preflight, word for word as S3 sends them
// (S3-BEHAVIOR.md 5.2; "evalution" is S3's spelling).
const (
	corsMsgNoOrigin   = "Insufficient information. Origin request header needed."
	corsMsgNoBucket   = "CORSResponse: Bucket not found"
	corsMsgNotEnabled = "CORSResponse: CORS is not enabled for this bucket."
	corsMsgNotAllowed = "CORSResponse: This CORS request is not allowed. This is usually because the evalution of Origin, request method / Access-Control-Request-Method or Access-Control-Request-Headers are not whitelisted by the resource's CORS spec."
)

// corsRules converts the stored configuration into the evaluator's rules;
// nil when the bucket has none.
func corsRules(c *bucketconfig.CORS) []cors.Rule {
	if c == nil {
		return nil
	}
	rules := make([]cors.Rule, len(c.Rules))
	for i, r := range c.Rules {
		rules[i] = cors.Rule{
			AllowedOrigins: r.AllowedOrigins, AllowedMethods: r.AllowedMethods,
			AllowedHeaders: r.AllowedHeaders, ExposeHeaders: r.ExposeHeaders,
			MaxAgeSeconds: r.MaxAgeSeconds,
		}
	}
	return rules
}

// bucketCORS returns a bucket's rules, whether the bucket exists and whether
// it has a CORS configuration. The stored configuration is replaced, never
// modified, on PutBucketCors, so the slices may be read after the lock.
func (s *Server) bucketCORS(name string) (rules []cors.Rule, exists, configured bool) {
	s.store.mu.RLock()
	defer s.store.mu.RUnlock()
	b := s.store.get(name)
	if b == nil {
		return nil, false, false
	}
	return corsRules(b.config.cors), true, b.config.cors != nil
}

// setCORSHeaders adds a result's headers to the response.
func setCORSHeaders(h http.Header, res cors.Result) {
	for _, hd := range res.Headers {
		h.Set(hd.Name, hd.Value)
	}
}

// corsForbidden is the 403 AccessForbidden of a refused preflight.
func corsForbidden(message, method, resourceType string) *s3Error {
	return newError(http.StatusForbidden, "AccessForbidden", message).
		with("Method", method).with("ResourceType", resourceType)
}

// preflight answers OPTIONS /{bucket}[/{key}] (5.2): without
// authentication, before any signature check, and without looking up the
// key. It writes the 200 answer, or returns the error to send.
func (s *Server) preflight(w http.ResponseWriter, r *http.Request) *s3Error {
	origin := r.Header.Get("Origin")
	if origin == "" {
		return newError(http.StatusBadRequest, "BadRequest", corsMsgNoOrigin)
	}
	bucket, key := splitBucketKey(r)
	if bucket == "" {
		// AWS's answer to a preflight of the service root is unverified
		// (S3-BEHAVIOR.md 5.3); refuse rather than guess.
		return errNotImplemented()
	}
	method := r.Header.Get("Access-Control-Request-Method")
	errMethod := method
	if errMethod == "" {
		errMethod = http.MethodOptions
	}
	rules, exists, configured := s.bucketCORS(bucket)
	if !exists {
		return corsForbidden(corsMsgNoBucket, errMethod, "BUCKET")
	}
	if !configured {
		return corsForbidden(corsMsgNotEnabled, errMethod, "BUCKET") // BUCKET even for an object URL
	}
	resourceType := "BUCKET"
	if key != "" {
		resourceType = "OBJECT"
	}
	if method == "" {
		// Unverified (5.2 step 7): the "not allowed" answer with Method OPTIONS.
		return corsForbidden(corsMsgNotAllowed, errMethod, resourceType)
	}
	res := cors.Evaluate(rules, cors.Request{
		Origin: origin, Method: method, Preflight: true,
		Headers: cors.SplitHeaderList(r.Header.Get("Access-Control-Request-Headers")),
	})
	if !res.Matched {
		return corsForbidden(corsMsgNotAllowed, method, resourceType)
	}
	setCORSHeaders(w.Header(), res)
	writeEmpty(w, http.StatusOK)
	return nil
}

// addActualCORSHeaders evaluates an actual (non-preflight) request with an
// Origin (5.3) and adds the headers of the matching rule before anything
// else runs, so that error answers (signature, 403, 404) carry them too, as
// S3's do. No Origin, no bucket, no configuration or no matching rule: no
// headers, and the request proceeds unchanged either way.
func (s *Server) addActualCORSHeaders(w http.ResponseWriter, r *http.Request) {
	origin := r.Header.Get("Origin")
	if origin == "" {
		return
	}
	bucket, _ := splitBucketKey(r)
	if bucket == "" {
		return // ListBuckets is not bucket-scoped: no bucket CORS applies
	}
	rules, _, configured := s.bucketCORS(bucket)
	if !configured {
		return
	}
	// A request carrying the preflight headers is evaluated as if they were
	// its method and headers (5.3).
	method := r.Header.Get("Access-Control-Request-Method")
	if method == "" {
		method = r.Method
	}
	setCORSHeaders(w.Header(), cors.Evaluate(rules, cors.Request{
		Origin: origin, Method: method,
		Headers: cors.SplitHeaderList(r.Header.Get("Access-Control-Request-Headers")),
	}))
}
