package awsops

import (
	"reflect"
	"sort"
	"strings"
	"testing"
)

// tidy is a CORS rule that triggers none of the rule-level findings.
func tidy(id string, origins ...string) CORSRule {
	return CORSRule{ID: id, AllowedOrigins: origins, AllowedMethods: []string{"GET", "PUT"},
		AllowedHeaders: []string{"content-type"}, ExposeHeaders: []string{"ETag"}, MaxAgeSeconds: i32(3000)}
}

func TestCORSRuleFindings(t *testing.T) {
	tls := &Policy{Present: true, TLSEnforced: true}
	for _, tc := range []struct {
		name   string
		rules  []CORSRule
		policy *Policy
		want   []string          // ids of rule-level findings, sorted
		text   map[string]string // id -> substring of message+remedy
	}{
		{name: "tidy rules", rules: []CORSRule{tidy("app", "https://app.example.com"), tidy("", "https://admin.example.com")}, policy: tls, want: nil},
		{name: "star origin with Authorization", rules: []CORSRule{
			tidy("ok", "https://app.example.com"),
			func() CORSRule { r := tidy("api", "*"); r.AllowedHeaders = []string{"Authorization"}; return r }(),
		}, want: []string{"cors-wildcard-authorization"}, text: map[string]string{"cors-wildcard-authorization": `CORS rule 2 ("api") lets every origin send an Authorization header`}},
		{name: "star origin with every header", rules: []CORSRule{
			func() CORSRule { r := tidy("", "*"); r.AllowedHeaders = []string{"*"}; return r }(),
		}, want: []string{"cors-wildcard-authorization"}, text: map[string]string{"cors-wildcard-authorization": "drop Authorization (and *) from AllowedHeader in CORS rule 1, or list your own sites"}},
		{name: "Authorization from a listed site is fine", rules: []CORSRule{
			func() CORSRule { r := tidy("", "https://app.example.com"); r.AllowedHeaders = []string{"*"}; return r }(),
		}, want: nil},
		{name: "upload without ETag exposed", rules: []CORSRule{
			func() CORSRule {
				r := tidy("up", "https://app.example.com")
				r.ExposeHeaders = []string{"x-amz-version-id"}
				return r
			}(),
			func() CORSRule {
				r := tidy("post", "https://b.example.com")
				r.AllowedMethods = []string{"POST"}
				r.ExposeHeaders = nil
				return r
			}(),
		}, want: []string{"cors-etag-not-exposed"}, text: map[string]string{"cors-etag-not-exposed": `CORS rules 1 ("up"), 2 ("post") allow PUT or POST but do not expose ETag`}},
		{name: "ETag exposed in any case", rules: []CORSRule{
			func() CORSRule {
				r := tidy("", "https://app.example.com")
				r.ExposeHeaders = []string{"etag"}
				return r
			}(),
		}, want: nil},
		{name: "read-only rule needs no ETag", rules: []CORSRule{
			func() CORSRule {
				r := tidy("", "https://app.example.com")
				r.AllowedMethods = []string{"GET"}
				r.ExposeHeaders = nil
				return r
			}(),
		}, want: nil},
		{name: "shadowed by a wider origin", rules: []CORSRule{
			tidy("wide", "https://*.example.com"),
			func() CORSRule {
				r := tidy("narrow", "https://app.example.com")
				r.AllowedMethods = []string{"PUT"}
				r.MaxAgeSeconds = i32(60)
				return r
			}(),
		}, want: []string{"cors-rule-shadowed"}, text: map[string]string{"cors-rule-shadowed": `CORS rule 2 ("narrow") never applies: CORS rule 1 ("wide") comes first`}},
		{name: "shadowed by wildcard headers", rules: []CORSRule{
			func() CORSRule {
				r := tidy("", "https://app.example.com")
				r.AllowedHeaders = []string{"X-Amz-*", "content-type"}
				return r
			}(),
			func() CORSRule {
				r := tidy("", "https://app.example.com")
				r.AllowedHeaders = []string{"x-amz-date"}
				r.MaxAgeSeconds = i32(5)
				return r
			}(),
		}, want: []string{"cors-rule-shadowed"}},
		{name: "later rule wider is not shadowed", rules: []CORSRule{
			tidy("", "https://app.example.com"),
			func() CORSRule { r := tidy("", "https://*.example.com"); r.MaxAgeSeconds = i32(5); return r }(),
		}, want: nil},
		{name: "more methods is not shadowed", rules: []CORSRule{
			tidy("", "https://app.example.com"),
			func() CORSRule {
				r := tidy("", "https://app.example.com")
				r.AllowedMethods = []string{"GET", "DELETE"}
				return r
			}(),
		}, want: nil},
		{name: "headers the earlier rule lacks: not shadowed", rules: []CORSRule{
			func() CORSRule { r := tidy("", "https://app.example.com"); r.AllowedHeaders = nil; return r }(),
			func() CORSRule {
				r := tidy("", "https://app.example.com")
				r.AllowedHeaders = []string{"x-a"}
				return r
			}(),
		}, want: nil},
		{name: "duplicate, not shadowed", rules: []CORSRule{
			tidy("a", "https://app.example.com", "https://admin.example.com"),
			func() CORSRule {
				r := tidy("b", "https://admin.example.com", "https://app.example.com")
				r.AllowedHeaders = []string{"Content-Type"}
				return r
			}(),
		}, want: []string{"cors-duplicate-rule"}, text: map[string]string{"cors-duplicate-rule": `CORS rule 2 ("b") repeats CORS rule 1 ("a") exactly`}},
		{name: "http origin on a TLS-only bucket", rules: []CORSRule{tidy("dev", "http://app.example.com")}, policy: tls,
			want: []string{"cors-http-origin-tls"}, text: map[string]string{"cors-http-origin-tls": `CORS rule 1 ("dev") allows an http:// origin although the bucket policy refuses plain HTTP`}},
		{name: "http origin without TLS policy: tls-not-enforced covers it", rules: []CORSRule{tidy("", "http://app.example.com")},
			policy: &Policy{Present: true}, want: nil},
		{name: "no max age", rules: []CORSRule{func() CORSRule { r := tidy("", "https://app.example.com"); r.MaxAgeSeconds = nil; return r }()},
			want: []string{"cors-max-age"}, text: map[string]string{"cors-max-age": "sets no MaxAgeSeconds"}},
		{name: "max age over a day", rules: []CORSRule{func() CORSRule { r := tidy("long", "https://app.example.com"); r.MaxAgeSeconds = i32(86401); return r }()},
			want: []string{"cors-max-age"}, text: map[string]string{"cors-max-age": "browsers cap it"}},
		{name: "max age of a day", rules: []CORSRule{func() CORSRule { r := tidy("", "https://app.example.com"); r.MaxAgeSeconds = i32(86400); return r }()}, want: nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st := BucketState{Name: "b", CORS: &CORS{Rules: tc.rules}, Policy: tc.policy}
			got := corsRuleFindings(&st)
			var ids []string
			for _, f := range got {
				ids = append(ids, f.ID)
				if !strings.Contains(f.Remedy, "put-bucket-cors --bucket b") || !strings.Contains(f.Remedy, "CORS rule") {
					t.Errorf("%s remedy %q does not name the rule and the command", f.ID, f.Remedy)
				}
				if want, ok := tc.text[f.ID]; ok && !strings.Contains(f.Message+" "+f.Remedy, want) {
					t.Errorf("%s says %q / %q, want %q", f.ID, f.Message, f.Remedy, want)
				}
			}
			sort.Strings(ids)
			if !reflect.DeepEqual(ids, tc.want) {
				t.Fatalf("ids %q, want %q", ids, tc.want)
			}
		})
	}
}

func TestCORSPatternCovers(t *testing.T) {
	for _, tc := range []struct {
		wide, narrow string
		want         bool
	}{
		{"*", "https://*.example.com", true},
		{"https://*", "https://*.example.com", true},
		{"https://*.example.com", "https://*", false},
		{"https://*.example.com", "https://a.example.com", true},
		{"https://a.example.com", "https://*.example.com", false},
		{"x*", "*x", false},
		{"*x", "a*x", true},
		{"ab*", "a*", false},
	} {
		if got := corsOriginAllowed([]string{tc.wide}, tc.narrow); got != tc.want {
			t.Errorf("%q covers %q = %v, want %v", tc.wide, tc.narrow, got, tc.want)
		}
	}
}
