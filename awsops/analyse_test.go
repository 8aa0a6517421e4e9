package awsops

import (
	"reflect"
	"sort"
	"strings"
	"testing"
)

// clean returns a fully loaded bucket that produces no finding at all.
func clean(name string) BucketState {
	return BucketState{
		Name:              name,
		Region:            "us-east-1",
		Encryption:        &Encryption{Algorithm: "AES256", BlockedEncryptionTypes: []string{"SSE-C"}},
		Versioning:        &Versioning{Status: VersioningEnabled, MFADelete: MFADeleteEnabled},
		Logging:           &Logging{},
		CORS:              &CORS{},
		Policy:            &Policy{Present: true, TLSEnforced: true},
		PublicAccessBlock: &PublicAccessBlock{Configured: true, BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true},
		Lifecycle:         &Lifecycle{},
		Ownership:         &ObjectOwnership{Setting: "BucketOwnerEnforced"},
	}
}

// with returns a clean bucket changed by fn.
func with(name string, fn func(*BucketState)) BucketState {
	s := clean(name)
	fn(&s)
	return s
}

// logsTo makes a bucket log to target.
func logsTo(target string) func(*BucketState) {
	return func(s *BucketState) { s.Logging = &Logging{Enabled: true, TargetBucket: target, TargetPrefix: "logs/"} }
}

// bare is a bucket none of whose facets has loaded.
func bare(name string) BucketState { return BucketState{Name: name} }

// keys lists "bucket/id" of findings, sorted.
func keys(fs []Finding) []string {
	out := []string{}
	for _, f := range fs {
		out = append(out, f.Bucket+"/"+f.ID)
	}
	sort.Strings(out)
	return out
}

func TestAnalyse(t *testing.T) {
	tests := []struct {
		name     string
		states   []BucketState
		want     []string          // bucket/id, in any order
		messages map[string]string // bucket/id -> substring its message must contain
	}{
		{name: "clean buckets have no findings", states: []BucketState{clean("a"), clean("b")}, want: []string{}},
		{
			name:     "loop of length 1",
			states:   []BucketState{with("selflog", logsTo("selflog"))},
			want:     []string{"selflog/logging-loop"},
			messages: map[string]string{"selflog/logging-loop": "access logs loop: selflog → selflog"},
		},
		{
			name:   "loop of length 2",
			states: []BucketState{with("acme-ping", logsTo("acme-pong")), with("acme-pong", logsTo("acme-ping"))},
			want:   []string{"acme-ping/logging-loop", "acme-pong/logging-loop"},
			messages: map[string]string{
				"acme-ping/logging-loop": "access logs loop: acme-ping → acme-pong → acme-ping",
				"acme-pong/logging-loop": "access logs loop: acme-pong → acme-ping → acme-pong",
			},
		},
		{
			name:   "loop of length 3",
			states: []BucketState{with("a", logsTo("b")), with("b", logsTo("c")), with("c", logsTo("a"))},
			want:   []string{"a/logging-loop", "b/logging-loop", "c/logging-loop"},
			messages: map[string]string{
				"a/logging-loop": "a → b → c → a",
				"b/logging-loop": "b → c → a → b",
				"c/logging-loop": "c → a → b → c",
			},
		},
		{
			name:     "chain that is not a loop",
			states:   []BucketState{with("a", logsTo("b")), with("b", logsTo("c")), clean("c")},
			want:     []string{"a/logging-target-logs"},
			messages: map[string]string{"a/logging-target-logs": "a sends its access logs to b, which logs in turn to c"},
		},
		{
			name:   "bucket feeding into a loop it is not part of",
			states: []BucketState{with("x", logsTo("a")), with("a", logsTo("b")), with("b", logsTo("a"))},
			want:   []string{"a/logging-loop", "b/logging-loop", "x/logging-target-logs"},
		},
		{
			name:     "target missing",
			states:   []BucketState{with("a", logsTo("gone"))},
			want:     []string{"a/logging-target-missing"},
			messages: map[string]string{"a/logging-target-missing": "another account"},
		},
		{
			name: "SSE-KMS and DSSE-KMS targets",
			states: []BucketState{
				with("records", logsTo("kms-logs")),
				with("kms-logs", func(s *BucketState) {
					s.Encryption = &Encryption{Algorithm: "aws:kms", BucketKey: true, BlockedEncryptionTypes: []string{"SSE-C"}}
				}),
				with("other", logsTo("dsse-logs")),
				with("dsse-logs", func(s *BucketState) {
					s.Encryption = &Encryption{Algorithm: "aws:kms:dsse", BlockedEncryptionTypes: []string{"SSE-C"}}
				}),
			},
			want:     []string{"other/logging-target-kms", "records/logging-target-kms"},
			messages: map[string]string{"records/logging-target-kms": "records sends its access logs to kms-logs"},
		},
		{
			name: "no policy and a policy without TLS",
			states: []BucketState{
				with("none", func(s *BucketState) { s.Policy = &Policy{} }),
				with("plain", func(s *BucketState) { s.Policy = &Policy{Present: true, JSON: "{}"} }),
			},
			want:     []string{"none/tls-not-enforced", "plain/tls-not-enforced"},
			messages: map[string]string{"none/tls-not-enforced": "none has no bucket policy"},
		},
		{
			name: "versioning states",
			states: []BucketState{
				with("never", func(s *BucketState) { s.Versioning = &Versioning{Status: VersioningNever, MFADelete: MFADeleteNever} }),
				with("suspended", func(s *BucketState) {
					s.Versioning = &Versioning{Status: VersioningSuspended, MFADelete: MFADeleteNever}
				}),
				with("enabled", func(s *BucketState) {
					s.Versioning = &Versioning{Status: VersioningEnabled, MFADelete: MFADeleteDisabled}
				}),
			},
			want: []string{"enabled/mfa-delete-off", "never/versioning-off", "suspended/mfa-delete-off", "suspended/versioning-suspended"},
		},
		{
			name: "MFA Delete with lifecycle rules",
			states: []BucketState{
				with("conflict", func(s *BucketState) { s.Lifecycle = &Lifecycle{Rules: 2} }),
				with("rules-without-mfa", func(s *BucketState) {
					s.Lifecycle = &Lifecycle{Rules: 2}
					s.Versioning = &Versioning{Status: VersioningEnabled, MFADelete: MFADeleteDisabled}
				}),
			},
			want:     []string{"conflict/mfa-delete-lifecycle-conflict", "rules-without-mfa/mfa-delete-off"},
			messages: map[string]string{"conflict/mfa-delete-lifecycle-conflict": "2 lifecycle rule(s)"},
		},
		{
			name: "CORS origins",
			states: []BucketState{
				with("read-any", func(s *BucketState) {
					s.CORS = &CORS{Rules: []CORSRule{{AllowedOrigins: []string{"*"}, AllowedMethods: []string{"GET", "HEAD"}, ExposeHeaders: []string{"ETag"}, MaxAgeSeconds: i32(600)}}}
				}),
				with("write-any", func(s *BucketState) {
					s.CORS = &CORS{Rules: []CORSRule{{AllowedOrigins: []string{"*"}, AllowedMethods: []string{"GET", "PUT", "POST"}, ExposeHeaders: []string{"ETag"}, MaxAgeSeconds: i32(600)}}}
				}),
				with("write-https-any", func(s *BucketState) {
					s.CORS = &CORS{Rules: []CORSRule{{AllowedOrigins: []string{"https://*"}, AllowedMethods: []string{"DELETE"}, ExposeHeaders: []string{"ETag"}, MaxAgeSeconds: i32(600)}}}
				}),
				with("write-http-star", func(s *BucketState) {
					s.CORS = &CORS{Rules: []CORSRule{{AllowedOrigins: []string{"http*"}, AllowedMethods: []string{"PUT"}, ExposeHeaders: []string{"ETag"}, MaxAgeSeconds: i32(600)}}}
				}),
				with("narrow", func(s *BucketState) {
					s.CORS = &CORS{Rules: []CORSRule{
						{AllowedOrigins: []string{"https://*.example.com"}, AllowedMethods: []string{"PUT", "POST", "DELETE"}, ExposeHeaders: []string{"ETag"}, MaxAgeSeconds: i32(600)},
						{AllowedOrigins: []string{"https://app.example.org"}, AllowedMethods: []string{"PUT"}, ExposeHeaders: []string{"ETag"}, MaxAgeSeconds: i32(600)},
					}}
				}),
			},
			want: []string{
				"read-any/cors-wildcard-origin",
				"write-any/cors-wildcard-origin", "write-any/cors-wildcard-write",
				"write-http-star/cors-wildcard-write",
				"write-https-any/cors-wildcard-write",
			},
			messages: map[string]string{"write-any/cors-wildcard-write": "any web site send POST, PUT requests"},
		},
		{
			name: "SSE-KMS without bucket key",
			states: []BucketState{
				with("no-key", func(s *BucketState) {
					s.Encryption = &Encryption{Algorithm: "aws:kms", KMSKeyID: "alias/acme-logs", BlockedEncryptionTypes: []string{"SSE-C"}}
				}),
				with("with-key", func(s *BucketState) {
					s.Encryption = &Encryption{Algorithm: "aws:kms", BucketKey: true, BlockedEncryptionTypes: []string{"SSE-C"}}
				}),
				with("dsse", func(s *BucketState) {
					// DSSE-KMS does not support bucket keys: nothing to recommend.
					s.Encryption = &Encryption{Algorithm: "aws:kms:dsse", BlockedEncryptionTypes: []string{"SSE-C"}}
				}),
			},
			want:     []string{"no-key/kms-no-bucket-key"},
			messages: map[string]string{"no-key/kms-no-bucket-key": "alias/acme-logs"},
		},
		{
			name: "SSE-C not blocked",
			states: []BucketState{
				with("absent", func(s *BucketState) { s.Encryption = &Encryption{Algorithm: "AES256"} }),
				with("none", func(s *BucketState) {
					s.Encryption = &Encryption{Algorithm: "AES256", BlockedEncryptionTypes: []string{"NONE"}}
				}),
			},
			want: []string{"absent/ssec-allowed", "none/ssec-allowed"},
		},
		{
			name: "public access block",
			states: []BucketState{
				with("deleted", func(s *BucketState) { s.PublicAccessBlock = &PublicAccessBlock{} }),
				with("partial", func(s *BucketState) {
					s.PublicAccessBlock = &PublicAccessBlock{Configured: true, BlockPublicAcls: true, IgnorePublicAcls: true}
				}),
			},
			want:     []string{"deleted/public-access-block-off", "partial/public-access-block-off"},
			messages: map[string]string{"partial/public-access-block-off": "off: BlockPublicPolicy, RestrictPublicBuckets"},
		},
		{
			name: "failed facets are reported and judged no further",
			states: []BucketState{with("denied", func(s *BucketState) {
				s.CORS = nil
				s.Errors = map[Facet]*FacetError{FacetCORS: {Code: "AccessDenied", Message: "Access Denied"}}
			})},
			want:     []string{"denied/facet-error"},
			messages: map[string]string{"denied/facet-error": "denied: could not read cors: AccessDenied: Access Denied"},
		},
		{
			name:   "facets missing produce no false findings",
			states: []BucketState{bare("empty"), with("src", logsTo("empty"))},
			want:   []string{},
		},
		{
			name: "loop through a bucket whose logging has not loaded is not claimed",
			states: []BucketState{
				with("a", logsTo("b")),
				with("b", func(s *BucketState) { s.Logging = nil }),
			},
			want: []string{},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Analyse(tc.states)
			if k := keys(got); !reflect.DeepEqual(k, sortedCopy(tc.want)) {
				t.Fatalf("findings = %v, want %v", k, sortedCopy(tc.want))
			}
			for key, sub := range tc.messages {
				f := findingByKey(got, key)
				if f == nil {
					t.Fatalf("no finding %s", key)
				}
				if !strings.Contains(f.Message, sub) {
					t.Errorf("%s message = %q, want it to contain %q", key, f.Message, sub)
				}
			}
			for _, f := range got {
				if f.Remedy == "" || strings.Contains(f.Remedy, "\n") {
					t.Errorf("%s/%s remedy must be one non-empty line, got %q", f.Bucket, f.ID, f.Remedy)
				}
				if !strings.Contains(f.Message, f.Bucket) {
					t.Errorf("%s/%s message %q does not name the bucket", f.Bucket, f.ID, f.Message)
				}
			}
		})
	}
}

func TestAnalyseSeverities(t *testing.T) {
	want := map[string]Severity{
		"logging-loop": SeverityHigh, "logging-target-missing": SeverityHigh, "logging-target-logs": SeverityMedium,
		"logging-target-kms": SeverityMedium, "tls-not-enforced": SeverityMedium, "versioning-off": SeverityLow,
		"versioning-suspended": SeverityMedium, "mfa-delete-off": SeverityLow, "mfa-delete-lifecycle-conflict": SeverityHigh,
		"cors-wildcard-origin": SeverityMedium, "cors-wildcard-write": SeverityHigh, "kms-no-bucket-key": SeverityLow,
		"cors-wildcard-authorization": SeverityLow, "cors-etag-not-exposed": SeverityInfo, "cors-rule-shadowed": SeverityLow,
		"cors-http-origin-tls": SeverityLow, "cors-duplicate-rule": SeverityInfo, "cors-max-age": SeverityInfo,
		"ssec-allowed": SeverityInfo, "public-access-block-off": SeverityMedium, "facet-error": SeverityMedium,
		"policy-public": SeverityHigh,
	}
	// One state set that triggers every finding id.
	states := []BucketState{
		with("loop", logsTo("loop")),
		with("missing", logsTo("nowhere")),
		with("chain", logsTo("loop")),
		with("to-kms", logsTo("kms")),
		{Name: "kms", Encryption: &Encryption{Algorithm: "aws:kms"}},
		{Name: "kms-data", Encryption: &Encryption{Algorithm: "aws:kms"}},
		{Name: "plain", Policy: &Policy{}, Versioning: &Versioning{Status: VersioningNever, MFADelete: MFADeleteNever}},
		{Name: "susp", Versioning: &Versioning{Status: VersioningSuspended, MFADelete: MFADeleteNever}},
		{Name: "mfa", Versioning: &Versioning{Status: VersioningEnabled, MFADelete: MFADeleteEnabled}, Lifecycle: &Lifecycle{Rules: 1}},
		{Name: "cors", CORS: &CORS{Rules: []CORSRule{{AllowedOrigins: []string{"*"}, AllowedMethods: []string{"PUT"}}}}},
		{Name: "cors-rules", Policy: &Policy{Present: true, TLSEnforced: true}, CORS: &CORS{Rules: []CORSRule{
			{AllowedOrigins: []string{"*"}, AllowedMethods: []string{"GET"}, AllowedHeaders: []string{"*"}, MaxAgeSeconds: i32(60)},
			{AllowedOrigins: []string{"*"}, AllowedMethods: []string{"GET"}, AllowedHeaders: []string{"*"}, MaxAgeSeconds: i32(60)},
			{AllowedOrigins: []string{"http://app.example.com"}, AllowedMethods: []string{"GET"}, MaxAgeSeconds: i32(60)},
		}}},
		{Name: "pab", PublicAccessBlock: &PublicAccessBlock{}, Errors: map[Facet]*FacetError{FacetLogging: {Code: "AccessDenied"}}},
		{Name: "pub", PublicAccessBlock: &PublicAccessBlock{}, Policy: &Policy{Present: true, TLSEnforced: true, JSON: `{"Statement":[` +
			`{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::pub/*"},` +
			`{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::pub","arn:aws:s3:::pub/*"],"Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}`}},
	}
	got := Analyse(states)
	seen := map[string]bool{}
	for _, f := range got {
		seen[f.ID] = true
		if sev, ok := want[f.ID]; !ok {
			t.Errorf("unexpected finding id %q", f.ID)
		} else if f.Severity != sev {
			t.Errorf("%s severity = %v, want %v", f.ID, f.Severity, sev)
		}
	}
	for id := range want {
		if !seen[id] {
			t.Errorf("finding %s never produced", id)
		}
	}
	for i := 1; i < len(got); i++ {
		a, b := got[i-1], got[i]
		ordered := a.Severity > b.Severity ||
			a.Severity == b.Severity && (a.Bucket < b.Bucket || a.Bucket == b.Bucket && a.ID <= b.ID)
		if !ordered {
			t.Errorf("findings out of order: %s/%s/%v before %s/%s/%v", a.Bucket, a.ID, a.Severity, b.Bucket, b.ID, b.Severity)
		}
	}
}

// A facet the endpoint does not implement is a state of the endpoint: no
// finding, and not an unread facet (the report stays complete).
func TestUnsupportedFacetIsNeitherFindingNorUnread(t *testing.T) {
	st := clean("b")
	st.Logging = nil
	st.Errors = map[Facet]*FacetError{FacetLogging: {Code: CodeNotImplemented, Message: "not here"}}
	if got := Analyse([]BucketState{st}); len(got) != 0 {
		t.Errorf("findings %+v, want none", got)
	}
	if u := UnreadFacets(&st); len(u) != 0 {
		t.Errorf("unread %v, want none", u)
	}
	st.Errors[FacetLogging].Code = "AccessDenied"
	if u := UnreadFacets(&st); len(u) != 1 || u[0] != FacetLogging {
		t.Errorf("a denied facet must stay unread, got %v", u)
	}
}

// sortedCopy returns a sorted copy.
func sortedCopy(s []string) []string {
	c := append([]string{}, s...)
	sort.Strings(c)
	return c
}

// findingByKey finds "bucket/id".
func findingByKey(fs []Finding, key string) *Finding {
	for i := range fs {
		if fs[i].Bucket+"/"+fs[i].ID == key {
			return &fs[i]
		}
	}
	return nil
}
