package cors

import (
	"reflect"
	"testing"
)

func intp(v int) *int { return &v }

// h is a shorthand for an ordered header list.
func h(kv ...string) []Header {
	var out []Header
	for i := 0; i+1 < len(kv); i += 2 {
		out = append(out, Header{kv[i], kv[i+1]})
	}
	return out
}

func TestEvaluate(t *testing.T) {
	site := Rule{
		AllowedOrigins: []string{"https://www.example.com"},
		AllowedMethods: []string{"PUT", "POST", "DELETE"},
		AllowedHeaders: []string{"*"},
		ExposeHeaders:  []string{"ETag", "x-amz-request-id"},
		MaxAgeSeconds:  intp(3000),
	}
	sub := Rule{
		AllowedOrigins: []string{"http://*.origin.com"},
		AllowedMethods: []string{"GET"},
		AllowedHeaders: []string{"x-amz-*", "Content-Type"},
	}
	any := Rule{AllowedOrigins: []string{"*"}, AllowedMethods: []string{"GET", "HEAD"}}
	cases := []struct {
		name  string
		rules []Rule
		req   Request
		rule  int // -1: no match
		want  []Header
	}{
		{"no configuration", nil, Request{Origin: "https://www.example.com", Method: "PUT", Preflight: true}, -1, nil},
		{"no origin", []Rule{any}, Request{Method: "GET", Preflight: true}, -1, nil},
		{"exact origin, all methods and headers of the rule", []Rule{site},
			Request{Origin: "https://www.example.com", Method: "PUT", Headers: []string{"Content-Type", "X-Amz-Date"}, Preflight: true}, 0,
			h("Access-Control-Allow-Origin", "https://www.example.com", "Access-Control-Allow-Credentials", "true",
				"Access-Control-Allow-Methods", "PUT, POST, DELETE", "Access-Control-Allow-Headers", "content-type, x-amz-date",
				"Access-Control-Expose-Headers", "ETag, x-amz-request-id", "Access-Control-Max-Age", "3000", "Vary", VaryValue)},
		{"actual request: no Allow-Headers", []Rule{site},
			Request{Origin: "https://www.example.com", Method: "PUT", Headers: []string{"x-a"}}, 0,
			h("Access-Control-Allow-Origin", "https://www.example.com", "Access-Control-Allow-Credentials", "true",
				"Access-Control-Allow-Methods", "PUT, POST, DELETE",
				"Access-Control-Expose-Headers", "ETag, x-amz-request-id", "Access-Control-Max-Age", "3000", "Vary", VaryValue)},
		{"scheme differs", []Rule{site}, Request{Origin: "http://www.example.com", Method: "PUT", Preflight: true}, -1, nil},
		{"port differs", []Rule{site}, Request{Origin: "https://www.example.com:443", Method: "PUT", Preflight: true}, -1, nil},
		{"origin is case-sensitive", []Rule{site}, Request{Origin: "https://WWW.example.com", Method: "PUT", Preflight: true}, -1, nil},
		{"method not allowed", []Rule{site}, Request{Origin: "https://www.example.com", Method: "GET", Preflight: true}, -1, nil},
		{"method is exact upper case", []Rule{site}, Request{Origin: "https://www.example.com", Method: "put", Preflight: true}, -1, nil},
		{"wildcard subdomain", []Rule{sub}, Request{Origin: "http://test.origin.com", Method: "GET", Preflight: true}, 0,
			h("Access-Control-Allow-Origin", "http://test.origin.com", "Access-Control-Allow-Credentials", "true",
				"Access-Control-Allow-Methods", "GET", "Vary", VaryValue)},
		{"wildcard is anchored at the end", []Rule{sub}, Request{Origin: "http://test.origin.com/", Method: "GET", Preflight: true}, -1, nil},
		{"wildcard spans dots", []Rule{sub}, Request{Origin: "http://a.b.origin.com", Method: "GET"}, 0,
			h("Access-Control-Allow-Origin", "http://a.b.origin.com", "Access-Control-Allow-Credentials", "true",
				"Access-Control-Allow-Methods", "GET", "Vary", VaryValue)},
		{"wildcard matches empty", []Rule{{AllowedOrigins: []string{"start*end"}, AllowedMethods: []string{"GET"}}},
			Request{Origin: "startend", Method: "GET"}, 0,
			h("Access-Control-Allow-Origin", "startend", "Access-Control-Allow-Credentials", "true",
				"Access-Control-Allow-Methods", "GET", "Vary", VaryValue)},
		{"headers case-insensitively with wildcard", []Rule{sub},
			Request{Origin: "http://x.origin.com", Method: "GET", Headers: []string{"X-AMZ-Date", "content-type"}, Preflight: true}, 0,
			h("Access-Control-Allow-Origin", "http://x.origin.com", "Access-Control-Allow-Credentials", "true",
				"Access-Control-Allow-Methods", "GET", "Access-Control-Allow-Headers", "x-amz-date, content-type", "Vary", VaryValue)},
		{"one header not allowed", []Rule{sub},
			Request{Origin: "http://x.origin.com", Method: "GET", Headers: []string{"x-amz-date", "authorization"}, Preflight: true}, -1, nil},
		{"headers requested, rule has none", []Rule{any},
			Request{Origin: "https://a", Method: "GET", Headers: []string{"x-a"}, Preflight: true}, -1, nil},
		{"star origin answers star without credentials", []Rule{any}, Request{Origin: "https://a", Method: "HEAD", Preflight: true}, 0,
			h("Access-Control-Allow-Origin", "*", "Access-Control-Allow-Methods", "GET, HEAD", "Vary", VaryValue)},
		{"first matching rule wins", []Rule{site, sub, any}, Request{Origin: "http://x.origin.com", Method: "GET"}, 1,
			h("Access-Control-Allow-Origin", "http://x.origin.com", "Access-Control-Allow-Credentials", "true",
				"Access-Control-Allow-Methods", "GET", "Vary", VaryValue)},
		{"later rule when earlier fails on method", []Rule{site, any}, Request{Origin: "https://www.example.com", Method: "GET"}, 1,
			h("Access-Control-Allow-Origin", "*", "Access-Control-Allow-Methods", "GET, HEAD", "Vary", VaryValue)},
		{"no rule matches", []Rule{site, sub}, Request{Origin: "https://evil.test", Method: "GET"}, -1, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := Evaluate(tc.rules, tc.req)
			if got.Rule != tc.rule || got.Matched != (tc.rule >= 0) {
				t.Fatalf("rule %d matched %v, want rule %d", got.Rule, got.Matched, tc.rule)
			}
			if !reflect.DeepEqual(got.Headers, tc.want) {
				t.Fatalf("headers\n got %q\nwant %q", got.Headers, tc.want)
			}
		})
	}
}

func TestSplitHeaderList(t *testing.T) {
	for in, want := range map[string][]string{
		"":                         nil,
		"a":                        {"a"},
		"X-Amz-Date,Content-Type":  {"X-Amz-Date", "Content-Type"},
		" a , b,,c ":               {"a", "b", "c"},
		"x-amz-content-sha256, , ": {"x-amz-content-sha256"},
	} {
		if got := SplitHeaderList(in); !reflect.DeepEqual(got, want) {
			t.Errorf("SplitHeaderList(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestMatch(t *testing.T) {
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
		{"ab*ba", "aba", false}, // prefix and suffix may not overlap
		{"a*b*c", "aXbYc", true},
		{"a*b*c", "acb", false},
	} {
		if got := Match(tc.pattern, tc.s); got != tc.want {
			t.Errorf("Match(%q, %q) = %v, want %v", tc.pattern, tc.s, got, tc.want)
		}
	}
}
