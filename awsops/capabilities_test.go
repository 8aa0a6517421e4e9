package awsops_test

import (
	"context"
	"strings"
	"testing"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/sandbox"
)

// TestCapabilitiesLearnedFromAnswers: on an endpoint without bucket CORS and
// logging (as MinIO), those facets are "not supported", a state that is no
// finding and leaves the report complete; the session asks once and
// remembers; a refusal still counts as support.
func TestCapabilitiesLearnedFromAnswers(t *testing.T) {
	env, _ := sandboxEnv(t, sandbox.Options{Seed: true, NotImplemented: []string{"cors", "logging"}})
	sess := env.open(t)
	buckets, err := sess.Buckets(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var states []awsops.BucketState
	// One worker: the first bucket's answer is learned before the next asks.
	sess.States(context.Background(), buckets, 1, func(s awsops.BucketState) { states = append(states, s) })
	learned := 0
	for _, s := range states {
		for _, f := range []awsops.Facet{awsops.FacetCORS, awsops.FacetLogging} {
			e := s.Errors[f]
			if !e.Unsupported() {
				t.Fatalf("%s %s: %v, want not supported", s.Name, f, e)
			}
			if strings.Contains(e.Message, "learned from its earlier answer") {
				learned++
			}
		}
		if u := awsops.UnreadFacets(&s); len(u) != 0 {
			t.Errorf("%s: unread %v; an unsupported facet is not unread", s.Name, u)
		}
	}
	if want := 2 * (len(states) - 1); learned != want {
		t.Errorf("%d reads answered from memory, want %d (all but the first bucket's)", learned, want)
	}
	for _, f := range awsops.Analyse(states) {
		if f.ID == awsops.FindingFacetError || strings.HasPrefix(f.ID, "logging-") || strings.HasPrefix(f.ID, "cors-") {
			t.Errorf("finding %s on %s from an unsupported facet", f.ID, f.Bucket)
		}
	}
	caps := sess.Capabilities()
	for _, f := range awsops.AllFacets {
		want := f != awsops.FacetCORS && f != awsops.FacetLogging
		if f == awsops.FacetRegion {
			continue // read before the others, not a capability
		}
		if got, known := caps[f]; !known || got != want {
			t.Errorf("capability %s = %v (known %v), want %v", f, got, known, want)
		}
	}
}

// A refused read (AccessDenied) is an answer about the bucket: the endpoint
// implements the facet.
func TestDeniedFacetCountsAsSupported(t *testing.T) {
	env, srv := sandboxEnv(t, sandbox.Options{Seed: true, AdminDeniedActions: []string{"s3:GetBucketCORS"}})
	admin := srv.Admin()
	env.keyID, env.secret = admin.AccessKeyID, admin.SecretAccessKey
	sess := env.open(t)
	readAll(t, sess)
	if ok, known := sess.Capabilities()[awsops.FacetCORS]; !known || !ok {
		t.Errorf("cors capability = %v (known %v) after AccessDenied, want supported", ok, known)
	}
}
