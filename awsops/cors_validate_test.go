package awsops

import (
	"fmt"
	"strings"
	"testing"
)

func TestValidateCORS(t *testing.T) {
	ok := CORSRule{ID: "site", AllowedOrigins: []string{"https://app.example.com", "https://*.example.com", "http://localhost:8080", "*"},
		AllowedMethods: []string{"GET", "PUT", "POST", "DELETE", "HEAD"}, AllowedHeaders: []string{"*", "x-amz-*", "Content-Type"},
		ExposeHeaders: []string{"ETag", "x-amz-version-id"}, MaxAgeSeconds: i32(0)}
	if p := ValidateCORS([]CORSRule{ok}); len(p) != 0 {
		t.Fatalf("valid rule has problems: %v", p)
	}
	rule := func(fn func(*CORSRule)) []CORSRule {
		r := ok
		fn(&r)
		return []CORSRule{r}
	}
	many := make([]CORSRule, CORSMaxRules+1)
	for i := range many {
		many[i] = ok
	}
	huge := rule(func(r *CORSRule) {
		r.AllowedOrigins = nil
		for i := 0; i < 3000; i++ {
			r.AllowedOrigins = append(r.AllowedOrigins, fmt.Sprintf("https://site-%04d.example.com", i))
		}
	})
	for _, tc := range []struct {
		name  string
		rules []CORSRule
		want  string // the String() of one problem
	}{
		{"no rules", nil, "configuration: at least one rule is needed"},
		{"too many rules", many, "configuration: 101 rules, at most 100 are allowed"},
		{"over 64 KB", huge, "configuration: the configuration is"},
		{"long id", rule(func(r *CORSRule) { r.ID = strings.Repeat("x", 256) }), "rule 1 ID: is 256 characters, at most 255"},
		{"no origin", rule(func(r *CORSRule) { r.AllowedOrigins = nil }), "rule 1 AllowedOrigins: at least one origin is needed"},
		{"two stars", rule(func(r *CORSRule) { r.AllowedOrigins = []string{"https://*.*.example.com"} }), `"https://*.*.example.com" has more than one *`},
		{"no scheme", rule(func(r *CORSRule) { r.AllowedOrigins = []string{"app.example.com"} }), `"app.example.com" is not * or scheme://host[:port]`},
		{"path", rule(func(r *CORSRule) { r.AllowedOrigins = []string{"https://app.example.com/"} }), "must not have a path"},
		{"bad port", rule(func(r *CORSRule) { r.AllowedOrigins = []string{"https://app.example.com:99999"} }), `invalid port "99999"`},
		{"bad host", rule(func(r *CORSRule) { r.AllowedOrigins = []string{"https://app example.com"} }), `invalid character ' ' in the host`},
		{"empty host", rule(func(r *CORSRule) { r.AllowedOrigins = []string{"https://"} }), "has no host"},
		{"no method", rule(func(r *CORSRule) { r.AllowedMethods = nil }), "rule 1 AllowedMethods: at least one method is needed"},
		{"lower-case method", rule(func(r *CORSRule) { r.AllowedMethods = []string{"get"} }), `"get" must be written in upper case: GET`},
		{"OPTIONS", rule(func(r *CORSRule) { r.AllowedMethods = []string{"OPTIONS"} }), `"OPTIONS" is not one of GET PUT POST DELETE HEAD`},
		{"header two stars", rule(func(r *CORSRule) { r.AllowedHeaders = []string{"x-*-*"} }), `rule 1 AllowedHeaders: "x-*-*" has more than one *`},
		{"header space", rule(func(r *CORSRule) { r.AllowedHeaders = []string{"x amz"} }), `"x amz" has ' ', which is not allowed`},
		{"header empty", rule(func(r *CORSRule) { r.AllowedHeaders = []string{""} }), `"" is empty`},
		{"expose star", rule(func(r *CORSRule) { r.ExposeHeaders = []string{"x-amz-*"} }), `rule 1 ExposeHeaders: "x-amz-*" must not contain *`},
		{"negative max age", rule(func(r *CORSRule) { r.MaxAgeSeconds = i32(-1) }), "rule 1 MaxAgeSeconds: is -1, it must not be negative"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, p := range ValidateCORS(tc.rules) {
				got = append(got, p.String())
			}
			for _, g := range got {
				if strings.Contains(g, tc.want) {
					return
				}
			}
			t.Fatalf("problems %q, want one containing %q", got, tc.want)
		})
	}
}

func TestCORSXMLSizeGrows(t *testing.T) {
	one := []CORSRule{{AllowedOrigins: []string{"*"}, AllowedMethods: []string{"GET"}}}
	n := CORSXMLSize(one)
	if n < len(`<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule></CORSConfiguration>`) {
		t.Fatalf("size %d is smaller than the document", n)
	}
	if m := CORSXMLSize(append(one, one[0])); m <= n {
		t.Fatalf("two rules %d bytes, one %d", m, n)
	}
}
