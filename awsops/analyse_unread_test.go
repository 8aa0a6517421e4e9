package awsops

import (
	"strings"
	"testing"
)

// An unread facet is a finding with a real severity, the reason, and what is
// missing to read it; never an info note a gate could pass over.
func TestUnreadFacetFindings(t *testing.T) {
	denied := &FacetError{Code: "AccessDenied", Message: "Access Denied"}
	deniedHTTP := &FacetError{Code: "AccessDenied", Message: "Access Denied", PlainHTTP: true}
	tests := []struct {
		name      string
		facet     Facet
		err       *FacetError
		tlsOnly   bool // the policy was read and enforces TLS (a policy facet error leaves it unknown)
		severity  Severity
		remedy    string // substring
		notRemedy string // substring that must not appear
	}{
		{"denied policy needs its permission", FacetPolicy, denied, false, SeverityHigh, "needs s3:GetBucketPolicy", "HTTPS"},
		{"denied Block Public Access", FacetPublicAccessBlock, denied, false, SeverityHigh, "needs s3:GetBucketPublicAccessBlock", ""},
		{"denied cors is medium", FacetCORS, denied, false, SeverityMedium, "needs s3:GetBucketCORS", ""},
		{"denied lifecycle is medium", FacetLifecycle, denied, false, SeverityMedium, "needs s3:GetLifecycleConfiguration", ""},
		{"TLS-only policy over plain HTTP: use HTTPS, not IAM", FacetVersioning, deniedHTTP, true, SeverityMedium,
			"the endpoint refused plain HTTP: use HTTPS", "needs s3:"},
		{"plain HTTP, policy unknown: both causes named", FacetPolicy, deniedHTTP, false, SeverityHigh,
			"the endpoint refused plain HTTP: use HTTPS; otherwise the identity needs s3:GetBucketPolicy", ""},
		{"plain HTTP, policy read and not TLS-only: the permission", FacetCORS, deniedHTTP, false, SeverityMedium,
			"needs s3:GetBucketCORS", "HTTPS"},
		{"deadline: the endpoint did not answer", FacetEncryption,
			&FacetError{Code: CodeRequestCanceled, Message: "request canceled: deadline exceeded"}, false, SeverityMedium,
			"the endpoint did not answer in time", "grant"},
		{"no connection", FacetLogging, &FacetError{Code: CodeRequestError, Message: "dial tcp: connection refused"}, false, SeverityMedium,
			"no answer from the endpoint", "grant"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			st := clean("b")
			st.Policy.TLSEnforced = tc.tlsOnly
			switch tc.facet {
			case FacetPolicy:
				st.Policy = nil
			case FacetVersioning:
				st.Versioning = nil
			case FacetCORS:
				st.CORS = nil
			case FacetLifecycle:
				st.Lifecycle = nil
			case FacetEncryption:
				st.Encryption = nil
			case FacetLogging:
				st.Logging = nil
			case FacetPublicAccessBlock:
				st.PublicAccessBlock = nil
			}
			st.Errors = map[Facet]*FacetError{tc.facet: tc.err}
			var got []Finding
			for _, f := range Analyse([]BucketState{st}) {
				if f.Unread() {
					got = append(got, f)
				} else if !tc.tlsOnly && f.ID == "tls-not-enforced" {
					continue // the test bucket's policy does not enforce TLS
				} else {
					t.Errorf("unexpected finding %s", f.ID)
				}
			}
			if len(got) != 1 {
				t.Fatalf("unread findings = %+v, want one", got)
			}
			f := got[0]
			if f.Severity != tc.severity || f.Severity < SeverityMedium {
				t.Errorf("severity = %v, want %v (never below medium)", f.Severity, tc.severity)
			}
			if !strings.Contains(f.Remedy, tc.remedy) {
				t.Errorf("remedy = %q, want it to contain %q", f.Remedy, tc.remedy)
			}
			if tc.notRemedy != "" && strings.Contains(f.Remedy, tc.notRemedy) {
				t.Errorf("remedy = %q, must not contain %q", f.Remedy, tc.notRemedy)
			}
			if !strings.Contains(f.Message, string(tc.facet)) || !strings.Contains(f.Message, "unknown") {
				t.Errorf("message = %q, want the facet and what stays unknown", f.Message)
			}
		})
	}
}

func TestUnreadFacets(t *testing.T) {
	st := clean("b")
	st.CORS = nil
	st.Errors = map[Facet]*FacetError{FacetCORS: {Code: "AccessDenied"}}
	st.Lifecycle = nil // never arrived
	got := UnreadFacets(&st)
	if len(got) != 2 || got[0] != FacetCORS || got[1] != FacetLifecycle {
		t.Fatalf("UnreadFacets = %v, want [cors lifecycle]", got)
	}
	c := clean("c")
	if got := UnreadFacets(&c); len(got) != 0 {
		t.Fatalf("UnreadFacets of a complete bucket = %v", got)
	}
}
