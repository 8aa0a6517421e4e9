package sigv4

import (
	"net/http"
	"reflect"
	"testing"
)

func TestCanonicalQuery(t *testing.T) {
	cases := []struct {
		raw       string
		presigned bool
		want      string
	}{
		{"", false, ""},
		{"versioning", false, "versioning="},
		{"uploads&prefix=a", false, "prefix=a&uploads="},
		{"prefix=a+b&list-type=2", false, "list-type=2&prefix=a%20b"},
		{"prefix=a%2Bb", false, "prefix=a%2Bb"},
		{"k=%7e%2f%20*", false, "k=~%2F%20%2A"},
		// Sorting happens after encoding: "%2F" sorts before "-".
		{"a=a-b&a=a%2Fb", false, "a=a%2Fb&a=a-b"},
		{"b=1&&a=2&", false, "a=2&b=1"},
		{"bad=%zz", false, "bad=%25zz"},
		{"X-Amz-Signature=abc&X-Amz-Date=1", true, "X-Amz-Date=1"},
		{"X-Amz-Signature=abc", false, "X-Amz-Signature=abc"},
		{"%C3%BC=%E2%82%AC", false, "%C3%BC=%E2%82%AC"},
	}
	for _, c := range cases {
		if got := canonicalQuery(c.raw, c.presigned); got != c.want {
			t.Errorf("canonicalQuery(%q, %v) = %q, want %q", c.raw, c.presigned, got, c.want)
		}
	}
}

func TestCanonicalURIs(t *testing.T) {
	cases := []struct {
		path string
		s3   bool
		want []string
	}{
		{"", true, []string{"/"}},
		{"/b/a%20b", true, []string{"/b/a%20b"}},
		// S3 never normalises or double-encodes.
		{"/b/a//b/../c", true, []string{"/b/a//b/../c"}},
		// A laxly encoded path also gets its strict form as a candidate;
		// an encoded '/' inside a segment stays encoded.
		{"/b/it's!", true, []string{"/b/it's!", "/b/it%27s%21"}},
		{"/b/x%2Fy", true, []string{"/b/x%2Fy"}},
		{"/b/%c3%bc", true, []string{"/b/%c3%bc", "/b/%C3%BC"}},
		// Other services encode the escaped path once more.
		{"/", false, []string{"/"}},
		{"/a%20b", false, []string{"/a%2520b"}},
	}
	for _, c := range cases {
		r, err := http.NewRequest("GET", "http://127.0.0.1"+c.path, nil)
		if err != nil {
			t.Fatal(err)
		}
		if got := canonicalURIs(r, c.s3); !reflect.DeepEqual(got, c.want) {
			t.Errorf("canonicalURIs(%q, s3=%v) = %q, want %q", c.path, c.s3, got, c.want)
		}
	}
}

func TestCanonicalHeaders(t *testing.T) {
	r, _ := http.NewRequest("PUT", "http://127.0.0.1:8080/b/k", nil)
	r.Header["X-Amz-Meta-A"] = []string{"  leading and   inner  spaces  ", "second value"}
	r.Header.Set("Content-Type", "text/plain")
	r.Header["weird_key"] = []string{"kept"} // not canonicalised by Go's server
	r.ContentLength = 42
	got := canonicalHeaders(r, []string{"content-length", "content-type", "host", "weird_key", "x-amz-meta-a", "x-amz-missing"})
	want := "content-length:42\ncontent-type:text/plain\nhost:127.0.0.1:8080\nweird_key:kept\n" +
		"x-amz-meta-a:leading and inner spaces,second value\nx-amz-missing:\n"
	if got != want {
		t.Fatalf("got\n%q\nwant\n%q", got, want)
	}
}

func TestAuthorizationHeaderForms(t *testing.T) {
	r, _ := http.NewRequest("GET", "http://127.0.0.1/", nil)
	r.Header.Set("X-Amz-Date", "20130524T000000Z")
	cases := map[string]string{
		// With and without spaces after the commas, as different clients send.
		"AWS4-HMAC-SHA256 Credential=AK/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-date, Signature=ab": "",
		"AWS4-HMAC-SHA256 Credential=AK/20130524/us-east-1/s3/aws4_request,SignedHeaders=host;x-amz-date,Signature=ab":   "",
		"AWS4-HMAC-SHA256 Credential=AK/20130524/us-east-1/s3/aws4_request, Signature=ab":                                "AuthorizationHeaderMalformed",
		"AWS4-HMAC-SHA256 Credential=AK/20130524/us-east-1/aws4_request, SignedHeaders=host, Signature=ab":               "AuthorizationHeaderMalformed",
		"AWS4-HMAC-SHA256 Credential=AK/20130525/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=ab":            "AuthorizationHeaderMalformed",
		"AWS4-ECDSA-P256-SHA256 Credential=AK/20130524/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=ab":      "InvalidRequest",
	}
	for header, wantCode := range cases {
		a, e := parseAuthHeader(r, header)
		switch {
		case wantCode == "" && (e != nil || a.cred.AccessKeyID != "AK" || a.signedHeaders != "host;x-amz-date" || a.signature != "ab"):
			t.Errorf("%q: got %+v %+v", header, a, e)
		case wantCode != "" && (e == nil || e.Code != wantCode):
			t.Errorf("%q: got %+v, want %s", header, e, wantCode)
		}
	}
}
