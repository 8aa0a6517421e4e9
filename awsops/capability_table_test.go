package awsops_test

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/sandbox"
)

// allSupported is the capability table of an endpoint with every facet.
func allSupported() map[awsops.Facet]bool {
	m := map[awsops.Facet]bool{}
	for _, f := range awsops.AllFacets {
		if f != awsops.FacetRegion {
			m[f] = true
		}
	}
	return m
}

// without is the table with the given facets not supported.
func without(fs ...awsops.Facet) map[awsops.Facet]bool {
	m := allSupported()
	for _, f := range fs {
		m[f] = false
	}
	return m
}

// checkCapabilityTable reads a fresh bucket of env and asserts which facets
// show "not supported by this endpoint" (and nothing else does), both in
// the bucket's state and in what the session learned; then tries writes
// that the table says must be refused, which keep the facet unsupported.
func checkCapabilityTable(t *testing.T, env endpointEnv, bucket string, want map[awsops.Facet]bool) *awsops.Session {
	t.Helper()
	ctx := context.Background()
	if _, err := env.client(t, "us-east-1").CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(bucket)}); err != nil {
		t.Fatalf("%s: create %s: %v", env.name, bucket, err)
	}
	sess := env.open(t)
	state := sess.State(ctx, awsops.Bucket{Name: bucket, Region: "us-east-1"})
	caps := sess.Capabilities()
	for f, supported := range want {
		fe := state.Errors[f]
		if got := !fe.Unsupported(); got != supported {
			t.Errorf("%s: %s supported = %v (error %v), want %v", env.name, f, got, fe, supported)
		}
		if got, known := caps[f]; !known || got != supported {
			t.Errorf("%s: learned capability %s = %v (known %v), want %v", env.name, f, got, known, supported)
		}
		if supported && fe != nil {
			t.Errorf("%s: %s is supported but its read failed: %v", env.name, f, fe)
		}
	}
	if !want[awsops.FacetCORS] {
		p, err := awsops.PutCORSPlan(bucket, "us-east-1", []awsops.CORSRule{{AllowedOrigins: []string{"https://a.example"}, AllowedMethods: []string{"GET"}}})
		if err != nil {
			t.Fatal(err)
		}
		if err := sess.Apply(ctx, p, awsops.MFA{}, nil); !awsops.IsNotImplemented(err) {
			t.Errorf("%s: PutBucketCors on an endpoint without CORS: %v, want NotImplemented", env.name, err)
		}
		if got := sess.Capabilities()[awsops.FacetCORS]; got {
			t.Errorf("%s: CORS learned supported after a refused write", env.name)
		}
	}
	return sess
}

func TestCapabilityTableSandbox(t *testing.T) {
	env, _ := sandboxEnv(t, sandbox.Options{})
	checkCapabilityTable(t, env, "cap-table", allSupported())
}

// A sandbox emulating an endpoint without CORS, logging and Block Public
// Access (the facets MinIO lacks).
func TestCapabilityTableSandboxNotImplemented(t *testing.T) {
	env, _ := sandboxEnv(t, sandbox.Options{NotImplemented: []string{"cors", "logging", "publicAccessBlock"}})
	checkCapabilityTable(t, env, "cap-table", without(awsops.FacetCORS, awsops.FacetLogging, awsops.FacetPublicAccessBlock))
}

// moto implements every facet s3sec reads (its deviations are in values,
// not in support: see motoEnv).
func TestCapabilityTableMoto(t *testing.T) {
	checkCapabilityTable(t, motoEnv(t), "cap-table-moto", allSupported())
}

// A refused write teaches the session that the facet is unsupported even
// when the read looked fine, and later reads say so without asking.
func TestRefusedWriteLearnsUnsupported(t *testing.T) {
	env, _ := sandboxEnv(t, sandbox.Options{NotImplemented: []string{"cors"}})
	sess := env.open(t)
	ctx := context.Background()
	if _, err := env.client(t, "us-east-1").CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("learn-write")}); err != nil {
		t.Fatal(err)
	}
	if err := sess.Apply(ctx, awsops.DeleteCORSPlan("learn-write", "us-east-1"), awsops.MFA{}, nil); !awsops.IsNotImplemented(err) {
		t.Fatalf("DeleteBucketCors: %v, want NotImplemented", err)
	}
	if got, known := sess.Capabilities()[awsops.FacetCORS]; !known || got {
		t.Fatalf("CORS capability = %v (known %v) after a refused write, want unsupported", got, known)
	}
	st := sess.State(ctx, awsops.Bucket{Name: "learn-write", Region: "us-east-1"})
	if fe := st.Errors[awsops.FacetCORS]; !fe.Unsupported() || !strings.Contains(fe.Message, "learned") {
		t.Errorf("CORS read after the refused write: %v", fe)
	}
}
