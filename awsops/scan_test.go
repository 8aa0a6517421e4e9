package awsops

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

// fakeBucket is one bucket of fakeS3: its region and, per sub-resource,
// an answer (status and body) replacing the default.
type fakeBucket struct {
	location string // LocationConstraint text ("" for us-east-1, "EU" ...)
	region   string // the region requests must be signed for
	answers  map[string]fakeAnswer
}

// fakeAnswer is one canned HTTP answer.
type fakeAnswer struct {
	status int
	body   string
}

// s3Error is an S3 error document.
func s3Error(status int, code, msg string) fakeAnswer {
	return fakeAnswer{status, fmt.Sprintf(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>%s</Code><Message>%s</Message><RequestId>0123456789ABCDEF</RequestId></Error>`, code, msg)}
}

const ns = `xmlns="http://s3.amazonaws.com/doc/2006-03-01/"`

// defaultAnswers is what a fresh AWS bucket answers (§1.8, §2.1, §3.2, §4.1, §5.1, §6.1).
var defaultAnswers = map[string]fakeAnswer{
	"encryption":        {200, `<ServerSideEncryptionConfiguration ` + ns + `><Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>AES256</SSEAlgorithm></ApplyServerSideEncryptionByDefault><BucketKeyEnabled>false</BucketKeyEnabled><BlockedEncryptionTypes><EncryptionType>SSE-C</EncryptionType></BlockedEncryptionTypes></Rule></ServerSideEncryptionConfiguration>`},
	"versioning":        {200, `<VersioningConfiguration ` + ns + `/>`},
	"logging":           {200, `<BucketLoggingStatus ` + ns + `/>`},
	"cors":              s3Error(404, "NoSuchCORSConfiguration", "The CORS configuration does not exist"),
	"policy":            s3Error(404, "NoSuchBucketPolicy", "The bucket policy does not exist"),
	"publicAccessBlock": {200, `<PublicAccessBlockConfiguration ` + ns + `><BlockPublicAcls>true</BlockPublicAcls><IgnorePublicAcls>true</IgnorePublicAcls><BlockPublicPolicy>true</BlockPublicPolicy><RestrictPublicBuckets>true</RestrictPublicBuckets></PublicAccessBlockConfiguration>`},
	"lifecycle":         s3Error(404, "NoSuchLifecycleConfiguration", "The lifecycle configuration does not exist"),
	"ownershipControls": {200, `<OwnershipControls ` + ns + `><Rule><ObjectOwnership>BucketOwnerEnforced</ObjectOwnership></Rule></OwnershipControls>`},
}

// fakeS3 answers bucket sub-resource GETs, path-style, and refuses requests
// signed for another region than the bucket's, as AWS does.
type fakeS3 struct {
	buckets   map[string]fakeBucket
	mu        sync.Mutex
	calls     map[string]int // "bucket?sub" -> count
	locations atomic.Int32
}

func (f *fakeS3) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	name := strings.Trim(r.URL.Path, "/")
	sub := r.URL.RawQuery
	if i := strings.IndexAny(sub, "=&"); i >= 0 {
		sub = sub[:i]
	}
	f.mu.Lock()
	f.calls[name+"?"+sub]++
	f.mu.Unlock()
	b, ok := f.buckets[name]
	answer := fakeAnswer{}
	switch {
	case !ok:
		answer = s3Error(404, "NoSuchBucket", "The specified bucket does not exist")
	case sub == "location":
		f.locations.Add(1)
		answer, ok = b.answers["location"]
		if !ok {
			answer = fakeAnswer{200, `<LocationConstraint ` + ns + `>` + b.location + `</LocationConstraint>`}
		}
	case sub == "" && r.Method == http.MethodHead:
		// HeadBucket names the region in a header even when it refuses.
		if b.answers["head"].status != 0 {
			answer = fakeAnswer{b.answers["head"].status, ""}
			break
		}
		w.Header().Set("X-Amz-Bucket-Region", b.region)
		answer = fakeAnswer{http.StatusOK, ""}
		if !strings.Contains(r.Header.Get("Authorization"), "/"+b.region+"/s3/") {
			answer = fakeAnswer{http.StatusMovedPermanently, ""}
		}
	case !strings.Contains(r.Header.Get("Authorization"), "/"+b.region+"/s3/"):
		answer = s3Error(400, "AuthorizationHeaderMalformed", "The authorization header is malformed; the region is wrong; expecting '"+b.region+"'")
	default:
		answer, ok = b.answers[sub]
		if !ok {
			answer = defaultAnswers[sub]
		}
	}
	w.Header().Set("Content-Type", "application/xml")
	w.WriteHeader(answer.status)
	fmt.Fprint(w, answer.body)
}

// fakeSession opens a session on handler.
func fakeSession(t *testing.T, handler http.Handler) *Session {
	t.Helper()
	isolateEnv(t)
	srv := httptest.NewServer(handler)
	t.Cleanup(srv.Close)
	s, err := Open(context.Background(), Options{EndpointURL: srv.URL, Region: "us-east-1", AccessKeyID: "AKID", SecretAccessKey: "secret"})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestStatesReadsEveryFacetWithRegionalClients(t *testing.T) {
	policy := `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::west","arn:aws:s3:::west/*"],"Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}`
	fake := &fakeS3{calls: map[string]int{}, buckets: map[string]fakeBucket{
		"east": {location: "", region: "us-east-1"},
		"west": {location: "eu-west-1", region: "eu-west-1", answers: map[string]fakeAnswer{
			"encryption":        {200, `<ServerSideEncryptionConfiguration ` + ns + `><Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>aws:kms</SSEAlgorithm><KMSMasterKeyID>alias/acme</KMSMasterKeyID></ApplyServerSideEncryptionByDefault><BucketKeyEnabled>true</BucketKeyEnabled></Rule></ServerSideEncryptionConfiguration>`},
			"versioning":        {200, `<VersioningConfiguration ` + ns + `><Status>Enabled</Status><MfaDelete>Enabled</MfaDelete></VersioningConfiguration>`},
			"logging":           {200, `<BucketLoggingStatus ` + ns + `><LoggingEnabled><TargetBucket>west</TargetBucket><TargetPrefix>logs/</TargetPrefix></LoggingEnabled></BucketLoggingStatus>`},
			"cors":              {200, `<CORSConfiguration ` + ns + `><CORSRule><ID>web</ID><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod><AllowedMethod>PUT</AllowedMethod><MaxAgeSeconds>300</MaxAgeSeconds></CORSRule></CORSConfiguration>`},
			"policy":            {200, policy},
			"publicAccessBlock": s3Error(404, "NoSuchPublicAccessBlockConfiguration", "The public access block configuration was not found"),
			"lifecycle": {200, `<LifecycleConfiguration ` + ns + `><Rule><ID>a</ID><Filter><Prefix>x/</Prefix></Filter><Status>Enabled</Status><Expiration><Days>1</Days></Expiration></Rule>` +
				`<Rule><ID>b</ID><Filter><Prefix>y/</Prefix></Filter><Status>Enabled</Status><Expiration><Days>2</Days></Expiration></Rule></LifecycleConfiguration>`},
		}},
		"legacy": {location: "EU", region: "eu-west-1", answers: map[string]fakeAnswer{
			// The pre-2023 answer, still moto's.
			"encryption": s3Error(404, "ServerSideEncryptionConfigurationNotFoundError", "The server side encryption configuration was not found"),
			// A failure of this bucket alone (a 501 would be the endpoint's,
			// learned for every bucket: see capabilities_test.go).
			"logging": s3Error(400, "InvalidRequest", "logging is not available for this bucket"),
			"cors":    s3Error(403, "AccessDenied", "Access Denied"),
		}},
		"listed": {location: "should-not-be-asked", region: "ap-south-1"},
		// GetBucketLocation denied: the region comes from HeadBucket's header.
		"hidden": {region: "eu-west-1", answers: map[string]fakeAnswer{"location": s3Error(403, "AccessDenied", "Access Denied")}},
		// GetBucketLocation and HeadBucket denied, no header: the region
		// facet fails, the others are still read with the session's region.
		"lost": {region: "us-east-1", answers: map[string]fakeAnswer{"location": s3Error(403, "AccessDenied", "Access Denied"), "head": {status: 403}}},
	}}
	s := fakeSession(t, fake)
	var mu sync.Mutex
	got := map[string]BucketState{}
	s.States(context.Background(), []Bucket{{Name: "east"}, {Name: "west"}, {Name: "legacy"}, {Name: "listed", Region: "ap-south-1"}, {Name: "east"}, {Name: "hidden"}, {Name: "lost"}}, 3, func(st BucketState) {
		mu.Lock()
		defer mu.Unlock()
		if _, dup := got[st.Name]; dup {
			t.Errorf("bucket %s delivered twice", st.Name)
		}
		got[st.Name] = st
	})
	if len(got) != 6 {
		t.Fatalf("got %d states, want 6", len(got))
	}
	if n := fake.locations.Load(); n != 5 {
		t.Errorf("GetBucketLocation called %d times, want 5 (not for the bucket listed with its region)", n)
	}
	for name, st := range got {
		for _, f := range AllFacets {
			if !st.Loaded(f) {
				t.Errorf("%s: facet %s missing", name, f)
			}
		}
	}

	east := got["east"]
	if east.Region != "us-east-1" || len(east.Errors) != 0 {
		t.Errorf("east: region %q, errors %v", east.Region, east.Errors)
	}
	if want := (Encryption{Algorithm: "AES256", BlockedEncryptionTypes: []string{"SSE-C"}}); !reflect.DeepEqual(*east.Encryption, want) {
		t.Errorf("east encryption = %+v, want %+v", *east.Encryption, want)
	}
	if *east.Versioning != (Versioning{Status: VersioningNever, MFADelete: MFADeleteNever}) || east.Logging.Enabled ||
		len(east.CORS.Rules) != 0 || east.Policy.Present || !east.PublicAccessBlock.AllOn() || east.Lifecycle.Rules != 0 {
		t.Errorf("east facets wrong: %+v %+v %+v %+v %+v %+v", *east.Versioning, *east.Logging, *east.CORS, *east.Policy, *east.PublicAccessBlock, *east.Lifecycle)
	}

	west := got["west"]
	if west.Region != "eu-west-1" || len(west.Errors) != 0 {
		t.Fatalf("west: region %q, errors %v (facets must be signed for eu-west-1)", west.Region, west.Errors)
	}
	if want := (Encryption{Algorithm: "aws:kms", KMSKeyID: "alias/acme", BucketKey: true}); !reflect.DeepEqual(*west.Encryption, want) {
		t.Errorf("west encryption = %+v, want %+v", *west.Encryption, want)
	}
	if *west.Versioning != (Versioning{Status: VersioningEnabled, MFADelete: MFADeleteEnabled}) {
		t.Errorf("west versioning = %+v", *west.Versioning)
	}
	if *west.Logging != (Logging{Enabled: true, TargetBucket: "west", TargetPrefix: "logs/"}) {
		t.Errorf("west logging = %+v", *west.Logging)
	}
	if r := west.CORS.Rules; len(r) != 1 || r[0].ID != "web" || !reflect.DeepEqual(r[0].AllowedMethods, []string{"GET", "PUT"}) || *r[0].MaxAgeSeconds != 300 {
		t.Errorf("west cors = %+v", west.CORS.Rules)
	}
	if !west.Policy.Present || !west.Policy.TLSEnforced || west.Policy.JSON != policy {
		t.Errorf("west policy = %+v", *west.Policy)
	}
	if west.PublicAccessBlock.Configured || west.Lifecycle.Rules != 2 {
		t.Errorf("west pab = %+v, lifecycle = %+v", *west.PublicAccessBlock, *west.Lifecycle)
	}

	legacy := got["legacy"]
	if legacy.Region != "eu-west-1" {
		t.Errorf("legacy EU location read as %q, want eu-west-1", legacy.Region)
	}
	if legacy.Encryption == nil || legacy.Encryption.Algorithm != "AES256" || !s.ImplicitEncryption("legacy") || s.ImplicitEncryption("east") {
		t.Errorf("legacy encryption = %+v, implicit = %v", legacy.Encryption, s.ImplicitEncryption("legacy"))
	}
	if e := legacy.Errors[FacetLogging]; e == nil || e.Code != "InvalidRequest" {
		t.Errorf("legacy logging error = %v, want InvalidRequest", e)
	}
	// The test server is plain HTTP, which the error records (PlainHTTP).
	if e := legacy.Errors[FacetCORS]; e == nil || *e != (FacetError{Code: "AccessDenied", Message: "Access Denied", PlainHTTP: true}) {
		t.Errorf("legacy cors error = %v, want AccessDenied", e)
	}
	if legacy.Versioning == nil || legacy.Policy == nil || legacy.Lifecycle == nil || legacy.PublicAccessBlock == nil {
		t.Error("legacy: one failed facet stopped the others")
	}
	if h := got["hidden"]; h.Region != "eu-west-1" || len(h.Errors) != 0 {
		t.Errorf("hidden: region %q, errors %v, want eu-west-1 from HeadBucket", h.Region, h.Errors)
	}
	lost := got["lost"]
	if e := lost.Errors[FacetRegion]; e == nil || e.Code != "AccessDenied" || len(lost.Errors) != 1 || lost.Versioning == nil {
		t.Errorf("lost: errors %v, versioning %v: want only the region facet to fail", lost.Errors, lost.Versioning)
	}
	if got["listed"].Region != "ap-south-1" || len(got["listed"].Errors) != 0 {
		t.Errorf("listed: region %q errors %v", got["listed"].Region, got["listed"].Errors)
	}
}

func TestScanCanceled(t *testing.T) {
	var started atomic.Int32
	inFlight := make(chan struct{}, 16)
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		started.Add(1)
		inFlight <- struct{}{}
		<-r.Context().Done() // hang until the client gives up
	})
	s := fakeSession(t, handler)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	buckets := []Bucket{{Name: "a", Region: "us-east-1"}, {Name: "b"}, {Name: "c"}}
	go func() {
		<-inFlight
		<-inFlight // both workers are blocked in a call: nothing else can start
		cancel()
	}()
	var mu sync.Mutex
	updates := map[string]FacetUpdate{}
	s.Scan(ctx, buckets, 2, func(u FacetUpdate) {
		mu.Lock()
		defer mu.Unlock()
		updates[u.Bucket+"/"+string(u.Facet)] = u
	})
	if len(updates) != len(buckets)*len(AllFacets) {
		t.Fatalf("got %d facet updates, want %d", len(updates), len(buckets)*len(AllFacets))
	}
	for key, u := range updates {
		if key == "a/region" {
			if u.Value != "us-east-1" {
				t.Errorf("a/region = %v, want the listed region", u.Value)
			}
			continue
		}
		if u.Err == nil || u.Err.Code != CodeRequestCanceled {
			t.Errorf("%s = %+v, want RequestCanceled", key, u)
		}
	}
	if n := started.Load(); n != 2 {
		t.Errorf("%d calls reached the server, want 2: no call may start after the cancellation", n)
	}
}

func TestScanNoBuckets(t *testing.T) {
	s := fakeSession(t, http.NotFoundHandler())
	s.Scan(context.Background(), nil, 4, func(FacetUpdate) { t.Error("update for no bucket") })
}
