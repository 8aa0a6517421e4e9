package awsops

import "strings"

// Two more ways the session learns what its endpoint lacks, beyond a read
// answered NotImplemented (capabilities.go):
//
//   - Placeholder reads. MinIO routes GET ?cors and GET ?logging to "dummy"
//     handlers (an empty answer) while refusing PutBucketCors and
//     PutBucketLogging with NotImplemented (cmd/api-router.go,
//     rejectedBucketAPIs): showing "no CORS rules" or "logging off" there
//     would be reading a placeholder as a setting.
//   - Refused writes. A plan step answered NotImplemented says its facet is
//     not supported, whatever the read said.

// placeholderFacets are, per endpoint name (EndpointName), the facets whose
// reads answer a placeholder rather than the bucket's setting.
var placeholderFacets = map[string]map[Facet]bool{
	"MinIO": {FacetCORS: true, FacetLogging: true},
}

// placeholderAnswer is the FacetError for a read of f that succeeded on an
// endpoint known to answer it with a placeholder, or nil.
func (s *Session) placeholderAnswer(f Facet, err error) *FacetError {
	name := s.EndpointName()
	if err != nil || !placeholderFacets[name][f] {
		return nil
	}
	return &FacetError{Code: CodeNotImplemented, Message: "not supported by this endpoint (" + name + " answers this read with a placeholder and refuses to change it)"}
}

// writeFacets maps the write calls of plans to the facet they change.
var writeFacets = map[string]Facet{
	"s3:PutBucketEncryption": FacetEncryption, "s3:DeleteBucketEncryption": FacetEncryption,
	"s3:PutBucketVersioning": FacetVersioning,
	"s3:PutBucketLogging":    FacetLogging,
	"s3:PutBucketCors":       FacetCORS, "s3:DeleteBucketCors": FacetCORS,
	"s3:PutBucketPolicy": FacetPolicy, "s3:DeleteBucketPolicy": FacetPolicy,
	"s3:PutPublicAccessBlock": FacetPublicAccessBlock, "s3:DeletePublicAccessBlock": FacetPublicAccessBlock,
	"s3:PutBucketLifecycleConfiguration": FacetLifecycle, "s3:DeleteBucketLifecycle": FacetLifecycle,
	"s3:PutBucketOwnershipControls": FacetOwnership, "s3:DeleteBucketOwnershipControls": FacetOwnership,
}

// learnFromStep records that the endpoint lacks a step's facet when the
// step was answered NotImplemented (or Ceph's and SeaweedFS's equivalents).
func (s *Session) learnFromStep(st Step, err error) {
	f, ok := writeFacets[strings.TrimSpace(st.API)]
	if !ok || err == nil {
		return
	}
	if fe := Classify(err); fe != nil && unsupportedCodes[fe.Code] {
		s.caps.set(f, false)
	}
}
