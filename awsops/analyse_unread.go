package awsops

import "fmt"

// FindingFacetError is the id of the finding that reports a facet that could
// not be read. Such a finding is about the report, not the bucket: whatever
// that facet would have shown is unknown, so a gate must not pass on it.
const FindingFacetError = "facet-error"

// Unread reports whether the finding stands for a facet that could not be read.
func (f Finding) Unread() bool { return f.ID == FindingFacetError }

// facetActions are the IAM actions that read each facet.
var facetActions = map[Facet]string{
	FacetRegion:            "s3:GetBucketLocation",
	FacetEncryption:        "s3:GetEncryptionConfiguration",
	FacetVersioning:        "s3:GetBucketVersioning",
	FacetLogging:           "s3:GetBucketLogging",
	FacetCORS:              "s3:GetBucketCORS",
	FacetPolicy:            "s3:GetBucketPolicy",
	FacetPublicAccessBlock: "s3:GetBucketPublicAccessBlock",
	FacetLifecycle:         "s3:GetLifecycleConfiguration",
}

// unreadSeverity ranks a facet that could not be read by what stays
// unknown: the policy (whether TLS is enforced, whether anything is public)
// and Block Public Access (whether a public grant would take effect) hide
// exposure, so they are high; every other facet is medium, never less, so
// that an unread facet is never mistaken for a clean one.
func unreadSeverity(f Facet) Severity {
	switch f {
	case FacetPolicy, FacetPublicAccessBlock:
		return SeverityHigh
	}
	return SeverityMedium
}

// unknownWhenUnread says what the report cannot tell without the facet.
var unknownWhenUnread = map[Facet]string{
	FacetRegion:            "the bucket's region is unknown (the other facets were read with the default region)",
	FacetEncryption:        "its default encryption and whether SSE-C is blocked are unknown",
	FacetVersioning:        "whether versioning and MFA Delete protect its objects is unknown",
	FacetLogging:           "whether access logging works (or loops) is unknown",
	FacetCORS:              "which web sites may reach it through browsers is unknown",
	FacetPolicy:            "whether it enforces TLS (and what its policy grants) is unknown",
	FacetPublicAccessBlock: "whether a public policy or ACL would take effect is unknown",
	FacetLifecycle:         "whether lifecycle rules conflict with MFA Delete is unknown",
	FacetOwnership:         "whether ACLs can grant access beside the policy is unknown",
}

// facetErrorFinding makes a facet that could not be read a finding with a
// real severity, the reason, and what is missing to read it: a permission,
// the right transport, an answer from the endpoint. policy is the bucket's
// policy facet when it was read (nil otherwise): it tells whether a refusal
// over plain HTTP is the TLS-only policy's doing.
func facetErrorFinding(bucket string, f Facet, e *FacetError, policy *Policy) Finding {
	tlsOnly := policy != nil && policy.TLSEnforced
	tlsUnknown := policy == nil
	msg := fmt.Sprintf("%s: could not read %s: %s; %s", bucket, f, e.Error(), unknownWhenUnread[f])
	var remedy string
	switch {
	case IsAccessDenied(e) && e.PlainHTTP && tlsOnly:
		msg = fmt.Sprintf("%s: could not read %s: %s, because the bucket policy denies requests over plain HTTP and this one was plain HTTP; %s",
			bucket, f, e.Error(), unknownWhenUnread[f])
		remedy = "the endpoint refused plain HTTP: use HTTPS (the https:// endpoint), then read the bucket again"
	case IsAccessDenied(e) && e.PlainHTTP && tlsUnknown:
		remedy = fmt.Sprintf("the request went over plain HTTP: if the bucket policy denies aws:SecureTransport = false (TLS only), "+
			"the endpoint refused plain HTTP: use HTTPS; otherwise the identity needs %s on arn:aws:s3:::%s", facetActions[f], bucket)
	case IsAccessDenied(e):
		remedy = fmt.Sprintf("needs %s: grant it on arn:aws:s3:::%s to the identity running s3sec (and check that no bucket policy or SCP denies it), then read the bucket again",
			facetActions[f], bucket)
	case IsTimeout(e):
		remedy = "the endpoint did not answer in time: check the network and the endpoint, then read the bucket again"
	case e.Code == CodeRequestCanceled:
		remedy = "the read was canceled before an answer: refresh to read it again"
	case e.Code == CodeRequestError:
		remedy = "no answer from the endpoint (connection, DNS or TLS failure): check the endpoint URL, the network and --ca-bundle, then read the bucket again"
	default:
		remedy = "refresh to retry; if it persists, check the endpoint, the network and the error code"
	}
	return Finding{ID: FindingFacetError, Severity: unreadSeverity(f), Bucket: bucket, Message: msg, Remedy: remedy, Facet: f}
}

// UnreadFacets lists, in display order, the facets of a state that could not
// be read (those with an error) and those that never arrived. A facet the
// endpoint does not implement is not unread: there is nothing to read.
func UnreadFacets(st *BucketState) []Facet {
	var out []Facet
	for _, f := range AllFacets {
		if e := st.Errors[f]; e != nil && e.Unsupported() {
			continue
		}
		if st.Errors[f] != nil || !st.Loaded(f) {
			out = append(out, f)
		}
	}
	return out
}
