package awsops

import (
	"reflect"
	"strings"
	"testing"
)

func TestCORSRuleNotes(t *testing.T) {
	withRule := func(edit func(*CORSRule)) CORSRule { r := tidy("", "https://app.example.com"); edit(&r); return r }
	for _, tc := range []struct {
		name  string
		rules []CORSRule
		tls   bool
		want  [][]string // ids per rule, most severe first
		text  string     // substring of some note
	}{
		{name: "tidy", rules: []CORSRule{tidy("", "https://app.example.com")}, tls: true, want: [][]string{nil}},
		{name: "wildcard write", rules: []CORSRule{withRule(func(r *CORSRule) {
			r.AllowedOrigins = []string{"*"}
			r.AllowedMethods = []string{"GET", "PUT", "POST"}
		})}, want: [][]string{{"cors-wildcard-write", "cors-wildcard-origin"}}, text: "any web site may send PUT, POST"},
		{name: "any https host writes", rules: []CORSRule{withRule(func(r *CORSRule) { r.AllowedOrigins = []string{"https://*"} })},
			want: [][]string{{"cors-wildcard-write"}}},
		{name: "star with Authorization", rules: []CORSRule{withRule(func(r *CORSRule) {
			r.AllowedOrigins = []string{"*"}
			r.AllowedMethods = []string{"GET"}
			r.AllowedHeaders = []string{"authorization"}
		})}, want: [][]string{{"cors-wildcard-origin", "cors-wildcard-authorization"}}, text: "Authorization"},
		{name: "etag not exposed", rules: []CORSRule{withRule(func(r *CORSRule) { r.ExposeHeaders = nil })},
			want: [][]string{{"cors-etag-not-exposed"}}, text: "multipart"},
		{name: "POST alone needs ETag too", rules: []CORSRule{withRule(func(r *CORSRule) { r.AllowedMethods = []string{"POST"}; r.ExposeHeaders = []string{"x-amz-request-id"} })},
			want: [][]string{{"cors-etag-not-exposed"}}},
		{name: "shadowed", rules: []CORSRule{
			tidy("", "https://*.example.com"),
			withRule(func(r *CORSRule) { r.MaxAgeSeconds = i32(10) }),
		}, want: [][]string{nil, {"cors-rule-shadowed"}}, text: "rule 1 above"},
		{name: "http origin, TLS enforced", rules: []CORSRule{tidy("", "http://app.example.com")}, tls: true,
			want: [][]string{{"cors-http-origin-tls"}}},
		{name: "http origin, TLS not enforced", rules: []CORSRule{tidy("", "http://app.example.com")}, want: [][]string{nil}},
		{name: "duplicate", rules: []CORSRule{tidy("a", "https://app.example.com"), tidy("b", "https://app.example.com")},
			want: [][]string{nil, {"cors-duplicate-rule"}}, text: "repeats rule 1"},
		{name: "no max age", rules: []CORSRule{withRule(func(r *CORSRule) { r.MaxAgeSeconds = nil })}, want: [][]string{{"cors-max-age"}}},
		{name: "max age too long", rules: []CORSRule{withRule(func(r *CORSRule) { r.MaxAgeSeconds = i32(864000) })}, want: [][]string{{"cors-max-age"}}, text: "over 86400"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			notes := CORSRuleNotes(tc.rules, tc.tls)
			got := make([][]string, len(notes))
			found := tc.text == ""
			for i, ns := range notes {
				for _, n := range ns {
					got[i] = append(got[i], n.ID)
					if len(n.Text) > 70 {
						t.Errorf("note %q is %d characters, too long for a table row", n.Text, len(n.Text))
					}
					found = found || strings.Contains(n.Text, tc.text)
				}
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Fatalf("ids %q, want %q", got, tc.want)
			}
			if !found {
				t.Fatalf("no note says %q: %+v", tc.text, notes)
			}
		})
	}
}

// TestCORSRuleNotesAgreeWithReport: every finding the report makes about
// CORS rules is also noted on a rule, so the pane never hides one.
func TestCORSRuleNotesAgreeWithReport(t *testing.T) {
	rules := []CORSRule{
		{AllowedOrigins: []string{"*"}, AllowedMethods: []string{"GET", "PUT"}, AllowedHeaders: []string{"*"}},
		{AllowedOrigins: []string{"http://a.example.com"}, AllowedMethods: []string{"GET"}, MaxAgeSeconds: i32(999999)},
		{AllowedOrigins: []string{"http://a.example.com"}, AllowedMethods: []string{"GET"}, MaxAgeSeconds: i32(999999)},
		{AllowedOrigins: []string{"https://x.example.com"}, AllowedMethods: []string{"GET"}, MaxAgeSeconds: i32(1)},
	}
	st := BucketState{Name: "b", CORS: &CORS{Rules: rules}, Policy: &Policy{Present: true, TLSEnforced: true}}
	noted := map[string]bool{}
	for _, ns := range CORSRuleNotes(rules, true) {
		for _, n := range ns {
			noted[n.ID] = true
		}
	}
	for _, f := range corsFindings(&st) {
		if !noted[f.ID] {
			t.Errorf("the report finds %s (%s) but no rule notes it", f.ID, f.Message)
		}
	}
}
