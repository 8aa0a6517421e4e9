package awsops

import "sync"

// Endpoints other than AWS implement part of the S3 API: MinIO has no
// bucket CORS, logging or PublicAccessBlock, moto lacks a few calls, Ceph and
// SeaweedFS answer MethodNotAllowed for sub-resources they do not route. A
// facet such an endpoint does not implement is a state of the endpoint, not
// an error of the bucket and not a finding: the session learns it from the
// first answer and remembers it, so later reads do not ask again.

// unsupportedCodes are the answers that mean "this endpoint does not
// implement the call" for a bucket sub-resource: S3's and MinIO's
// NotImplemented (501), Ceph RGW's and SeaweedFS's MethodNotAllowed (405)
// and XNotImplemented.
var unsupportedCodes = map[string]bool{
	CodeNotImplemented: true, "MethodNotAllowed": true, "XNotImplemented": true,
}

// Unsupported reports whether the error says the endpoint does not implement the call.
func (e *FacetError) Unsupported() bool { return e != nil && e.Code == CodeNotImplemented }

// capabilityCache is what the session learned about its endpoint, per facet.
type capabilityCache struct {
	mu sync.Mutex
	m  map[Facet]bool
}

// facetAnswer turns a facet read's error into its FacetError, recording what
// the answer says about the endpoint: any answer but "not implemented" shows
// the facet is supported (a refusal or a missing configuration included).
// A 405 for a facet GET means the endpoint does not route that sub-resource,
// so it is reported as NotImplemented too.
func (s *Session) facetAnswer(f Facet, err error) *FacetError {
	if pe := s.placeholderAnswer(f, err); pe != nil { // capabilities_more.go
		s.caps.set(f, false)
		return pe
	}
	fe := Classify(err)
	if fe != nil && unsupportedCodes[fe.Code] {
		fe = &FacetError{Code: CodeNotImplemented, Message: "not supported by this endpoint (" + fe.Error() + ")"}
	}
	switch {
	case fe == nil, fe.Code != CodeNotImplemented && httpAnswered(fe):
		s.caps.set(f, true)
	case fe.Unsupported():
		s.caps.set(f, false)
	}
	return fe
}

// httpAnswered reports whether the error is an answer of the endpoint rather
// than a failure to get one (which says nothing about support).
func httpAnswered(fe *FacetError) bool {
	switch fe.Code {
	case CodeRequestCanceled, CodeRequestError, CodeTimeout, CodeLocalError:
		return false
	}
	return true
}

func (c *capabilityCache) set(f Facet, ok bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[Facet]bool{}
	}
	c.m[f] = ok
}

// known returns what was learned about f: supported, and whether anything was.
func (c *capabilityCache) known(f Facet) (supported, known bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	supported, known = c.m[f]
	return supported, known
}

// Capabilities is what the session has learned so far, per facet: true when
// the endpoint answered the facet's read, false when it does not implement
// it. Facets not read yet are absent.
func (s *Session) Capabilities() map[Facet]bool {
	s.caps.mu.Lock()
	defer s.caps.mu.Unlock()
	out := make(map[Facet]bool, len(s.caps.m))
	for f, ok := range s.caps.m {
		out[f] = ok
	}
	return out
}

// knownUnsupported is the facet error of a facet the endpoint was already
// found not to implement, or nil.
func (s *Session) knownUnsupported(f Facet) *FacetError {
	if ok, known := s.caps.known(f); known && !ok {
		return &FacetError{Code: CodeNotImplemented, Message: "not supported by this endpoint (learned from its earlier answer in this session)"}
	}
	return nil
}
