package corsedit

import (
	"reflect"
	"strings"
	"testing"

	"github.com/s3sec/s3sec/awsops"
)

func TestFieldProblemsAsTyped(t *testing.T) {
	for _, tc := range []struct {
		key, value string
		want       string // substring of the problem; "" for none
	}{
		{KeyOrigins, "", "at least one origin"},
		{KeyOrigins, "https://app.example.com", ""},
		{KeyOrigins, "https://app.example.com, http://localhost:3000", ""},
		{KeyOrigins, "*", ""},
		{KeyOrigins, "https://*.example.com", ""},
		{KeyOrigins, "https://*.*.example.com", "more than one *"},
		{KeyOrigins, "app.example.com", "scheme://host[:port]"},
		{KeyOrigins, "https://app.example.com/path", "path"},
		{KeyOrigins, "https://app.example.com:99999", "invalid port"},
		{KeyOrigins, "https://app.example.com, ftp//x", `"ftp//x"`},
		{KeyAllowed, "content-type, x-amz-*", ""},
		{KeyAllowed, "*", ""},
		{KeyAllowed, "x-*-*", "more than one *"},
		{KeyAllowed, "bad:header", "not allowed in a header name"},
		{KeyExposed, "ETag x-amz-version-id", ""},
		{KeyExposed, "x-amz-*", "must not contain *"},
		{KeyMaxAge, "", ""},
		{KeyMaxAge, "3000", ""},
		{KeyMaxAge, "-1", "0 or more"},
		{KeyMaxAge, "3000s", "number of seconds"},
		{KeyMaxAge, "99999999999", "too large"},
		{KeyID, strings.Repeat("x", 256), "at most 255"},
		{KeyID, "public-read", ""},
	} {
		f := &Fields{Methods: []string{"GET"}}
		switch tc.key {
		case KeyOrigins:
			f.Origins = tc.value
		case KeyAllowed:
			f.Allowed = tc.value
		case KeyExposed:
			f.Exposed = tc.value
		case KeyMaxAge:
			f.MaxAge = tc.value
		case KeyID:
			f.ID = tc.value
		}
		got := f.Problem(tc.key)
		if (tc.want == "") != (got == "") || !strings.Contains(got, tc.want) {
			t.Errorf("%s %q: problem %q, want %q", tc.key, tc.value, got, tc.want)
		}
	}
	if p := (&Fields{}).Problem(KeyMethods); !strings.Contains(p, "at least one method") {
		t.Errorf("no method: %q", p)
	}
}

func TestFieldsRoundTripARule(t *testing.T) {
	age := int32(600)
	r := awsops.CORSRule{ID: "upload", AllowedOrigins: []string{"https://a.example", "https://b.example"},
		AllowedMethods: []string{"PUT", "POST"}, AllowedHeaders: []string{"content-type"}, ExposeHeaders: []string{"ETag"}, MaxAgeSeconds: &age}
	f := FieldsOf(&r)
	f.Methods = []string{"POST", "GET", "PUT"} // marked in any order
	got, err := f.Rule()
	if err != nil {
		t.Fatal(err)
	}
	r.AllowedMethods = []string{"GET", "PUT", "POST"} // S3's order
	if !reflect.DeepEqual(got, r) {
		t.Fatalf("rule %+v, want %+v", got, r)
	}
	f.MaxAge = ""
	if got, _ := f.Rule(); got.MaxAgeSeconds != nil {
		t.Fatal("an empty max age is not set")
	}
	f.Origins = "nope"
	if _, err := f.Rule(); err == nil || !strings.Contains(err.Error(), "origins:") {
		t.Fatalf("a bad origin must name the field, got %v", err)
	}
}

func TestNewRuleDefaultsAreSendable(t *testing.T) {
	f := FieldsOf(nil)
	f.Origins = "https://app.example.com"
	r, err := f.Rule()
	if err != nil {
		t.Fatal(err)
	}
	if probs := awsops.ValidateCORS([]awsops.CORSRule{r}); len(probs) > 0 {
		t.Fatalf("defaults refused: %v", probs)
	}
	if notes := awsops.CORSRuleNotes([]awsops.CORSRule{r}, true); len(notes[0]) > 0 {
		t.Fatalf("defaults must lint clean: %+v", notes[0])
	}
}
