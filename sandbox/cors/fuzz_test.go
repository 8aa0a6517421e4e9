package cors

import (
	"strings"
	"testing"
)

// FuzzEvaluate checks the evaluator's invariants on arbitrary input: it never
// panics, a match names a rule that really matches on its own and no earlier
// rule does, the headers always start with Allow-Origin and end with Vary, and
// Allow-Origin is the origin itself or "*".
func FuzzEvaluate(f *testing.F) {
	f.Add("https://*.example.com", "GET", "x-amz-*", "https://a.example.com", "GET", "X-Amz-Date", true)
	f.Add("*", "PUT", "", "http://localhost:8080", "PUT", "", false)
	f.Add("start*end", "HEAD", "*", "startend", "HEAD", "a, b,,c", true)
	f.Add("a*b*c", "DELETE", "Content-*", "abc", "DELETE", "content-type", true)
	f.Add("", "GET", "", "", "GET", "", false)
	f.Fuzz(func(t *testing.T, origin, method, header, reqOrigin, reqMethod, reqHeaders string, preflight bool) {
		rules := []Rule{
			{AllowedOrigins: []string{origin}, AllowedMethods: []string{method}, AllowedHeaders: []string{header}},
			{AllowedOrigins: strings.Split(origin, ","), AllowedMethods: []string{"GET", method}},
		}
		req := Request{Origin: reqOrigin, Method: reqMethod, Headers: SplitHeaderList(reqHeaders), Preflight: preflight}
		res := Evaluate(rules, req)
		if !res.Matched {
			if res.Rule != -1 || res.Headers != nil {
				t.Fatalf("no match but rule %d headers %q", res.Rule, res.Headers)
			}
			for i, r := range rules {
				if reqOrigin != "" && r.matches(req) {
					t.Fatalf("rule %d matches but Evaluate found none", i)
				}
			}
			return
		}
		if reqOrigin == "" {
			t.Fatal("matched a request without Origin")
		}
		for i := 0; i < res.Rule; i++ {
			if rules[i].matches(req) {
				t.Fatalf("rule %d matched, but earlier rule %d matches too", res.Rule, i)
			}
		}
		hs := res.Headers
		if len(hs) < 3 || hs[0].Name != "Access-Control-Allow-Origin" || hs[len(hs)-1] != (Header{"Vary", VaryValue}) {
			t.Fatalf("headers %q", hs)
		}
		if hs[0].Value != reqOrigin && hs[0].Value != "*" {
			t.Fatalf("Allow-Origin %q for origin %q", hs[0].Value, reqOrigin)
		}
		for _, hd := range hs {
			if hd.Name == "Access-Control-Allow-Headers" && !preflight {
				t.Fatal("Allow-Headers on an actual request")
			}
		}
	})
}
