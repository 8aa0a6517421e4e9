package sandbox

import "github.com/s3sec/s3sec/sandbox/bucketconfig"

// Lax endpoints: S3-compatible servers that accept a request and then do
// less than AWS would. The options below let the sandbox behave like them,
// so that s3sec's capability detection, read-back verification and
// enforcement probes are tested in the normal suite.

// laxNotImplemented reports whether a bucket request names a sub-resource
// Options.NotImplemented switches off (an endpoint that lacks it).
func (s *Server) laxNotImplemented(q map[string][]string) bool {
	for _, sub := range s.opts.NotImplemented {
		if _, ok := q[sub]; ok {
			return true
		}
	}
	return false
}

// laxVersioning drops the MfaDelete element of a PutBucketVersioning
// document when Options.IgnoreMFADelete is set: the request is accepted
// (no MFA needed, as MinIO does) but MFA Delete is neither stored nor
// enforced afterwards.
func (s *Server) laxVersioning(v bucketconfig.Versioning) bucketconfig.Versioning {
	if s.opts.IgnoreMFADelete {
		v.MFADelete = ""
	}
	return v
}

// laxReportedSSE is reportedSSE, or no encryption at all when
// Options.StoreSSEUnencrypted is set (as versitygw, which accepts the SSE
// headers and stores plaintext). Only what the endpoint reports changes: the
// sandbox still seals the content, which no client can observe.
func (s *Server) laxReportedSSE(km keyMaterial) sseInfo {
	if s.opts.StoreSSEUnencrypted {
		return sseInfo{}
	}
	return reportedSSE(km)
}
