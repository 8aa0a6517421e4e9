package awsops_test

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/s3sec/s3sec/awsops"
)

// TestMain hides the machine's AWS settings (a stray AWS_PROFILE or
// AWS_ENDPOINT_URL must not redirect the suite) and stops moto_server at the end.
func TestMain(m *testing.M) {
	for _, kv := range os.Environ() {
		if name, _, _ := strings.Cut(kv, "="); strings.HasPrefix(name, "AWS_") {
			os.Unsetenv(name)
		}
	}
	dir, err := os.MkdirTemp("", "awsops-test-")
	if err == nil {
		os.Setenv("AWS_CONFIG_FILE", filepath.Join(dir, "config"))
		os.Setenv("AWS_SHARED_CREDENTIALS_FILE", filepath.Join(dir, "credentials"))
	}
	os.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	code := m.Run()
	stopMoto()
	os.RemoveAll(dir)
	os.Exit(code)
}

// runSuite is the suite every endpoint must pass: it writes a set of
// configurations with the SDK, then checks what Identity, Buckets, States,
// State, Scan and Analyse make of them.
func runSuite(t *testing.T, env endpointEnv) {
	ctx := context.Background()
	st := stage{t: t, env: env, ctx: ctx}
	var (
		fresh   = suiteBucket{"suite-fresh", "us-east-1"}
		kms     = suiteBucket{"suite-kms", "eu-west-1"}
		self    = suiteBucket{"suite-self", "us-east-1"}
		ping    = suiteBucket{"suite-ping", "eu-west-1"}
		pong    = suiteBucket{"suite-pong", "eu-west-1"}
		cors    = suiteBucket{"suite-cors", "us-east-1"}
		lc      = suiteBucket{"suite-lifecycle", "eu-west-1"}
		tolog   = suiteBucket{"suite-to-kms-logs", "us-east-1"}
		kmslogs = suiteBucket{"suite-kms-logs", "us-east-1"}
	)
	all := []suiteBucket{fresh, kms, self, ping, pong, cors, lc, tolog, kmslogs}
	for _, b := range all {
		st.create(b)
	}
	st.kms(kms, "alias/suite-kms", false)
	st.versioning(kms, types.BucketVersioningStatusSuspended)
	st.logging(self, self)
	st.logging(ping, pong)
	st.logging(pong, ping)
	st.cors(cors, "*", "GET", "PUT")
	st.policy(cors, tlsPolicy(cors.name))
	st.deletePublicAccessBlock(cors)
	st.lifecycle(lc, 2)
	st.versioning(lc, types.BucketVersioningStatusEnabled)
	st.kms(kmslogs, "alias/suite-logs", true)
	st.logging(tolog, kmslogs)

	sess := env.open(t)

	t.Run("Identity", func(t *testing.T) {
		id, err := sess.Identity(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if id != env.identity {
			t.Errorf("Identity = %+v, want %+v", id, env.identity)
		}
	})

	var listed []awsops.Bucket
	t.Run("Buckets", func(t *testing.T) {
		bs, err := sess.Buckets(ctx)
		if err != nil {
			t.Fatal(err)
		}
		byName := map[string]awsops.Bucket{}
		for _, b := range bs {
			byName[b.Name] = b
		}
		for _, want := range all {
			got, ok := byName[want.name]
			if !ok {
				t.Errorf("%s not listed", want.name)
				continue
			}
			listed = append(listed, got)
			if got.CreationDate.IsZero() {
				t.Errorf("%s: no creation date", want.name)
			}
			wantRegion := want.region
			if env.dev.noBucketRegionInList {
				wantRegion = "" // Deviation (moto): no BucketRegion in ListBuckets.
			}
			if got.Region != wantRegion {
				t.Errorf("%s: listed region %q, want %q", want.name, got.Region, wantRegion)
			}
		}
	})
	if len(listed) != len(all) {
		t.Fatalf("listing incomplete: %d of %d suite buckets", len(listed), len(all))
	}

	states := map[string]awsops.BucketState{}
	t.Run("States", func(t *testing.T) {
		var mu sync.Mutex
		sess.States(ctx, listed, 4, func(s awsops.BucketState) {
			mu.Lock()
			defer mu.Unlock()
			states[s.Name] = s
		})
		for _, b := range all {
			s, ok := states[b.name]
			if !ok {
				t.Fatalf("no state for %s", b.name)
			}
			if len(s.Errors) != 0 {
				t.Errorf("%s: facet errors %v", b.name, s.Errors)
			}
			if s.Region != b.region {
				t.Errorf("%s: region %q, want %q", b.name, s.Region, b.region)
			}
		}

		// Default encryption of a bucket nobody configured.
		wantFresh := awsops.Encryption{Algorithm: "AES256", BlockedEncryptionTypes: []string{"SSE-C"}}
		if env.dev.encryptionNotFound404 {
			// Deviation (moto): 404 ServerSideEncryptionConfigurationNotFoundError,
			// recorded as the SSE-S3 default with a note, and nothing about SSE-C.
			wantFresh = awsops.Encryption{Algorithm: "AES256"}
			if !sess.ImplicitEncryption(fresh.name) {
				t.Errorf("%s: the 404 encryption answer left no note", fresh.name)
			}
		} else if sess.ImplicitEncryption(fresh.name) {
			t.Errorf("%s: encryption marked implicit, but the endpoint answered a rule", fresh.name)
		}
		if got := *states[fresh.name].Encryption; !reflect.DeepEqual(got, wantFresh) {
			t.Errorf("%s encryption = %+v, want %+v", fresh.name, got, wantFresh)
		}
		blocked := []string{"SSE-C"}
		if env.dev.dropsBlockedEncryptionTypes {
			blocked = nil // Deviation (moto): BlockedEncryptionTypes is dropped on PutBucketEncryption.
		}
		if got, want := *states[kms.name].Encryption, (awsops.Encryption{Algorithm: "aws:kms", KMSKeyID: "alias/suite-kms", BlockedEncryptionTypes: blocked}); !reflect.DeepEqual(got, want) {
			t.Errorf("%s encryption = %+v, want %+v", kms.name, got, want)
		}
		if got := states[kmslogs.name].Encryption; !got.BucketKey || got.KMSKeyID != "alias/suite-logs" {
			t.Errorf("%s encryption = %+v, want alias/suite-logs with a bucket key", kmslogs.name, *got)
		}

		wantVersioning := map[string]awsops.VersioningStatus{kms.name: awsops.VersioningSuspended, lc.name: awsops.VersioningEnabled, fresh.name: awsops.VersioningNever}
		for name, want := range wantVersioning {
			if got := *states[name].Versioning; got != (awsops.Versioning{Status: want, MFADelete: awsops.MFADeleteNever}) {
				t.Errorf("%s versioning = %+v, want %s with MFA Delete never set", name, got, want)
			}
		}

		wantLogging := map[string]string{self.name: self.name, ping.name: pong.name, pong.name: ping.name, tolog.name: kmslogs.name}
		for _, b := range all {
			got := *states[b.name].Logging
			target, logs := wantLogging[b.name]
			if got.Enabled != logs || got.TargetBucket != target || (logs && got.TargetPrefix != b.name+"/") {
				t.Errorf("%s logging = %+v, want target %q", b.name, got, target)
			}
		}

		c := states[cors.name].CORS
		if len(c.Rules) != 1 || c.Rules[0].ID != "web" || !reflect.DeepEqual(c.Rules[0].AllowedOrigins, []string{"*"}) ||
			!reflect.DeepEqual(c.Rules[0].AllowedMethods, []string{"GET", "PUT"}) || c.Rules[0].MaxAgeSeconds == nil || *c.Rules[0].MaxAgeSeconds != 600 {
			t.Errorf("%s cors = %+v", cors.name, c.Rules)
		}
		if n := len(states[fresh.name].CORS.Rules); n != 0 {
			t.Errorf("%s: %d CORS rules, want none", fresh.name, n)
		}

		if p := states[cors.name].Policy; !p.Present || !p.TLSEnforced || !strings.Contains(p.JSON, "aws:SecureTransport") {
			t.Errorf("%s policy = %+v, want the TLS-only policy", cors.name, *p)
		}
		if p := states[fresh.name].Policy; p.Present || p.TLSEnforced {
			t.Errorf("%s policy = %+v, want none", fresh.name, *p)
		}

		if p := states[cors.name].PublicAccessBlock; p.Configured {
			t.Errorf("%s public access block = %+v, want deleted", cors.name, *p)
		}
		if p := states[fresh.name].PublicAccessBlock; env.dev.noDefaultPublicAccessBlock {
			if p.Configured { // Deviation (moto): no configuration on new buckets.
				t.Errorf("%s public access block = %+v, moto has none on new buckets", fresh.name, *p)
			}
		} else if !p.AllOn() {
			t.Errorf("%s public access block = %+v, want all four on (AWS default since 2023)", fresh.name, *p)
		}

		if o := states[fresh.name].Ownership; env.dev.noDefaultOwnershipControls {
			if o.Setting != "" { // Deviation (moto): no ownership controls on new buckets.
				t.Errorf("%s object ownership = %+v, moto has none on new buckets", fresh.name, *o)
			}
		} else if o.ACLsEnabled() {
			t.Errorf("%s object ownership = %+v, want BucketOwnerEnforced (AWS default since 2023)", fresh.name, *o)
		}

		if n := states[lc.name].Lifecycle.Rules; n != 2 {
			t.Errorf("%s: %d lifecycle rules, want 2", lc.name, n)
		}
		if n := states[fresh.name].Lifecycle.Rules; n != 0 {
			t.Errorf("%s: %d lifecycle rules, want 0", fresh.name, n)
		}
	})

	t.Run("Analyse", func(t *testing.T) {
		var list []awsops.BucketState
		for _, s := range states {
			list = append(list, s)
		}
		got := map[string][]string{}
		messages := map[string]string{}
		for _, f := range awsops.Analyse(list) {
			got[f.Bucket] = append(got[f.Bucket], f.ID)
			messages[f.Bucket+"/"+f.ID] = f.Message
		}
		want := map[string][]string{
			fresh.name:   {"versioning-off", "tls-not-enforced"},
			kms.name:     {"kms-no-bucket-key", "versioning-suspended", "mfa-delete-off", "tls-not-enforced"},
			self.name:    {"logging-loop", "versioning-off", "tls-not-enforced"},
			ping.name:    {"logging-loop", "versioning-off", "tls-not-enforced"},
			pong.name:    {"logging-loop", "versioning-off", "tls-not-enforced"},
			cors.name:    {"cors-wildcard-origin", "cors-wildcard-write", "cors-etag-not-exposed", "public-access-block-off", "versioning-off"},
			lc.name:      {"mfa-delete-off", "tls-not-enforced"},
			tolog.name:   {"logging-target-kms", "versioning-off", "tls-not-enforced"},
			kmslogs.name: {"versioning-off", "tls-not-enforced"},
		}
		for _, b := range all {
			w := want[b.name]
			if env.dev.noDefaultPublicAccessBlock && !slices.Contains(w, "public-access-block-off") {
				w = append(w, "public-access-block-off") // Deviation (moto): no Block Public Access on new buckets.
			}
			if env.dev.noDefaultOwnershipControls {
				w = append(w, "acls-enabled") // Deviation (moto): no ownership controls on new buckets.
			}
			if env.dev.encryptionNotFound404 || env.dev.dropsBlockedEncryptionTypes {
				w = append(w, "ssec-allowed") // Deviation (moto): SSE-C never reads as blocked.
			}
			g := got[b.name]
			sort.Strings(w)
			sort.Strings(g)
			if !reflect.DeepEqual(g, w) {
				t.Errorf("%s findings = %v, want %v", b.name, g, w)
			}
		}
		if m := messages[ping.name+"/logging-loop"]; !strings.Contains(m, "access logs loop: suite-ping → suite-pong → suite-ping") {
			t.Errorf("ping loop message = %q", m)
		}
		if m := messages[self.name+"/logging-loop"]; !strings.Contains(m, "access logs loop: suite-self → suite-self") {
			t.Errorf("self loop message = %q", m)
		}
	})

	t.Run("State refresh", func(t *testing.T) {
		st.versioning(fresh, types.BucketVersioningStatusEnabled)
		var b awsops.Bucket
		for _, l := range listed {
			if l.Name == fresh.name {
				b = l
			}
		}
		s := sess.State(ctx, b)
		if s.Name != fresh.name || s.Versioning == nil || s.Versioning.Status != awsops.VersioningEnabled {
			t.Errorf("State after enabling versioning = %+v", s.Versioning)
		}
		for _, f := range awsops.AllFacets {
			if !s.Loaded(f) {
				t.Errorf("State: facet %s missing", f)
			}
		}
	})

	t.Run("Scan", func(t *testing.T) {
		var mu sync.Mutex
		seen := map[string]int{}
		sess.Scan(ctx, listed, 16, func(u awsops.FacetUpdate) {
			mu.Lock()
			defer mu.Unlock()
			seen[u.Bucket+"/"+string(u.Facet)]++
			if (u.Err == nil) == (u.Value == nil) {
				t.Errorf("%s/%s: exactly one of Value and Err must be set: %+v", u.Bucket, u.Facet, u)
			}
		})
		if len(seen) != len(all)*len(awsops.AllFacets) {
			t.Errorf("%d distinct facet updates, want %d", len(seen), len(all)*len(awsops.AllFacets))
		}
		for k, n := range seen {
			if n != 1 {
				t.Errorf("%s arrived %d times", k, n)
			}
		}
	})

	t.Run("Canceled", func(t *testing.T) {
		cctx, cancel := context.WithCancel(ctx)
		cancel()
		var mu sync.Mutex // fn runs on worker goroutines, possibly at the same time
		n := 0
		sess.States(cctx, listed, 4, func(s awsops.BucketState) {
			mu.Lock()
			n++
			mu.Unlock()
			for _, f := range awsops.AllFacets {
				if f == awsops.FacetRegion && s.Region != "" && s.Errors[f] == nil {
					continue // the region came with the listing: nothing to cancel
				}
				if e := s.Errors[f]; e == nil || e.Code != awsops.CodeRequestCanceled {
					t.Errorf("%s/%s = %v, want RequestCanceled", s.Name, f, e)
				}
			}
		})
		if n != len(listed) {
			t.Errorf("%d states after cancellation, want %d", n, len(listed))
		}
	})
}
