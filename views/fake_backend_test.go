package views

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/s3sec/s3sec/awsops"
)

// fakeBackend is an in-memory Backend for layout, sorting and filtering
// tests. Flows against AWS behaviour run against the sandbox instead.
type fakeBackend struct {
	serverName string // what EndpointName answers
	id         awsops.Identity
	buckets    []awsops.Bucket
	states     map[string]awsops.BucketState
	keys       []string // objects of every bucket, sorted

	mu         sync.Mutex
	listTokens []string      // tokens ListObjects was called with
	applied    []awsops.Plan // plans Apply was called with
	applyErr   error         // what Apply returns
	heads      [][]string    // keys of each HeadObjects call
	uploads    []awsops.UploadInput
	mfa        fakeMFA // MFA devices, see fake_mfa_test.go
}

var fixedNow = time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)

func (f *fakeBackend) Identity(context.Context) (awsops.Identity, error) { return f.id, nil }
func (f *fakeBackend) Buckets(context.Context) ([]awsops.Bucket, error)  { return f.buckets, nil }
func (f *fakeBackend) Endpoint() string                                  { return "https://127.0.0.1:4443" }
func (f *fakeBackend) EndpointName() string                              { return f.serverName }
func (f *fakeBackend) Secure() bool                                      { return true }
func (f *fakeBackend) Region() string                                    { return "us-east-1" }

// CheckPreflight: the fake has no endpoint to send to; the tester's tests
// run against the sandbox.
func (f *fakeBackend) CheckPreflight(context.Context, string, string, string, awsops.CORSRequest) (awsops.PreflightCheck, error) {
	return awsops.PreflightCheck{}, errors.New("the fake backend sends no preflights")
}

func (f *fakeBackend) Scan(ctx context.Context, bs []awsops.Bucket, _ int, on func(awsops.FacetUpdate)) {
	for _, b := range bs {
		for _, u := range updatesOf(f.states[b.Name]) {
			if ctx.Err() != nil {
				return
			}
			on(u)
		}
	}
}

// KMSKeys returns one enabled customer key per region, and a disabled one.
func (f *fakeBackend) KMSKeys(_ context.Context, region string) ([]awsops.KMSKey, error) {
	return fakeKMSKeys(region), nil
}

// ValidateKMSKey accepts the enabled keys of fakeKMSKeys by alias, id or ARN.
func (f *fakeBackend) ValidateKMSKey(_ context.Context, region, id string) (awsops.KMSKey, error) {
	for _, k := range fakeKMSKeys(region) {
		if id == k.ID || id == k.ARN || (len(k.Aliases) > 0 && id == k.Aliases[0]) {
			if !k.Enabled {
				return k, &awsops.KMSKeyError{KeyID: id, Reason: "it is disabled"}
			}
			return k, nil
		}
	}
	return awsops.KMSKey{}, &awsops.KMSKeyError{KeyID: id, Reason: "no such key or alias in " + region}
}

// Verify runs no check: the fake has no endpoint to read back.
func (f *fakeBackend) Verify(context.Context, awsops.Plan) awsops.Verification {
	return awsops.Verification{}
}

// Apply records the plan and returns applyErr; it runs no step.
func (f *fakeBackend) Apply(_ context.Context, p awsops.Plan, _ awsops.MFA, _ func(int, awsops.Step, error)) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.applied = append(f.applied, p)
	return f.applyErr
}

// fakeKMSKeys are the keys of a region in the fake.
func fakeKMSKeys(region string) []awsops.KMSKey {
	arn := func(id string) string { return "arn:aws:kms:" + region + ":111122223333:key/" + id }
	return []awsops.KMSKey{
		{ID: "1111aaaa-0000-0000-0000-000000000001", ARN: arn("1111aaaa-0000-0000-0000-000000000001"), Region: region,
			Aliases: []string{"alias/records"}, State: "Enabled", Enabled: true, Manager: "CUSTOMER"},
		{ID: "2222bbbb-0000-0000-0000-000000000002", ARN: arn("2222bbbb-0000-0000-0000-000000000002"), Region: region,
			Aliases: []string{"alias/retired"}, State: "Disabled", Manager: "CUSTOMER"},
	}
}

func (f *fakeBackend) State(_ context.Context, b awsops.Bucket) awsops.BucketState {
	return f.states[b.Name]
}

func (f *fakeBackend) ListObjects(_ context.Context, _, _, _, token string, max int32) (awsops.ObjectPage, error) {
	f.mu.Lock()
	f.listTokens = append(f.listTokens, token)
	f.mu.Unlock()
	start := 0
	if token != "" {
		fmt.Sscanf(token, "t%d", &start)
	}
	end := min(len(f.keys), start+int(max))
	var p awsops.ObjectPage
	for _, k := range f.keys[start:end] {
		p.Objects = append(p.Objects, awsops.ObjectSummary{Key: k, Size: 1234, LastModified: fixedNow.Add(-time.Hour), StorageClass: "STANDARD"})
	}
	if end < len(f.keys) {
		p.NextToken = fmt.Sprintf("t%d", end)
	}
	return p, nil
}

func (f *fakeBackend) ListObjectVersions(_ context.Context, _, _, _, _, _ string, _ int32) (awsops.VersionPage, error) {
	return awsops.VersionPage{Versions: []awsops.ObjectVersion{
		{Key: "a.txt", VersionID: "v2", IsLatest: true, IsDeleteMarker: true, LastModified: fixedNow},
		{Key: "a.txt", VersionID: "v1", Size: 10, LastModified: fixedNow.Add(-time.Hour)},
	}}, nil
}

// updatesOf splits a state into the facet updates a scan would send.
func updatesOf(s awsops.BucketState) []awsops.FacetUpdate {
	var out []awsops.FacetUpdate
	add := func(f awsops.Facet, v any, ok bool) {
		if e := s.Errors[f]; e != nil {
			out = append(out, awsops.FacetUpdate{Bucket: s.Name, Facet: f, Err: e})
		} else if ok {
			out = append(out, awsops.FacetUpdate{Bucket: s.Name, Facet: f, Value: v})
		}
	}
	add(awsops.FacetRegion, s.Region, s.Region != "")
	add(awsops.FacetEncryption, deref(s.Encryption), s.Encryption != nil)
	add(awsops.FacetVersioning, deref(s.Versioning), s.Versioning != nil)
	add(awsops.FacetLogging, deref(s.Logging), s.Logging != nil)
	add(awsops.FacetCORS, deref(s.CORS), s.CORS != nil)
	add(awsops.FacetPolicy, deref(s.Policy), s.Policy != nil)
	add(awsops.FacetPublicAccessBlock, deref(s.PublicAccessBlock), s.PublicAccessBlock != nil)
	add(awsops.FacetLifecycle, deref(s.Lifecycle), s.Lifecycle != nil)
	add(awsops.FacetOwnership, deref(s.Ownership), s.Ownership != nil)
	return out
}

func deref[T any](p *T) any {
	if p == nil {
		return nil
	}
	return *p
}

// synthState is a varied, fully loaded bucket state for tests and benchmarks.
func synthState(i int) awsops.BucketState {
	name := fmt.Sprintf("bucket-%05d", i)
	regions := []string{"us-east-1", "eu-west-1", "ap-southeast-2"}
	s := awsops.BucketState{
		Name:         name,
		Region:       regions[i%3],
		CreationDate: fixedNow.Add(-time.Duration(i) * time.Hour),
		Versioning:   &awsops.Versioning{Status: []awsops.VersioningStatus{awsops.VersioningEnabled, awsops.VersioningSuspended, awsops.VersioningNever}[i%3], MFADelete: awsops.MFADeleteNever},
		Logging:      &awsops.Logging{},
		CORS:         &awsops.CORS{},
		Policy:       &awsops.Policy{TLSEnforced: i%2 == 0},
		PublicAccessBlock: &awsops.PublicAccessBlock{Configured: true, BlockPublicAcls: true,
			IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: i%5 != 0},
		Lifecycle: &awsops.Lifecycle{Rules: i % 2},
		Ownership: &awsops.ObjectOwnership{Setting: "BucketOwnerEnforced"},
	}
	switch i % 4 {
	case 0:
		s.Encryption = &awsops.Encryption{Algorithm: "AES256", BlockedEncryptionTypes: []string{"SSE-C"}}
	case 1:
		s.Encryption = &awsops.Encryption{Algorithm: "aws:kms", KMSKeyID: "alias/records", BucketKey: true}
	case 2:
		s.Encryption = &awsops.Encryption{Algorithm: "aws:kms", KMSKeyID: "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"}
	default:
		s.Encryption = &awsops.Encryption{Algorithm: "aws:kms:dsse"}
	}
	if i%7 == 0 {
		s.Logging = &awsops.Logging{Enabled: true, TargetBucket: "bucket-logs", TargetPrefix: name + "/"}
	}
	if i%11 == 0 {
		s.CORS = &awsops.CORS{Rules: []awsops.CORSRule{{AllowedOrigins: []string{"*"}, AllowedMethods: []string{"GET"}}}}
	}
	return s
}

// newFake returns a backend with n synthesized buckets.
func newFake(n int) *fakeBackend {
	f := &fakeBackend{
		id:     awsops.Identity{Account: "111122223333", ARN: "arn:aws:iam::111122223333:user/auditor"},
		states: map[string]awsops.BucketState{},
	}
	for i := range n {
		s := synthState(i)
		f.buckets = append(f.buckets, awsops.Bucket{Name: s.Name, Region: s.Region, CreationDate: s.CreationDate})
		f.states[s.Name] = s
	}
	for i := range 7 {
		f.keys = append(f.keys, fmt.Sprintf("docs/file-%02d.txt", i))
	}
	return f
}
