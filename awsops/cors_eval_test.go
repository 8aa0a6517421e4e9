package awsops

import (
	"reflect"
	"strings"
	"testing"
)

func i32(v int32) *int32 { return &v }

// hdrs is a shorthand for an ordered header list.
func hdrs(kv ...string) []CORSHeader {
	var out []CORSHeader
	for i := 0; i+1 < len(kv); i += 2 {
		out = append(out, CORSHeader{kv[i], kv[i+1]})
	}
	return out
}

// The cases follow S3-BEHAVIOR.md 5.2/5.3; many are the same table rows the
// sandbox's evaluator is checked against, so both implementations answer
// the same questions independently.
func TestEvaluateCORS(t *testing.T) {
	site := CORSRule{
		ID:             "site",
		AllowedOrigins: []string{"https://www.example.com"},
		AllowedMethods: []string{"PUT", "POST", "DELETE"},
		AllowedHeaders: []string{"*"},
		ExposeHeaders:  []string{"ETag", "x-amz-request-id"},
		MaxAgeSeconds:  i32(3000),
	}
	sub := CORSRule{
		AllowedOrigins: []string{"http://*.origin.com"},
		AllowedMethods: []string{"GET"},
		AllowedHeaders: []string{"x-amz-*", "Content-Type"},
	}
	anyOrigin := CORSRule{ID: "any", AllowedOrigins: []string{"*"}, AllowedMethods: []string{"GET", "HEAD"}}
	cases := []struct {
		name   string
		rules  []CORSRule
		req    CORSRequest
		rule   int // -1: no match
		want   []CORSHeader
		reason string // substring of Reason when refused
	}{
		{"no configuration", nil, CORSRequest{Origin: "https://www.example.com", Method: "PUT", Preflight: true}, -1, nil, "no CORS configuration"},
		{"no origin", []CORSRule{anyOrigin}, CORSRequest{Method: "GET", Preflight: true}, -1, nil, "no Origin header"},
		{"exact origin, all methods and headers of the rule", []CORSRule{site},
			CORSRequest{Origin: "https://www.example.com", Method: "PUT", Headers: []string{"Content-Type", "X-Amz-Date"}, Preflight: true}, 0,
			hdrs("Access-Control-Allow-Origin", "https://www.example.com", "Access-Control-Allow-Credentials", "true",
				"Access-Control-Allow-Methods", "PUT, POST, DELETE", "Access-Control-Allow-Headers", "content-type, x-amz-date",
				"Access-Control-Expose-Headers", "ETag, x-amz-request-id", "Access-Control-Max-Age", "3000", "Vary", CORSVary), ""},
		{"actual request: no Allow-Headers", []CORSRule{site},
			CORSRequest{Origin: "https://www.example.com", Method: "PUT", Headers: []string{"x-a"}}, 0,
			hdrs("Access-Control-Allow-Origin", "https://www.example.com", "Access-Control-Allow-Credentials", "true",
				"Access-Control-Allow-Methods", "PUT, POST, DELETE",
				"Access-Control-Expose-Headers", "ETag, x-amz-request-id", "Access-Control-Max-Age", "3000", "Vary", CORSVary), ""},
		{"scheme differs", []CORSRule{site}, CORSRequest{Origin: "http://www.example.com", Method: "PUT", Preflight: true}, -1, nil, "no rule allows origin http://www.example.com"},
		{"port differs", []CORSRule{site}, CORSRequest{Origin: "https://www.example.com:443", Method: "PUT", Preflight: true}, -1, nil, "origin"},
		{"origin is case-sensitive", []CORSRule{site}, CORSRequest{Origin: "https://WWW.example.com", Method: "PUT", Preflight: true}, -1, nil, "origin"},
		{"method not allowed", []CORSRule{site}, CORSRequest{Origin: "https://www.example.com", Method: "GET", Preflight: true}, -1, nil, "allows method GET"},
		{"method is exact upper case", []CORSRule{site}, CORSRequest{Origin: "https://www.example.com", Method: "put", Preflight: true}, -1, nil, "method put"},
		{"wildcard subdomain", []CORSRule{sub}, CORSRequest{Origin: "http://test.origin.com", Method: "GET", Preflight: true}, 0,
			hdrs("Access-Control-Allow-Origin", "http://test.origin.com", "Access-Control-Allow-Credentials", "true",
				"Access-Control-Allow-Methods", "GET", "Vary", CORSVary), ""},
		{"wildcard is anchored at the end", []CORSRule{sub}, CORSRequest{Origin: "http://test.origin.com/", Method: "GET", Preflight: true}, -1, nil, "origin"},
		{"wildcard spans dots", []CORSRule{sub}, CORSRequest{Origin: "http://a.b.origin.com", Method: "GET"}, 0,
			hdrs("Access-Control-Allow-Origin", "http://a.b.origin.com", "Access-Control-Allow-Credentials", "true",
				"Access-Control-Allow-Methods", "GET", "Vary", CORSVary), ""},
		{"wildcard matches empty", []CORSRule{{AllowedOrigins: []string{"start*end"}, AllowedMethods: []string{"GET"}}},
			CORSRequest{Origin: "startend", Method: "GET"}, 0,
			hdrs("Access-Control-Allow-Origin", "startend", "Access-Control-Allow-Credentials", "true",
				"Access-Control-Allow-Methods", "GET", "Vary", CORSVary), ""},
		{"prefix and suffix may not overlap", []CORSRule{{AllowedOrigins: []string{"ab*ba"}, AllowedMethods: []string{"GET"}}},
			CORSRequest{Origin: "aba", Method: "GET"}, -1, nil, "origin"},
		{"headers case-insensitively with wildcard", []CORSRule{sub},
			CORSRequest{Origin: "http://x.origin.com", Method: "GET", Headers: []string{"X-AMZ-Date", "content-type"}, Preflight: true}, 0,
			hdrs("Access-Control-Allow-Origin", "http://x.origin.com", "Access-Control-Allow-Credentials", "true",
				"Access-Control-Allow-Methods", "GET", "Access-Control-Allow-Headers", "x-amz-date, content-type", "Vary", CORSVary), ""},
		{"one header not allowed", []CORSRule{sub},
			CORSRequest{Origin: "http://x.origin.com", Method: "GET", Headers: []string{"x-amz-date", "authorization"}, Preflight: true}, -1, nil, "allows header authorization"},
		{"headers requested, rule has none", []CORSRule{anyOrigin},
			CORSRequest{Origin: "https://a", Method: "GET", Headers: []string{"x-a"}, Preflight: true}, -1, nil, "header x-a"},
		{"star origin answers star without credentials", []CORSRule{anyOrigin}, CORSRequest{Origin: "https://a", Method: "HEAD", Preflight: true}, 0,
			hdrs("Access-Control-Allow-Origin", "*", "Access-Control-Allow-Methods", "GET, HEAD", "Vary", CORSVary), ""},
		{"first matching rule wins", []CORSRule{site, sub, anyOrigin}, CORSRequest{Origin: "http://x.origin.com", Method: "GET"}, 1,
			hdrs("Access-Control-Allow-Origin", "http://x.origin.com", "Access-Control-Allow-Credentials", "true",
				"Access-Control-Allow-Methods", "GET", "Vary", CORSVary), ""},
		{"later rule when earlier fails on method", []CORSRule{site, anyOrigin}, CORSRequest{Origin: "https://www.example.com", Method: "GET"}, 1,
			hdrs("Access-Control-Allow-Origin", "*", "Access-Control-Allow-Methods", "GET, HEAD", "Vary", CORSVary), ""},
		{"no rule matches", []CORSRule{site, sub}, CORSRequest{Origin: "https://evil.test", Method: "GET"}, -1, nil, "no rule allows origin https://evil.test"},
		{"headers split over two rules match neither", []CORSRule{
			{AllowedOrigins: []string{"*"}, AllowedMethods: []string{"PUT"}, AllowedHeaders: []string{"a"}},
			{AllowedOrigins: []string{"*"}, AllowedMethods: []string{"PUT"}, AllowedHeaders: []string{"b"}},
		}, CORSRequest{Origin: "https://x", Method: "PUT", Headers: []string{"a", "b"}, Preflight: true}, -1, nil, "no single rule"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := EvaluateCORS(tc.rules, tc.req)
			if got.Rule != tc.rule || got.Allowed != (tc.rule >= 0) {
				t.Fatalf("rule %d allowed %v, want rule %d", got.Rule, got.Allowed, tc.rule)
			}
			if tc.rule >= 0 && got.RuleID != tc.rules[tc.rule].ID {
				t.Errorf("rule id %q, want %q", got.RuleID, tc.rules[tc.rule].ID)
			}
			if !reflect.DeepEqual(got.Headers, tc.want) {
				t.Fatalf("headers\n got %q\nwant %q", got.Headers, tc.want)
			}
			if !strings.Contains(got.Reason, tc.reason) || (tc.rule >= 0) != (got.Reason == "") {
				t.Errorf("reason %q, want it to contain %q", got.Reason, tc.reason)
			}
		})
	}
}

func TestCORSWildcard(t *testing.T) {
	for _, tc := range []struct {
		pattern, s string
		want       bool
	}{
		{"", "", true},
		{"a", "a", true},
		{"a", "ab", false},
		{"*", "", true},
		{"*", "anything", true},
		{"x-amz-*", "x-amz-date", true},
		{"x-amz-*", "x-am", false},
		{"*.com", "a.com", true},
		{"ab*ba", "aba", false},
		{"a*b*c", "aXbYc", true},
		{"a*b*c", "acb", false},
	} {
		if got := corsWildcard(tc.pattern, tc.s); got != tc.want {
			t.Errorf("corsWildcard(%q, %q) = %v, want %v", tc.pattern, tc.s, got, tc.want)
		}
	}
}
