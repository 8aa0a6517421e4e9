package views

import (
	"strings"
	"testing"

	"github.com/s3sec/s3sec/awsops"
)

// A denial over plain HTTP is what a TLS-only policy does: the hint sends
// the user to HTTPS, not to ask for a permission they may already have.
func TestHintNamesPlainHTTPRefusals(t *testing.T) {
	overHTTP := &awsops.FacetError{Code: "AccessDenied", Message: "Access Denied", PlainHTTP: true}
	overHTTPS := &awsops.FacetError{Code: "AccessDenied", Message: "Access Denied"}
	if got := hintOf(overHTTP); !strings.Contains(got, "https://") {
		t.Errorf("hint over http = %q, want the HTTPS fix", got)
	}
	if got := explainConfigError(overHTTP); !strings.Contains(got, "https://") {
		t.Errorf("config change over http = %q, want the HTTPS fix", got)
	}
	if got := explainEncryptionError(overHTTP); !strings.Contains(got, "https://") || strings.Contains(got, "kms:") {
		t.Errorf("encryption change over http = %q, want the HTTPS fix and no KMS permissions", got)
	}
	if got := hintOf(overHTTPS); got != hint("AccessDenied") {
		t.Errorf("hint over https = %q, want the permission hint", got)
	}
	if got := hintOf(&awsops.FacetError{Code: awsops.CodeRequestError, PlainHTTP: true}); got != hint(awsops.CodeRequestError) {
		t.Errorf("a non-denial keeps its own hint, got %q", got)
	}
}

// The detail panes use what they know of the policy: unknown -> both
// causes, TLS-only -> HTTPS, read and not TLS-only -> the permission.
func TestPaneHintUsesThePolicy(t *testing.T) {
	fe := &awsops.FacetError{Code: "AccessDenied", Message: "Access Denied", PlainHTTP: true}
	env := paneEnv{state: &awsops.BucketState{Name: "b"}}
	if got := env.hintFor(fe); got != hintOf(fe) || !strings.Contains(got, "https://") {
		t.Errorf("policy unknown: %q", got)
	}
	env.state.Policy = &awsops.Policy{Present: true, TLSEnforced: true}
	if got := env.hintFor(fe); !strings.Contains(got, "HTTPS endpoint") {
		t.Errorf("TLS-only policy: %q", got)
	}
	env.state.Policy = &awsops.Policy{}
	if got := env.hintFor(fe); got != hint("AccessDenied") {
		t.Errorf("no TLS-only policy: %q, want the permission hint", got)
	}
}
