package bucketconfig

import (
	"net/http"
	"reflect"
	"strings"
	"testing"
)

// corsDoc wraps rules in a namespaced CORSConfiguration.
func corsDoc(rules ...string) []byte {
	return []byte(ns("CORSConfiguration", strings.Join(rules, "")))
}

// simpleRule is a minimal valid rule.
const simpleRule = `<CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule>`

func TestParseCORSKeepsOrderCaseAndOnlySetMembers(t *testing.T) {
	body := corsDoc(
		`<CORSRule><ID>console</ID><AllowedOrigin>https://*.Example.com</AllowedOrigin><AllowedOrigin>http://test.com:80</AllowedOrigin><AllowedOrigin></AllowedOrigin>`+
			`<AllowedMethod>PUT</AllowedMethod><AllowedMethod>GET</AllowedMethod><AllowedHeader>X-Amz-*</AllowedHeader><AllowedHeader>Content-Type</AllowedHeader>`+
			`<ExposeHeader>ETag</ExposeHeader><MaxAgeSeconds>3000</MaxAgeSeconds></CORSRule>`,
		simpleRule)
	got, err := ParseCORS(body)
	checkErr(t, err, nil)
	age := 3000
	want := CORS{Rules: []CORSRule{
		{ID: "console", AllowedOrigins: []string{"https://*.Example.com", "http://test.com:80", ""},
			AllowedMethods: []string{"PUT", "GET"}, AllowedHeaders: []string{"X-Amz-*", "Content-Type"},
			ExposeHeaders: []string{"ETag"}, MaxAgeSeconds: &age},
		{AllowedOrigins: []string{"*"}, AllowedMethods: []string{"GET"}},
	}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %+v, want %+v", got, want)
	}
	wantXML := xmlHeader + `<CORSConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/">` +
		`<CORSRule><ID>console</ID><AllowedOrigin>https://*.Example.com</AllowedOrigin><AllowedOrigin>http://test.com:80</AllowedOrigin><AllowedOrigin></AllowedOrigin>` +
		`<AllowedMethod>PUT</AllowedMethod><AllowedMethod>GET</AllowedMethod><AllowedHeader>X-Amz-*</AllowedHeader><AllowedHeader>Content-Type</AllowedHeader>` +
		`<ExposeHeader>ETag</ExposeHeader><MaxAgeSeconds>3000</MaxAgeSeconds></CORSRule>` +
		`<CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule></CORSConfiguration>`
	if string(got.XML()) != wantXML {
		t.Fatalf("XML\n got %s\nwant %s", got.XML(), wantXML)
	}
	again, err := ParseCORS(got.XML())
	checkErr(t, err, nil)
	if !reflect.DeepEqual(again, got) {
		t.Fatalf("round trip: got %+v, want %+v", again, got)
	}
}

func TestParseCORSAcceptsLimitValues(t *testing.T) {
	rules := make([]string, 100)
	for i := range rules {
		rules[i] = simpleRule
	}
	c, err := ParseCORS(corsDoc(rules...))
	checkErr(t, err, nil)
	if len(c.Rules) != 100 {
		t.Fatalf("%d rules", len(c.Rules))
	}
	_, err = ParseCORS(corsDoc(`<CORSRule><ID>` + strings.Repeat("i", 255) + `</ID><AllowedOrigin>*</AllowedOrigin><AllowedMethod>HEAD</AllowedMethod><MaxAgeSeconds>0</MaxAgeSeconds></CORSRule>`))
	checkErr(t, err, nil)
	for _, m := range []string{"GET", "PUT", "POST", "DELETE", "HEAD"} {
		_, err := ParseCORS(corsDoc(`<CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>` + m + `</AllowedMethod></CORSRule>`))
		checkErr(t, err, nil)
	}
}

func TestParseCORSRefusals(t *testing.T) {
	unsupported := func(m string) *wantErr {
		return &wantErr{http.StatusBadRequest, "InvalidRequest", "Found unsupported HTTP method in CORS config. Unsupported method is " + m}
	}
	rule := func(inner string) string { return `<CORSRule>` + inner + `</CORSRule>` }
	origin, method := `<AllowedOrigin>*</AllowedOrigin>`, `<AllowedMethod>GET</AllowedMethod>`
	tooMany := make([]string, 101)
	for i := range tooMany {
		tooMany[i] = simpleRule
	}
	tests := []struct {
		name string
		body []byte
		want *wantErr
	}{
		{"zero rules", corsDoc(), malformed},
		{"rule without AllowedOrigin", corsDoc(rule(method)), malformed},
		{"rule without AllowedMethod", corsDoc(rule(origin)), malformed},
		{"empty CORSRule", corsDoc(`<CORSRule/>`), malformed},
		{"OPTIONS", corsDoc(rule(origin + `<AllowedMethod>OPTIONS</AllowedMethod>`)), unsupported("OPTIONS")},
		{"lower case", corsDoc(rule(origin + `<AllowedMethod>get</AllowedMethod>`)), unsupported("get")},
		{"empty method", corsDoc(rule(origin + `<AllowedMethod></AllowedMethod>`)), unsupported("")},
		{"origin with two wildcards", corsDoc(rule(`<AllowedOrigin>https://*.example.*</AllowedOrigin>` + method)),
			&wantErr{http.StatusBadRequest, "InvalidRequest", `AllowedOrigin "https://*.example.*" can not have more than one wildcard.`}},
		{"header with two wildcards", corsDoc(rule(origin + method + `<AllowedHeader>x-*-*</AllowedHeader>`)),
			&wantErr{http.StatusBadRequest, "InvalidRequest", `AllowedHeader "x-*-*" can not have more than one wildcard.`}},
		{"expose header wildcard", corsDoc(rule(origin + method + `<ExposeHeader>x-amz-*</ExposeHeader>`)),
			&wantErr{http.StatusBadRequest, "InvalidRequest", `ExposeHeader "x-amz-*" contains wildcard. We currently do not support wildcard for ExposeHeader.`}},
		{"101 rules", corsDoc(tooMany...), malformed},
		{"over 64 KB", corsDoc(rule(origin + method + `<AllowedHeader>` + strings.Repeat("h", 64*1024) + `</AllowedHeader>`)), malformed},
		{"ID over 255", corsDoc(rule(`<ID>` + strings.Repeat("i", 256) + `</ID>` + origin + method)), malformed},
		{"negative MaxAgeSeconds", corsDoc(rule(origin + method + `<MaxAgeSeconds>-1</MaxAgeSeconds>`)), malformed},
		{"non-integer MaxAgeSeconds", corsDoc(rule(origin + method + `<MaxAgeSeconds>soon</MaxAgeSeconds>`)), malformed},
		{"two MaxAgeSeconds", corsDoc(rule(origin + method + `<MaxAgeSeconds>1</MaxAgeSeconds><MaxAgeSeconds>2</MaxAgeSeconds>`)), malformed},
		{"unknown element", corsDoc(rule(origin + method + `<AllowedMethods>GET</AllowedMethods>`)), malformed},
		// Every rule must be schema-valid before semantic errors are reported.
		{"schema error in later rule wins", corsDoc(rule(origin+`<AllowedMethod>PATCH</AllowedMethod>`), `<CORSRule/>`), malformed},
		{"first semantic error in order", corsDoc(rule(origin+`<AllowedMethod>PATCH</AllowedMethod>`), rule(origin+`<AllowedMethod>TRACE</AllowedMethod>`)), unsupported("PATCH")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseCORS(tt.body)
			checkErr(t, err, tt.want)
		})
	}
}
