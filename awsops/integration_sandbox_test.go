package awsops_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/smithy-go"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/sandbox"
)

// sandboxEnv starts an embedded sandbox for one test, served over HTTPS
// with its own CA, and describes it for the suite with the root user's keys.
func sandboxEnv(t *testing.T, opts sandbox.Options) (endpointEnv, *sandbox.Server) {
	t.Helper()
	srv, err := sandbox.Start(opts)
	if err != nil {
		t.Fatalf("sandbox.Start: %v", err)
	}
	t.Cleanup(func() { srv.Close() })
	root := srv.Root()
	acct := srv.AccountID()
	return endpointEnv{
		name: "sandbox", url: srv.HTTPSURL(), caFile: srv.CAFile(),
		keyID: root.AccessKeyID, secret: root.SecretAccessKey,
		// §8.1: the root user's ARN ends in :root and its user id is the account id.
		identity: awsops.Identity{Account: acct, ARN: "arn:aws:iam::" + acct + ":root", UserID: acct, IsRoot: true},
	}, srv
}

func TestSuiteSandbox(t *testing.T) {
	env, _ := sandboxEnv(t, sandbox.Options{})
	runSuite(t, env)
}

// readAll lists the buckets and reads every state, keyed by name.
func readAll(t *testing.T, sess *awsops.Session) ([]awsops.Bucket, map[string]awsops.BucketState) {
	t.Helper()
	buckets, err := sess.Buckets(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	states := map[string]awsops.BucketState{}
	sess.States(context.Background(), buckets, awsops.DefaultParallel, func(s awsops.BucketState) {
		mu.Lock()
		defer mu.Unlock()
		states[s.Name] = s
	})
	return buckets, states
}

func TestSandboxSeed(t *testing.T) {
	env, _ := sandboxEnv(t, sandbox.Options{Seed: true})
	sess := env.open(t)
	_, states := readAll(t, sess)
	for _, name := range sandbox.DemoBuckets {
		s, ok := states[name]
		if !ok {
			t.Fatalf("demo bucket %s not read", name)
		}
		if len(s.Errors) != 0 {
			t.Errorf("%s: facet errors %v", name, s.Errors)
		}
	}
	sec := states["acme-secure-records"]
	if e := sec.Encryption; e == nil || e.Algorithm != "aws:kms" || e.KMSKeyID != "alias/acme-records" || !e.BucketKey {
		t.Errorf("acme-secure-records encryption = %+v", e)
	}
	if v := sec.Versioning; v == nil || *v != (awsops.Versioning{Status: awsops.VersioningEnabled, MFADelete: awsops.MFADeleteEnabled}) {
		t.Errorf("acme-secure-records versioning = %+v", v)
	}
	if l := sec.Logging; l == nil || !l.Enabled || l.TargetBucket != "acme-access-logs" {
		t.Errorf("acme-secure-records logging = %+v", l)
	}
	if p := sec.Policy; p == nil || !p.TLSEnforced {
		t.Errorf("acme-secure-records policy = %+v, want TLS enforced", p)
	}
	if c := sec.CORS; c == nil || len(c.Rules) == 0 || c.WildcardOrigin() {
		t.Errorf("acme-secure-records cors = %+v, want narrow rules", c)
	}
	if e := states["acme-access-logs"].Encryption; e == nil || e.Algorithm != "aws:kms" || e.KMSKeyID != "alias/acme-logs" || e.BucketKey {
		t.Errorf("acme-access-logs encryption = %+v", e)
	}
	for name, region := range map[string]string{
		"acme-secure-records": "us-east-1", "acme-access-logs": "us-east-1", "acme-ping": "eu-west-1", "acme-pong": "eu-west-1",
		"acme-suspended": "eu-west-1", "acme-scratch": "eu-west-1", "acme-lifecycle-archive": "eu-west-1",
	} {
		if got := states[name].Region; got != region {
			t.Errorf("%s region = %q, want %q", name, got, region)
		}
	}
	if v := states["acme-suspended"].Versioning; v == nil || v.Status != awsops.VersioningSuspended {
		t.Errorf("acme-suspended versioning = %+v", v)
	}
	scratch := states["acme-scratch"]
	if scratch.Versioning == nil || scratch.Versioning.Status != awsops.VersioningNever || scratch.PublicAccessBlock == nil || scratch.PublicAccessBlock.Configured {
		t.Errorf("acme-scratch versioning = %+v, public access block = %+v", scratch.Versioning, scratch.PublicAccessBlock)
	}
	arch := states["acme-lifecycle-archive"]
	if arch.Lifecycle == nil || arch.Lifecycle.Rules != 2 || arch.Policy == nil || !arch.Policy.TLSEnforced {
		t.Errorf("acme-lifecycle-archive lifecycle = %+v, policy = %+v", arch.Lifecycle, arch.Policy)
	}

	var list []awsops.BucketState
	for _, s := range states {
		list = append(list, s)
	}
	ids := map[string][]string{}
	messages := map[string]string{}
	for _, f := range awsops.Analyse(list) {
		ids[f.Bucket] = append(ids[f.Bucket], f.ID)
		messages[f.Bucket+"/"+f.ID] = f.Message
	}
	expect := []struct {
		bucket      string
		has, hasNot []string
	}{
		{"acme-secure-records", []string{"logging-target-kms"},
			[]string{"tls-not-enforced", "kms-no-bucket-key", "mfa-delete-off", "versioning-off", "cors-wildcard-origin", "logging-loop",
				"cors-etag-not-exposed", "cors-max-age", "cors-http-origin-tls", "cors-rule-shadowed"}}, // its one CORS rule is tidy
		// A KMS log target's fix is SSE-S3 (logging-target-kms), not a bucket key.
		{"acme-access-logs", nil, []string{"logging-loop", "kms-no-bucket-key"}},
		{"acme-selflog", []string{"logging-loop"}, nil},
		{"acme-ping", []string{"logging-loop"}, []string{"logging-target-logs"}},
		{"acme-pong", []string{"logging-loop"}, []string{"logging-target-logs"}},
		{"acme-public-assets", []string{"cors-wildcard-origin", "cors-wildcard-write", "cors-wildcard-authorization", "cors-etag-not-exposed", "cors-max-age"},
			[]string{"cors-rule-shadowed", "cors-duplicate-rule"}},
		{"acme-suspended", []string{"versioning-suspended", "mfa-delete-off"}, []string{"versioning-off"}},
		{"acme-scratch", []string{"versioning-off", "public-access-block-off"}, nil},
		{"acme-lifecycle-archive", nil, []string{"tls-not-enforced", "mfa-delete-lifecycle-conflict"}},
	}
	for _, e := range expect {
		for _, id := range e.has {
			if !slices.Contains(ids[e.bucket], id) {
				t.Errorf("%s: finding %s missing (got %v)", e.bucket, id, ids[e.bucket])
			}
		}
		for _, id := range e.hasNot {
			if slices.Contains(ids[e.bucket], id) {
				t.Errorf("%s: unexpected finding %s: %s", e.bucket, id, messages[e.bucket+"/"+id])
			}
		}
	}
	for key, want := range map[string]string{
		"acme-ping/logging-loop":    "access logs loop: acme-ping → acme-pong → acme-ping",
		"acme-pong/logging-loop":    "access logs loop: acme-pong → acme-ping → acme-pong",
		"acme-selflog/logging-loop": "access logs loop: acme-selflog → acme-selflog",
	} {
		if !strings.Contains(messages[key], want) {
			t.Errorf("%s message = %q, want %q", key, messages[key], want)
		}
	}
}

func TestSandboxAdminDeniedCORS(t *testing.T) {
	env, srv := sandboxEnv(t, sandbox.Options{Seed: true, AdminDeniedActions: []string{"s3:GetBucketCORS"}})
	admin := srv.Admin()
	env.keyID, env.secret = admin.AccessKeyID, admin.SecretAccessKey
	sess := env.open(t)
	id, err := sess.Identity(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if id.IsRoot || id.ARN != admin.ARN || id.Account != srv.AccountID() {
		t.Errorf("admin identity = %+v, want ARN %s, not root", id, admin.ARN)
	}
	_, states := readAll(t, sess)
	for _, name := range sandbox.DemoBuckets {
		s := states[name]
		if len(s.Errors) != 1 || s.Errors[awsops.FacetCORS] == nil || s.Errors[awsops.FacetCORS].Code != "AccessDenied" {
			t.Errorf("%s errors = %v, want only cors: AccessDenied", name, s.Errors)
		}
		if s.CORS != nil {
			t.Errorf("%s: CORS %+v read despite the deny", name, s.CORS)
		}
		for _, f := range awsops.AllFacets {
			if f != awsops.FacetCORS && (!s.Loaded(f) || s.Errors[f] != nil) {
				t.Errorf("%s: facet %s did not load next to the denied one", name, f)
			}
		}
	}
	var list []awsops.BucketState
	for _, s := range states {
		list = append(list, s)
	}
	for _, f := range awsops.Analyse(list) {
		if strings.HasPrefix(f.ID, "cors-") {
			t.Errorf("%s: %s from a facet that did not load", f.Bucket, f.ID)
		}
	}
	found := false
	for _, f := range awsops.Analyse(list) {
		if f.ID == "facet-error" && f.Bucket == "acme-public-assets" && strings.Contains(f.Message, "could not read cors: AccessDenied") {
			found = true
		}
	}
	if !found {
		t.Error("no facet-error finding for the denied cors of acme-public-assets")
	}
}

func TestSandboxRegionalClients(t *testing.T) {
	env, _ := sandboxEnv(t, sandbox.Options{Seed: true})
	// The sandbox refuses a bucket call signed for the wrong region, as AWS does:
	// this is what makes the regional reads below meaningful.
	_, err := env.client(t, "us-east-1").GetBucketVersioning(context.Background(), &s3.GetBucketVersioningInput{Bucket: aws.String("acme-ping")})
	var api smithy.APIError
	if !errors.As(err, &api) || api.ErrorCode() != "AuthorizationHeaderMalformed" {
		t.Fatalf("eu-west-1 bucket read with a us-east-1 signature: %v, want AuthorizationHeaderMalformed", err)
	}
	sess := env.open(t)
	// No region given: Scan must find it with GetBucketLocation, then sign for eu-west-1.
	s := sess.State(context.Background(), awsops.Bucket{Name: "acme-ping"})
	if s.Region != "eu-west-1" || len(s.Errors) != 0 {
		t.Fatalf("acme-ping: region %q, errors %v", s.Region, s.Errors)
	}
	if s.Logging == nil || s.Logging.TargetBucket != "acme-pong" {
		t.Errorf("acme-ping logging = %+v", s.Logging)
	}
}
